#include "loader_private.h"

#include <string.h>

gboolean
cm_loader__map_header(CmLoadContext *ctx, CmTable table, const CmCsvRecord *header, CmColumn *cols,
                      guint n_cols, CmExtraColumns *extra, GArray *extra_index)
{
  const char *file = ctx->table_display[table];
  gboolean ok = TRUE;
  for (guint c = 0; c < n_cols; c++)
    cols[c].index = -1;
  g_autoptr(GPtrArray) extra_names = g_ptr_array_new();
  for (guint i = 0; i < header->n_fields; i++) {
    const char *name = header->fields[i];
    for (guint j = 0; j < i; j++) {
      if (g_ascii_strcasecmp(header->fields[j], name) == 0) {
        cm_diagnostics_add(ctx->diags, file, header->line, CM_SEVERITY_ERROR,
                           "duplicate column '%s' (columns %u and %u)", name, j + 1, i + 1);
        ok = FALSE;
        break;
      }
    }
    gboolean known = FALSE;
    for (guint c = 0; c < n_cols && !known; c++) {
      if (g_ascii_strcasecmp(cols[c].name, name) == 0) {
        if (cols[c].index < 0)
          cols[c].index = (gint)i;
        known = TRUE;
      }
    }
    if (!known) {
      g_ptr_array_add(extra_names, (gpointer)cm_dataset_intern(ctx->ds, name));
      g_array_append_val(extra_index, i);
    }
  }
  for (guint c = 0; c < n_cols; c++) {
    if (cols[c].required && cols[c].index < 0) {
      const char *hint = "";
      if (header->n_fields == 1 && strchr(header->fields[0], ';'))
        hint = "; the file seems to be separated by ';': save it as comma-separated CSV";
      else if (header->n_fields == 1 && strchr(header->fields[0], '\t'))
        hint = "; the file seems to be separated by tabs: save it as comma-separated CSV";
      cm_diagnostics_add(ctx->diags, file, header->line, CM_SEVERITY_ERROR,
                         "missing required column '%s'%s", cols[c].name, hint);
      ok = FALSE;
    }
  }
  extra->n = extra_names->len;
  extra->names = g_new0(const char *, extra->n + 1);
  for (guint k = 0; k < extra->n; k++)
    extra->names[k] = g_ptr_array_index(extra_names, k);
  return ok;
}

void
cm_loader__keep_extras(CmLoadContext *ctx, const CmCsvRecord *rec, GArray *extra_index,
                       GPtrArray *values)
{
  for (guint k = 0; k < extra_index->len; k++)
    g_ptr_array_add(values, (gpointer)cm_dataset_intern(
                                ctx->ds, rec->fields[g_array_index(extra_index, guint, k)]));
}

const char *
cm_loader__field(const CmCsvRecord *rec, const CmColumn *col)
{
  return col->index >= 0 && (guint)col->index < rec->n_fields ? rec->fields[col->index] : "";
}

CmCsvSource
cm_loader__source(CmLoadContext *ctx, CmTable table)
{
  CmCsvSource src = {
      .path = ctx->table_path[table],
      .display = ctx->table_display[table],
      .encoding = ctx->encoding,
      .diags = ctx->diags,
  };
  if (ctx->table_text[table]) {
    src.data = ctx->table_text[table];
    src.data_len = strlen(ctx->table_text[table]);
  }
  return src;
}
