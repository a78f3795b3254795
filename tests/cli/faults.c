/* Fault injection: outputs that cannot be written, inputs that vanish or cannot be read, and a
 * kill in the middle of a write. Each ends with the exit code of SPEC (3 output, 1 input), a
 * message naming the path, and never a partial output file. */
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAMPLE CM_SOURCE_DIR "/samples/ningde-lithium"

/* Names of the visible files in dir, space separated (transfer full). */
static char *
listing(const char *dir)
{
  GString *s = g_string_new(NULL);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d)))
    g_string_append_printf(s, "%s ", name);
  return g_string_free(s, FALSE);
}

Test(faults, output_to_dev_full_is_exit_3_and_the_device_survives)
{
  const char *args[] = {"gaps", SAMPLE, "-o", "/dev/full", NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 3, "exit %d, stderr: %s", rc, err);
  cr_assert(strstr(err, "/dev/full") != NULL, "message names the path: %s", err);
  struct stat st;
  cr_assert(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode),
            "/dev/full is still a character device");
}

Test(faults, streamed_targets_to_dev_full_is_exit_3)
{
  /* targets is written as it is formed (cm_report_targets_write), not in one piece */
  const char *formats[] = {"text", "md", "csv", "json"};
  for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
    const char *args[] = {"targets", SAMPLE, "--format", formats[i], "-o", "/dev/full", NULL};
    g_autofree char *out = NULL, *err = NULL;
    int rc = cm_test_run_cli(args, &out, &err);
    cr_expect_eq(rc, 3, "%s: exit %d, stderr: %s", formats[i], rc, err);
    cr_expect(strstr(err, "cannot write /dev/full") != NULL, "%s: %s", formats[i], err);
  }
}

Test(faults, streamed_targets_that_fail_midway_leave_no_file)
{
  /* a file size limit of 1 KiB (ulimit -f 1, SIGXFSZ ignored so that write fails with EFBIG):
   * the sample's targets report (25 KB) cannot be written whole */
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *target = g_build_filename(dir, "targets.txt", NULL);
  g_autofree char *script = g_strdup_printf(
      "ulimit -f 1; trap '' XFSZ; exec '%s' targets '%s' -o '%s'", CM_CHAINMAP_BIN, SAMPLE, target);
  const char *argv[] = {"/bin/sh", "-c", script, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  cr_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                         &status, NULL));
  cr_assert(WIFEXITED(status), "%s", err);
  cr_expect_eq(WEXITSTATUS(status), 3, "exit %d, stderr: %s", WEXITSTATUS(status), err);
  cr_expect(strstr(err, target) != NULL, "the message names the file: %s", err);
  g_autofree char *left = listing(dir);
  cr_expect_str_eq(left, "", "no partial file and no temporary file: %s", left);
  cm_test_rmdir(dir);
}

Test(faults, render_to_dev_full_is_exit_3)
{
  const char *args[] = {"render", SAMPLE, "-o", "/dev/full", "-T", "svg", NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 3, "exit %d, stderr: %s", rc, err);
  cr_assert(strstr(err, "/dev/full") != NULL, "%s", err);
}

Test(faults, output_into_missing_folder_is_exit_3_with_nothing_written)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *target = g_build_filename(dir, "no-such-folder", "gaps.json", NULL);
  const char *args[] = {"gaps", SAMPLE, "--format", "json", "-o", target, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 3, "exit %d, stderr: %s", rc, err);
  cr_assert(strstr(err, target) != NULL, "message names %s: %s", target, err);
  g_autofree char *left = listing(dir);
  cr_assert_str_eq(left, "", "no folder created, nothing written: %s", left);
  cr_assert(!g_file_test(target, G_FILE_TEST_EXISTS));
  cm_test_rmdir(dir);
}

/* A folder nobody may write into. Root ignores permission bits, so as root use /proc, whose
 * top level refuses new files to everyone. */
static char *
unwritable_folder(char **cleanup)
{
  *cleanup = NULL;
  if (geteuid() == 0)
    return g_strdup("/proc");
  char *dir = cm_test_tmpdir();
  g_chmod(dir, 0555);
  *cleanup = g_strdup(dir);
  return dir;
}

Test(faults, output_into_read_only_folder_is_exit_3)
{
  g_autofree char *cleanup = NULL;
  g_autofree char *dir = unwritable_folder(&cleanup);
  g_autofree char *target = g_build_filename(dir, "chainmap-fault-test.md", NULL);
  const char *args[] = {"procurement", SAMPLE, "--format", "md", "-o", target, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 3, "exit %d, stderr: %s", rc, err);
  cr_assert(strstr(err, target) != NULL, "%s", err);
  cr_assert(!g_file_test(target, G_FILE_TEST_EXISTS));
  if (cleanup) {
    g_autofree char *left = listing(cleanup);
    cr_assert_str_eq(left, "", "no temporary file left: %s", left);
    g_chmod(cleanup, 0755);
    cm_test_rmdir(cleanup);
  }
}

Test(faults, output_onto_a_folder_is_exit_3)
{
  g_autofree char *dir = cm_test_tmpdir();
  const char *args[] = {"targets", SAMPLE, "-o", dir, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 3, "exit %d, stderr: %s", rc, err);
  cr_assert(strstr(err, dir) != NULL, "%s", err);
  g_autofree char *left = listing(dir);
  cr_assert_str_eq(left, "", "nothing written inside: %s", left);
  cm_test_rmdir(dir);
}

