/* An output written piece by piece (cm_output_open ... commit) appears only when committed, and
 * an abandoned one leaves nothing behind, not even its temporary file. */
#include "cm_output.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

static char *
temp_dir(void)
{
  char *dir = g_dir_make_tmp("cm-output-XXXXXX", NULL);
  cr_assert_not_null(dir);
  return dir;
}

static guint
entries(const char *dir)
{
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (d && g_dir_read_name(d))
    n++;
  return n;
}

Test(output_stream, pieces_appear_together_on_commit)
{
  g_autofree char *dir = temp_dir();
  g_autofree char *path = g_build_filename(dir, "targets.txt", NULL);
  g_autoptr(GError) err = NULL;
  CmOutput *out = cm_output_open(path, &err);
  cr_assert_not_null(out, "%s", err ? err->message : "");
  cr_assert(cm_output_append(out, "宁德", strlen("宁德"), &err));
  cr_expect_not(g_file_test(path, G_FILE_TEST_EXISTS), "not there before the commit");
  cr_assert(cm_output_append(out, " CATL\n", 6, &err));
  cr_assert(cm_output_commit(out, &err), "%s", err ? err->message : "");
  g_autofree char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL));
  cr_expect_str_eq(text, "宁德 CATL\n");
  cr_expect_eq(entries(dir), 1, "no temporary file is left");
  g_unlink(path);
  g_rmdir(dir);
}

Test(output_stream, an_abandoned_output_leaves_the_old_file_and_nothing_else)
{
  g_autofree char *dir = temp_dir();
  g_autofree char *path = g_build_filename(dir, "targets.txt", NULL);
  cr_assert(g_file_set_contents(path, "old\n", -1, NULL));
  cr_assert_eq(g_chmod(path, 0600), 0);
  g_autoptr(GError) err = NULL;
  CmOutput *out = cm_output_open(path, &err);
  cr_assert_not_null(out);
  cr_assert(cm_output_append(out, "half", 4, &err));
  cm_output_abandon(out);
  g_autofree char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL));
  cr_expect_str_eq(text, "old\n");
  cr_expect_eq(entries(dir), 1, "the temporary file is removed");
  /* and a committed one replaces it, keeping its mode */
  out = cm_output_open(path, &err);
  cr_assert(cm_output_append(out, "new\n", 4, &err));
  cr_assert(cm_output_commit(out, &err));
  struct stat st;
  cr_assert_eq(g_stat(path, &st), 0);
  cr_expect_eq(st.st_mode & 0777, 0600);
  g_unlink(path);
  g_rmdir(dir);
}

Test(output_stream, a_folder_or_missing_folder_is_refused_by_name)
{
  g_autofree char *dir = temp_dir();
  g_autoptr(GError) err = NULL;
  cr_expect_null(cm_output_open(dir, &err));
  cr_expect(err && strstr(err->message, dir), "%s", err ? err->message : "no error");
  g_clear_error(&err);
  g_autofree char *missing = g_build_filename(dir, "no", "such.txt", NULL);
  cr_expect_null(cm_output_open(missing, &err));
  cr_expect(err && strstr(err->message, missing), "%s", err ? err->message : "no error");
  cr_expect_eq(entries(dir), 0);
  g_rmdir(dir);
}
