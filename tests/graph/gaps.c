/* Segment status, figures and action lists (SPEC section 2) on the hand-made fixture
 * tests/data/graph/fixture. Every expected value is worked out below from the CSV files.
 *
 * Template (file order, index: id <- inputs):
 *   0 ore <- recycle          5 electrolyte           10 ev <- pack
 *   1 salt <- ore; recycle    6 separator             11 charging <- ev
 *   2 graphite                7 cell <- cathode; anode; electrolyte; separator
 *   3 cathode <- salt         8 pack <- cell          12 recycle <- ev
 *   4 anode <- graphite       9 ess <- cell           13 h2
 * The recycling loop cathode -> cell -> pack -> ev -> recycle -> salt -> cathode is a cycle.
 *
 * Study region Home/City. Counted under "operating" (blank status = operating):
 *   local: lead-a (cell;pack, leader, 100), lead-b (pack;ess, 链主, 30), cellco (cell, 40, region
 *   "Home / City / West"), cathco (cathode, 25.5), sep-a (separator, 12), sep-b (separator, no
 *   output). Not counted: anode-new (local, anode, construction), ev-local (local leader, ev,
 *   signed). x-* enterprises are outside (x-elec is in Home/Cityx, x-ess in Home: both outside).
 *
 * Producers P = {cathode, separator, cell, pack, ess}:
 *   cathode 1 (cathco)              output 25.5
 *   separator 2 (sep-a, sep-b)      output 12 + 0 = 12
 *   cell 2 (lead-a, cellco), 1 ldr  output 100/2 + 40 = 90 (x-cell is an outside "leader")
 *   pack 2 (lead-a, lead-b), 2 ldr  output 100/2 + 30/2 = 65
 *   ess 1 (lead-b), 1 leader        output 30/2 = 15
 *
 * Counted supply rows with a local buyer, all years (L = local supplier):
 *   salt        x-salt->cathco 25, x-cath->cathco 15          demand 40, supplied 0
 *   cathode     cathco->lead-b 40 L, x-cath->lead-b 20        demand 60, supplied 40
 *   electrolyte x-elec->lead-b 30, x-elec->cellco 10          demand 40, supplied 0
 *   separator   sep-a->lead-b 20 L, x-sep->cellco 30          demand 50, supplied 20
 *   cell        cellco->lead-a 12 L, cellco->lead-b 28 L, x-cell->lead-b 40
 *                                                             demand 80, supplied 40
 *   ess         x-ess->lead-b 7 + 5, x-ess->lead-a 18         demand 30, supplied 0
 *   charging    x-charge->lead-b 25                           demand 25, supplied 0
 * Left out: x-anode->cellco 7 and anode-new->lead-b 5 (construction ends), ev-local->lead-b 6
 * (signed supplier), lead-b->x-h2b pack 10 and x-h2a->x-h2b h2 9 (outside buyers).
 *
 * Shortest paths to P (s -> P) and from P (P -> s):
 *   ore      to 2 (ore->salt->cathode)     from 3 (pack->ev->recycle->ore)
 *   graphite to 2 (graphite->anode->cell)  from none
 *   ev       to 3 (ev->recycle->salt->cathode)  from 1 (pack->ev)
 *   charging to none                        from 2 (pack->ev->charging)
 *   recycle  to 2 (recycle->salt->cathode) from 2 (pack->ev->recycle)   a tie
 *   h2       none either way
 */
#include "fixture.h"

#include <criterion/criterion.h>

#define REASON(r) (1u << (r))

Test(gaps, producers_count_counted_local_enterprises_and_their_leaders)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  static const struct {
    char id[16];
    guint producers, leaders;
  } want[] = {
      {"cathode", 1, 0},
      {"separator", 2, 0},
      {"cell", 2, 1},
      {"pack", 2, 2},
      {"ess", 1, 1},
      /* anode-new is under construction, ev-local is signed: not counted */
      {"anode", 0, 0},
      {"ev", 0, 0},
      {"salt", 0, 0},
      {"h2", 0, 0},
  };
  for (guint k = 0; k < G_N_ELEMENTS(want); k++) {
    const CmSegmentResult *r = fx_result(ds, gaps, want[k].id);
    cr_expect_eq(r->local_producers, want[k].producers, "%s producers %u", want[k].id,
                 r->local_producers);
    cr_expect_eq(r->leaders, want[k].leaders, "%s leaders %u", want[k].id, r->leaders);
  }
}

