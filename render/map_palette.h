/* Colours of the chain maps: light fills that print well in grey, strong borders that tell the
 * statuses apart; frontier is also dashed so that it survives black-and-white copies. */
#pragma once

#include "cm_analysis.h"

typedef struct {
  const char *fill;
  const char *border;
  const char *style; /* node style */
  const char *penwidth;
  const char *en; /* legend words */
  const char *zh;
} CmStatusColours;

static const CmStatusColours cm_map_status_colours[CM_SEGMENT_STATUS_COUNT] = {
    [CM_SEGMENT_STRONG] = {"#d8efd3", "#2e7d32", "rounded,filled", "1.4", "strong", "强"},
    [CM_SEGMENT_WEAK] = {"#ffedb8", "#c77700", "rounded,filled", "1.4", "weak", "弱"},
    [CM_SEGMENT_GAP] = {"#f9d0cb", "#c62828", "rounded,filled", "2.2", "gap", "缺"},
    [CM_SEGMENT_FRONTIER] = {"#e4ebf2", "#5b7186", "rounded,filled,dashed", "1.4", "frontier",
                             "延"},
    [CM_SEGMENT_ABSENT] = {"#f3f3f3", "#b3b3b3", "rounded,filled", "1", "absent", "无"},
};

/* Network view: local enterprises, outside ones, and material nodes by local share. */
#define CM_MAP_LOCAL_FILL "#d6ecf3"
#define CM_MAP_LOCAL_BORDER "#1d6f8a"
#define CM_MAP_OUTSIDE_FILL "#f1eef6"
#define CM_MAP_OUTSIDE_BORDER "#8c7aa6"
#define CM_MAP_NEUTRAL_FILL "#eeeeee"
#define CM_MAP_NEUTRAL_BORDER "#9aa1a9"
#define CM_MAP_LEADER_BORDER "#b8860b"
#define CM_MAP_TEXT_MUTED "#5f6b7a"
#define CM_MAP_LEADER_MARK "\xe2\x98\x85" /* ★ */
