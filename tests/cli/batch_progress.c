/* chainmap batch: progress when stderr is not a terminal, and the same output whatever -j. */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

/* Items with -T svg, from the CSVs: ningde-lithium reports, chain, leader-catl, leader-atl;
 * zhoushan-petrochemical reports, chain, leader-zpc. Seven items, seven lines "[n/m] item" with n
 * counting 1 to 7 and the last m 7; no carriage return or escape sequence (a log file, not a
 * terminal). */
Test(batch_progress, one_plain_line_per_finished_item_when_not_a_tty, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = g_build_filename(cm_test_tmp, "out", NULL);
  const char *args[] = {"batch", SAMPLE_NINGDE, SAMPLE_ZHOUSHAN, "-d", out, "-T", "svg", "-j",
                        "2",     NULL};
  BatchRun r = batch_run(NULL, args);
  cr_assert_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  cr_expect_null(strchr(r.err, '\r'), "carriage return in:\n%s", r.err);
  cr_expect_null(strchr(r.err, '\x1b'), "escape sequence in:\n%s", r.err);
  cr_expect_str_empty(r.out, "batch writes nothing on stdout");

  g_autoptr(GRegex) re = g_regex_new("^\\[(\\d+)/(\\d+)\\] (\\S.*)$", 0, 0, NULL);
  g_auto(GStrv) lines = g_strsplit(r.err, "\n", -1);
  guint n = 0, last_total = 0;
  g_autoptr(GHashTable) items = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; lines[i]; i++) {
    if (lines[i][0] != '[')
      continue;
    g_autoptr(GMatchInfo) m = NULL;
    cr_assert(g_regex_match(re, lines[i], 0, &m), "not a progress line: %s", lines[i]);
    g_autofree char *done = g_match_info_fetch(m, 1);
    g_autofree char *total = g_match_info_fetch(m, 2);
    n++;
    cr_expect_eq(atoi(done), (int)n, "line %u says %s", n, lines[i]);
    cr_expect_leq(atoi(done), atoi(total), "%s", lines[i]);
    last_total = (guint)atoi(total);
    cr_expect(g_hash_table_add(items, g_match_info_fetch(m, 3)), "item twice: %s", lines[i]);
  }
  cr_expect_eq(n, 7, "%s", r.err);
  cr_expect_eq(last_total, 7);
  const char *maps[] = {"ningde-lithium/chain.svg", "ningde-lithium/leader-catl.svg",
                        "ningde-lithium/leader-atl.svg", "zhoushan-petrochemical/chain.svg",
                        "zhoushan-petrochemical/leader-zpc.svg"};
  for (guint i = 0; i < G_N_ELEMENTS(maps); i++)
    cr_expect(g_hash_table_contains(items, maps[i]), "no line for %s:\n%s", maps[i], r.err);
  /* then one summary line that points at the index */
  cr_expect_eq(batch_count_lines(r.err, "Batch done in "), 1, "%s", r.err);
  cr_expect(strstr(r.err, "index.html"));
  batch_run_clear(&r);
}

static char *
read_text(const char *dir, const char *rel)
{
  g_autofree char *path = g_build_filename(dir, rel, NULL);
  char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL), "%s missing", path);
  return text;
}

/* -j 1 and -j 2 write the same files, and the reports byte for byte; the index lists the files
 * in the same order (only its time stamp may differ). Maps are not compared byte for byte: a
 * worker's Graphviz state carries over from one map to the next (see docs/batch.md). */
Test(batch_progress, one_and_two_workers_give_the_same_files, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out1 = g_build_filename(cm_test_tmp, "j1", NULL);
  g_autofree char *out2 = g_build_filename(cm_test_tmp, "j2", NULL);
  const char *a1[] = {"batch",      SAMPLE_NINGDE, DATA_BASIC, SAMPLE_ZHOUSHAN,
                      DATA_INVALID, "-d",          out1,       "-T",
                      "svg,dot",    "-j",          "1",        NULL};
  const char *a2[] = {"batch",      SAMPLE_NINGDE, DATA_BASIC, SAMPLE_ZHOUSHAN,
                      DATA_INVALID, "-d",          out2,       "-T",
                      "svg,dot",    "-j",          "2",        NULL};
  BatchRun r1 = batch_run(NULL, a1);
  BatchRun r2 = batch_run(NULL, a2);
  cr_expect_eq(r1.rc, 1, "%s", r1.err); /* tests/data/render/invalid fails in both */
  cr_expect_eq(r2.rc, 1, "%s", r2.err);
  g_autoptr(GPtrArray) t1 = batch_tree(out1);
  g_autoptr(GPtrArray) t2 = batch_tree(out2);
  g_autofree char *l1 = batch_join(t1);
  g_autofree char *l2 = batch_join(t2);
  cr_expect_str_eq(l1, l2);
  /* 3 good datasets: ningde 3 reports (brief.html, gaps.md, procurement.md) + 3 maps × 2
   * formats, basic 3 + 2 × 2, zhoushan 3 + 2 × 2 */
  g_autoptr(GPtrArray) files = batch_files(out1);
  cr_expect_eq(files->len, 9 + 7 + 7 + 1, "%s", l1);
  for (guint i = 0; i < files->len; i++) {
    const char *rel = g_ptr_array_index(files, i);
    if (g_str_has_suffix(rel, ".md")) {
      g_autofree char *x = read_text(out1, rel);
      g_autofree char *y = read_text(out2, rel);
      cr_expect_str_eq(x, y, "%s differs between -j 1 and -j 2", rel);
    } else if (g_str_has_suffix(rel, ".svg")) {
      g_autofree char *x = g_build_filename(out1, rel, NULL);
      g_autofree char *y = g_build_filename(out2, rel, NULL);
      cr_expect(batch_svg_complete(x) && batch_svg_complete(y), "%s is not a whole SVG", rel);
    }
  }
  /* the index without its "made ..." line */
  g_autofree char *i1 = read_text(out1, "index.html");
  g_autofree char *i2 = read_text(out2, "index.html");
  g_autoptr(GRegex) stamp = g_regex_new("made [0-9: -]+", 0, 0, NULL);
  g_autofree char *s1 = g_regex_replace_literal(stamp, i1, -1, 0, "made", 0, NULL);
  g_autofree char *s2 = g_regex_replace_literal(stamp, i2, -1, 0, "made", 0, NULL);
  cr_expect_str_eq(s1, s2, "index.html differs between -j 1 and -j 2");
  batch_run_clear(&r1);
  batch_run_clear(&r2);
}