/* A copy of the sample in a fresh folder (transfer full). */
static char *
copy_sample(void)
{
  char *dir = cm_test_tmpdir();
  const char *files[] = {"dataset.ini", "segments.csv", "enterprises.csv", "supply.csv"};
  for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *from = g_build_filename(SAMPLE, files[i], NULL);
    g_autofree char *to = g_build_filename(dir, files[i], NULL);
    g_autofree char *text = NULL;
    gsize len = 0;
    cr_assert(g_file_get_contents(from, &text, &len, NULL));
    cr_assert(g_file_set_contents(to, text, (gssize)len, NULL));
  }
  return dir;
}

Test(faults, vanished_table_is_exit_1_naming_the_file)
{
  g_autofree char *dir = copy_sample();
  g_autofree char *supply = g_build_filename(dir, "enterprises.csv", NULL);
  g_unlink(supply);
  const char *args[] = {"gaps", dir, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 1, "exit %d, stderr: %s", rc, err);
  cr_assert(strstr(err, supply) != NULL && strstr(err, "missing file"), "%s", err);
  cr_assert_str_eq(out, "", "no partial report on stdout");
  cm_test_rmdir(dir);
}

Test(faults, vanished_dataset_folder_is_exit_1)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *gone = g_build_filename(dir, "gone", NULL);
  const char *args[] = {"validate", gone, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 1, "exit %d", rc);
  g_autofree char *both = g_strconcat(out, err, NULL);
  cr_assert(strstr(both, gone) != NULL, "message names the path: %s", both);
  cm_test_rmdir(dir);
}

Test(faults, unreadable_table_is_exit_1_naming_the_file)
{
  g_autofree char *dir = copy_sample();
  g_autofree char *supply = g_build_filename(dir, "supply.csv", NULL);
  /* a folder where a table should be: unreadable as a file, for root too */
  g_unlink(supply);
  cr_assert(g_mkdir(supply, 0755) == 0);
  const char *args[] = {"procurement", dir, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_assert_eq(rc, 1, "exit %d, stderr: %s", rc, err);
  cr_assert(strstr(err, supply) != NULL, "%s", err);
  cm_test_rmdir(dir);
}

Test(faults, sigkill_during_render_leaves_no_partial_file, .timeout = 120)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *target = g_build_filename(dir, "chain.png", NULL);
  /* kill at several moments; each time the target is absent or a complete PNG */
  for (guint delay_ms = 20; delay_ms <= 640; delay_ms *= 2) {
    const char *argv[] = {CM_CHAINMAP_BIN, "render", SAMPLE, "-o", target, NULL};
    GPid pid;
    cr_assert(g_spawn_async(NULL, (char **)argv, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL));
    g_usleep(delay_ms * 1000);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    if (g_file_test(target, G_FILE_TEST_EXISTS)) {
      g_autofree char *png = NULL;
      gsize len = 0;
      cr_assert(g_file_get_contents(target, &png, &len, NULL));
      cr_assert(len > 12 && memcmp(png + len - 12, "\0\0\0\0IEND\xae\x42\x60\x82", 12) == 0,
                "after a kill at %u ms the PNG is complete (ends with IEND)", delay_ms);
    }
    g_autofree char *left = listing(dir);
    /* only the finished file may be visible; a killed run's temporary file is hidden */
    g_auto(GStrv) names = g_strsplit(g_strstrip(left), " ", -1);
    for (guint i = 0; names[i]; i++)
      cr_assert(*names[i] == '\0' || strcmp(names[i], "chain.png") == 0 ||
                    (names[i][0] == '.' && strstr(names[i], ".cm-tmp-")),
                "unexpected file after a kill: %s", names[i]);
  }
  cm_test_rmdir(dir);
}

/* `-o` over an existing private report keeps its mode: 0600 and 0640 stay (umask 022 would have
 * made 0644); the group is kept where we may (our own group here). */
Test(faults, overwritten_report_keeps_its_mode_and_group)
{
  g_autofree char *dir = cm_test_tmpdir();
  const guint modes[] = {0600, 0640};
  for (guint i = 0; i < G_N_ELEMENTS(modes); i++) {
    g_autofree char *target = g_build_filename(dir, "gaps.md", NULL);
    cr_assert(g_file_set_contents(target, "old\n", -1, NULL));
    cr_assert_eq(g_chmod(target, modes[i]), 0);
    struct stat before;
    cr_assert_eq(stat(target, &before), 0);
    const char *args[] = {"gaps", SAMPLE, "--format", "md", "-o", target, NULL};
    g_autofree char *out = NULL, *err = NULL;
    int rc = cm_test_run_cli(args, &out, &err);
    cr_assert_eq(rc, 0, "exit %d, stderr: %s", rc, err);
    struct stat after;
    cr_assert_eq(stat(target, &after), 0);
    cr_expect_eq(after.st_mode & 07777, modes[i], "mode %o, wanted %o", after.st_mode & 07777,
                 modes[i]);
    cr_expect_eq(after.st_gid, before.st_gid);
    cr_expect_gt(after.st_size, 4, "rewritten");
  }
  cm_test_rmdir(dir);
}