Test(gaps, local_output_splits_output_across_listed_segments)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  cr_expect_float_eq(fx_result(ds, gaps, "cell")->local_output, 90.0, FX_EPS); /* 100/2 + 40 */
  cr_expect_float_eq(fx_result(ds, gaps, "pack")->local_output, 65.0, FX_EPS); /* 100/2 + 30/2 */
  cr_expect_float_eq(fx_result(ds, gaps, "ess")->local_output, 15.0, FX_EPS);  /* 30/2 */
  cr_expect_float_eq(fx_result(ds, gaps, "cathode")->local_output, 25.5, FX_EPS);
  /* sep-b has no output: it counts 0 */
  cr_expect_float_eq(fx_result(ds, gaps, "separator")->local_output, 12.0, FX_EPS);
  cr_expect_float_eq(fx_result(ds, gaps, "anode")->local_output, 0.0, FX_EPS);
}

Test(gaps, demand_supplied_coverage_and_leakage_per_segment)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  static const struct {
    char id[16];
    double demand, supplied, coverage, leakage;
    gboolean has_coverage;
  } want[] = {
      {"salt", 40, 0, 0.0, 40, TRUE},
      {"cathode", 60, 40, 40.0 / 60.0, 20, TRUE},
      {"electrolyte", 40, 0, 0.0, 40, TRUE},
      {"separator", 50, 20, 0.4, 30, TRUE},
      {"cell", 80, 40, 0.5, 40, TRUE},
      {"ess", 30, 0, 0.0, 30, TRUE},
      {"charging", 25, 0, 0.0, 25, TRUE},
      /* uncounted rows only (construction ends, signed supplier) */
      {"anode", 0, 0, 0, 0, FALSE},
      {"ev", 0, 0, 0, 0, FALSE},
      /* sold only to outside buyers */
      {"pack", 0, 0, 0, 0, FALSE},
      {"h2", 0, 0, 0, 0, FALSE},
      {"ore", 0, 0, 0, 0, FALSE},
  };
  for (guint k = 0; k < G_N_ELEMENTS(want); k++) {
    const CmSegmentResult *r = fx_result(ds, gaps, want[k].id);
    cr_expect_float_eq(r->local_demand, want[k].demand, FX_EPS, "%s demand %g", want[k].id,
                       r->local_demand);
    cr_expect_float_eq(r->local_supplied, want[k].supplied, FX_EPS, "%s supplied %g", want[k].id,
                       r->local_supplied);
    cr_expect_float_eq(r->leakage, want[k].leakage, FX_EPS, "%s leakage %g", want[k].id,
                       r->leakage);
    cr_expect_eq(r->has_coverage, want[k].has_coverage, "%s has_coverage", want[k].id);
    if (want[k].has_coverage)
      cr_expect_float_eq(r->coverage, want[k].coverage, FX_EPS, "%s coverage %g", want[k].id,
                         r->coverage);
  }
}

Test(gaps, present_segment_without_local_demand_has_null_coverage_and_is_strong)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* pack: 2 producers, only sold to the outside x-h2b, so no local demand */
  const CmSegmentResult *r = fx_result(ds, gaps, "pack");
  cr_expect_not(r->has_coverage);
  cr_expect_eq(r->status, CM_SEGMENT_STRONG);
  cr_expect_eq(r->reasons, 0u);
}

Test(gaps, coverage_equal_to_min_coverage_is_strong)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* cell: 2 producers, coverage 40 / 80 = 0.5, not < 0.5 */
  cr_expect_eq(fx_result(ds, gaps, "cell")->status, CM_SEGMENT_STRONG);
}

Test(gaps, single_producer_is_weak_by_few_producers)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* cathode: 1 producer < 2; coverage 2/3 >= 0.5 so only the producer count makes it weak */
  const CmSegmentResult *r = fx_result(ds, gaps, "cathode");
  cr_expect_eq(r->status, CM_SEGMENT_WEAK);
  cr_expect_eq(r->reasons, REASON(CM_REASON_FEW_PRODUCERS));
}

