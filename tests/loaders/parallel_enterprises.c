/* An enterprises.csv of more than 8 MiB is read on two threads (loaders/enterprises.c): the
 * second half is staged apart and added in file order. These tests write such files and check
 * that ids, strings, segment lists, duplicate ids and line numbers come out as a sequential
 * reading gives them. */
#include "big_table.h"

/* Rows "eN,Name N,Fujian/Ningde,salt,,1,operating" for N = 1, 2, ...: about 42 bytes, so 240000
 * rows are 10 MB, over the 8 MiB threshold. Row eN is on line N + 1. */
#define ROWS 240000u

static void
big_begin(BigTable *b)
{
  big_table_begin(b, "enterprises", "id,name,region,segments,role,output,status");
}

static void
big_rows_until(BigTable *b, guint last, guint *n)
{
  char buf[96];
  while (*n < last) {
    ++*n;
    g_snprintf(buf, sizeof buf, "e%u,Name %u,Fujian/Ningde,salt,,1,operating", *n, *n);
    big_table_row(b, buf);
  }
}

Test(enterprises_parallel, second_half_is_indexed_with_its_strings_and_segments)
{
  BigTable b;
  big_begin(&b);
  guint n = 0;
  big_rows_until(&b, ROWS, &n);
  /* in the second half: a leader with two segments and the same region as every other row */
  big_table_row(&b, "big,Big Co,Fujian/Ningde,ore;salt,leader,7.5,construction");
  guint big_line = b.line;
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_not_null(ds, "%s", cm_test_dump_diags(diags));
  cr_assert_eq(cm_diagnostics_errors(diags) + cm_diagnostics_warnings(diags), 0);
  cr_assert_eq(cm_dataset_n_enterprises(ds), ROWS + 1);
  /* every id maps to its row, the last rows (second half) included */
  for (guint i = 1; i <= ROWS; i += 997) {
    g_autofree char *id = g_strdup_printf("e%u", i);
    cr_assert_eq(cm_dataset_find_enterprise(ds, id), (gint64)i - 1, "%s", id);
    cr_assert_eq(cm_dataset_enterprise(ds, i - 1)->line, i + 1);
  }
  gint64 k = cm_dataset_find_enterprise(ds, "big");
  cr_assert_eq(k, (gint64)ROWS);
  const CmEnterprise *e = cm_dataset_enterprise(ds, (guint)k);
  cr_assert_str_eq(e->name, "Big Co");
  cr_assert_eq(e->line, big_line);
  cr_assert(e->leader);
  cr_assert_eq(e->status, CM_PROJECT_CONSTRUCTION);
  cr_assert_float_eq(e->output, 7.5, 1e-12);
  /* segments ore (0) and salt (1), in list order */
  cr_assert_eq(e->n_segments, 2);
  cr_assert_eq(cm_dataset_enterprise_segments(ds, e)[0], 0);
  cr_assert_eq(cm_dataset_enterprise_segments(ds, e)[1], 1);
  /* the region string is the dataset's one interned copy, whichever half the row was in */
  cr_assert_eq(e->region, cm_dataset_enterprise(ds, 0)->region);
  cr_assert_eq(cm_dataset_enterprise(ds, ROWS - 1)->role, cm_dataset_enterprise(ds, 0)->role);
  big_table_end(&b);
}

Test(enterprises_parallel, duplicate_ids_in_the_second_half_name_the_first_line)
{
  BigTable b;
  big_begin(&b);
  guint n = 0;
  big_rows_until(&b, ROWS, &n);
  big_table_row(&b, "e5,Again,Fujian/Ningde,salt,,1,"); /* e5 is on line 6 */
  guint again = b.line;
  big_table_row(&b, "x,X,Fujian/Ningde,salt,,1,");
  guint x = b.line;
  big_table_row(&b, "x,X twice,Fujian/Ningde,salt,,1,");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", again,
               "duplicate enterprise id 'e5' (first defined at line 6)");
  g_autofree char *second =
      g_strdup_printf("duplicate enterprise id 'x' (first defined at line %u)", x);
  assert_error(diags, "enterprises.csv", x + 1, second);
  cr_assert_eq(cm_diagnostics_errors(diags), 2, "%s", cm_test_dump_diags(diags));
  big_table_end(&b);
}

Test(enterprises_parallel, problems_in_the_second_half_keep_their_lines_and_order)
{
  BigTable b;
  big_begin(&b);
  guint n = 0;
  big_rows_until(&b, ROWS, &n);
  big_table_row(&b, "id\u3000x,X,Fujian/Ningde,salt,,1,");
  guint space = b.line;
  big_table_row(&b, "y,Y,Fujian/Ningde,salt,,lots,");
  guint bad = b.line;
  big_table_row(&b, "e7,Seven again,Fujian/Ningde,salt,,1,");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_null(ds);
  assert_diag(diags, "enterprises.csv", space, CM_SEVERITY_WARNING, "a full-width space");
  assert_error(diags, "enterprises.csv", bad, "bad output 'lots'");
  assert_error(diags, "enterprises.csv", bad + 1, "(first defined at line 8)");
  cr_assert_eq(cm_diagnostics_errors(diags), 2, "%s", cm_test_dump_diags(diags));
  cr_assert_eq(cm_diagnostics_warnings(diags), 1, "%s", cm_test_dump_diags(diags));
  big_table_end(&b);
}

Test(enterprises_parallel, quoted_newlines_across_the_middle_keep_the_line_count)
{
  BigTable b;
  big_begin(&b);
  guint n = 0;
  big_rows_until(&b, ROWS / 2 - 1000, &n);
  /* a name with a million quoted line ends (1 MB from about 4.8 MB on: the middle of the
   * 11 MB file falls inside it) */
  big_table_row_with_newlines(&b, "q,\"Q", 1000000, "Q\",Fujian/Ningde,salt,,1,");
  big_rows_until(&b, ROWS, &n);
  big_table_row(&b, "q,Q again,Fujian/Ningde,salt,,1,");
  guint last = b.line;
  /* header, 119000 rows, the quoted record's 1000001 lines, 121000 rows, the duplicate */
  cr_assert_eq(last, 1 + (ROWS / 2 - 1000) + 1000001 + (ROWS - (ROWS / 2 - 1000)) + 1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_table_load(&b, MINI_INI, &diags);
  cr_assert_null(ds);
  g_autofree char *dup = g_strdup_printf("duplicate enterprise id 'q' (first defined at line %u)",
                                         ROWS / 2 - 1000 + 2);
  assert_error(diags, "enterprises.csv", last, dup);
  cr_assert_eq(cm_diagnostics_errors(diags), 1, "%s", cm_test_dump_diags(diags));
  big_table_end(&b);
}
