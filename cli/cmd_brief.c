/* chainmap brief DATASET -o FILE.html|FILE.xlsx [-T html|xlsx]: the briefing in one file, a
 * self-contained page or a workbook, from the same analyses as the other reports. */
#include "cli.h"
#include "cm_brief.h"
#include "cm_i18n.h"
#include "cm_output.h"
#include "options.h"

#include <stdio.h>
#include <string.h>

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmCliReportArgs, cm_cli_report_args_clear)

int
cm_cmd_brief(int argc, char **argv)
{
  g_auto(CmCliReportArgs) args = {0};
  g_autofree char *type = NULL;
  GOptionEntry entries[] = {
      {"type", 'T', 0, G_OPTION_ARG_STRING, &type,
       N_("html (a page to read, print or send) or xlsx (a workbook); default: the output file's "
          "extension"),
       "FORMAT"},
      G_OPTION_ENTRY_NULL,
  };
  entries[0].description = _(entries[0].description);
  g_autoptr(GOptionContext) ctx = cm_cli_context("brief", entries);
  cm_cli_add_report_options(ctx, &args, FALSE);
  if (!cm_cli_parse(ctx, "brief", &argc, &argv))
    return CM_EXIT_USAGE;
  if (argc != 2)
    return cm_cli_usage_error("brief",
                              argc < 2 ? _("missing DATASET") : _("one DATASET at a time"));
  if (!args.output)
    return cm_cli_usage_error("brief", _("missing -o FILE.html or -o FILE.xlsx"));
  CmBriefFormat format;
  if (type) {
    if (!cm_brief_format_from_string(type, &format))
      return cm_cli_usage_error("brief", _("unknown format '%s' for -T (html or xlsx)"), type);
  } else if (strcmp(args.output, "-") == 0) {
    return cm_cli_usage_error("brief", _("writing to standard output needs -T html or xlsx"));
  } else if (!cm_brief_format_from_path(args.output, &format)) {
    return cm_cli_usage_error("brief",
                              _("cannot tell the format from '%s': name a .html or .xlsx file, "
                                "or give -T"),
                              args.output);
  }

  g_autoptr(CmDataset) ds = cm_cli_load(argv[1]);
  if (!ds)
    return CM_EXIT_INVALID;
  CmAnalysisOptions options;
  if (!cm_cli_analysis_options(&args, ds, "brief", &options))
    return CM_EXIT_USAGE;
  g_autoptr(GError) err = NULL;
  g_autoptr(CmBrief) brief = cm_brief_compute(ds, &options, &err);
  if (!brief) {
    fprintf(stderr, "chainmap brief: %s\n", err->message);
    return CM_EXIT_INVALID;
  }
  g_autoptr(GBytes) out = cm_brief_render(brief, format, NULL, &err);
  cm_graphviz_shutdown();
  if (!out) {
    fprintf(stderr, "chainmap brief: %s\n", err->message);
    return err->domain == CM_RENDER_ERROR ? CM_EXIT_OUTPUT : CM_EXIT_INVALID;
  }
  gsize len = 0;
  const void *data = g_bytes_get_data(out, &len);
  if (!cm_output_write(args.output, data, len, &err)) {
    fprintf(stderr, "chainmap: %s\n", err->message);
    return CM_EXIT_OUTPUT;
  }
  return CM_EXIT_OK;
}
