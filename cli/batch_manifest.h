/* `chainmap batch --manifest FILE`: a GLib key file, one group per job. */
#pragma once

#include "cm_batch.h"

#include <glib.h>

/* Parses a comma list of map formats ("svg,png") into bits 1 << CmMapFormat; "xlsx" sets
 * CM_BATCH_BRIEF_XLSX. On an unknown name
 * returns FALSE with it in *bad (transfer full). */
gboolean cm_cli_parse_formats(const char *list, guint *formats, char **bad);

/* Reads the manifest's jobs into jobs (CmBatchJob *). Keys of a group:
 *   dataset=PATH        required; relative to the manifest's folder
 *   views=chain,leaders,network   (default chain,leaders)
 *   focus=ENTERPRISE_ID depth=K   for the network view
 *   formats=svg,png     (default: the -T formats)
 *   slide=true|false    (default: --slide)
 * Errors name the file, the group and the key. */
gboolean cm_cli_read_manifest(const char *path, guint default_formats, gboolean default_slide,
                              GPtrArray *jobs, GError **error);
