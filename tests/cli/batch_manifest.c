/* chainmap batch --manifest FILE (cli/batch_manifest.h): jobs from a GLib key file. */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <glib/gstdio.h>
#include <string.h>

static char *
write_manifest(const char *text)
{
  char *path = g_build_filename(cm_test_tmp, "jobs", "briefing.ini", NULL);
  g_autofree char *dir = g_path_get_dirname(path);
  cr_assert_eq(g_mkdir_with_parents(dir, 0755), 0);
  cr_assert(g_file_set_contents(path, text, -1, NULL));
  return path;
}

/* Two jobs: CATL's suppliers as a focused network map (svg), Zhoushan's chain map (pdf). Dataset
 * paths are relative to the manifest's folder (cm_test_tmp/jobs), so the samples are copied beside
 * it. */
Test(batch_manifest, focused_network_and_pdf_chain_map, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *ningde = g_build_filename(cm_test_tmp, "data", "ningde-lithium", NULL);
  g_autofree char *zhoushan = g_build_filename(cm_test_tmp, "data", "zhoushan-petrochemical", NULL);
  batch_copy_dataset(SAMPLE_NINGDE, ningde);
  batch_copy_dataset(SAMPLE_ZHOUSHAN, zhoushan);
  g_autofree char *manifest = write_manifest("# briefing for the vice-mayor\n"
                                             "[CATL suppliers]\n"
                                             "dataset=../data/ningde-lithium\n"
                                             "views=network\n"
                                             "focus=catl\n"
                                             "depth=1\n"
                                             "formats=svg\n"
                                             "\n"
                                             "[overview]\n"
                                             "dataset=../data/zhoushan-petrochemical\n"
                                             "views=chain\n"
                                             "formats=pdf\n");
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", "--manifest", manifest, "-d", out, NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);

  /* file stems are the slugs of the group names; no leader maps were asked for */
  g_autoptr(GPtrArray) files = batch_files(out);
  g_autofree char *listing = batch_join(files);
  cr_expect_str_eq(listing, "index.html\n"
                            "ningde-lithium/brief.html\n"
                            "ningde-lithium/catl-suppliers-network.svg\n"
                            "ningde-lithium/gaps.md\n"
                            "ningde-lithium/procurement.md\n"
                            "zhoushan-petrochemical/brief.html\n"
                            "zhoushan-petrochemical/gaps.md\n"
                            "zhoushan-petrochemical/overview.pdf\n"
                            "zhoushan-petrochemical/procurement.md\n");
  g_autofree char *svg =
      g_build_filename(out, "ningde-lithium", "catl-suppliers-network.svg", NULL);
  g_autofree char *pdf = g_build_filename(out, "zhoushan-petrochemical", "overview.pdf", NULL);
  cr_expect(batch_svg_complete(svg), "not a whole SVG");
  cr_expect(batch_pdf_complete(pdf), "not a whole PDF");
  /* the network map is CATL's: its name is in it (name_en in English, the tests' language) */
  g_autofree char *text = NULL;
  cr_assert(g_file_get_contents(svg, &text, NULL, NULL));
  cr_expect(strstr(text, "What CATL buys"));
  batch_run_clear(&r);
}

/* Manifest jobs come after the datasets given on the command line; a dataset named twice is one
 * folder with the outputs of both jobs. */
Test(batch_manifest, manifest_adds_to_command_line_datasets, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *text = g_strdup_printf("[Slide]\ndataset=%s\nviews=chain\nformats=dot\n"
                                          "slide=true\n",
                                          DATA_BASIC);
  g_autofree char *manifest = write_manifest(text);
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", DATA_BASIC, "--manifest", manifest, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  g_autoptr(GPtrArray) files = batch_files(out);
  g_autofree char *listing = batch_join(files);
  cr_expect_str_eq(listing, "basic/brief.html\n"
                            "basic/chain.svg\n"
                            "basic/gaps.md\n"
                            "basic/leader-lead.svg\n"
                            "basic/procurement.md\n"
                            "basic/slide.dot\n"
                            "index.html\n");
  batch_run_clear(&r);
}

