/* chainmap batch: one broken dataset fails alone (SPEC section 3, "one failing dataset is
 * reported and the others still complete (exit 1 at the end)"). */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

static char *
read_text(const char *path)
{
  char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL), "%s not written", path);
  return text;
}

static guint
count(const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
    n++;
  return n;
}

/* The broken one sits between two good ones, so the pool has to go on after it. Leaders worked
 * out from the CSVs: ningde-lithium has catl and atl, tests/data/render/basic has lead. */
Test(batch_failure, broken_dataset_fails_alone_others_complete, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", SAMPLE_NINGDE, DATA_INVALID, DATA_BASIC, "-d", out,
                        "-T",    "svg",         "-j",         "2",        NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 1, "exit %d\n%s", r.rc, r.err);

  /* the failure names the dataset and carries its diagnostics */
  cr_expect(strstr(r.err, "FAILED invalid/"), "%s", r.err);
  cr_expect(strstr(r.err, "render/invalid/segments.csv:2: error: bad tier 'sideways'"), "%s",
            r.err);
  /* one line per finished item, the failed one included, its diagnostics indented below it:
   * ningde reports, chain, 2 leaders; invalid reports; basic reports, chain, 1 leader */
  cr_expect_eq(batch_count_lines(r.err, "["), 4 + 1 + 3, "%s", r.err);
  g_autoptr(GRegex) failed_line =
      g_regex_new("^\\[\\d+/\\d+\\] FAILED invalid/.*\n    \\S", G_REGEX_MULTILINE, 0, NULL);
  cr_expect(g_regex_match(failed_line, r.err, 0, NULL), "%s", r.err);

  /* everything of the others is there, and complete */
  g_autoptr(GPtrArray) files = batch_files(out);
  g_autofree char *listing = batch_join(files);
  cr_expect_str_eq(listing, "basic/brief.html\n"
                            "basic/chain.svg\n"
                            "basic/gaps.md\n"
                            "basic/leader-lead.svg\n"
                            "basic/procurement.md\n"
                            "index.html\n"
                            "ningde-lithium/brief.html\n"
                            "ningde-lithium/chain.svg\n"
                            "ningde-lithium/gaps.md\n"
                            "ningde-lithium/leader-atl.svg\n"
                            "ningde-lithium/leader-catl.svg\n"
                            "ningde-lithium/procurement.md\n");
  for (guint i = 0; i < files->len; i++) {
    const char *f = g_ptr_array_index(files, i);
    g_autofree char *p = g_build_filename(out, f, NULL);
    if (g_str_has_suffix(f, ".svg"))
      cr_expect(batch_svg_complete(p), "%s is not a whole SVG", f);
  }

  /* the index lists all three, the broken one with its diagnostics */
  g_autofree char *index_path = g_build_filename(out, "index.html", NULL);
  g_autofree char *index = read_text(index_path);
  cr_expect_eq(count(index, "<section"), 3, "%s", index);
  cr_expect_eq(count(index, "class=\"failed\""), 1);
  /* in English the sample's title is its name_en */
  cr_expect(strstr(index, "Ningde lithium battery chain"));
  cr_expect(strstr(index, "测试链 Test chain"));
  const char *failed = strstr(index, "class=\"failed\"");
  cr_assert(failed);
  cr_expect(strstr(failed, "render/invalid"), "the failed section does not name the dataset");
  cr_expect(strstr(failed, "bad tier"), "the failed section lacks the diagnostics");
  cr_expect(strstr(index, "href=\"basic/chain.svg\""));
  cr_expect(strstr(index, "href=\"ningde-lithium/leader-catl.svg\""));
  batch_run_clear(&r);
}

/* A folder that does not exist is a dataset that fails to load, not a usage error: the rest of a
 * long batch must not be lost to one typo. */
Test(batch_failure, missing_dataset_folder_fails_alone, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  g_autofree char *missing = g_build_filename(cm_test_tmp, "no-such-dataset", NULL);
  const char *args[] = {"batch", missing, DATA_BASIC, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 1, "exit %d\n%s", r.rc, r.err);
  cr_expect(strstr(r.err, "FAILED no-such-dataset/"), "%s", r.err);
  cr_expect(strstr(r.err, "no-such-dataset"), "%s", r.err);
  g_autofree char *chain = g_build_filename(out, "basic", "chain.svg", NULL);
  cr_expect(batch_svg_complete(chain));
  g_autofree char *index_path = g_build_filename(out, "index.html", NULL);
  g_autofree char *index = read_text(index_path);
  cr_expect_eq(count(index, "<section"), 2);
  cr_expect_eq(count(index, "class=\"failed\""), 1);
  batch_run_clear(&r);
}

Test(batch_failure, all_datasets_broken_still_writes_the_index, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", DATA_INVALID, "-d", out, "-T", "svg", "-j", "1", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 1, "exit %d\n%s", r.rc, r.err);
  g_autofree char *index_path = g_build_filename(out, "index.html", NULL);
  g_autofree char *index = read_text(index_path);
  cr_expect_eq(count(index, "class=\"failed\""), 1);
  cr_expect(strstr(index, "1 failed"), "%s", index);
  batch_run_clear(&r);
}

/* A focus that names no enterprise fails that one map; the dataset's other outputs stay. */
Test(batch_failure, unknown_focus_fails_only_that_map, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *manifest = g_build_filename(cm_test_tmp, "jobs.ini", NULL);
  g_autofree char *text = g_strdup_printf("[ghost]\ndataset=%s\nviews=chain,network\n"
                                          "focus=nobody\nformats=svg\n",
                                          DATA_BASIC);
  cr_assert(g_file_set_contents(manifest, text, -1, NULL));
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", "--manifest", manifest, "-d", out, NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 1, "exit %d\n%s", r.rc, r.err);
  cr_expect(strstr(r.err, "FAILED basic/ghost-network.svg"), "%s", r.err);
  cr_expect(strstr(r.err, "nobody"), "%s", r.err);
  g_autofree char *chain = g_build_filename(out, "basic", "ghost.svg", NULL);
  cr_expect(batch_svg_complete(chain), "the chain map of the same job is missing");
  g_autofree char *gaps = g_build_filename(out, "basic", "gaps.md", NULL);
  cr_expect(g_file_test(gaps, G_FILE_TEST_IS_REGULAR));
  batch_run_clear(&r);
}
