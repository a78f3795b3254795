/* Comparison across regions, scenarios and years (SPEC section 2) on the fixture
 * tests/data/graph/fixture; the statuses of the dataset's own setting are worked out in
 * tests/graph/gaps.c (operating, Home/City, all years):
 *   strong cell, pack; weak cathode, separator, ess; gap salt, anode, electrolyte, charging;
 *   frontier ore, graphite, ev, recycle; absent h2.
 * Leaders there: lead-a bought 30 (12 local: cellco), lead-b 215 (88 local: cathco 40, sep-a 20,
 * cellco 28); together 100 of 245. */
#include "cm_compare.h"
#include "fixture.h"

#include <criterion/criterion.h>
#include <string.h>

static CmCompare *
compare_by(const CmDataset *ds, CmCompareBy by, const CmCompareSetting *settings, guint n)
{
  CmAnalysisOptions base = fx_options(ds, NULL, 0);
  g_autoptr(GError) error = NULL;
  CmCompare *c = cm_compare_compute(ds, &base, NULL, by, settings, n, &error);
  cr_assert_not_null(c, "compare failed: %s", error ? error->message : "?");
  return c;
}

static guint
scenario_of(const char *list)
{
  guint s = 0;
  g_autofree char *bad = NULL;
  cr_assert(cm_scenario_parse(list, &s, &bad));
  return s;
}

static CmSegmentStatus
status_in(const CmDataset *ds, const CmCompare *c, guint k, const char *segment)
{
  return cm_compare_status(c, k, fx_segment(ds, segment));
}

/* "segment from->to" for every change, in order, space separated. */
static char *
changes_text(const CmDataset *ds, const CmCompare *c)
{
  GString *s = g_string_new(NULL);
  for (guint k = 0; k < c->changes->len; k++) {
    const CmCompareChange *ch = &g_array_index(c->changes, CmCompareChange, k);
    g_string_append_printf(s, "%s%s:%u->%u:%s->%s", k ? " " : "",
                           cm_dataset_segment(ds, ch->segment)->id, ch->from, ch->to,
                           cm_segment_status_to_string(cm_compare_status(c, ch->from, ch->segment)),
                           cm_segment_status_to_string(cm_compare_status(c, ch->to, ch->segment)));
  }
  return g_string_free(s, FALSE);
}

/* Construction counted: anode-new (local, anode, 50) makes anode present with one producer; its
 * rows x-anode->cellco 7 and anode-new->lead-b 5 now count: coverage 5/12 < 0.5, weak. Graphite
 * feeds anode, now present: frontier -> gap. Signed counted too: ev-local (local leader, ev) makes
 * ev present with one producer: frontier -> weak; recycle stays frontier (ev -> recycle, 1). */
Test(compare, scenario_that_counts_construction_turns_anode_from_gap_to_weak)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmCompareSetting s[3] = {{.scenario = scenario_of("operating")},
                           {.scenario = scenario_of("operating,construction")},
                           {.scenario = scenario_of("operating,construction,signed")}};
  g_autoptr(CmCompare) c = compare_by(ds, CM_COMPARE_BY_SCENARIO, s, 3);
  cr_expect_eq(status_in(ds, c, 0, "anode"), CM_SEGMENT_GAP);
  cr_expect_eq(status_in(ds, c, 1, "anode"), CM_SEGMENT_WEAK);
  cr_expect_float_eq(c->columns[1].gaps->segments[fx_segment(ds, "anode")].coverage, 5.0 / 12.0,
                     FX_EPS);
  g_autofree char *changes = changes_text(ds, c);
  cr_expect_str_eq(changes, "graphite:0->1:frontier->gap anode:0->1:gap->weak "
                            "ev:1->2:frontier->weak");
  cr_expect_str_eq(c->columns[0].label, "operating");
  cr_expect_str_eq(c->columns[2].label, "operating,construction,signed");
  cr_expect_str_eq(c->columns[1].region, "Home/City");
  cr_expect_eq(c->columns[1].gaps->present, 6); /* 5 + anode */
  cr_expect_eq(c->columns[2].gaps->present, 7); /* + ev */
}

/* Leaders: construction adds anode-new -> lead-b 5 (local): 105 of 250; signed adds ev-local as
 * a counted local leader (it buys nothing) and ev-local -> lead-b 6 (local): 111 of 256. */
