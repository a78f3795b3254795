/* The leaders' purchases per (leader, segment, supplier); see leader_supply.h. */
#include "leader_supply.h"
#include "cm_error.h"
#include "cm_memory.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  guint64 key; /* (leader slot * n_segments + segment) * n_enterprises + supplier */
  double value;
} Row;

#define BLOCK 2048

/* Least significant digit first, as few passes as the key's bits need; stable, so the rows of
 * one key stay in file order (their sum is the same as a plain pass over the file's rows). */
static Row *
radix_sort(Row *a, Row *b, gsize n, guint64 max_key)
{
  guint bits = max_key ? 64 - (guint)__builtin_clzll(max_key) : 0;
  if (bits == 0 || n < 2)
    return a;
  guint passes = (bits + 11) / 12, width = (bits + passes - 1) / passes;
  gsize buckets = (gsize)1 << width;
  g_autofree gsize *count = g_new(gsize, buckets + 1);
  for (guint p = 0; p < passes; p++) {
    guint shift = p * width;
    memset(count, 0, (buckets + 1) * sizeof *count);
    for (gsize k = 0; k < n; k++)
      count[((a[k].key >> shift) & (buckets - 1)) + 1]++;
    for (gsize d = 0; d < buckets; d++)
      count[d + 1] += count[d];
    for (gsize k = 0; k < n; k++)
      b[count[(a[k].key >> shift) & (buckets - 1)]++] = a[k];
    Row *swap = a;
    a = b;
    b = swap;
  }
  return a;
}

/* The leaders ranked as the procurement buyers are (total descending, then id), so that their
 * figure is summed in the same order and reads the same to the last digit. */
typedef struct {
  const CmDataset *ds;
  const double *total;
  const guint32 *leader;
} RankCtx;

static gint
compare_slots(gconstpointer pa, gconstpointer pb, gpointer data)
{
  guint a = *(const guint *)pa, b = *(const guint *)pb;
  const RankCtx *c = data;
  if (c->total[a] != c->total[b])
    return c->total[a] > c->total[b] ? -1 : 1;
  return strcmp(cm_dataset_enterprise(c->ds, c->leader[a])->id,
                cm_dataset_enterprise(c->ds, c->leader[b])->id);
}

static void
sum_leaders(CmLeaderSupply *ls, const CmDataset *ds, const double *local, const double *total)
{
  guint n = ls->leaders->len;
  g_autofree guint *order = g_new(guint, n + 1);
  for (guint l = 0; l < n; l++)
    order[l] = l;
  RankCtx ctx = {ds, total, (const guint32 *)ls->leaders->data};
  g_qsort_with_data(order, (gint)n, sizeof *order, compare_slots, &ctx);
  for (guint k = 0; k < n; k++) {
    if (total[order[k]] <= 0)
      continue;
    ls->local += local[order[k]];
    ls->total += total[order[k]];
  }
}

/* One thread's share of the supply rows: the leaders' rows among them, in row order. */
typedef struct {
  const CmSupply *supply;
  guint from, to;
  const CmAnalysisOptions *o;
  const guint8 *flags;
  const gint32 *slot; /* per enterprise: its leader slot, or -1 */
  guint n_seg, n;
  GArray *rows; /* Row */
} Pick;

static gpointer
pick_rows(gpointer data)
{
  Pick *h = data;
  const CmSupply *supply = h->supply;
  const guint8 want = CM_FLAG_LEADER | CM_FLAG_LOCAL;
  guint32 block[BLOCK];
  for (guint first = h->from; first < h->to; first += BLOCK) {
    guint end = MIN(h->to, first + BLOCK), m = 0;
    for (guint r = first; r < end; r++)
      if ((h->flags[supply[r].buyer] & want) == want &&
          cm_analysis__row_counts(h->o, h->flags, &supply[r]))
        block[m++] = r;
    if (m == 0)
      continue;
    guint at = h->rows->len;
    g_array_set_size(h->rows, at + m);
    Row *out = &g_array_index(h->rows, Row, at);
    for (guint k = 0; k < m; k++) {
      const CmSupply *row = &supply[block[k]];
      guint64 l = (guint64)h->slot[row->buyer];
      out[k] = (Row){(l * h->n_seg + row->segment) * h->n + row->supplier, row->value};
    }
  }
  return NULL;
}

