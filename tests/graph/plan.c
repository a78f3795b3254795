/* The path to the procurement target (SPEC section 2) on tests/data/graph/fixture and inline
 * datasets. On the fixture (operating, all years) the leaders' figure is L0 = 100 of T = 245
 * (tests/graph/procurement.c), t = 0.8: t T = 196, needed 96. Outside suppliers of the leaders
 * and their gains: x-cell 40 (cell), x-elec 30 (electrolyte), x-ess 18 + 7 + 5 = 30 (ess, both
 * leaders), x-charge 25 (charging), x-cath 20 (cathode). */
#include "cm_plan.h"
#include "fixture.h"

#include <criterion/criterion.h>
#include <string.h>

static CmPlan *
fx_plan(const CmDataset *ds, const char *const *land, gint32 year)
{
  CmAnalysisOptions o = fx_options(ds, NULL, year);
  g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint k = 0; land && land[k]; k++) {
    guint32 e = fx_enterprise(ds, land[k]);
    g_array_append_val(ids, e);
  }
  g_autoptr(GError) error = NULL;
  CmPlan *p = cm_plan_compute(ds, &o, land ? (const guint32 *)ids->data : NULL, ids->len, &error);
  cr_assert_not_null(p, "plan failed: %s", error ? error->message : "?");
  return p;
}

static const CmPlanStep *
step(const CmPlan *p, guint k)
{
  cr_assert_lt(k, p->steps->len);
  return &g_array_index(p->steps, CmPlanStep, k);
}

static void
expect_steps(const CmDataset *ds, const CmPlan *p, const char *const *want)
{
  guint n = 0;
  for (; want[n]; n++) {
    cr_assert_lt(n, p->steps->len, "too few steps");
    cr_expect_str_eq(cm_dataset_enterprise(ds, step(p, n)->enterprise)->id, want[n], "step %u", n);
  }
  cr_expect_eq(p->steps->len, n, "steps: %u, expected %u", p->steps->len, n);
}

Test(plan, figures_are_the_leaders_procurement)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmPlan) p = fx_plan(ds, NULL, 0);
  cr_expect_float_eq(p->local, 100.0, FX_EPS);
  cr_expect_float_eq(p->total, 245.0, FX_EPS);
  cr_expect_float_eq(p->ratio, 100.0 / 245.0, FX_EPS);
  cr_expect_float_eq(p->needed, 0.8 * 245.0 - 100.0, FX_EPS);
  cr_expect_eq(p->candidates, 5u);
  cr_expect_float_eq(p->candidates_gain, 145.0, FX_EPS);
}

Test(plan, greedy_takes_largest_gain_then_id_until_the_target)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmPlan) p = fx_plan(ds, NULL, 0);
  /* 100 + 40 = 140, + 30 = 170 (x-elec before x-ess: the same gain, id order), + 30 = 200 >= 196 */
  static const char *const want[] = {"x-cell", "x-elec", "x-ess", NULL};
  expect_steps(ds, p, want);
  cr_expect_float_eq(step(p, 0)->gain, 40.0, FX_EPS);
  cr_expect_float_eq(step(p, 0)->ratio_after, 140.0 / 245.0, FX_EPS);
  cr_expect_float_eq(step(p, 1)->ratio_after, 170.0 / 245.0, FX_EPS);
  cr_expect_float_eq(step(p, 2)->gain, 30.0, FX_EPS);
  cr_expect_float_eq(step(p, 2)->ratio_after, 200.0 / 245.0, FX_EPS);
  cr_expect(p->reaches_target);
  cr_expect(p->has_ratio_after);
  cr_expect_float_eq(p->ratio_after, 200.0 / 245.0, FX_EPS);
  cr_expect_not(p->landed);
}

Test(plan, step_lists_its_segments_and_what_it_sells_each_leader)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmPlan) p = fx_plan(ds, NULL, 0);
  const CmPlanStep *ess = step(p, 2); /* x-ess: lead-a ess 18, lead-b ess 12 */
  cr_assert_eq(ess->n_segments, 1u);
  cr_expect_eq(cm_plan_step_segments(p, ess)[0], fx_segment(ds, "ess"));
  cr_assert_eq(ess->n_flows, 2u);
  const CmPlanFlow *f = cm_plan_step_flows(p, ess);
  cr_expect_eq(f[0].leader, fx_enterprise(ds, "lead-a"));
  cr_expect_float_eq(f[0].value, 18.0, FX_EPS);
  cr_expect_eq(f[1].leader, fx_enterprise(ds, "lead-b"));
  cr_expect_float_eq(f[1].value, 12.0, FX_EPS);
}

Test(plan, shortlist_that_falls_short_never_reaches_the_target)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  static const char *const land[] = {"x-charge", "x-cath", NULL};
  g_autoptr(CmPlan) p = fx_plan(ds, land, 0);
  /* exactly the given ones, in that order: 100 + 25 = 125, + 20 = 145 < 196 */
  expect_steps(ds, p, land);
  cr_expect(p->landed);
  cr_expect_float_eq(step(p, 0)->ratio_after, 125.0 / 245.0, FX_EPS);
  cr_expect_float_eq(p->ratio_after, 145.0 / 245.0, FX_EPS);
  cr_expect_not(p->reaches_target);
}

