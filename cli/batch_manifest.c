#include "batch_manifest.h"
#include "cm_i18n.h"
#include "cm_suggest.h"

#include <string.h>

static const char *const manifest_keys[] = {"dataset", "views",   "focus",
                                            "depth",   "formats", "slide"};

/* The line of `key=` inside [group] (of the group header when key is NULL), or 0: GKeyFile
 * keeps no line numbers. */
static guint
key_line(const char *text, const char *group, const char *key)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  gboolean in_group = FALSE;
  size_t klen = key ? strlen(key) : 0;
  for (guint i = 0; lines[i]; i++) {
    char *l = g_strstrip(lines[i]);
    if (*l == '[') {
      char *end = strchr(l, ']');
      if (end)
        *end = '\0';
      in_group = strcmp(l + 1, group) == 0;
      if (in_group && !key)
        return i + 1;
      continue;
    }
    if (in_group && key && strncmp(l, key, klen) == 0 && strchr(" \t=", l[klen]) &&
        l[klen + strspn(l + klen, " \t")] == '=')
      return i + 1;
  }
  return 0;
}

gboolean
cm_cli_parse_formats(const char *list, guint *formats, char **bad)
{
  g_auto(GStrv) names = g_strsplit(list, ",", -1);
  guint bits = 0;
  for (guint i = 0; names[i]; i++) {
    char *n = g_strstrip(names[i]);
    if (!*n)
      continue;
    CmMapFormat f;
    if (g_ascii_strcasecmp(n, "xlsx") == 0) {
      bits |= CM_BATCH_BRIEF_XLSX;
      continue;
    }
    if (!cm_map_format_from_string(n, &f)) {
      *bad = g_strdup(n);
      return FALSE;
    }
    bits |= 1u << f;
  }
  if (!bits) {
    *bad = g_strdup(list);
    return FALSE;
  }
  *formats = bits;
  return TRUE;
}

/* The manifest being read: its path and text, for FILE:LINE in messages. */
typedef struct {
  const char *path;
  const char *text;
} Manifest;

static gboolean fail(GError **error, const Manifest *m, const char *group, const char *key,
                     const char *fmt, ...) G_GNUC_PRINTF(5, 6);

/* "FILE:LINE: [group] MESSAGE", the line of key (or of the group). */
static gboolean
fail(GError **error, const Manifest *m, const char *group, const char *key, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, args);
  va_end(args);
  guint line = key_line(m->text, group, key);
  if (!line && key)
    line = key_line(m->text, group, NULL);
  g_autofree char *where = line ? g_strdup_printf("%s:%u", m->path, line) : g_strdup(m->path);
  g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "%s: [%s] %s", where, group,
              msg);
  return FALSE;
}

/* "; did you mean 'X'?" among words, or "". (transfer full) */
static char *
hint(const char *word, const char *const *words, gsize n)
{
  const char *close = cm_suggest(word, words, n);
  return close ? g_strdup_printf(_("; did you mean '%s'?"), close) : g_strdup("");
}

static gboolean
read_job(GKeyFile *kf, const Manifest *m, const char *dir, const char *group, guint formats,
         gboolean slide, GPtrArray *jobs, GError **error)
{
  /* a misspelt key (focuss=, format=) would silently do nothing */
  g_auto(GStrv) keys = g_key_file_get_keys(kf, group, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++) {
    gboolean known = FALSE;
    for (guint k = 0; k < G_N_ELEMENTS(manifest_keys) && !known; k++)
      known = g_str_equal(keys[i], manifest_keys[k]);
    if (!known) {
      g_autofree char *h = hint(keys[i], manifest_keys, G_N_ELEMENTS(manifest_keys));
      return fail(error, m, group, keys[i],
                  _("unknown key '%s'%s (keys: dataset, views, focus, depth, formats, slide)"),
                  keys[i], h);
    }
  }
  g_autofree char *dataset = g_key_file_get_string(kf, group, "dataset", NULL);
  if (!dataset || !*g_strstrip(dataset))
    return fail(error, m, group, NULL, _("needs dataset=PATH"));
  g_autofree char *full =
      g_path_is_absolute(dataset) ? g_strdup(dataset) : g_build_filename(dir, dataset, NULL);
  g_autoptr(CmBatchJob) job = cm_batch_job_new(full, formats, slide);
  job->name = g_strdup(group);
  g_autofree char *views = g_key_file_get_string(kf, group, "views", NULL);
  if (views) {
    job->chain = job->leaders = job->network = FALSE;
    g_auto(GStrv) names = g_strsplit(views, ",", -1);
    for (guint i = 0; names[i]; i++) {
      char *v = g_strstrip(names[i]);
      if (strcmp(v, "chain") == 0)
        job->chain = TRUE;
      else if (strcmp(v, "leaders") == 0)
        job->leaders = TRUE;
      else if (strcmp(v, "network") == 0)
        job->network = TRUE;
      else if (*v) {
        static const char *const views_known[] = {"chain", "leaders", "network"};
        g_autofree char *h = hint(v, views_known, G_N_ELEMENTS(views_known));
        return fail(error, m, group, "views", "unknown view '%s'%s (chain, leaders or network)", v,
                    h);
      }
    }
  }
  g_autofree char *focus = g_key_file_get_string(kf, group, "focus", NULL);
  if (focus && *g_strstrip(focus)) {
    job->focus = g_strdup(focus);
    if (!views)
      job->network = TRUE, job->chain = job->leaders = FALSE;
  }
  if (g_key_file_has_key(kf, group, "depth", NULL)) {
    g_autoptr(GError) err = NULL;
    gint depth = g_key_file_get_integer(kf, group, "depth", &err);
    if (err || depth < 1 || depth > 100)
      return fail(error, m, group, "depth", _("depth must be a whole number from 1 to 100"));
    job->depth = (guint)depth;
  }
  g_autofree char *fmts = g_key_file_get_string(kf, group, "formats", NULL);
  g_autofree char *bad = NULL;
  if (fmts && !cm_cli_parse_formats(fmts, &job->formats, &bad)) {
    static const char *const formats_known[] = {"svg", "png", "pdf", "dot", "xlsx"};
    g_autofree char *h = hint(bad, formats_known, G_N_ELEMENTS(formats_known));
    return fail(error, m, group, "formats", "unknown format '%s'%s (svg, png, pdf, dot or xlsx)",
                bad, h);
  }
  if (g_key_file_has_key(kf, group, "slide", NULL)) {
    g_autoptr(GError) err = NULL;
    job->slide = g_key_file_get_boolean(kf, group, "slide", &err);
    if (err)
      return fail(error, m, group, "slide", _("slide must be true or false"));
  }
  g_ptr_array_add(jobs, g_steal_pointer(&job));
  return TRUE;
}

gboolean
cm_cli_read_manifest(const char *path, guint default_formats, gboolean default_slide,
                     GPtrArray *jobs, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new();
  g_autoptr(GError) err = NULL;
  g_autofree char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, &err) ||
      !g_key_file_load_from_data(kf, text, (gsize)-1, G_KEY_FILE_NONE, &err)) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE, "%s: %s", path, err->message);
    return FALSE;
  }
  g_autofree char *dir = g_path_get_dirname(path);
  g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
  if (!groups[0]) {
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                _("%s: no jobs (one [group] per job)"), path);
    return FALSE;
  }
  for (guint i = 0; groups[i]; i++)
    if (!read_job(kf, &(Manifest){path, text}, dir, groups[i], default_formats, default_slide, jobs,
                  error))
      return FALSE;
  return TRUE;
}
