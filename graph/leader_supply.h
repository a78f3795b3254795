/* What the counted local chain leaders bought, summed per leader, segment and supplier: the
 * ground of the resilience and path-to-target analyses (SPEC section 2). One pass over the supply
 * rows picks the leaders' rows; a radix sort on an integer key (leader, segment, supplier)
 * brings the rows of each triple together, so no hash table of strings is needed. */
#pragma once

#include "analysis_private.h"

typedef struct {
  guint32 leader;   /* slot in CmLeaderSupply.leaders */
  guint32 segment;  /* segment index */
  guint32 supplier; /* enterprise index */
  double value;     /* summed over the rows, in row order */
} CmLeaderFlow;

typedef struct {
  GArray *leaders;     /* guint32: counted local leaders, enterprises-file order */
  CmLeaderFlow *flows; /* by leader slot, then segment, then supplier (all index order) */
  gsize n_flows;
  double local, total; /* the leaders' procurement figure, summed as cm_procurement_compute does */
} CmLeaderSupply;

/* Fills ls (zeroed by the caller). FALSE (error set) only when the key space overflows. */
gboolean cm_leader_supply__collect(CmLeaderSupply *ls, const CmDataset *ds,
                                   const CmAnalysisOptions *options, GError **error);
void cm_leader_supply__clear(CmLeaderSupply *ls);
