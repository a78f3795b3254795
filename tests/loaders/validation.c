/* The validation rules of SPEC section 1, one test per rule, each naming the exact file and line.
 * Datasets are built inline from MINI_* (loaders_test.h), changing one thing at a time. */
#include "cm_init.h"
#include "cm_loader.h"
#include "loaders_test.h"

#include <criterion/parameterized.h>
#include <string.h>

Test(validation, mini_dataset_loads_without_diagnostics)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
  cr_assert_eq(cm_dataset_n_segments(ds), 4);
  cr_assert_eq(cm_dataset_n_enterprises(ds), 3);
  cr_assert(ds->has_supply);
  cr_assert_eq(ds->supply->len, 2);
  const CmEnterprise *catl = cm_dataset_enterprise(ds, 0);
  cr_assert_str_eq(catl->id, "catl");
  cr_assert(catl->leader && catl->local && catl->has_output);
  cr_assert_float_eq(catl->output, 100.0, 1e-12);
  cr_assert_eq(catl->n_segments, 2);
  const CmEnterprise *tianqi = cm_dataset_enterprise(ds, 1);
  cr_assert(!tianqi->local && !tianqi->leader);
  cr_assert_eq(tianqi->status, CM_PROJECT_OPERATING, "an empty status means operating");
  const CmEnterprise *fusalt = cm_dataset_enterprise(ds, 2);
  cr_assert(fusalt->local, "Fujian/Ningde/Fuan lies in Fujian/Ningde");
  cr_assert_eq(fusalt->status, CM_PROJECT_CONSTRUCTION);
  const CmSegment *salt = cm_dataset_segment(ds, 1);
  cr_assert_eq(salt->n_inputs, 1);
  cr_assert_str_eq(cm_dataset_segment(ds, cm_dataset_segment_inputs(ds, salt)[0])->id, "ore");
  cr_assert_eq(salt->line, 3);
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->group, "", "an unset group is \"\"");
  const CmSupply *row = supply_row(ds, "tianqi", "catl", 2024);
  cr_assert_not_null(row);
  cr_assert_float_eq(row->value, 30.0, 1e-12);
  cr_assert_str_eq(cm_dataset_segment(ds, row->segment)->id, "salt");
}

Test(validation, dataset_with_an_error_is_refused_with_an_invalid_error)
{
  cm_init();
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) err = NULL;
  CmDatasetText text = {MINI_INI, MINI_SEGMENTS,
                        MINI_ENTERPRISES "bad,Bad,Fujian/Ningde,cell,,-1,\n", MINI_SUPPLY};
  CmDataset *ds = cm_dataset_load_text(&text, diags, &err);
  cr_assert_null(ds);
  cr_assert_not_null(err);
  cr_assert(g_error_matches(err, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID), "%s", err->message);
  assert_error(diags, "enterprises.csv", 5, "bad output '-1': negative numbers are not allowed");
}

Test(validation, warnings_alone_do_not_refuse_the_dataset)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "catl,catl,cell,1,\n", &diags);
  assert_counts(diags, 0, 1);
  cr_assert_not_null(ds);
}

/* ---- missing required columns, each table ---- */

Test(validation, segments_without_id_column_is_an_error_on_the_header_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("name,tier\nOre,upstream\n", MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 1, "missing required column 'id'");
}

Test(validation, segments_without_tier_column_is_an_error_on_the_header_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("\n\nid,name\nore,Ore\n", MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 3, "missing required column 'tier'");
}

Test(validation, unusable_segments_table_does_not_cascade_into_unknown_segment_errors)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load("name,tier\nOre,upstream\n", MINI_ENTERPRISES, MINI_SUPPLY, &diags);
  cr_assert_null(ds);
  assert_counts(diags, 1, 0);
}

Test(validation, enterprises_missing_each_required_column_is_named)
{
  static const char *const headers[][2] = {
      {"name,region,segments\nX,Fujian/Ningde,cell\n", "id"},
      {"id,segments\nx,cell\n", "region"},
      {"id,region\nx,Fujian/Ningde\n", "segments"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(headers); i++) {
    g_autoptr(CmDiagnostics) diags = NULL;
    g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, headers[i][0], NULL, &diags);
    cr_assert_null(ds);
    g_autofree char *needle = g_strdup_printf("missing required column '%s'", headers[i][1]);
    assert_error(diags, "enterprises.csv", 1, needle);
  }
}

