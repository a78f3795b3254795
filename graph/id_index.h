/* Private to graph/: open addressing from an id to its index in the segments or enterprises
 * array. Two slot layouts: while every id has at most 8 bytes, a 16-byte slot holds the id
 * inline; the first longer id turns the index wide, where a 32-byte slot holds ids of up to 24
 * bytes inline (18-character credit codes among them). Either way a lookup costs one cache miss
 * and a few word compares; only ids over 24 bytes are confirmed with a string compare. */
#pragma once

#include "cm_dataset.h"

CmIdIndex *cm_id_index__new(void);
void cm_id_index__free(CmIdIndex *ix);

/* Adds id (a duplicate is the caller's check) as item idx, with aux kept in its slot. */
void cm_id_index__add(CmIdIndex *ix, const char *id, guint idx, guint32 aux);

/* Makes room for n ids in all, so that adding them does not rebuild the table. */
void cm_id_index__reserve(CmIdIndex *ix, gsize n);

/* The key of id for ix, with its first slot to prefetch. */
CmIdKey cm_id_index__key(const CmIdIndex *ix, const char *id);

/* The index of id (-1 when absent) and in *aux its slot's aux (0 when absent). items is the
 * array of structs whose first member is `const char *id`, stride their size. */
gint64 cm_id_index__find(const CmIdIndex *ix, const GArray *items, gsize stride, const char *id,
                         const CmIdKey *key, guint32 *aux);
