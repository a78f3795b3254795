/* The path to the procurement target (SPEC section 2): landing an outside supplier of the
 * leaders turns what it sells them into local supply. Candidates come from the leaders' flows
 * (leader_supply.c); they are ranked by gain with the shared radix ranking, and only the
 * chosen steps get their lists. */
#include "cm_plan.h"
#include "cm_error.h"
#include "cm_memory.h"
#include "leader_supply.h"

#include <string.h>

/* The outside flows grouped by supplier (a counting sort, stable: leader, then segment). */
typedef struct {
  double *gain;   /* per enterprise */
  guint32 *start; /* per enterprise + 1: its flows are by_supplier[start[e] .. start[e + 1]) */
  guint32 *by_supplier; /* indices into the leaders' flows */
} Outside;

static void
outside_init(Outside *o, const CmDataset *ds, const CmLeaderSupply *ls)
{
  guint n = cm_dataset_n_enterprises(ds);
  o->gain = cm_memory__new0(double, (gsize)n + 1);
  o->start = cm_memory__new0(guint32, (gsize)n + 2);
  for (gsize k = 0; k < ls->n_flows; k++) {
    guint32 e = ls->flows[k].supplier;
    if (cm_dataset_enterprise(ds, e)->local)
      continue;
    o->gain[e] += ls->flows[k].value;
    o->start[e + 1]++;
  }
  for (guint e = 0; e < n; e++)
    o->start[e + 1] += o->start[e];
  o->by_supplier = cm_memory__new(guint32, (gsize)o->start[n] + 1);
  g_autofree guint32 *fill = cm_memory__new(guint32, (gsize)n + 1);
  memcpy(fill, o->start, ((gsize)n + 1) * sizeof *fill);
  for (gsize k = 0; k < ls->n_flows; k++) {
    guint32 e = ls->flows[k].supplier;
    if (!cm_dataset_enterprise(ds, e)->local)
      o->by_supplier[fill[e]++] = (guint32)k;
  }
}

static void
outside_clear(Outside *o)
{
  g_free(o->gain);
  g_free(o->start);
  g_free(o->by_supplier);
}

/* Appends the step of enterprise e, cur being the leaders' local value after it; seen holds a
 * zero per segment (and is left so). */
static void
add_step(CmPlan *plan, const CmLeaderSupply *ls, const Outside *o, guint32 e, double cur,
         guint8 *seen)
{
  CmPlanStep step = {.enterprise = e,
                     .gain = o->gain[e],
                     .has_ratio = plan->total > 0,
                     .ratio_after = plan->total > 0 ? cur / plan->total : 0,
                     .segments_offset = plan->segments->len,
                     .flows_offset = plan->flows->len};
  guint32 first = o->start[e], end = o->start[e + 1];
  for (guint32 k = first; k < end; k++) {
    const CmLeaderFlow *f = &ls->flows[o->by_supplier[k]];
    CmPlanFlow flow = {g_array_index(ls->leaders, guint32, f->leader), f->segment, f->value};
    g_array_append_val(plan->flows, flow);
    if (!seen[f->segment]) {
      seen[f->segment] = 1;
      g_array_append_val(plan->segments, f->segment);
    }
  }
  step.n_flows = end - first;
  step.n_segments = plan->segments->len - (guint)step.segments_offset;
  guint32 *segs = &g_array_index(plan->segments, guint32, step.segments_offset);
  for (guint k = 0; k < step.n_segments; k++)
    seen[segs[k]] = 0;
  /* template order is index order */
  cm_analysis__sort_u32(segs, step.n_segments);
  g_array_append_val(plan->steps, step);
}

static gboolean
check_land(const CmDataset *ds, const guint32 *land, guint n_land, GError **error)
{
  guint n = cm_dataset_n_enterprises(ds);
  g_autofree guint8 *given = g_new0(guint8, (gsize)n + 1);
  for (guint i = 0; i < n_land; i++) {
    if (land[i] >= n) {
      g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_INVALID, "no enterprise %u", land[i]);
      return FALSE;
    }
    const CmEnterprise *e = cm_dataset_enterprise(ds, land[i]);
    if (e->local) {
      g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_INVALID,
                  "'%s' is local already: only an outside enterprise can be landed", e->id);
      return FALSE;
    }
    if (given[land[i]]++) {
      g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_INVALID, "'%s' is given twice", e->id);
      return FALSE;
    }
  }
  return TRUE;
}

