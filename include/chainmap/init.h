/* chainmap: process-wide set-up of the libraries chainmap builds on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs a non-aborting igraph error handler (once; idempotent). Call before any analysis. */
void cm_init(void);

G_END_DECLS
