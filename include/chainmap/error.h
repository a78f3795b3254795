/* chainmap: the error domains of every part of the library (GError), in one place.
 * Data problems of a dataset are not errors: they are diagnostics (diagnostics.h). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The analyses (analysis.h, network.h, template.h). */
#define CM_GRAPH_ERROR (cm_graph_error_quark())
GQuark cm_graph_error_quark(void);

typedef enum {
  CM_GRAPH_ERROR_IGRAPH,  /* igraph reported a failure */
  CM_GRAPH_ERROR_INVALID, /* the request does not fit the dataset (unknown id, bad option) */
  CM_GRAPH_ERROR_TOO_LARGE,
  CM_GRAPH_ERROR_NO_MEMORY, /* an allocation failed (exit code 4 in the CLI) */
} CmGraphError;

/* Loading a dataset (loader.h). */
#define CM_LOADER_ERROR (cm_loader_error_quark())
GQuark cm_loader_error_quark(void);

typedef enum {
  CM_LOADER_ERROR_INVALID, /* the dataset has errors; the diagnostics list them */
  CM_LOADER_ERROR_FAILED,  /* the program could not finish loading (igraph, memory) */
} CmLoaderError;

/* Writing maps and files (map.h, output.h, batch.h). */
#define CM_RENDER_ERROR (cm_render_error_quark())
GQuark cm_render_error_quark(void);

typedef enum {
  CM_RENDER_ERROR_WRITE,    /* the output could not be written */
  CM_RENDER_ERROR_GRAPHVIZ, /* Graphviz refused the graph or the format */
  CM_RENDER_ERROR_INVALID,  /* a request that does not fit the dataset */
  CM_RENDER_ERROR_BUSY,     /* another run holds the output folder's lock (batch) */
} CmRenderError;

G_END_DECLS
