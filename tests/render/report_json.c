/* JSON reports (SPEC section 4): keys in order, types, nulls and figures, read back with
 * json-glib from the report of the tiny dataset (figures worked out in report_fixture.h). */
#include "cm_report.h"
#include "cm_test.h"
#include "report_fixture.h"

#include <criterion/criterion.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

static CmDataset *
load_tiny_supply(const char *supply)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  CmDataset *ds = cm_test_load_text(TINY_INI, TINY_SEGMENTS, TINY_ENTERPRISES, supply, &diags);
  g_autofree char *dump = cm_test_dump_diags(diags);
  cr_assert_not_null(ds, "tiny dataset does not load:\n%s", dump);
  return ds;
}

/* Parses text; the returned parser owns the tree. */
static JsonParser *
parse(const GString *text)
{
  JsonParser *parser = json_parser_new();
  g_autoptr(GError) err = NULL;
  cr_assert(json_parser_load_from_data(parser, text->str, (gssize)text->len, &err),
            "not JSON (%s):\n%s", err ? err->message : "", text->str);
  cr_assert_eq(json_node_get_node_type(json_parser_get_root(parser)), JSON_NODE_OBJECT);
  return parser;
}

static JsonObject *
root_object(JsonParser *parser)
{
  return json_node_get_object(json_parser_get_root(parser));
}

/* The object's member names are exactly keys, in that order. */
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

static void
assert_double(JsonObject *obj, const char *key, double expected)
{
  JsonNode *n = json_object_get_member(obj, key);
  cr_assert_not_null(n, "no %s", key);
  cr_assert_eq(json_node_get_value_type(n), G_TYPE_DOUBLE, "%s is not written as a double", key);
  cr_assert(fabs(json_node_get_double(n) - expected) < 1e-12, "%s = %g, expected %g", key,
            json_node_get_double(n), expected);
}

static void
assert_int(JsonObject *obj, const char *key, gint64 expected)
{
  JsonNode *n = json_object_get_member(obj, key);
  cr_assert_not_null(n, "no %s", key);
  cr_assert_eq(json_node_get_value_type(n), G_TYPE_INT64, "%s is not an integer", key);
  cr_assert_eq(json_node_get_int(n), expected, "%s = %" G_GINT64_FORMAT, key, json_node_get_int(n));
}

static void
assert_null(JsonObject *obj, const char *key)
{
  JsonNode *n = json_object_get_member(obj, key);
  cr_assert_not_null(n, "no %s", key);
  cr_assert(JSON_NODE_HOLDS_NULL(n), "%s is not null", key);
}

static void
assert_string(JsonObject *obj, const char *key, const char *expected)
{
  JsonNode *n = json_object_get_member(obj, key);
  cr_assert_not_null(n, "no %s", key);
  cr_assert_eq(json_node_get_value_type(n), G_TYPE_STRING, "%s is not a string", key);
  cr_assert_str_eq(json_node_get_string(n), expected, "%s", key);
}

static void
assert_strings(JsonArray *arr, const char *const *expected, const char *where)
{
  guint i = 0;
  for (; expected[i]; i++) {
    cr_assert_lt(i, json_array_get_length(arr), "%s: too short", where);
    cr_assert_str_eq(json_array_get_string_element(arr, i), expected[i], "%s[%u]", where, i);
  }
  cr_assert_eq(json_array_get_length(arr), i, "%s: too long", where);
}

static GString *
gaps_json(CmDataset *ds)
{
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &o, NULL);
  cr_assert_not_null(gaps);
  CmReportOptions ro = {.format = CM_FORMAT_JSON};
  return cm_report_gaps(ds, gaps, &ro);
}

static JsonObject *
segment_named(JsonObject *root, const char *id)
{
  JsonArray *segs = json_object_get_array_member(root, "segments");
  for (guint i = 0; i < json_array_get_length(segs); i++) {
    JsonObject *s = json_array_get_object_element(segs, i);
    if (g_str_equal(json_object_get_string_member(s, "id"), id))
      return s;
  }
  cr_assert_fail("no segment %s", id);
  return NULL;
}

