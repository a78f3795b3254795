/* What the report commands (gaps, procurement, targets) share: their options, loading the
 * dataset, the analysis options, colour, and writing the result. */
#pragma once

#include "cm_report.h"
#include "options.h"

#include <glib.h>

typedef struct {
  CmCliReportArgs args;
  CmReportOptions report;
  CmAnalysisOptions analysis;
  char *path; /* DATASET */
  CmDataset *dataset;
} CmReportCommand;

/* Parses argv of command name (extra: more options or NULL). Returns CM_EXIT_OK to go on, or
 * CM_EXIT_USAGE (printed). */
int cm_report_command_parse(CmReportCommand *cmd, const char *name, GOptionEntry *extra, int argc,
                            char **argv);

/* Loads DATASET (printing its diagnostics) and works out the analysis options. Returns
 * CM_EXIT_OK to go on, or the exit code to stop with (invalid data, bad --scenario/--year). */
int cm_report_command_load(CmReportCommand *cmd, const char *name);

/* Prints an analysis error and returns its exit code. */
int cm_report_command_failed(const char *name, const GError *error);

/* Writes out to -o or standard output; returns the exit code. */
int cm_report_command_write(const CmReportCommand *cmd, const GString *out);

void cm_report_command_clear(CmReportCommand *cmd);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmReportCommand, cm_report_command_clear)