Test(validation, enterprises_missing_two_columns_names_both)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, "id,name\nx,X\n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 1, "missing required column 'region'");
  assert_error(diags, "enterprises.csv", 1, "missing required column 'segments'");
}

Test(validation, optional_columns_may_be_absent)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("id,tier\nore,upstream\nsalt,upstream\n",
                                 "id,region,segments\nx,Fujian/Ningde,ore\ny,Beijing,salt\n",
                                 "supplier,buyer,value\ny,x,3\n", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->name, "ore", "name defaults to the id");
  cr_assert_str_eq(cm_dataset_enterprise(ds, 0)->name, "x");
  cr_assert(!cm_dataset_enterprise(ds, 0)->has_output);
  const CmSupply *row = supply_row(ds, "y", "x", CM_NO_YEAR);
  cr_assert_not_null(row, "a supplier with one segment needs no segment column");
  cr_assert_str_eq(cm_dataset_segment(ds, row->segment)->id, "salt");
}

/* ---- duplicate ids ---- */

Test(validation, duplicate_segment_id_names_both_lines)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS "ore,Ore again,upstream,,\n", MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 6, "duplicate segment id 'ore' (first defined at line 2)");
}

Test(validation, duplicate_enterprise_id_names_both_lines)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES "\ntianqi,T2,Beijing,ore,,,\n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 6,
               "duplicate enterprise id 'tianqi' (first defined at line 3)");
}

Test(validation, ids_are_trimmed_so_trailing_spaces_make_a_duplicate)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS "  cell  ,Cells 2,midstream,,\n", MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 6, "duplicate segment id 'cell' (first defined at line 4)");
}

Test(validation, ids_differing_in_case_are_distinct)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS "Cell,Cells 2,midstream,,\n", MINI_ENTERPRISES, NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_eq(cm_dataset_n_segments(ds), 5);
}

/* ---- unknown ids, with hints ---- */

Test(validation, unknown_segment_in_inputs_hints_the_close_id)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS "recycling,Recycling,downstream,,pack;sallt\n",
                                 MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 6, "unknown segment 'sallt' in inputs; did you mean 'salt'?");
  assert_counts(diags, 1, 0);
}

Test(validation, inputs_may_name_segments_defined_further_down)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("id,tier,inputs\ncell,midstream,salt\nsalt,upstream,\n",
                                 "id,region,segments\nx,Fujian/Ningde,cell\n", NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_eq(cm_dataset_segment(ds, 0)->n_inputs, 1);
}

Test(validation, unknown_segment_in_enterprise_segments_hints_the_close_id)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(
      MINI_SEGMENTS, MINI_ENTERPRISES "cellco,CellCo,Fujian/Ningde,cel;pack,,,\n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 5, "unknown segment 'cel'; did you mean 'cell'?");
}

/* ---- tier and status ---- */

Test(validation, bad_tier_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS "ev,EVs,end-user,,pack\n", MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 6, "bad tier 'end-user'");
}

Test(validation, chinese_and_capitalised_tiers_are_accepted)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("id,tier\na,上游\nb,中游\nc,下游\nd,Upstream\ne,DOWNSTREAM\n",
                                 "id,region,segments\nx,Fujian/Ningde,a\n", NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_eq(cm_dataset_segment(ds, 0)->tier, CM_TIER_UPSTREAM);
  cr_assert_eq(cm_dataset_segment(ds, 1)->tier, CM_TIER_MIDSTREAM);
  cr_assert_eq(cm_dataset_segment(ds, 2)->tier, CM_TIER_DOWNSTREAM);
  cr_assert_eq(cm_dataset_segment(ds, 3)->tier, CM_TIER_UPSTREAM);
  cr_assert_eq(cm_dataset_segment(ds, 4)->tier, CM_TIER_DOWNSTREAM);
}

Test(validation, bad_status_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(
      MINI_SEGMENTS, MINI_ENTERPRISES "newco,NewCo,Fujian/Ningde,pack,,,planned\n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 5, "bad status 'planned'");
}

Test(validation, statuses_are_case_insensitive)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(
      MINI_SEGMENTS, MINI_ENTERPRISES "newco,NewCo,Fujian/Ningde,pack,,,Signed\n", NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_eq(cm_dataset_enterprise(ds, 3)->status, CM_PROJECT_SIGNED);
}

Test(validation, leader_role_in_chinese_marks_a_leader)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES "byd,BYD,Fujian/Ningde,pack,链主,,\n", NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert(cm_dataset_enterprise(ds, 3)->leader);
  cr_assert(!cm_dataset_enterprise(ds, 2)->leader);
}

