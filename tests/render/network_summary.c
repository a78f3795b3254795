/* The summarised network view (graph/network_summary.c): merged suppliers, the cap, tiers that
 * flow one way, totals that stay those of `procurement`.
 *
 * The fixture (region Here): leader L buys m1 from a 10, b 8, c 3 (local) and x 20, y 5, z 2
 * (outside): 48 in all, 21 local; and m2 from x 4. a buys m0 from x 6, b buys m0 from w 7
 * (outside, sells to nobody else). Ranked by value, m1's
 * suppliers are x 20, a 10, b 8, y 5, c 3, z 2. */
#include "cm_network_summary.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <string.h>

static const char *const ents = "id,region,segments,role\n"
                                "L,Here,prod,leader\n"
                                "a,Here,m1;m0,\n"
                                "b,Here/East,m1,\n"
                                "c,Here,m1,\n"
                                "x,There,m1;m2;m0,\n"
                                "y,There,m1,\n"
                                "z,Elsewhere,m1,\n"
                                "w,There,m0,\n";
static const char *const supply = "supplier,buyer,segment,value\n"
                                  "a,L,m1,10\nb,L,m1,8\nc,L,m1,3\n"
                                  "x,L,m1,20\ny,L,m1,5\nz,L,m1,2\n"
                                  "x,L,m2,4\nx,a,m0,6\nw,b,m0,7\n";

typedef struct {
  CmDataset *ds;
  CmNetwork *net;
} Fixture;

static Fixture
fixture(void)
{
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load_text("[dataset]\nname=f\nregion=Here\nunit=u\n",
                                    "id,tier,inputs\nm0,upstream,\nm1,midstream,m0\n"
                                    "m2,midstream,\nprod,downstream,m1;m2\n",
                                    ents, supply, &diags);
  cr_assert(ds != NULL, "%s", cm_test_dump_diags(diags));
  cm_diagnostics_free(diags);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmNetwork *net = cm_network_new(ds, &options, NULL);
  cr_assert(net != NULL);
  return (Fixture){ds, net};
}

static void
fixture_clear(Fixture *f)
{
  cm_network_free(f->net);
  cm_dataset_free(f->ds);
}

static CmNetworkSummary *
summary(const Fixture *f, const char *focus, guint depth, guint top, guint cap)
{
  CmSummaryLimits limits;
  cm_summary_limits_init(&limits);
  limits.top = top;
  limits.max_enterprises = cap;
  return cm_network_summary_new(f->net, cm_dataset_find_enterprise(f->ds, focus), depth, &limits);
}

/* The view material of segment seg bought by buyer. */
static guint
material_of(const Fixture *f, const CmNetworkSummary *s, const char *seg, const char *buyer)
{
  for (guint i = 0; i < s->materials->len; i++) {
    const CmViewMaterial *m = &g_array_index(s->materials, CmViewMaterial, i);
    const CmViewEnterprise *b = &g_array_index(s->enterprises, CmViewEnterprise, m->buyer);
    if (m->material >= 0 && m->segment == (guint32)cm_dataset_find_segment(f->ds, seg) &&
        b->enterprise == (guint32)cm_dataset_find_enterprise(f->ds, buyer))
      return i;
  }
  cr_assert_fail("no material %s@%s", seg, buyer);
  return 0;
}

/* "x a M:local:3:21 M:outside:2:7": the supplies of a material, drawn ones by id. */
static char *
supplies_of(const Fixture *f, const CmNetworkSummary *s, guint material)
{
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < s->supplies->len; i++) {
    const CmViewSupply *x = &g_array_index(s->supplies, CmViewSupply, i);
    if (x->material != material)
      continue;
    if (out->len)
      g_string_append_c(out, ' ');
    if (x->kind == CM_VIEW_MERGED)
      g_string_append_printf(out, "M:%s:%u:%g", x->local ? "local" : "outside", x->count, x->value);
    else
      g_string_append_printf(
          out, "%s%s", x->kind == CM_VIEW_REPEAT ? "R:" : "",
          cm_dataset_enterprise(
              f->ds, g_array_index(s->enterprises, CmViewEnterprise, x->enterprise).enterprise)
              ->id);
  }
  return g_string_free(out, FALSE);
}

