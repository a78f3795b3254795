/* Shared by batch.c (the process pool) and batch_index.c (the index page). */
#pragma once

#include "cm_batch.h"
#include "cm_display_name.h"
#include "cm_i18n.h"
#include "unit_text.h"

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
  char **warnings; /* the dataset's warnings, formatted (FILE:LINE: warning: ...) */
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

/* What a worker is asked to do. */
typedef enum {
  ITEM_REPORTS, /* brief.html, gaps.md, procurement.md; tells the parent the leaders */
  ITEM_CHAIN,   /* the chain map (the overview of a large template) */
  ITEM_NETWORK,
  ITEM_DETAIL,     /* a detail map of a large template: the group named by the item's focus */
  ITEM_BRIEF_XLSX, /* brief.xlsx (brief.html comes with the reports) */
} ItemKind;

/* The pipe protocol between the parent and its workers (batch_worker.c): a message is a 32-bit
 * tag, a 32-bit status and a 32-bit length, then that many bytes. The parent sends an item as a
 * GVariant of CM_BATCH_ITEM_TYPE (or the tag CM_BATCH_QUIT); a worker answers with the item's
 * tag, status 1 and, for reports, a CM_BATCH_HEADLINE_TYPE GVariant, or status 0 and the reason
 * as text. */
#define CM_BATCH_QUIT G_MAXUINT32
/* The exit status of a worker that ran out of memory: workers are forks of the chainmap CLI,
 * whose handler (cli/out_of_memory.c) exits with 4 then. */
#define CM_BATCH_EXIT_NO_MEMORY 4
#define CM_BATCH_ITEM_TYPE                                                                         \
  "(usuusubs)" /* id, dataset, kind, formats (bits), focus, depth, slide,                          \
                * output path without its extension */
#define CM_BATCH_HEADLINE_TYPE                                                                     \
  "(sssduuuuubddba(ss)asas)" /* ..., leaders, warnings, detail map groups */

gboolean cm_batch__send(int fd, guint32 tag, guint32 status, const void *data, guint32 len);
gboolean cm_batch__receive(int fd, guint32 *tag, guint32 *status, GBytes **payload);

/* The worker process: serves items until told to quit or the parent dies; never returns. */
void cm_batch__worker_main(const CmBatchConfig *config, pid_t parent, int from_parent,
                           int to_parent) G_GNUC_NORETURN;

/* Writes OUTDIR/index.html atomically. */
gboolean cm_batch__write_index(const char *outdir, GPtrArray *datasets, GError **error);
