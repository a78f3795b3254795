/* dataset.ini (GLib key file): the dataset's name, region, unit, table files, encoding and the
 * analysis parameters. */
#include "cm_i18n.h"
#include "cm_number.h"
#include "cm_i18n.h"
#include "cm_region.h"
#include "cm_suggest.h"
#include "loader_private.h"
#include "cm_i18n.h"

#include <stdlib.h>
#include <string.h>

static const char *const dataset_keys[] = {"name",     "region",      "unit",
                                           "segments", "enterprises", "supply",
                                           "encoding", "name_en",     "allow_outside_paths",
                                           NULL};
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

/* GKeyFile takes the last of two equal keys and merges a group written twice, silently: a planner
 * who adds region= at the end of a long ini would not know which one counts. Warn about both. */
static void
warn_duplicates(CmLoadContext *ctx, const char *text)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  g_autoptr(GHashTable) groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *group = NULL;
  for (guint i = 0; lines[i]; i++) {
    char *l = g_strstrip(lines[i]);
    if (*l == '\0' || *l == '#')
      continue;
    if (*l == '[') {
      g_free(group);
      group = g_strndup(l + 1, strlen(l) > 1 ? strlen(l) - 2 : 0);
      gpointer first = g_hash_table_lookup(groups, group);
      if (first)
        cm_diagnostics_add(ctx->diags, ctx->ini_display, i + 1, CM_SEVERITY_WARNING,
                           _("group [%s] again (first on line %u): its keys are added to the "
                             "first one's, and a key given in both takes the later value"),
                           group, GPOINTER_TO_UINT(first));
      else
        g_hash_table_insert(groups, g_strdup(group), GUINT_TO_POINTER(i + 1));
      continue;
    }
    char *eq = strchr(l, '=');
    if (!group || !eq)
      continue;
    g_autofree char *key = g_strstrip(g_strndup(l, (gsize)(eq - l)));
    g_autofree char *full = g_strdup_printf("%s\x1f%s", group, key);
    gpointer first = g_hash_table_lookup(keys, full);
    if (first)
      cm_diagnostics_add(ctx->diags, ctx->ini_display, i + 1, CM_SEVERITY_WARNING,
                         _("duplicate key '%s' in [%s] (first on line %u): this later value is "
                           "the one used"),
                         key, group, GPOINTER_TO_UINT(first));
    else
      g_hash_table_insert(keys, g_steal_pointer(&full), GUINT_TO_POINTER(i + 1));
  }
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

/* A short excerpt of a value for a message: a hostile ini must not make chainmap echo a
 * whole file. (transfer full) */
static char *
excerpt(const char *value)
{
  const glong max = 60;
  if (g_utf8_strlen(value, -1) <= max)
    return g_strdup(value);
  g_autofree char *head = g_utf8_substring(value, 0, max);
  return g_strdup_printf("%s…", head);
}

/* TRUE when path names a file inside dir: relative, no ".." component, and, when it exists,
 * still inside dir once symlinks are resolved. */
static gboolean
inside_folder(const char *dir, const char *file, const char *path)
{
  if (g_path_is_absolute(file))
    return FALSE;
  g_auto(GStrv) parts = g_strsplit_set(file, "/\\", -1);
  for (guint i = 0; parts[i]; i++)
    if (strcmp(parts[i], "..") == 0)
      return FALSE;
  g_autofree char *real_dir = realpath(dir, NULL);
  g_autofree char *real_path = realpath(path, NULL);
  if (!real_dir || !real_path) /* missing: the table reader reports it */
    return TRUE;
  size_t n = strlen(real_dir);
  /* the folder itself is inside (and then "not a regular file") */
  return strncmp(real_path, real_dir, n) == 0 &&
         (real_path[n] == '/' || real_path[n] == '\0' || n == 1);
}

/* [dataset] allow_outside_paths=true: the sender of the dataset is trusted to name any file. */
static gboolean
allow_outside_paths(CmLoadContext *ctx, GKeyFile *kf, const char *text)
{
  if (!g_key_file_has_key(kf, "dataset", "allow_outside_paths", NULL))
    return FALSE;
  g_autoptr(GError) err = NULL;
  gboolean allow = g_key_file_get_boolean(kf, "dataset", "allow_outside_paths", &err);
  if (err)
    ini_error(ctx, text, "dataset", "allow_outside_paths",
              _("bad allow_outside_paths: expected true or false"));
  return allow;
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
  warn_duplicates(ctx, text);
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

  gboolean allow_outside = allow_outside_paths(ctx, kf, text);
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
    if (!allow_outside && !inside_folder(dir, file, ctx->table_path[t])) {
      g_autofree char *shown = excerpt(file);
      ini_error(ctx, text, "dataset", file_keys[t],
                _("%s=%s is outside the dataset folder: name a file inside it, or set "
                  "allow_outside_paths=true in [dataset] if you trust whoever sent the dataset"),
                file_keys[t], shown);
      g_clear_pointer(&ctx->table_path[t], g_free);
      continue;
    }
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
