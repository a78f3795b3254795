/* chainmap: The chain map of a change: the chain view under one setting with every segment marked
 * whose status differs from another setting's (render --compare: the last column against the one
 * before it), so that a briefing slide can say what the signed projects add. */
#pragma once

#include <chainmap/map.h>

G_BEGIN_DECLS

typedef struct CmChainChange {
  const CmSegmentStatus *previous; /* per segment (template order): its status before */
  const char *previous_label;      /* what "before" was: a region, a scenario, a year */
  const char *label;               /* what this map shows, in the same words */
} CmChainChange;

/* cm_chainmap_render with each segment whose status under options differs from
 * change->previous marked (a badge "was <status>", a heavier border, a legend entry); in
 * -T dot those nodes carry previous_status="<status>". (transfer full) */
GBytes *cm_chainmap_render_change(const CmDataset *ds, const CmAnalysisOptions *options,
                                  const CmChainChange *change, const CmMapStyle *style,
                                  GError **error);

G_END_DECLS
