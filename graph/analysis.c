#include "analysis_private.h"

#include <stdlib.h>

void
cm_analysis_options_init(CmAnalysisOptions *options, const CmDataset *ds)
{
  *options = (CmAnalysisOptions){
      .scenario = ds->params.scenario, .by_year = FALSE, .year = 0, .local = NULL};
}

gboolean
cm_analysis_counts_supply(const CmAnalysisOptions *o, const CmDataset *ds, const CmSupply *row)
{
  if (o->by_year && row->year != o->year)
    return FALSE;
  return cm_analysis_counts(o, cm_dataset_enterprise(ds, row->supplier)) &&
         cm_analysis_counts(o, cm_dataset_enterprise(ds, row->buyer));
}

guint8 *
cm_analysis__flags(const CmDataset *ds, const CmAnalysisOptions *options)
{
  guint n = cm_dataset_n_enterprises(ds);
  guint8 *flags = g_new(guint8, n + 1);
  for (guint i = 0; i < n; i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    flags[i] = (cm_analysis_counts(options, e) ? CM_FLAG_COUNTS : 0) |
               (cm_analysis_is_local(options, ds, i) ? CM_FLAG_LOCAL : 0) |
               (e->leader ? CM_FLAG_LEADER : 0);
  }
  return flags;
}

static gint
compare_u32(const void *a, const void *b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return x < y ? -1 : x > y;
}

void
cm_analysis__sort_u32(guint32 *v, guint n)
{
  if (n > 16) {
    qsort(v, n, sizeof *v, compare_u32);
    return;
  }
  for (guint i = 1; i < n; i++) {
    guint32 x = v[i];
    guint j = i;
    for (; j > 0 && v[j - 1] > x; j--)
      v[j] = v[j - 1];
    v[j] = x;
  }
}
