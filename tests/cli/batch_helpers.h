/* Helpers for the `chainmap batch` tests (tests/cli/batch_*.c). */
#pragma once

#include <glib.h>

#define SAMPLE_NINGDE CM_SOURCE_DIR "/samples/ningde-lithium"
#define SAMPLE_ZHOUSHAN CM_SOURCE_DIR "/samples/zhoushan-petrochemical"
#define DATA_BASIC CM_TEST_DATA "/render/basic"
#define DATA_INVALID CM_TEST_DATA "/render/invalid"
#define DATA_HOSTILE_IDS CM_TEST_DATA "/batch/hostile-ids"

typedef struct {
  int rc;
  char *out;
  char *err;
} BatchRun;

/* Runs chainmap with args (NULL-terminated, no program name) in cwd (NULL: ours). */
BatchRun batch_run(const char *cwd, const char *const *args);
void batch_run_clear(BatchRun *r);

/* Every entry under dir (files, symlinks and folders; symlinks not followed) as sorted paths
 * relative to dir; folders end with '/'. */
GPtrArray *batch_tree(const char *dir);
/* Only the regular files, sorted, relative to dir. */
GPtrArray *batch_files(const char *dir);
/* "a\nb\n..." for messages (transfer full). */
char *batch_join(GPtrArray *paths);

/* Copies a folder of plain files (a dataset) to dst, creating it. */
void batch_copy_dataset(const char *src, const char *dst);

/* A map a reader can open: SVG ends with "</svg>" (a trailing newline allowed); PNG has the
 * signature and ends with the IEND chunk; PDF starts with "%PDF-" and holds "%%EOF" at the end. */
gboolean batch_svg_complete(const char *path);
gboolean batch_png_complete(const char *path);
gboolean batch_pdf_complete(const char *path);

/* Checksums of every file under dir keyed by relative path, skipping the subfolder skip (relative
 * to dir, or NULL); symlinks are recorded by their target text. For "nothing else changed". */
GHashTable *batch_snapshot(const char *dir, const char *skip);
/* The paths whose entry differs between two snapshots, or NULL when they are equal (transfer
 * full). */
char *batch_snapshot_diff(GHashTable *before, GHashTable *after);

/* Number of lines of text that start with prefix. */
guint batch_count_lines(const char *text, const char *prefix);
