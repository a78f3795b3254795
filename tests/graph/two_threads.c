/* The analyses whose passes are split between two threads at national scale (targets, the
 * leaders' supply of plan and resilience, the ranking's ties), on the dataset of halves.h: every
 * figure follows from its formula, so a half that is lost, counted twice or put out of order
 * shows.
 *
 * Targets: every supplier x_i, priority 1, fills [up] (even i) or [up, up2] (odd), serves [lead];
 * value and buyers as halves.h says; the leaders bought sum_i (i % 7 + 1) = 1428 * 28 + (1 + 2 + 3
 * + 4) = 39 994 (10 000 = 7 * 1428 + 4). The largest value is 7 * 50 + 7 = 357 (i % 50 == 49, i % 7
 * == 6: i = 349 + 350 k), so x00349 then x00699 lead the ranking. Plan: the leaders' local share is
 * 0 of 39 994; 80% is 31 995.2. Gains by i % 7: 7 (1428 suppliers), 6 (1428), 5 (1428), 4 (1429),
 * then 3: 9996 + 8568 + 7140 + 5716 = 31 420, and 575.2 more takes 192 suppliers of gain 3 (191 * 3
 * = 573 is short): 3 * 1428 + 1429 + 192 = 5905 steps, from x00006 (the first of gain 7) to x01339
 * (= 2 + 7 * 191, the 192nd of gain 3); the last of gain 7 is x09995 (step 1428). */
#include "cm_plan.h"
#include "fixture.h"
#include "halves.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static guint
supplier_number(const CmDataset *ds, guint32 e)
{
  const char *id = cm_dataset_enterprise(ds, e)->id;
  cr_assert_eq(id[0], 'x', "%s is not a supplier", id);
  return (guint)strtoul(id + 1, NULL, 10);
}

Test(two_threads, every_target_has_its_figures)
{
  g_autoptr(CmDataset) ds = halves_load();
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  cr_assert_eq(t->targets->len, HALVES_SUPPLIERS);
  cr_expect_float_eq(t->leaders_total, 39994, FX_EPS);
  g_autofree guint8 *seen = g_new0(guint8, HALVES_SUPPLIERS);
  guint32 up = fx_segment(ds, "up"), up2 = fx_segment(ds, "up2"), lead = fx_enterprise(ds, "lead");
  for (guint k = 0; k < t->targets->len; k++) {
    const CmTarget *x = &g_array_index(t->targets, CmTarget, k);
    guint i = supplier_number(ds, x->enterprise);
    cr_assert_lt(i, HALVES_SUPPLIERS);
    cr_assert_not(seen[i]++, "x%05u is a target twice", i);
    cr_assert_eq(x->priority, 1, "x%05u priority %u", i, x->priority);
    cr_assert_float_eq(x->value_to_local, halves_value(i), FX_EPS, "x%05u value %g", i,
                       x->value_to_local);
    cr_assert_float_eq(x->leaders_gain, halves_leader_value(i), FX_EPS, "x%05u", i);
    cr_assert_eq(x->local_buyers, halves_buyers(i), "x%05u buyers %u", i, x->local_buyers);
    cr_assert_eq(x->n_fills, i % 2 ? 2 : 1, "x%05u", i);
    cr_assert_eq(cm_target_fills(t, x)[0], up, "x%05u", i);
    if (i % 2)
      cr_assert_eq(cm_target_fills(t, x)[1], up2, "x%05u", i);
    cr_assert_eq(x->n_leaders_served, 1, "x%05u", i);
    cr_assert_eq(cm_target_leaders_served(t, x)[0], lead, "x%05u", i);
  }
}

Test(two_threads, targets_rank_by_value_then_id)
{
  g_autoptr(CmDataset) ds = halves_load();
  g_autoptr(CmTargets) t = fx_targets(ds, NULL, 0);
  cr_assert_eq(t->targets->len, HALVES_SUPPLIERS);
  const CmTarget *x = (const CmTarget *)t->targets->data;
  cr_expect_str_eq(cm_dataset_enterprise(ds, x[0].enterprise)->id, "x00349");
  cr_expect_str_eq(cm_dataset_enterprise(ds, x[1].enterprise)->id, "x00699");
  cr_expect_float_eq(x[0].value_to_local, 357, FX_EPS);
  for (guint k = 1; k < t->targets->len; k++) {
    guint a = supplier_number(ds, x[k - 1].enterprise), b = supplier_number(ds, x[k].enterprise);
    /* value descending; equal values by id, which is the number's order (zero-padded) */
    cr_assert(halves_value(a) > halves_value(b) || (halves_value(a) == halves_value(b) && a < b),
              "rank %u: x%05u (%g) before x%05u (%g)", k, a, halves_value(a), b, halves_value(b));
  }
}

Test(two_threads, plan_lands_the_largest_gains_to_the_target)
{
  g_autoptr(CmDataset) ds = halves_load();
  CmAnalysisOptions o = fx_options(ds, NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmPlan) p = cm_plan_compute(ds, &o, NULL, 0, &error);
  cr_assert_not_null(p, "%s", error ? error->message : "?");
  cr_expect_float_eq(p->total, 39994, FX_EPS);
  cr_expect_float_eq(p->local, 0, FX_EPS);
  cr_assert_eq(p->steps->len, 5905);
  cr_expect(p->reaches_target);
  const CmPlanStep *s = (const CmPlanStep *)p->steps->data;
  cr_expect_str_eq(cm_dataset_enterprise(ds, s[0].enterprise)->id, "x00006");
  cr_expect_str_eq(cm_dataset_enterprise(ds, s[1427].enterprise)->id, "x09995");
  cr_expect_str_eq(cm_dataset_enterprise(ds, s[1428].enterprise)->id, "x00005");
  cr_expect_str_eq(cm_dataset_enterprise(ds, s[5904].enterprise)->id, "x01339");
  cr_expect_float_eq(s[5904].ratio_after, 31996.0 / 39994.0, 1e-15);
  for (guint k = 0; k < p->steps->len; k++) {
    guint i = supplier_number(ds, s[k].enterprise);
    cr_assert_float_eq(s[k].gain, halves_leader_value(i), FX_EPS, "step %u x%05u", k, i);
    cr_assert_eq(s[k].n_flows, 1, "step %u", k);
  }
}
