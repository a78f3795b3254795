/* What a network map draws (SPEC section 5): the supply network summarised so that a map stays
 * readable. Per material (one segment bought by one buyer) the largest suppliers are drawn and
 * the rest merged into one entry per side (local / outside); a buyer's smallest materials may be
 * merged into one "other materials" entry; buyers whose purchases would push the map over its
 * enterprise cap keep them as one summary figure. Merged or not, the supplies of every material
 * drawn add up to the material's total, as in `procurement`. */
#pragma once

#include "cm_network.h"

G_BEGIN_DECLS

/* An enterprise drawn on the map. */
typedef struct {
  guint32 enterprise; /* dataset index */
  guint tier;         /* supply steps upstream of the focus (0: the focus, or a buyer of the
                       * whole network) */
  gboolean expanded;  /* its purchases are drawn as materials */
  /* purchases not drawn (a buyer that is not expanded): how many suppliers, what value */
  guint hidden_suppliers;
  double hidden_total, hidden_local;
} CmViewEnterprise;

/* A material node: what one drawn buyer bought of one segment, or of several ("other
 * materials", material == -1). */
typedef struct {
  guint32 buyer;       /* index into CmNetworkSummary.enterprises */
  gint64 material;     /* index into net->materials, or -1 for merged materials */
  guint32 segment;     /* when material >= 0 */
  guint n_materials;   /* materials it stands for (1 unless merged) */
  double local, total; /* bought from local suppliers, bought in all */
  guint suppliers;     /* distinct suppliers */
  gboolean ambiguous;  /* another drawn buyer buys the same segment: name the buyer */
} CmViewMaterial;

typedef enum {
  CM_VIEW_SUPPLIER, /* an enterprise node */
  CM_VIEW_REPEAT,   /* an enterprise drawn further downstream too (a cycle): a reference node, so
                     * that the flow runs one way */
  CM_VIEW_MERGED,   /* the remaining suppliers of the material on one side */
} CmViewSupplyKind;

/* One arrow into a material node. */
typedef struct {
  CmViewSupplyKind kind;
  guint32 material;   /* index into CmNetworkSummary.materials */
  guint32 enterprise; /* SUPPLIER, REPEAT: index into CmNetworkSummary.enterprises */
  gboolean local;     /* the supplier's side */
  guint count;        /* suppliers it stands for (1 unless merged) */
  double value;
} CmViewSupply;

typedef struct {
  guint top;             /* suppliers drawn per material and side merge; 0: chosen under the cap */
  gboolean all;          /* draw every supplier and material, no cap */
  guint max_enterprises; /* about this many enterprise nodes at most (0: default) */
  guint max_materials;   /* per buyer; the rest merged (0: all) */
} CmSummaryLimits;

#define CM_SUMMARY_DEFAULT_ENTERPRISES 50
#define CM_SUMMARY_DEFAULT_TOP 5 /* the most tried when top is 0 */

void cm_summary_limits_init(CmSummaryLimits *limits);

typedef struct {
  const CmNetwork *net;
  gint64 focus;
  guint depth;
  GArray *enterprises;     /* CmViewEnterprise; the focus first */
  GArray *materials;       /* CmViewMaterial, by buyer in expansion order, then value */
  GArray *supplies;        /* CmViewSupply, by material */
  guint top;               /* the per-material number used (G_MAXUINT: all) */
  guint merged_nodes;      /* CM_VIEW_MERGED entries */
  guint buyers_left_out;   /* whole network: buyers with purchases that are not drawn */
  guint buyers_summarised; /* drawn buyers whose purchases are one summary figure */
} CmNetworkSummary;

/* The summary of net around focus (an enterprise index; -1: every buyer, depth 1) within depth
 * supply steps upstream. (transfer full) */
CmNetworkSummary *cm_network_summary_new(const CmNetwork *net, gint64 focus, guint depth,
                                         const CmSummaryLimits *limits);
void cm_network_summary_free(CmNetworkSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmNetworkSummary, cm_network_summary_free)

/* The view index of an enterprise, or -1 when it is not drawn. */
gint64 cm_network_summary_find(const CmNetworkSummary *summary, guint32 enterprise);

G_END_DECLS
