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
  CM_MAP_FORMAT_COUNT,
} CmMapFormat;

#define CM_MAP_DEFAULT_FONT "Noto Sans CJK SC"

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

/* What a chain map shows (SPEC section 5). Extend by adding fields; init sets the defaults. */
typedef enum {
  CM_CHAIN_AUTO,     /* the whole template, or the overview past about 60 segments */
  CM_CHAIN_FULL,     /* the whole template, however large (detail made compact to fit) */
  CM_CHAIN_OVERVIEW, /* one node per group (or per tier for ungrouped segments) */
} CmChainScope;

typedef struct {
  CmChainScope scope;
  const char *group; /* a detail map: this group's segments (or a tier word for a tier's
                      * ungrouped ones) with their direct inputs and outputs; NULL: none */
  gint64 focus;      /* a detail map: the segments within depth template steps of this
                      * segment index; -1: none */
  guint depth;       /* for focus (default 1) */
  const struct CmChainChange *change; /* segments marked with their status before (render
                                       * --compare, map_change.h); NULL: none */
} CmChainMapOptions;

void cm_chain_map_options_init(CmChainMapOptions *chain);

/* What a network map shows beyond focus and depth. */
typedef struct {
  guint top;    /* suppliers drawn per material (0: as many as fit about 50 enterprise nodes) */
  gboolean all; /* every supplier and material (still within the pixel bounds, or an error) */
} CmNetworkMapOptions;

void cm_network_map_options_init(CmNetworkMapOptions *net);

/* The chain view, laid out once and written in every format of formats (bits 1 << CmMapFormat;
 * style->format is ignored): out[format] for each (transfer full), NULL for the others. A
 * --group or focus that names nothing fails with CM_RENDER_ERROR_INVALID. */
gboolean cm_chainmap_draw(const CmDataset *ds, const CmAnalysisOptions *options,
                          const CmChainMapOptions *chain, const CmMapStyle *style, guint formats,
                          GBytes **out, GError **error);

/* The network view, the same way (see cm_network_map_render for focus and depth). */
gboolean cm_network_map_draw(const CmDataset *ds, const CmAnalysisOptions *options, gint64 focus,
                             guint depth, const CmNetworkMapOptions *net, const CmMapStyle *style,
                             guint formats, GBytes **out, GError **error);

/* The detail maps a batch writes for ds beside its chain map: NULL when the template fits one
 * map, else the keys to give as CmChainMapOptions.group, in template order (every segment is
 * in exactly one). (transfer full) */
GStrv cm_chainmap_detail_groups(const CmDataset *ds);

/* The chain view of ds under options. (transfer full) */
GBytes *cm_chainmap_render(const CmDataset *ds, const CmAnalysisOptions *options,
                           const CmMapStyle *style, GError **error);

/* The network view; focus is an enterprise index, or -1 for the whole network. With a focus, only
 * the supply rows within depth steps upstream of it are drawn, summarised to about 50 enterprise
 * nodes (merged suppliers per material and side). (transfer full) */
GBytes *cm_network_map_render(const CmDataset *ds, const CmAnalysisOptions *options, gint64 focus,
                              guint depth, const CmMapStyle *style, GError **error);

/* Frees the process's Graphviz context (call once, when no more maps are drawn). */
void cm_graphviz_shutdown(void);

G_END_DECLS
