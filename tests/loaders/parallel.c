/* A supply.csv of more than 8 MiB is read on two threads, split at a line end near its middle
 * (loaders/supply.c). These tests write such files and check that line numbers, duplicates,
 * hints and records that run across the middle come out as a sequential reading gives them. */
#include "loaders_test.h"

#include <glib/gstdio.h>

/* Rows "tianqi,catl,salt,1,Y" with distinct years Y = 1, 2, ...: no two share a key. 400000 rows
 * of about 24 bytes are 9.6 MB, over the 8 MiB threshold. */
#define ROWS 400000u

typedef struct {
  char *dir;
  GString *csv;
  guint line; /* physical lines written so far */
} BigSupply;

static void
big_begin(BigSupply *b)
{
  b->dir = cm_test_tmpdir();
  b->csv = g_string_new("supplier,buyer,segment,value,year\n");
  b->line = 1;
}

static void
big_row(BigSupply *b, const char *text)
{
  g_string_append(b->csv, text);
  g_string_append_c(b->csv, '\n');
  b->line++;
}

static void
big_rows_until(BigSupply *b, guint rows_written_target, guint *year)
{
  char buf[64];
  while (*year < rows_written_target) {
    ++*year;
    g_snprintf(buf, sizeof buf, "tianqi,catl,salt,1,%u", *year);
    big_row(b, buf);
  }
}

static CmDataset *
big_load(BigSupply *b, CmDiagnostics **diags)
{
  static const struct {
    const char *name, *text;
  } files[] = {{"dataset.ini", MINI_INI},
               {"segments.csv", MINI_SEGMENTS},
               {"enterprises.csv", MINI_ENTERPRISES}};
  for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *path = g_build_filename(b->dir, files[i].name, NULL);
    cr_assert(g_file_set_contents(path, files[i].text, -1, NULL));
  }
  g_autofree char *supply = g_build_filename(b->dir, "supply.csv", NULL);
  cr_assert(g_file_set_contents(supply, b->csv->str, (gssize)b->csv->len, NULL));
  cr_assert_gt(b->csv->len, 8u << 20, "the file must be big enough to be split");
  return cm_test_load(b->dir, diags);
}

static void
big_end(BigSupply *b)
{
  cm_test_rmdir(b->dir);
  g_free(b->dir);
  g_string_free(b->csv, TRUE);
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
  BigSupply b;
  big_begin(&b);
  guint year = 0;
  big_rows_until(&b, ROWS - 1, &year); /* lines 2 .. ROWS */
  /* line ROWS + 1, in the second half: the key of line 2 (year 1) again */
  big_row(&b, "tianqi,catl,salt,5,1");
  cr_assert_eq(b.line, ROWS + 1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_load(&b, &diags);
  cr_assert_not_null(ds, "%s", cm_test_dump_diags(diags));
  assert_diag(diags, "supply.csv", ROWS + 1, CM_SEVERITY_WARNING,
              "duplicate supply row (same supplier, buyer, segment and year as line 2)");
  cr_assert_eq(cm_diagnostics_warnings(diags), 1);
  /* ROWS - 1 distinct keys; the duplicate's 5 is added to line 2's 1 */
  cr_assert_eq(ds->supply->len, ROWS - 1);
  cr_assert_float_eq(g_array_index(ds->supply, CmSupply, 0).value, 6.0, 1e-12);
  cr_assert_float_eq(sum_values(ds), (ROWS - 2) * 1.0 + 6.0, 1e-6);
  big_end(&b);
}

Test(supply_parallel, quoted_newlines_across_the_middle_keep_the_line_count)
{
  BigSupply b;
  big_begin(&b);
  guint year = 0;
  big_rows_until(&b, ROWS / 2 - 200, &year);
  /* a record whose quoted segment holds a million line ends (trimmed away: it is 'salt'): 1 MB
   * from about 4.9 MB on, so the middle of the 10.6 MB file falls inside it */
  GString *rec = g_string_new("tianqi,catl,\"salt");
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c(rec, '\n');
  g_string_append(rec, "\",1,999999");
  big_row(&b, rec->str);
  b.line += 1000000;
  g_string_free(rec, TRUE);
  big_rows_until(&b, ROWS, &year);
  /* an error on the last line: its number counts every quoted line end */
  big_row(&b, "tianqi,catl,salt,oops,2");
  guint last = b.line;
  /* header, 199800 rows, the quoted record's 1000001 lines, 200200 rows, the bad row */
  cr_assert_eq(last, 1 + (ROWS / 2 - 200) + 1000001 + (ROWS - (ROWS / 2 - 200)) + 1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_load(&b, &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", last, "bad value 'oops'");
  cr_assert_eq(cm_diagnostics_errors(diags), 1, "%s", cm_test_dump_diags(diags));
  cr_assert_eq(cm_diagnostics_warnings(diags), 0, "%s", cm_test_dump_diags(diags));
  big_end(&b);
}

Test(supply_parallel, unknown_id_in_the_second_half_still_gets_its_hint)
{
  BigSupply b;
  big_begin(&b);
  guint year = 0;
  big_rows_until(&b, ROWS, &year);
  big_row(&b, "tianqui,catl,salt,1,1"); /* line ROWS + 2 */
  guint bad = b.line;
  big_row(&b, "tianqi,catl,salt,2,2"); /* a duplicate of line 3 after the error */
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = big_load(&b, &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", bad,
               "unknown enterprise 'tianqui' in column 'supplier'; did you mean 'tianqi'?");
  assert_diag(diags, "supply.csv", bad + 1, CM_SEVERITY_WARNING, "as line 3)");
  big_end(&b);
}
