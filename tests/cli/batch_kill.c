/* chainmap batch killed with SIGKILL mid-run: no visible half-written file (SPEC section 3, "a
 * failed run never leaves a half-written file"), only hidden ".NAME.cm-tmp-XXXXXX" leftovers, and
 * the next run removes those. */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Six datasets (three copies of each sample), svg and png: dozens of items, several seconds. */
static GPtrArray *
batch_args(const char *out)
{
  GPtrArray *args = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(args, g_strdup(CM_CHAINMAP_BIN));
  g_ptr_array_add(args, g_strdup("batch"));
  for (int i = 1; i <= 3; i++) {
    g_autofree char *n = g_strdup_printf("data/ningde-%d", i);
    g_autofree char *z = g_strdup_printf("data/zhoushan-%d", i);
    g_ptr_array_add(args, g_build_filename(cm_test_tmp, n, NULL));
    g_ptr_array_add(args, g_build_filename(cm_test_tmp, z, NULL));
  }
  g_ptr_array_add(args, g_strdup("-d"));
  g_ptr_array_add(args, g_strdup(out));
  g_ptr_array_add(args, g_strdup("-T"));
  g_ptr_array_add(args, g_strdup("svg,png"));
  g_ptr_array_add(args, g_strdup("-j"));
  g_ptr_array_add(args, g_strdup("2"));
  g_ptr_array_add(args, NULL);
  return args;
}

/* Is any process (the batch or one of its workers) still running with OUTDIR on its command
 * line? Workers are forks, so they carry the parent's command line. */
static gboolean
batch_alive(const char *out)
{
  g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
  const char *name;
  while (proc && (name = g_dir_read_name(proc))) {
    if (!g_ascii_isdigit(name[0]))
      continue;
    g_autofree char *path = g_build_filename("/proc", name, "cmdline", NULL);
    g_autofree char *cmd = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &cmd, &len, NULL))
      continue;
    for (gsize i = 0; i < len; i += strlen(cmd + i) + 1)
      if (strcmp(cmd + i, out) == 0)
        return TRUE;
  }
  return FALSE;
}

/* Starts the batch, waits until `items` items have finished (progress lines on the pipe), waits
 * `delay_ms` more, then kills the parent with SIGKILL and waits for its workers to go. */
static void
start_and_kill(const char *out, guint items, guint delay_ms)
{
  g_autoptr(GPtrArray) args = batch_args(out);
  GPid pid;
  int err_fd = -1;
  g_autoptr(GError) error = NULL;
  cr_assert(g_spawn_async_with_pipes(NULL, (char **)args->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                     NULL, NULL, &pid, NULL, NULL, &err_fd, &error),
            "%s", error ? error->message : "");
  FILE *err = fdopen(err_fd, "r");
  guint seen = 0;
  char line[4096];
  while (seen < items && fgets(line, sizeof line, err))
    seen += line[0] == '[';
  cr_assert_eq(seen, items, "the batch ended after %u items", seen);
  g_usleep(delay_ms * 1000);
  cr_assert_eq(kill(pid, SIGKILL), 0);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  fclose(err);
  cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the batch ended by itself");
  for (int i = 0; i < 200 && batch_alive(out); i++)
    g_usleep(50 * 1000);
  cr_assert_not(batch_alive(out), "workers outlived the killed batch");
}

/* Stops every child of parent (the workers) with SIGSTOP, so that what they are writing stays
 * half-written. */
static GArray *
stop_children(GPid parent)
{
  GArray *stopped = g_array_new(FALSE, FALSE, sizeof(int));
  g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
  const char *name;
  while (proc && (name = g_dir_read_name(proc))) {
    if (!g_ascii_isdigit(name[0]))
      continue;
    g_autofree char *path = g_build_filename("/proc", name, "stat", NULL);
    g_autofree char *stat = NULL;
    if (!g_file_get_contents(path, &stat, NULL, NULL))
      continue;
    const char *after = strrchr(stat, ')'); /* "pid (comm) state ppid ..." */
    char state;
    int ppid;
    if (after && sscanf(after + 1, " %c %d", &state, &ppid) == 2 && ppid == parent) {
      int child = atoi(name);
      if (kill(child, SIGSTOP) == 0)
        g_array_append_val(stopped, child);
    }
  }
  return stopped;
}

