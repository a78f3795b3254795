/* chainmap: reports: the text, Markdown, CSV and JSON forms of chainmap's answers. */
#pragma once

#include <chainmap/analysis.h>
#include <chainmap/diagnostics.h>

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

/* How the gaps, procurement and targets reports are written. */
typedef struct {
  CmReportFormat format;
  gboolean color; /* ANSI colour in text (the caller decides: a terminal, no NO_COLOR) */
  guint top;      /* targets: keep the first top entries; 0 keeps all */
} CmReportOptions;

/* gaps: segment status, the three action lists (strengthen 强链, supplement 补链, extend 延链)
 * with the reason for each status. JSON as SPEC section 4; CSV one row per segment.
 * (transfer full) */
GString *cm_report_gaps(const CmDataset *ds, const CmGaps *gaps, const CmReportOptions *options);

/* procurement: the chain leaders' and the region's local-procurement ratios, each leader's
 * purchases by segment (the audit trail of the headline) and every local buyer. CSV one row per
 * buyer. (transfer full) */
GString *cm_report_procurement(const CmDataset *ds, const CmProcurement *procurement,
                               const CmReportOptions *options);

/* targets: whom to invite, ranked. CSV one row per target. (transfer full) */
GString *cm_report_targets(const CmDataset *ds, const CmTargets *targets,
                           const CmReportOptions *options);

/* Takes a report piece by piece, in order: len bytes at data (valid only during the call).
 * Returns FALSE, with error set, to stop the report. */
typedef gboolean (*CmReportWriteFunc)(const char *data, gsize len, gpointer user_data,
                                      GError **error);

/* The targets report as cm_report_targets forms it, byte for byte, handed to write in pieces of
 * about a megabyte as it is formed instead of held whole: the text of 600 000 national targets
 * is half a gigabyte. FALSE when write failed (error is its error); what it had taken stays
 * taken. */
gboolean cm_report_targets_write(const CmDataset *ds, const CmTargets *targets,
                                 const CmReportOptions *options, CmReportWriteFunc write,
                                 gpointer user_data, GError **error);

G_END_DECLS