Test(network_summary, the_rest_of_a_material_is_merged_per_side_with_its_count_and_value)
{
  Fixture f = fixture();
  static const struct {
    guint top;
    const char *m1;
  } cases[] = {
      /* top 1: x; local a 10 + b 8 + c 3 = 21 (3 suppliers), outside y 5 + z 2 = 7 (2) */
      {1, "x M:local:3:21 M:outside:2:7"},
      {2, "x a M:local:2:11 M:outside:2:7"},
      /* top 3: c is the only local one left: drawn, not merged as "+1 more" */
      {3, "x a b c M:outside:2:7"},
      /* top 4: c and z are each alone on their side: all drawn */
      {4, "x a b y c z"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autoptr(CmNetworkSummary) s = summary(&f, "L", 1, cases[i].top, 100);
    g_autofree char *got = supplies_of(&f, s, material_of(&f, s, "m1", "L"));
    cr_expect_str_eq(got, cases[i].m1, "top %u", cases[i].top);
    cr_expect_eq(s->top, cases[i].top);
  }
  fixture_clear(&f);
}

Test(network_summary, merged_or_not_the_figures_add_up_to_procurement)
{
  Fixture f = fixture();
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, f.ds);
  g_autoptr(CmProcurement) p = cm_procurement_compute(f.ds, &options, NULL);
  cr_assert(p != NULL);
  /* procurement of L: 48 + 4 = 52 in all, 21 local (the first buyer: leaders come first) */
  const CmBuyerProcurement *l = &g_array_index(p->buyers, CmBuyerProcurement, 0);
  cr_assert_float_eq(l->total, 52, 1e-9);
  for (guint top = 1; top <= 6; top++) {
    g_autoptr(CmNetworkSummary) s = summary(&f, "L", 2, top, 100);
    double supplied = 0, total = 0, local = 0;
    for (guint i = 0; i < s->materials->len; i++) {
      const CmViewMaterial *m = &g_array_index(s->materials, CmViewMaterial, i);
      if (g_array_index(s->enterprises, CmViewEnterprise, m->buyer).tier != 0)
        continue;
      total += m->total;
      local += m->local;
      for (guint k = 0; k < s->supplies->len; k++) {
        const CmViewSupply *x = &g_array_index(s->supplies, CmViewSupply, k);
        if (x->material == i)
          supplied += x->value;
      }
    }
    cr_expect_float_eq(total, l->total, 1e-9, "top %u", top);
    cr_expect_float_eq(local, l->local, 1e-9, "top %u", top);
    cr_expect_float_eq(supplied, l->total, 1e-9, "arrows add up, top %u", top);
  }
  fixture_clear(&f);
}

Test(network_summary, the_cap_picks_the_most_suppliers_per_material_that_fit)
{
  Fixture f = fixture();
  /* cap 3: top 5, 4 and 3 draw 7, 7 and 5 enterprises (L included); top 2 draws L, x, a */
  g_autoptr(CmNetworkSummary) s = summary(&f, "L", 1, 0, 3);
  cr_expect_eq(s->top, 2);
  cr_expect_eq(s->enterprises->len, 3);
  /* no cap to speak of: the most tried, 5 */
  g_autoptr(CmNetworkSummary) wide = summary(&f, "L", 1, 0, 100);
  cr_expect_eq(wide->top, CM_SUMMARY_DEFAULT_TOP);
  fixture_clear(&f);
}

