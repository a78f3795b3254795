/* chainmap: the reference chain as an igraph directed graph: one vertex per segment (same index),
 * an edge input -> segment for each entry of a segment's inputs. May contain cycles. */
#pragma once

#include <chainmap/dataset.h>

#include <igraph.h>

G_BEGIN_DECLS

/* The dataset's template: cm_dataset_template(). (transfer none) */
const igraph_t *cm_template_graph(const CmTemplate *tpl);

/* Shortest directed path lengths between every segment and a set of segments:
 * to_set[s]   = length of the shortest path s -> p for some p in the set (0 for members),
 * from_set[s] = length of the shortest path p -> s for some p in the set,
 * -1 where no such path exists. Both arrays have one entry per segment. */
gboolean cm_template_distances(const CmTemplate *tpl, const gboolean *in_set, gint *to_set,
                               gint *from_set, GError **error);

/* The same, and the member each distance leads to (the first in template order among the
 * nearest; -1 where unreached): to_nearest[s] downstream of s, from_nearest[s] upstream. Either
 * may be NULL. Linear in the template. */
gboolean cm_template_distances_nearest(const CmTemplate *tpl, const gboolean *in_set, gint *to_set,
                                       gint *from_set, gint *to_nearest, gint *from_nearest,
                                       GError **error);

/* The member of the set nearest to s along directed paths: downstream of s (s -> p) when
 * forward, upstream (p -> s) otherwise; ties go to the first in template order. -1 when no path
 * leads to the set. */
gint cm_template_nearest(const CmTemplate *tpl, guint s, const gboolean *in_set, gboolean forward,
                         GError **error);

G_END_DECLS
