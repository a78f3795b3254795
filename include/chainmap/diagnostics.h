/* chainmap: diagnostics: problems found in a dataset, reported compiler style (FILE:LINE: error:
 * MESSAGE). Data problems are not program errors: loaders collect them here and keep going. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_SEVERITY_ERROR,
  CM_SEVERITY_WARNING,
} CmSeverity;

typedef struct {
  const char *file; /* interned, as the user named it */
  guint line;       /* 1-based physical line; 0 when the problem concerns the whole file */
  CmSeverity severity;
  const char *message; /* interned, UTF-8, hint included ("...; did you mean 'x'?") */
} CmDiagnostic;

typedef struct _CmDiagnostics CmDiagnostics;

/* At most this many diagnostics are kept; the rest are only counted. */
#define CM_DIAGNOSTICS_MAX_KEPT 10000
/* A longer message is cut there (at a character boundary) and ends with "…". */
#define CM_DIAGNOSTIC_MAX_BYTES 400

/* (transfer full: cm_diagnostics_free) */
CmDiagnostics *cm_diagnostics_new(void);
void cm_diagnostics_free(CmDiagnostics *diags);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmDiagnostics, cm_diagnostics_free)

void cm_diagnostics_add(CmDiagnostics *diags, const char *file, guint line, CmSeverity severity,
                        const char *format, ...) G_GNUC_PRINTF(5, 6);
void cm_diagnostics_addv(CmDiagnostics *diags, const char *file, guint line, CmSeverity severity,
                         const char *format, va_list args);

guint cm_diagnostics_errors(const CmDiagnostics *diags);
guint cm_diagnostics_warnings(const CmDiagnostics *diags);
/* Number of diagnostics kept (<= errors + warnings). */
guint cm_diagnostics_len(const CmDiagnostics *diags);
/* (transfer none) */
const CmDiagnostic *cm_diagnostics_get(const CmDiagnostics *diags, guint i);
/* Sorts kept diagnostics by file order of first appearance, then line (stable). */
void cm_diagnostics_sort(CmDiagnostics *diags);

/* "FILE:LINE: error: MESSAGE" (or "FILE: error: ..." when line is 0). (transfer full) */
char *cm_diagnostic_format(const CmDiagnostic *d);

G_END_DECLS