gboolean
cm_leader_supply__collect(CmLeaderSupply *ls, const CmDataset *ds, const CmAnalysisOptions *options,
                          GError **error)
{
  guint n = cm_dataset_n_enterprises(ds), n_seg = cm_dataset_n_segments(ds);
  ls->leaders = g_array_new(FALSE, FALSE, sizeof(guint32));
  g_autofree gint32 *slot = cm_memory__new(gint32, (gsize)n + 1);
  for (guint32 i = 0; i < n; i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    slot[i] = -1;
    if (e->leader && e->local && cm_analysis_counts(options, e)) {
      slot[i] = (gint32)ls->leaders->len;
      g_array_append_val(ls->leaders, i);
    }
  }
  guint n_lead = ls->leaders->len;
  guint64 pairs, max_key;
  if (__builtin_mul_overflow((guint64)MAX(n_lead, 1u), (guint64)MAX(n_seg, 1u), &pairs) ||
      __builtin_mul_overflow(pairs, (guint64)MAX(n, 1u), &max_key)) {
    g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_TOO_LARGE,
                "too many chain leaders, segments and enterprises to combine (%u, %u, %u)", n_lead,
                n_seg, n);
    return FALSE;
  }
  g_autofree guint8 *flags = cm_analysis__flags(ds, options);
  const CmSupply *supply = ds->has_supply ? (const CmSupply *)ds->supply->data : NULL;
  guint n_rows = supply ? ds->supply->len : 0;
  guint split = n_rows >= CM_ANALYSIS_TWO_THREADS_ROWS ? n_rows / 2 : n_rows;
  Pick half[2];
  for (guint i = 0; i < 2; i++)
    half[i] = (Pick){.supply = supply,
                     .from = i == 0 ? 0 : split,
                     .to = i == 0 ? split : n_rows,
                     .o = options,
                     .flags = flags,
                     .slot = slot,
                     .n_seg = n_seg,
                     .n = n,
                     .rows = g_array_new(FALSE, FALSE, sizeof(Row))};
  /* room for every row of the half, taken only as it is used: growing step by step faulted
   * the pages in one by one */
  for (guint i = 0; i < 2; i++)
    cm_memory__reserve(half[i].rows, half[i].to - half[i].from);
  cm_threads__run_halves("leader-rows", pick_rows, &half[0], split < n_rows ? &half[1] : NULL);
  GArray *rows = half[0].rows;
  g_array_append_vals(rows, half[1].rows->data, half[1].rows->len);
  g_array_unref(half[1].rows);
  /* per leader, in row order (the first half's rows, then the second's): one pass's sums */
  g_autofree double *local = g_new0(double, n_lead + 1);
  g_autofree double *total = g_new0(double, n_lead + 1);
  const guint64 per_leader = (guint64)n_seg * n;
  for (guint k = 0; k < rows->len; k++) {
    const Row *r = &g_array_index(rows, Row, k);
    guint32 l = (guint32)(r->key / per_leader);
    total[l] += r->value;
    if (flags[r->key % n] & CM_FLAG_LOCAL)
      local[l] += r->value;
  }
  sum_leaders(ls, ds, local, total);

  gsize m = rows->len;
  Row *a = (Row *)rows->data;
  g_autofree Row *spare = cm_memory__new(Row, m + 1);
  const Row *sorted = radix_sort(a, spare, m, max_key);
  ls->flows = cm_memory__new(CmLeaderFlow, m + 1);
  gsize k = 0;
  for (gsize i = 0; i < m;) {
    guint64 key = sorted[i].key;
    double v = 0;
    for (; i < m && sorted[i].key == key; i++)
      v += sorted[i].value;
    guint64 pair = key / n;
    ls->flows[k++] = (CmLeaderFlow){.leader = (guint32)(pair / n_seg),
                                    .segment = (guint32)(pair % n_seg),
                                    .supplier = (guint32)(key % n),
                                    .value = v};
  }
  ls->n_flows = k;
  g_array_free(rows, TRUE);
  return TRUE;
}

void
cm_leader_supply__clear(CmLeaderSupply *ls)
{
  if (ls->leaders)
    g_array_free(ls->leaders, TRUE);
  g_free(ls->flows);
  memset(ls, 0, sizeof *ls);
}