Test(gaps, low_coverage_is_weak_even_with_enough_producers)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* separator: 2 producers, coverage 20 / 50 = 0.4 < 0.5 */
  const CmSegmentResult *r = fx_result(ds, gaps, "separator");
  cr_expect_eq(r->status, CM_SEGMENT_WEAK);
  cr_expect_eq(r->reasons, REASON(CM_REASON_LOW_COVERAGE));
  /* ess: 1 producer and coverage 0 / 30: both reasons */
  r = fx_result(ds, gaps, "ess");
  cr_expect_eq(r->status, CM_SEGMENT_WEAK);
  cr_expect_eq(r->reasons, REASON(CM_REASON_FEW_PRODUCERS) | REASON(CM_REASON_LOW_COVERAGE));
}

Test(gaps, input_of_present_segment_is_gap)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* anode -> cell (present); nobody local buys anode (the rows have construction ends) */
  const CmSegmentResult *r = fx_result(ds, gaps, "anode");
  cr_expect_eq(r->status, CM_SEGMENT_GAP);
  cr_expect_eq(r->reasons, REASON(CM_REASON_FEEDS_PRESENT));
  cr_expect_eq(r->reason_segment, (gint)fx_segment(ds, "cell"));
  /* salt -> cathode (present), and local buyers buy it too */
  r = fx_result(ds, gaps, "salt");
  cr_expect_eq(r->status, CM_SEGMENT_GAP);
  cr_expect_eq(r->reasons, REASON(CM_REASON_FEEDS_PRESENT) | REASON(CM_REASON_LOCAL_DEMAND));
  cr_expect_eq(r->reason_segment, (gint)fx_segment(ds, "cathode"));
  cr_expect_eq(fx_result(ds, gaps, "electrolyte")->status, CM_SEGMENT_GAP);
}

Test(gaps, local_demand_alone_makes_a_gap)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* charging feeds nothing; lead-b buys it (25) from outside. Without that demand it would be a
   * downstream frontier (see year_filter_keeps_only_rows_of_that_year). */
  const CmSegmentResult *r = fx_result(ds, gaps, "charging");
  cr_expect_eq(r->status, CM_SEGMENT_GAP);
  cr_expect_eq(r->reasons, REASON(CM_REASON_LOCAL_DEMAND));
  cr_expect_eq(r->reason_segment, -1);
  cr_expect_eq(r->direction, CM_DIRECTION_NONE);
  cr_expect_eq(r->distance, -1);
}

Test(gaps, frontier_upstream_at_distance_two)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* ore: to P 2 < from P 3; graphite: to P 2, nothing reaches it */
  static const char ids[][16] = {"ore", "graphite"};
  for (guint k = 0; k < G_N_ELEMENTS(ids); k++) {
    const CmSegmentResult *r = fx_result(ds, gaps, ids[k]);
    cr_expect_eq(r->status, CM_SEGMENT_FRONTIER, "%s", ids[k]);
    cr_expect_eq(r->direction, CM_DIRECTION_UPSTREAM, "%s", ids[k]);
    cr_expect_eq(r->distance, 2, "%s distance %d", ids[k], r->distance);
  }
}

Test(gaps, output_of_present_segment_is_downstream_frontier)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* ev: from P 1 (pack -> ev) beats to P 3 (ev -> recycle -> salt -> cathode) */
  const CmSegmentResult *r = fx_result(ds, gaps, "ev");
  cr_expect_eq(r->status, CM_SEGMENT_FRONTIER);
  cr_expect_eq(r->direction, CM_DIRECTION_DOWNSTREAM);
  cr_expect_eq(r->distance, 1);
}

Test(gaps, frontier_tie_counts_as_upstream)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* recycle: recycle -> salt -> cathode (2) and pack -> ev -> recycle (2) */
  const CmSegmentResult *r = fx_result(ds, gaps, "recycle");
  cr_expect_eq(r->status, CM_SEGMENT_FRONTIER);
  cr_expect_eq(r->direction, CM_DIRECTION_UPSTREAM);
  cr_expect_eq(r->distance, 2);
}

