/* The name shown to people: with --lang en the optional name_en column where the file gives one
 * (SPEC section 1), else name. JSON and CSV keep name. */
#pragma once

#include "cm_dataset.h"

G_BEGIN_DECLS

const char *cm_dataset_display_name(const CmDataset *ds); /* the title: name_en of [dataset] */
const char *cm_segment_display_name(const CmSegment *segment);
const char *cm_enterprise_display_name(const CmEnterprise *enterprise);

G_END_DECLS
