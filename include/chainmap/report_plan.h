/* chainmap: The plan report: which outside suppliers to land to reach the leaders' procurement
 * target, or what landing a given shortlist would do. */
#pragma once

#include <chainmap/plan.h>
#include <chainmap/report.h>

G_BEGIN_DECLS

/* Text and Markdown tell the path as a planner would, with what each landed supplier sells to
 * which leader; CSV has one row per step; JSON is SPEC section 4's. (transfer full) */
GString *cm_report_plan(const CmDataset *ds, const CmPlan *plan, const CmReportOptions *options);

G_END_DECLS