CmPlan *
cm_plan_compute(const CmDataset *ds, const CmAnalysisOptions *options, const guint32 *land,
                guint n_land, GError **error)
{
  g_return_val_if_fail(ds && options && (land || n_land == 0), NULL);
  if (land && !check_land(ds, land, n_land, error))
    return NULL;
  CmLeaderSupply ls = {0};
  if (!cm_leader_supply__collect(&ls, ds, options, error)) {
    cm_leader_supply__clear(&ls);
    return NULL;
  }
  guint n = cm_dataset_n_enterprises(ds);
  CmPlan *plan = g_new0(CmPlan, 1);
  plan->options = *options;
  plan->target = ds->params.procurement_target;
  plan->leaders = g_array_copy(ls.leaders);
  plan->local = ls.local;
  plan->total = ls.total;
  plan->has_ratio = plan->total > 0;
  plan->ratio = plan->has_ratio ? plan->local / plan->total : 0;
  double goal = plan->target * plan->total;
  plan->needed = MAX(0.0, goal - plan->local);
  plan->landed = land != NULL;
  plan->steps = g_array_new(FALSE, FALSE, sizeof(CmPlanStep));
  plan->segments = g_array_sized_new(FALSE, FALSE, sizeof(guint32), 1);
  plan->flows = g_array_sized_new(FALSE, FALSE, sizeof(CmPlanFlow), 1);

  Outside o;
  outside_init(&o, ds, &ls);
  /* room at once for what the path can take: every candidate and every outside flow */
  cm_memory__reserve(plan->flows, o.start[n]);
  cm_memory__reserve(plan->segments, o.start[n]);
  g_autoptr(GArray) cand = g_array_new(FALSE, FALSE, sizeof(guint32));
  cm_memory__reserve(cand, n);
  for (guint32 e = 0; e < n; e++)
    if (o.start[e + 1] > o.start[e]) {
      g_array_append_val(cand, e);
      plan->candidates_gain += o.gain[e];
    }
  plan->candidates = cand->len;
  cm_memory__reserve(plan->steps, land ? n_land : cand->len);

  g_autofree guint8 *seen = g_new0(guint8, cm_dataset_n_segments(ds) + 1);
  double cur = plan->local;
  if (land) {
    for (guint i = 0; i < n_land; i++) {
      cur += o.gain[land[i]];
      add_step(plan, &ls, &o, land[i], cur, seen);
    }
  } else {
    guint m = cand->len;
    g_autofree guint8 *group = g_new0(guint8, m + 1);
    g_autofree double *figure = g_new(double, m + 1);
    const guint32 *who = (const guint32 *)cand->data;
    for (guint k = 0; k < m; k++)
      figure[k] = o.gain[who[k]];
    g_autofree guint32 *order = cm_analysis__rank(ds, m, group, figure, who);
    for (guint k = 0; k < m && !(cur >= goal); k++) {
      cur += o.gain[who[order[k]]];
      add_step(plan, &ls, &o, who[order[k]], cur, seen);
    }
  }
  plan->reaches_target = plan->total > 0 && cur >= goal;
  if (plan->steps->len > 0) {
    const CmPlanStep *last = &g_array_index(plan->steps, CmPlanStep, plan->steps->len - 1);
    plan->has_ratio_after = last->has_ratio;
    plan->ratio_after = last->ratio_after;
  } else {
    plan->has_ratio_after = plan->has_ratio;
    plan->ratio_after = plan->ratio;
  }
  outside_clear(&o);
  cm_leader_supply__clear(&ls);
  (void)error;
  return plan;
}

void
cm_plan_free(CmPlan *plan)
{
  if (!plan)
    return;
  g_array_free(plan->leaders, TRUE);
  g_array_free(plan->steps, TRUE);
  g_array_free(plan->segments, TRUE);
  g_array_free(plan->flows, TRUE);
  g_free(plan);
}
