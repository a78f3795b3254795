/* Process-wide set-up (public: chainmap/init.h), and igraph return codes as GErrors. */
#pragma once

#include <chainmap/init.h>

#include <glib.h>

G_BEGIN_DECLS

/* Turns an igraph return code into a GError carrying the reason the handler recorded.
 * Returns TRUE when code is IGRAPH_SUCCESS. */
gboolean cm_igraph_check(int code, const char *what, GError **error);

G_END_DECLS
