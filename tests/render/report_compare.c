/* The compare report in its four formats, on the tiny dataset of report_fixture.h compared by
 * study region: R (its own) against R/A, where only lead (cell, leader) is local.
 * Worked out by hand:
 *   R:   cell strong, pack weak, salt gap, sep gap, ore frontier, ship frontier, misc absent;
 *        leaders: lead bought 50, 10 of it local (c2) -> 0.2.
 *   R/A: cell has 1 producer (lead) -> weak; pack is no longer made locally and is fed by cell:
 *        frontier (downstream, 1); others as in R. Leaders: lead's suppliers are all outside
 *        R/A -> 0 of 50, ratio 0.
 *   Changes (0 -> 1): cell strong -> weak, pack weak -> frontier (template order). */
#include "cm_compare.h"
#include "cm_report_compare.h"
#include "report_fixture.h"

#include <criterion/criterion.h>
#include <json-glib/json-glib.h>
#include <string.h>

static CmCompare *
tiny_compare(const CmDataset *ds)
{
  CmAnalysisOptions base;
  cm_analysis_options_init(&base, ds);
  CmCompareSetting s[2] = {{.region = "R"}, {.region = "R/A"}};
  g_autoptr(GError) err = NULL;
  CmCompare *c = cm_compare_compute(ds, &base, NULL, CM_COMPARE_BY_REGION, s, 2, &err);
  cr_assert_not_null(c, "%s", err ? err->message : "");
  return c;
}

static GString *
report(CmReportFormat format, gboolean color)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(CmCompare) c = tiny_compare(ds);
  CmReportOptions o = {.format = format, .color = color};
  return cm_report_compare(ds, c, &o);
}

static void
assert_keys(JsonObject *obj, const char *const *keys, const char *where)
{
  g_autoptr(GList) members = json_object_get_members(obj);
  guint i = 0;
  for (GList *l = members; l; l = l->next, i++) {
    cr_assert_not_null(keys[i], "%s: extra key '%s'", where, (const char *)l->data);
    cr_assert_str_eq(l->data, keys[i], "%s: key %u", where, i);
  }
  cr_assert_null(keys[i], "%s: missing key '%s'", where, keys[i]);
}

Test(report_compare, json_keys_follow_the_spec)
{
  g_autoptr(GString) out = report(CM_FORMAT_JSON, FALSE);
  g_autoptr(JsonParser) p = json_parser_new();
  cr_assert(json_parser_load_from_data(p, out->str, (gssize)out->len, NULL), "%s", out->str);
  JsonObject *root = json_node_get_object(json_parser_get_root(p));
  static const char *const top[] = {"dataset",  "unit",    "by", "columns",
                                    "segments", "changes", NULL};
  assert_keys(root, top, "$");
  JsonObject *col = json_array_get_object_element(json_object_get_array_member(root, "columns"), 1);
  static const char *const column[] = {"label",   "region",  "scenario", "year",
                                       "summary", "leaders", NULL};
  assert_keys(col, column, "$.columns[1]");
  static const char *const summary[] = {"segments", "present",  "completeness", "strong", "weak",
                                        "gap",      "frontier", "absent",       NULL};
  assert_keys(json_object_get_object_member(col, "summary"), summary, "summary");
  static const char *const leaders[] = {"ids", "local", "total", "ratio", "meets_target", NULL};
  JsonObject *lead = json_object_get_object_member(col, "leaders");
  assert_keys(lead, leaders, "leaders");
  JsonObject *seg =
      json_array_get_object_element(json_object_get_array_member(root, "segments"), 0);
  static const char *const segment[] = {"id",       "name",    "tier", "status", "local_producers",
                                        "coverage", "leakage", NULL};
  assert_keys(seg, segment, "$.segments[0]");
  JsonArray *changes = json_object_get_array_member(root, "changes");
  cr_assert_eq(json_array_get_length(changes), 2);
  JsonObject *ch = json_array_get_object_element(changes, 0);
  static const char *const change[] = {"segment", "from", "to", "from_status", "to_status", NULL};
  assert_keys(ch, change, "$.changes[0]");
  cr_expect_str_eq(json_object_get_string_member(ch, "segment"), "cell");
  cr_expect_str_eq(json_object_get_string_member(ch, "from_status"), "strong");
  cr_expect_str_eq(json_object_get_string_member(ch, "to_status"), "weak");
  cr_expect_str_eq(
      json_object_get_string_member(json_array_get_object_element(changes, 1), "segment"), "pack");
  cr_expect(json_object_get_null_member(col, "year"));
  cr_expect_str_eq(json_object_get_string_member(root, "by"), "region");
  cr_expect_str_eq(json_object_get_string_member(col, "label"), "R/A");
  cr_expect_float_eq(json_object_get_double_member(lead, "total"), 50.0, 1e-12);
  cr_expect_float_eq(json_object_get_double_member(lead, "ratio"), 0.0, 1e-12);
  /* the first column's figure: 10 of 50 */
  JsonObject *lead0 = json_object_get_object_member(
      json_array_get_object_element(json_object_get_array_member(root, "columns"), 0), "leaders");
  cr_expect_float_eq(json_object_get_double_member(lead0, "ratio"), 0.2, 1e-12);
}

Test(report_compare, csv_has_a_row_per_segment_and_column_with_formulas_neutralised)
{
  g_autoptr(GString) out = report(CM_FORMAT_CSV, FALSE);
  guint lines = 0;
  for (const char *p = out->str; (p = strstr(p, "\r\n")); p += 2)
    lines++;
  cr_expect_eq(lines, 1 + 7 * 2, "%s", out->str); /* header + 7 segments x 2 columns */
  cr_expect(strstr(out->str, "\r\ncell,电芯 Cell,midstream,1,R/A,R/A,operating,,weak,strong,1,1,"),
            "%s", out->str);
  cr_expect(strstr(out->str, "\r\nsep,\"'=SUM(A1)\",midstream,0,"), "%s", out->str);
}

Test(report_compare, text_marks_changed_cells_and_says_what_changed)
{
  g_autoptr(GString) out = report(CM_FORMAT_TEXT, FALSE);
  cr_expect(strstr(out->str, "weak *"), "%s", out->str);
  cr_expect(strstr(out->str, "frontier *"), "%s", out->str);
  cr_expect(strstr(out->str, "  - strong → weak: 电芯 Cell (cell), in R/A against R\n"), "%s",
            out->str);
  cr_expect(strstr(out->str, "  - weak → frontier: Pack (pack), in R/A against R\n"), "%s", out->str);
  cr_expect_null(strstr(out->str, "\033["), "colour without a terminal");
}

Test(report_compare, text_on_a_terminal_colours_each_status)
{
  g_autoptr(GString) out = report(CM_FORMAT_TEXT, TRUE);
  cr_expect(strstr(out->str, "\033[32mstrong\033[0m"), "%s", out->str);
  cr_expect(strstr(out->str, "\033[1;33mweak *\033[0m"), "%s", out->str); /* changed: bold */
}

Test(report_compare, markdown_tables_escape_dataset_text)
{
  g_autoptr(GString) out = report(CM_FORMAT_MD, FALSE);
  cr_expect(strstr(out->str, "# Tiny 小链 — comparison by study region\n"), "%s", out->str);
  cr_expect(strstr(out->str, "锂盐\\|Salt"), "%s", out->str);
  cr_expect(strstr(out->str, "## Changes (2)\n"), "%s", out->str);
}