Test(compare, scenario_columns_give_each_its_leaders_figure)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmCompareSetting s[3] = {{.scenario = scenario_of("operating")},
                           {.scenario = scenario_of("operating,construction")},
                           {.scenario = scenario_of("operating,construction,signed")}};
  g_autoptr(CmCompare) c = compare_by(ds, CM_COMPARE_BY_SCENARIO, s, 3);
  const double local[] = {100, 105, 111}, total[] = {245, 250, 256};
  for (guint k = 0; k < 3; k++) {
    cr_expect_float_eq(c->columns[k].leaders.local, local[k], FX_EPS, "column %u", k);
    cr_expect_float_eq(c->columns[k].leaders.total, total[k], FX_EPS, "column %u", k);
    cr_expect_float_eq(c->columns[k].leaders.ratio, local[k] / total[k], FX_EPS);
    cr_expect_not(c->columns[k].leaders.meets_target);
  }
  const char *const two[] = {"lead-a", "lead-b", NULL};
  const char *const three[] = {"lead-a", "lead-b", "ev-local", NULL};
  fx_assert_enterprises(ds, c->columns[1].leaders.ids, two, "leaders with construction");
  fx_assert_enterprises(ds, c->columns[2].leaders.ids, three, "leaders with signed");
}

/* Home instead of Home/City: x-elec (Home/Cityx, electrolyte) and x-ess (Home, ess) become
 * local. electrolyte: one producer, both its rows now local (coverage 1): gap -> weak. ess:
 * lead-b and x-ess, 2 producers, rows 7 + 5 + 18 all local: weak -> strong. Leaders: lead-a
 * 30 of 30 local, lead-b 88 + 30 + 12 = 130 of 215: 160 of 245. */
Test(compare, wider_region_makes_outside_producers_local)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmCompareSetting s[2] = {{.region = "Home/City"}, {.region = " Home / "}};
  g_autoptr(CmCompare) c = compare_by(ds, CM_COMPARE_BY_REGION, s, 2);
  g_autofree char *changes = changes_text(ds, c);
  cr_expect_str_eq(changes, "electrolyte:0->1:gap->weak ess:0->1:weak->strong");
  cr_expect_str_eq(c->columns[1].label, "Home"); /* normalized */
  cr_expect_str_eq(c->columns[1].region, "Home");
  cr_expect_float_eq(c->columns[1].leaders.local, 160, FX_EPS);
  cr_expect_float_eq(c->columns[1].leaders.total, 245, FX_EPS);
  /* any status: lead-a lead-b cellco cathco sep-a sep-b anode-new ev-local */
  cr_expect_eq(c->columns[0].n_local, 8);
  cr_expect_eq(c->columns[1].n_local, 10); /* + x-elec, x-ess */
}

/* A region no enterprise lies in: nothing is present and no buyer is local, so every segment is
 * absent and the leaders have no ratio; the column is still computed. */
Test(compare, region_without_local_enterprises_has_every_segment_absent)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmCompareSetting s[2] = {{.region = "Home/City"}, {.region = "Nowhere"}};
  g_autoptr(CmCompare) c = compare_by(ds, CM_COMPARE_BY_REGION, s, 2);
  cr_expect_eq(c->columns[1].n_local, 0);
  cr_expect_eq(c->columns[1].gaps->count[CM_SEGMENT_ABSENT], 14);
  cr_expect_not(c->columns[1].leaders.has_ratio);
  cr_expect_eq(c->columns[1].leaders.ids->len, 0);
  /* every segment that was not absent in Home/City changes: 13 of the 14 (h2 was absent) */
  cr_expect_eq(c->changes->len, 13);
}

/* 2023 rows with local buyers: x-salt->cathco 25, x-cath->lead-b 20, x-sep->cellco 30,
 * x-ess->lead-b 7. 2024: separator sep-a->lead-b 20 only (local): coverage 1, strong; in 2023
 * x-sep->cellco 30 only: coverage 0, weak. charging's one row is of 2022: frontier in both.
 * Leaders 2023: lead-b 27, nothing local; 2024: lead-a 12 of 30, lead-b 88 of 158. */
Test(compare, years_differ_in_the_separator_only)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmCompareSetting s[2] = {{.year = 2023}, {.year = 2024}};
  g_autoptr(CmCompare) c = compare_by(ds, CM_COMPARE_BY_YEAR, s, 2);
  g_autofree char *changes = changes_text(ds, c);
  cr_expect_str_eq(changes, "separator:0->1:weak->strong");
  cr_expect_eq(status_in(ds, c, 0, "charging"), CM_SEGMENT_FRONTIER);
  cr_expect_str_eq(c->columns[0].label, "2023");
  cr_expect_eq(c->columns[0].year_rows, 4);
  cr_expect_eq(c->columns[1].year_rows, 13);
  cr_expect_float_eq(c->columns[0].leaders.local, 0, FX_EPS);
  cr_expect_float_eq(c->columns[0].leaders.total, 27, FX_EPS);
  cr_expect_float_eq(c->columns[1].leaders.local, 100, FX_EPS);
  cr_expect_float_eq(c->columns[1].leaders.total, 188, FX_EPS);
}