Test(gaps, unconnected_segment_is_absent_even_with_outside_trade)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* h2 has no template edges; x-h2a sells it to x-h2b, both outside */
  const CmSegmentResult *r = fx_result(ds, gaps, "h2");
  cr_expect_eq(r->status, CM_SEGMENT_ABSENT);
  cr_expect_eq(r->direction, CM_DIRECTION_NONE);
  cr_expect_eq(r->distance, -1);
}

Test(gaps, only_frontiers_have_direction_and_distance)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  for (guint s = 0; s < gaps->n_segments; s++) {
    const CmSegmentResult *r = &gaps->segments[s];
    const char *id = cm_dataset_segment(ds, s)->id;
    if (r->status == CM_SEGMENT_FRONTIER) {
      cr_expect_neq(r->direction, CM_DIRECTION_NONE, "%s", id);
      cr_expect_gt(r->distance, 0, "%s", id);
    } else {
      cr_expect_eq(r->direction, CM_DIRECTION_NONE, "%s", id);
      cr_expect_eq(r->distance, -1, "%s", id);
    }
  }
}

Test(gaps, summary_counts_every_status_once)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* strong: cell, pack; weak: cathode, separator, ess; gap: salt, anode, electrolyte, charging;
   * frontier: ore, graphite, ev, recycle; absent: h2 */
  cr_expect_eq(gaps->n_segments, 14u);
  cr_expect_eq(gaps->present, 5u);
  cr_expect_float_eq(gaps->completeness, 5.0 / 14.0, FX_EPS);
  cr_expect_eq(gaps->count[CM_SEGMENT_STRONG], 2u);
  cr_expect_eq(gaps->count[CM_SEGMENT_WEAK], 3u);
  cr_expect_eq(gaps->count[CM_SEGMENT_GAP], 4u);
  cr_expect_eq(gaps->count[CM_SEGMENT_FRONTIER], 4u);
  cr_expect_eq(gaps->count[CM_SEGMENT_ABSENT], 1u);
}

Test(gaps, strengthen_ranks_by_leakage_then_template_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* leakage: cathode 20, separator 30, ess 30; the tie separator/ess keeps template order */
  static const char *const want[] = {"separator", "ess", "cathode", NULL};
  fx_assert_segments(ds, gaps->strengthen, want, "strengthen");
}

Test(gaps, supplement_ranks_by_leakage_then_template_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* leakage: salt 40, anode 0, electrolyte 40, charging 25 */
  static const char *const want[] = {"salt", "electrolyte", "charging", "anode", NULL};
  fx_assert_segments(ds, gaps->supplement, want, "supplement");
}

Test(gaps, extend_ranks_by_distance_then_template_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* leakage is 0 for every frontier; distance: ore 2, graphite 2, ev 1, recycle 2 */
  static const char *const want[] = {"ev", "ore", "graphite", "recycle", NULL};
  fx_assert_segments(ds, gaps->extend, want, "extend");
}

Test(gaps, status_names_and_actions)
{
  cr_expect_str_eq(cm_segment_status_to_string(CM_SEGMENT_STRONG), "strong");
  cr_expect_str_eq(cm_segment_status_to_string(CM_SEGMENT_WEAK), "weak");
  cr_expect_str_eq(cm_segment_status_to_string(CM_SEGMENT_GAP), "gap");
  cr_expect_str_eq(cm_segment_status_to_string(CM_SEGMENT_FRONTIER), "frontier");
  cr_expect_str_eq(cm_segment_status_to_string(CM_SEGMENT_ABSENT), "absent");
  cr_expect_eq(cm_segment_status_action(CM_SEGMENT_STRONG), CM_ACTION_NONE);
  cr_expect_eq(cm_segment_status_action(CM_SEGMENT_ABSENT), CM_ACTION_NONE);
  cr_expect_str_eq(cm_action_to_string(cm_segment_status_action(CM_SEGMENT_WEAK)), "strengthen");
  cr_expect_str_eq(cm_action_to_string(cm_segment_status_action(CM_SEGMENT_GAP)), "supplement");
  cr_expect_str_eq(cm_action_to_string(cm_segment_status_action(CM_SEGMENT_FRONTIER)), "extend");
  cr_expect_null(cm_action_to_string(CM_ACTION_NONE));
  cr_expect_str_eq(cm_direction_to_string(CM_DIRECTION_UPSTREAM), "upstream");
  cr_expect_str_eq(cm_direction_to_string(CM_DIRECTION_DOWNSTREAM), "downstream");
  cr_expect_null(cm_direction_to_string(CM_DIRECTION_NONE));
}

