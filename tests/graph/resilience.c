/* Resilience of the leaders' supply (SPEC section 2) on tests/data/graph/fixture (rows listed in
 * tests/graph/procurement.c) and on small inline datasets. Counted rows bought by the counted
 * local leaders lead-a and lead-b, all years (L = local supplier; province = first part of the
 * region):
 *   lead-a cell:        cellco 12 L (Home)                           single source
 *   lead-a ess:         x-ess 18 (Home)                              single source
 *   lead-b cathode:     cathco 40 L (Home), x-cath 20 (Other)        V 60
 *   lead-b electrolyte: x-elec 30 (Home; Home/Cityx is not local)    single source
 *   lead-b separator:   sep-a 20 L                                   single source
 *   lead-b cell:        cellco 28 L (Home), x-cell 40 (Other)        V 68
 *   lead-b ess:         x-ess 7 + 5 = 12                             single source
 *   lead-b charging:    x-charge 25                                  single source
 * (anode-new -> lead-b and ev-local -> lead-b do not count: construction, signed.) */
#include "cm_resilience.h"
#include "fixture.h"

#include <criterion/criterion.h>

static CmResilience *
fx_resilience(const CmDataset *ds, const char *scenario, gint32 year)
{
  CmAnalysisOptions o = fx_options(ds, scenario, year);
  g_autoptr(GError) error = NULL;
  CmResilience *r = cm_resilience_compute(ds, &o, &error);
  cr_assert_not_null(r, "resilience failed: %s", error ? error->message : "?");
  return r;
}

static const CmResiliencePair *
pair(const CmDataset *ds, const CmResilience *r, const char *leader, const char *segment)
{
  const CmResiliencePair *p =
      cm_resilience_find(r, fx_enterprise(ds, leader), fx_segment(ds, segment));
  cr_assert_not_null(p, "no pair %s %s", leader, segment);
  return p;
}

static const CmResilienceSupplier *
supplier_at(const CmResilience *r, guint k)
{
  cr_assert_lt(k, r->suppliers->len);
  return &g_array_index(r->suppliers, CmResilienceSupplier, k);
}

Test(resilience, pairs_are_leaders_in_file_order_then_segments_in_template_order)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  static const char want[][2][16] = {
      {"lead-a", "cell"},      {"lead-a", "ess"},  {"lead-b", "cathode"}, {"lead-b", "electrolyte"},
      {"lead-b", "separator"}, {"lead-b", "cell"}, {"lead-b", "ess"},     {"lead-b", "charging"},
  };
  cr_assert_eq(r->pairs->len, G_N_ELEMENTS(want));
  for (guint k = 0; k < G_N_ELEMENTS(want); k++) {
    const CmResiliencePair *p = &g_array_index(r->pairs, CmResiliencePair, k);
    cr_expect_str_eq(cm_dataset_enterprise(ds, p->leader)->id, want[k][0], "pair %u", k);
    cr_expect_str_eq(cm_dataset_segment(ds, p->segment)->id, want[k][1], "pair %u", k);
  }
}

Test(resilience, single_source_has_hhi_one_and_its_supplier_on_top)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  const CmResiliencePair *p = pair(ds, r, "lead-b", "ess"); /* x-ess 7 + 5 */
  cr_expect_float_eq(p->value, 12.0, FX_EPS);
  cr_expect_eq(p->suppliers, 1u);
  cr_expect(cm_resilience_pair_single_source(p));
  cr_expect_float_eq(p->hhi, 1.0, FX_EPS);
  cr_expect_float_eq(p->region_hhi, 1.0, FX_EPS);
  cr_expect_float_eq(p->outside_share, 1.0, FX_EPS);
  cr_expect_str_eq(cm_dataset_enterprise(ds, p->top_supplier)->id, "x-ess");
  cr_expect_float_eq(p->top_share, 1.0, FX_EPS);
  const CmResiliencePair *local = pair(ds, r, "lead-a", "cell"); /* cellco, local */
  cr_expect_float_eq(local->outside_share, 0.0, FX_EPS);
  cr_expect(cm_resilience_single_source(r, fx_enterprise(ds, "lead-b"), fx_segment(ds, "ess")));
}