Test(compare, year_without_rows_is_counted_as_none)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmCompareSetting s[2] = {{.year = 2024}, {.year = 2030}};
  g_autoptr(CmCompare) c = compare_by(ds, CM_COMPARE_BY_YEAR, s, 2);
  cr_expect_eq(c->columns[1].year_rows, 0);
  /* no demand at all: charging turns frontier (as in 2023), producers are kept */
  cr_expect_eq(c->columns[1].gaps->present, 5);
  cr_expect_not(c->columns[1].leaders.has_ratio);
}

/* The fused pass over the supply rows must give what the single analyses give, to the bit. */
static void
expect_column_matches_analyses(const CmDataset *ds, const CmCompareColumn *col)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &col->options, &error);
  g_autoptr(CmProcurement) p = cm_procurement_compute(ds, &col->options, &error);
  cr_assert(gaps && p);
  for (guint s = 0; s < gaps->n_segments; s++) {
    const CmSegmentResult *a = &gaps->segments[s], *b = &col->gaps->segments[s];
    cr_expect_eq(a->status, b->status, "%s status", col->label);
    cr_expect_eq(a->local_producers, b->local_producers);
    cr_expect(a->local_demand == b->local_demand && a->local_supplied == b->local_supplied);
    cr_expect(a->distance == b->distance && a->direction == b->direction);
  }
  cr_expect(p->leaders_local == col->leaders.local && p->leaders_total == col->leaders.total,
            "%s leaders %g/%g against %g/%g", col->label, col->leaders.local, col->leaders.total,
            p->leaders_local, p->leaders_total);
  cr_expect_eq(p->leaders->len, col->leaders.ids->len);
  cr_expect_eq(p->meets_target, col->leaders.meets_target);
}

Test(compare, every_column_equals_the_single_analyses_with_its_options)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmCompareSetting r[3] = {{.region = "Home/City/East"}, {.region = "Home"}, {.region = "Other"}};
  CmCompareSetting s[2] = {{.scenario = scenario_of("signed")},
                           {.scenario = scenario_of("operating,construction")}};
  CmCompareSetting y[3] = {{.year = 2022}, {.year = 2023}, {.year = 2024}};
  g_autoptr(CmCompare) a = compare_by(ds, CM_COMPARE_BY_REGION, r, 3);
  g_autoptr(CmCompare) b = compare_by(ds, CM_COMPARE_BY_SCENARIO, s, 2);
  g_autoptr(CmCompare) c = compare_by(ds, CM_COMPARE_BY_YEAR, y, 3);
  for (guint k = 0; k < 3; k++) {
    expect_column_matches_analyses(ds, &a->columns[k]);
    expect_column_matches_analyses(ds, &c->columns[k]);
  }
  for (guint k = 0; k < 2; k++)
    expect_column_matches_analyses(ds, &b->columns[k]);
}

/* The settings every column shares: scenario columns under a fixed region and year. In 2024
 * under Home, with construction: anode rows x-anode->cellco 7, anode-new->lead-b 5 (both 2024). */
Test(compare, shared_region_and_year_apply_to_every_column)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmAnalysisOptions base = fx_options(ds, NULL, 2024);
  CmCompareSetting s[2] = {{.scenario = scenario_of("operating")},
                           {.scenario = scenario_of("operating,construction")}};
  g_autoptr(GError) error = NULL;
  g_autoptr(CmCompare) c =
      cm_compare_compute(ds, &base, "Home", CM_COMPARE_BY_SCENARIO, s, 2, &error);
  cr_assert_not_null(c);
  for (guint k = 0; k < 2; k++) {
    cr_expect_str_eq(c->columns[k].region, "Home");
    cr_expect(c->columns[k].options.by_year && c->columns[k].options.year == 2024);
    expect_column_matches_analyses(ds, &c->columns[k]);
  }
  const CmSegmentResult *anode = &c->columns[1].gaps->segments[fx_segment(ds, "anode")];
  cr_expect_float_eq(anode->local_demand, 12, FX_EPS);
  cr_expect_float_eq(anode->local_supplied, 5, FX_EPS);
}

Test(compare, fewer_than_two_columns_is_an_error)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmAnalysisOptions base = fx_options(ds, NULL, 0);
  CmCompareSetting s[1] = {{.year = 2024}};
  g_autoptr(GError) error = NULL;
  g_autoptr(CmCompare) c = cm_compare_compute(ds, &base, NULL, CM_COMPARE_BY_YEAR, s, 1, &error);
  cr_expect_null(c);
  cr_expect_not_null(error);
}
