#include "batch_manifest.h"
#include "cm_i18n.h"

#include <string.h>

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

static gboolean fail(GError **error, const char *path, const char *group, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static gboolean
fail(GError **error, const char *path, const char *group, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, args);
  va_end(args);
  g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "%s: [%s] %s", path, group,
              msg);
  return FALSE;
}

static gboolean
read_job(GKeyFile *kf, const char *path, const char *dir, const char *group, guint formats,
         gboolean slide, GPtrArray *jobs, GError **error)
{
  g_autofree char *dataset = g_key_file_get_string(kf, group, "dataset", NULL);
  if (!dataset || !*g_strstrip(dataset))
    return fail(error, path, group, _("needs dataset=PATH"));
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
      else if (*v)
        return fail(error, path, group, _("unknown view '%s' (chain, leaders or network)"), v);
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
      return fail(error, path, group, _("depth must be a whole number from 1 to 100"));
    job->depth = (guint)depth;
  }
  g_autofree char *fmts = g_key_file_get_string(kf, group, "formats", NULL);
  g_autofree char *bad = NULL;
  if (fmts && !cm_cli_parse_formats(fmts, &job->formats, &bad))
    return fail(error, path, group, _("unknown format '%s' (svg, png, pdf or dot)"), bad);
  if (g_key_file_has_key(kf, group, "slide", NULL)) {
    g_autoptr(GError) err = NULL;
    job->slide = g_key_file_get_boolean(kf, group, "slide", &err);
    if (err)
      return fail(error, path, group, _("slide must be true or false"));
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
  if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &err)) {
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
    if (!read_job(kf, path, dir, groups[i], default_formats, default_slide, jobs, error))
      return FALSE;
  return TRUE;
}
