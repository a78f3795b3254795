/* Row storage of supply.csv: line numbers, blocks, and merging duplicate rows. */
#include "supply_private.h"
#include "cm_memory.h"

#include <string.h>

/* Blocks are mapped, not malloc'ed: freed one by one while the dataset's array grows, heap
 * blocks of another thread's arena would stay resident until the last one is freed. */
static CmSupply *
block_new(void)
{
  void *p = cm_memory__map(CM_ROW_BLOCK * sizeof(CmSupply));
  if (!p)
    g_error("out of memory for %zu bytes", (size_t)(CM_ROW_BLOCK * sizeof(CmSupply)));
  return p;
}

static void
block_free(gpointer p)
{
  cm_memory__unmap(p, CM_ROW_BLOCK * sizeof(CmSupply));
}

void
cm_line_map_init(CmLineMap *map)
{
  map->marks = g_array_new(FALSE, FALSE, sizeof(CmLineMark));
}

void
cm_line_map_clear(CmLineMap *map)
{
  if (map->marks)
    g_array_free(map->marks, TRUE);
  map->marks = NULL;
}

void
cm_line_map_add(CmLineMap *map, guint32 row, guint line)
{
  guint32 skip = line - row;
  guint n = map->marks->len;
  if (n > 0 && g_array_index(map->marks, CmLineMark, n - 1).skip == skip)
    return;
  CmLineMark m = {row, skip};
  g_array_append_val(map->marks, m);
}

guint
cm_line_map_line(const CmLineMap *map, guint32 row)
{
  /* the last mark at or before row */
  guint lo = 0, hi = map->marks->len;
  while (hi - lo > 1) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(map->marks, CmLineMark, mid).row <= row)
      lo = mid;
    else
      hi = mid;
  }
  return row + g_array_index(map->marks, CmLineMark, lo).skip;
}

void
cm_row_blocks_init(CmRowBlocks *b)
{
  b->blocks = g_ptr_array_new_with_free_func(block_free);
  b->len = 0;
}

void
cm_row_blocks_append(CmRowBlocks *b, const CmSupply *row)
{
  guint k = b->len % CM_ROW_BLOCK;
  if (k == 0)
    g_ptr_array_add(b->blocks, block_new());
  ((CmSupply *)g_ptr_array_index(b->blocks, b->blocks->len - 1))[k] = *row;
  b->len++;
}

void
cm_row_blocks_move_to(CmRowBlocks *b, GArray *rows)
{
  for (guint i = 0; i < b->blocks->len; i++) {
    guint n = MIN(CM_ROW_BLOCK, b->len - i * CM_ROW_BLOCK);
    g_array_append_vals(rows, g_ptr_array_index(b->blocks, i), n);
    g_clear_pointer(&g_ptr_array_index(b->blocks, i), block_free);
  }
  g_ptr_array_set_size(b->blocks, 0);
  b->len = 0;
}

void
cm_row_blocks_clear(CmRowBlocks *b)
{
  if (b->blocks)
    g_ptr_array_free(b->blocks, TRUE);
  b->blocks = NULL;
  b->len = 0;
}

static inline gboolean
same_key(const CmSupply *a, const CmSupply *b)
{
  return a->supplier == b->supplier && a->buyer == b->buyer && a->segment == b->segment &&
         a->year == b->year;
}

/* Inserts ahead whose slot is prefetched: the index is bigger than the caches. */
#define PREFETCH 16
/* Above this many rows the keys are merged in four parts by the top two bits of their hash, two
 * parts on each of two threads, one after the other, each thread with an index a quarter as
 * big as one for all keys: a key's rows all fall in one part, so first occurrences do not
 * change, and the two indices together take half the memory of one. */
#define SPLIT_ROWS (1u << 20)
#define PARTS CM_SUPPLY_KEY_PARTS

void
cm_key_parts_init(CmKeyParts *p)
{
  p->bits = g_byte_array_new();
  p->n = 0;
}

void
cm_key_parts_clear(CmKeyParts *p)
{
  g_clear_pointer(&p->bits, g_byte_array_unref);
  p->n = 0;
}

void
cm_key_parts_append(CmKeyParts *dst, const CmKeyParts *src)
{
  if (dst->n % 4 == 0) { /* whole bytes */
    g_byte_array_append(dst->bits, src->bits->data, src->bits->len);
    dst->n += src->n;
    return;
  }
  for (guint32 r = 0; r < src->n; r++)
    cm_key_parts_add(dst, cm_key_parts_get(src, r));
}

static gint
compare_duplicates(gconstpointer a, gconstpointer b)
{
  guint32 x = ((const CmDuplicate *)a)->line, y = ((const CmDuplicate *)b)->line;
  return x < y ? -1 : x > y;
}

typedef struct {
  CmSupply *rows;
  guint n;
  const CmKeyParts *key_parts; /* of each row */
  guint parts;                 /* 1 or PARTS */
  guint first;                 /* the parts this worker merges: first, first + 1, ... */
  guint n_parts;               /* how many */
  gsize cap;                   /* index slots */
  const CmLineMap *lines;
  guint8 *dropped; /* a bit per row, this worker's own */
  GArray *dups;    /* CmDuplicate, this worker's own */
} MergeWork;

