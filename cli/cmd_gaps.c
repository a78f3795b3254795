/* chainmap gaps DATASET: each segment's status and the three action lists (strengthen 强链,
 * supplement 补链, extend 延链). */
#include "cli.h"
#include "report_cmd.h"

int
cm_cmd_gaps(int argc, char **argv)
{
  g_auto(CmReportCommand) cmd = {0};
  int rc = cm_report_command_parse(&cmd, "gaps", NULL, argc, argv);
  if (rc == CM_EXIT_OK)
    rc = cm_report_command_load(&cmd, "gaps");
  if (rc != CM_EXIT_OK)
    return rc;
  g_autoptr(GError) err = NULL;
  g_autoptr(CmGaps) gaps = cm_gaps_compute(cmd.dataset, &cmd.analysis, &err);
  if (!gaps)
    return cm_report_command_failed("gaps", err);
  g_autoptr(GString) out = cm_report_gaps(cmd.dataset, gaps, &cmd.report);
  return cm_report_command_write(&cmd, out);
}
