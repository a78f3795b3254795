/* chainmap: batch rendering for briefings (SPEC section 3, `chainmap batch`): for each dataset its
 * chain map, one network map per chain leader (focused on it, depth 2), gaps.md and procurement.md,
 * and an index.html linking everything. Workers are processes (Graphviz is not thread-safe); one
 * failing dataset is reported and the others still complete. */
#pragma once

#include <chainmap/dataset.h>
#include <chainmap/diagnostics.h>
#include <chainmap/map.h>

#include <glib.h>

G_BEGIN_DECLS

/* In CmBatchJob.formats: brief.xlsx beside brief.html (-T xlsx). */
#define CM_BATCH_BRIEF_XLSX (1u << 16)

/* One piece of work asked for: by default one per dataset; a manifest may ask for more. */
typedef struct {
  char *dataset;    /* folder or ini path, as given */
  char *name;       /* manifest group name; NULL for a plain dataset job */
  gboolean chain;   /* the chain view */
  gboolean leaders; /* one network map per chain leader */
  gboolean network; /* a network view (focused when focus is set) */
  char *focus;      /* enterprise id for the network view, or NULL */
  guint depth;      /* network focus depth */
  guint formats;    /* bits 1 << CmMapFormat, and CM_BATCH_BRIEF_XLSX */
  gboolean slide;
} CmBatchJob;

CmBatchJob *cm_batch_job_new(const char *dataset, guint formats, gboolean slide);
void cm_batch_job_free(CmBatchJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmBatchJob, cm_batch_job_free)

/* What the caller hears as the run goes on. */
typedef struct {
  guint done;       /* items finished, failed ones included */
  guint total;      /* items known so far (grows as leaders are found) */
  const char *item; /* what just finished, e.g. "ningde-lithium/chain.svg" */
  gboolean failed;
  const char *message; /* why it failed (the dataset's diagnostics), or NULL */
  guint warnings;      /* of the dataset, on the event of its reports (gaps.md) */
  double elapsed;      /* seconds since the start */
} CmBatchEvent;

typedef CmDataset *(*CmBatchLoadFunc)(const char *path, CmDiagnostics *diags, GError **error);
typedef void (*CmBatchEventFunc)(const CmBatchEvent *event, gpointer user_data);

typedef struct {
  GPtrArray *jobs; /* CmBatchJob * */
  const char *outdir;
  guint workers;        /* processes; 0 means one per core */
  double item_timeout;  /* seconds one item may take before its worker is killed; 0: no limit */
  CmBatchLoadFunc load; /* how a worker loads a dataset (the loaders live above render/) */
  CmBatchEventFunc on_event;
  gpointer user_data;
  /* --scenario and --year of every dataset (SPEC section 2) */
  gboolean has_scenario;
  guint scenario; /* CmProjectStatus bits */
  gboolean by_year;
  gint32 year;
} CmBatchConfig;

/* The lock file a run holds in OUTDIR. */
#define CM_BATCH_LOCK_FILE ".chainmap.lock"

/* Runs the batch. Returns FALSE with error only when nothing could be done (OUTDIR unusable, or
 * another batch holds OUTDIR/.chainmap.lock: CM_RENDER_ERROR_BUSY); otherwise TRUE with *failed
 * the number of failed items. */
gboolean cm_batch_run(const CmBatchConfig *config, guint *failed, GError **error);

G_END_DECLS