Test(report_json, gaps_keys_in_spec_order)
{
  g_autoptr(CmDataset) ds = load_tiny_supply(TINY_SUPPLY);
  g_autoptr(GString) out = gaps_json(ds);
  g_autoptr(JsonParser) parser = parse(out);
  JsonObject *root = root_object(parser);
  static const char *const top[] = {"dataset",  "region",     "unit",       "scenario", "summary",
                                    "segments", "strengthen", "supplement", "extend",   NULL};
  assert_keys(root, top, "gaps");
  static const char *const summary[] = {"segments", "present",  "completeness", "strong", "weak",
                                        "gap",      "frontier", "absent",       NULL};
  assert_keys(json_object_get_object_member(root, "summary"), summary, "summary");
  static const char *const seg[] = {"id",
                                    "name",
                                    "tier",
                                    "group",
                                    "status",
                                    "action",
                                    "local_producers",
                                    "leaders",
                                    "local_output",
                                    "local_demand",
                                    "local_supplied",
                                    "coverage",
                                    "leakage",
                                    "direction",
                                    "distance",
                                    NULL};
  JsonArray *segs = json_object_get_array_member(root, "segments");
  cr_assert_eq(json_array_get_length(segs), 7);
  for (guint i = 0; i < 7; i++)
    assert_keys(json_array_get_object_element(segs, i), seg, "segment");
}

Test(report_json, gaps_figures_and_lists)
{
  g_autoptr(CmDataset) ds = load_tiny_supply(TINY_SUPPLY);
  g_autoptr(GString) out = gaps_json(ds);
  g_autoptr(JsonParser) parser = parse(out);
  JsonObject *root = root_object(parser);
  assert_string(root, "dataset", "Tiny 小链");
  assert_string(root, "region", "R");
  assert_string(root, "unit", "亿元");
  static const char *const scenario[] = {"operating", NULL};
  assert_strings(json_object_get_array_member(root, "scenario"), scenario, "scenario");

  JsonObject *sum = json_object_get_object_member(root, "summary");
  assert_int(sum, "segments", 7);
  assert_int(sum, "present", 2);
  assert_double(sum, "completeness", 2.0 / 7.0);
  assert_int(sum, "strong", 1);
  assert_int(sum, "weak", 1);
  assert_int(sum, "gap", 2);
  assert_int(sum, "frontier", 2);
  assert_int(sum, "absent", 1);

  /* segments in template file order */
  static const char *const order[] = {"ore", "salt", "sep", "cell", "pack", "ship", "misc"};
  JsonArray *segs = json_object_get_array_member(root, "segments");
  for (guint i = 0; i < G_N_ELEMENTS(order); i++)
    cr_assert_str_eq(json_object_get_string_member(json_array_get_object_element(segs, i), "id"),
                     order[i]);

  JsonObject *cell = segment_named(root, "cell");
  assert_string(cell, "status", "strong");
  assert_null(cell, "action");
  assert_int(cell, "local_producers", 2);
  assert_int(cell, "leaders", 1);
  assert_double(cell, "local_output", 125.0); /* 100/1 + 50/2 */
  assert_double(cell, "local_demand", 10.0);
  assert_double(cell, "local_supplied", 10.0);
  assert_double(cell, "coverage", 1.0);
  assert_double(cell, "leakage", 0.0); /* a double even though it is whole */
  assert_null(cell, "direction");
  assert_null(cell, "distance");

  JsonObject *pack = segment_named(root, "pack");
  assert_string(pack, "status", "weak");
  assert_string(pack, "action", "strengthen");
  assert_double(pack, "local_output", 25.0);
  assert_null(pack, "coverage"); /* no local demand */

  JsonObject *salt = segment_named(root, "salt");
  assert_string(salt, "status", "gap");
  assert_string(salt, "action", "supplement");
  assert_string(salt, "group", "Materials");
  assert_string(salt, "name", "锂盐|Salt");
  assert_double(salt, "coverage", 0.0);
  assert_double(salt, "leakage", 30.0);

  JsonObject *ore = segment_named(root, "ore");
  assert_string(ore, "tier", "upstream"); /* 上游 in the file */
  assert_string(ore, "group", "");
  assert_string(ore, "status", "frontier");
  assert_string(ore, "action", "extend");
  assert_string(ore, "direction", "upstream");
  assert_int(ore, "distance", 2);

  JsonObject *ship = segment_named(root, "ship");
  assert_string(ship, "direction", "downstream");
  assert_int(ship, "distance", 1);

  JsonObject *misc = segment_named(root, "misc");
  assert_string(misc, "status", "absent");
  assert_null(misc, "action");
  assert_null(misc, "coverage");

  static const char *const strengthen[] = {"pack", NULL};
  static const char *const supplement[] = {"salt", "sep", NULL};
  static const char *const extend[] = {"ship", "ore", NULL};
  assert_strings(json_object_get_array_member(root, "strengthen"), strengthen, "strengthen");
  assert_strings(json_object_get_array_member(root, "supplement"), supplement, "supplement");
  assert_strings(json_object_get_array_member(root, "extend"), extend, "extend");
}