/* A worker stopped between its fork and its prctl(PR_SET_PDEATHSIG) never hears of its parent's
 * death and would stay stopped forever, holding ctest's output pipe: kill what we stopped. */
static void
kill_stopped(GArray *stopped)
{
  for (guint i = 0; i < stopped->len; i++)
    kill(g_array_index(stopped, int, i), SIGKILL);
  g_array_free(stopped, TRUE);
}

/* Starts the batch and, the moment a worker creates a temporary file (inotify on the dataset
 * folders, made beforehand), stops the workers and kills the parent: a worker caught between
 * creating its temporary file and renaming it. Returns FALSE when the batch ended first. */
static gboolean
kill_while_writing(const char *out, const char *const *slugs, guint n_slugs)
{
  int ino = inotify_init1(IN_CLOEXEC);
  cr_assert_geq(ino, 0);
  for (guint i = 0; i < n_slugs; i++) {
    g_autofree char *dir = g_build_filename(out, slugs[i], NULL);
    cr_assert_eq(g_mkdir_with_parents(dir, 0755), 0);
    cr_assert_geq(inotify_add_watch(ino, dir, IN_CREATE), 0);
  }
  g_autoptr(GPtrArray) args = batch_args(out);
  GPid pid;
  g_autoptr(GError) error = NULL;
  cr_assert(g_spawn_async(NULL, (char **)args->pdata, NULL,
                          G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid,
                          &error),
            "%s", error ? error->message : "");
  gboolean caught = FALSE;
  GArray *stopped = NULL;
  int status = 0;
  while (!caught) {
    struct pollfd p = {.fd = ino, .events = POLLIN};
    if (poll(&p, 1, 200) <= 0) {
      if (waitpid(pid, &status, WNOHANG) == pid)
        break; /* the batch ended */
      continue;
    }
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    gssize n = read(ino, buf, sizeof buf);
    for (gssize at = 0; at < n && !caught;) {
      const struct inotify_event *ev = (const struct inotify_event *)(buf + at);
      if (ev->len && strstr(ev->name, ".cm-tmp-")) {
        stopped = stop_children(pid);
        kill(pid, SIGKILL);
        caught = TRUE;
      }
      at += (gssize)(sizeof *ev + ev->len);
    }
  }
  close(ino);
  if (caught)
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
  if (stopped)
    kill_stopped(stopped);
  for (int i = 0; i < 200 && batch_alive(out); i++)
    g_usleep(50 * 1000);
  cr_assert_not(batch_alive(out), "workers outlived the killed batch");
  return caught;
}

/* ".NAME.cm-tmp-XXXXXX" (cm_output.h): the only hidden files a run may leave. */
static gboolean
is_temp_name(const char *base)
{
  const char *mark = strstr(base, ".cm-tmp-");
  return base[0] == '.' && mark && mark > base + 1 && strlen(mark) == strlen(".cm-tmp-") + 6;
}

/* Every visible file is whole; returns how many temporary files there are. */
static guint
check_tree(const char *out)
{
  g_autoptr(GPtrArray) files = batch_files(out);
  guint temps = 0;
  for (guint i = 0; i < files->len; i++) {
    const char *rel = g_ptr_array_index(files, i);
    g_autofree char *base = g_path_get_basename(rel);
    g_autofree char *path = g_build_filename(out, rel, NULL);
    if (strcmp(rel, ".chainmap.lock") == 0) {
      /* a killed run leaves its (empty) lock file; the lock itself went with the process */
      struct stat st;
      cr_expect(stat(path, &st) == 0 && st.st_size == 0, "the lock file is empty");
    } else if (base[0] == '.') {
      cr_expect(is_temp_name(base), "hidden file %s is not a temporary file", rel);
      temps++;
    } else if (g_str_has_suffix(base, ".svg")) {
      cr_expect(batch_svg_complete(path), "%s is cut short", rel);
    } else if (g_str_has_suffix(base, ".png")) {
      cr_expect(batch_png_complete(path), "%s has no IEND chunk", rel);
    } else if (g_str_has_suffix(base, ".md")) {
      g_autofree char *text = NULL;
      gsize len = 0;
      cr_expect(g_file_get_contents(path, &text, &len, NULL) && len > 0 && text[0] == '#' &&
                    text[len - 1] == '\n',
                "%s is not a whole report", rel);
    } else if (strcmp(base, "index.html") == 0 || strcmp(base, "brief.html") == 0) {
      g_autofree char *text = NULL;
      cr_expect(g_file_get_contents(path, &text, NULL, NULL) && g_str_has_suffix(text, "</html>\n"),
                "%s is cut short", rel);
    } else {
      cr_expect(FALSE, "unexpected file %s", rel);
    }
  }
  return temps;
}

