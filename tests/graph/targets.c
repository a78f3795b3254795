/* Investment targets (SPEC section 2) on tests/data/graph/fixture; see tests/graph/gaps.c for the
 * rows and statuses. Under "operating", all years:
 *   gap: salt, anode, electrolyte, charging; weak: cathode, separator, ess;
 *   frontier: ore, graphite, ev, recycle; strong: cell, pack; absent: h2.
 * Counted outside suppliers of local buyers:
 *   x-salt  cathco 25                      value 25, 1 buyer, leaders []       fills [salt]
 *   x-cath  cathco salt 15, lead-b cathode 20   35, 2 buyers, [lead-b]    [salt, cathode]
 *   x-elec  lead-b 30, cellco 10           40, 2, [lead-b]                     [electrolyte]
 *   x-sep   cellco 30                      30, 1, []                           [separator]
 *   x-cell  lead-b 40                      40, 1, [lead-b]                     [] (cell strong)
 *   x-ess   lead-b 7 + 5 (rows first), lead-a 18   30, 2, [lead-a, lead-b]    [ess]
 *   x-charge lead-b 25                     25, 1, [lead-b]                     [charging]
 * Outside producers of a gap/weak/frontier segment without counted sales to local buyers:
 *   x-anode (construction; its row is not counted) 0, 0, []  [anode]
 *   x-ev (signed)                                   0, 0, []  [ev]
 * Not targets: local enterprises (ev-local produces the frontier ev), x-h2a and x-h2b (absent h2,
 * outside buyer).
 * Priority: gap -> 1: x-elec 40, x-cath 35, x-charge 25, x-salt 25, x-anode 0 (the 25 tie goes
 * by id: x-charge < x-salt, though x-salt comes first in the file); weak -> 2: x-ess 30,
 * x-sep 30 (id order; file order is the reverse); frontier -> 3: x-ev; none -> 4: x-cell.
 */
#include "fixture.h"

#include <criterion/criterion.h>

static void
expect_order(const CmDataset *ds, const CmTargets *t, const char *const *want)
{
  g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint k = 0; k < t->targets->len; k++)
    g_array_append_val(ids, g_array_index(t->targets, CmTarget, k).enterprise);
  fx_assert_enterprises(ds, ids, want, "targets");
}

static const CmTarget *
expect_target(const CmDataset *ds, const CmTargets *t, const char *id, guint priority, double value,
              guint buyers)
{
  const CmTarget *x = fx_target(ds, t, id);
  cr_assert_not_null(x, "%s is not a target", id);
  cr_expect_eq(x->priority, priority, "%s priority %u", id, x->priority);
  cr_expect_float_eq(x->value_to_local, value, FX_EPS, "%s value %g", id, x->value_to_local);
  cr_expect_eq(x->local_buyers, buyers, "%s local_buyers %u", id, x->local_buyers);
  return x;
}

Test(targets, ranked_by_priority_then_value_then_id)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  static const char *const want[] = {"x-elec", "x-cath", "x-charge", "x-salt", "x-anode",
                                     "x-ess",  "x-sep",  "x-ev",     "x-cell", NULL};
  expect_order(ds, t, want);
}

Test(targets, outside_producer_of_gap_is_priority_1)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  /* x-anode is under construction: its sale is not counted, but "any status" producers count */
  const CmTarget *x = expect_target(ds, t, "x-anode", 1, 0, 0);
  static const char *const fills[] = {"anode", NULL};
  fx_assert_fills(ds, t, x, fills, "x-anode fills");
  cr_expect_eq(x->n_leaders_served, 0u);
  x = expect_target(ds, t, "x-salt", 1, 25, 1);
  static const char *const salt[] = {"salt", NULL};
  fx_assert_fills(ds, t, x, salt, "x-salt fills");
}

Test(targets, fills_lists_needed_segments_in_template_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  /* x-cath lists cathode;salt; template order puts salt (gap) before cathode (weak) */
  const CmTarget *x = expect_target(ds, t, "x-cath", 1, 35, 2);
  static const char *const fills[] = {"salt", "cathode", NULL};
  fx_assert_fills(ds, t, x, fills, "x-cath fills");
  static const char *const leaders[] = {"lead-b", NULL};
  fx_assert_leaders_served(ds, t, x, leaders, "x-cath leaders_served");
}

Test(targets, weak_segment_supplier_is_priority_2)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  const CmTarget *x = expect_target(ds, t, "x-sep", 2, 30, 1);
  static const char *const fills[] = {"separator", NULL};
  fx_assert_fills(ds, t, x, fills, "x-sep fills");
  cr_expect_eq(x->n_leaders_served, 0u); /* cellco is no leader */
}