/* ---- numbers: output and value follow the grammar of cm_number_parse ---- */

typedef struct {
  char field[24]; /* as written in the CSV (quoted when it holds a comma) */
  char shown[24]; /* as the message quotes it */
  char reason[48];
} BadNumber;

static BadNumber bad_numbers[] = {
    {"nan", "nan", "not a decimal number"},
    {"inf", "inf", "not a decimal number"},
    {"-inf", "-inf", "not a decimal number"},
    {"1e999", "1e999", "out of range"},
    {"0x1p4", "0x1p4", "not a decimal number"},
    {"12abc", "12abc", "not a decimal number"},
    {"%", "%", "not a decimal number"},
    {"１２", "１２", "not a decimal number"},
    {"-5", "-5", "negative numbers are not allowed"},
    {"\"1,23\"", "1,23", "not a decimal number"},
    {"1.2.3", "1.2.3", "not a decimal number"},
    {"12 亿", "12 亿", "not a decimal number"},
};

ParameterizedTestParameters(validation, bad_output_is_an_error)
{
  return cr_make_param_array(BadNumber, bad_numbers, G_N_ELEMENTS(bad_numbers));
}

ParameterizedTest(BadNumber *c, validation, bad_output_is_an_error)
{
  g_autofree char *ent =
      g_strdup_printf(MINI_ENTERPRISES "newco,NewCo,Fujian/Ningde,pack,,%s,\n", c->field);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, ent, NULL, &diags);
  cr_assert_null(ds);
  g_autofree char *needle = g_strdup_printf("bad output '%s': %s", c->shown, c->reason);
  assert_error(diags, "enterprises.csv", 5, needle);
}

ParameterizedTestParameters(validation, bad_value_is_an_error)
{
  return cr_make_param_array(BadNumber, bad_numbers, G_N_ELEMENTS(bad_numbers));
}

ParameterizedTest(BadNumber *c, validation, bad_value_is_an_error)
{
  g_autofree char *sup = g_strdup_printf(MINI_SUPPLY "tianqi,catl,ore,%s,\n", c->field);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES, sup, &diags);
  cr_assert_null(ds);
  g_autofree char *needle = g_strdup_printf("bad value '%s': %s", c->shown, c->reason);
  assert_error(diags, "supply.csv", 4, needle);
}

Test(validation, numbers_with_separators_sign_and_exponent_are_read)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES "newco,NewCo,Fujian/Ningde,pack,,\"1,234.5\",\n",
           MINI_SUPPLY "tianqi,catl,ore,+2.5e1,\n", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_float_eq(cm_dataset_enterprise(ds, 3)->output, 1234.5, 1e-9);
  const CmSupply *row = supply_row(ds, "tianqi", "catl", CM_NO_YEAR);
  cr_assert_float_eq(row->value, 25.0, 1e-12); /* 2.5 * 10 */
}

/* ---- empty required fields ---- */

Test(validation, empty_required_segment_fields_are_errors)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS ",Nameless,upstream,,\nev,EVs, ,,pack\n", MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 6, "empty required field 'id'");
  assert_error(diags, "segments.csv", 7, "empty required field 'tier'");
}

Test(validation, empty_required_enterprise_fields_are_errors)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS,
                                 MINI_ENTERPRISES ",NoId,Fujian/Ningde,pack,,,\n"     /* 5 */
                                                  "a,A,,pack,,,\n"                    /* 6 */
                                                  "b,B,Fujian/Ningde,,,,\n"           /* 7 */
                                                  "c,C,Fujian/Ningde,\" ; ；\",,,\n", /* 8 */
                                 NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 5, "empty required field 'id'");
  assert_error(diags, "enterprises.csv", 6, "empty required field 'region'");
  assert_error(diags, "enterprises.csv", 7, "empty required field 'segments'");
  assert_error(diags, "enterprises.csv", 8, "empty required field 'segments'");
}

/* ---- graph-shaped data that is fine ---- */

