/* A set of 64-bit keys (open addressing), for counting distinct pairs such as (supplier, buyer)
 * over millions of supply rows without a heap entry per row. Internal to graph/. */
#pragma once

#include <glib.h>

typedef struct {
  guint64 *slots; /* key + 1; 0 is empty */
  gsize mask;
  gsize len;
} CmU64Set;

void cm_u64set_init(CmU64Set *set);
void cm_u64set_clear(CmU64Set *set);
/* Adds key; TRUE when it was not there yet. Keys up to G_MAXUINT64 - 1. */
gboolean cm_u64set_add(CmU64Set *set, guint64 key);

static inline guint64
cm_pair_key(guint32 a, guint32 b)
{
  return (guint64)a << 32 | b;
}
