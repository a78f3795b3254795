/* chainmap compare DATASET --region R --region R2 ... | --scenario L --scenario L2 ... |
 * --year Y --year Y2 ...: the segment analysis and the leaders' local share side by side, one
 * column per setting, and what changes from one column to the next. */
#include "cli.h"
#include "cm_i18n.h"
#include "cm_report_compare.h"
#include "compare_args.h"
#include "report_cmd.h"

static void
strv_free(char ***v)
{
  g_clear_pointer(v, g_strfreev);
}

int
cm_cmd_compare(int argc, char **argv)
{
  __attribute__((cleanup(strv_free))) char **regions = NULL;
  GOptionEntry extra[] = {
      {"region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &regions,
       N_("a study region; --region, --scenario or --year given two or more times makes one column "
          "each"),
       "R"},
      G_OPTION_ENTRY_NULL,
  };
  extra[0].description = _(extra[0].description);
  g_auto(CmReportCommand) cmd = {0};
  int rc = cm_report_command_parse(&cmd, "compare", extra, argc, argv);
  if (rc != CM_EXIT_OK)
    return rc;
  g_auto(CmCliCompare) cmp = {0};
  if ((rc = cm_cli_compare_parse(&cmp, &cmd.args, regions, "compare")) != CM_EXIT_OK)
    return rc;
  cmd.dataset = cm_cli_load(cmd.path);
  if (!cmd.dataset)
    return CM_EXIT_INVALID;
  cm_cli_compare_base(&cmp, cmd.dataset);
  g_autoptr(GError) err = NULL;
  g_autoptr(CmCompare) c =
      cm_compare_compute(cmd.dataset, &cmp.base, cmp.region, cmp.by,
                         (const CmCompareSetting *)cmp.settings->data, cmp.settings->len, &err);
  if (!c)
    return cm_report_command_failed("compare", err);
  cm_cli_compare_warn(c, cmd.dataset, "compare");
  g_autoptr(GString) out = cm_report_compare(cmd.dataset, c, &cmd.report);
  return cm_report_command_write(&cmd, out);
}
