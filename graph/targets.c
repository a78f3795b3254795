/* Investment targets: outside enterprises that supply our buyers or produce what our chain lacks
 * (SPEC section 2). The supply rows that make an enterprise a candidate (an outside supplier
 * selling to a local buyer) are grouped by supplier with a counting sort, so that its distinct
 * buyers and segments are found one supplier at a time, without a hash set over all rows. */
#include "analysis_private.h"

#include <stdlib.h>

static gboolean
needs_action(const CmGaps *gaps, guint32 s)
{
  CmSegmentStatus st = gaps->segments[s].status;
  return st == CM_SEGMENT_GAP || st == CM_SEGMENT_WEAK || st == CM_SEGMENT_FRONTIER;
}

static guint
priority_of(const CmGaps *gaps, const guint32 *fills, guint n)
{
  guint best = 4;
  for (guint k = 0; k < n; k++) {
    CmSegmentStatus st = gaps->segments[fills[k]].status;
    guint p = st == CM_SEGMENT_GAP ? 1 : st == CM_SEGMENT_WEAK ? 2 : 3;
    best = MIN(best, p);
  }
  return best;
}

/* A candidate row: an outside supplier selling to a local buyer. */
typedef struct {
  guint32 supplier;
  guint32 buyer;
  guint32 segment;
} Sale;

typedef struct {
  double value;   /* what it sells to local buyers, summed in row order */
  double leaders; /* the part bought by counted local leaders */
  guint32 rows;
} Seller;

/* Candidate rows grouped by supplier, in row order within each: supplier e's are
 * sales[start[e]] .. sales[start[e + 1] - 1]. */
typedef struct {
  Seller *sellers; /* per enterprise */
  guint32 *start;
  Sale *sales;
  double leaders_total; /* every counted row bought by a local leader */
} Candidates;

/* Entries ahead whose random accesses are prefetched: the per-enterprise arrays are bigger than
 * the caches, and overlapping their misses is most of the speed. */
#define AHEAD 8
#define BLOCK 2048

static gboolean
is_candidate_row(const CmAnalysisOptions *o, const guint8 *flags, const CmSupply *row)
{
  return (flags[row->buyer] & CM_FLAG_LOCAL) && !(flags[row->supplier] & CM_FLAG_LOCAL) &&
         cm_analysis__row_counts(o, flags, row);
}

/* Sums the candidate rows per supplier, a block of rows at a time (still in the cache when
 * summed); returns them in row order. */
static GArray *
sum_sellers(Seller *sellers, const CmSupply *rows, guint n_rows, const CmAnalysisOptions *o,
            const guint8 *flags, double *leaders_total)
{
  GArray *found = g_array_new(FALSE, FALSE, sizeof(Sale));
  guint32 block[BLOCK];
  const guint8 leader = CM_FLAG_LOCAL | CM_FLAG_LEADER;
  for (guint first = 0; first < n_rows; first += BLOCK) {
    guint end = MIN(n_rows, first + BLOCK), m = 0;
    for (guint r = first; r < end; r++) {
      if ((flags[rows[r].buyer] & leader) == leader && cm_analysis__row_counts(o, flags, &rows[r]))
        *leaders_total += rows[r].value;
      if (is_candidate_row(o, flags, &rows[r]))
        block[m++] = r;
    }
    if (m == 0) /* the array has no storage yet when nothing was found */
      continue;
    guint at = found->len;
    g_array_set_size(found, at + m);
    Sale *out = &g_array_index(found, Sale, at);
    for (guint k = 0; k < m; k++) {
      if (k + AHEAD < m)
        __builtin_prefetch(&sellers[rows[block[k + AHEAD]].supplier]);
      const CmSupply *row = &rows[block[k]];
      sellers[row->supplier].value += row->value;
      if (flags[row->buyer] & CM_FLAG_LEADER)
        sellers[row->supplier].leaders += row->value;
      sellers[row->supplier].rows++;
      out[k] = (Sale){row->supplier, row->buyer, row->segment};
    }
  }
  return found;
}

