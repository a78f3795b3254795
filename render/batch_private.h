/* Shared by batch.c (the process pool) and batch_index.c (the index page). */
#pragma once

#include "cm_batch.h"

/* Headline figures of a dataset, as its reports worker found them. */
typedef struct {
  char *name;
  char *region;
  char *unit;
  double completeness;
  guint segments, present, strengthen, supplement, extend;
  gboolean has_ratio;
  double ratio;
  double target;
  gboolean meets;
} CmBatchHeadline;

typedef struct {
  char *label; /* "Chain map", "Leader: 宁德时代 CATL", "Gap report" */
  char *file;  /* relative to the dataset folder */
} CmBatchFile;

typedef struct {
  char *path; /* as given */
  char *slug; /* folder under OUTDIR */
  gboolean failed;
  GString *messages; /* why items failed */
  gboolean has_headline;
  CmBatchHeadline headline;
  GArray *files; /* CmBatchFile, in the order they finished */
} CmBatchDataset;

/* Writes OUTDIR/index.html atomically. */
gboolean cm_batch__write_index(const char *outdir, GPtrArray *datasets, GError **error);
