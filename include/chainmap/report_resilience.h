/* chainmap: The resilience report: where the chain leaders' supply can break (single sources, one
 * province, concentration) and which suppliers they depend on most. */
#pragma once

#include <chainmap/report.h>
#include <chainmap/resilience.h>

G_BEGIN_DECLS

/* Text and Markdown read as a risk briefing, worst first; CSV has one row per leader input
 * (leader x segment); JSON is SPEC section 4's. (transfer full) */
GString *cm_report_resilience(const CmDataset *ds, const CmResilience *resilience,
                              const CmReportOptions *options);

G_END_DECLS
