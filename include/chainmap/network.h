/* chainmap: the supply network: who sells what to whom, from the counted supply rows (SPEC section
 * 2). Enterprises are igraph vertices (same index as in the dataset) with an edge supplier -> buyer
 * for each pair linked by at least one counted row. Flows sum the rows per supplier, buyer and
 * segment; materials sum them per buyer and segment (what the network view draws). */
#pragma once

#include <chainmap/analysis.h>
#include <chainmap/dataset.h>

#include <igraph.h>

G_BEGIN_DECLS

/* Counted supply of one segment from one supplier to one buyer, years summed as the options say. */
typedef struct {
  guint32 supplier;
  guint32 buyer;
  guint32 segment;
  double value;
} CmFlow;

/* What one buyer bought of one segment: in all, and from local suppliers. */
typedef struct {
  guint32 buyer;
  guint32 segment;
  double local;
  double total;
  guint suppliers; /* distinct suppliers */
} CmMaterial;

typedef struct {
  const CmDataset *ds;
  CmAnalysisOptions options;
  GArray *flows;     /* CmFlow, by buyer, then segment, then supplier (file orders) */
  GArray *materials; /* CmMaterial, by buyer, then segment; flows of one material are adjacent */
  igraph_t graph;    /* one vertex per enterprise; edge supplier -> buyer */
} CmNetwork;

/* The network keeps a pointer to ds, which must outlive it. (transfer full: cm_network_free) */
CmNetwork *cm_network_new(const CmDataset *ds, const CmAnalysisOptions *options, GError **error);
void cm_network_free(CmNetwork *net);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmNetwork, cm_network_free)

/* Fewest supply steps from each enterprise up to focus (e -> ... -> focus): 0 for focus, -1 when
 * no chain of counted rows leads to focus. One entry per enterprise. (transfer full) */
gint *cm_network_upstream_distances(const CmNetwork *net, guint32 focus, GError **error);

/* The enterprises within depth supply steps upstream of focus, focus included, in file order
 * (guint32 indices). (transfer full) */
GArray *cm_network_upstream(const CmNetwork *net, guint32 focus, guint depth, GError **error);

/* Purchases of the inputs of a segment, spread over the template edges: for each edge
 * input -> segment, what local producers of segment bought of input. A buyer's purchase of
 * input is split equally among the segments it produces that take input (so that no value is
 * counted twice); purchases by local buyers that produce none of them are on no edge. */
typedef struct {
  guint32 input;
  guint32 segment;
  double value; /* counted rows, local buyers */
  double local; /* of which from local suppliers */
} CmEdgeFlow;

/* One entry per template edge, in template order (segments, then their inputs). (transfer full) */
GArray *cm_network_edge_flows(const CmDataset *ds, const CmAnalysisOptions *options);

G_END_DECLS