Test(network_summary, upstream_tiers_flow_one_way_and_a_cycle_becomes_a_repeat)
{
  Fixture f = fixture();
  /* depth 2, all drawn: x is a direct supplier of L (tier 1) and also sells m0 to a (tier 1):
   * an arrow from x to a's m0 would run back, so it is a repeat */
  g_autoptr(CmNetworkSummary) s = summary(&f, "L", 2, 6, 100);
  g_autofree char *m0 = supplies_of(&f, s, material_of(&f, s, "m0", "a"));
  cr_expect_str_eq(m0, "R:x");
  for (guint k = 0; k < s->supplies->len; k++) {
    const CmViewSupply *x = &g_array_index(s->supplies, CmViewSupply, k);
    if (x->kind != CM_VIEW_SUPPLIER)
      continue;
    const CmViewMaterial *m = &g_array_index(s->materials, CmViewMaterial, x->material);
    guint from = g_array_index(s->enterprises, CmViewEnterprise, x->enterprise).tier;
    guint to = g_array_index(s->enterprises, CmViewEnterprise, m->buyer).tier;
    cr_expect_eq(from, to + 1, "every drawn arrow goes one tier down the flow");
  }
  fixture_clear(&f);
}

Test(network_summary, a_buyer_over_the_cap_keeps_its_purchases_as_one_figure)
{
  Fixture f = fixture();
  /* depth 2, top 6: tier 1 is x a b y c z, 7 enterprises with L. a's m0 from x is a repeat (no
   * new enterprise); b's m0 brings w: 8. Cap 8: everything expands. */
  g_autoptr(CmNetworkSummary) all = summary(&f, "L", 2, 6, 8);
  cr_expect_eq(all->enterprises->len, 8);
  cr_expect_eq(all->buyers_summarised, 0);
  /* cap 7: b's expansion would make 8, so b shows its 7 from 1 supplier (0 local) as a figure */
  g_autoptr(CmNetworkSummary) s = summary(&f, "L", 2, 6, 7);
  cr_expect_eq(s->enterprises->len, 7);
  cr_expect_eq(s->buyers_summarised, 1);
  gint64 b = cm_network_summary_find(s, (guint32)cm_dataset_find_enterprise(f.ds, "b"));
  cr_assert(b >= 0);
  const CmViewEnterprise *vb = &g_array_index(s->enterprises, CmViewEnterprise, b);
  cr_expect(!vb->expanded);
  cr_expect_eq(vb->hidden_suppliers, 1);
  cr_expect_float_eq(vb->hidden_total, 7, 1e-9);
  cr_expect_float_eq(vb->hidden_local, 0, 1e-9);
  fixture_clear(&f);
}

Test(network_summary, a_segment_bought_by_two_drawn_buyers_names_its_buyer)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      "[dataset]\nname=f\nregion=Here\nunit=u\n", "id,tier\ns,upstream\nt,downstream\n",
      "id,region,segments\nA,Here,t\nB,Here,t\nS,There,s\n",
      "supplier,buyer,segment,value\nS,A,s,1\nS,B,s,2\n", &diags);
  cr_assert(ds != NULL, "%s", cm_test_dump_diags(diags));
  cm_diagnostics_free(diags);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(CmNetwork) net = cm_network_new(ds, &options, NULL);
  CmSummaryLimits limits;
  cm_summary_limits_init(&limits);
  g_autoptr(CmNetworkSummary) whole = cm_network_summary_new(net, -1, 1, &limits);
  cr_assert_eq(whole->materials->len, 2, "s@A and s@B");
  for (guint i = 0; i < 2; i++)
    cr_expect(g_array_index(whole->materials, CmViewMaterial, i).ambiguous);
  g_autoptr(CmNetworkSummary) one = cm_network_summary_new(net, 0, 1, &limits);
  cr_expect_eq(one->materials->len, 1);
  cr_expect(!g_array_index(one->materials, CmViewMaterial, 0).ambiguous);
}

Test(network_summary, a_buyers_smallest_materials_merge_into_one)
{
  Fixture f = fixture();
  CmSummaryLimits limits;
  cm_summary_limits_init(&limits);
  limits.top = 6;
  limits.max_materials = 1;
  /* L buys m1 (48) and m2 (4): one material drawn would leave one to merge, which is no
   * summary: both stay */
  g_autoptr(CmNetworkSummary) s = cm_network_summary_new(f.net, 0, 1, &limits);
  cr_expect_eq(s->materials->len, 2);
  fixture_clear(&f);
}
