/* The dataset through the public API only (<chainmap/chainmap.h>, the exported accessors, not
 * the tree's inline ones), on the tiny dataset of tests/data/cli/tiny (its tables, read by hand:
 * 7 segments, 6 enterprises, 3 supply rows). */
#include <chainmap/chainmap.h>
#include <criterion/criterion.h>
#include <string.h>

Test(public_api, dataset_accessors_read_the_tables)
{
  cm_init();
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = cm_dataset_load(CM_TEST_DATA "/cli/tiny", diags, &error);
  cr_assert_not_null(ds, "%s", error ? error->message : "");
  cr_expect_str_eq(cm_dataset_name(ds), "Tiny 小链");
  cr_expect_str_eq(cm_dataset_region(ds), "R");
  cr_expect_str_eq(cm_dataset_unit(ds), "亿元");
  cr_expect_eq(cm_dataset_params(ds)->min_producers, 2);
  cr_expect_eq(cm_dataset_params(ds)->procurement_target, 0.8);
  cr_expect_eq(cm_dataset_params(ds)->scenario, CM_PROJECT_OPERATING);

  /* segments.csv: ore salt sep cell pack ship misc; cell's inputs are salt;sep */
  cr_assert_eq(cm_dataset_n_segments(ds), 7);
  const CmSegment *cell = cm_dataset_segment(ds, 3);
  cr_expect_str_eq(cell->id, "cell");
  cr_expect_str_eq(cell->name, "电芯 Cell");
  cr_expect_eq(cell->tier, CM_TIER_MIDSTREAM);
  cr_assert_eq(cell->n_inputs, 2);
  cr_expect_eq(cm_dataset_segment_inputs(ds, cell)[0], 1);
  cr_expect_eq(cm_dataset_segment_inputs(ds, cell)[1], 2);
  cr_expect_eq(cm_dataset_find_segment(ds, "pack"), 4);
  cr_expect_eq(cm_dataset_find_segment(ds, "nothing"), -1);

  /* enterprises.csv: lead c2 out1 out2 out3 out4; c2 makes cell;pack; lead is the leader (链主) */
  cr_assert_eq(cm_dataset_n_enterprises(ds), 6);
  const CmEnterprise *c2 = cm_dataset_enterprise(ds, 1);
  cr_expect_str_eq(c2->id, "c2");
  cr_assert_eq(c2->n_segments, 2);
  cr_expect_eq(cm_dataset_enterprise_segments(ds, c2)[0], 3);
  cr_expect_eq(cm_dataset_enterprise_segments(ds, c2)[1], 4);
  cr_expect(cm_enterprise_produces(ds, c2, 4));
  cr_expect_not(cm_enterprise_produces(ds, c2, 0));
  cr_expect(cm_dataset_enterprise(ds, 0)->leader);
  cr_expect(cm_dataset_enterprise(ds, 0)->local);
  cr_expect_not(cm_dataset_enterprise(ds, 2)->local); /* out1 is in Jiangxi */
  cr_expect_eq(cm_dataset_find_enterprise(ds, "out4"), 5);

  /* supply.csv: out1 -> lead salt 30 (2024), c2 -> lead cell 10, out2 -> lead sep 10 (2023) */
  cr_expect(cm_dataset_has_supply(ds));
  cr_assert_eq(cm_dataset_n_supply_rows(ds), 3);
  const CmSupply *row = cm_dataset_supply_row(ds, 0);
  cr_expect_eq(row->supplier, 2);
  cr_expect_eq(row->buyer, 0);
  cr_expect_eq(row->segment, 1);
  cr_expect_eq(row->value, 30);
  cr_expect_eq(row->year, 2024);
  cr_expect_eq(cm_dataset_supply_row(ds, 2)->year, 2023);

  cr_expect_not_null(cm_dataset_template(ds));
  cr_expect_eq(cm_dataset_extra_columns(ds, CM_DATASET_ENTERPRISES)->n, 0);
  cr_expect_null(cm_dataset_extra_field(ds, CM_DATASET_ENTERPRISES, 0, 0));
}

Test(public_api, extra_columns_and_their_values)
{
  /* samples/ningde-lithium/enterprises.csv has one column beyond SPEC's (and name_en): note */
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(CmDataset) ds = cm_dataset_load(CM_SOURCE_DIR "/samples/ningde-lithium", diags, NULL);
  cr_assert_not_null(ds);
  const CmExtraColumns *cols = cm_dataset_extra_columns(ds, CM_DATASET_ENTERPRISES);
  cr_assert_eq(cols->n, 1);
  cr_expect_str_eq(cols->names[0], "note");
  gint64 catl = cm_dataset_find_enterprise(ds, "catl");
  cr_assert_geq(catl, 0);
  cr_expect_str_eq(cm_dataset_extra_field(ds, CM_DATASET_ENTERPRISES, (guint)catl, 0),
                   "Headquarters, Zhangwan and Huxi bases");
}

Test(public_api, language_is_chosen_through_the_public_header)
{
  CmLang lang = CM_LANG_EN;
  cr_expect(cm_lang_parse("ZH", &lang));
  cr_expect_eq(lang, CM_LANG_ZH);
  cr_expect_not(cm_lang_parse("fr", &lang));
  cm_lang_set(CM_LANG_ZH);
  cr_expect_eq(cm_lang_get(), CM_LANG_ZH);
  cr_expect_str_eq(cm_lang_code(cm_lang_get()), "zh");
  cm_lang_set(CM_LANG_EN);
  cr_expect_str_eq(cm_lang_code(cm_lang_get()), "en");
}

Test(public_api, display_names_follow_the_language)
{
  /* samples/ningde-lithium: [dataset] name 宁德锂电池产业链, name_en Ningde lithium battery chain;
   * enterprise catl is 宁德时代, name_en CATL (dataset.ini and enterprises.csv, read by hand) */
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(CmDataset) ds = cm_dataset_load(CM_SOURCE_DIR "/samples/ningde-lithium", diags, NULL);
  cr_assert_not_null(ds);
  cr_expect_str_eq(cm_dataset_name_en(ds), "Ningde lithium battery chain");
  gint64 i = cm_dataset_find_enterprise(ds, "catl");
  cr_assert_geq(i, 0);
  const CmEnterprise *catl = cm_dataset_enterprise(ds, (guint)i);
  cr_expect_str_eq(catl->name_en, "CATL");
  cm_lang_set(CM_LANG_EN);
  cr_expect_str_eq(cm_dataset_display_name(ds), "Ningde lithium battery chain");
  cr_expect_str_eq(cm_enterprise_display_name(catl), "CATL");
  cm_lang_set(CM_LANG_ZH);
  cr_expect_str_eq(cm_dataset_display_name(ds), "宁德锂电池产业链");
  cr_expect_str_eq(cm_enterprise_display_name(catl), "宁德时代");
  cm_lang_set(CM_LANG_EN);
}
