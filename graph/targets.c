/* Investment targets: outside enterprises that supply our buyers or produce what our chain lacks
 * (SPEC section 2). */
#include "analysis_private.h"
#include "cm_u64set.h"

#include <string.h>

static gboolean
needs_action(const CmGaps *gaps, guint32 s)
{
  CmSegmentStatus st = gaps->segments[s].status;
  return st == CM_SEGMENT_GAP || st == CM_SEGMENT_WEAK || st == CM_SEGMENT_FRONTIER;
}

typedef struct {
  gboolean candidate;
  double value;
  guint buyers;
} Candidate;

static gint
compare_u64(gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
  return x < y ? -1 : x > y;
}

static gint
compare_targets(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const CmDataset *ds = data;
  const CmTarget *a = pa, *b = pb;
  if (a->priority != b->priority)
    return a->priority < b->priority ? -1 : 1;
  if (a->value_to_local != b->value_to_local)
    return a->value_to_local > b->value_to_local ? -1 : 1;
  return strcmp(cm_dataset_enterprise(ds, a->enterprise)->id,
                cm_dataset_enterprise(ds, b->enterprise)->id);
}

static guint
priority_of(const CmGaps *gaps, const GArray *fills)
{
  guint best = 4;
  for (guint k = 0; k < fills->len; k++) {
    CmSegmentStatus st = gaps->segments[g_array_index(fills, guint32, k)].status;
    guint p = st == CM_SEGMENT_GAP ? 1 : st == CM_SEGMENT_WEAK ? 2 : 3;
    best = MIN(best, p);
  }
  return best;
}

/* Segments of a sorted (enterprise << 32 | segment) list that belong to enterprise e, starting at
 * *cursor. */
static void
take_supplied(const GArray *pairs, guint *cursor, guint32 e, gboolean *mark)
{
  while (*cursor < pairs->len) {
    guint64 key = g_array_index(pairs, guint64, *cursor);
    if ((guint32)(key >> 32) != e)
      break;
    mark[(guint32)key] = TRUE;
    (*cursor)++;
  }
}

CmTargets *
cm_targets_compute(const CmDataset *ds, const CmGaps *gaps, GError **error)
{
  g_return_val_if_fail(ds && gaps, NULL);
  const CmAnalysisOptions *o = &gaps->options;
  guint n = cm_dataset_n_enterprises(ds), n_seg = cm_dataset_n_segments(ds);
  g_autofree Candidate *cand = g_new0(Candidate, n);
  g_autoptr(GArray) supplied = g_array_new(FALSE, FALSE, sizeof(guint64)); /* (e, segment) */
  g_autoptr(GArray) served = g_array_new(FALSE, FALSE, sizeof(guint64));   /* (e, leader) */
  CmU64Set buyer_pairs, segment_pairs;
  cm_u64set_init(&buyer_pairs);
  cm_u64set_init(&segment_pairs);

  g_autofree guint8 *flags = cm_analysis__flags(ds, o);
  const CmSupply *rows = ds->has_supply ? (const CmSupply *)ds->supply->data : NULL;
  for (guint r = 0; rows && r < ds->supply->len; r++) {
    const CmSupply *row = &rows[r];
    if (!(flags[row->buyer] & CM_FLAG_LOCAL) || (flags[row->supplier] & CM_FLAG_LOCAL) ||
        !cm_analysis__row_counts(o, flags, row))
      continue;
    Candidate *c = &cand[row->supplier];
    c->candidate = TRUE;
    c->value += row->value;
    if (cm_u64set_add(&buyer_pairs, cm_pair_key(row->supplier, row->buyer))) {
      c->buyers++;
      if (flags[row->buyer] & CM_FLAG_LEADER) {
        guint64 k = cm_pair_key(row->supplier, row->buyer);
        g_array_append_val(served, k);
      }
    }
    guint64 sk = cm_pair_key(row->supplier, row->segment);
    if (cm_u64set_add(&segment_pairs, sk))
      g_array_append_val(supplied, sk);
  }
  cm_u64set_clear(&buyer_pairs);
  cm_u64set_clear(&segment_pairs);
  g_array_sort(supplied, compare_u64);
  g_array_sort(served, compare_u64); /* leader indices ascending = enterprises-file order */

  CmTargets *t = g_new0(CmTargets, 1);
  t->options = *o;
  t->targets = g_array_new(FALSE, FALSE, sizeof(CmTarget));
  g_autofree gboolean *mark = g_new0(gboolean, n_seg);
  guint sup_cursor = 0, served_cursor = 0;
  for (guint32 e = 0; e < n; e++) {
    const CmEnterprise *ent = cm_dataset_enterprise(ds, e);
    memset(mark, 0, n_seg * sizeof *mark);
    take_supplied(supplied, &sup_cursor, e, mark);
    gboolean produces_needed = FALSE;
    if (!ent->local) {
      const guint32 *segs = cm_dataset_enterprise_segments(ds, ent);
      for (guint k = 0; k < ent->n_segments; k++) {
        mark[segs[k]] = TRUE;
        produces_needed |= needs_action(gaps, segs[k]);
      }
    }
    gboolean is_target = cand[e].candidate || (!ent->local && produces_needed);
    CmTarget target = {.enterprise = e};
    if (is_target) {
      target.value_to_local = cand[e].value;
      target.local_buyers = cand[e].buyers;
      target.fills = g_array_new(FALSE, FALSE, sizeof(guint32));
      target.leaders_served = g_array_new(FALSE, FALSE, sizeof(guint32));
      for (guint32 s = 0; s < n_seg; s++)
        if (mark[s] && needs_action(gaps, s))
          g_array_append_val(target.fills, s);
      target.priority = priority_of(gaps, target.fills);
    }
    while (served_cursor < served->len &&
           (guint32)(g_array_index(served, guint64, served_cursor) >> 32) == e) {
      guint32 leader = (guint32)g_array_index(served, guint64, served_cursor);
      if (is_target)
        g_array_append_val(target.leaders_served, leader);
      served_cursor++;
    }
    if (is_target)
      g_array_append_val(t->targets, target);
  }
  g_array_sort_with_data(t->targets, compare_targets, (gpointer)ds);
  (void)error;
  return t;
}

void
cm_targets_free(CmTargets *t)
{
  if (!t)
    return;
  for (guint k = 0; k < t->targets->len; k++) {
    CmTarget *target = &g_array_index(t->targets, CmTarget, k);
    g_array_free(target->fills, TRUE);
    g_array_free(target->leaders_served, TRUE);
  }
  g_array_free(t->targets, TRUE);
  g_free(t);
}