Test(validation, template_cycles_are_not_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("id,tier,inputs\nore,upstream,recycling\nsalt,upstream,ore\n"
                                 "cell,midstream,salt\nrecycling,downstream,cell\n",
                                 "id,region,segments\nx,Fujian/Ningde,cell\n", NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
}

Test(validation, segment_listing_itself_as_input_is_not_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("id,tier,inputs\nore,upstream,ore\n",
                                 "id,region,segments\nx,Fujian/Ningde,ore\n", NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
}

/* ---- every problem in one run ---- */

Test(validation, every_problem_is_reported_in_one_run)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS "ev,EVs,retail,,pack\n"         /* 6 */
                                               "ore,Ore,upstream,,\n",         /* 7 */
                                 MINI_ENTERPRISES "a,A,Fujian/Ningde,pak,,,\n" /* 5 */
                                                  "b,B,Beijing,ore,,x,\n",     /* 6 */
                                 MINI_SUPPLY "zz,catl,salt,1,\n"               /* 4 */
                                             "tianqi,catl,salt,-1,\n",         /* 5 */
                                 &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 6, "bad tier 'retail'");
  assert_error(diags, "segments.csv", 7, "duplicate segment id 'ore'");
  assert_error(diags, "enterprises.csv", 5, "unknown segment 'pak'; did you mean 'pack'?");
  assert_error(diags, "enterprises.csv", 6, "bad output 'x'");
  assert_error(diags, "supply.csv", 4, "unknown enterprise 'zz'");
  assert_error(diags, "supply.csv", 5, "bad value '-1'");
  assert_counts(diags, 6, 0);
}

Test(validation, diagnostics_are_sorted_by_file_then_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  /* inputs are resolved after the whole table: the unknown input at line 3 is found last */
  g_autoptr(CmDataset) ds = load("id,tier,inputs\na,upstream,\nb,upstream,zzz\nc,bad,\n",
                                 "id,region,segments\nx,Fujian/Ningde,a\n", NULL, &diags);
  cr_assert_null(ds);
  cr_assert_eq(cm_diagnostics_len(diags), 2);
  cr_assert_eq(cm_diagnostics_get(diags, 0)->line, 3);
  cr_assert_eq(cm_diagnostics_get(diags, 1)->line, 4);
}

/* ---- ids holding Unicode spaces: not trimmed, but named ---- */

Test(validation, id_with_a_full_width_space_is_a_warning)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(
      MINI_SEGMENTS, MINI_ENTERPRISES "宁德新能源　,ATL,Fujian/Ningde,cell,,,\n", NULL, &diags);
  assert_counts(diags, 0, 1);
  assert_warning(diags, "enterprises.csv", 5,
                 "id '宁德新能源　' contains a full-width space (U+3000)");
  cr_assert_not_null(ds);
}

Test(validation, segment_ids_with_other_unicode_spaces_are_warnings)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load("id,tier,inputs\na\u00a0b,upstream,\nc\u200b,upstream,\nd,midstream,a\u00a0b;\u3000c\n",
           "id,region,segments\nx,Fujian/Ningde,d\n", NULL, &diags);
  cr_assert_null(ds, "'　c' is not 'c\u200b'");
  assert_warning(diags, "segments.csv", 2, "contains a no-break space (U+00A0)");
  assert_warning(diags, "segments.csv", 3, "contains a zero-width space (U+200B)");
  assert_error(diags, "segments.csv", 4, "unknown segment '　c' in inputs");
  assert_warning(diags, "segments.csv", 4, "id '　c' contains a full-width space (U+3000)");
  assert_counts(diags, 1, 3);
}

Test(validation, chinese_ids_without_spaces_draw_no_warning)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load("id,tier\n正极材料,中游\n",
                                 "id,region,segments\n宁德时代,福建/宁德,正极材料\n", NULL, &diags);
  /* the only warning: the ini's region=Fujian/Ningde is written in English, the table's in
   * Chinese, so nobody is local */
  assert_warning(diags, "dataset.ini", 3,
                 "no enterprise is local to the study region 'Fujian/Ningde': the regions of the "
                 "data closest to it are '福建/宁德' (1 enterprise)");
  assert_counts(diags, 0, 1);
  cr_assert_not_null(ds);
}

/* ---- sums that would overflow ---- */

Test(validation, outputs_summing_past_the_largest_double_are_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  /* 1e308 + 1e308 = 2e308 > DBL_MAX (about 1.8e308): the second row overflows */
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS,
                                 MINI_ENTERPRISES "a,A,Fujian/Ningde,pack,,1e308,\n"
                                                  "b,B,Fujian/Ningde,pack,,1e308,\n"
                                                  "c,C,Fujian/Ningde,pack,,1e308,\n",
                                 NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 6, "the outputs add up beyond the largest number");
  assert_counts(diags, 1, 0);
}
