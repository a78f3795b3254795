/* supply.csv (loaders/supply.c): enterprise and segment references, the empty-segment rule,
 * years, and the warnings for self-supply and duplicate rows. Built inline from MINI_*. */
#include "loaders_test.h"
#include "supply_private.h"

#include <string.h>

Test(supply, supply_missing_each_required_column_is_named)
{
  static const char *const headers[][2] = {
      {"buyer,segment,value\ncatl,salt,1\n", "supplier"},
      {"supplier,segment,value\ntianqi,salt,1\n", "buyer"},
      {"supplier,buyer,segment\ntianqi,catl,salt\n", "value"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(headers); i++) {
    g_autoptr(CmDiagnostics) diags = NULL;
    g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES, headers[i][0], &diags);
    cr_assert_null(ds);
    g_autofree char *needle = g_strdup_printf("missing required column '%s'", headers[i][1]);
    assert_error(diags, "supply.csv", 1, needle);
  }
}

Test(supply, unknown_segment_in_supply_hints_the_close_id)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "tianqi,catl,Salt_,4,\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4, "unknown segment 'Salt_'; did you mean 'salt'?");
}

Test(supply, unknown_supplier_hints_the_close_enterprise)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "tianqui,catl,salt,4,\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4,
               "unknown enterprise 'tianqui' in column 'supplier'; did you mean 'tianqi'?");
}

Test(supply, unknown_buyer_hints_the_close_enterprise)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES,
                                 "supplier,buyer,segment,value\n\ntianqi,CATL,salt,4\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 3,
               "unknown enterprise 'CATL' in column 'buyer'; did you mean 'catl'?");
}

Test(supply, unknown_id_far_from_every_known_id_gets_no_hint)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "byd,catl,salt,4,\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4, "unknown enterprise 'byd' in column 'supplier'");
  const CmDiagnostic *d = cm_diagnostics_get(diags, 0);
  cr_assert_null(strstr(d->message, "did you mean"), "%s", d->message);
}

Test(supply, bad_year_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "tianqi,catl,ore,1,2024.5\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4, "bad year '2024.5'");
}

Test(supply, empty_required_supply_fields_are_errors)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES,
                                 MINI_SUPPLY ",catl,salt,1,\n"       /* 4 */
                                             "tianqi,,salt,1,\n"     /* 5 */
                                             "tianqi,catl,salt,,\n", /* 6 */
                                 &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4, "empty required field 'supplier'");
  assert_error(diags, "supply.csv", 5, "empty required field 'buyer'");
  assert_error(diags, "supply.csv", 6, "empty required field 'value'");
}

Test(supply, empty_supply_segment_is_ambiguous_when_the_supplier_lists_several)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "tianqi,catl,,4,\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4,
               "empty segment is ambiguous: supplier 'tianqi' produces 2 segments (ore, salt)");
}

Test(supply, empty_supply_segment_is_the_single_segment_of_the_supplier)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "fusalt,catl,,4,2023\n", &diags);
  assert_counts(diags, 0, 0);
  const CmSupply *row = supply_row(ds, "fusalt", "catl", 2023);
  cr_assert_not_null(row);
  cr_assert_str_eq(cm_dataset_segment(ds, row->segment)->id, "salt");
}

Test(supply, supply_segment_the_supplier_does_not_produce_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "tianqi,catl,cell,4,\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4,
               "supplier 'tianqi' does not produce segment 'cell' (it produces ore, salt)");
}

Test(supply, self_supply_is_a_warning_and_the_row_is_ignored)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "catl,catl,pack,7,2024\n", &diags);
  assert_counts(diags, 0, 1);
  assert_warning(diags, "supply.csv", 4, "self-supply: 'catl' supplies itself; row ignored");
  cr_assert_eq(ds->supply->len, 2);
  for (guint i = 0; i < ds->supply->len; i++) {
    const CmSupply *s = &g_array_index(ds->supply, CmSupply, i);
    cr_assert_neq(s->supplier, s->buyer);
  }
}

Test(supply, duplicate_supply_rows_are_a_warning_and_summed)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES,
                                 MINI_SUPPLY "tianqi,catl,salt,12.5,2024\n"     /* 4: dup of 2 */
                                             "tianqi,catl,salt,5,2023\n"        /* 5: other year */
                                             "tianqi , catl ,salt,0.25,2024\n", /* 6: dup of 2 */
                                 &diags);
  assert_counts(diags, 0, 2);
  assert_warning(diags, "supply.csv", 4,
                 "duplicate supply row (same supplier, buyer, segment and year as line 2)");
  assert_warning(diags, "supply.csv", 6, "as line 2");
  cr_assert_eq(ds->supply->len, 3);
  /* 30 (line 2) + 12.5 (line 4) + 0.25 (line 6) */
  cr_assert_float_eq(supply_row(ds, "tianqi", "catl", 2024)->value, 42.75, 1e-12);
  cr_assert_float_eq(supply_row(ds, "tianqi", "catl", 2023)->value, 5.0, 1e-12);
}

Test(supply, duplicate_rows_without_year_are_summed)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES,
                                 "supplier,buyer,value\nfusalt,catl,1\nfusalt,catl,2\n", &diags);
  assert_counts(diags, 0, 1);
  assert_warning(diags, "supply.csv", 3, "as line 2");
  cr_assert_float_eq(supply_row(ds, "fusalt", "catl", CM_NO_YEAR)->value, 3.0, 1e-12);
}

Test(supply, leader_with_no_supply_is_not_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES, "supplier,buyer,value\n", &diags);
  assert_counts(diags, 0, 0);
  cr_assert(ds->has_supply);
  cr_assert_eq(ds->supply->len, 0);
}

Test(supply, values_summing_past_the_largest_double_are_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load(MINI_SEGMENTS, MINI_ENTERPRISES,
                                 MINI_SUPPLY "tianqi,catl,ore,1.7e308,\n" /* 4 */
                                             "fusalt,catl,salt,1e308,\n", /* 5 */
                                 &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 5, "the values add up beyond the largest number");
  assert_counts(diags, 1, 0);
}

Test(supply, reference_with_a_full_width_space_is_unknown_and_explained)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load(MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY "tianqi,catl　,salt,1,\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 4,
               "unknown enterprise 'catl　' in column 'buyer'; did you mean 'catl'?");
  assert_warning(diags, "supply.csv", 4, "id 'catl　' contains a full-width space (U+3000)");
}

/* The duplicate pass's two-bit notes of each row's key part, appended at any offset. */
Test(supply, key_parts_append_after_any_count)
{
  for (guint first = 0; first < 9; first++) {
    CmKeyParts a, b;
    cm_key_parts_init(&a);
    cm_key_parts_init(&b);
    for (guint i = 0; i < first; i++)
      cm_key_parts_add(&a, (guint8)(i % 4));
    for (guint i = 0; i < 7; i++)
      cm_key_parts_add(&b, (guint8)(3 - i % 4));
    cm_key_parts_append(&a, &b);
    cr_assert_eq(a.n, first + 7);
    for (guint i = 0; i < first; i++)
      cr_assert_eq(cm_key_parts_get(&a, i), i % 4, "first %u, row %u", first, i);
    for (guint i = 0; i < 7; i++)
      cr_assert_eq(cm_key_parts_get(&a, first + i), 3 - i % 4, "first %u, row %u", first, i);
    cm_key_parts_clear(&a);
    cm_key_parts_clear(&b);
  }
}