static void
candidates_init(Candidates *c, const CmDataset *ds, const CmAnalysisOptions *o, const guint8 *flags)
{
  guint n = cm_dataset_n_enterprises(ds);
  const CmSupply *rows = ds->has_supply ? (const CmSupply *)ds->supply->data : NULL;
  c->sellers = g_new0(Seller, (gsize)n + 1);
  c->leaders_total = 0;
  g_autoptr(GArray) found =
      sum_sellers(c->sellers, rows, rows ? ds->supply->len : 0, o, flags, &c->leaders_total);
  c->start = g_new(guint32, (gsize)n + 1);
  c->start[0] = 0;
  for (guint e = 0; e < n; e++)
    c->start[e + 1] = c->start[e] + c->sellers[e].rows;
  /* a counting sort by supplier; the stable order keeps rows in file order within one */
  c->sales = g_new(Sale, (gsize)found->len + 1);
  g_autofree guint32 *fill = g_memdup2(c->start, ((gsize)n + 1) * sizeof *fill);
  const Sale *in = (const Sale *)found->data;
  for (guint k = 0; k < found->len; k++) {
    if (k + AHEAD < found->len)
      __builtin_prefetch(&fill[in[k + AHEAD].supplier]);
    c->sales[fill[in[k].supplier]++] = in[k];
  }
}

static void
candidates_clear(Candidates *c)
{
  g_free(c->sellers);
  g_free(c->start);
  g_free(c->sales);
}

static gint
compare_u32(const void *a, const void *b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return x < y ? -1 : x > y;
}

/* Sorts a short list (a supplier's buyers) in place. */
static void
sort_u32(guint32 *v, guint n)
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

/* Scratch of the per-enterprise pass. */
typedef struct {
  guint32 *segment_stamp; /* per segment: seen for enterprise stamp - 1 */
  GArray *fills, *served; /* guint32 */
  GArray *buyers;         /* guint32: the current supplier's buyers, sorted */
} Scratch;

/* Works out enterprise e's lists into s; FALSE when e is no target. */
static gboolean
assess(const CmDataset *ds, const CmGaps *gaps, const Candidates *c, const guint8 *flags, guint32 e,
       Scratch *s, CmTarget *target)
{
  const CmEnterprise *ent = cm_dataset_enterprise(ds, e);
  gboolean candidate = c->sellers[e].rows > 0;
  guint32 stamp = e + 1;
  g_array_set_size(s->fills, 0);
  g_array_set_size(s->served, 0);
  gboolean produces_needed = FALSE;
  if (!(flags[e] & CM_FLAG_LOCAL)) {
    const guint32 *segs = cm_dataset_enterprise_segments(ds, ent);
    for (guint k = 0; k < ent->n_segments; k++) {
      produces_needed |= needs_action(gaps, segs[k]);
      if (s->segment_stamp[segs[k]] != stamp && needs_action(gaps, segs[k]))
        g_array_append_val(s->fills, segs[k]);
      s->segment_stamp[segs[k]] = stamp;
    }
  }
  if (!candidate && !(!(flags[e] & CM_FLAG_LOCAL) && produces_needed))
    return FALSE;
  g_array_set_size(s->buyers, c->start[e + 1] - c->start[e]);
  guint32 *b = (guint32 *)s->buyers->data;
  for (guint32 k = c->start[e]; k < c->start[e + 1]; k++) {
    const Sale *sale = &c->sales[k];
    b[k - c->start[e]] = sale->buyer;
    if (s->segment_stamp[sale->segment] != stamp && needs_action(gaps, sale->segment))
      g_array_append_val(s->fills, sale->segment);
    s->segment_stamp[sale->segment] = stamp;
  }
  /* distinct buyers; leaders in enterprises-file order, that is index order */
  sort_u32(b, s->buyers->len);
  guint buyers = 0;
  for (guint k = 0; k < s->buyers->len; k++) {
    if (k > 0 && b[k] == b[k - 1])
      continue;
    buyers++;
    if (flags[b[k]] & CM_FLAG_LEADER)
      g_array_append_val(s->served, b[k]);
  }
  /* template order is index order */
  sort_u32((guint32 *)s->fills->data, s->fills->len);
  *target =
      (CmTarget){.enterprise = e,
                 .priority = priority_of(gaps, (const guint32 *)s->fills->data, s->fills->len),
                 .value_to_local = c->sellers[e].value,
                 .leaders_gain = c->sellers[e].leaders,
                 .local_buyers = buyers,
                 .n_fills = s->fills->len,
                 .n_leaders_served = s->served->len};
  return TRUE;
}

