/* Fault injection under an address-space limit (ulimit -v): out of memory is exit 4 with a
 * message that says so, never a crash, an abort, exit 1 ("invalid data") or a partial output.
 * Sanitizer builds reserve terabytes of shadow memory, so these tests skip there. */
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#define SAMPLE CM_SOURCE_DIR "/samples/ningde-lithium"

#if defined(__SANITIZE_ADDRESS__)
#define CM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CM_SANITIZED 1
#endif
#endif

static void
skip_if_sanitized(void)
{
#ifdef CM_SANITIZED
  cr_skip_test("ulimit -v cannot be combined with AddressSanitizer");
#endif
}

/* Runs chainmap with args under `ulimit -v kb`; returns the exit code (128 + signal when one
 * killed it) and the captured stderr. */
static int
run_limited(guint kb, const char *const *args, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(argv, g_strdup("/bin/sh"));
  g_ptr_array_add(argv, g_strdup("-c"));
  g_ptr_array_add(argv, g_strdup_printf("ulimit -v %u && exec \"$0\" \"$@\"", kb));
  g_ptr_array_add(argv, g_strdup(CM_CHAINMAP_BIN));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add(argv, g_strdup(args[i]));
  g_ptr_array_add(argv, NULL);
  int status = 0;
  g_autoptr(GError) e = NULL;
  gboolean ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                             NULL, NULL, err, &status, &e);
  cr_assert(ok, "cannot run chainmap: %s", e ? e->message : "");
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

/* A path template of n segments, one producer every 10th: the loader and gaps allocate in
 * proportion to n. */
static char *
write_path_dataset(const char *dir, guint n)
{
  g_autoptr(GString) segs = g_string_new("id,tier,inputs\n");
  g_autoptr(GString) ents = g_string_new("id,region,segments\n");
  for (guint i = 0; i < n; i++) {
    if (i)
      g_string_append_printf(segs, "s%u,upstream,s%u\n", i, i - 1);
    else
      g_string_append(segs, "s0,upstream,\n");
    if (i % 10 == 0)
      g_string_append_printf(ents, "e%u,R,s%u\n", i, i);
  }
  char *ds = g_build_filename(dir, "path", NULL);
  g_mkdir(ds, 0755);
  g_autofree char *ini = g_build_filename(ds, "dataset.ini", NULL);
  g_autofree char *s = g_build_filename(ds, "segments.csv", NULL);
  g_autofree char *e = g_build_filename(ds, "enterprises.csv", NULL);
  cr_assert(g_file_set_contents(ini, "[dataset]\nname=Path\nregion=R\nunit=u\n", -1, NULL));
  cr_assert(g_file_set_contents(s, segs->str, (gssize)segs->len, NULL));
  cr_assert(g_file_set_contents(e, ents->str, (gssize)ents->len, NULL));
  return ds;
}

Test(faults_memory, gaps_out_of_memory_at_any_limit_is_exit_4_never_a_crash_or_exit_1,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown, .timeout = 300)
{
  skip_if_sanitized();
  g_autofree char *ds = write_path_dataset(cm_test_tmp, 400000);
  /* 400 000 segments need about 210 MB: each limit below fails somewhere else (reading,
   * interning, the template graph, the searches, the report); 100 MB is about the least that
   * loads the shared libraries at all */
  guint fours = 0;
  for (guint kb = 100000; kb <= 300000; kb += 20000) {
    const char *args[] = {"gaps", ds, NULL};
    g_autofree char *err = NULL;
    int rc = run_limited(kb, args, &err);
    cr_expect(rc == 0 || rc == 4, "ulimit -v %u: exit %d, stderr: %s", kb, rc, err);
    if (rc == 4) {
      fours++;
      cr_expect(strstr(err, "out of memory") != NULL, "ulimit -v %u: %s", kb, err);
    }
  }
  cr_expect_geq(fours, 3u, "the tight limits run out of memory");
}

Test(faults_memory, render_under_200_mb_fails_cleanly_with_exit_4_and_no_file,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown, .timeout = 120)
{
  skip_if_sanitized();
  /* the reproduction of issue 12: SVG segfaulted in fontconfig, PNG and PDF aborted in GLib */
  static const char *const formats[] = {"svg", "png", "pdf"};
  for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
    g_autofree char *name = g_strdup_printf("map.%s", formats[f]);
    g_autofree char *out = g_build_filename(cm_test_tmp, name, NULL);
    const char *args[] = {"render", SAMPLE, "-o", out, NULL};
    g_autofree char *err = NULL;
    int rc = run_limited(200000, args, &err);
    cr_expect_eq(rc, 4, "%s: exit %d, stderr: %s", formats[f], rc, err);
    cr_expect(strstr(err, "out of memory") != NULL, "%s: %s", formats[f], err);
    cr_expect(!g_file_test(out, G_FILE_TEST_EXISTS), "no %s written", out);
  }
}

Test(faults_memory, render_at_every_limit_draws_or_fails_cleanly, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown, .timeout = 300)
{
  skip_if_sanitized();
  static const char *const formats[] = {"svg", "png", "pdf"};
  for (guint kb = 120000; kb <= 330000; kb += 30000) {
    for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
      g_autofree char *name = g_strdup_printf("map-%u.%s", kb, formats[f]);
      g_autofree char *out = g_build_filename(cm_test_tmp, name, NULL);
      const char *args[] = {"render", SAMPLE, "-o", out, NULL};
      g_autofree char *err = NULL;
      int rc = run_limited(kb, args, &err);
      cr_expect(rc == 0 || rc == 4, "ulimit -v %u, %s: exit %d, stderr: %s", kb, formats[f], rc,
                err);
      cr_expect(rc != 0 || g_file_test(out, G_FILE_TEST_IS_REGULAR), "%s drawn", out);
      cr_expect(rc == 0 || !g_file_test(out, G_FILE_TEST_EXISTS), "no partial %s", out);
    }
  }
}
