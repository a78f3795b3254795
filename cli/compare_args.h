/* The settings of a comparison from the command line, shared by compare and render --compare:
 * --region, --scenario or --year given two or more times makes the columns; one of the others
 * given once is a setting every column shares. */
#pragma once

#include "cm_compare.h"
#include "options.h"

typedef struct {
  CmCompareBy by;
  GArray *settings;       /* CmCompareSetting; regions point into the args */
  CmAnalysisOptions base; /* the shared scenario and year */
  const char *region;     /* the shared study region, or NULL (the dataset's) */
} CmCliCompare;

/* Works out the kind and the columns from args and regions (every --region, NULL-terminated or
 * NULL) before the dataset is loaded. On a usage error prints it for command and returns
 * CM_EXIT_USAGE; else CM_EXIT_OK. */
int cm_cli_compare_parse(CmCliCompare *cmp, const CmCliReportArgs *args, char **regions,
                         const char *command);

/* The base options from the dataset (its scenario unless a shared --scenario is given). */
void cm_cli_compare_base(CmCliCompare *cmp, const CmDataset *ds);

/* Prints a warning for each column that will read as empty: a region no enterprise is local to
 * (with the closest region of the data), a year no supply row has (with the years present). */
void cm_cli_compare_warn(const CmCompare *c, const CmDataset *ds, const char *command);

void cm_cli_compare_clear(CmCliCompare *cmp);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmCliCompare, cm_cli_compare_clear)
