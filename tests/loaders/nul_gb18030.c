/* A NUL byte is an error whatever the encoding: with encoding=gb18030 it used to decode to U+0000
 * and cut the field short, so "E\0junk" and "E\0other" became a duplicate id 'E' (fuzzing
 * finding 7). */
#include "cm_loader.h"
#include "cm_test.h"

#include <criterion/criterion.h>

Test(encoding, nul_byte_in_gb18030_table_is_an_error_at_its_line)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *ini = g_build_filename(dir, "dataset.ini", NULL);
  g_autofree char *segments = g_build_filename(dir, "segments.csv", NULL);
  g_autofree char *enterprises = g_build_filename(dir, "enterprises.csv", NULL);
  cr_assert(g_file_set_contents(ini, "[dataset]\nregion=R\nencoding=gb18030\n", -1, NULL));
  cr_assert(g_file_set_contents(segments, "id,tier\na,upstream\n", -1, NULL));
  /* line 2 holds the NUL byte */
  static const char table[] = "id,region,segments\nE\0junk,R,a\nE\0other,R,a\n";
  cr_assert(g_file_set_contents(enterprises, table, sizeof table - 1, NULL));
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load(dir, &diags);
  g_autofree char *dump = cm_test_dump_diags(diags);
  cr_assert_null(ds, "refused:\n%s", dump);
  cr_assert(cm_test_has_diag(diags, "enterprises.csv", 2, CM_SEVERITY_ERROR, "NUL byte"), "%s",
            dump);
  cr_assert_not(cm_test_has_diag(diags, "enterprises.csv", 3, CM_SEVERITY_ERROR, "duplicate"), "%s",
                dump);
  cm_diagnostics_free(diags);
  cm_test_rmdir(dir);
}
