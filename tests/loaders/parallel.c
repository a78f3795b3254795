/* A supply.csv of more than 8 MiB is read on two threads, split at a line end near its middle
 * (loaders/supply.c). These tests write such files and check that line numbers, duplicates,
 * hints and records that run across the middle come out as a sequential reading gives them. */
#include "big_table.h"

#include <glib/gstdio.h>

/* Rows "tianqi,catl,salt,1,Y" with distinct years Y = 1, 2, ...: no two share a key. 400000 rows
 * of about 24 bytes are 9.6 MB, over the 8 MiB threshold. */
#define ROWS 400000u

static void
big_begin(BigTable *b)
{
  big_table_begin(b, "supply", "supplier,buyer,segment,value,year");
}

static void
big_rows_until(BigTable *b, guint rows_written_target, guint *year)
{
  char buf[64];
  while (*year < rows_written_target) {
    ++*year;
    g_snprintf(buf, sizeof buf, "tianqi,catl,salt,1,%u", *year);
    big_table_row(b, buf);
  }
}

static double
sum_values(const CmDataset *ds)
{
  double sum = 0;
  for (guint i = 0; i < ds->supply->len; i++)
    sum += g_array_index(ds->supply, CmSupply, i).value;
  return sum;
}

Test(supply_parallel, lines_and_duplicates_across_the_halves_are_exact)
{
  BigTable b;
  big_begin(&b);
  guint year = 0;
  big_rows_until(&b, ROWS - 1, &year); /* lines 2 .. ROWS */
  /* line ROWS + 1, in the second half: the key of line 2 (year 1) again */
  big_table_row(&b, "tianqi,catl,salt,5,1");
  cr_assert_eq(b.line, ROWS + 1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_not_null(ds, "%s", cm_test_dump_diags(diags));
  assert_diag(diags, "supply.csv", ROWS + 1, CM_SEVERITY_WARNING,
              "duplicate supply row (same supplier, buyer, segment and year as line 2)");
  cr_assert_eq(cm_diagnostics_warnings(diags), 1);
  /* ROWS - 1 distinct keys; the duplicate's 5 is added to line 2's 1 */
  cr_assert_eq(ds->supply->len, ROWS - 1);
  cr_assert_float_eq(g_array_index(ds->supply, CmSupply, 0).value, 6.0, 1e-12);
  cr_assert_float_eq(sum_values(ds), (ROWS - 2) * 1.0 + 6.0, 1e-6);
  big_table_end(&b);
}

Test(supply_parallel, quoted_newlines_across_the_middle_keep_the_line_count)
{
  BigTable b;
  big_begin(&b);
  guint year = 0;
  big_rows_until(&b, ROWS / 2 - 200, &year);
  /* a record whose quoted segment holds a million line ends (trimmed away: it is 'salt'): 1 MB
   * from about 4.9 MB on, so the middle of the 10.6 MB file falls inside it */
  big_table_row_with_newlines(&b, "tianqi,catl,\"salt", 1000000, "\",1,999999");
  big_rows_until(&b, ROWS, &year);
  /* an error on the last line: its number counts every quoted line end */
  big_table_row(&b, "tianqi,catl,salt,oops,2");
  guint last = b.line;
  /* header, 199800 rows, the quoted record's 1000001 lines, 200200 rows, the bad row */
  cr_assert_eq(last, 1 + (ROWS / 2 - 200) + 1000001 + (ROWS - (ROWS / 2 - 200)) + 1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", last, "bad value 'oops'");
  cr_assert_eq(cm_diagnostics_errors(diags), 1, "%s", cm_test_dump_diags(diags));
  cr_assert_eq(cm_diagnostics_warnings(diags), 0, "%s", cm_test_dump_diags(diags));
  big_table_end(&b);
}

Test(supply_parallel, unknown_id_in_the_second_half_still_gets_its_hint)
{
  BigTable b;
  big_begin(&b);
  guint year = 0;
  big_rows_until(&b, ROWS, &year);
  big_table_row(&b, "tianqui,catl,salt,1,1"); /* line ROWS + 2 */
  guint bad = b.line;
  big_table_row(&b, "tianqi,catl,salt,2,2"); /* a duplicate of line 3 after the error */
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", bad,
               "unknown enterprise 'tianqui' in column 'supplier'; did you mean 'tianqi'?");
  assert_diag(diags, "supply.csv", bad + 1, CM_SEVERITY_WARNING, "as line 3)");
  big_table_end(&b);
}

/* Over 2^20 rows the duplicate pass merges the keys in four parts, by two bits of their hash
 * noted for each row as it is read; the second half's notes are added after the first's. Years
 * have at most six digits, so the rows alternate between two suppliers: tianqi's row of year Y
 * is on line 2Y, fusalt's on line 2Y + 1. At the end, in the second half, both suppliers' rows
 * of years 1 to 4 come again: eight keys that fall in all four parts. */
Test(supply_parallel, duplicates_are_found_when_keys_are_merged_in_parts, .timeout = 120)
{
  const guint years = 550000; /* 1100000 rows, over 2^20 = 1048576 */
  BigTable b;
  big_begin(&b);
  char buf[64];
  for (guint y = 1; y <= years; y++) {
    g_snprintf(buf, sizeof buf, "tianqi,catl,salt,1,%u", y);
    big_table_row(&b, buf);
    g_snprintf(buf, sizeof buf, "fusalt,catl,salt,1,%u", y);
    big_table_row(&b, buf);
  }
  guint again = b.line + 1;
  for (guint y = 1; y <= 4; y++) {
    g_snprintf(buf, sizeof buf, "tianqi,catl,salt,5,%u", y);
    big_table_row(&b, buf);
    g_snprintf(buf, sizeof buf, "fusalt,catl,salt,5,%u", y);
    big_table_row(&b, buf);
  }
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_not_null(ds);
  for (guint k = 0; k < 8; k++) {
    /* the k-th repeated row is year k / 2 + 1, tianqi's for even k: first on line k + 2 */
    g_autofree char *as = g_strdup_printf("as line %u)", k + 2);
    assert_diag(diags, "supply.csv", again + k, CM_SEVERITY_WARNING, as);
  }
  cr_assert_eq(cm_diagnostics_warnings(diags), 8);
  cr_assert_eq(cm_diagnostics_errors(diags), 0);
  cr_assert_eq(ds->supply->len, 2 * years);
  /* every row is worth 1; each repeat adds 5 to its first row */
  cr_assert_float_eq(sum_values(ds), 2.0 * years + 8 * 5.0, 1e-6);
  for (guint r = 0; r < 8; r++)
    cr_assert_float_eq(g_array_index(ds->supply, CmSupply, r).value, 6.0, 1e-12, "row %u", r);
  cr_assert_float_eq(g_array_index(ds->supply, CmSupply, 8).value, 1.0, 1e-12);
  big_table_end(&b);
}
