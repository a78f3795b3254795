/* The words of the model as people read them in the language in force: tiers, segment statuses,
 * actions and directions. JSON, CSV and DOT attributes keep the English enum values. */
#pragma once

#include "cm_analysis.h"
#include "cm_dataset.h"

G_BEGIN_DECLS

const char *cm_words_tier(CmTier tier);                /* "upstream" / 上游 */
const char *cm_words_status(CmSegmentStatus status);   /* "weak" / 薄弱 */
const char *cm_words_action(CmAction action);          /* "strengthen" / 强链; "" for none */
const char *cm_words_direction(CmDirection direction); /* "upstream" / 上游; "" for none */
const char *cm_words_project_status(CmProjectStatus status); /* "signed" / 签约 */

G_END_DECLS
