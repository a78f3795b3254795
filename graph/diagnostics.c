#include "cm_diagnostics.h"

#include <string.h>

struct _CmDiagnostics {
  GArray *items; /* CmDiagnostic */
  GStringChunk *strings;
  GPtrArray *files; /* file names in order of first appearance, for sorting */
  guint errors;
  guint warnings;
};

CmDiagnostics *
cm_diagnostics_new(void)
{
  CmDiagnostics *d = g_new0(CmDiagnostics, 1);
  d->items = g_array_new(FALSE, FALSE, sizeof(CmDiagnostic));
  d->strings = g_string_chunk_new(4096);
  d->files = g_ptr_array_new();
  return d;
}

void
cm_diagnostics_free(CmDiagnostics *diags)
{
  if (!diags)
    return;
  g_array_free(diags->items, TRUE);
  g_string_chunk_free(diags->strings);
  g_ptr_array_free(diags->files, TRUE);
  g_free(diags);
}

void
cm_diagnostics_addv(CmDiagnostics *diags, const char *file, guint line, CmSeverity severity,
                    const char *format, va_list args)
{
  g_return_if_fail(diags && file && format);
  if (severity == CM_SEVERITY_ERROR)
    diags->errors++;
  else
    diags->warnings++;
  if (diags->items->len >= CM_DIAGNOSTICS_MAX_KEPT)
    return;
  g_autofree char *message = g_strdup_vprintf(format, args);
  /* a message quotes fields of the data: never more than an excerpt of a hostile file */
  if (strlen(message) > CM_DIAGNOSTIC_MAX_BYTES) {
    const char *end = message + CM_DIAGNOSTIC_MAX_BYTES;
    g_utf8_validate(message, CM_DIAGNOSTIC_MAX_BYTES, &end);
    char *cut = g_strdup_printf("%.*s…", (int)(end - message), message);
    g_free(message);
    message = cut;
  }
  CmDiagnostic d = {
      .file = g_string_chunk_insert_const(diags->strings, file),
      .line = line,
      .severity = severity,
      .message = g_string_chunk_insert(diags->strings, message),
  };
  gboolean known = FALSE;
  for (guint i = 0; i < diags->files->len && !known; i++)
    known = g_ptr_array_index(diags->files, i) == d.file;
  if (!known)
    g_ptr_array_add(diags->files, (gpointer)d.file);
  g_array_append_val(diags->items, d);
}

void
cm_diagnostics_add(CmDiagnostics *diags, const char *file, guint line, CmSeverity severity,
                   const char *format, ...)
{
  va_list args;
  va_start(args, format);
  cm_diagnostics_addv(diags, file, line, severity, format, args);
  va_end(args);
}

guint
cm_diagnostics_errors(const CmDiagnostics *diags)
{
  return diags->errors;
}

guint
cm_diagnostics_warnings(const CmDiagnostics *diags)
{
  return diags->warnings;
}

guint
cm_diagnostics_len(const CmDiagnostics *diags)
{
  return diags->items->len;
}

const CmDiagnostic *
cm_diagnostics_get(const CmDiagnostics *diags, guint i)
{
  g_return_val_if_fail(i < diags->items->len, NULL);
  return &g_array_index(diags->items, CmDiagnostic, i);
}

static guint
file_rank(const CmDiagnostics *diags, const char *file)
{
  for (guint i = 0; i < diags->files->len; i++)
    if (g_ptr_array_index(diags->files, i) == file)
      return i;
  return G_MAXUINT;
}

static gint
compare_diagnostics(gconstpointer pa, gconstpointer pb, gpointer user_data)
{
  const CmDiagnostic *a = pa, *b = pb;
  const CmDiagnostics *diags = user_data;
  guint fa = file_rank(diags, a->file), fb = file_rank(diags, b->file);
  if (fa != fb)
    return fa < fb ? -1 : 1;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  return 0;
}

void
cm_diagnostics_sort(CmDiagnostics *diags)
{
  /* g_array_sort_with_data is a stable merge sort in GLib >= 2.32 */
  g_array_sort_with_data(diags->items, compare_diagnostics, diags);
}

char *
cm_diagnostic_format(const CmDiagnostic *d)
{
  const char *sev = d->severity == CM_SEVERITY_ERROR ? "error" : "warning";
  if (d->line == 0)
    return g_strdup_printf("%s: %s: %s", d->file, sev, d->message);
  return g_strdup_printf("%s:%u: %s: %s", d->file, d->line, sev, d->message);
}
