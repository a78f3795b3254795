/* chainmap: the name shown to people. In English (cm_lang_get() of lang.h) the optional name_en
 * of the dataset, a segment or an enterprise where the file gives one (SPEC section 1), else
 * name; in Chinese always name. JSON and CSV keep name. Borrowed, as long as the dataset. */
#pragma once

#include <chainmap/dataset.h>

#include <glib.h>

G_BEGIN_DECLS

const char *cm_dataset_display_name(const CmDataset *ds); /* the title: name_en of [dataset] */
const char *cm_segment_display_name(const CmSegment *segment);
const char *cm_enterprise_display_name(const CmEnterprise *enterprise);

G_END_DECLS
