/* Segment status and the three action lists (SPEC section 2). */
#include "analysis_private.h"
#include "cm_template.h"

#include <string.h>

static const char *const status_names[CM_SEGMENT_STATUS_COUNT] = {"strong", "weak", "gap",
                                                                  "frontier", "absent"};

const char *
cm_segment_status_to_string(CmSegmentStatus status)
{
  return status < CM_SEGMENT_STATUS_COUNT ? status_names[status] : "?";
}

CmAction
cm_segment_status_action(CmSegmentStatus status)
{
  switch (status) {
  case CM_SEGMENT_WEAK:
    return CM_ACTION_STRENGTHEN;
  case CM_SEGMENT_GAP:
    return CM_ACTION_SUPPLEMENT;
  case CM_SEGMENT_FRONTIER:
    return CM_ACTION_EXTEND;
  default:
    return CM_ACTION_NONE;
  }
}

const char *
cm_action_to_string(CmAction action)
{
  switch (action) {
  case CM_ACTION_STRENGTHEN:
    return "strengthen";
  case CM_ACTION_SUPPLEMENT:
    return "supplement";
  case CM_ACTION_EXTEND:
    return "extend";
  default:
    return NULL;
  }
}

const char *
cm_direction_to_string(CmDirection d)
{
  return d == CM_DIRECTION_UPSTREAM     ? "upstream"
         : d == CM_DIRECTION_DOWNSTREAM ? "downstream"
                                        : NULL;
}

/* Producers, leaders and output of counted local enterprises per segment. */
static void
count_producers(const CmDataset *ds, const CmAnalysisOptions *o, CmSegmentResult *res)
{
  for (guint i = 0; i < cm_dataset_n_enterprises(ds); i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    if (!cm_analysis_is_local(o, ds, i) || !cm_analysis_counts(o, e) || e->n_segments == 0)
      continue;
    const guint32 *segs = cm_dataset_enterprise_segments(ds, e);
    double share = e->output / e->n_segments;
    for (guint k = 0; k < e->n_segments; k++) {
      res[segs[k]].local_producers++;
      res[segs[k]].leaders += e->leader;
      res[segs[k]].local_output += share;
    }
  }
}

/* Local demand and the part of it supplied locally, per segment. */
static void
sum_demand(const CmDataset *ds, const CmAnalysisOptions *o, CmSegmentResult *res)
{
  if (!ds->has_supply)
    return;
  g_autofree guint8 *flags = cm_analysis__flags(ds, o);
  const CmSupply *rows = (const CmSupply *)ds->supply->data;
  for (guint r = 0; r < ds->supply->len; r++) {
    const CmSupply *row = &rows[r];
    if (!(flags[row->buyer] & CM_FLAG_LOCAL) || !cm_analysis__row_counts(o, flags, row))
      continue;
    res[row->segment].local_demand += row->value;
    if (flags[row->supplier] & CM_FLAG_LOCAL)
      res[row->segment].local_supplied += row->value;
  }
}

static void
classify(const CmAnalysisParams *params, CmSegmentResult *res, guint s, gint to_present,
         gint from_present, gint to_nearest)
{
  CmSegmentResult *r = &res[s];
  r->distance = -1;
  r->reason_segment = -1;
  if (r->local_producers > 0) {
    if (r->local_producers < params->min_producers)
      r->reasons |= 1u << CM_REASON_FEW_PRODUCERS;
    if (r->has_coverage && r->coverage < params->min_coverage)
      r->reasons |= 1u << CM_REASON_LOW_COVERAGE;
    r->status = r->reasons ? CM_SEGMENT_WEAK : CM_SEGMENT_STRONG;
    return;
  }
  /* a path of length 1 to the present set is an edge s -> p */
  if (to_present == 1 || r->local_demand > 0) {
    r->status = CM_SEGMENT_GAP;
    if (to_present == 1) {
      r->reasons |= 1u << CM_REASON_FEEDS_PRESENT;
      r->reason_segment = to_nearest; /* the first present segment s feeds, in template order */
    }
    if (r->local_demand > 0)
      r->reasons |= 1u << CM_REASON_LOCAL_DEMAND;
    return;
  }
  if (to_present < 0 && from_present < 0) {
    r->status = CM_SEGMENT_ABSENT;
    return;
  }
  r->status = CM_SEGMENT_FRONTIER;
  if (to_present >= 0 && (from_present < 0 || to_present <= from_present)) {
    r->direction = CM_DIRECTION_UPSTREAM;
    r->distance = to_present;
  } else {
    r->direction = CM_DIRECTION_DOWNSTREAM;
    r->distance = from_present;
  }
}

