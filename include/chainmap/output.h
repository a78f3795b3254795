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

/* For files in a folder chainmap made (batch): anything at path that is not a regular file (a
 * symlink, FIFO, device) is replaced by the rename, never opened or followed; a folder there is
 * an error. Both writers keep the mode and group of a regular file they replace. */
gboolean cm_output_write_replace(const char *path, const void *data, gsize len, GError **error);

/* Removes temporary files a killed run left in dir; returns how many. */
guint cm_output_clean_stale(const char *dir);

G_END_DECLS
