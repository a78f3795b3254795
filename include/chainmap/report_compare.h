/* chainmap: The compare report: a status matrix of segments by column, each column's completeness
 * and leaders' local share, and the status changes between neighbouring columns. */
#pragma once

#include <chainmap/compare.h>
#include <chainmap/report.h>

G_BEGIN_DECLS

/* Text (coloured when options->color), Markdown, CSV (one row per segment and column) or JSON
 * (SPEC section 4). (transfer full) */
GString *cm_report_compare(const CmDataset *ds, const CmCompare *compare,
                           const CmReportOptions *options);

/* A segment's status in words for people ("gap", "缺链" ...), following the language. */
const char *cm_report_status_word(CmSegmentStatus status);

G_END_DECLS