static GString *
procurement_json(CmDataset *ds)
{
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmProcurement) p = cm_procurement_compute(ds, &o, NULL);
  cr_assert_not_null(p);
  CmReportOptions ro = {.format = CM_FORMAT_JSON};
  return cm_report_procurement(ds, p, &ro);
}

Test(report_json, procurement_keys_and_figures)
{
  g_autoptr(CmDataset) ds = load_tiny_supply(TINY_SUPPLY);
  g_autoptr(GString) out = procurement_json(ds);
  g_autoptr(JsonParser) parser = parse(out);
  JsonObject *root = root_object(parser);
  static const char *const top[] = {"dataset", "region",       "unit",   "target",
                                    "leaders", "region_total", "buyers", NULL};
  assert_keys(root, top, "procurement");
  assert_double(root, "target", 0.8);
  JsonObject *leaders = json_object_get_object_member(root, "leaders");
  static const char *const lk[] = {"ids", "local", "total", "ratio", "meets_target", NULL};
  assert_keys(leaders, lk, "leaders");
  static const char *const ids[] = {"lead", NULL};
  assert_strings(json_object_get_array_member(leaders, "ids"), ids, "leaders.ids");
  assert_double(leaders, "local", 10.0);
  assert_double(leaders, "total", 50.0); /* 30 + 10 + 10 */
  assert_double(leaders, "ratio", 0.2);
  cr_assert_not(json_object_get_boolean_member(leaders, "meets_target"));
  JsonObject *region = json_object_get_object_member(root, "region_total");
  static const char *const rk[] = {"local", "total", "ratio", NULL};
  assert_keys(region, rk, "region_total");
  assert_double(region, "ratio", 0.2);
  JsonArray *buyers = json_object_get_array_member(root, "buyers");
  cr_assert_eq(json_array_get_length(buyers), 1);
  JsonObject *b = json_array_get_object_element(buyers, 0);
  static const char *const bk[] = {"id", "name", "leader", "local", "total", "ratio", NULL};
  assert_keys(b, bk, "buyer");
  assert_string(b, "id", "lead");
  assert_string(b, "name", "宁德时代 CATL");
  cr_assert(json_object_get_boolean_member(b, "leader"));
  assert_double(b, "ratio", 0.2);
}

Test(report_json, procurement_without_supply_is_null)
{
  g_autoptr(CmDataset) ds = load_tiny_supply(NULL);
  g_autoptr(GString) out = procurement_json(ds);
  g_autoptr(JsonParser) parser = parse(out);
  JsonObject *root = root_object(parser);
  JsonObject *leaders = json_object_get_object_member(root, "leaders");
  assert_double(leaders, "local", 0.0);
  assert_double(leaders, "total", 0.0);
  assert_null(leaders, "ratio");
  JsonNode *meets = json_object_get_member(leaders, "meets_target");
  cr_assert_eq(json_node_get_value_type(meets), G_TYPE_BOOLEAN);
  cr_assert_not(json_node_get_boolean(meets));
  assert_null(json_object_get_object_member(root, "region_total"), "ratio");
  cr_assert_eq(json_array_get_length(json_object_get_array_member(root, "buyers")), 0);
}

