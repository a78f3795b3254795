/* Shared by the analyses of graph/: per-enterprise flags for the passes over millions of supply
 * rows. One byte per enterprise stays in the cache where the 64-byte CmEnterprise does not. */
#pragma once

#include "cm_analysis.h"
#include "cm_threads.h"

enum {
  CM_FLAG_COUNTS = 1 << 0, /* its status is in the scenario */
  CM_FLAG_LOCAL = 1 << 1,
  CM_FLAG_LEADER = 1 << 2,
};

/* The flags of every enterprise under the options. (transfer full) */
guint8 *cm_analysis__flags(const CmDataset *ds, const CmAnalysisOptions *options);

/* cm_analysis_counts_supply() on the flags. */
static inline gboolean
cm_analysis__row_counts(const CmAnalysisOptions *o, const guint8 *flags, const CmSupply *row)
{
  if (o->by_year && row->year != o->year)
    return FALSE;
  return (flags[row->supplier] & flags[row->buyer] & CM_FLAG_COUNTS) != 0;
}

/* From these sizes the passes of an analysis are split between two threads (measured at national
 * scale, docs/performance.md; smaller ones take a few milliseconds, less than a thread costs). */
#define CM_ANALYSIS_TWO_THREADS_ROWS (1u << 16)
#define CM_ANALYSIS_TWO_THREADS_ENTERPRISES (1u << 13)

/* Sorts n indices ascending in place: a few, as a rule (a step's segments, a target's fills),
 * sorted by insertion without a call; qsort for a longer list. */
void cm_analysis__sort_u32(guint32 *v, guint n);

/* The order of n entries: group ascending, then figure descending, then the id of the entry's
 * enterprise (byte order); order[k] is the index of the entry ranked k. Figures are not NaN.
 * (transfer full) */
guint32 *cm_analysis__rank(const CmDataset *ds, guint n, const guint8 *group, const double *figure,
                           const guint32 *enterprise);

/* cm_gaps_compute in two halves, for a caller that sums the supply rows of several analyses in
 * one pass (compare): a CmGaps with zeroed segments; then, once the caller has summed
 * local_demand and local_supplied into gaps->segments as sum_demand does, the producers, the
 * statuses and the action lists. */
CmGaps *cm_gaps__new(const CmDataset *ds, const CmAnalysisOptions *options);
gboolean cm_gaps__finish(CmGaps *gaps, const CmDataset *ds, GError **error);
