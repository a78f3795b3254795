/* The datasets shipped in samples/ validate with no errors. */
#include "loaders_test.h"

static void
check_sample(const char *name)
{
  g_autofree char *path = g_build_filename(CM_SOURCE_DIR, "samples", name, NULL);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(path, &diags);
  g_autofree char *dump = cm_test_dump_diags(diags);
  cr_assert_eq(cm_diagnostics_errors(diags), 0, "%s:\n%s", name, dump);
  cr_assert_not_null(ds);
  cr_assert_gt(cm_dataset_n_segments(ds), 0);
  cr_assert_gt(cm_dataset_n_enterprises(ds), 0);
  cr_assert(ds->has_supply, "%s has a supply table", name);
  guint leaders = 0, local = 0;
  for (guint i = 0; i < cm_dataset_n_enterprises(ds); i++) {
    leaders += cm_dataset_enterprise(ds, i)->leader;
    local += cm_dataset_enterprise(ds, i)->local;
  }
  cr_assert_gt(leaders, 0, "%s has chain leaders", name);
  cr_assert_gt(local, 0, "%s has local enterprises", name);
}

Test(samples, ningde_lithium_validates_without_errors)
{
  check_sample("ningde-lithium");
}

Test(samples, zhoushan_petrochemical_validates_without_errors)
{
  check_sample("zhoushan-petrochemical");
}
