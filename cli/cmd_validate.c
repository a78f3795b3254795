/* chainmap validate DATASET [--format text|csv|json] [-o FILE]: check only. */
#include "cli.h"
#include "cm_loader.h"
#include "cm_report.h"
#include "cm_i18n.h"

int
cm_cmd_validate(int argc, char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
      {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("text (default), md, csv or json"),
       "FORMAT"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write to FILE (default: stdout)"),
       "FILE"},
      G_OPTION_ENTRY_NULL,
  };
  g_autoptr(GOptionContext) ctx = cm_cli_context("validate", entries);
  if (!cm_cli_parse(ctx, "validate", &argc, &argv))
    return CM_EXIT_USAGE;
  if (argc != 2)
    return cm_cli_usage_error("validate",
                              argc < 2 ? _("missing DATASET") : _("one DATASET at a time"));
  CmReportFormat format = CM_FORMAT_TEXT;
  if (format_name && !cm_report_format_from_string(format_name, &format))
    return cm_cli_usage_error("validate", _("unknown format '%s' (text, md, csv or json)"),
                              format_name);

  if (!cm_cli_dataset_arg("validate", argv[1]))
    return CM_EXIT_USAGE;
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) err = NULL;
  g_autoptr(CmDataset) ds = cm_dataset_load(argv[1], diags, &err);
  if (!ds && cm_cli_is_out_of_memory(err))
    return cm_cli_report_out_of_memory(err);
  if (!ds && err && err->code == CM_LOADER_ERROR_FAILED) {
    g_autofree char *shown = cm_cli_shown(err->message);
    fprintf(stderr, "chainmap: %s\n", shown);
    return CM_EXIT_INVALID;
  }
  g_autoptr(GString) out = cm_report_validate(diags, argv[1], format);
  int rc = cm_cli_write_report(output, out, format);
  if (rc != CM_EXIT_OK)
    return rc;
  return cm_diagnostics_errors(diags) > 0 ? CM_EXIT_INVALID : CM_EXIT_OK;
}
