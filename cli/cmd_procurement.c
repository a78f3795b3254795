/* chainmap procurement DATASET: the local share of the chain leaders' and the region's
 * procurement, traced to each leader's purchases. */
#include "cli.h"
#include "report_cmd.h"

int
cm_cmd_procurement(int argc, char **argv)
{
  g_auto(CmReportCommand) cmd = {0};
  int rc = cm_report_command_parse(&cmd, "procurement", NULL, argc, argv);
  if (rc == CM_EXIT_OK)
    rc = cm_report_command_load(&cmd, "procurement");
  if (rc != CM_EXIT_OK)
    return rc;
  g_autoptr(GError) err = NULL;
  g_autoptr(CmProcurement) p = cm_procurement_compute(cmd.dataset, &cmd.analysis, &err);
  if (!p)
    return cm_report_command_failed("procurement", err);
  g_autoptr(GString) out = cm_report_procurement(cmd.dataset, p, &cmd.report);
  return cm_report_command_write(&cmd, out);
}
