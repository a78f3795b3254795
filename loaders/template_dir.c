/* Where the bundled templates are: installed beside the program, or in the source tree of a
 * build that was not installed. The folders come from CMake (loaders/CMakeLists.txt). */
#include "cm_template_catalog.h"
#include "cm_loader.h"

#ifndef CM_TEMPLATES_SOURCE_DIR
#define CM_TEMPLATES_SOURCE_DIR ""
#endif
#ifndef CM_TEMPLATES_INSTALL_DIR
#define CM_TEMPLATES_INSTALL_DIR ""
#endif

static gboolean
has_index(const char *dir)
{
  g_autofree char *index = g_build_filename(dir, "index.ini", NULL);
  return g_file_test(index, G_FILE_TEST_IS_REGULAR);
}

/* PREFIX/share/chainmap/templates for a program installed as PREFIX/bin/chainmap, wherever
 * PREFIX was moved to. */
static char *
beside_program(void)
{
  g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (!exe)
    return NULL;
  g_autofree char *bin = g_path_get_dirname(exe);
  return g_build_filename(bin, "..", "share", "chainmap", "templates", NULL);
}

char *
cm_template_catalog_find_dir(GError **error)
{
  const char *env = g_getenv(CM_TEMPLATES_ENV);
  if (env && *env) {
    if (has_index(env))
      return g_strdup(env);
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID,
                _("%s=%s: no index.ini there (point it to a templates folder, or unset it)"),
                CM_TEMPLATES_ENV, env);
    return NULL;
  }
  char *candidates[] = {beside_program(), g_strdup(CM_TEMPLATES_SOURCE_DIR),
                        g_strdup(CM_TEMPLATES_INSTALL_DIR)};
  char *found = NULL;
  g_autoptr(GString) tried = g_string_new(NULL);
  for (guint i = 0; i < G_N_ELEMENTS(candidates); i++) {
    if (!found && candidates[i] && *candidates[i]) {
      if (has_index(candidates[i]))
        found = g_strdup(candidates[i]);
      else
        g_string_append_printf(tried, "%s%s", tried->len ? ", " : "", candidates[i]);
    }
    g_free(candidates[i]);
  }
  if (!found)
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID,
                _("the bundled templates are missing (looked in %s); reinstall chainmap or set %s "
                  "to the folder holding index.ini"),
                tried->str, CM_TEMPLATES_ENV);
  return found;
}
