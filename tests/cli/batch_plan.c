/* chainmap batch: which datasets and items a command line asks for. */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

/* The folder, the folder again (written differently) and its dataset.ini: one dataset, drawn
 * once: 3 progress lines (reports, chain, leader-lead), not 9. */
Test(batch_plan, same_dataset_named_three_ways_is_drawn_once, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {
      "batch", DATA_BASIC, DATA_BASIC "/", DATA_BASIC "/dataset.ini", "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  cr_expect_eq(batch_count_lines(r.err, "["), 3, "%s", r.err);
  g_autoptr(GPtrArray) tree = batch_tree(out);
  g_autofree char *listing = batch_join(tree);
  cr_expect_str_eq(listing, "basic/\n"
                            "basic/brief.html\n"
                            "basic/chain.svg\n"
                            "basic/gaps.md\n"
                            "basic/leader-lead.svg\n"
                            "basic/procurement.md\n"
                            "index.html\n");
  batch_run_clear(&r);
}

/* A glob over samples/ catches README.md: skipped with a note, the datasets are drawn. */
Test(batch_plan, file_that_is_not_a_dataset_is_skipped, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {
      "batch", CM_SOURCE_DIR "/samples/README.md", DATA_BASIC, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  cr_expect(strstr(r.err, "skipping") && strstr(r.err, "README.md"), "%s", r.err);
  g_autofree char *chain = g_build_filename(out, "basic", "chain.svg", NULL);
  cr_expect(batch_svg_complete(chain));
  batch_run_clear(&r);
}

/* "-j2" works as with make. */
Test(batch_plan, attached_job_count_is_accepted, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", DATA_BASIC, "-d", out, "-T", "dot", "-j2", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  g_autofree char *chain = g_build_filename(out, "basic", "chain.dot", NULL);
  cr_expect(g_file_test(chain, G_FILE_TEST_IS_REGULAR));
  batch_run_clear(&r);
}

typedef struct {
  const char *args[8];
  const char *needle;
} Usage;

/* Usage errors: exit 2, a message, nothing written. */
Test(batch_plan, usage_errors_write_nothing, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const Usage cases[] = {
      {{"batch", DATA_BASIC, NULL}, "-d OUTDIR"},
      {{"batch", "-d", out, NULL}, "DATASET"},
      {{"batch", CM_SOURCE_DIR "/samples/README.md", "-d", out, NULL}, "no dataset"},
      {{"batch", DATA_BASIC, "-d", out, "-T", "svg,gif", NULL}, "gif"},
      {{"batch", DATA_BASIC, "-d", out, "-j", "-1", NULL}, "-j"},
      {{"batch", DATA_BASIC, "-d", out, "-j", "257", NULL}, "-j"},
      {{"batch", DATA_BASIC, "-d", out, "-jx", NULL}, "-j"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    BatchRun r = batch_run(NULL, cases[i].args);
    cr_expect_eq(r.rc, 2, "case %u: exit %d\n%s", i, r.rc, r.err);
    cr_expect(strstr(r.err, cases[i].needle), "case %u: '%s' not in\n%s", i, cases[i].needle,
              r.err);
    cr_expect_not(g_file_test(out, G_FILE_TEST_EXISTS), "case %u wrote OUTDIR", i);
    batch_run_clear(&r);
  }
}