Test(gaps, construction_scenario_makes_segment_present)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, "operating,construction", 0);
  /* anode-new (local, construction) now produces anode: P gains anode. The rows
   * x-anode->cellco 7 and anode-new->lead-b 5 now count: demand 12, supplied 5, coverage 5/12,
   * leakage 7. One producer and coverage < 0.5: weak for both reasons. */
  const CmSegmentResult *r = fx_result(ds, gaps, "anode");
  cr_expect_eq(r->status, CM_SEGMENT_WEAK);
  cr_expect_eq(r->local_producers, 1u);
  cr_expect_float_eq(r->local_output, 50.0, FX_EPS);
  cr_expect_float_eq(r->local_demand, 12.0, FX_EPS);
  cr_expect_float_eq(r->local_supplied, 5.0, FX_EPS);
  cr_expect_float_eq(r->coverage, 5.0 / 12.0, FX_EPS);
  cr_expect_eq(r->reasons, REASON(CM_REASON_FEW_PRODUCERS) | REASON(CM_REASON_LOW_COVERAGE));
  /* graphite -> anode, now present: a gap instead of a frontier */
  r = fx_result(ds, gaps, "graphite");
  cr_expect_eq(r->status, CM_SEGMENT_GAP);
  cr_expect_eq(r->reason_segment, (gint)fx_segment(ds, "anode"));
  cr_expect_eq(gaps->present, 6u);
  cr_expect_eq(gaps->count[CM_SEGMENT_STRONG], 2u);
  cr_expect_eq(gaps->count[CM_SEGMENT_WEAK], 4u);
  cr_expect_eq(gaps->count[CM_SEGMENT_GAP], 4u);
  cr_expect_eq(gaps->count[CM_SEGMENT_FRONTIER], 3u);
  cr_expect_eq(gaps->count[CM_SEGMENT_ABSENT], 1u);
  /* leakage: cathode 20, anode 7, separator 30, ess 30 */
  static const char *const strengthen[] = {"separator", "ess", "cathode", "anode", NULL};
  fx_assert_segments(ds, gaps->strengthen, strengthen, "strengthen");
  /* salt 40, graphite 0, electrolyte 40, charging 25 */
  static const char *const supplement[] = {"salt", "electrolyte", "charging", "graphite", NULL};
  fx_assert_segments(ds, gaps->supplement, supplement, "supplement");
  static const char *const extend[] = {"ev", "ore", "recycle", NULL};
  fx_assert_segments(ds, gaps->extend, extend, "extend");
}

