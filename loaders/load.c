/* Loading a dataset: the ini, then segments, enterprises and supply (each table needs the ids of
 * the one before), then the model's derived parts. */
#include "cm_loader.h"
#include "cm_error.h"
#include "cm_i18n.h"
#include "cm_suggest.h"
#include "loader_private.h"
#include "cm_i18n.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

/* dataset.ini holds a few settings; anything bigger is the wrong file */
#define CM_INI_MAX_BYTES (1 << 20)

G_DEFINE_QUARK(cm_loader_error, cm_loader_error)

/* Searching every enterprise id for a near match costs O(enterprises) per unknown id. */
#define ENTERPRISE_SUGGESTIONS 50

static char *
hint(const char *word, GArray *items, gsize stride, gsize id_offset)
{
  /* ids sit at the same offset of each struct: gather them once per call */
  g_autofree const char **ids = g_new(const char *, items->len);
  for (guint i = 0; i < items->len; i++)
    ids[i] = *(const char **)(items->data + (gsize)i * stride + id_offset);
  const char *close = cm_suggest(word, ids, items->len);
  return close ? g_strdup_printf(_("; did you mean '%s'?"), close) : g_strdup("");
}

char *
cm_loader__hint_segment(CmLoadContext *ctx, const char *word)
{
  return hint(word, ctx->ds->segments, sizeof(CmSegment), G_STRUCT_OFFSET(CmSegment, id));
}

char *
cm_loader__hint_enterprise(CmLoadContext *ctx, const char *word)
{
  if (ctx->suggestions_left == 0)
    return g_strdup("");
  ctx->suggestions_left--;
  return hint(word, ctx->ds->enterprises, sizeof(CmEnterprise), G_STRUCT_OFFSET(CmEnterprise, id));
}

static void
context_clear(CmLoadContext *ctx)
{
  g_free(ctx->ini_display);
  for (guint t = 0; t < CM_TABLE_COUNT; t++) {
    g_free(ctx->table_path[t]);
    g_free(ctx->table_display[t]);
  }
}

static CmDataset *
load(CmLoadContext *ctx, const char *ini_text, gsize ini_len, const char *dir, GError **error)
{
  CmDataset *ds = ctx->ds;
  guint errors_before = cm_diagnostics_errors(ctx->diags);
  cm_loader__read_ini(ctx, ini_text, ini_len, dir);
  for (guint t = 0; t < CM_TABLE_COUNT; t++) {
    if (!ctx->table_display[t])
      continue;
    if (ctx->table_path[t] && ctx->has_table[t] &&
        !g_file_test(ctx->table_path[t], G_FILE_TEST_IS_REGULAR)) {
      cm_diagnostics_add(ctx->diags, ctx->table_display[t], 0, CM_SEVERITY_ERROR,
                         g_file_test(ctx->table_path[t], G_FILE_TEST_EXISTS)
                             ? _("not a regular file")
                             : _("missing file (named in %s)"),
                         ctx->ini_display);
      ctx->has_table[t] = FALSE;
    }
  }
  if (ctx->has_table[CM_TABLE_SEGMENTS])
    cm_loader__read_segments(ctx);
  if (ctx->has_table[CM_TABLE_ENTERPRISES])
    cm_loader__read_enterprises(ctx);
  ds->has_supply = ctx->has_table[CM_TABLE_SUPPLY];
  if (ds->has_supply)
    cm_loader__read_supply(ctx);
  cm_diagnostics_sort(ctx->diags);

  if (cm_diagnostics_errors(ctx->diags) > errors_before) {
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID,
                _("%s: %u error(s) in the dataset"), ctx->ini_display,
                cm_diagnostics_errors(ctx->diags) - errors_before);
    cm_dataset_free(ds);
    return NULL;
  }
  g_autoptr(GError) err = NULL;
  if (!cm_dataset_finish(ds, &err) &&
      g_error_matches(err, CM_GRAPH_ERROR, CM_GRAPH_ERROR_NO_MEMORY)) {
    /* out of memory keeps its own code: the CLI exits 4 for it, not 1 */
    g_propagate_prefixed_error(error, g_steal_pointer(&err), "%s: ", ctx->ini_display);
    cm_dataset_free(ds);
    return NULL;
  }
  if (err) {
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_FAILED, "%s: %s", ctx->ini_display,
                err->message);
    cm_dataset_free(ds);
    return NULL;
  }
  cm_loader__check_region(ctx);
  cm_diagnostics_sort(ctx->diags);
  return ds;
}