/* Ranks targets: priority, value_to_local descending, id. */
static GArray *
rank(const CmDataset *ds, GArray *targets)
{
  guint n = targets->len;
  const CmTarget *t = (const CmTarget *)targets->data;
  g_autofree guint8 *priority = g_new(guint8, n + 1);
  g_autofree double *value = g_new(double, n + 1);
  g_autofree guint32 *enterprise = g_new(guint32, n + 1);
  for (guint k = 0; k < n; k++) {
    priority[k] = (guint8)t[k].priority;
    value[k] = t[k].value_to_local;
    enterprise[k] = t[k].enterprise;
  }
  g_autofree guint32 *order = cm_analysis__rank(ds, n, priority, value, enterprise);
  GArray *ranked = g_array_sized_new(FALSE, FALSE, sizeof(CmTarget), n);
  for (guint k = 0; k < n; k++) {
    if (k + AHEAD < n)
      __builtin_prefetch(&t[order[k + AHEAD]]);
    g_array_append_val(ranked, t[order[k]]);
  }
  return ranked;
}

CmTargets *
cm_targets_compute(const CmDataset *ds, const CmGaps *gaps, GError **error)
{
  g_return_val_if_fail(ds && gaps, NULL);
  const CmAnalysisOptions *o = &gaps->options;
  guint n = cm_dataset_n_enterprises(ds), n_seg = cm_dataset_n_segments(ds);
  g_autofree guint8 *flags = cm_analysis__flags(ds, o);
  Candidates c;
  candidates_init(&c, ds, o, flags);

  g_autoptr(GArray) found = g_array_new(FALSE, FALSE, sizeof(CmTarget));
  /* sized: cm_target_fills() takes an address in it even when every list is empty */
  GArray *lists = g_array_sized_new(FALSE, FALSE, sizeof(guint32), 1);
  Scratch s = {g_new0(guint32, (gsize)n_seg + 1), g_array_new(FALSE, FALSE, sizeof(guint32)),
               g_array_new(FALSE, FALSE, sizeof(guint32)),
               g_array_new(FALSE, FALSE, sizeof(guint32))};
  for (guint32 e = 0; e < n; e++) {
    CmTarget target;
    if (!assess(ds, gaps, &c, flags, e, &s, &target))
      continue;
    target.lists_offset = lists->len;
    g_array_append_vals(lists, s.fills->data, s.fills->len);
    g_array_append_vals(lists, s.served->data, s.served->len);
    g_array_append_val(found, target);
  }
  g_free(s.segment_stamp);
  g_array_unref(s.fills);
  g_array_unref(s.served);
  g_array_unref(s.buyers);
  candidates_clear(&c);

  CmTargets *t = g_new0(CmTargets, 1);
  t->options = *o;
  t->targets = rank(ds, found);
  t->lists = lists;
  t->leaders_total = c.leaders_total;
  (void)error;
  return t;
}

void
cm_targets_free(CmTargets *t)
{
  if (!t)
    return;
  g_array_free(t->targets, TRUE);
  g_array_free(t->lists, TRUE);
  g_free(t);
}