Test(gaps, year_filter_keeps_only_rows_of_that_year)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 2024);
  /* 2024 rows with a local buyer: x-cath->cathco salt 15; cathco->lead-b cathode 40 L;
   * x-elec->lead-b 30; sep-a->lead-b separator 20 L; cell 12 L + 28 L + 40; x-ess->lead-a 18.
   * Dropped: 2023 rows, the 2022 charging row, and x-elec->cellco 10 (no year). */
  const CmSegmentResult *r = fx_result(ds, gaps, "separator");
  cr_expect_float_eq(r->local_demand, 20.0, FX_EPS);
  cr_expect_float_eq(r->coverage, 1.0, FX_EPS);
  cr_expect_eq(r->status, CM_SEGMENT_STRONG); /* 2 producers, coverage 20/20 */
  r = fx_result(ds, gaps, "cathode");
  cr_expect_float_eq(r->local_demand, 40.0, FX_EPS);
  cr_expect_float_eq(r->leakage, 0.0, FX_EPS);
  cr_expect_float_eq(fx_result(ds, gaps, "salt")->leakage, 15.0, FX_EPS);
  cr_expect_float_eq(fx_result(ds, gaps, "electrolyte")->local_demand, 30.0, FX_EPS);
  cr_expect_float_eq(fx_result(ds, gaps, "cell")->coverage, 0.5, FX_EPS);
  cr_expect_float_eq(fx_result(ds, gaps, "ess")->leakage, 18.0, FX_EPS);
  /* charging: no 2024 demand, so pack -> ev -> charging makes it a downstream frontier at 2 */
  r = fx_result(ds, gaps, "charging");
  cr_expect_eq(r->status, CM_SEGMENT_FRONTIER);
  cr_expect_eq(r->direction, CM_DIRECTION_DOWNSTREAM);
  cr_expect_eq(r->distance, 2);
  cr_expect_not(r->has_coverage);
  static const char *const strengthen[] = {"ess", "cathode", NULL}; /* 18, 0 */
  fx_assert_segments(ds, gaps->strengthen, strengthen, "strengthen");
  static const char *const supplement[] = {"electrolyte", "salt", "anode", NULL}; /* 30, 15, 0 */
  fx_assert_segments(ds, gaps->supplement, supplement, "supplement");
  /* ev 1; then distance 2 in template order: ore, graphite, charging, recycle */
  static const char *const extend[] = {"ev", "ore", "graphite", "charging", "recycle", NULL};
  fx_assert_segments(ds, gaps->extend, extend, "extend");
  cr_expect_eq(gaps->count[CM_SEGMENT_STRONG], 3u);
  cr_expect_eq(gaps->count[CM_SEGMENT_FRONTIER], 5u);
}

Test(gaps, without_supply_table_demand_is_zero_and_coverage_null)
{
  g_autoptr(CmDataset) ds = fx_load("nosupply");
  cr_assert_not(ds->has_supply);
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  for (guint s = 0; s < gaps->n_segments; s++) {
    const CmSegmentResult *r = &gaps->segments[s];
    const char *id = cm_dataset_segment(ds, s)->id;
    cr_expect_float_eq(r->local_demand, 0.0, FX_EPS, "%s", id);
    cr_expect_float_eq(r->local_supplied, 0.0, FX_EPS, "%s", id);
    cr_expect_float_eq(r->leakage, 0.0, FX_EPS, "%s", id);
    cr_expect_not(r->has_coverage, "%s", id);
  }
  /* Statuses from producers and the template alone: separator (2 producers) is strong, cathode
   * and ess (1 producer) weak; charging loses its demand and is a downstream frontier at 2. */
  cr_expect_eq(fx_result(ds, gaps, "separator")->status, CM_SEGMENT_STRONG);
  cr_expect_float_eq(fx_result(ds, gaps, "cell")->local_output, 90.0, FX_EPS);
  static const char *const strengthen[] = {"cathode", "ess", NULL}; /* all 0: template order */
  fx_assert_segments(ds, gaps->strengthen, strengthen, "strengthen");
  static const char *const supplement[] = {"salt", "anode", "electrolyte", NULL};
  fx_assert_segments(ds, gaps->supplement, supplement, "supplement");
  static const char *const extend[] = {"ev", "ore", "graphite", "charging", "recycle", NULL};
  fx_assert_segments(ds, gaps->extend, extend, "extend");
  cr_expect_eq(gaps->count[CM_SEGMENT_STRONG], 3u);
  cr_expect_eq(gaps->count[CM_SEGMENT_WEAK], 2u);
  cr_expect_eq(gaps->count[CM_SEGMENT_GAP], 3u);
  cr_expect_eq(gaps->count[CM_SEGMENT_FRONTIER], 5u);
  cr_expect_eq(gaps->count[CM_SEGMENT_ABSENT], 1u);
}

static const char ini_default[] = "[dataset]\nname=Loop\nregion=R\nunit=u\n";

