#include "cm_u64set.h"

static inline gsize
slot_of(guint64 key, gsize mask)
{
  guint64 h = key * 0x9E3779B97F4A7C15ull;
  return (gsize)(h ^ (h >> 32)) & mask;
}

void
cm_u64set_init(CmU64Set *set)
{
  *set = (CmU64Set){0};
}

void
cm_u64set_clear(CmU64Set *set)
{
  g_free(set->slots);
  *set = (CmU64Set){0};
}

static void
grow(CmU64Set *set)
{
  gsize cap = set->slots ? (set->mask + 1) * 2 : 256;
  guint64 *slots = g_new0(guint64, cap);
  for (gsize i = 0; set->slots && i <= set->mask; i++) {
    if (!set->slots[i])
      continue;
    gsize j = slot_of(set->slots[i] - 1, cap - 1);
    while (slots[j])
      j = (j + 1) & (cap - 1);
    slots[j] = set->slots[i];
  }
  g_free(set->slots);
  set->slots = slots;
  set->mask = cap - 1;
}

gboolean
cm_u64set_add(CmU64Set *set, guint64 key)
{
  if (!set->slots || (set->len + 1) * 2 > set->mask + 1)
    grow(set);
  gsize i = slot_of(key, set->mask);
  while (set->slots[i]) {
    if (set->slots[i] == key + 1)
      return FALSE;
    i = (i + 1) & set->mask;
  }
  set->slots[i] = key + 1;
  set->len++;
  return TRUE;
}
