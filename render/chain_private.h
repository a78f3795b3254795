/* Shared by the chain-map writers: chain_map.c (segments: the whole template or a detail map),
 * chain_overview.c (a node per part) and chain_views.c (which map, how summarised). */
#pragma once

#include "cm_chainmap_change.h"
#include "cm_template_view.h"
#include "map_private.h"

/* What every chain map of a dataset is drawn from, computed once per map. */
typedef struct {
  const CmDataset *ds;
  const CmAnalysisOptions *options;
  CmGaps *gaps;
  CmProcurement *procurement;
  GArray *edge_flows;                 /* CmEdgeFlow */
  GPtrArray *producers;               /* per segment: GArray of guint32, counted local producers */
  CmTemplateParts *parts;             /* groups, or tiers for ungrouped segments */
  const struct CmChainChange *change; /* render --compare: segments marked; NULL: none */
} CmChainData;

gboolean cm_chain__data_init(CmChainData *data, const CmDataset *ds,
                             const CmAnalysisOptions *options, GError **error);
void cm_chain__data_clear(CmChainData *data);

/* The title block: dataset, whole-template figures, subtitle (NULL: none), legend. */
char *cm_chain__title(const CmChainData *data, const CmMapStyle *style, const char *subtitle);

/* The segments of view (NULL: all) as a graph to lay out; compact nodes hold names, status and
 * counts only. (transfer full: agclose) */
Agraph_t *cm_chain__segments_graph(const CmChainData *data, const CmMapStyle *style,
                                   const CmSegmentView *view, gboolean compact,
                                   const char *subtitle);

/* The overview: one node per part (per tier with tiers_only) and the edges between them.
 * (transfer full: agclose) */
Agraph_t *cm_chain__overview_graph(const CmChainData *data, const CmMapStyle *style,
                                   gboolean tiers_only);
