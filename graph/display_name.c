#include "cm_display_name.h"
#include "cm_i18n.h"

const char *
cm_dataset_display_name(const CmDataset *ds)
{
  if (ds->name_en && *ds->name_en && cm_lang_get() == CM_LANG_EN)
    return ds->name_en;
  return ds->name;
}

const char *
cm_segment_display_name(const CmSegment *segment)
{
  if (segment->name_en && *segment->name_en && cm_lang_get() == CM_LANG_EN)
    return segment->name_en;
  return segment->name;
}

const char *
cm_enterprise_display_name(const CmEnterprise *enterprise)
{
  if (enterprise->name_en && *enterprise->name_en && cm_lang_get() == CM_LANG_EN)
    return enterprise->name_en;
  return enterprise->name;
}