/* Two groups whose names slug alike, on one dataset: two files, never one written twice. The
 * second asks for a slide, 960x540 points in SVG (cm_chainmap.h), so the two can be told apart. */
Test(batch_manifest, groups_with_the_same_slug_get_numbered_files, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *text = g_strdup_printf("[Map A]\ndataset=%s\nviews=chain\nformats=svg\n"
                                          "[map/a]\ndataset=%s\nviews=chain\nformats=svg\n"
                                          "slide=true\n",
                                          DATA_BASIC, DATA_BASIC);
  g_autofree char *manifest = write_manifest(text);
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", "--manifest", manifest, "-d", out, NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  g_autoptr(GPtrArray) files = batch_files(out);
  g_autofree char *listing = batch_join(files);
  cr_expect_str_eq(listing, "basic/brief.html\n"
                            "basic/gaps.md\n"
                            "basic/map-a-2.svg\n"
                            "basic/map-a.svg\n"
                            "basic/procurement.md\n"
                            "index.html\n");
  g_autofree char *a = g_build_filename(out, "basic", "map-a.svg", NULL);
  g_autofree char *b = g_build_filename(out, "basic", "map-a-2.svg", NULL);
  g_autofree char *ta = NULL, *tb = NULL;
  cr_assert(g_file_get_contents(a, &ta, NULL, NULL) && g_file_get_contents(b, &tb, NULL, NULL));
  cr_expect_null(strstr(ta, "<svg width=\"960pt\" height=\"540pt\""), "map-a.svg is a slide");
  cr_expect(strstr(tb, "<svg width=\"960pt\" height=\"540pt\""), "map-a-2.svg is not a slide");
  batch_run_clear(&r);
}

typedef struct {
  char text[160];
  char needle[96];
} BadCase;

static BadCase bad_cases[] = {
    {"[a]\nviews=chain\n", "[a] needs dataset=PATH"},
    {"[a]\ndataset=x\nviews=chain,map\n", "[a] unknown view 'map'"},
    {"[a]\ndataset=x\nformats=svg,gif\n", "[a] unknown format 'gif'"},
    {"[a]\ndataset=x\nfocus=e1\ndepth=0\n", "[a] depth must be"},
    {"[a]\ndataset=x\nslide=perhaps\n", "[a] slide must be true or false"},
    {"# nothing\n", "no jobs"},
    {"dataset=x\n", "briefing.ini"},
    /* misspelt keys and values: FILE:LINE and the closest word (a swap is one edit) */
    {"[a]\ndataset=x\nfocuss=e1\n",
     "briefing.ini:3: [a] unknown key 'focuss'; did you mean 'focus'?"},
    {"[a]\ndataset=x\nformat=svg\n",
     "briefing.ini:3: [a] unknown key 'format'; did you mean 'formats'?"},
    {"[a]\ndataset=x\n\nviews=chian\n",
     "briefing.ini:4: [a] unknown view 'chian'; did you mean 'chain'?"},
    {"[a]\ndataset=x\n[b]\ndataset=y\nslide=yes please\n", "briefing.ini:5: [b] slide must be"},
};

ParameterizedTestParameters(batch_manifest, bad_manifest_is_a_usage_error)
{
  return cr_make_param_array(BadCase, bad_cases, G_N_ELEMENTS(bad_cases));
}

/* Exit 2, the message names the file and the group, and nothing is written. */
ParameterizedTest(BadCase *c, batch_manifest, bad_manifest_is_a_usage_error,
                  .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *manifest = write_manifest(c->text);
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", "--manifest", manifest, "-d", out, NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 2, "exit %d for %s\n%s", r.rc, c->text, r.err);
  cr_expect(strstr(r.err, c->needle), "'%s' not in:\n%s", c->needle, r.err);
  cr_expect(strstr(r.err, "briefing.ini"), "the file is not named:\n%s", r.err);
  cr_expect_not(g_file_test(out, G_FILE_TEST_EXISTS), "OUTDIR was created");
  batch_run_clear(&r);
}
