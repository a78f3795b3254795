/* chainmap resilience DATASET: single sources and concentration in the chain leaders' supply. */
#include "cli.h"
#include "cm_report_resilience.h"
#include "report_cmd.h"

int
cm_cmd_resilience(int argc, char **argv)
{
  g_auto(CmReportCommand) cmd = {0};
  int rc = cm_report_command_parse(&cmd, "resilience", NULL, argc, argv);
  if (rc == CM_EXIT_OK)
    rc = cm_report_command_load(&cmd, "resilience");
  if (rc != CM_EXIT_OK)
    return rc;
  g_autoptr(GError) err = NULL;
  g_autoptr(CmResilience) r = cm_resilience_compute(cmd.dataset, &cmd.analysis, &err);
  if (!r)
    return cm_report_command_failed("resilience", err);
  g_autoptr(GString) out = cm_report_resilience(cmd.dataset, r, &cmd.report);
  return cm_report_command_write(&cmd, out);
}
