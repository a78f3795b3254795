/* Replays fuzz inputs without libFuzzer: each argument is a file or a folder of files (a missing
 * folder is skipped, so fuzz/crashes/<what>/ may not exist yet). Every file goes once through
 * LLVMFuzzerTestOneInput, in name order. Fails when no input at all was found, so a wrong path
 * cannot make the test pass by running nothing. */
#include "fuzz_common.h"

#include <glib.h>
#include <string.h>

static gboolean
replay_file(const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents(path, &data, &len, &error)) {
    fprintf(stderr, "replay: %s\n", error->message);
    return FALSE;
  }
  fprintf(stderr, "replay: %s (%zu bytes)\n", path, (size_t)len);
  /* an exact-size copy, so ASan sees reads past the end as libFuzzer's copy would */
  g_autofree unsigned char *copy = g_memdup2(data, len);
  LLVMFuzzerTestOneInput(copy, len);
  return TRUE;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the regular files of dir (hidden ones excepted) to files, sorted. */
static gboolean
list_dir(const char *dir, GPtrArray *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open(dir, 0, &error);
  if (!d) {
    fprintf(stderr, "replay: %s\n", error->message);
    return FALSE;
  }
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  for (const char *name; (name = g_dir_read_name(d));) {
    if (name[0] == '.')
      continue;
    char *path = g_build_filename(dir, name, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add(names, path);
    else
      g_free(path);
  }
  g_ptr_array_sort(names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add(files, g_strdup(g_ptr_array_index(names, i)));
  return TRUE;
}

int
main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
    return 2;
  }
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
  for (int i = 1; i < argc; i++) {
    if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
      if (!list_dir(argv[i], files))
        return 1;
    } else if (g_file_test(argv[i], G_FILE_TEST_IS_REGULAR)) {
      g_ptr_array_add(files, g_strdup(argv[i]));
    } else {
      fprintf(stderr, "replay: %s: not found; skipped\n", argv[i]);
    }
  }
  if (files->len == 0) {
    fprintf(stderr, "replay: no input found\n");
    return 1;
  }
  for (guint i = 0; i < files->len; i++)
    if (!replay_file(g_ptr_array_index(files, i)))
      return 1;
  fprintf(stderr, "replay: %u input(s) ran without a failure\n", files->len);
  return 0;
}
