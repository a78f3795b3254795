/* What a chain map of a large template draws (SPEC section 5): the overview (one node per group,
 * or per tier for segments without a group, with its status counts and leakage) and the
 * selections of the detail maps (`--group NAME`, `--focus SEGMENT --depth K`). */
#pragma once

#include "cm_analysis.h"
#include "cm_dataset.h"

G_BEGIN_DECLS

/* Templates with more segments than this get an overview and detail maps. */
#define CM_TEMPLATE_VIEW_MAX_SEGMENTS 60

/* A part of the template: a group, or a tier's segments that have no group. */
typedef struct {
  const char *key;  /* the group's name, or the tier's English word (borrowed) */
  CmTier tier;      /* of its first segment */
  gboolean is_tier; /* the ungrouped segments of a tier */
  GArray *segments; /* guint32, template order */
  guint count[CM_SEGMENT_STATUS_COUNT];
  guint local_producers;
  double leakage, local_demand;
} CmTemplatePart;

/* An edge of the overview: how many template edges run from one part to another. */
typedef struct {
  guint32 from, to; /* part indices */
  guint edges;
  gboolean back; /* from a later tier to an earlier one (recycling) */
} CmTemplatePartEdge;

typedef struct {
  GPtrArray *parts; /* CmTemplatePart *, in order of first segment */
  GArray *edges;    /* CmTemplatePartEdge, by from, then to */
  guint32 *part_of; /* per segment: its part */
} CmTemplateParts;

/* The parts of ds's template, with the statuses of gaps (one result per segment). */
CmTemplateParts *cm_template_parts_new(const CmDataset *ds, const CmSegmentResult *results);
void cm_template_parts_free(CmTemplateParts *parts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmTemplateParts, cm_template_parts_free)

/* The part named key: a group's name, else a tier's English word (its ungrouped segments);
 * -1 when none. */
gint cm_template_parts_find(const CmTemplateParts *parts, const char *key);

/* How a detail map shows a segment. */
typedef enum {
  CM_VIEW_HIDDEN,
  CM_VIEW_FULL, /* selected */
  CM_VIEW_STUB, /* a direct input or output of a selected segment, drawn small */
} CmSegmentView;

/* Per segment, for `--group`: the part's segments full, their direct inputs and outputs as
 * stubs. (transfer full) */
CmSegmentView *cm_template_select_part(const CmDataset *ds, const CmTemplateParts *parts,
                                       guint part);

/* Per segment, for `--focus SEGMENT --depth K`: the segments within depth template steps of
 * focus (edges followed either way) full, the next step as stubs. (transfer full) */
CmSegmentView *cm_template_select_near(const CmDataset *ds, guint32 focus, guint depth);

G_END_DECLS
