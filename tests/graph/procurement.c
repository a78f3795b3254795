/* Local procurement (SPEC section 2) on tests/data/graph/fixture; see tests/graph/gaps.c for the
 * fixture's rows. Inbound counted rows of each local buyer, all years (L = local supplier):
 *   lead-a: cellco cell 12 L, x-ess ess 18                          local 12, total 30
 *   lead-b: cathco cathode 40 L, x-cath cathode 20, x-elec 30, sep-a 20 L, cellco cell 28 L,
 *           x-cell cell 40, x-ess ess 7 + 5, x-charge 25             local 88, total 215
 *   cathco: x-salt 25, x-cath salt 15                                local 0, total 40
 *   cellco: x-elec 10, x-sep 30 (x-anode 7 has a construction end)  local 0, total 40
 * Not buyers: sep-a, sep-b (buy nothing); x-h2b buys but is outside; anode-new is not counted.
 */
#include "fixture.h"

#include <criterion/criterion.h>

static void
expect_buyer(const CmDataset *ds, const CmProcurement *p, const char *id, double local,
             double total)
{
  const CmBuyerProcurement *b = fx_buyer(ds, p, id);
  cr_assert_not_null(b, "%s is not a buyer", id);
  cr_expect_float_eq(b->local, local, FX_EPS, "%s local %g", id, b->local);
  cr_expect_float_eq(b->total, total, FX_EPS, "%s total %g", id, b->total);
  cr_expect_float_eq(b->ratio, local / total, FX_EPS, "%s ratio %g", id, b->ratio);
}

static void
expect_buyer_order(const CmDataset *ds, const CmProcurement *p, const char *const *want)
{
  g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint k = 0; k < p->buyers->len; k++)
    g_array_append_val(ids, g_array_index(p->buyers, CmBuyerProcurement, k).buyer);
  fx_assert_enterprises(ds, ids, want, "buyers");
}

Test(procurement, buyer_figures_sum_counted_inbound_rows)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  expect_buyer(ds, p, "lead-a", 12, 30);
  expect_buyer(ds, p, "lead-b", 88, 215); /* 40+28+20 of 40+20+30+20+28+40+7+5+25 */
  expect_buyer(ds, p, "cathco", 0, 40);
  expect_buyer(ds, p, "cellco", 0, 40);
}

Test(procurement, buyers_without_inbound_value_or_outside_are_left_out)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  cr_expect_eq(p->buyers->len, 4u);
  static const char ids[][16] = {"sep-a", "sep-b", "x-h2b", "anode-new", "ev-local"};
  for (guint k = 0; k < G_N_ELEMENTS(ids); k++)
    cr_expect_null(fx_buyer(ds, p, ids[k]), "%s should not be a buyer", ids[k]);
}

Test(procurement, buyers_list_leaders_first_then_total_descending_then_id)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  /* leaders: lead-b 215 before lead-a 30 (file order is the reverse); lead-a 30 precedes the
   * non-leaders with 40; cathco and cellco tie at 40: by id, not by file order (cellco first) */
  static const char *const want[] = {"lead-b", "lead-a", "cathco", "cellco", NULL};
  expect_buyer_order(ds, p, want);
}

Test(procurement, leaders_are_counted_local_leaders_in_file_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  /* x-cell (role leader) is outside; ev-local (leader) is signed */
  static const char *const want[] = {"lead-a", "lead-b", NULL};
  fx_assert_enterprises(ds, p->leaders, want, "leaders");
}

Test(procurement, leaders_ratio_sums_local_leaders)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  /* local 12 + 88 = 100, total 30 + 215 = 245: 100/245 = 0.408 < 0.8 */
  cr_expect_float_eq(p->target, 0.8, FX_EPS);
  cr_expect_float_eq(p->leaders_local, 100.0, FX_EPS);
  cr_expect_float_eq(p->leaders_total, 245.0, FX_EPS);
  cr_expect(p->leaders_has_ratio);
  cr_expect_float_eq(p->leaders_ratio, 100.0 / 245.0, FX_EPS);
  cr_expect_not(p->meets_target);
}

