/* The dataset store inside the tree: the public API (chainmap/dataset.h) plus what graph/ and
 * loaders/ need to build a dataset and read it fast. The fields of CmDataset are read-only outside
 * graph/ and loaders/; code outside the tree sees only the accessors. */
#pragma once

#include <chainmap/dataset.h>

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* The id lookup tables (graph/id_index.c). */
typedef struct _CmIdIndex CmIdIndex;

struct _CmDataset {
  /* [dataset] */
  char *name;
  char *name_en; /* NULL when unset; cm_dataset_display_name() picks */
  char *region;  /* normalized (see cm_region_normalize) */
  char *unit;
  char *source; /* the ini path as the user named it */
  CmAnalysisParams params;

  GArray *segments;            /* CmSegment, template file order */
  GArray *segment_inputs;      /* guint32 segment indices */
  GArray *enterprises;         /* CmEnterprise, file order */
  GArray *enterprise_segments; /* guint32 segment indices */
  gboolean has_supply;
  GArray *supply; /* CmSupply, file order, self-supply dropped, duplicates merged */

  CmExtraColumns segment_extra, enterprise_extra, supply_extra;
  GPtrArray *segment_extra_values; /* n rows * n columns const char *, row-major */
  GPtrArray *enterprise_extra_values;
  GPtrArray *supply_extra_values;

  CmTemplate *template; /* built by cm_dataset_finish */

  /* private */
  GStringChunk *strings;
  GPtrArray *adopted_strings; /* GStringChunk, see cm_dataset__adopt_strings */
  CmIdIndex *segment_by_id;
  CmIdIndex *enterprise_by_id;
};

CmDataset *cm_dataset_new(void);

/* Interns a string in the dataset's store (borrowed; lives as long as the dataset). */
const char *cm_dataset_intern(CmDataset *ds, const char *s);
/* Stores a string that is unlikely to repeat (an id, a name) without the interning table. */
const char *cm_dataset_store(CmDataset *ds, const char *s);

/* Takes a chunk of strings that records of the dataset point to (a loader thread's store), to
 * free with the dataset. */
void cm_dataset__adopt_strings(CmDataset *ds, GStringChunk *strings);

/* An enterprise id hashed for the index, and the slot where its lookup starts: for the loaders,
 * which make the keys of many ids and prefetch their slots (cm_dataset__key_prefetch) well
 * before they look them up. */
typedef struct {
  guint64 w[3];     /* the id's first 24 bytes, zero-padded; a longer one: 16 bytes and a hash */
  guint64 hash;     /* where its lookup starts */
  const void *slot; /* NULL while the index is empty */
  guint32 kind;     /* at most 8 bytes, at most 24, longer */
} CmIdKey;
CmIdKey cm_dataset__enterprise_key(const CmDataset *ds, const char *id);

static inline void
cm_dataset__key_prefetch(const CmIdKey *key)
{
  if (key->slot)
    __builtin_prefetch(key->slot);
}

/* cm_dataset_find_enterprise by the key of id, and in *packed the segments the enterprise lists
 * when they are one or two (with indices below 65535): (first + 1) | (second + 1) << 16, the
 * second part 0 for one; else 0. Saves the loader of supply rows two cache misses a row. */
gint64 cm_dataset__find_enterprise_key(const CmDataset *ds, const char *id, const CmIdKey *key,
                                       guint32 *packed);

/* Room for n enterprises (their array, one segment each, the id index) or n supply rows, made
 * once by a loader that knows an upper bound of the rows to come (see cm_memory.h). */
void cm_dataset__reserve_enterprises(CmDataset *ds, gsize n);
void cm_dataset__reserve_supply(CmDataset *ds, gsize n);

/* Adders used by the loaders; they return the new index. A duplicate id is the caller's check. */
guint cm_dataset_add_segment(CmDataset *ds, const CmSegment *segment);
guint cm_dataset_add_enterprise(CmDataset *ds, const CmEnterprise *enterprise);

/* Builds the template graph and marks local enterprises. Call once, after loading. */
gboolean cm_dataset_finish(CmDataset *ds, GError **error);

/* Value of extra column k of a row, or NULL. */
const char *cm_dataset_extra_value(const CmExtraColumns *cols, const GPtrArray *values, guint row,
                                   guint k);

/* Inside the tree the accessors of chainmap/dataset.h are inline: analyses call them per row of
 * millions. dataset.c defines the exported ones. */
static inline const CmSegment *
cm_dataset__segment(const CmDataset *ds, guint i)
{
  return &g_array_index(ds->segments, CmSegment, i);
}

static inline const CmEnterprise *
cm_dataset__enterprise(const CmDataset *ds, guint i)
{
  return &g_array_index(ds->enterprises, CmEnterprise, i);
}

static inline const guint32 *
cm_dataset__enterprise_segments(const CmDataset *ds, const CmEnterprise *e)
{
  return &g_array_index(ds->enterprise_segments, guint32, e->segments_offset);
}

static inline const guint32 *
cm_dataset__segment_inputs(const CmDataset *ds, const CmSegment *s)
{
  return &g_array_index(ds->segment_inputs, guint32, s->inputs_offset);
}

static inline guint
cm_dataset__n_segments(const CmDataset *ds)
{
  return ds->segments->len;
}

static inline guint
cm_dataset__n_enterprises(const CmDataset *ds)
{
  return ds->enterprises->len;
}

#ifndef CM_DATASET_EXPORTS
#define cm_dataset_segment cm_dataset__segment
#define cm_dataset_enterprise cm_dataset__enterprise
#define cm_dataset_enterprise_segments cm_dataset__enterprise_segments
#define cm_dataset_segment_inputs cm_dataset__segment_inputs
#define cm_dataset_n_segments cm_dataset__n_segments
#define cm_dataset_n_enterprises cm_dataset__n_enterprises
#endif

G_END_DECLS
