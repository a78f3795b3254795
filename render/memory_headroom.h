/* Room to draw: Graphviz, pango, cairo and fontconfig do not all survive a failed allocation
 * (under `ulimit -v` fontconfig crashes on a NULL it did not check), so the render path asks for
 * the address space it is about to need before it starts, and fails cleanly when it is not there.
 */
#pragma once

#include <glib.h>

/* What a layout and drawing of n_objects nodes and edges needs on top of what is in use, in
 * bytes: measured on the samples (VmSize grows by 240-360 MB, most of it thread stacks and malloc
 * arenas that shrink when the limit is tight; the least that drew was about 180 MB). */
gsize cm_render__headroom_bytes(guint n_objects);

/* What drawing a PNG of that size (points, at dpi) needs: cairo does not check for it. */
gsize cm_render__surface_bytes(double width_pt, double height_pt, double dpi);

/* TRUE when bytes of address space can be reserved now (reserved and released at once); FALSE
 * with CM_GRAPH_ERROR_NO_MEMORY otherwise. */
gboolean cm_render__check_headroom(gsize bytes, GError **error);