/* Row r into the index of its part: a new key, or merged into the first row with its key. */
static inline void
merge_row(const MergeWork *w, guint32 *slots, guint r, guint64 h)
{
  CmSupply *rows = w->rows;
  gsize mask = w->cap - 1;
  guint row_bits = g_bit_storage(w->n);
  guint32 row_mask = row_bits >= 30 ? G_MAXUINT32 : (1u << row_bits) - 1;
  /* each slot holds row + 1 in its low bits and a tag of the hash in the bits left over, so
   * that most probes of other keys are settled without reading their row */
  guint32 tag = (guint32)(h >> 32) & ~row_mask & 0x3FFFFFFFu;
  for (gsize i = h & mask;; i = (i + 1) & mask) {
    guint32 slot = slots[i];
    if (slot == 0) {
      slots[i] = tag | (r + 1);
      return;
    }
    if ((slot & ~row_mask) != tag)
      continue;
    guint32 first = (slot & row_mask) - 1;
    if (!same_key(&rows[first], &rows[r]))
      continue;
    rows[first].value += rows[r].value;
    w->dropped[r / 8] |= (guint8)(1u << (r % 8));
    CmDuplicate d = {cm_line_map_line(w->lines, r), cm_line_map_line(w->lines, first)};
    g_array_append_val(w->dups, d);
    return;
  }
}

/* One pass over the rows of part (every row when there is one part), in row order. Only the
 * part's rows are hashed and read; the slots of the next PREFETCH of them are on their way. */
static void
merge_pass(const MergeWork *w, guint part, guint32 *slots)
{
  gsize mask = w->cap - 1;
  guint32 ahead_row[PREFETCH];
  guint64 ahead_hash[PREFETCH];
  guint head = 0, queued = 0, next = 0;
  for (;;) {
    for (; queued < PREFETCH && next < w->n; next++) {
      if (w->parts > 1 && cm_key_parts_get(w->key_parts, next) != part)
        continue;
      guint k = (head + queued++) % PREFETCH;
      ahead_row[k] = next;
      ahead_hash[k] = cm_supply_key_hash(&w->rows[next]);
      __builtin_prefetch(&slots[ahead_hash[k] & mask]);
    }
    if (queued == 0)
      return;
    merge_row(w, slots, ahead_row[head], ahead_hash[head]);
    head = (head + 1) % PREFETCH;
    queued--;
  }
}

static gpointer
merge_parts(gpointer data)
{
  MergeWork *w = data;
  guint32 *slots = g_new(guint32, w->cap);
  cm_memory__advise_huge(slots, w->cap * sizeof *slots);
  for (guint k = 0; k < w->n_parts; k++) {
    memset(slots, 0, w->cap * sizeof *slots);
    merge_pass(w, w->first + k, slots);
  }
  g_free(slots);
  return NULL;
}

GArray *
cm_supply__merge_duplicates(CmDataset *ds, const CmLineMap *lines, const CmKeyParts *key_parts)
{
  CmSupply *rows = (CmSupply *)ds->supply->data;
  guint n = ds->supply->len;
  if (n < 2)
    return g_array_new(FALSE, FALSE, sizeof(CmDuplicate));
  guint parts = n > SPLIT_ROWS ? PARTS : 1;
  /* the index must fit the biggest part, whatever the hash does */
  gsize in_part[PARTS] = {0};
  g_return_val_if_fail(key_parts->n == n, NULL);
  for (guint r = 0; r < n; r++)
    in_part[cm_key_parts_get(key_parts, r)]++;
  gsize keys = parts > 1 ? 0 : n, cap = 16;
  for (guint k = 0; k < parts; k++)
    keys = MAX(keys, in_part[k]);
  while (cap < keys + keys / 2)
    cap *= 2;
  guint workers = parts > 1 ? 2 : 1;
  MergeWork work[2];
  for (guint t = 0; t < workers; t++)
    work[t] = (MergeWork){.rows = rows,
                          .n = n,
                          .key_parts = key_parts,
                          .parts = parts,
                          .first = t * (parts / workers),
                          .n_parts = parts / workers,
                          .cap = cap,
                          .lines = lines,
                          .dropped = g_new0(guint8, n / 8 + 1),
                          .dups = g_array_new(FALSE, FALSE, sizeof(CmDuplicate))};
  GThread *helper = workers > 1 ? g_thread_new("merge", merge_parts, &work[1]) : NULL;
  merge_parts(&work[0]);
  if (helper)
    g_thread_join(helper);
  GArray *dups = work[0].dups;
  guint8 *dropped = work[0].dropped;
  if (workers > 1) {
    g_array_append_vals(dups, work[1].dups->data, work[1].dups->len);
    g_array_free(work[1].dups, TRUE);
    for (gsize i = 0; i < n / 8 + 1; i++)
      dropped[i] |= work[1].dropped[i];
    g_free(work[1].dropped);
    g_array_sort(dups, compare_duplicates);
  }
  if (dups->len > 0) {
    guint n_extra = ds->supply_extra.n;
    gpointer *extra = ds->supply_extra_values->pdata;
    guint w = 0;
    for (guint r = 0; r < n; r++) {
      if (dropped[r / 8] & (1u << (r % 8)))
        continue;
      rows[w] = rows[r];
      if (n_extra)
        memmove(&extra[(gsize)w * n_extra], &extra[(gsize)r * n_extra], n_extra * sizeof *extra);
      w++;
    }
    g_array_set_size(ds->supply, w);
    if (n_extra)
      g_ptr_array_set_size(ds->supply_extra_values, (gint)((gsize)w * n_extra));
  }
  g_free(dropped);
  return dups;
}
