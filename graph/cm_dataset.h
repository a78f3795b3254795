/* The dataset store: segments (the reference chain), enterprises and supply rows, with integer
 * indices and interned strings. Built by loaders/, read by the analyses and renderers.
 * Fields of the structs below are read-only outside graph/ and loaders/. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef enum {
  CM_TIER_UPSTREAM,
  CM_TIER_MIDSTREAM,
  CM_TIER_DOWNSTREAM,
} CmTier;
#define CM_TIER_COUNT 3

/* Project status of an enterprise; a scenario is a bit set of these. */
typedef enum {
  CM_PROJECT_OPERATING = 1 << 0,
  CM_PROJECT_CONSTRUCTION = 1 << 1,
  CM_PROJECT_SIGNED = 1 << 2,
} CmProjectStatus;
#define CM_SCENARIO_ALL (CM_PROJECT_OPERATING | CM_PROJECT_CONSTRUCTION | CM_PROJECT_SIGNED)

#define CM_NO_YEAR G_MININT32

typedef struct {
  const char *id;
  const char *name;    /* the id when the file gives none */
  const char *name_en; /* NULL when unset; cm_segment_display_name() picks */
  const char *group;   /* "" when unset */
  CmTier tier;
  guint32 inputs_offset; /* into CmDataset.segment_inputs */
  guint32 n_inputs;
  guint32 line;
} CmSegment;

typedef struct {
  const char *id;
  const char *name;
  const char *name_en; /* NULL when unset; cm_enterprise_display_name() picks */
  const char *region;
  const char *role;        /* "" when unset */
  double output;           /* 0 when missing */
  guint32 segments_offset; /* into CmDataset.enterprise_segments */
  guint32 n_segments;
  guint32 line;
  CmProjectStatus status;
  guint has_output : 1;
  guint leader : 1;
  guint local : 1; /* region lies in the study region */
} CmEnterprise;

typedef struct {
  double value;
  guint32 supplier; /* enterprise index */
  guint32 buyer;    /* enterprise index */
  guint32 segment;  /* segment index */
  gint32 year;      /* CM_NO_YEAR when unset */
} CmSupply;

/* Columns of a table beyond the ones SPEC names; kept for tooltips. */
typedef struct {
  guint n;
  const char **names;
} CmExtraColumns;

typedef struct {
  guint min_producers;
  double min_coverage;
  double procurement_target;
  guint scenario; /* CmProjectStatus bits */
} CmAnalysisParams;

typedef struct _CmTemplate CmTemplate;

/* Private: the id lookup tables (graph/id_index.c). */
typedef struct _CmIdIndex CmIdIndex;

typedef struct {
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
  GPtrArray *adopted_strings; /* GStringChunk, see cm_dataset_adopt_strings */
  CmIdIndex *segment_by_id;
  CmIdIndex *enterprise_by_id;
} CmDataset;

CmDataset *cm_dataset_new(void);
void cm_dataset_free(CmDataset *ds);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmDataset, cm_dataset_free)

/* Interns a string in the dataset's store (borrowed; lives as long as the dataset). */
const char *cm_dataset_intern(CmDataset *ds, const char *s);
/* Stores a string that is unlikely to repeat (an id, a name) without the interning table. */
const char *cm_dataset_store(CmDataset *ds, const char *s);

/* Takes a chunk of strings that records of the dataset point to (a loader thread's store), to
 * free with the dataset. */
void cm_dataset_adopt_strings(CmDataset *ds, GStringChunk *strings);

/* Lookups by id; -1 when unknown. */
gint64 cm_dataset_find_segment(const CmDataset *ds, const char *id);
gint64 cm_dataset_find_enterprise(const CmDataset *ds, const char *id);

/* An enterprise id hashed for the index, and the slot where its lookup starts: for the loaders,
 * which make the keys of many ids and prefetch their slots (cm_id_key_prefetch) well before they
 * look them up. */
typedef struct {
  guint64 w[3];     /* the id's first 24 bytes, zero-padded; a longer one: 16 bytes and a hash */
  guint64 hash;     /* where its lookup starts */
  const void *slot; /* NULL while the index is empty */
  guint32 kind;     /* at most 8 bytes, at most 24, longer */
} CmIdKey;
CmIdKey cm_dataset_enterprise_key(const CmDataset *ds, const char *id);

static inline void
cm_id_key_prefetch(const CmIdKey *key)
{
  if (key->slot)
    __builtin_prefetch(key->slot);
}

/* cm_dataset_find_enterprise by the key of id, and in *packed the segments the enterprise lists
 * when they are one or two (with indices below 65535): (first + 1) | (second + 1) << 16, the
 * second part 0 for one; else 0. Saves the loader of supply rows two cache misses a row. */
gint64 cm_dataset_find_enterprise_key(const CmDataset *ds, const char *id, const CmIdKey *key,
                                      guint32 *packed);

/* Adders used by the loaders; they return the new index. A duplicate id is the caller's check. */
guint cm_dataset_add_segment(CmDataset *ds, const CmSegment *segment);
guint cm_dataset_add_enterprise(CmDataset *ds, const CmEnterprise *enterprise);

/* Builds the template graph and marks local enterprises. Call once, after loading. */
gboolean cm_dataset_finish(CmDataset *ds, GError **error);

static inline const CmSegment *
cm_dataset_segment(const CmDataset *ds, guint i)
{
  return &g_array_index(ds->segments, CmSegment, i);
}

static inline const CmEnterprise *
cm_dataset_enterprise(const CmDataset *ds, guint i)
{
  return &g_array_index(ds->enterprises, CmEnterprise, i);
}

static inline const guint32 *
cm_dataset_enterprise_segments(const CmDataset *ds, const CmEnterprise *e)
{
  return &g_array_index(ds->enterprise_segments, guint32, e->segments_offset);
}

static inline const guint32 *
cm_dataset_segment_inputs(const CmDataset *ds, const CmSegment *s)
{
  return &g_array_index(ds->segment_inputs, guint32, s->inputs_offset);
}

static inline guint
cm_dataset_n_segments(const CmDataset *ds)
{
  return ds->segments->len;
}

static inline guint
cm_dataset_n_enterprises(const CmDataset *ds)
{
  return ds->enterprises->len;
}

/* TRUE when the enterprise lists segment s. */
gboolean cm_enterprise_produces(const CmDataset *ds, const CmEnterprise *e, guint32 s);

/* Value of extra column k of a row, or NULL. */
const char *cm_dataset_extra_value(const CmExtraColumns *cols, const GPtrArray *values, guint row,
                                   guint k);

const char *cm_tier_to_string(CmTier tier);
/* Accepts upstream/midstream/downstream (any case) and 上游/中游/下游. */
gboolean cm_tier_from_string(const char *s, CmTier *tier);
const char *cm_project_status_to_string(CmProjectStatus status);
/* operating/construction/signed (any case), 投产/运营, 在建, 签约; "" means operating. */
gboolean cm_project_status_from_string(const char *s, CmProjectStatus *status);
/* A comma list of statuses; FALSE (with the offending word in *bad, transfer full) if one is
 * unknown or the list is empty. */
gboolean cm_scenario_parse(const char *list, guint *scenario, char **bad);
/* Statuses of a scenario in canonical order, NULL-terminated. (transfer container) */
const char **cm_scenario_to_strv(guint scenario);
/* leader or 链主 */
gboolean cm_role_is_leader(const char *role);

G_END_DECLS
