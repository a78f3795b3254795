/* A fatal framing error stops the reading at once: a sparse 20 GB table whose first line is a
 * NUL byte is refused in well under a second instead of being read to its end (4-21 s before),
 * and a dataset.ini that is a FIFO or 20 GB is refused without being opened or read. */
#include "cm_loader.h"
#include "loaders_test.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* A sparse file of `size` bytes beginning with head: the rest reads as NUL bytes. */
static void
write_sparse(const char *dir, const char *name, const char *head, goffset size)
{
  write_file(dir, name, head, -1);
  g_autofree char *path = g_build_filename(dir, name, NULL);
  cr_assert_eq(truncate(path, size), 0, "cannot make %s sparse", path);
}

static double
seconds_since(gint64 start)
{
  return (g_get_monotonic_time() - start) / 1e6;
}

Test(fatal_early, sparse_20_gb_table_with_a_nul_on_line_1_stops_at_once, .timeout = 60)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_sparse(dir, "segments.csv", "", (goffset)20 << 30);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autoptr(CmDiagnostics) diags = NULL;
  gint64 start = g_get_monotonic_time();
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  double took = seconds_since(start);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 1, "NUL byte");
  cr_expect_lt(took, 2.0, "took %.2f s", took);
}

Test(fatal_early, sparse_table_with_a_header_then_nul_bytes_stops_at_line_2, .timeout = 60)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", MINI_SEGMENTS, -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  write_sparse(dir, "supply.csv", "supplier,buyer,segment,value\n", (goffset)20 << 30);
  g_autoptr(CmDiagnostics) diags = NULL;
  gint64 start = g_get_monotonic_time();
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  double took = seconds_since(start);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "supply.csv", 2, "NUL byte");
  cr_expect_lt(took, 2.0, "took %.2f s", took);
}

Test(fatal_early, fifo_as_dataset_ini_is_refused_without_blocking, .timeout = 30)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *ini = g_build_filename(dir, "dataset.ini", NULL);
  cr_assert_eq(mkfifo(ini, 0644), 0);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 0, "not a regular file");
}

Test(fatal_early, huge_dataset_ini_is_refused_without_reading_it, .timeout = 30)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_sparse(dir, "dataset.ini", MINI_INI, (goffset)20 << 30);
  g_autoptr(CmDiagnostics) diags = NULL;
  gint64 start = g_get_monotonic_time();
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  double took = seconds_since(start);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 0, "is this the right file?");
  cr_expect_lt(took, 2.0, "took %.2f s", took);
}
