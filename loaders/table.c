#include "cm_i18n.h"
#include "cm_suggest.h"
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
      if (g_ascii_strcasecmp(cols[c].name, name) == 0 ||
          (cols[c].zh && strcmp(cols[c].zh, name) == 0)) {
        if (cols[c].index < 0) {
          cols[c].index = (gint)i;
        } else if (!first) { /* the English and the Chinese name of one column */
          cm_diagnostics_add(ctx->diags, file, header->line, CM_SEVERITY_ERROR,
                             _("columns '%s' and '%s' (columns %d and %u) both give '%s': keep "
                               "one of them"),
                             header->fields[cols[c].index], name, cols[c].index + 1, i + 1,
                             cols[c].name);
          ok = FALSE;
        }
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
      /* a misspelt column name: the header's unknown name closest to the missing one */
      g_autofree char *near = NULL;
      if (!*hint) {
        const char *close =
            cm_suggest(cols[c].name, (const char *const *)header->fields, header->n_fields);
        if (close && *close)
          near = g_strdup_printf(_("; did you mean '%s'? (column names: %s, or %s)"), close,
                                 cols[c].name, cols[c].zh ? cols[c].zh : cols[c].name);
      }
      cm_diagnostics_add(ctx->diags, file, header->line, CM_SEVERITY_ERROR,
                         _("missing required column '%s'%s"), cols[c].name, near ? near : hint);
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

/* Embeddings, overrides and isolates: they reorder what is displayed after them. */
static gboolean
is_bidi_control(gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

gunichar
cm_loader__id_space(const char *id)
{
  for (const char *p = id; *p; p = g_utf8_next_char(p)) {
    unsigned char b = (unsigned char)*p;
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7f) /* a control character: an escape sequence, a tab */
        return b;
      continue;
    }
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || c == 0x200B || c == 0x2060 || c == 0xFEFF || c < 0xA0 ||
        is_bidi_control(c))
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
  if (c < 0x20 || (c >= 0x7f && c < 0xA0) || is_bidi_control(c)) {
    cm_diagnostics_add(ctx->diags, ctx->table_display[table], line, CM_SEVERITY_WARNING,
                       is_bidi_control(c)
                           ? _("id '%s' contains a bidirectional override (U+%04X), which makes "
                               "text after it display in another order; ids are compared "
                               "exactly, so it differs from the same id without it")
                           : _("id '%s' contains a control character (U+%04X), which a terminal "
                               "may take for a command; ids are compared exactly, so it differs "
                               "from the same id without it"),
                       id, c);
    return;
  }
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

const char *
cm_loader__looks_total(const char *const *fields, guint n)
{
  static const char *const words[] = {"合计",  "总计",     "小计",       "总和",
                                      "total", "subtotal", "grand total"};
  const char *first = NULL;
  for (guint i = 0; i < n && !first; i++)
    if (fields[i] && *fields[i])
      first = fields[i];
  if (!first)
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS(words); k++) {
    /* 合计 may carry a colon or a unit after it: "合计：", "合计(万元)" */
    gboolean cjk_prefix = (unsigned char)words[k][0] >= 0x80 && g_str_has_prefix(first, words[k]) &&
                          g_utf8_strlen(first, -1) <= g_utf8_strlen(words[k], -1) + 4;
    if (g_ascii_strcasecmp(first, words[k]) == 0 || cjk_prefix)
      return first;
  }
  return NULL;
}

gboolean
cm_loader__total_row(CmLoadContext *ctx, CmTable table, guint line, const char *const *fields,
                     guint n)
{
  const char *word = cm_loader__looks_total(fields, n);
  if (!word)
    return FALSE;
  cm_diagnostics_add(ctx->diags, ctx->table_display[table], line, CM_SEVERITY_ERROR,
                     _("this row looks like a spreadsheet total ('%s'): delete it, chainmap adds "
                       "the figures up itself"),
                     word);
  return TRUE;
}

gboolean
cm_loader__leader_like(const char *role)
{
  if (!*role || cm_role_is_leader(role))
    return FALSE;
  if (strstr(role, "链主"))
    return TRUE;
  /* "dealer" is two edits from "leader" and a real role: one edit at most */
  g_autofree char *low = g_ascii_strdown(role, -1);
  return strstr(low, "leader") != NULL || cm_edit_distance(low, "leader", 1) <= 1;
}

char *
cm_loader__hint_word(const char *word, const char *const *words, gsize n)
{
  const char *close = *word ? cm_suggest(word, words, n) : NULL;
  return close ? g_strdup_printf(_("; did you mean '%s'?"), close) : g_strdup("");
}
