#include "cm_test.h"
#include "cm_init.h"
#include "cm_loader.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

char *
cm_test_data(const char *relative)
{
  if (g_path_is_absolute(relative))
    return g_strdup(relative);
  return g_build_filename(CM_TEST_DATA, relative, NULL);
}

CmDataset *
cm_test_load(const char *relative, CmDiagnostics **diags)
{
  cm_init();
  g_autofree char *path = cm_test_data(relative);
  *diags = cm_diagnostics_new();
  return cm_dataset_load(path, *diags, NULL);
}

CmDataset *
cm_test_load_text(const char *ini, const char *segments, const char *enterprises,
                  const char *supply, CmDiagnostics **diags)
{
  cm_init();
  *diags = cm_diagnostics_new();
  CmDatasetText text = {ini, segments, enterprises, supply};
  return cm_dataset_load_text(&text, *diags, NULL);
}

gboolean
cm_test_has_diag(const CmDiagnostics *diags, const char *file_suffix, guint line,
                 CmSeverity severity, const char *needle)
{
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    const CmDiagnostic *d = cm_diagnostics_get(diags, i);
    if (d->line == line && d->severity == severity && g_str_has_suffix(d->file, file_suffix) &&
        strstr(d->message, needle))
      return TRUE;
  }
  return FALSE;
}

char *
cm_test_dump_diags(const CmDiagnostics *diags)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    g_autofree char *line = cm_diagnostic_format(cm_diagnostics_get(diags, i));
    g_string_append_printf(s, "%s\n", line);
  }
  return g_string_free(s, FALSE);
}

int
cm_test_run_cli(const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer)CM_CHAINMAP_BIN);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add(argv, (gpointer)args[i]);
  g_ptr_array_add(argv, NULL);
  int status = 0;
  g_autoptr(GError) error = NULL;
  if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                    &status, &error)) {
    if (err)
      *err = g_strdup(error->message);
    return -1;
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

char *
cm_test_tmpdir(void)
{
  return g_dir_make_tmp("chainmap-test-XXXXXX", NULL);
}

char *cm_test_tmp;

void
cm_test_tmp_setup(void)
{
  cm_test_tmp = cm_test_tmpdir();
}

void
cm_test_tmp_teardown(void)
{
  cm_test_rmdir(cm_test_tmp);
  g_clear_pointer(&cm_test_tmp, g_free);
}

static void
remove_tree(const char *path)
{
  if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
    g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
      g_autofree char *child = g_build_filename(path, name, NULL);
      remove_tree(child);
    }
    g_rmdir(path);
  } else {
    g_unlink(path);
  }
}

void
cm_test_rmdir(const char *dir)
{
  if (dir && g_str_has_prefix(dir, g_get_tmp_dir()))
    remove_tree(dir);
}
