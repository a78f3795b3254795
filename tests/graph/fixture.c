#include "fixture.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <string.h>

static CmDataset *
check_loaded(CmDataset *ds, CmDiagnostics *diags, const char *what)
{
  g_autofree char *dump = cm_test_dump_diags(diags);
  cr_assert_not_null(ds, "%s did not load:\n%s", what, dump);
  cm_diagnostics_free(diags);
  return ds;
}

CmDataset *
fx_load(const char *name)
{
  g_autofree char *rel = g_build_filename("graph", name, NULL);
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load(rel, &diags);
  return check_loaded(ds, diags, rel);
}

CmDataset *
fx_load_text(const char *ini, const char *segments, const char *enterprises, const char *supply)
{
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load_text(ini, segments, enterprises, supply, &diags);
  return check_loaded(ds, diags, "inline dataset");
}

CmAnalysisOptions
fx_options(const CmDataset *ds, const char *scenario, gint32 year)
{
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  if (scenario) {
    g_autofree char *bad = NULL;
    cr_assert(cm_scenario_parse(scenario, &o.scenario, &bad), "bad scenario %s", scenario);
  }
  if (year != 0) {
    o.by_year = TRUE;
    o.year = year;
  }
  return o;
}

CmGaps *
fx_gaps(const CmDataset *ds, const char *scenario, gint32 year)
{
  CmAnalysisOptions o = fx_options(ds, scenario, year);
  g_autoptr(GError) error = NULL;
  CmGaps *gaps = cm_gaps_compute(ds, &o, &error);
  cr_assert_not_null(gaps, "gaps failed: %s", error ? error->message : "?");
  return gaps;
}

CmProcurement *
fx_procurement(const CmDataset *ds, const char *scenario, gint32 year)
{
  CmAnalysisOptions o = fx_options(ds, scenario, year);
  g_autoptr(GError) error = NULL;
  CmProcurement *p = cm_procurement_compute(ds, &o, &error);
  cr_assert_not_null(p, "procurement failed: %s", error ? error->message : "?");
  return p;
}

CmTargets *
fx_targets(const CmDataset *ds, const char *scenario, gint32 year)
{
  g_autoptr(CmGaps) gaps = fx_gaps(ds, scenario, year);
  g_autoptr(GError) error = NULL;
  CmTargets *t = cm_targets_compute(ds, gaps, &error);
  cr_assert_not_null(t, "targets failed: %s", error ? error->message : "?");
  return t;
}

guint32
fx_segment(const CmDataset *ds, const char *id)
{
  gint64 s = cm_dataset_find_segment(ds, id);
  cr_assert_geq(s, 0, "no segment '%s'", id);
  return (guint32)s;
}

guint32
fx_enterprise(const CmDataset *ds, const char *id)
{
  gint64 e = cm_dataset_find_enterprise(ds, id);
  cr_assert_geq(e, 0, "no enterprise '%s'", id);
  return (guint32)e;
}

const CmSegmentResult *
fx_result(const CmDataset *ds, const CmGaps *gaps, const char *id)
{
  return &gaps->segments[fx_segment(ds, id)];
}

static char *
join_ids(const CmDataset *ds, const guint32 *list, guint n, gboolean segments)
{
  GString *s = g_string_new("[");
  for (guint k = 0; k < n; k++) {
    guint32 i = list[k];
    const char *id = segments ? cm_dataset_segment(ds, i)->id : cm_dataset_enterprise(ds, i)->id;
    g_string_append_printf(s, "%s%s", k ? ", " : "", id);
  }
  g_string_append_c(s, ']');
  return g_string_free(s, FALSE);
}

static void
assert_ids(const CmDataset *ds, const guint32 *list, guint n, const char *const *expected,
           const char *what, gboolean segments)
{
  g_autofree char *got = join_ids(ds, list, n, segments);
  g_autofree char *want_inner = g_strjoinv(", ", (char **)expected);
  g_autofree char *want = g_strdup_printf("[%s]", want_inner);
  cr_assert_str_eq(got, want, "%s: got %s, expected %s", what, got, want);
}

void
fx_assert_segments(const CmDataset *ds, const GArray *list, const char *const *expected,
                   const char *what)
{
  assert_ids(ds, (const guint32 *)list->data, list->len, expected, what, TRUE);
}

void
fx_assert_enterprises(const CmDataset *ds, const GArray *list, const char *const *expected,
                      const char *what)
{
  assert_ids(ds, (const guint32 *)list->data, list->len, expected, what, FALSE);
}

void
fx_assert_fills(const CmDataset *ds, const CmTargets *t, const CmTarget *x,
                const char *const *expected, const char *what)
{
  assert_ids(ds, cm_target_fills(t, x), x->n_fills, expected, what, TRUE);
}

void
fx_assert_leaders_served(const CmDataset *ds, const CmTargets *t, const CmTarget *x,
                         const char *const *expected, const char *what)
{
  assert_ids(ds, cm_target_leaders_served(t, x), x->n_leaders_served, expected, what, FALSE);
}

const CmBuyerProcurement *
fx_buyer(const CmDataset *ds, const CmProcurement *p, const char *id)
{
  guint32 e = fx_enterprise(ds, id);
  for (guint k = 0; k < p->buyers->len; k++)
    if (g_array_index(p->buyers, CmBuyerProcurement, k).buyer == e)
      return &g_array_index(p->buyers, CmBuyerProcurement, k);
  return NULL;
}

const CmTarget *
fx_target(const CmDataset *ds, const CmTargets *t, const char *id)
{
  guint32 e = fx_enterprise(ds, id);
  for (guint k = 0; k < t->targets->len; k++)
    if (g_array_index(t->targets, CmTarget, k).enterprise == e)
      return &g_array_index(t->targets, CmTarget, k);
  return NULL;
}
