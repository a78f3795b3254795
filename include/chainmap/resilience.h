/* chainmap: Resilience of the chain leaders' supply (SPEC section 2, "Leaders' supply:
 * resilience"): for each counted local leader and each segment it buys, how many suppliers it has,
 * how concentrated they are (by enterprise and by province), how much comes from outside, and who
 * the top supplier is; for each supplier of the leaders, what they would lose without it. */
#pragma once

#include <chainmap/analysis.h>

G_BEGIN_DECLS

/* One leader input: what leader L bought of segment s, from suppliers with a value > 0. */
typedef struct {
  guint32 leader;  /* enterprise index */
  guint32 segment; /* segment index */
  double value;    /* V: the sum over its suppliers */
  guint suppliers;
  double hhi;           /* sum of squared supplier shares; 1 for a single source */
  double region_hhi;    /* the same over the suppliers' provinces */
  double outside_share; /* from non-local suppliers / V */
  guint32 top_supplier; /* the largest (a tie: first in the enterprises file) */
  double top_share;
  guint provinces; /* distinct provinces of its suppliers */
} CmResiliencePair;

static inline gboolean
cm_resilience_pair_single_source(const CmResiliencePair *p)
{
  return p->suppliers == 1;
}

/* One supplier of the leaders: what they buy from it, and the part where it is the only source. */
typedef struct {
  guint32 enterprise;
  gboolean local;
  double leaders_value;
  double sole_value;
  guint pairs;
  guint sole_pairs;
} CmResilienceSupplier;

typedef struct {
  CmAnalysisOptions options;
  GArray *leaders;   /* guint32: counted local leaders, enterprises-file order */
  GArray *pairs;     /* CmResiliencePair: leaders in file order, then segments in template order */
  GArray *suppliers; /* CmResilienceSupplier: sole_value desc, leaders_value desc, id */
  guint single_source;        /* pairs with one supplier */
  double value;               /* sum of the pairs' values */
  double single_source_value; /* sum over single-source pairs */
} CmResilience;

CmResilience *cm_resilience_compute(const CmDataset *ds, const CmAnalysisOptions *options,
                                    GError **error);
void cm_resilience_free(CmResilience *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmResilience, cm_resilience_free)

/* The pair of leader (enterprise index) and segment, or NULL when the leader buys none of it
 * (or is no counted local leader). A binary search: pairs are sorted by leader, then segment. */
const CmResiliencePair *cm_resilience_find(const CmResilience *r, guint32 leader, guint32 segment);

/* TRUE when leader's purchase of segment comes from a single supplier (for the maps). */
gboolean cm_resilience_single_source(const CmResilience *r, guint32 leader, guint32 segment);

/* The province of a region path: the text before the first '/', trimmed. (transfer full) */
char *cm_region_province(const char *region);

G_END_DECLS
