/* chainmap targets DATASET [--top N]: outside enterprises to invite, ranked. */
#include "cli.h"
#include "report_cmd.h"
#include "cm_i18n.h"

int
cm_cmd_targets(int argc, char **argv)
{
  g_autofree char *top_arg = NULL;
  gint top = 0; /* all */
  GOptionEntry entries[] = {
      {"top", 'n', 0, G_OPTION_ARG_STRING, &top_arg, N_("show the first N targets only"), "N"},
      G_OPTION_ENTRY_NULL,
  };
  g_auto(CmReportCommand) cmd = {0};
  int rc = cm_report_command_parse(&cmd, "targets", entries, argc, argv);
  if (rc != CM_EXIT_OK)
    return rc;
  if (!cm_cli_parse_count("targets", "--top", top_arg, 1, G_MAXINT, &top))
    return CM_EXIT_USAGE;
  cmd.report.top = (guint)top;
  rc = cm_report_command_load(&cmd, "targets");
  if (rc != CM_EXIT_OK)
    return rc;
  g_autoptr(GError) err = NULL;
  g_autoptr(CmGaps) gaps = cm_gaps_compute(cmd.dataset, &cmd.analysis, &err);
  if (!gaps)
    return cm_report_command_failed("targets", err);
  g_autoptr(CmTargets) targets = cm_targets_compute(cmd.dataset, gaps, &err);
  if (!targets)
    return cm_report_command_failed("targets", err);
  /* written as it is formed: national targets are half a gigabyte of text */
  CmCliReportSink sink;
  if (!cm_cli_report_sink_open(&sink, cmd.args.output, cmd.report.format))
    return CM_EXIT_OUTPUT;
  gboolean ok = cm_report_targets_write(cmd.dataset, targets, &cmd.report, cm_cli_report_sink_write,
                                        &sink, &err);
  return cm_cli_report_sink_close(&sink, ok, err);
}
