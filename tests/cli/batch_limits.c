/* Limits of a batch run: one OUTDIR at a time (OUTDIR/.chainmap.lock), and a time limit per item
 * (--item-timeout): an item that runs over it fails alone, reported, and the others finish. */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *
in_tmp(const char *relative)
{
  return g_build_filename(cm_test_tmp, relative, NULL);
}

/* The lock a first batch holds, taken here the way batch takes it. */
Test(batch_limits, second_batch_into_a_locked_outdir_says_so_and_writes_nothing,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = in_tmp("out");
  cr_assert_eq(g_mkdir(out, 0755), 0);
  g_autofree char *lock_path = g_build_filename(out, ".chainmap.lock", NULL);
  int fd = open(lock_path, O_RDWR | O_CREAT, 0644);
  cr_assert(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0);
  const char *args[] = {"batch", DATA_BASIC, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 3, "exit %d\n%s", r.rc, r.err);
  cr_expect(strstr(r.err, "another chainmap batch is writing into") != NULL, "%s", r.err);
  cr_expect(strstr(r.err, ".chainmap.lock") != NULL, "%s", r.err);
  g_autoptr(GPtrArray) files = batch_files(out);
  g_autofree char *listing = batch_join(files);
  cr_expect_str_eq(listing, ".chainmap.lock\n", "nothing written besides the lock: %s", listing);
  close(fd);
  /* released: the next run goes through and removes the lock file */
  BatchRun again = batch_run(NULL, args);
  cr_expect_eq(again.rc, 0, "exit %d\n%s", again.rc, again.err);
  cr_expect(!g_file_test(lock_path, G_FILE_TEST_EXISTS), "the lock file is removed at the end");
  batch_run_clear(&r);
  batch_run_clear(&again);
}

Test(batch_limits, planted_symlink_or_fifo_lock_is_refused_not_followed, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown, .timeout = 60)
{
  g_autofree char *out = in_tmp("out");
  cr_assert_eq(g_mkdir(out, 0755), 0);
  g_autofree char *victim = in_tmp("victim.txt");
  cr_assert(g_file_set_contents(victim, "VICTIM\n", -1, NULL));
  g_autofree char *lock_path = g_build_filename(out, ".chainmap.lock", NULL);
  cr_assert_eq(symlink(victim, lock_path), 0);
  const char *args[] = {"batch", DATA_BASIC, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 3, "exit %d\n%s", r.rc, r.err);
  cr_expect(strstr(r.err, "cannot lock") != NULL, "%s", r.err);
  g_autofree char *text = NULL;
  cr_expect(g_file_get_contents(victim, &text, NULL, NULL) && strcmp(text, "VICTIM\n") == 0);
  batch_run_clear(&r);
  g_unlink(lock_path);
  cr_assert_eq(mkfifo(lock_path, 0644), 0);
  BatchRun f = batch_run(NULL, args);
  cr_expect_eq(f.rc, 3, "a FIFO lock: exit %d\n%s", f.rc, f.err);
  batch_run_clear(&f);
}

/* The pids of the children of pid (Linux /proc). */
static GArray *
children_of(GPid pid)
{
  GArray *kids = g_array_new(FALSE, FALSE, sizeof(GPid));
  g_autofree char *path = g_strdup_printf("/proc/%d/task/%d/children", pid, pid);
  g_autofree char *text = NULL;
  if (g_file_get_contents(path, &text, NULL, NULL)) {
    g_auto(GStrv) parts = g_strsplit(g_strstrip(text), " ", -1);
    for (guint i = 0; parts[i]; i++)
      if (*parts[i]) {
        GPid k = (GPid)g_ascii_strtoll(parts[i], NULL, 10);
        g_array_append_val(kids, k);
      }
  }
  return kids;
}

/* A worker that makes no progress (stopped with SIGSTOP, as a runaway layout would seem from
 * outside) is killed at the time limit: its item fails with the reason, the other dataset is
 * complete, the run ends with exit 1. 15 s, so that the real maps finish well within it even in
 * a sanitizer build on a loaded machine. */
Test(batch_limits, item_over_the_time_limit_fails_alone_and_the_others_finish,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown, .timeout = 120)
{
  g_autofree char *out = in_tmp("out");
  const char *argv[] = {CM_CHAINMAP_BIN, "batch", DATA_BASIC, SAMPLE_ZHOUSHAN,  "-d", out, "-T",
                        "svg",           "-j",    "1",        "--item-timeout", "15", NULL};
  GPid pid;
  int err_fd;
  g_autoptr(GError) e = NULL;
  cr_assert(g_spawn_async_with_pipes(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                     NULL, &pid, NULL, NULL, &err_fd, &e),
            "%s", e ? e->message : "");
  /* the first worker, as soon as it exists: it is busy with the first dataset's reports */
  GPid worker = 0;
  for (guint i = 0; i < 2000 && !worker; i++) {
    g_autoptr(GArray) kids = children_of(pid);
    if (kids->len)
      worker = g_array_index(kids, GPid, 0);
    else
      g_usleep(1000);
  }
  cr_assert(worker > 0, "no worker appeared");
  kill(worker, SIGSTOP);
  gint64 start = g_get_monotonic_time();
  int status = 0;
  waitpid(pid, &status, 0);
  double took = (g_get_monotonic_time() - start) / 1e6;
  g_autoptr(GString) err = g_string_new(NULL);
  char buf[4096];
  for (gssize n; (n = read(err_fd, buf, sizeof buf)) > 0;)
    g_string_append_len(err, buf, n);
  close(err_fd);
  g_spawn_close_pid(pid);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 1, "exit status %d\n%s", status, err->str);
  /* most often the first dataset's reports; a fast machine may be one item further */
  cr_expect_eq(batch_count_lines(err->str, "    took longer than the time limit"), 1u,
               "one item failed:\n%s", err->str);
  cr_expect(strstr(err->str, "failed items 1") != NULL, "%s", err->str);
  cr_expect(strstr(err->str, "time limit of 15 s") != NULL, "%s", err->str);
  cr_expect_geq(took, 14.0, "the limit was waited for (%.1f s)", took);
  g_autofree char *chain = in_tmp("out/zhoushan-petrochemical/chain.svg");
  g_autofree char *first = in_tmp("out/basic/chain.svg");
  cr_expect(batch_svg_complete(chain) || batch_svg_complete(first), "the other dataset finished");
  g_autofree char *index = in_tmp("out/index.html");
  cr_expect(g_file_test(index, G_FILE_TEST_IS_REGULAR), "the index is written");
  /* the stopped worker was killed, not left behind */
  cr_expect(kill(worker, 0) != 0, "worker %d still exists", worker);
}

Test(batch_limits, bad_item_timeout_is_a_usage_error)
{
  const char *args[] = {"batch",          DATA_BASIC, "-d", "/nonexistent-out",
                        "--item-timeout", "-1",       NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 2, "exit %d\n%s", r.rc, r.err);
  cr_expect(strstr(r.err, "--item-timeout") != NULL, "%s", r.err);
  batch_run_clear(&r);
}
