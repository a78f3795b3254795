/* Test helpers for chain maps: reading back SVG (GMarkup) and DOT (cgraph), PNG header. */
#pragma once

#include "cm_chainmap.h"

#include <glib.h>
#include <graphviz/cgraph.h>

/* One node or edge of a Graphviz SVG: its <title> (the node name), the tooltip of its <a>, and
 * its text lines joined with '\n' (no-break spaces turned back into spaces). */
typedef struct {
  gboolean is_edge;
  char *title;
  char *tooltip;
  GString *text;
} CmSvgItem;

/* Parses svg as XML (GMarkup: fails on anything not well-formed); NULL with error then.
 * (transfer full: GPtrArray of CmSvgItem, freed with g_ptr_array_unref) */
GPtrArray *cm_svg_items(const char *svg, gsize len, GError **error);

/* The node item whose title is name, or NULL. */
const CmSvgItem *cm_svg_node(const GPtrArray *items, const char *name);

/* Renders the fixture under tests/data (chain view, or network view when focus is not NULL)
 * with the dataset's own options; aborts the test on failure. (transfer full) */
GBytes *cm_test_map(const char *dataset, CmMapFormat format, gboolean slide, const char *focus,
                    guint depth);

/* Parses DOT text with cgraph; aborts the test when it does not parse. */
Agraph_t *cm_test_read_dot(GBytes *dot);

/* Width and height from a PNG's IHDR; FALSE when data is no PNG. */
gboolean cm_test_png_size(GBytes *png, guint32 *width, guint32 *height);