Test(targets, leaders_served_in_enterprises_file_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  /* x-ess sells to lead-b (two earlier rows) and lead-a (a later row): 2 distinct buyers;
   * lead-a is first in the enterprises file */
  const CmTarget *x = expect_target(ds, t, "x-ess", 2, 30, 2);
  static const char *const leaders[] = {"lead-a", "lead-b", NULL};
  fx_assert_leaders_served(ds, t, x, leaders, "x-ess leaders_served");
}

Test(targets, local_buyers_are_distinct_and_value_sums_rows)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  expect_target(ds, t, "x-elec", 1, 40, 2); /* lead-b 30 + cellco 10 */
  expect_target(ds, t, "x-charge", 1, 25, 1);
}

Test(targets, signed_outside_producer_of_frontier_is_priority_3)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  const CmTarget *x = expect_target(ds, t, "x-ev", 3, 0, 0);
  static const char *const fills[] = {"ev", NULL};
  fx_assert_fills(ds, t, x, fills, "x-ev fills");
}

Test(targets, supplier_of_strong_segment_only_is_priority_4)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  const CmTarget *x = expect_target(ds, t, "x-cell", 4, 40, 1);
  cr_expect_eq(x->n_fills, 0u);
  static const char *const leaders[] = {"lead-b", NULL};
  fx_assert_leaders_served(ds, t, x, leaders, "x-cell leaders_served");
}

Test(targets, local_and_unneeded_enterprises_are_not_targets)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  static const char ids[][16] = {"ev-local", "cathco", "lead-b", "x-h2a", "x-h2b"};
  for (guint k = 0; k < G_N_ELEMENTS(ids); k++)
    cr_expect_null(fx_target(ds, t, ids[k]), "%s should not be a target", ids[k]);
  cr_expect_eq(t->targets->len, 9u);
}

Test(targets, construction_scenario_counts_construction_sales)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, "operating,construction", 0);
  /* anode becomes weak (anode-new is counted) and x-anode's sale to cellco (7) counts */
  const CmTarget *x = expect_target(ds, t, "x-anode", 2, 7, 1);
  static const char *const fills[] = {"anode", NULL};
  fx_assert_fills(ds, t, x, fills, "x-anode fills");
  static const char *const want[] = {"x-elec", "x-cath",  "x-charge", "x-salt", "x-ess",
                                     "x-sep",  "x-anode", "x-ev",     "x-cell", NULL};
  expect_order(ds, t, want);
}

Test(targets, without_supply_table_only_producers_are_targets)
{
  g_autoptr(CmDataset) ds = fx_load("nosupply");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  /* gap: salt, anode, electrolyte; weak: cathode, ess; frontier: ore, graphite, ev, charging,
   * recycle; separator and cell are strong, so x-sep and x-cell drop out. All values 0: ids
   * decide within a priority. */
  static const char *const want[] = {"x-anode", "x-cath",   "x-elec", "x-salt",
                                     "x-ess",   "x-charge", "x-ev",   NULL};
  expect_order(ds, t, want);
  for (guint k = 0; k < t->targets->len; k++) {
    const CmTarget *x = &g_array_index(t->targets, CmTarget, k);
    cr_expect_float_eq(x->value_to_local, 0.0, FX_EPS);
    cr_expect_eq(x->local_buyers, 0u);
    cr_expect_eq(x->n_leaders_served, 0u);
  }
}

Test(targets, leaders_gain_is_what_landing_it_makes_local_for_the_leaders)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  /* the leaders' total of procurement: 30 (lead-a) + 215 (lead-b) */
  cr_expect_float_eq(t->leaders_total, 245.0, FX_EPS);
  /* x-ess: lead-a 18 + lead-b 7 + 5; x-cath: lead-b 20 of its 35 (15 go to cathco); x-salt and
   * x-sep sell to non-leaders only; x-ev (signed) sells nothing counted */
  static const struct {
    char id[16];
    double gain;
  } want[] = {{"x-ess", 30}, {"x-cath", 20}, {"x-salt", 0}, {"x-sep", 0}, {"x-ev", 0}};
  for (guint k = 0; k < G_N_ELEMENTS(want); k++) {
    const CmTarget *x = fx_target(ds, t, want[k].id);
    cr_assert_not_null(x, "%s is not a target", want[k].id);
    cr_expect_float_eq(x->leaders_gain, want[k].gain, FX_EPS, "%s gain %g", want[k].id,
                       x->leaders_gain);
  }
}