static GString *
targets_json(CmDataset *ds, guint top)
{
  return tiny_targets_report(ds, CM_FORMAT_JSON, top);
}

Test(report_json, targets_keys_and_ranking)
{
  g_autoptr(CmDataset) ds = load_tiny_supply(TINY_SUPPLY);
  g_autoptr(GString) out = targets_json(ds, 0);
  g_autoptr(JsonParser) parser = parse(out);
  JsonObject *root = root_object(parser);
  static const char *const top[] = {"dataset", "region", "unit", "targets", NULL};
  assert_keys(root, top, "targets");
  JsonArray *targets = json_object_get_array_member(root, "targets");
  cr_assert_eq(json_array_get_length(targets), 3);
  static const char *const tk[] = {"id",           "name",           "region",
                                   "priority",     "fills",          "value_to_local",
                                   "local_buyers", "leaders_served", NULL};
  static const char *const ranked[] = {"out1", "out2", "out3"};
  for (guint i = 0; i < 3; i++) {
    JsonObject *t = json_array_get_object_element(targets, i);
    assert_keys(t, tk, "target");
    assert_string(t, "id", ranked[i]);
  }
  JsonObject *t1 = json_array_get_object_element(targets, 0);
  assert_string(t1, "name", "@risk");
  assert_string(t1, "region", "Jiangxi");
  assert_int(t1, "priority", 1);
  static const char *const fills[] = {"ore", "salt", NULL};
  assert_strings(json_object_get_array_member(t1, "fills"), fills, "fills");
  assert_double(t1, "value_to_local", 30.0);
  assert_int(t1, "local_buyers", 1);
  static const char *const lead[] = {"lead", NULL};
  assert_strings(json_object_get_array_member(t1, "leaders_served"), lead, "leaders_served");
  JsonObject *t3 = json_array_get_object_element(targets, 2);
  assert_int(t3, "priority", 3);
  assert_double(t3, "value_to_local", 0.0);
  assert_int(t3, "local_buyers", 0);
  static const char *const none[] = {NULL};
  assert_strings(json_object_get_array_member(t3, "leaders_served"), none, "leaders_served");
}

Test(report_json, targets_top_keeps_the_first)
{
  g_autoptr(CmDataset) ds = load_tiny_supply(TINY_SUPPLY);
  g_autoptr(GString) out = targets_json(ds, 2);
  g_autoptr(JsonParser) parser = parse(out);
  JsonArray *targets = json_object_get_array_member(root_object(parser), "targets");
  cr_assert_eq(json_array_get_length(targets), 2);
  cr_assert_str_eq(json_object_get_string_member(json_array_get_object_element(targets, 1), "id"),
                   "out2");
}

/* json-glib 1.6 writes 1e20 as "1e+20.0", which no JSON parser accepts, and 64.2 as
 * 64.200000000000003; reports rewrite numbers to the shortest exact form. */
Test(report_json, large_and_decimal_numbers_stay_valid_and_exact)
{
  static const char supply[] = "supplier,buyer,segment,value,year\n"
                               "out1,lead,salt,1e20,2024\n"
                               "c2,lead,cell,64.2,2024\n";
  g_autoptr(CmDataset) ds = load_tiny_supply(supply);
  g_autoptr(GString) out = gaps_json(ds);
  cr_assert_null(strstr(out->str, "e+20.0"), "invalid number in:\n%s", out->str);
  cr_assert_not_null(strstr(out->str, "\"local_demand\" : 64.2,"), "%s", out->str);
  g_autoptr(JsonParser) parser = parse(out);
  JsonObject *salt = segment_named(root_object(parser), "salt");
  assert_double(salt, "leakage", 1e20);
}