Test(gaps, recycling_cycle_gives_finite_distances_both_ways)
{
  /* mine <- recycle, refine <- mine, make <- refine, use <- make, recycle <- use: one cycle.
   * P = {make}. refine -> make: gap. mine: to P 2 (mine->refine->make), from P 3
   * (make->use->recycle->mine): upstream 2. use: from P 1, to P 4: downstream 1. recycle: from P
   * 2 (make->use->recycle), to P 3 (recycle->mine->refine->make): downstream 2. */
  g_autoptr(CmDataset) ds = fx_load_text(ini_default,
                                         "id,tier,inputs\n"
                                         "mine,upstream,recycle\n"
                                         "refine,upstream,mine\n"
                                         "make,midstream,refine\n"
                                         "use,downstream,make\n"
                                         "recycle,downstream,use\n",
                                         "id,region,segments\nm,R,make\n", NULL);
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  cr_expect_eq(fx_result(ds, gaps, "refine")->status, CM_SEGMENT_GAP);
  static const struct {
    char id[16];
    CmDirection direction;
    gint distance;
  } want[] = {{"mine", CM_DIRECTION_UPSTREAM, 2},
              {"use", CM_DIRECTION_DOWNSTREAM, 1},
              {"recycle", CM_DIRECTION_DOWNSTREAM, 2}};
  for (guint k = 0; k < G_N_ELEMENTS(want); k++) {
    const CmSegmentResult *r = fx_result(ds, gaps, want[k].id);
    cr_expect_eq(r->status, CM_SEGMENT_FRONTIER, "%s", want[k].id);
    cr_expect_eq(r->direction, want[k].direction, "%s", want[k].id);
    cr_expect_eq(r->distance, want[k].distance, "%s distance %d", want[k].id, r->distance);
  }
  static const char *const extend[] = {"use", "mine", "recycle", NULL};
  fx_assert_segments(ds, gaps->extend, extend, "extend");
}

Test(gaps, thresholds_come_from_the_ini)
{
  /* min_producers=1 makes a single producer enough; min_coverage=0.75 makes 2/3 too low */
  g_autoptr(CmDataset) ds =
      fx_load_text("[dataset]\nname=T\nregion=R\nunit=u\n"
                   "[analysis]\nmin_producers=1\nmin_coverage=0.75\n",
                   "id,tier,inputs\na,upstream,\nb,midstream,a\n",
                   "id,region,segments\nla,R,a\nlb,R,b\nxb,Q,b\n",
                   "supplier,buyer,segment,value\nla,lb,a,10\nlb,la,b,20\nxb,la,b,10\n");
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  const CmSegmentResult *a = fx_result(ds, gaps, "a"); /* coverage 10/10 */
  cr_expect_eq(a->status, CM_SEGMENT_STRONG);
  const CmSegmentResult *b = fx_result(ds, gaps, "b"); /* coverage 20/30 < 0.75 */
  cr_expect_float_eq(b->coverage, 2.0 / 3.0, FX_EPS);
  cr_expect_eq(b->status, CM_SEGMENT_WEAK);
  cr_expect_eq(b->reasons, REASON(CM_REASON_LOW_COVERAGE));
}

Test(gaps, segment_listed_twice_by_one_enterprise_counts_once)
{
  /* "a;a" names one segment: one producer, the whole output 10 on it */
  g_autoptr(CmDataset) ds = fx_load_text(ini_default, "id,tier\na,upstream\n",
                                         "id,region,segments,output\ne,R,a;a,10\n", NULL);
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  cr_expect_eq(fx_result(ds, gaps, "a")->local_producers, 1u);
  cr_expect_float_eq(fx_result(ds, gaps, "a")->local_output, 10.0, FX_EPS);
}

/* A path template s0 -> s1 -> ... -> s(n-1) with s(k*step) made locally (step divides n). The
 * distances are obvious: between two present segments p < q, s (p < s < q) is (s - p) steps
 * downstream of p and (q - s) steps upstream of q; s(p-1) feeds p and is a gap. After the last
 * present segment only downstream frontiers remain. */
static CmDataset *
path_template(guint n, guint step)
{
  g_autoptr(GString) segs = g_string_new("id,tier,inputs\n");
  g_autoptr(GString) ents = g_string_new("id,region,segments\n");
  for (guint i = 0; i < n; i++) {
    if (i == 0)
      g_string_append(segs, "s0,upstream,\n");
    else
      g_string_append_printf(segs, "s%u,upstream,s%u\n", i, i - 1);
    if (i % step == 0)
      g_string_append_printf(ents, "e%u,R,s%u\n", i, i);
  }
  return fx_load_text(ini_default, segs->str, ents->str, NULL);
}