CmDataset *
cm_dataset_load(const char *path, CmDiagnostics *diags, GError **error)
{
  g_return_val_if_fail(path && diags, NULL);
  CmLoadContext ctx = {.ds = cm_dataset_new(), .diags = diags};
  ctx.suggestions_left = ENTERPRISE_SUGGESTIONS;
  g_autofree char *dir = NULL;
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    dir = g_strdup(path);
    ctx.ini_display = g_build_filename(path, "dataset.ini", NULL);
  } else {
    dir = g_path_get_dirname(path);
    ctx.ini_display = g_strdup(path);
  }
  g_free(ctx.ds->source);
  ctx.ds->source = g_strdup(ctx.ini_display);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr(GError) err = NULL;
  /* a FIFO or device would block or never end, a huge file would be read whole: an ini is a
   * regular file of a few settings */
  GStatBuf st;
  if (g_stat(ctx.ini_display, &st) == 0 &&
      (!S_ISREG(st.st_mode) || st.st_size > CM_INI_MAX_BYTES)) {
    if (S_ISREG(st.st_mode))
      cm_diagnostics_add(diags, ctx.ini_display, 0, CM_SEVERITY_ERROR,
                         _("dataset.ini is %lld bytes, more than an ini of settings can be "
                           "(%d KiB at most): is this the right file?"),
                         (long long)st.st_size, CM_INI_MAX_BYTES >> 10);
    else
      cm_diagnostics_add(diags, ctx.ini_display, 0, CM_SEVERITY_ERROR,
                         _("not a regular file (a pipe, device or socket): dataset.ini must be "
                           "a text file"));
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID, "%s: cannot read the dataset",
                ctx.ini_display);
    cm_dataset_free(ctx.ds);
    context_clear(&ctx);
    return NULL;
  }
  if (!g_file_get_contents(ctx.ini_display, &text, &len, &err)) {
    cm_diagnostics_add(diags, ctx.ini_display, 0, CM_SEVERITY_ERROR, "%s",
                       g_file_test(ctx.ini_display, G_FILE_TEST_EXISTS)
                           ? err->message
                           : _("no dataset.ini here (DATASET is a folder holding dataset.ini, or "
                               "the path of the ini)"));
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID, _("%s: cannot read the dataset"),
                ctx.ini_display);
    cm_dataset_free(ctx.ds);
    context_clear(&ctx);
    return NULL;
  }
  CmDataset *ds = load(&ctx, text, len, dir, error);
  context_clear(&ctx);
  return ds;
}

CmDataset *
cm_dataset_load_text(const CmDatasetText *text, CmDiagnostics *diags, GError **error)
{
  g_return_val_if_fail(text && text->ini && text->segments && text->enterprises && diags, NULL);
  CmLoadContext ctx = {.ds = cm_dataset_new(), .diags = diags};
  ctx.suggestions_left = ENTERPRISE_SUGGESTIONS;
  ctx.ini_display = g_strdup("dataset.ini");
  ctx.table_text[CM_TABLE_SEGMENTS] = text->segments;
  ctx.table_text[CM_TABLE_ENTERPRISES] = text->enterprises;
  ctx.table_text[CM_TABLE_SUPPLY] = text->supply;
  CmDataset *ds = load(&ctx, text->ini, strlen(text->ini), NULL, error);
  context_clear(&ctx);
  return ds;
}