typedef struct {
  const CmSegmentResult *res;
  gboolean by_distance;
} RankOrder;

static gint
compare_ranked(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const RankOrder *order = data;
  guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
  const CmSegmentResult *ra = &order->res[a], *rb = &order->res[b];
  if (ra->leakage != rb->leakage)
    return ra->leakage > rb->leakage ? -1 : 1;
  if (order->by_distance && ra->distance != rb->distance)
    return ra->distance < rb->distance ? -1 : 1;
  return a < b ? -1 : a > b;
}

static GArray *
ranked(const CmGaps *gaps, CmSegmentStatus status)
{
  GArray *list = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 s = 0; s < gaps->n_segments; s++)
    if (gaps->segments[s].status == status)
      g_array_append_val(list, s);
  RankOrder order = {gaps->segments, status == CM_SEGMENT_FRONTIER};
  g_array_sort_with_data(list, compare_ranked, &order);
  return list;
}

CmGaps *
cm_gaps__new(const CmDataset *ds, const CmAnalysisOptions *options)
{
  guint n = cm_dataset_n_segments(ds);
  CmGaps *gaps = g_new0(CmGaps, 1);
  gaps->options = *options;
  gaps->n_segments = n;
  gaps->segments = g_new0(CmSegmentResult, n);
  return gaps;
}

gboolean
cm_gaps__finish(CmGaps *gaps, const CmDataset *ds, GError **error)
{
  guint n = gaps->n_segments;
  CmSegmentResult *res = gaps->segments;
  count_producers(ds, &gaps->options, res);

  g_autofree gboolean *present = g_new0(gboolean, n);
  for (guint s = 0; s < n; s++) {
    present[s] = res[s].local_producers > 0;
    gaps->present += present[s];
    res[s].leakage = res[s].local_demand - res[s].local_supplied;
    res[s].has_coverage = res[s].local_demand > 0;
    if (res[s].has_coverage)
      res[s].coverage = res[s].local_supplied / res[s].local_demand;
  }
  g_autofree gint *to_present = g_new(gint, n);
  g_autofree gint *from_present = g_new(gint, n);
  g_autofree gint *to_nearest = g_new(gint, n);
  g_autofree gint *from_nearest = g_new(gint, n);
  if (!cm_template_distances_nearest(ds->template, present, to_present, from_present, to_nearest,
                                     from_nearest, error))
    return FALSE;
  for (guint s = 0; s < n; s++) {
    classify(&ds->params, res, s, to_present[s], from_present[s], to_nearest[s]);
    gaps->count[res[s].status]++;
    /* a frontier's reason names the nearest segment made locally */
    if (res[s].status == CM_SEGMENT_FRONTIER)
      res[s].reason_segment =
          res[s].direction == CM_DIRECTION_UPSTREAM ? to_nearest[s] : from_nearest[s];
  }
  gaps->completeness = n ? (double)gaps->present / n : 0.0;
  gaps->strengthen = ranked(gaps, CM_SEGMENT_WEAK);
  gaps->supplement = ranked(gaps, CM_SEGMENT_GAP);
  gaps->extend = ranked(gaps, CM_SEGMENT_FRONTIER);
  return TRUE;
}

CmGaps *
cm_gaps_compute(const CmDataset *ds, const CmAnalysisOptions *options, GError **error)
{
  g_return_val_if_fail(ds && ds->template && options, NULL);
  g_autoptr(CmGaps) gaps = cm_gaps__new(ds, options);
  sum_demand(ds, options, gaps->segments);
  if (!cm_gaps__finish(gaps, ds, error))
    return NULL;
  return g_steal_pointer(&gaps);
}

void
cm_gaps_free(CmGaps *gaps)
{
  if (!gaps)
    return;
  g_free(gaps->segments);
  if (gaps->strengthen)
    g_array_free(gaps->strengthen, TRUE);
  if (gaps->supplement)
    g_array_free(gaps->supplement, TRUE);
  if (gaps->extend)
    g_array_free(gaps->extend, TRUE);
  g_free(gaps);
}
