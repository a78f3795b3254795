/* chainmap: a dataset (SPEC section 1): the reference chain's segments, the enterprises and the
 * supply rows, with integer indices (file order) and strings that live as long as the dataset.
 * CmDataset is opaque: read it with the accessors below; get one from cm_dataset_load()
 * (loader.h). Every pointer returned here is borrowed (transfer none) and valid until
 * cm_dataset_free(). */
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

/* A segment of the reference chain (a row of segments.csv). */
typedef struct {
  const char *id;
  const char *name;    /* the id when the file gives none */
  const char *name_en; /* NULL when unset; cm_segment_display_name() picks (display_name.h) */
  const char *group;   /* "" when unset */
  CmTier tier;
  guint32 inputs_offset; /* internal: use cm_dataset_segment_inputs() */
  guint32 n_inputs;
  guint32 line; /* physical line in segments.csv */
} CmSegment;

/* An enterprise (a row of enterprises.csv). */
typedef struct {
  const char *id;
  const char *name;
  const char *name_en; /* NULL when unset; cm_enterprise_display_name() picks (display_name.h) */
  const char *region;
  const char *role;        /* "" when unset */
  double output;           /* 0 when missing */
  guint32 segments_offset; /* internal: use cm_dataset_enterprise_segments() */
  guint32 n_segments;
  guint32 line;
  CmProjectStatus status;
  guint has_output : 1;
  guint leader : 1;
  guint local : 1; /* region lies in the study region */
} CmEnterprise;

/* A supply row: supplier sold value of segment to buyer. */
typedef struct {
  double value;
  guint32 supplier; /* enterprise index */
  guint32 buyer;    /* enterprise index */
  guint32 segment;  /* segment index */
  gint32 year;      /* CM_NO_YEAR when unset */
} CmSupply;

/* Columns of a table beyond the ones SPEC names (kept for tooltips). */
typedef struct {
  guint n;
  const char **names;
} CmExtraColumns;

/* The [analysis] section of dataset.ini. */
typedef struct {
  guint min_producers;
  double min_coverage;
  double procurement_target;
  guint scenario; /* CmProjectStatus bits */
} CmAnalysisParams;

/* The tables of a dataset, for the extra-column accessors. */
typedef enum {
  CM_DATASET_SEGMENTS,
  CM_DATASET_ENTERPRISES,
  CM_DATASET_SUPPLY,
} CmDatasetTable;

typedef struct _CmDataset CmDataset;
typedef struct _CmTemplate CmTemplate;

void cm_dataset_free(CmDataset *ds);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmDataset, cm_dataset_free)

/* [dataset] of dataset.ini: name, its English name_en (NULL when unset), study region
 * (normalised, see region.h), money unit, and the ini path as the caller named it. */
const char *cm_dataset_name(const CmDataset *ds);
const char *cm_dataset_name_en(const CmDataset *ds);
const char *cm_dataset_region(const CmDataset *ds);
const char *cm_dataset_unit(const CmDataset *ds);
const char *cm_dataset_source(const CmDataset *ds);
const CmAnalysisParams *cm_dataset_params(const CmDataset *ds);

guint cm_dataset_n_segments(const CmDataset *ds);
const CmSegment *cm_dataset_segment(const CmDataset *ds, guint i);
/* The segment indices s takes as inputs (s->n_inputs of them). */
const guint32 *cm_dataset_segment_inputs(const CmDataset *ds, const CmSegment *s);

guint cm_dataset_n_enterprises(const CmDataset *ds);
const CmEnterprise *cm_dataset_enterprise(const CmDataset *ds, guint i);
/* The segment indices e lists (e->n_segments of them). */
const guint32 *cm_dataset_enterprise_segments(const CmDataset *ds, const CmEnterprise *e);
/* TRUE when the enterprise lists segment s. */
gboolean cm_enterprise_produces(const CmDataset *ds, const CmEnterprise *e, guint32 s);

/* FALSE when the dataset has no supply table. Rows are in file order, self-supply dropped,
 * duplicates merged. */
gboolean cm_dataset_has_supply(const CmDataset *ds);
guint cm_dataset_n_supply_rows(const CmDataset *ds);
const CmSupply *cm_dataset_supply_row(const CmDataset *ds, guint i);

/* The reference chain as a graph (template.h). */
const CmTemplate *cm_dataset_template(const CmDataset *ds);

/* Lookups by id; -1 when unknown. */
gint64 cm_dataset_find_segment(const CmDataset *ds, const char *id);
gint64 cm_dataset_find_enterprise(const CmDataset *ds, const char *id);

/* Extra columns of a table: their names, and the value of column k of row (NULL when none). */
const CmExtraColumns *cm_dataset_extra_columns(const CmDataset *ds, CmDatasetTable table);
const char *cm_dataset_extra_field(const CmDataset *ds, CmDatasetTable table, guint row, guint k);

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