Test(resilience, two_suppliers_give_hhi_and_province_hhi)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  /* cathode: cathco 40 (Home), x-cath 20 (Other): shares 2/3, 1/3 -> (4 + 1) / 9 */
  const CmResiliencePair *c = pair(ds, r, "lead-b", "cathode");
  cr_expect_float_eq(c->value, 60.0, FX_EPS);
  cr_expect_eq(c->suppliers, 2u);
  cr_expect_not(cm_resilience_pair_single_source(c));
  cr_expect_float_eq(c->hhi, 5.0 / 9.0, FX_EPS);
  cr_expect_float_eq(c->region_hhi, 5.0 / 9.0, FX_EPS);
  cr_expect_float_eq(c->outside_share, 20.0 / 60.0, FX_EPS);
  cr_expect_str_eq(cm_dataset_enterprise(ds, c->top_supplier)->id, "cathco");
  cr_expect_float_eq(c->top_share, 40.0 / 60.0, FX_EPS);
  /* cell: cellco 28 ("Home / City / West": province Home), x-cell 40: (28² + 40²) / 68² */
  const CmResiliencePair *cell = pair(ds, r, "lead-b", "cell");
  cr_expect_float_eq(cell->hhi, (784.0 + 1600.0) / 4624.0, 1e-15);
  cr_expect_float_eq(cell->region_hhi, (784.0 + 1600.0) / 4624.0, 1e-15);
  cr_expect_str_eq(cm_dataset_enterprise(ds, cell->top_supplier)->id, "x-cell");
  cr_expect_not(
      cm_resilience_single_source(r, fx_enterprise(ds, "lead-b"), fx_segment(ds, "cell")));
}

Test(resilience, summary_counts_single_source_pairs_and_their_value)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  /* single: lead-a cell 12, ess 18; lead-b electrolyte 30, separator 20, ess 12, charging 25 */
  cr_expect_eq(r->single_source, 6u);
  cr_expect_float_eq(r->single_source_value, 117.0, FX_EPS);
  cr_expect_float_eq(r->value, 245.0, FX_EPS); /* the leaders' total of procurement */
}

Test(resilience, supplier_that_is_sole_source_of_two_leaders_carries_both)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  const CmResilienceSupplier *s = supplier_at(r, 1); /* x-ess: lead-a ess 18, lead-b ess 12 */
  cr_assert_str_eq(cm_dataset_enterprise(ds, s->enterprise)->id, "x-ess");
  cr_expect_float_eq(s->leaders_value, 30.0, FX_EPS);
  cr_expect_float_eq(s->sole_value, 30.0, FX_EPS);
  cr_expect_eq(s->pairs, 2u);
  cr_expect_eq(s->sole_pairs, 2u);
  cr_expect_not(s->local);
}

Test(resilience, suppliers_rank_by_sole_value_then_leaders_value_then_id)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  /* sole: x-elec 30 and x-ess 30 tie on both figures -> id; x-charge 25, sep-a 20, cellco 12
   * (of 40); then sole 0: cathco 40 and x-cell 40 tie -> id; x-cath 20 */
  static const char want[][16] = {"x-elec", "x-ess",  "x-charge", "sep-a",
                                  "cellco", "cathco", "x-cell",   "x-cath"};
  cr_assert_eq(r->suppliers->len, G_N_ELEMENTS(want));
  for (guint k = 0; k < G_N_ELEMENTS(want); k++)
    cr_expect_str_eq(cm_dataset_enterprise(ds, supplier_at(r, k)->enterprise)->id, want[k],
                     "supplier %u", k);
  const CmResilienceSupplier *cellco = supplier_at(r, 4);
  cr_expect_float_eq(cellco->leaders_value, 40.0, FX_EPS); /* 12 sole + 28 shared */
  cr_expect_float_eq(cellco->sole_value, 12.0, FX_EPS);
  cr_expect_eq(cellco->pairs, 2u);
  cr_expect_eq(cellco->sole_pairs, 1u);
  cr_expect(cellco->local);
}

