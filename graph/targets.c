/* Investment targets: outside enterprises that supply our buyers or produce what our chain lacks
 * (SPEC section 2). The supply rows that make an enterprise a candidate (an outside supplier
 * selling to a local buyer) are grouped by supplier with a counting sort, so that its distinct
 * buyers and segments, and what it sells, are found one supplier at a time, without a hash set
 * over all rows. At national scale the rows and then the enterprises are split in two halves,
 * one per thread; the grouping keeps file order within a supplier, so every sum is added in the
 * order one thread would add it. */
#include "analysis_private.h"
#include "cm_memory.h"

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
  double value;
} Sale;

/* Candidate rows grouped by supplier, in row order within each: supplier e's are
 * sales[start[e]] .. sales[start[e + 1] - 1]. */
typedef struct {
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

/* One thread's share of the supply rows: its candidate rows in row order, and how many each
 * supplier has (then, once both halves are counted, where its next one goes in the grouping). */
typedef struct {
  const CmSupply *rows;
  guint from, to;
  const CmAnalysisOptions *o;
  const guint8 *flags;
  guint32 *count;        /* per enterprise */
  GArray *found;         /* Sale */
  GArray *leader_values; /* double: the counted rows bought by local leaders, in row order */
  Sale *sales;           /* the grouping, for the second pass */
} RowHalf;

/* The candidate rows of the half, a block of rows at a time (the block still in the cache when
 * its suppliers are counted). */
static gpointer
find_sales(gpointer data)
{
  RowHalf *h = data;
  const CmSupply *rows = h->rows;
  const guint8 leader = CM_FLAG_LOCAL | CM_FLAG_LEADER;
  guint32 block[BLOCK];
  for (guint first = h->from; first < h->to; first += BLOCK) {
    guint end = MIN(h->to, first + BLOCK), m = 0;
    for (guint r = first; r < end; r++) {
      if ((h->flags[rows[r].buyer] & leader) == leader &&
          cm_analysis__row_counts(h->o, h->flags, &rows[r]))
        g_array_append_val(h->leader_values, rows[r].value);
      if (is_candidate_row(h->o, h->flags, &rows[r]))
        block[m++] = r;
    }
    if (m == 0) /* the array has no storage yet when nothing was found */
      continue;
    guint at = h->found->len;
    g_array_set_size(h->found, at + m);
    Sale *out = &g_array_index(h->found, Sale, at);
    for (guint k = 0; k < m; k++) {
      if (k + AHEAD < m)
        __builtin_prefetch(&h->count[rows[block[k + AHEAD]].supplier]);
      const CmSupply *row = &rows[block[k]];
      h->count[row->supplier]++;
      out[k] = (Sale){row->supplier, row->buyer, row->segment, row->value};
    }
  }
  return NULL;
}

/* Puts the half's candidate rows in their places in the grouping (count now says where). */
static gpointer
place_sales(gpointer data)
{
  RowHalf *h = data;
  const Sale *in = (const Sale *)h->found->data;
  guint32 *next = h->count;
  for (guint k = 0; k < h->found->len; k++) {
    if (k + AHEAD < h->found->len)
      __builtin_prefetch(&next[in[k + AHEAD].supplier]);
    h->sales[next[in[k].supplier]++] = in[k];
  }
  return NULL;
}

static void
candidates_init(Candidates *c, const CmDataset *ds, const CmAnalysisOptions *o, const guint8 *flags)
{
  guint n = cm_dataset_n_enterprises(ds);
  const CmSupply *rows = ds->has_supply ? (const CmSupply *)ds->supply->data : NULL;
  guint n_rows = rows ? ds->supply->len : 0;
  guint split = n_rows >= CM_ANALYSIS_TWO_THREADS_ROWS ? n_rows / 2 : n_rows;
  RowHalf half[2];
  for (guint i = 0; i < 2; i++)
    half[i] = (RowHalf){.rows = rows,
                        .from = i == 0 ? 0 : split,
                        .to = i == 0 ? split : n_rows,
                        .o = o,
                        .flags = flags,
                        .count = cm_memory__new0(guint32, (gsize)n + 1),
                        .found = g_array_new(FALSE, FALSE, sizeof(Sale)),
                        .leader_values = g_array_new(FALSE, FALSE, sizeof(double))};
  /* room for every row of the half, taken only as it is used, in huge pages: growing the
   * arrays step by step faulted in their pages one by one */
  for (guint i = 0; i < 2; i++) {
    cm_memory__reserve(half[i].found, half[i].to - half[i].from);
    cm_memory__reserve(half[i].leader_values, half[i].to - half[i].from);
  }
  cm_threads__run_halves("targets-rows", find_sales, &half[0], split < n_rows ? &half[1] : NULL);
  /* added in row order, the first half's before the second's: the sum of one pass */
  c->leaders_total = 0;
  for (guint i = 0; i < 2; i++)
    for (guint k = 0; k < half[i].leader_values->len; k++)
      c->leaders_total += g_array_index(half[i].leader_values, double, k);
  /* a counting sort by supplier; the stable order keeps rows in file order within one, the
   * first half's before the second's */
  c->start = cm_memory__new(guint32, (gsize)n + 1);
  guint32 at = 0;
  for (guint e = 0; e < n; e++) {
    c->start[e] = at;
    guint32 first = half[0].count[e];
    half[0].count[e] = at;
    at += first;
    guint32 second = half[1].count[e];
    half[1].count[e] = at;
    at += second;
  }
  c->start[n] = at;
  c->sales = cm_memory__new(Sale, (gsize)at + 1);
  half[0].sales = half[1].sales = c->sales;
  cm_threads__run_halves("targets-rows", place_sales, &half[0], split < n_rows ? &half[1] : NULL);
  for (guint i = 0; i < 2; i++) {
    g_free(half[i].count);
    g_array_unref(half[i].found);
    g_array_unref(half[i].leader_values);
  }
}

static void
candidates_clear(Candidates *c)
{
  g_free(c->start);
  g_free(c->sales);
}

/* A list longer than this (a supplier's buyers) is not sorted but marked off buyer by buyer. */
#define SHORT_LIST 16

/* Scratch of the per-enterprise pass. */
typedef struct {
  guint32 *segment_stamp; /* per segment: seen for enterprise stamp - 1 */
  guint32 *buyer_stamp;   /* per enterprise: the same, for the buyers of a long list */
  GArray *fills, *served; /* guint32 */
  GArray *buyers;         /* guint32: the current supplier's buyers */
} Scratch;

/* Works out enterprise e's lists into s; FALSE when e is no target. */
static gboolean
assess(const CmDataset *ds, const CmGaps *gaps, const Candidates *c, const guint8 *flags, guint32 e,
       Scratch *s, CmTarget *target)
{
  const CmEnterprise *ent = cm_dataset_enterprise(ds, e);
  guint32 first = c->start[e], end = c->start[e + 1];
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
  if (first == end && !(!(flags[e] & CM_FLAG_LOCAL) && produces_needed))
    return FALSE;
  g_array_set_size(s->buyers, end - first);
  guint32 *b = (guint32 *)s->buyers->data;
  double value = 0, leaders = 0; /* in row order, as one pass over the rows adds them */
  for (guint32 k = first; k < end; k++) {
    const Sale *sale = &c->sales[k];
    b[k - first] = sale->buyer;
    value += sale->value;
    if (flags[sale->buyer] & CM_FLAG_LEADER)
      leaders += sale->value;
    if (s->segment_stamp[sale->segment] != stamp && needs_action(gaps, sale->segment))
      g_array_append_val(s->fills, sale->segment);
    s->segment_stamp[sale->segment] = stamp;
  }
  /* distinct buyers; leaders in enterprises-file order, that is index order */
  guint buyers = 0, n_buyers = s->buyers->len;
  if (n_buyers > SHORT_LIST) {
    for (guint k = 0; k < n_buyers; k++) {
      if (s->buyer_stamp[b[k]] == stamp)
        continue;
      s->buyer_stamp[b[k]] = stamp;
      buyers++;
      if (flags[b[k]] & CM_FLAG_LEADER)
        g_array_append_val(s->served, b[k]);
    }
    cm_analysis__sort_u32((guint32 *)s->served->data, s->served->len);
  } else {
    cm_analysis__sort_u32(b, n_buyers);
    for (guint k = 0; k < n_buyers; k++) {
      if (k > 0 && b[k] == b[k - 1])
        continue;
      buyers++;
      if (flags[b[k]] & CM_FLAG_LEADER)
        g_array_append_val(s->served, b[k]);
    }
  }
  /* template order is index order */
  cm_analysis__sort_u32((guint32 *)s->fills->data, s->fills->len);
  *target =
      (CmTarget){.enterprise = e,
                 .priority = priority_of(gaps, (const guint32 *)s->fills->data, s->fills->len),
                 .value_to_local = value,
                 .leaders_gain = leaders,
                 .local_buyers = buyers,
                 .n_fills = s->fills->len,
                 .n_leaders_served = s->served->len};
  return TRUE;
}

/* One thread's share of the enterprises: its targets in enterprise order, their lists. */
typedef struct {
  const CmDataset *ds;
  const CmGaps *gaps;
  const Candidates *c;
  const guint8 *flags;
  guint32 from, to;
  GArray *found; /* CmTarget */
  GArray *lists; /* guint32 */
} EnterpriseHalf;

static gpointer
assess_half(gpointer data)
{
  EnterpriseHalf *h = data;
  Scratch s = {g_new0(guint32, (gsize)cm_dataset_n_segments(h->ds) + 1),
               cm_memory__new0(guint32, (gsize)cm_dataset_n_enterprises(h->ds) + 1),
               g_array_new(FALSE, FALSE, sizeof(guint32)),
               g_array_new(FALSE, FALSE, sizeof(guint32)),
               g_array_new(FALSE, FALSE, sizeof(guint32))};
  for (guint32 e = h->from; e < h->to; e++) {
    CmTarget target;
    if (!assess(h->ds, h->gaps, h->c, h->flags, e, &s, &target))
      continue;
    target.lists_offset = h->lists->len;
    g_array_append_vals(h->lists, s.fills->data, s.fills->len);
    g_array_append_vals(h->lists, s.served->data, s.served->len);
    g_array_append_val(h->found, target);
  }
  g_free(s.segment_stamp);
  g_free(s.buyer_stamp);
  g_array_unref(s.fills);
  g_array_unref(s.served);
  g_array_unref(s.buyers);
  return NULL;
}

/* The targets of every enterprise, in enterprise order, into *found and *lists. */
static void
assess_all(const CmDataset *ds, const CmGaps *gaps, const Candidates *c, const guint8 *flags,
           GArray **found, GArray **lists)
{
  guint n = cm_dataset_n_enterprises(ds);
  guint32 split = n >= CM_ANALYSIS_TWO_THREADS_ENTERPRISES ? n / 2 : n;
  EnterpriseHalf half[2];
  for (guint i = 0; i < 2; i++)
    half[i] = (EnterpriseHalf){.ds = ds,
                               .gaps = gaps,
                               .c = c,
                               .flags = flags,
                               .from = i == 0 ? 0 : split,
                               .to = i == 0 ? split : n,
                               .found = g_array_new(FALSE, FALSE, sizeof(CmTarget)),
                               /* sized: cm_target_fills() takes an address in it even when
                                * every list is empty */
                               .lists = g_array_sized_new(FALSE, FALSE, sizeof(guint32), 1)};
  for (guint i = 0; i < 2; i++) /* as candidates_init does */
    cm_memory__reserve(half[i].found, half[i].to - half[i].from);
  cm_threads__run_halves("targets-assess", assess_half, &half[0], split < n ? &half[1] : NULL);
  /* the second half's lists follow the first's */
  CmTarget *more = (CmTarget *)half[1].found->data;
  for (guint k = 0; k < half[1].found->len; k++)
    more[k].lists_offset += half[0].lists->len;
  g_array_append_vals(half[0].found, more, half[1].found->len);
  g_array_append_vals(half[0].lists, half[1].lists->data, half[1].lists->len);
  g_array_unref(half[1].found);
  g_array_unref(half[1].lists);
  *found = half[0].found;
  *lists = half[0].lists;
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
  GArray *ranked = g_array_new(FALSE, FALSE, sizeof(CmTarget));
  cm_memory__reserve(ranked, n);
  g_array_set_size(ranked, n);
  CmTarget *out = (CmTarget *)ranked->data;
  for (guint k = 0; k < n; k++) {
    if (k + AHEAD < n)
      __builtin_prefetch(&t[order[k + AHEAD]]);
    out[k] = t[order[k]];
  }
  return ranked;
}

CmTargets *
cm_targets_compute(const CmDataset *ds, const CmGaps *gaps, GError **error)
{
  g_return_val_if_fail(ds && gaps, NULL);
  const CmAnalysisOptions *o = &gaps->options;
  g_autofree guint8 *flags = cm_analysis__flags(ds, o);
  Candidates c;
  candidates_init(&c, ds, o, flags);
  GArray *found, *lists;
  assess_all(ds, gaps, &c, flags, &found, &lists);
  candidates_clear(&c);

  CmTargets *t = g_new0(CmTargets, 1);
  t->options = *o;
  t->targets = rank(ds, found);
  t->lists = lists;
  t->leaders_total = c.leaders_total;
  g_array_unref(found);
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
