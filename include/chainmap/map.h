/* chainmap: chain maps (SPEC section 5): the chain view (the template coloured by segment status)
 * and the network view (supplier -> material -> buyer), drawn with Graphviz (cgraph + gvc, dot
 * layout). Graphviz is not thread-safe: one context per process, used from one thread. */
#pragma once

#include <chainmap/analysis.h>
#include <chainmap/dataset.h>
#include <chainmap/error.h>

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_MAP_SVG,
  CM_MAP_PNG,
  CM_MAP_PDF,
  CM_MAP_DOT, /* the graph before layout, as cgraph writes it */
} CmMapFormat;

#define CM_MAP_DEFAULT_FONT "Noto Sans CJK SC"

/* A network map larger than this is refused; --focus draws part of it. */
#define CM_MAP_MAX_NETWORK_NODES 1500

/* "svg", "png", "pdf" or "dot" (any case). */
gboolean cm_map_format_from_string(const char *name, CmMapFormat *format);
const char *cm_map_format_to_string(CmMapFormat format);
/* The format named by a file's extension (any case); FALSE when there is none we know. */
gboolean cm_map_format_from_path(const char *path, CmMapFormat *format);

typedef struct {
  CmMapFormat format;
  gboolean slide;   /* 16:9: PNG 1920x1080 pixels, SVG and PDF 960x540 points */
  const char *font; /* NULL: CM_MAP_DEFAULT_FONT */
  const char *date; /* shown in the title; NULL: today (SOURCE_DATE_EPOCH when set) */
} CmMapStyle;

void cm_map_style_init(CmMapStyle *style, CmMapFormat format);

/* The chain view of ds under options. (transfer full) */
GBytes *cm_chainmap_render(const CmDataset *ds, const CmAnalysisOptions *options,
                           const CmMapStyle *style, GError **error);

/* The network view; focus is an enterprise index, or -1 for the whole network. With a focus, only
 * the supply rows within depth steps upstream of it are drawn. A network over
 * CM_MAP_MAX_NETWORK_NODES nodes fails with CM_RENDER_ERROR_INVALID. (transfer full) */
GBytes *cm_network_map_render(const CmDataset *ds, const CmAnalysisOptions *options, gint64 focus,
                              guint depth, const CmMapStyle *style, GError **error);

/* Frees the process's Graphviz context (call once, when no more maps are drawn). */
void cm_graphviz_shutdown(void);

G_END_DECLS
