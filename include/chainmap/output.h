/* chainmap: writing outputs: atomically to a file (temporary file in the same folder, fsync,
 * rename), or to standard output. A failed write never leaves a half-written file behind. */
#pragma once

#include <chainmap/error.h>

#include <glib.h>

G_BEGIN_DECLS

/* Temporary files are named ".NAME.cm-tmp-XXXXXX" beside the target; see cm_output_clean_stale. */
#define CM_OUTPUT_TMP_MARK ".cm-tmp-"

/* path NULL or "-" writes to standard output; an existing device or pipe (/dev/stdout, a FIFO) is
 * written in place, never replaced. The error names the path. */
gboolean cm_output_write(const char *path, const void *data, gsize len, GError **error);

/* The same, piece by piece, for an output too long to hold at once (a national targets report is
 * half a gigabyte of text): cm_output_open takes path as cm_output_write does, cm_output_append
 * adds to it, and cm_output_commit finishes it (the temporary file is synced and renamed over
 * path) while cm_output_abandon removes what was written, so that a failed write still leaves no
 * half-written file behind. Standard output and devices cannot take back what they were given.
 * Commit and abandon free out; errors name the path. */
typedef struct _CmOutput CmOutput;
CmOutput *cm_output_open(const char *path, GError **error);
gboolean cm_output_append(CmOutput *out, const void *data, gsize len, GError **error);
gboolean cm_output_commit(CmOutput *out, GError **error);
void cm_output_abandon(CmOutput *out);

/* For files in a folder chainmap made (batch): anything at path that is not a regular file (a
 * symlink, FIFO, device) is replaced by the rename, never opened or followed; a folder there is
 * an error. Both writers keep the mode and group of a regular file they replace. */
gboolean cm_output_write_replace(const char *path, const void *data, gsize len, GError **error);

/* Removes temporary files a killed run left in dir; returns how many. */
guint cm_output_clean_stale(const char *dir);

G_END_DECLS
