/* Nothing a dataset holds reaches a person's terminal as a control sequence: diagnostics, error
 * and batch failure lines, text and Markdown reports, CSV to a terminal. Each output is searched
 * for the raw bytes (ESC 1B, BEL 07, CSI C2 9B, RLO E2 80 AE) and for their visible forms. */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#define ESC "\033"
#define CSI "\xc2\x9b"
#define RLO "\xe2\x80\xae"

static void
write_in(const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  cr_assert(g_file_set_contents(path, text, -1, NULL), "cannot write %s", path);
}

/* A valid dataset whose ids and names carry escape sequences, a C1 CSI, a bidi override and
 * Markdown markup; ids with controls are warnings, so it loads. */
static char *
hostile_dataset(void)
{
  char *dir = g_build_filename(cm_test_tmp, "hostile", NULL);
  cr_assert_eq(g_mkdir(dir, 0755), 0);
  write_in(dir, "dataset.ini",
           "[dataset]\nname=Chain " ESC "]0;pwned"
           "\007\nregion=R\nunit=u\n");
  write_in(dir, "segments.csv",
           "id,name,tier,inputs\n"
           "ore" ESC "[31m,Ore " CSI "2J ~~struck~~ &amp; http://evil.example www.evil.example "
           "a@b.example " RLO "txt.exe,upstream,\n"
           "cell,Cell,midstream,ore" ESC "[31m\n");
  write_in(dir, "enterprises.csv", "id,name,region,segments\nm,Miner " RLO "gpj,R,cell\n");
  return dir;
}

static void
expect_no_raw_controls(const char *what, const char *text)
{
  cr_expect(strstr(text, ESC) == NULL, "%s holds a raw ESC:\n%s", what, text);
  cr_expect(strstr(text, "\007") == NULL, "%s holds a raw BEL", what);
  cr_expect(strstr(text, CSI) == NULL, "%s holds a raw CSI", what);
  cr_expect(strstr(text, RLO) == NULL, "%s holds a raw RLO", what);
}

