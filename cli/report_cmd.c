#include "cm_i18n.h"
#include "report_cmd.h"
#include "cli.h"
#include "text_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Colour only for a person at a terminal: text format, standard output a TTY, and no NO_COLOR
 * (any value, even empty, turns it off) or dumb terminal. */
static gboolean
want_color(const CmCliReportArgs *args, CmReportFormat format)
{
  if (format != CM_FORMAT_TEXT)
    return FALSE;
  if (args->output && strcmp(args->output, "-") != 0)
    return FALSE;
  if (getenv("NO_COLOR"))
    return FALSE;
  const char *term = getenv("TERM");
  if (term && strcmp(term, "dumb") == 0)
    return FALSE;
  return isatty(STDOUT_FILENO);
}

/* The width text reports fit: $COLUMNS, else the terminal's when standard output is one, else
 * 100 (a file, a pipe: docs/reports.md). */
static guint
text_width(const CmCliReportArgs *args)
{
  const char *env = getenv("COLUMNS");
  guint64 v;
  if (env && g_ascii_string_to_unsigned(env, 10, 1, 10000, &v, NULL))
    return (guint)v;
  struct winsize ws;
  if ((!args->output || strcmp(args->output, "-") == 0) && isatty(STDOUT_FILENO) &&
      ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return CM_TEXT_DEFAULT_WIDTH;
}

int
cm_report_command_parse(CmReportCommand *cmd, const char *name, GOptionEntry *extra, int argc,
                        char **argv)
{
  memset(cmd, 0, sizeof *cmd);
  g_autoptr(GOptionContext) ctx = cm_cli_context(name, extra);
  cm_cli_add_report_options(ctx, &cmd->args, TRUE);
  if (!cm_cli_parse(ctx, name, &argc, &argv))
    return CM_EXIT_USAGE;
  if (argc != 2)
    return cm_cli_usage_error(name, argc < 2 ? _("missing DATASET") : _("one DATASET at a time"));
  CmReportFormat format = CM_FORMAT_TEXT;
  if (cmd->args.format && !cm_report_format_from_string(cmd->args.format, &format))
    return cm_cli_usage_error(name, _("unknown format '%s' (text, md, csv or json)"),
                              cmd->args.format);
  cmd->report.format = format;
  cmd->report.color = want_color(&cmd->args, format);
  cm_text_set_width(text_width(&cmd->args));
  if (!cm_cli_dataset_arg(name, argv[1]))
    return CM_EXIT_USAGE;
  cmd->path = g_strdup(argv[1]);
  return CM_EXIT_OK;
}

int
cm_report_command_load(CmReportCommand *cmd, const char *name)
{
  cmd->dataset = cm_cli_load(cmd->path);
  if (!cmd->dataset)
    return CM_EXIT_INVALID;
  if (!cm_cli_analysis_options(&cmd->args, cmd->dataset, name, &cmd->analysis))
    return CM_EXIT_USAGE;
  return CM_EXIT_OK;
}

int
cm_report_command_failed(const char *name, const GError *error)
{
  if (cm_cli_is_out_of_memory(error))
    return cm_cli_report_out_of_memory(error);
  g_autofree char *shown = cm_cli_shown(error ? error->message : _("analysis failed"));
  fprintf(stderr, "chainmap %s: %s\n", name, shown);
  return CM_EXIT_INVALID;
}

int
cm_report_command_write(const CmReportCommand *cmd, const GString *out)
{
  return cm_cli_write_report(cmd->args.output, out, cmd->report.format);
}

void
cm_report_command_clear(CmReportCommand *cmd)
{
  cm_cli_report_args_clear(&cmd->args);
  g_clear_pointer(&cmd->path, g_free);
  g_clear_pointer(&cmd->dataset, cm_dataset_free);
}