Test(procurement, region_figure_sums_all_local_buyers)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  /* local 12 + 88 + 0 + 0 = 100, total 30 + 215 + 40 + 40 = 325 */
  cr_expect_float_eq(p->region_local, 100.0, FX_EPS);
  cr_expect_float_eq(p->region_total, 325.0, FX_EPS);
  cr_expect(p->region_has_ratio);
  cr_expect_float_eq(p->region_ratio, 100.0 / 325.0, FX_EPS);
}

Test(procurement, construction_scenario_counts_rows_with_construction_ends)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, "operating,construction", 0);
  /* adds anode-new->lead-b 5 L and x-anode->cellco 7 */
  expect_buyer(ds, p, "lead-b", 93, 220);
  expect_buyer(ds, p, "cellco", 0, 47);
  static const char *const want[] = {"lead-b", "lead-a", "cellco", "cathco", NULL};
  expect_buyer_order(ds, p, want);
  cr_expect_float_eq(p->leaders_ratio, 105.0 / 250.0, FX_EPS);
  cr_expect_float_eq(p->region_total, 337.0, FX_EPS); /* 250 + 47 + 40 */
}

Test(procurement, year_filter_keeps_only_rows_of_that_year)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 2024);
  /* 2024: lead-b 40 L + 30 + 20 L + 28 L + 40 = 158, local 88; lead-a 12 L + 18;
   * cathco x-cath 15; cellco has none (10 has no year, 30 is 2023, 7 is not counted) */
  expect_buyer(ds, p, "lead-b", 88, 158);
  expect_buyer(ds, p, "lead-a", 12, 30);
  expect_buyer(ds, p, "cathco", 0, 15);
  cr_expect_null(fx_buyer(ds, p, "cellco"));
  cr_expect_float_eq(p->leaders_local, 100.0, FX_EPS);
  cr_expect_float_eq(p->leaders_total, 188.0, FX_EPS);
  cr_expect_float_eq(p->region_total, 203.0, FX_EPS);
}

Test(procurement, ratio_equal_to_target_meets_it)
{
  /* leader l buys 8 from local a and 2 from outside x: 8/10 = 0.8 >= 0.8 */
  g_autoptr(CmDataset) ds =
      fx_load_text("[dataset]\nname=T\nregion=R\nunit=u\n[analysis]\nprocurement_target=0.8\n",
                   "id,tier\ns,upstream\nt,downstream\n",
                   "id,region,segments,role\nl,R/x,t,leader\na,R,s,\nx,Q,s,\n",
                   "supplier,buyer,value\na,l,8\nx,l,2\n");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  cr_expect_float_eq(p->leaders_ratio, 0.8, FX_EPS);
  cr_expect(p->meets_target);
}

Test(procurement, leader_without_purchases_has_no_ratio)
{
  /* the only leader buys nothing; b buys 5 locally: region ratio 1, leaders' ratio null */
  g_autoptr(CmDataset) ds = fx_load_text(
      "[dataset]\nname=T\nregion=R\nunit=u\n", "id,tier\ns,upstream\n",
      "id,region,segments,role\nl,R,s,leader\nb,R,s,\n", "supplier,buyer,value\nl,b,5\n");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  cr_expect_eq(p->leaders->len, 1u);
  cr_expect_not(p->leaders_has_ratio);
  cr_expect_not(p->meets_target);
  cr_expect(p->region_has_ratio);
  cr_expect_float_eq(p->region_ratio, 1.0, FX_EPS);
}

