/* Ranking of enterprises by a small group number, then a figure descending, then id: the order
 * of the procurement buyers and of the investment targets. Hundreds of thousands of entries are
 * ranked with a radix sort on the figure's bits; ids are compared only where group and figure
 * tie (mostly entries whose figure is 0). */
#include "analysis_private.h"
#include "cm_memory.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  guint64 key; /* the figure, descending as an unsigned integer */
  guint32 slot;
  guint32 group;
} Rank;

static guint64
descending_key(double v)
{
  if (v == 0)
    v = 0.0; /* -0 ranks as 0 */
  guint64 bits;
  memcpy(&bits, &v, sizeof bits);
  guint64 ascending = bits >> 63 ? ~bits : bits | (G_GUINT64_CONSTANT(1) << 63);
  return ~ascending;
}

/* A byte of the key (shift < 64) or the group (shift 64). */
static inline guint
digit(const Rank *r, guint shift)
{
  return shift < 64 ? (guint)(r->key >> shift) & 0xff : r->group;
}

/* One stable counting-sort pass of the radix sort: by digit(shift) from *src into *dst, then
 * swaps them; nothing to do when every entry has the same digit. */
static void
radix_pass(Rank **src, Rank **dst, guint n, guint shift)
{
  guint count[257] = {0};
  for (guint k = 0; k < n; k++)
    count[digit(&(*src)[k], shift) + 1]++;
  if (count[digit(&(*src)[0], shift) + 1] == n)
    return;
  for (guint d = 0; d < 256; d++)
    count[d + 1] += count[d];
  for (guint k = 0; k < n; k++)
    (*dst)[count[digit(&(*src)[k], shift)]++] = (*src)[k];
  Rank *swap = *src;
  *src = *dst;
  *dst = swap;
}

/* An entry of a tie, with the first 16 bytes of its id as two big-endian numbers (zero after the
 * end): comparing them orders ids as strcmp does without reading the ids again, which lie all
 * over memory; only ids alike in all 16 bytes are compared in full. */
typedef struct {
  guint64 hi, lo;
  const char *id;
  guint32 slot;
} Named;

static guint64
big_endian_prefix(const char *s, gsize *used)
{
  guint64 v = 0;
  gsize i = 0;
  for (; i < 8 && s[i]; i++)
    v |= (guint64)(guchar)s[i] << (56 - 8 * i);
  *used = i;
  return v;
}

static gint
compare_named(const void *pa, const void *pb)
{
  const Named *a = pa, *b = pb;
  if (a->hi != b->hi)
    return a->hi < b->hi ? -1 : 1;
  if (a->lo != b->lo)
    return a->lo < b->lo ? -1 : 1;
  /* byte order of UTF-8 is code point order */
  return strcmp(a->id, b->id);
}

/* Orders a run of entries with equal group and figure by id. */
static void
rank_ties(const CmDataset *ds, const guint32 *enterprise, Rank *run, guint n)
{
  g_autofree Named *named = g_new(Named, n);
  enum { AHEAD = 8 }; /* the enterprises, then their ids, lie all over memory */
  for (guint k = 0; k < n; k++) {
    if (k + 2 * AHEAD < n)
      __builtin_prefetch(cm_dataset_enterprise(ds, enterprise[run[k + 2 * AHEAD].slot]));
    if (k + AHEAD < n)
      __builtin_prefetch(cm_dataset_enterprise(ds, enterprise[run[k + AHEAD].slot])->id);
    const char *id = cm_dataset_enterprise(ds, enterprise[run[k].slot])->id;
    gsize used;
    guint64 hi = big_endian_prefix(id, &used),
            lo = used == 8 ? big_endian_prefix(id + 8, &used) : 0;
    named[k] = (Named){hi, lo, id, run[k].slot};
  }
  qsort(named, n, sizeof *named, compare_named);
  for (guint k = 0; k < n; k++)
    run[k].slot = named[k].slot;
}

/* Runs of ties, from .. to - 1 of the sorted entries, ordered by id on one thread. */
typedef struct {
  const CmDataset *ds;
  const guint32 *enterprise;
  Rank *sorted;
  guint from, to;
} Ties;

static guint
run_end(const Rank *sorted, guint n, guint k)
{
  guint end = k + 1;
  while (end < n && sorted[end].key == sorted[k].key && sorted[end].group == sorted[k].group)
    end++;
  return end;
}

static gpointer
rank_runs(gpointer data)
{
  Ties *t = data;
  for (guint k = t->from, end; k < t->to; k = end) {
    end = run_end(t->sorted, t->to, k);
    if (end - k > 1)
      rank_ties(t->ds, t->enterprise, &t->sorted[k], end - k);
  }
  return NULL;
}

guint32 *
cm_analysis__rank(const CmDataset *ds, guint n, const guint8 *group, const double *figure,
                  const guint32 *enterprise)
{
  g_autofree Rank *a = cm_memory__new(Rank, n + 1), *b = cm_memory__new(Rank, n + 1);
  Rank *src = a, *dst = b;
  for (guint k = 0; k < n; k++)
    src[k] = (Rank){descending_key(figure[k]), k, group[k]};
  /* least significant digit first; the group is the most significant */
  for (guint shift = 0; n > 0 && shift <= 64; shift += 8)
    radix_pass(&src, &dst, n, shift);
  /* a long ranking orders its ties on two threads, the second from the start of the run that
   * holds the middle entry */
  guint split = n;
  if (n >= CM_ANALYSIS_TWO_THREADS_ENTERPRISES) {
    split = n / 2;
    while (split > 0 && src[split - 1].key == src[split].key &&
           src[split - 1].group == src[split].group)
      split--;
  }
  Ties first = {ds, enterprise, src, 0, split}, second = {ds, enterprise, src, split, n};
  cm_threads__run_halves("rank-ties", rank_runs, &first, split < n ? &second : NULL);
  guint32 *order = g_new(guint32, n + 1);
  for (guint k = 0; k < n; k++)
    order[k] = src[k].slot;
  return order;
}
