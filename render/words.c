#include "words.h"
#include "cm_i18n.h"

const char *
cm_words_tier(CmTier tier)
{
  switch (tier) {
  case CM_TIER_UPSTREAM:
    return C_("tier", "upstream");
  case CM_TIER_MIDSTREAM:
    return C_("tier", "midstream");
  case CM_TIER_DOWNSTREAM:
    return C_("tier", "downstream");
  }
  return "";
}

const char *
cm_words_status(CmSegmentStatus status)
{
  switch (status) {
  case CM_SEGMENT_STRONG:
    return C_("status", "strong");
  case CM_SEGMENT_WEAK:
    return C_("status", "weak");
  case CM_SEGMENT_GAP:
    return C_("status", "gap");
  case CM_SEGMENT_FRONTIER:
    return C_("status", "frontier");
  case CM_SEGMENT_ABSENT:
    return C_("status", "absent");
  }
  return "";
}

const char *
cm_words_action(CmAction action)
{
  switch (action) {
  case CM_ACTION_STRENGTHEN:
    return C_("action", "strengthen");
  case CM_ACTION_SUPPLEMENT:
    return C_("action", "supplement");
  case CM_ACTION_EXTEND:
    return C_("action", "extend");
  case CM_ACTION_NONE:
    break;
  }
  return "";
}

const char *
cm_words_direction(CmDirection direction)
{
  switch (direction) {
  case CM_DIRECTION_UPSTREAM:
    return C_("direction", "upstream");
  case CM_DIRECTION_DOWNSTREAM:
    return C_("direction", "downstream");
  case CM_DIRECTION_NONE:
    break;
  }
  return "";
}

const char *
cm_words_project_status(CmProjectStatus status)
{
  switch (status) {
  case CM_PROJECT_OPERATING:
    return _("operating");
  case CM_PROJECT_CONSTRUCTION:
    return _("under construction");
  case CM_PROJECT_SIGNED:
    return _("signed");
  }
  return "";
}