Test(escapes, loader_warns_about_control_and_bidi_characters_in_ids_and_shows_them_escaped,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = hostile_dataset();
  const char *args[] = {"validate", ds, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_expect_eq(rc, 0, "warnings only: exit %d\n%s%s", rc, out, err);
  expect_no_raw_controls("validate", out);
  expect_no_raw_controls("validate stderr", err);
  cr_expect(strstr(out, "segments.csv:2: warning: id 'ore\\x1b[31m' contains a control character "
                        "(U+001B)") != NULL,
            "%s", out);
}

Test(escapes, diagnostics_of_a_failing_report_are_escaped_on_stderr, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = hostile_dataset();
  /* an unknown scenario and encoding quote the ini's bytes in the error */
  write_in(ds, "dataset.ini",
           "[dataset]\nregion=R\nencoding=" ESC "]0;x"
           "\007\n[analysis]\nscenario=op" CSI "2J\n");
  const char *args[] = {"gaps", ds, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cm_test_run_cli(args, &out, &err);
  cr_expect_eq(rc, 1, "exit %d\n%s", rc, err);
  expect_no_raw_controls("gaps stderr", err);
  cr_expect(strstr(err, "bad encoding '\\x1b]0;x\\x07'") != NULL, "%s", err);
  cr_expect(strstr(err, "bad scenario 'op<U+009B>2J'") != NULL, "%s", err);
}

Test(escapes, text_and_markdown_reports_show_controls_and_neutralise_markup,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = hostile_dataset();
  const char *text_args[] = {"gaps", ds, NULL};
  g_autofree char *out = NULL, *err = NULL;
  cr_assert_eq(cm_test_run_cli(text_args, &out, &err), 0, "%s", err);
  expect_no_raw_controls("gaps text", out);
  cr_expect(strstr(out, "ore\\x1b[31m") != NULL, "%s", out);

  const char *md_args[] = {"gaps", ds, "--format", "md", NULL};
  g_autofree char *md = NULL, *md_err = NULL;
  cr_assert_eq(cm_test_run_cli(md_args, &md, &md_err), 0, "%s", md_err);
  expect_no_raw_controls("gaps md", md);
  /* in Markdown source: the escape and the override visible and inert, each markup character
   * behind a backslash, so that the page shows the text as written */
  static const char *const want[] = {
      "ore\\\\x1b\\[31m",      "\\<U+009B\\>2J",     "\\~\\~struck\\~\\~", "\\&amp;",
      "http\\://evil.example", "www\\.evil.example", "a\\@b.example",      "\\<U+202E\\>txt.exe"};
  for (guint i = 0; i < G_N_ELEMENTS(want); i++)
    cr_expect(strstr(md, want[i]) != NULL, "no '%s' in:\n%s", want[i], md);
}

Test(escapes, csv_to_a_terminal_is_escaped_and_to_a_pipe_is_kept, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = hostile_dataset();
  /* a pipe (the test's capture) gets the data as it is: a spreadsheet keeps the ids exact */
  const char *args[] = {"gaps", ds, "--format", "csv", NULL};
  g_autofree char *out = NULL, *err = NULL;
  cr_assert_eq(cm_test_run_cli(args, &out, &err), 0, "%s", err);
  cr_expect(strstr(out, "ore" ESC "[31m") != NULL, "the pipe gets the id as it is");
  /* a terminal: script(1) gives the command a pseudo-terminal as its standard output */
  g_autofree char *quoted_bin = g_shell_quote(CM_CHAINMAP_BIN);
  g_autofree char *quoted_ds = g_shell_quote(ds);
  g_autofree char *cmd =
      g_strdup_printf("%s gaps %s --format csv 2>/dev/null", quoted_bin, quoted_ds);
  const char *argv[] = {"script", "-qec", cmd, "/dev/null", NULL};
  g_autofree char *tty_out = NULL;
  int status = 0;
  g_autoptr(GError) e = NULL;
  if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &tty_out, NULL, &status, &e))
    cr_skip_test("script(1) is not available: %s", e->message);
  cr_expect(strstr(tty_out, "ore\\x1b[31m") != NULL, "escaped on the terminal:\n%s", tty_out);
  expect_no_raw_controls("csv on a terminal", tty_out);
}

Test(escapes, batch_failure_lines_are_escaped, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = hostile_dataset();
  /* an unknown input id with an escape sequence: the dataset fails, its reason quotes the id */
  write_in(ds, "segments.csv",
           "id,tier,inputs\nore,upstream,zz" ESC "[2J"
           "\007\n");
  write_in(ds, "enterprises.csv", "id,region,segments\nm,R,ore\n");
  g_autofree char *outdir = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", ds, "-d", outdir, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 1, "exit %d\n%s", r.rc, r.err);
  expect_no_raw_controls("batch stderr", r.err);
  cr_expect(strstr(r.err, "unknown segment 'zz\\x1b[2J\\x07'") != NULL, "%s", r.err);
  batch_run_clear(&r);
}

Test(escapes, batch_progress_and_reports_of_a_dataset_with_warnings_are_escaped,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = hostile_dataset();
  g_autofree char *outdir = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", ds, "-d", outdir, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  expect_no_raw_controls("batch stderr", r.err);
  /* the warnings quoted at the top of gaps.md, and the report itself */
  g_autofree char *gaps = g_build_filename(outdir, "hostile", "gaps.md", NULL);
  g_autofree char *md = NULL;
  cr_assert(g_file_get_contents(gaps, &md, NULL, NULL), "no %s", gaps);
  expect_no_raw_controls("gaps.md", md);
  cr_expect(strstr(md, "ore\\x1b[31m") != NULL, "%s", md);
  batch_run_clear(&r);
}
