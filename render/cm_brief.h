/* The briefing in one file (SPEC sections 3 and 4, `chainmap brief`): a self-contained HTML page
 * (figures, chain maps as inline SVG, the action lists, the leaders' procurement and path to
 * target, resilience, targets) and an Excel workbook of the same figures. Both are written from
 * one CmBrief: the analyses every other report uses, computed once. */
#pragma once

#include "cm_analysis.h"
#include "cm_chainmap.h"
#include "cm_plan.h"
#include "cm_resilience.h"

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_BRIEF_HTML,
  CM_BRIEF_XLSX,
} CmBriefFormat;

/* "html" or "xlsx" (any case). */
gboolean cm_brief_format_from_string(const char *name, CmBriefFormat *format);
/* The format named by a file's extension (.html, .htm, .xlsx; any case). */
gboolean cm_brief_format_from_path(const char *path, CmBriefFormat *format);

/* The analyses of one dataset under one set of options; ds and the options are borrowed. */
typedef struct {
  const CmDataset *ds;
  CmAnalysisOptions options;
  CmGaps *gaps;
  CmProcurement *procurement;
  CmTargets *targets;
  CmPlan *plan; /* the greedy path */
  CmResilience *resilience;
} CmBrief;

/* (transfer full) */
CmBrief *cm_brief_compute(const CmDataset *ds, const CmAnalysisOptions *options, GError **error);
void cm_brief_free(CmBrief *brief);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmBrief, cm_brief_free)

/* The page. date is shown under the title and on the maps (NULL: today, or SOURCE_DATE_EPOCH).
 * (transfer full) */
GBytes *cm_brief_html(const CmBrief *brief, const char *date, GError **error);

/* The workbook: sheets summary, segments, procurement, targets, plan, resilience (names in the
 * language in force). (transfer full) */
GBytes *cm_brief_xlsx(const CmBrief *brief, GError **error);

/* Either, by format. */
GBytes *cm_brief_render(const CmBrief *brief, CmBriefFormat format, const char *date,
                        GError **error);

G_END_DECLS
