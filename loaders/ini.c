/* dataset.ini (GLib key file): the dataset's name, region, unit, table files, encoding and the
 * analysis parameters. */
#include "cm_number.h"
#include "cm_i18n.h"
#include "cm_region.h"
#include "cm_suggest.h"
#include "loader_private.h"
#include "cm_i18n.h"

#include <string.h>

static const char *const dataset_keys[] = {
    "name", "region", "unit", "segments", "enterprises", "supply", "encoding", "name_en", NULL};
static const char *const analysis_keys[] = {"min_producers", "min_coverage", "procurement_target",
                                            "scenario", NULL};

/* The line of `key=` inside [group], or 0. GKeyFile keeps no line numbers. */
static guint
key_line(const char *text, const char *group, const char *key)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  gboolean in_group = group == NULL;
  size_t klen = key ? strlen(key) : 0;
  for (guint i = 0; lines[i]; i++) {
    char *l = g_strstrip(lines[i]);
    if (*l == '[') {
      char *end = strchr(l, ']');
      if (end)
        *end = '\0';
      if (key == NULL && strcmp(l + 1, group) == 0)
        return i + 1;
      in_group = strcmp(l + 1, group) == 0;
      continue;
    }
    if (in_group && key && strncmp(l, key, klen) == 0) {
      const char *p = l + klen;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '=')
        return i + 1;
    }
  }
  return 0;
}

/* Lines GKeyFile would refuse, reported with their numbers. Returns FALSE if any. */
static gboolean
check_lines(CmLoadContext *ctx, const char *text)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  gboolean ok = TRUE, in_group = FALSE;
  for (guint i = 0; lines[i]; i++) {
    char *l = g_strstrip(lines[i]);
    if (*l == '\0' || *l == '#')
      continue;
    if (*l == '[' ? l[strlen(l) - 1] != ']' : strchr(l, '=') == NULL) {
      cm_diagnostics_add(ctx->diags, ctx->ini_display, i + 1, CM_SEVERITY_ERROR,
                         _("expected '[group]', 'key=value' or a '#' comment"));
      ok = FALSE;
    } else if (*l == '[') {
      in_group = TRUE;
    } else if (!in_group) {
      cm_diagnostics_add(ctx->diags, ctx->ini_display, i + 1, CM_SEVERITY_ERROR,
                         _("'key=value' before any group; put it under [dataset]"));
      ok = FALSE;
    }
  }
  return ok;
}

static void ini_error(CmLoadContext *ctx, const char *text, const char *group, const char *key,
                      const char *fmt, ...) G_GNUC_PRINTF(5, 6);

static void
ini_error(CmLoadContext *ctx, const char *text, const char *group, const char *key, const char *fmt,
          ...)
{
  va_list args;
  va_start(args, fmt);
  cm_diagnostics_addv(ctx->diags, ctx->ini_display, key_line(text, group, key), CM_SEVERITY_ERROR,
                      fmt, args);
  va_end(args);
}

/* The trimmed value of a key; fallback when it is absent; NULL (reported) when GKeyFile cannot
 * read it, e.g. a Windows path whose backslashes are taken for escapes. */
static char *
get_string(CmLoadContext *ctx, const char *text, GKeyFile *kf, const char *group, const char *key,
           const char *fallback)
{
  g_autoptr(GError) err = NULL;
  /* GKeyFile may return a value and an error at once */
  char *v = g_key_file_get_string(kf, group, key, &err);
  if (err && !g_error_matches(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND) &&
      !g_error_matches(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND)) {
    ini_error(ctx, text, group, key,
              _("bad value of '%s': invalid backslash escape (write \\\\ for a backslash)"), key);
    g_free(v);
    return NULL;
  }
  if (v)
    return g_strstrip(v);
  return g_strdup(fallback);
}

static void
warn_unknown_keys(CmLoadContext *ctx, GKeyFile *kf, const char *text, const char *group,
                  const char *const *known)
{
  g_auto(GStrv) keys = g_key_file_get_keys(kf, group, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++) {
    if (g_strv_contains(known, keys[i]))
      continue;
    const char *close = cm_suggest(keys[i], known, g_strv_length((GStrv)known));
    g_autofree char *hint =
        close ? g_strdup_printf(_("; did you mean '%s'?"), close) : g_strdup("");
    cm_diagnostics_add(ctx->diags, ctx->ini_display, key_line(text, group, keys[i]),
                       CM_SEVERITY_WARNING, _("unknown key '%s' in [%s]; ignored%s"), keys[i],
                       group, hint);
  }
}

/* A number of [analysis] in [lo, hi]; integer when asked. */
static void
read_param(CmLoadContext *ctx, GKeyFile *kf, const char *text, const char *key, double lo,
           double hi, gboolean integer, double *out)
{
  g_autofree char *v = get_string(ctx, text, kf, "analysis", key, NULL);
  if (!v)
    return;
  double d;
  CmNumberResult res = cm_number_parse(v, &d);
  double pct;
  g_autofree char *figure = g_str_has_suffix(v, "%") ? g_strndup(v, strlen(v) - 1) : NULL;
  if (res != CM_NUMBER_OK && !integer && hi <= 1 && figure &&
      cm_number_parse(figure, &pct) == CM_NUMBER_OK)
    ini_error(ctx, text, "analysis", key,
              _("bad %s '%s': write the share as a fraction, %g for %s"), key, v, pct / 100, v);
  else if (res == CM_NUMBER_EMPTY)
    ini_error(ctx, text, "analysis", key, _("bad %s '%s': %s"), key, v, _("empty"));
  else if (res != CM_NUMBER_OK) {
    g_autofree char *why = cm_number_explain(v, res);
    ini_error(ctx, text, "analysis", key, _("bad %s '%s': %s"), key, v, why);
  } else if (integer && (d < lo || d > hi || d != (double)(gint64)d))
    ini_error(ctx, text, "analysis", key, _("bad %s '%s': expected a whole number from %g to %g"),
              key, v, lo, hi);
  else if (d < lo || d > hi)
    ini_error(ctx, text, "analysis", key, _("bad %s '%s': expected a number from %g to %g"), key, v,
              lo, hi);
  else
    *out = d;
}

