/* Oversized input: records over 16 MiB, 100k-column headers, floods of diagnostics. The big
 * files are generated into a temporary folder, never committed. */
#include "cm_csv.h"
#include "loaders_test.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Writes prefix, then fill repeated n times, then suffix, without holding it all in memory. */
static void
write_big(const char *dir, const char *name, const char *prefix, char fill, gsize n,
          const char *suffix)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f);
  fputs(prefix, f);
  char block[1 << 16];
  memset(block, fill, sizeof block);
  for (gsize left = n; left > 0;) {
    gsize k = MIN(left, sizeof block);
    cr_assert_eq(fwrite(block, 1, k, f), k);
    left -= k;
  }
  fputs(suffix, f);
  cr_assert_eq(fclose(f), 0);
}

static long
max_rss_kib(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

Test(sizes, record_over_16_mib_is_skipped_in_bounded_memory, .timeout = 120)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", MINI_SEGMENTS, -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  /* line 2: a 100 MB supplier id; line 3: a row whose error shows that counting resumed */
  write_big(dir, "supply.csv", "supplier,buyer,segment,value\n", 'x', 100u << 20,
            ",catl,salt,1\ntianqi,catl,salt,-3\n");
  long before = max_rss_kib();
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  long after = max_rss_kib();
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 2, "record longer than 16 MiB; skipped");
  assert_error(diags, "supply.csv", 3, "bad value '-3'");
  assert_counts(diags, 2, 0);
#ifndef UNDER_ASAN
  /* the record buffer stops at 16 MiB (plus a read chunk and libcsv's field buffer); reading the
   * file whole would take 100 MiB. ASan's quarantine keeps freed blocks, so only checked without */
  cr_assert_lt(after - before, 64 * 1024, "peak memory grew by %ld KiB", after - before);
#else
  (void)before;
  (void)after;
#endif
}

Test(sizes, header_over_16_mib_is_one_error_and_no_row_becomes_the_header, .timeout = 120)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", MINI_SEGMENTS, -1);
  write_big(dir, "enterprises.csv", "id,name,", 'n', 17u << 20,
            "\nid,region,segments\ncatl,Fujian/Ningde,cell\n");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 1, "record longer than 16 MiB");
  assert_counts(diags, 1, 0);
}

Test(sizes, unterminated_quote_swallowing_the_file_names_where_it_opened, .timeout = 120)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", MINI_SEGMENTS, -1);
  write_big(dir, "enterprises.csv", MINI_ENTERPRISES "x,\"open", 'q', 20u << 20, "\n");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 5, "record longer than 16 MiB");
}

/* header "id,name,tier,c0,...,c(n-1)" */
static GString *
wide_header(guint n)
{
  GString *s = g_string_new("id,name,tier");
  for (guint i = 0; i < n; i++)
    g_string_append_printf(s, ",c%u", i);
  g_string_append_c(s, '\n');
  return s;
}

Test(sizes, hundred_thousand_columns_are_kept_as_extra_columns, .timeout = 60)
{
  g_autoptr(GString) seg = wide_header(100000);
  g_string_append(seg, "ore,Ore,upstream");
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf(seg, ",v%u", i);
  g_string_append_c(seg, '\n');
  g_autoptr(CmDiagnostics) diags = NULL;
  gint64 t0 = g_get_monotonic_time();
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, seg->str, "id,region,segments\nx,Fujian/Ningde,ore\n", NULL, &diags);
  gint64 elapsed_ms = (g_get_monotonic_time() - t0) / 1000;
  assert_counts(diags, 0, 0);
  cr_assert_eq(ds->segment_extra.n, 100000);
  cr_assert_str_eq(ds->segment_extra.names[99999], "c99999");
  cr_assert_str_eq(cm_dataset_extra_value(&ds->segment_extra, ds->segment_extra_values, 0, 99999),
                   "v99999");
  /* columns are matched through a hash: pairwise comparison took minutes */
  cr_assert_lt(elapsed_ms, 20000, "took %" G_GINT64_FORMAT " ms", elapsed_ms);
}

Test(sizes, duplicate_among_hundred_thousand_columns_is_found, .timeout = 60)
{
  g_autoptr(GString) seg = wide_header(100000);
  g_string_truncate(seg, seg->len - 1);
  g_string_append(seg, ",C17\nore,Ore,upstream\n");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, seg->str, "id,region,segments\nx,Fujian/Ningde,ore\n", NULL, &diags);
  cr_assert_null(ds);
  /* c17 is column 3 + 17 + 1 = 21; the duplicate is column 3 + 100000 + 1 = 100004 */
  assert_error(diags, "segments.csv", 1, "duplicate column 'C17' (columns 21 and 100004)");
}

Test(sizes, diagnostics_beyond_the_cap_are_counted, .timeout = 60)
{
  g_autoptr(GString) seg = g_string_new("id,tier\nore,upstream\n");
  for (guint i = 0; i < 12000; i++)
    g_string_append_printf(seg, "s%u,sideways\n", i);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, seg->str, "id,region,segments\nx,Fujian/Ningde,ore\n", NULL, &diags);
  cr_assert_null(ds);
  cr_assert_eq(cm_diagnostics_errors(diags), 12000);
  cr_assert_eq(cm_diagnostics_len(diags), CM_DIAGNOSTICS_MAX_KEPT);
  assert_error(diags, "segments.csv", 3, "bad tier 'sideways'");
}