Test(procurement, no_supply_table_gives_no_buyers_and_null_ratios)
{
  g_autoptr(CmDataset) ds = fx_load("nosupply");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  cr_expect_eq(p->buyers->len, 0u);
  static const char *const want[] = {"lead-a", "lead-b", NULL};
  fx_assert_enterprises(ds, p->leaders, want, "leaders");
  cr_expect_float_eq(p->leaders_total, 0.0, FX_EPS);
  cr_expect_not(p->leaders_has_ratio);
  cr_expect_not(p->meets_target);
  cr_expect_not(p->region_has_ratio);
  cr_expect_eq(p->audit->len, 2u);
  for (guint l = 0; l < p->audit->len; l++)
    cr_expect_eq(g_array_index(p->audit, CmLeaderAudit, l).by_segment->len, 0u);
}

Test(procurement, leader_audit_lines_by_segment_in_template_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmProcurement) p = fx_procurement(ds, NULL, 0);
  cr_assert_eq(p->audit->len, 2u);
  const CmLeaderAudit *a = &g_array_index(p->audit, CmLeaderAudit, 1);
  cr_assert_eq(a->leader, fx_enterprise(ds, "lead-b"));
  /* lead-b: cathode 40 L + 20, electrolyte 30, separator 20 L, cell 28 L + 40, ess 12,
   * charging 25; the uncounted anode and ev rows are not there; ess has 2 rows (7 + 5) */
  static const struct {
    char id[16];
    double local, outside;
    guint rows;
  } want[] = {{"cathode", 40, 20, 2}, {"electrolyte", 0, 30, 1}, {"separator", 20, 0, 1},
              {"cell", 28, 40, 2},    {"ess", 0, 12, 2},         {"charging", 0, 25, 1}};
  cr_assert_eq(a->by_segment->len, G_N_ELEMENTS(want));
  for (guint k = 0; k < G_N_ELEMENTS(want); k++) {
    const CmPurchaseLine *line = &g_array_index(a->by_segment, CmPurchaseLine, k);
    cr_expect_eq(line->segment, fx_segment(ds, want[k].id), "line %u is not %s", k, want[k].id);
    cr_expect_float_eq(line->local, want[k].local, FX_EPS, "%s local", want[k].id);
    cr_expect_float_eq(line->outside, want[k].outside, FX_EPS, "%s outside", want[k].id);
    cr_expect_eq(line->rows, want[k].rows, "%s rows", want[k].id);
  }
}

/* The audit must explain each leader's figures exactly. */
static void
expect_audit_sums(const char *dataset, const char *scenario, gint32 year)
{
  g_autoptr(CmDataset) ds = fx_load(dataset);
  g_autoptr(CmProcurement) p = fx_procurement(ds, scenario, year);
  cr_assert_eq(p->audit->len, p->leaders->len);
  for (guint l = 0; l < p->audit->len; l++) {
    const CmLeaderAudit *a = &g_array_index(p->audit, CmLeaderAudit, l);
    cr_expect_eq(a->leader, g_array_index(p->leaders, guint32, l));
    double local = 0, total = 0;
    for (guint k = 0; k < a->by_segment->len; k++) {
      const CmPurchaseLine *line = &g_array_index(a->by_segment, CmPurchaseLine, k);
      local += line->local;
      total += line->local + line->outside;
      if (k > 0)
        cr_expect_gt(line->segment, g_array_index(a->by_segment, CmPurchaseLine, k - 1).segment);
    }
    const CmBuyerProcurement *b = fx_buyer(ds, p, cm_dataset_enterprise(ds, a->leader)->id);
    cr_expect_float_eq(local, b ? b->local : 0.0, FX_EPS);
    cr_expect_float_eq(total, b ? b->total : 0.0, FX_EPS);
  }
}

Test(procurement, leader_audit_sums_equal_leader_figures)
{
  expect_audit_sums("fixture", NULL, 0);
  expect_audit_sums("fixture", "operating,construction", 0);
  expect_audit_sums("fixture", "operating,construction,signed", 0);
  expect_audit_sums("fixture", NULL, 2024);
  expect_audit_sums("fixture", NULL, 2022);
}