void
cm_loader__read_ini(CmLoadContext *ctx, const char *text, gsize len, const char *dir)
{
  CmDataset *ds = ctx->ds;
  static const char *const default_files[CM_TABLE_COUNT] = {"segments.csv", "enterprises.csv",
                                                            "supply.csv"};
  static const char *const file_keys[CM_TABLE_COUNT] = {"segments", "enterprises", "supply"};
  /* Windows Notepad saves UTF-8 with a BOM, which GKeyFile would take for part of a key */
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    text += 3;
    len -= 3;
  }
  if (!g_utf8_validate_len(text, len, NULL)) {
    cm_diagnostics_add(ctx->diags, ctx->ini_display, 0, CM_SEVERITY_ERROR,
                       _("not valid UTF-8; save dataset.ini as UTF-8"));
    return;
  }
  if (!check_lines(ctx, text))
    return;
  g_autoptr(GKeyFile) kf = g_key_file_new();
  g_autoptr(GError) err = NULL;
  if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
    cm_diagnostics_add(ctx->diags, ctx->ini_display, 0, CM_SEVERITY_ERROR, "%s", err->message);
    return;
  }
  if (!g_key_file_has_group(kf, "dataset")) {
    cm_diagnostics_add(ctx->diags, ctx->ini_display, 0, CM_SEVERITY_ERROR,
                       _("missing group [dataset]"));
    return;
  }
  warn_unknown_keys(ctx, kf, text, "dataset", dataset_keys);
  if (g_key_file_has_group(kf, "analysis"))
    warn_unknown_keys(ctx, kf, text, "analysis", analysis_keys);

  g_free(ds->name);
  ds->name = get_string(ctx, text, kf, "dataset", "name", "");
  if (!ds->name)
    ds->name = g_strdup("");
  g_free(ds->name_en);
  ds->name_en = get_string(ctx, text, kf, "dataset", "name_en", NULL);
  g_free(ds->unit);
  ds->unit = get_string(ctx, text, kf, "dataset", "unit", "");
  if (!ds->unit)
    ds->unit = g_strdup("");
  g_autofree char *region = get_string(ctx, text, kf, "dataset", "region", "");
  g_free(ds->region);
  ds->region = cm_region_normalize(region ? region : "");
  ctx->region_line = key_line(text, "dataset", "region");
  if (region && *ds->region == '\0')
    ini_error(ctx, text, "dataset",
              g_key_file_has_key(kf, "dataset", "region", NULL) ? "region" : NULL,
              _("missing study region: set region= in [dataset] (e.g. region=Fujian/Ningde)"));

  g_autofree char *encoding = get_string(ctx, text, kf, "dataset", "encoding", "auto");
  if (encoding && !cm_encoding_from_string(encoding, &ctx->encoding))
    ini_error(ctx, text, "dataset", "encoding",
              _("bad encoding '%s' (expected auto, utf-8 or gb18030)"), encoding);

  for (guint t = 0; t < CM_TABLE_COUNT; t++) {
    gboolean named = g_key_file_has_key(kf, "dataset", file_keys[t], NULL);
    g_autofree char *file = get_string(ctx, text, kf, "dataset", file_keys[t], default_files[t]);
    if (!file)
      continue;
    if (*file == '\0') {
      ini_error(ctx, text, "dataset", file_keys[t], _("empty file name for %s"), file_keys[t]);
      continue;
    }
    if (ctx->table_text[t] || !dir) { /* from memory */
      ctx->table_display[t] = g_strdup(default_files[t]);
      ctx->has_table[t] = ctx->table_text[t] != NULL;
      continue;
    }
    ctx->table_path[t] =
        g_path_is_absolute(file) ? g_strdup(file) : g_build_filename(dir, file, NULL);
    ctx->table_display[t] = g_strdup(ctx->table_path[t]);
    /* supply.csv is optional unless the ini names it */
    ctx->has_table[t] =
        t != CM_TABLE_SUPPLY || named || g_file_test(ctx->table_path[t], G_FILE_TEST_EXISTS);
  }

  double v = ds->params.min_producers;
  read_param(ctx, kf, text, "min_producers", 0, 1e6, TRUE, &v);
  ds->params.min_producers = (guint)v;
  read_param(ctx, kf, text, "min_coverage", 0, 1, FALSE, &ds->params.min_coverage);
  read_param(ctx, kf, text, "procurement_target", 0, 1, FALSE, &ds->params.procurement_target);
  g_autofree char *scenario = get_string(ctx, text, kf, "analysis", "scenario", NULL);
  g_autofree char *bad = NULL;
  if (scenario && !cm_scenario_parse(scenario, &ds->params.scenario, &bad)) {
    static const char *const words[] = {"operating", "construction", "signed", "投产",
                                        "运营",      "在建",         "签约"};
    g_autofree char *hint = cm_loader__hint_word(bad, words, G_N_ELEMENTS(words));
    ini_error(ctx, text, "analysis", "scenario",
              _("bad scenario '%s': '%s' is not operating, construction or signed%s"), scenario,
              bad, hint);
  }
}