Test(resilience, year_and_scenario_filter_the_rows)
{
  g_autoptr(CmDataset) ds = fx_load("fixture");
  /* 2023: x-cath -> lead-b cathode 20, x-ess -> lead-b ess 7: two single sources */
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 2023);
  cr_expect_eq(r->pairs->len, 2u);
  cr_expect_eq(r->single_source, 2u);
  cr_expect_float_eq(r->value, 27.0, FX_EPS);
  /* with construction, anode-new -> lead-b anode 5 counts: a ninth pair, single source */
  g_autoptr(CmResilience) c = fx_resilience(ds, "operating,construction", 0);
  cr_expect_eq(c->pairs->len, 9u);
  cr_expect(cm_resilience_single_source(c, fx_enterprise(ds, "lead-b"), fx_segment(ds, "anode")));
}

/* zeta is before alpha in the file; both sell L1 foil for 25; solo sells it salt for 0. */
#define TIE_INI "[dataset]\nname=T\nregion=Home/City\nunit=u\n[analysis]\nprocurement_target=0.75\n"
#define TIE_SEGMENTS "id,tier\ncell,midstream\nfoil,upstream\nsalt,upstream\n"
#define TIE_ENTERPRISES                                                                            \
  "id,region,segments,role\nL1,Home/City,cell,leader\nL2,Home/City/East,cell,leader\n"             \
  "zeta,Other/A,foil,\nalpha,Other/B,foil,\nloc,Home/City,salt,\nsolo,Far/Away,salt,\n"
#define TIE_SUPPLY                                                                                 \
  "supplier,buyer,segment,value\nzeta,L1,foil,25\nalpha,L1,foil,25\nloc,L1,salt,50\n"              \
  "solo,L1,salt,0\n"

Test(resilience, tie_for_top_supplier_goes_to_the_first_in_the_file)
{
  g_autoptr(CmDataset) ds = fx_load_text(TIE_INI, TIE_SEGMENTS, TIE_ENTERPRISES, TIE_SUPPLY);
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  const CmResiliencePair *foil = pair(ds, r, "L1", "foil");
  cr_expect_str_eq(cm_dataset_enterprise(ds, foil->top_supplier)->id, "zeta");
  cr_expect_float_eq(foil->top_share, 0.5, FX_EPS);
  cr_expect_float_eq(foil->hhi, 0.5, FX_EPS);        /* 0.25 + 0.25 */
  cr_expect_float_eq(foil->region_hhi, 1.0, FX_EPS); /* Other/A and Other/B: one province */
}

Test(resilience, zero_value_supplier_is_no_source)
{
  g_autoptr(CmDataset) ds = fx_load_text(TIE_INI, TIE_SEGMENTS, TIE_ENTERPRISES, TIE_SUPPLY);
  g_autoptr(CmResilience) r = fx_resilience(ds, NULL, 0);
  /* salt: loc 50 and solo 0: only X with v_X > 0 count, so loc is the single source */
  const CmResiliencePair *salt = pair(ds, r, "L1", "salt");
  cr_expect_eq(salt->suppliers, 1u);
  cr_expect_str_eq(cm_dataset_enterprise(ds, salt->top_supplier)->id, "loc");
  cr_expect_eq(r->suppliers->len, 3u); /* zeta, alpha, loc: solo is none */
  /* L2 buys nothing: no pair of it */
  cr_expect_null(cm_resilience_find(r, fx_enterprise(ds, "L2"), fx_segment(ds, "salt")));
}

Test(resilience, region_province_is_the_first_part_trimmed)
{
  static const char cases[][2][32] = {
      {"Fujian/Ningde/Fu'an", "Fujian"}, {" Home / City ", "Home"}, {"Tianjin", "Tianjin"}};
  for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
    g_autofree char *p = cm_region_province(cases[k][0]);
    cr_expect_str_eq(p, cases[k][1]);
  }
}
