/* Options shared by the commands that analyse a dataset: --scenario and --year, and for reports
 * --format and -o. */
#pragma once

#include "cm_analysis.h"

#include <glib.h>

typedef struct {
  char *format;   /* --format */
  char *output;   /* -o */
  char *scenario; /* --scenario */
  char *year;     /* --year (parsed with the dataset's number rules) */
  /* every --scenario and --year given, in order: compare takes several, the others the last */
  GPtrArray *scenarios;
  GPtrArray *years;
} CmCliReportArgs;

/* Adds --format, -o, --scenario and --year to ctx, storing into args. with_format FALSE leaves
 * out --format (render picks its format with -T). */
void cm_cli_add_report_options(GOptionContext *ctx, CmCliReportArgs *args, gboolean with_format);
void cm_cli_report_args_clear(CmCliReportArgs *args);

/* The analysis options: the dataset's scenario unless --scenario overrides it, and --year. On a
 * bad value prints a usage error for command and returns FALSE. */
gboolean cm_cli_analysis_options(const CmCliReportArgs *args, const CmDataset *ds,
                                 const char *command, CmAnalysisOptions *options);

/* Warns on stderr when no supply row of ds has year (SPEC section 1): the years present are
 * named. */
void cm_cli_check_year(const CmDataset *ds, gint32 year, const char *command);
