/* chainmap: the analyses of SPEC section 2: segment status and the three action lists (gaps), local
 * procurement of buyers and chain leaders, and investment targets. Results use the dataset's
 * indices; renderers turn them into text. */
#pragma once

#include <chainmap/dataset.h>

G_BEGIN_DECLS

/* What is counted: enterprises whose status is in scenario, supply rows whose supplier and buyer
 * both count, of every year or only of year; and which enterprises are local. */
typedef struct {
  guint scenario; /* CmProjectStatus bits */
  gboolean by_year;
  gint32 year;
  /* Another study region than the dataset's: one byte per enterprise, 1 when local to it (see
   * cm_locality_new), borrowed for as long as the options and results are used. NULL: the
   * dataset's own region (CmEnterprise.local). */
  const guint8 *local;
} CmAnalysisOptions;

/* The dataset's own scenario and region, all years. */
void cm_analysis_options_init(CmAnalysisOptions *options, const CmDataset *ds);

/* TRUE when the enterprise counts under the options. */
static inline gboolean
cm_analysis_counts(const CmAnalysisOptions *o, const CmEnterprise *e)
{
  return (o->scenario & e->status) != 0;
}
/* TRUE when enterprise i (index) is local to the study region of the options. */
static inline gboolean
cm_analysis_is_local(const CmAnalysisOptions *o, const CmDataset *ds, guint32 i)
{
  return o->local ? o->local[i] != 0 : cm_dataset_enterprise(ds, i)->local;
}
/* TRUE when the supply row counts: both ends count and the year fits. */
gboolean cm_analysis_counts_supply(const CmAnalysisOptions *o, const CmDataset *ds,
                                   const CmSupply *row);

typedef enum {
  CM_SEGMENT_STRONG,
  CM_SEGMENT_WEAK,
  CM_SEGMENT_GAP,
  CM_SEGMENT_FRONTIER,
  CM_SEGMENT_ABSENT,
} CmSegmentStatus;
#define CM_SEGMENT_STATUS_COUNT 5

typedef enum {
  CM_ACTION_NONE,
  CM_ACTION_STRENGTHEN, /* 强链 */
  CM_ACTION_SUPPLEMENT, /* 补链 */
  CM_ACTION_EXTEND,     /* 延链 */
} CmAction;

typedef enum {
  CM_DIRECTION_NONE,
  CM_DIRECTION_UPSTREAM,
  CM_DIRECTION_DOWNSTREAM,
} CmDirection;

/* Why a segment got its status, for reports that spell the reason out. */
typedef enum {
  CM_REASON_NONE,
  CM_REASON_FEW_PRODUCERS, /* weak: local_producers < min_producers */
  CM_REASON_LOW_COVERAGE,  /* weak: coverage < min_coverage (may add to FEW_PRODUCERS) */
  CM_REASON_FEEDS_PRESENT, /* gap: input of a present segment (reason_segment) */
  CM_REASON_LOCAL_DEMAND,  /* gap: local buyers buy it, from outside */
} CmReason;

typedef struct {
  CmSegmentStatus status;
  guint local_producers;
  guint leaders;
  double local_output;
  double local_demand;
  double local_supplied;
  double leakage;
  double coverage; /* meaningful when has_coverage */
  gboolean has_coverage;
  CmDirection direction; /* frontier only */
  gint distance;         /* frontier only; -1 otherwise */
  guint reasons;         /* CmReason bits: 1 << reason */
  gint reason_segment;   /* gap (FEEDS_PRESENT): the first present segment it feeds; frontier: the
                          * nearest present segment (template order breaks ties); else -1 */
} CmSegmentResult;

typedef struct {
  CmAnalysisOptions options;
  guint n_segments;
  CmSegmentResult *segments; /* template order */
  GArray *strengthen;        /* guint32 segment indices, ranked as SPEC says */
  GArray *supplement;
  GArray *extend;
  guint present;
  guint count[CM_SEGMENT_STATUS_COUNT];
  double completeness; /* present / segments (0 with no segments) */
} CmGaps;

CmGaps *cm_gaps_compute(const CmDataset *ds, const CmAnalysisOptions *options, GError **error);
void cm_gaps_free(CmGaps *gaps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmGaps, cm_gaps_free)

const char *cm_segment_status_to_string(CmSegmentStatus status); /* "strong", ... */
CmAction cm_segment_status_action(CmSegmentStatus status);
const char *cm_action_to_string(CmAction action);  /* "strengthen", ...; NULL for none */
const char *cm_direction_to_string(CmDirection d); /* "upstream", ...; NULL for none */

/* Local procurement. */
typedef struct {
  guint32 buyer; /* enterprise index */
  double local;
  double total; /* > 0 */
  double ratio; /* local / total */
} CmBuyerProcurement;

/* One line of a leader's audit trail: what it bought of one segment, from where. */
typedef struct {
  guint32 segment;
  double local;
  double outside;
  guint rows; /* supply rows behind the figures */
} CmPurchaseLine;

typedef struct {
  guint32 leader;     /* enterprise index */
  GArray *by_segment; /* CmPurchaseLine, template order, segments it buys */
} CmLeaderAudit;

typedef struct {
  CmAnalysisOptions options;
  double target;
  GArray *leaders; /* guint32: counted local leaders, enterprises-file order */
  double leaders_local, leaders_total;
  gboolean leaders_has_ratio;
  double leaders_ratio;
  gboolean meets_target;
  double region_local, region_total;
  gboolean region_has_ratio;
  double region_ratio;
  GArray *buyers; /* CmBuyerProcurement: leaders first, then total descending, then id */
  GArray *audit;  /* CmLeaderAudit, one per entry of leaders */
} CmProcurement;

CmProcurement *cm_procurement_compute(const CmDataset *ds, const CmAnalysisOptions *options,
                                      GError **error);
void cm_procurement_free(CmProcurement *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmProcurement, cm_procurement_free)

/* Investment targets: whom to invite. A target's two lists live in CmTargets.lists (one array
 * for all, not two per target): read them with cm_target_fills() and
 * cm_target_leaders_served(). */
typedef struct {
  guint32 enterprise;
  guint priority; /* 1 gap, 2 weak, 3 frontier, 4 none */
  double value_to_local;
  double leaders_gain; /* its supply to counted local leaders: what landing it makes local */
  guint local_buyers;
  guint n_fills;          /* segments it fills */
  guint n_leaders_served; /* local chain leaders it supplies */
  gsize lists_offset;     /* into CmTargets.lists: the fills, then the leaders served */
} CmTarget;

typedef struct {
  CmAnalysisOptions options;
  GArray *targets;      /* CmTarget, ranked: priority, value_to_local descending, id */
  GArray *lists;        /* guint32: every target's fills and leaders served, see CmTarget */
  double leaders_total; /* all the counted local leaders bought (T of the path to target) */
} CmTargets;

/* Segment indices the target fills, template order (n_fills of them). */
static inline const guint32 *
cm_target_fills(const CmTargets *t, const CmTarget *target)
{
  return &g_array_index(t->lists, guint32, target->lists_offset);
}
/* Enterprise indices of the local chain leaders it supplies, enterprises-file order
 * (n_leaders_served of them). */
static inline const guint32 *
cm_target_leaders_served(const CmTargets *t, const CmTarget *target)
{
  return &g_array_index(t->lists, guint32, target->lists_offset + target->n_fills);
}

/* Uses the statuses of gaps (computed with the same options). */
CmTargets *cm_targets_compute(const CmDataset *ds, const CmGaps *gaps, GError **error);
void cm_targets_free(CmTargets *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmTargets, cm_targets_free)

G_END_DECLS