Test(batch_kill, sigkill_mid_batch_leaves_no_visible_partial_file_and_rerun_cleans_up,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown, .timeout = 600)
{
  for (int i = 1; i <= 3; i++) {
    g_autofree char *n = g_strdup_printf("data/ningde-%d", i);
    g_autofree char *z = g_strdup_printf("data/zhoushan-%d", i);
    g_autofree char *nd = g_build_filename(cm_test_tmp, n, NULL);
    g_autofree char *zd = g_build_filename(cm_test_tmp, z, NULL);
    batch_copy_dataset(SAMPLE_NINGDE, nd);
    batch_copy_dataset(SAMPLE_ZHOUSHAN, zd);
  }
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  g_autofree char *index = g_build_filename(out, "index.html", NULL);

  /* kill at different points: right after an item, and some way into the next ones */
  const guint items[] = {2, 6, 11};
  const guint delays[] = {0, 40, 150};
  for (guint k = 0; k < G_N_ELEMENTS(items); k++) {
    start_and_kill(out, items[k], delays[k]);
    cr_expect_not(g_file_test(index, G_FILE_TEST_EXISTS), "round %u: the batch finished", k);
    guint temps = check_tree(out);
    cr_log_info("round %u: %u temporary files left by the kill", k, temps);
  }

  /* a kill that catches a worker writing: its temporary file stays, hidden; the visible files are
   * all whole. A worker may still finish its rename before it is stopped, so try a few times. */
  const char *slugs[] = {"ningde-1",   "zhoushan-1", "ningde-2",
                         "zhoushan-2", "ningde-3",   "zhoushan-3"};
  guint left = 0;
  for (guint attempt = 0; attempt < 10 && left == 0; attempt++) {
    cr_assert(kill_while_writing(out, slugs, G_N_ELEMENTS(slugs)), "the batch ended first");
    left = check_tree(out);
    cr_log_info("attempt %u: %u temporary files left by the kill", attempt, left);
  }
  cr_expect_gt(left, 0, "no kill caught a worker between its temporary file and the rename");
  cr_expect_not(g_file_test(index, G_FILE_TEST_EXISTS));

  /* a leftover in OUTDIR itself, as a kill while writing index.html leaves it */
  g_autofree char *stale = g_build_filename(out, ".index.html.cm-tmp-Zz99Yy", NULL);
  cr_assert(g_file_set_contents(stale, "<!DOCTYPE", -1, NULL));

  g_autoptr(GPtrArray) args = batch_args(out);
  BatchRun r = batch_run(NULL, (const char *const *)args->pdata + 1);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  cr_expect_eq(check_tree(out), 0, "temporary files remain after a complete run");
  /* 3 × (ningde 9 files + zhoushan 7 files) + index.html: ningde has chain, leader-catl and
   * leader-atl in two formats plus brief.html and two reports; zhoushan chain and leader-zpc
   * plus the brief and two reports */
  g_autoptr(GPtrArray) files = batch_files(out);
  g_autofree char *listing = batch_join(files);
  cr_expect_eq(files->len, 3 * (9 + 7) + 1, "%s", listing);
  batch_run_clear(&r);
}
