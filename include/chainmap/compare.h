/* chainmap: Comparison (SPEC section 2): the segment analysis and the leaders' procurement repeated
 * with one setting changed per column (study region, scenario or year), on one loaded dataset, and
 * the segments whose status changes between neighbouring columns. */
#pragma once

#include <chainmap/analysis.h>

G_BEGIN_DECLS

typedef enum {
  CM_COMPARE_BY_REGION,
  CM_COMPARE_BY_SCENARIO,
  CM_COMPARE_BY_YEAR,
} CmCompareBy;

/* "region", "scenario" or "year". */
const char *cm_compare_by_to_string(CmCompareBy by);

/* One column's setting; only the field of the comparison's kind is read. */
typedef struct {
  const char *region; /* a study region path */
  guint scenario;     /* CmProjectStatus bits */
  gint32 year;
} CmCompareSetting;

/* The chain leaders' procurement in one column: the leaders figure of CmProcurement. */
typedef struct {
  GArray *ids; /* guint32: counted local leaders, enterprises-file order */
  double local, total;
  gboolean has_ratio; /* total > 0 */
  double ratio;
  gboolean meets_target;
} CmCompareLeaders;

typedef struct {
  char *label;               /* the region, the scenario joined by ',', or the year */
  char *region;              /* the column's study region (normalized) */
  CmAnalysisOptions options; /* what the column counts; .local points into the column */
  guint n_local;             /* enterprises local to region (any status) */
  guint year_rows;           /* supply rows of options.year when by_year, else 0 */
  CmGaps *gaps;              /* as cm_gaps_compute with options */
  CmCompareLeaders leaders;  /* as cm_procurement_compute with options */
  guint8 *local;             /* private: the locality of region, or NULL (the dataset's) */
} CmCompareColumn;

/* A segment whose status differs between columns from and to = from + 1. */
typedef struct {
  guint32 segment;
  guint from, to;
} CmCompareChange;

typedef struct {
  CmCompareBy by;
  guint n_columns;
  CmCompareColumn *columns; /* in the order given */
  GArray *changes;          /* CmCompareChange: by column pair, then template order */
} CmCompare;

/* Computes n columns (n >= 2) of kind by. base holds the settings every column shares (the
 * scenario, the year); region the shared study region (NULL: the dataset's). The supply rows are
 * read once for all columns. (transfer full) */
CmCompare *cm_compare_compute(const CmDataset *ds, const CmAnalysisOptions *base,
                              const char *region, CmCompareBy by, const CmCompareSetting *settings,
                              guint n, GError **error);
void cm_compare_free(CmCompare *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmCompare, cm_compare_free)

/* The status of segment s in column k. */
static inline CmSegmentStatus
cm_compare_status(const CmCompare *c, guint k, guint32 s)
{
  return c->columns[k].gaps->segments[s].status;
}

G_END_DECLS
