#include "id_index.h"
#include "cm_memory.h"

#include <string.h>

#define LONG_ID 0x80000000u /* in ref: an id over 24 bytes, w[2] a hash of it */
#define INLINE_WIDE 24

enum { ID_SHORT = 0, ID_WIDE = 1, ID_LONG = 2 }; /* CmIdKey.kind: at most 8, 24, more bytes */

typedef struct {
  guint64 word; /* the id's bytes, zero-padded */
  guint32 ref;  /* index + 1; 0 when empty */
  guint32 aux;
} ShortSlot;

typedef struct {
  guint64 w[3]; /* as CmIdKey.w */
  guint32 ref;  /* index + 1, LONG_ID set for an id over 24 bytes; 0 when empty */
  guint32 aux;
} WideSlot;

G_STATIC_ASSERT(sizeof(ShortSlot) == 16);
G_STATIC_ASSERT(sizeof(WideSlot) == 32);

struct _CmIdIndex {
  void *slots; /* ShortSlot or WideSlot */
  gboolean wide;
  gsize mask;
  gsize len;
};

static inline guint64
mix(guint64 h)
{
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 32);
}

/* mix(0) is 0, so an id of at most 8 bytes hashes to mix(w[0]) in both layouts: keys made
 * before the index turns wide stay valid. */
static inline guint64
wide_hash(const guint64 w[3])
{
  return mix(w[0] ^ mix(w[1] ^ mix(w[2])));
}

CmIdIndex *
cm_id_index__new(void)
{
  return g_new0(CmIdIndex, 1);
}

void
cm_id_index__free(CmIdIndex *ix)
{
  if (!ix)
    return;
  g_aligned_free(ix->slots);
  g_free(ix);
}

/* Fills key->w and key->kind from id. */
static inline void
make_words(const char *id, CmIdKey *key)
{
  /* the short ids of most data: a byte loop, no library call */
  guint64 w = 0;
  gsize n = 0;
  for (; n < 8 && id[n]; n++)
    w |= (guint64)(unsigned char)id[n] << (8 * n);
  key->w[0] = w;
  key->w[1] = key->w[2] = 0;
  if (!id[n]) {
    key->kind = ID_SHORT;
    return;
  }
  n += strnlen(id + n, INLINE_WIDE + 1 - n);
  if (n <= INLINE_WIDE) {
    memcpy(key->w, id, n);
    key->kind = n <= 8 ? ID_SHORT : ID_WIDE;
    return;
  }
  memcpy(key->w, id, 16);
  guint64 h = 0xCBF29CE484222325ull;
  for (const unsigned char *p = (const unsigned char *)id; *p; p++)
    h = (h ^ *p) * 0x100000001B3ull;
  key->w[2] = mix(h);
  key->kind = ID_LONG;
}

CmIdKey
cm_id_index__key(const CmIdIndex *ix, const char *id)
{
  CmIdKey key;
  make_words(id, &key);
  key.hash = key.kind == ID_SHORT ? mix(key.w[0]) : wide_hash(key.w); /* equal for short ids */
  key.slot = NULL;
  if (ix->slots)
    key.slot = ix->wide ? (const void *)&((const WideSlot *)ix->slots)[key.hash & ix->mask]
                        : (const void *)&((const ShortSlot *)ix->slots)[key.hash & ix->mask];
  return key;
}

static inline const char *
item_id(const GArray *items, gsize stride, guint i)
{
  return *(const char *const *)(items->data + (gsize)i * stride);
}

