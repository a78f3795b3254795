#include "loader_private.h"
#include "cm_i18n.h"

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
  /* lower-cased name -> column + 1: a header may have many thousand columns */
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < header->n_fields; i++) {
    const char *name = header->fields[i];
    char *folded = g_ascii_strdown(name, -1);
    guint first = GPOINTER_TO_UINT(g_hash_table_lookup(seen, folded));
    if (first) {
      cm_diagnostics_add(ctx->diags, file, header->line, CM_SEVERITY_ERROR,
                         _("duplicate column '%s' (columns %u and %u)"), name, first, i + 1);
      ok = FALSE;
      g_free(folded);
    } else {
      g_hash_table_insert(seen, folded, GUINT_TO_POINTER(i + 1));
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
        hint = _("; the file seems to be separated by ';': save it as comma-separated CSV");
      else if (header->n_fields == 1 && strchr(header->fields[0], '\t'))
        hint = _("; the file seems to be separated by tabs: save it as comma-separated CSV");
      cm_diagnostics_add(ctx->diags, file, header->line, CM_SEVERITY_ERROR,
                         _("missing required column '%s'%s"), cols[c].name, hint);
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

gunichar
cm_loader__id_space(const char *id)
{
  for (const char *p = id; *p; p = g_utf8_next_char(p)) {
    if ((unsigned char)*p < 0x80)
      continue;
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || c == 0x200B || c == 0x2060 || c == 0xFEFF)
      return c;
  }
  return 0;
}

void
cm_loader__check_id(CmLoadContext *ctx, CmTable table, guint line, const char *id)
{
  gunichar c = cm_loader__id_space(id);
  if (!c)
    return;
  const char *what = c == 0x3000   ? _("a full-width space")
                     : c == 0x00A0 ? _("a no-break space")
                     : c == 0xFEFF ? _("a byte-order mark")
                     : c == 0x200B ? _("a zero-width space")
                                   : _("a non-ASCII space");
  cm_diagnostics_add(ctx->diags, ctx->table_display[table], line, CM_SEVERITY_WARNING,
                     _("id '%s' contains %s (U+%04X); ids are compared exactly, so it differs from "
                       "the same id without it"),
                     id, what, c);
}
