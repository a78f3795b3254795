/* The encoding check scans a file of more than 8 MiB on two threads, one half each
 * (loaders/csv_encoding.c). These tests put the offending byte in either half of such a file
 * and check the line it is reported on. */
#include "big_table.h"

/* Rows "tianqi,catl,salt,1,Y" with distinct years: 400000 rows of about 24 bytes are 9.6 MB.
 * Row k (1-based) is on line k + 1. */
#define ROWS 400000u

/* The supply table with `odd` in place of row `at`'s year (row at is on line at + 1), loaded. */
static CmDiagnostics *
load_with(const char *ini, guint at, const char *odd, gsize odd_len)
{
  BigTable b;
  big_table_begin(&b, "supply", "supplier,buyer,segment,value,year");
  for (guint k = 1; k <= ROWS; k++) {
    g_string_append(b.csv, "tianqi,catl,salt,1,");
    if (k == at)
      g_string_append_len(b.csv, odd, (gssize)odd_len);
    else
      g_string_append_printf(b.csv, "%u", k);
    big_table_row(&b, "");
  }
  CmDiagnostics *diags = NULL;
  cm_dataset_free(big_table_load(&b, ini, &diags)); /* only the diagnostics are checked */
  big_table_end(&b);
  return diags;
}

#define UTF8_INI MINI_INI "encoding=utf-8\n"

Test(parallel_scan, invalid_utf8_in_the_second_half_names_its_line)
{
  /* row 390000 is near the end, in the second half: line 390001 */
  g_autoptr(CmDiagnostics) diags = load_with(UTF8_INI, 390000, "20\xC3(", 4);
  assert_error(diags, "supply.csv", 390001, "invalid UTF-8");
}

Test(parallel_scan, invalid_utf8_in_the_first_half_names_its_line)
{
  g_autoptr(CmDiagnostics) diags = load_with(UTF8_INI, 7, "\xFF", 1);
  assert_error(diags, "supply.csv", 8, "invalid UTF-8");
}

Test(parallel_scan, nul_byte_in_the_second_half_names_its_line)
{
  g_autoptr(CmDiagnostics) diags = load_with(MINI_INI, ROWS,
                                             "20\0"
                                             "24",
                                             5);
  /* the last row, line ROWS + 1 */
  assert_error(diags, "supply.csv", ROWS + 1, "NUL byte");
}

Test(parallel_scan, gb18030_in_the_second_half_is_found_on_its_line)
{
  /* 宁 in GB18030 (C4 FE) is not UTF-8: under encoding=auto the file is decoded as GB18030,
   * where the field is a bad year on the same line */
  g_autoptr(CmDiagnostics) diags = load_with(MINI_INI, 300000, "\xC4\xFE", 2);
  assert_diag(diags, "supply.csv", 300001, CM_SEVERITY_WARNING,
              "not valid UTF-8 from this line on; decoded the file as GB18030");
  assert_error(diags, "supply.csv", 300001, "bad year '宁'");
}