gint64
cm_id_index__find(const CmIdIndex *ix, const GArray *items, gsize stride, const char *id,
                  const CmIdKey *key, guint32 *aux)
{
  *aux = 0;
  if (!ix->slots)
    return -1;
  gsize h = key->hash;
  if (!ix->wide) {
    if (key->kind != ID_SHORT) /* a short index holds no longer id */
      return -1;
    const ShortSlot *slots = ix->slots;
    for (gsize i = h & ix->mask;; i = (i + 1) & ix->mask) {
      if (!slots[i].ref)
        return -1;
      if (slots[i].word == key->w[0]) {
        *aux = slots[i].aux;
        return (gint64)slots[i].ref - 1;
      }
    }
  }
  const WideSlot *slots = ix->slots;
  guint32 long_id = key->kind == ID_LONG ? LONG_ID : 0;
  for (gsize i = h & ix->mask;; i = (i + 1) & ix->mask) {
    const WideSlot *s = &slots[i];
    if (!s->ref)
      return -1;
    if (s->w[0] != key->w[0] || s->w[1] != key->w[1] || s->w[2] != key->w[2] ||
        (s->ref & LONG_ID) != long_id)
      continue;
    guint idx = (s->ref & ~LONG_ID) - 1;
    if (!long_id || strcmp(item_id(items, stride, idx), id) == 0) {
      *aux = s->aux;
      return idx;
    }
  }
}

static void
place_short(ShortSlot *slots, gsize mask, const ShortSlot *slot)
{
  gsize i = mix(slot->word) & mask;
  while (slots[i].ref)
    i = (i + 1) & mask;
  slots[i] = *slot;
}

static void
place_wide(WideSlot *slots, gsize mask, const WideSlot *slot)
{
  gsize i = wide_hash(slot->w) & mask;
  while (slots[i].ref)
    i = (i + 1) & mask;
  slots[i] = *slot;
}

/* Moves the slots into a table of cap slots, wide or not (a short index can turn wide, never
 * back). */
static void
rebuild(CmIdIndex *ix, gsize cap, gboolean wide)
{
  /* aligned to a cache line, so that no 32-byte slot straddles two */
  gsize size = cap * (wide ? sizeof(WideSlot) : sizeof(ShortSlot));
  void *slots = g_aligned_alloc(cap, wide ? sizeof(WideSlot) : sizeof(ShortSlot), 64);
  /* advised before the first touch: a big table is probed at random, and huge pages spare a
   * TLB miss per probe besides the faults */
  cm_memory__advise_huge(slots, size);
  memset(slots, 0, size);
  for (gsize i = 0; ix->slots && i <= ix->mask; i++) {
    if (ix->wide) {
      const WideSlot *s = &((const WideSlot *)ix->slots)[i];
      if (s->ref)
        place_wide(slots, cap - 1, s);
    } else {
      const ShortSlot *s = &((const ShortSlot *)ix->slots)[i];
      if (!s->ref)
        continue;
      if (wide)
        place_wide(slots, cap - 1, &(WideSlot){.w = {s->word, 0, 0}, .ref = s->ref, .aux = s->aux});
      else
        place_short(slots, cap - 1, s);
    }
  }
  g_aligned_free(ix->slots);
  ix->slots = slots;
  ix->wide = wide;
  ix->mask = cap - 1;
}

void
cm_id_index__reserve(CmIdIndex *ix, gsize n)
{
  gsize cap = 64;
  while (cap < 2 * (n + 1))
    cap *= 2;
  if (!ix->slots || cap > ix->mask + 1)
    rebuild(ix, cap, ix->wide);
}

void
cm_id_index__add(CmIdIndex *ix, const char *id, guint idx, guint32 aux)
{
  g_return_if_fail(idx < LONG_ID - 1);
  CmIdKey key;
  make_words(id, &key);
  gboolean wide = ix->wide || key.kind != ID_SHORT;
  if (!ix->slots || (ix->len + 1) * 2 > ix->mask + 1)
    rebuild(ix, ix->slots ? (ix->mask + 1) * 2 : 64, wide);
  else if (wide != ix->wide)
    rebuild(ix, ix->mask + 1, wide);
  if (ix->wide) {
    WideSlot slot = {.w = {key.w[0], key.w[1], key.w[2]}, .ref = idx + 1, .aux = aux};
    if (key.kind == ID_LONG)
      slot.ref |= LONG_ID;
    place_wide(ix->slots, ix->mask, &slot);
  } else {
    place_short(ix->slots, ix->mask, &(ShortSlot){.word = key.w[0], .ref = idx + 1, .aux = aux});
  }
  ix->len++;
}
