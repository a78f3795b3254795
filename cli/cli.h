/* The chainmap command line: shared pieces of the subcommands (one cmd_<name>.c each). */
#pragma once

#include "cm_dataset.h"
#include "cm_diagnostics.h"
#include "cm_output.h"
#include "cm_report.h"

#include <glib.h>
#include <stdio.h>

/* Exit codes of SPEC section 3. */
enum {
  CM_EXIT_OK = 0,
  CM_EXIT_INVALID = 1, /* invalid data */
  CM_EXIT_USAGE = 2,
  CM_EXIT_OUTPUT = 3,    /* output could not be written */
  CM_EXIT_NO_MEMORY = 4, /* out of memory (cli/out_of_memory.c) */
};

typedef struct {
  const char *name;
  const char *args;    /* after the name, for usage lines */
  const char *summary; /* one line */
  int (*run)(int argc, char **argv);
} CmCommand;

/* The command table (main.c) and its length. */
extern const CmCommand cm_commands[];
extern const guint cm_n_commands;

int cm_cmd_validate(int argc, char **argv);
int cm_cmd_gaps(int argc, char **argv);
int cm_cmd_procurement(int argc, char **argv);
int cm_cmd_targets(int argc, char **argv);
int cm_cmd_render(int argc, char **argv);
int cm_cmd_batch(int argc, char **argv);
int cm_cmd_resilience(int argc, char **argv);
int cm_cmd_plan(int argc, char **argv);
int cm_cmd_compare(int argc, char **argv);
int cm_cmd_brief(int argc, char **argv);
int cm_cmd_templates(int argc, char **argv);
int cm_cmd_init(int argc, char **argv);

/* A GOptionContext for command NAME with its usage line and description. */
GOptionContext *cm_cli_context(const char *name, GOptionEntry *entries);

/* Parses argv (argv[0] is the command name). On a bad option prints it with a hint and returns
 * FALSE (exit CM_EXIT_USAGE). */
gboolean cm_cli_parse(GOptionContext *ctx, const char *name, int *argc, char ***argv);

/* Parses option value text (NULL: not given, *value untouched) as a whole number from lo to hi;
 * else prints a usage error for command and returns FALSE. */
gboolean cm_cli_parse_count(const char *command, const char *option, const char *text, gint lo,
                            gint hi, gint *value);

/* Prints "chainmap NAME: MESSAGE" and "Try 'chainmap help NAME'." to stderr; returns
 * CM_EXIT_USAGE. */
int cm_cli_usage_error(const char *name, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* FALSE (a usage error printed) when DATASET names a file that is not an .ini, such as a table. */
gboolean cm_cli_dataset_arg(const char *command, const char *path);

/* Loads a dataset, printing its diagnostics (compiler style) to stderr; NULL when invalid. */
CmDataset *cm_cli_load(const char *path);

/* Writes out to path (NULL: standard output) atomically; prints the error. Returns an exit
 * code. */
int cm_cli_write(const char *path, const GString *out);

/* Text for the terminal: controls and bidi overrides shown escaped (\x1b, <U+202E>), on one line
 * (cm_escape_terminal). (transfer full) */
char *cm_cli_shown(const char *text);

/* cm_cli_write for a report of that format. CSV written to a file starts with a UTF-8 BOM (SPEC:
 * it opens in Excel and WPS on a Chinese PC); standard output never gets one, and CSV bound for a
 * terminal has its control characters and bidi overrides shown escaped (a pipe gets the data as
 * it is). */
int cm_cli_write_report(const char *path, const GString *out, CmReportFormat format);

/* The same for a report written as it is formed (cm_report_targets_write): open the sink (FALSE
 * when path cannot be written, the error printed), hand cm_cli_report_sink_write to the report
 * with the sink, then close it with whether the report succeeded and its error. A file is only
 * put in place when all of it was written. Close returns the exit code. */
typedef struct {
  CmOutput *output;
  gboolean escape; /* CSV bound for a terminal */
} CmCliReportSink;
gboolean cm_cli_report_sink_open(CmCliReportSink *sink, const char *path, CmReportFormat format);
gboolean cm_cli_report_sink_write(const char *data, gsize len, gpointer sink, GError **error);
int cm_cli_report_sink_close(CmCliReportSink *sink, gboolean ok, const GError *error);

/* Prints each diagnostic to stream. */
void cm_cli_print_diagnostics(FILE *stream, const CmDiagnostics *diags);

/* Out of memory: exit CM_EXIT_NO_MEMORY with a clear message (cli/out_of_memory.c). */
void cm_cli_install_out_of_memory_handler(void);
gboolean cm_cli_is_out_of_memory(const GError *error);
/* Prints the message for error (an allocation failure); returns CM_EXIT_NO_MEMORY. */
int cm_cli_report_out_of_memory(const GError *error);
