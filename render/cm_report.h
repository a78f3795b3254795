/* Reports: the text, Markdown, CSV and JSON forms of chainmap's answers. */
#pragma once

#include "cm_diagnostics.h"

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_FORMAT_TEXT,
  CM_FORMAT_MD,
  CM_FORMAT_CSV,
  CM_FORMAT_JSON,
} CmReportFormat;

gboolean cm_report_format_from_string(const char *s, CmReportFormat *format);

/* validate: diagnostics as text (compiler style plus a summary line), CSV or JSON
 * ({"errors": N, "warnings": N, "diagnostics": [...]}). Markdown is a bulleted list.
 * (transfer full) */
GString *cm_report_validate(const CmDiagnostics *diags, const char *dataset, CmReportFormat format);

G_END_DECLS
