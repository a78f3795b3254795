#include "cm_analysis.h"

void
cm_analysis_options_init(CmAnalysisOptions *options, const CmDataset *ds)
{
  *options = (CmAnalysisOptions){.scenario = ds->params.scenario, .by_year = FALSE, .year = 0};
}

gboolean
cm_analysis_counts_supply(const CmAnalysisOptions *o, const CmDataset *ds, const CmSupply *row)
{
  if (o->by_year && row->year != o->year)
    return FALSE;
  return cm_analysis_counts(o, cm_dataset_enterprise(ds, row->supplier)) &&
         cm_analysis_counts(o, cm_dataset_enterprise(ds, row->buyer));
}
