/* Error domains of the chainmap libraries (GError). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CM_GRAPH_ERROR (cm_graph_error_quark())
GQuark cm_graph_error_quark(void);

typedef enum {
  CM_GRAPH_ERROR_IGRAPH,  /* igraph reported a failure */
  CM_GRAPH_ERROR_INVALID, /* the request does not fit the dataset (unknown id, bad option) */
  CM_GRAPH_ERROR_TOO_LARGE,
  CM_GRAPH_ERROR_NO_MEMORY, /* an allocation failed (exit code 4 in the CLI) */
} CmGraphError;

G_END_DECLS