Test(gaps, long_path_template_distances_are_steps_to_the_nearest_present_segment)
{
  const guint n = 20000, step = 10;
  g_autoptr(CmDataset) ds = path_template(n, step);
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  /* present: s0, s10, ..., s19990 (2000); gaps: s9, s19, ..., s19989 (1999); the rest frontier */
  cr_expect_eq(gaps->present, n / step);
  cr_expect_eq(gaps->count[CM_SEGMENT_GAP], n / step - 1);
  cr_expect_eq(gaps->count[CM_SEGMENT_FRONTIER], n - n / step - (n / step - 1));
  for (guint s = 0; s < n; s++) {
    const CmSegmentResult *r = &gaps->segments[s];
    guint p = s - s % step, q = p + step; /* the present segments around s */
    if (s % step == 0)
      continue;
    if (q < n && q - s == 1) {
      cr_assert_eq(r->status, CM_SEGMENT_GAP, "s%u", s);
      cr_assert_eq(r->reason_segment, (gint)q, "s%u feeds s%u", s, q);
      continue;
    }
    cr_assert_eq(r->status, CM_SEGMENT_FRONTIER, "s%u", s);
    /* upstream when q is as near as p (a tie counts as upstream) */
    gboolean up = q < n && q - s <= s - p;
    cr_assert_eq(r->direction, up ? CM_DIRECTION_UPSTREAM : CM_DIRECTION_DOWNSTREAM, "s%u", s);
    cr_assert_eq(r->distance, up ? (gint)(q - s) : (gint)(s - p), "s%u", s);
    cr_assert_eq(r->reason_segment, up ? (gint)q : (gint)p, "s%u", s);
  }
}

static double
gaps_seconds(const CmDataset *ds, CmGaps **out)
{
  gint64 start = g_get_monotonic_time();
  *out = fx_gaps(ds, NULL, 0);
  return (g_get_monotonic_time() - start) / 1e6;
}

Test(gaps, hundred_thousand_segment_path_takes_linear_time, .timeout = 60)
{
  /* the old present x all distance matrix took minutes and gigabytes here; a breadth-first
   * search per direction is linear: ten times the segments take about ten times as long (a
   * quadratic analysis would take a hundred times), whatever the machine or the sanitizers.
   * s99999 is 9 steps downstream of s99990. */
  g_autoptr(CmDataset) small = path_template(10000, 10);
  g_autoptr(CmDataset) big = path_template(100000, 10);
  g_autoptr(CmGaps) small_gaps = NULL;
  g_autoptr(CmGaps) gaps = NULL;
  double t_small = gaps_seconds(small, &small_gaps);
  double t_big = gaps_seconds(big, &gaps);
  cr_expect_lt(t_big, 30 * t_small + 0.1, "10 000 segments %.3f s, 100 000 %.3f s", t_small, t_big);
  cr_expect_lt(t_big, 10.0, "gaps took %.2f s", t_big);
  const CmSegmentResult *last = fx_result(big, gaps, "s99999");
  cr_expect_eq(last->direction, CM_DIRECTION_DOWNSTREAM);
  cr_expect_eq(last->distance, 9);
}

Test(gaps, nearest_present_segment_tie_goes_to_the_first_in_template_order)
{
  /* x feeds both b (index 2) and a (index 1) through one middle step each: x -> m1 -> b and
   * x -> m2 -> a. Both are 2 steps downstream: the reason names a, first in file order. */
  g_autoptr(CmDataset) ds = fx_load_text(ini_default,
                                         "id,tier,inputs\n"
                                         "x,upstream,\n"
                                         "a,midstream,m2\n"
                                         "b,midstream,m1\n"
                                         "m1,upstream,x\n"
                                         "m2,upstream,x\n",
                                         "id,region,segments\nea,R,a\neb,R,b\n", NULL);
  g_autoptr(CmGaps) gaps = fx_gaps(ds, NULL, 0);
  const CmSegmentResult *x = fx_result(ds, gaps, "x");
  cr_expect_eq(x->status, CM_SEGMENT_FRONTIER);
  cr_expect_eq(x->distance, 2);
  cr_expect_eq(x->reason_segment, (gint)fx_segment(ds, "a"));
}
