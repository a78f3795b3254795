/* The tiny dataset of report_fixture.h, loaded, and its targets report: shared by the report
 * tests. */
#include "report_fixture.h"

#include "cm_test.h"

#include <criterion/criterion.h>

CmDataset *
load_tiny(void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  CmDataset *ds = cm_test_load_text(TINY_INI, TINY_SEGMENTS, TINY_ENTERPRISES, TINY_SUPPLY, &diags);
  g_autofree char *dump = cm_test_dump_diags(diags);
  cr_assert_not_null(ds, "tiny dataset does not load:\n%s", dump);
  return ds;
}

CmTargets *
fixture_targets(CmDataset *ds)
{
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &o, NULL);
  CmTargets *t = cm_targets_compute(ds, gaps, NULL);
  cr_assert_not_null(t);
  return t;
}

GString *
tiny_targets_report(CmDataset *ds, CmReportFormat format, guint top)
{
  g_autoptr(CmTargets) t = fixture_targets(ds);
  CmReportOptions ro = {.format = format, .top = top};
  return cm_report_targets(ds, t, &ro);
}