Test(plan, shortlist_keeps_going_past_the_target)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  static const char *const land[] = {"x-cell", "x-elec", "x-ess", "x-cath", NULL};
  g_autoptr(CmPlan) p = fx_plan(ds, land, 0);
  expect_steps(ds, p, land); /* 200 reaches 196 at the third; the fourth is still taken */
  cr_expect_float_eq(p->ratio_after, 220.0 / 245.0, FX_EPS);
  cr_expect(p->reaches_target);
}

Test(plan, landing_an_enterprise_that_sells_the_leaders_nothing_gains_nothing)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  static const char *const land[] = {"x-ev", NULL}; /* signed, not counted */
  g_autoptr(CmPlan) p = fx_plan(ds, land, 0);
  cr_expect_float_eq(step(p, 0)->gain, 0.0, FX_EPS);
  cr_expect_eq(step(p, 0)->n_segments, 0u);
  cr_expect_float_eq(p->ratio_after, 100.0 / 245.0, FX_EPS);
}

Test(plan, local_or_repeated_enterprise_cannot_be_landed)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  CmAnalysisOptions o = fx_options(ds, NULL, 0);
  g_autoptr(GError) error = NULL;
  guint32 local[] = {fx_enterprise(ds, "cellco")};
  cr_expect_null(cm_plan_compute(ds, &o, local, 1, &error));
  cr_expect(g_error_matches(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_INVALID));
  cr_expect(strstr(error->message, "cellco") != NULL, "%s", error->message);
  g_clear_error(&error);
  guint32 twice[] = {fx_enterprise(ds, "x-cell"), fx_enterprise(ds, "x-cell")};
  cr_expect_null(cm_plan_compute(ds, &o, twice, 2, &error));
  cr_expect(g_error_matches(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_INVALID));
}

/* L1 buys 50 from local loc, 25 each from zeta and alpha (zeta first in the file) and 0 from
 * solo: L0 = 50, T = 100; with t = 0.75, t T = 75. */
#define TIE_SEGMENTS "id,tier\ncell,midstream\nfoil,upstream\nsalt,upstream\n"
#define TIE_ENTERPRISES                                                                            \
  "id,region,segments,role\nL1,Home/City,cell,leader\nL2,Home/City/East,cell,leader\n"             \
  "zeta,Other/A,foil,\nalpha,Other/B,foil,\nloc,Home/City,salt,\nsolo,Far/Away,salt,\n"
#define TIE_SUPPLY                                                                                 \
  "supplier,buyer,segment,value\nzeta,L1,foil,25\nalpha,L1,foil,25\nloc,L1,salt,50\n"              \
  "solo,L1,salt,0\n"
#define INI(target)                                                                                \
  "[dataset]\nname=T\nregion=Home/City\nunit=u\n[analysis]\nprocurement_target=" target "\n"

Test(plan, reaching_the_target_exactly_stops_the_path)
{
  g_autoptr(CmDataset) ds = fx_load_text(INI("0.75"), TIE_SEGMENTS, TIE_ENTERPRISES, TIE_SUPPLY);
  g_autoptr(CmPlan) p = fx_plan(ds, NULL, 0);
  /* alpha and zeta tie at 25: alpha by id; 50 + 25 = 75 = t T exactly: reached, stop */
  static const char *const want[] = {"alpha", NULL};
  expect_steps(ds, p, want);
  cr_expect_float_eq(p->ratio_after, 0.75, FX_EPS);
  cr_expect(p->reaches_target);
  cr_expect_float_eq(p->needed, 25.0, FX_EPS);
  cr_expect_eq(p->candidates, 3u); /* zeta, alpha and solo (a zero-value row is still a sale) */
}

Test(plan, full_target_path_and_a_zero_value_seller_landed)
{
  g_autoptr(CmDataset) ds = fx_load_text(INI("1"), TIE_SEGMENTS, TIE_ENTERPRISES, TIE_SUPPLY);
  g_autoptr(CmPlan) p = fx_plan(ds, NULL, 0);
  /* t T = 100: alpha 75, zeta 100 reaches; solo (0) is not needed */
  static const char *const want[] = {"alpha", "zeta", NULL};
  expect_steps(ds, p, want);
  cr_expect(p->reaches_target);
  static const char *const land[] = {"solo", NULL};
  g_autoptr(CmPlan) q = fx_plan(ds, land, 0);
  cr_expect_float_eq(step(q, 0)->gain, 0.0, FX_EPS);
  cr_expect_eq(step(q, 0)->n_segments, 1u); /* salt, though it sold it for 0 */
}

Test(plan, target_met_already_needs_no_step)
{
  g_autoptr(CmDataset) ds = fx_load_text(INI("0.5"), TIE_SEGMENTS, TIE_ENTERPRISES, TIE_SUPPLY);
  g_autoptr(CmPlan) p = fx_plan(ds, NULL, 0);
  cr_expect_eq(p->steps->len, 0u);
  cr_expect_float_eq(p->needed, 0.0, FX_EPS);
  cr_expect(p->reaches_target);
  cr_expect_float_eq(p->ratio_after, 0.5, FX_EPS); /* the leaders' ratio */
}

Test(plan, no_purchases_means_no_ratio_and_no_path)
{
  g_autoptr(CmDataset) ds = fx_load("nosupply");
  g_autoptr(CmPlan) p = fx_plan(ds, NULL, 0);
  cr_expect_eq(p->leaders->len, 2u);
  cr_expect_not(p->has_ratio);
  cr_expect_eq(p->steps->len, 0u);
  cr_expect_not(p->reaches_target);
  cr_expect_not(p->has_ratio_after);
}
