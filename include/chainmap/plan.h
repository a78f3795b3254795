/* chainmap: The path to the procurement target (SPEC section 2, "Path to target"): which outside
 * suppliers of the chain leaders to land locally, one at a time, and the leaders' local share after
 * each; or the effect of landing a given shortlist. */
#pragma once

#include <chainmap/analysis.h>
#include <chainmap/error.h>

G_BEGIN_DECLS

/* What a landed supplier sells to one leader of one segment. */
typedef struct {
  guint32 leader;  /* enterprise index */
  guint32 segment; /* segment index */
  double value;
} CmPlanFlow;

typedef struct {
  guint32 enterprise;
  double gain; /* its supply to local leaders, which turns local */
  gboolean has_ratio;
  double ratio_after;                  /* (L0 + gains so far) / T; meaningful when has_ratio */
  guint n_segments;                    /* segments it supplies to local leaders, template order */
  guint n_flows;                       /* what it supplies, by leader (file order), then segment */
  gsize segments_offset, flows_offset; /* into CmPlan.segments, CmPlan.flows */
} CmPlanStep;

typedef struct {
  CmAnalysisOptions options;
  double target;   /* t */
  GArray *leaders; /* guint32: counted local leaders, enterprises-file order */
  double local;    /* L0 */
  double total;    /* T */
  gboolean has_ratio;
  double ratio;     /* L0 / T when has_ratio */
  double needed;    /* max(0, t T - L0) */
  gboolean landed;  /* the steps are the given shortlist, not the greedy path */
  GArray *steps;    /* CmPlanStep */
  GArray *segments; /* guint32, see CmPlanStep */
  GArray *flows;    /* CmPlanFlow, see CmPlanStep */
  gboolean reaches_target;
  gboolean has_ratio_after;
  double ratio_after;     /* the last step's, or the leaders' ratio without steps */
  guint candidates;       /* counted outside suppliers of the leaders */
  double candidates_gain; /* what landing every one of them would bring */
} CmPlan;

/* The greedy path when land is NULL; else exactly the n_land enterprises of land (indices), in
 * that order: each must be a non-local enterprise, none given twice (else CM_GRAPH_ERROR_INVALID).
 * (transfer full) */
CmPlan *cm_plan_compute(const CmDataset *ds, const CmAnalysisOptions *options, const guint32 *land,
                        guint n_land, GError **error);
void cm_plan_free(CmPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmPlan, cm_plan_free)

static inline const guint32 *
cm_plan_step_segments(const CmPlan *plan, const CmPlanStep *step)
{
  return &g_array_index(plan->segments, guint32, step->segments_offset);
}

static inline const CmPlanFlow *
cm_plan_step_flows(const CmPlan *plan, const CmPlanStep *step)
{
  return &g_array_index(plan->flows, CmPlanFlow, step->flows_offset);
}

G_END_DECLS
