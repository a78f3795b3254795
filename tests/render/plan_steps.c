/* The steps of a long plan report, formatted on two threads a half each, come out whole and in
 * order. On the dataset of tests/common/halves.h the path takes 5905 steps (worked out in
 * tests/graph/two_threads.c): x00006 first, x09995 at 1428, x00005 at 1429, x01339 last. */
#include "cm_plan.h"
#include "cm_report_plan.h"
#include "halves.h"

#include <criterion/criterion.h>
#include <string.h>

static GString *
halves_plan_report(CmDataset *ds, CmReportFormat format)
{
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmPlan) p = cm_plan_compute(ds, &o, NULL, 0, &error);
  cr_assert_not_null(p, "%s", error ? error->message : "?");
  cr_assert_eq(p->steps->len, 5905);
  CmReportOptions ro = {.format = format};
  return cm_report_plan(ds, p, &ro);
}

/* Where step n starts ("  1428. 外地供应商 9995 (now in Away)"), or NULL. */
static const char *
find_step(const char *text, guint n, const char *format, guint supplier)
{
  g_autofree char *needle = g_strdup_printf(format, n, supplier);
  return strstr(text, needle);
}

Test(plan_steps, a_long_path_lists_every_step_once_in_order)
{
  g_autoptr(CmDataset) ds = halves_load();
  for (guint f = 0; f < 2; f++) {
    CmReportFormat format = f == 0 ? CM_FORMAT_TEXT : CM_FORMAT_MD;
    const char *item =
        f == 0 ? "\n  %u. 外地供应商 %u (now in Away)" : "\n%u. 外地供应商 %u (now in Away)";
    g_autoptr(GString) out = halves_plan_report(ds, format);
    const char *first = find_step(out->str, 1, item, 6);
    const char *at_1428 = find_step(out->str, 1428, item, 9995);
    const char *at_1429 = find_step(out->str, 1429, item, 5);
    const char *last = find_step(out->str, 5905, item, 1339);
    cr_assert(first && at_1428 && at_1429 && last, "format %u: a step is missing", f);
    cr_expect(first < at_1428 && at_1428 < at_1429 && at_1429 < last, "format %u: out of order", f);
    /* every number from 1 to 5905 starts exactly one item, in order */
    const char *p = out->str;
    for (guint n = 1; n <= 5905; n++) {
      g_autofree char *label = g_strdup_printf(f == 0 ? "\n  %u. " : "\n%u. ", n);
      const char *next = strstr(p, label);
      cr_assert_not_null(next, "format %u: step %u missing or out of order", f, n);
      p = next + 1;
    }
    g_autofree char *after = g_strdup_printf(f == 0 ? "\n  %u. " : "\n%u. ", 5906);
    cr_expect_null(strstr(out->str, after), "format %u: a step too many", f);
  }
}
