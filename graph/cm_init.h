/* Process-wide set-up of the libraries chainmap builds on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs a non-aborting igraph error handler (once; idempotent). Call before any analysis. */
void cm_init(void);

/* Turns an igraph return code into a GError carrying the reason the handler recorded.
 * Returns TRUE when code is IGRAPH_SUCCESS. */
gboolean cm_igraph_check(int code, const char *what, GError **error);

G_END_DECLS
