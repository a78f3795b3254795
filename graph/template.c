#include "cm_template.h"
#include "cm_error.h"
#include "cm_init.h"

struct _CmTemplate {
  igraph_t graph;
};

CmTemplate *
cm_template_new(const CmDataset *ds, GError **error)
{
  guint n = cm_dataset_n_segments(ds);
  igraph_vector_int_t edges;
  if (!cm_igraph_check(igraph_vector_int_init(&edges, 0), "template edges", error))
    return NULL;
  int rc = igraph_vector_int_reserve(&edges, 2 * (igraph_integer_t)ds->segment_inputs->len);
  for (guint v = 0; v < n && rc == IGRAPH_SUCCESS; v++) {
    const CmSegment *s = cm_dataset_segment(ds, v);
    const guint32 *inputs = cm_dataset_segment_inputs(ds, s);
    for (guint k = 0; k < s->n_inputs && rc == IGRAPH_SUCCESS; k++) {
      rc = igraph_vector_int_push_back(&edges, inputs[k]);
      if (rc == IGRAPH_SUCCESS)
        rc = igraph_vector_int_push_back(&edges, v);
    }
  }
  CmTemplate *tpl = g_new0(CmTemplate, 1);
  if (rc == IGRAPH_SUCCESS)
    rc = igraph_create(&tpl->graph, &edges, n, IGRAPH_DIRECTED);
  igraph_vector_int_destroy(&edges);
  if (!cm_igraph_check(rc, "building the template graph", error)) {
    g_free(tpl);
    return NULL;
  }
  return tpl;
}

void
cm_template_free(CmTemplate *tpl)
{
  if (!tpl)
    return;
  igraph_destroy(&tpl->graph);
  g_free(tpl);
}

const igraph_t *
cm_template_graph(const CmTemplate *tpl)
{
  return &tpl->graph;
}

/* One multi-source breadth-first search from every member of the set at once, following edges
 * forward (mode IGRAPH_OUT: paths p -> s) or backward (IGRAPH_IN: paths s -> p). Linear in the
 * template, where a distance matrix would be present x all. dist[v] is -1 where unreached;
 * nearest[v] (optional) is the member at that distance that comes first in template order: a
 * vertex takes the smallest nearest[] of its predecessors one layer closer, which is final once
 * the layer before it is done because the queue holds the layers in order. */
static gboolean
multi_source_bfs(const igraph_t *g, const gboolean *in_set, igraph_neimode_t mode, gint *dist,
                 gint *nearest, GError **error)
{
  igraph_integer_t n = igraph_vcount(g);
  igraph_adjlist_t adj;
  if (!cm_igraph_check(igraph_adjlist_init(g, &adj, mode, IGRAPH_NO_LOOPS, IGRAPH_NO_MULTIPLE),
                       "template adjacency", error))
    return FALSE;
  guint32 *queue = g_try_new(guint32, MAX(n, 1));
  if (!queue) {
    igraph_adjlist_destroy(&adj);
    g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_NO_MEMORY,
                "out of memory for the template distances (%" G_GINT64_FORMAT " segments)",
                (gint64)n);
    return FALSE;
  }
  gsize head = 0, tail = 0;
  for (igraph_integer_t v = 0; v < n; v++) {
    dist[v] = in_set[v] ? 0 : -1;
    if (nearest)
      nearest[v] = in_set[v] ? (gint)v : -1;
    if (in_set[v])
      queue[tail++] = (guint32)v;
  }
  while (head < tail) {
    guint32 u = queue[head++];
    igraph_vector_int_t *next = igraph_adjlist_get(&adj, u);
    for (igraph_integer_t k = 0; k < igraph_vector_int_size(next); k++) {
      igraph_integer_t v = VECTOR(*next)[k];
      if (dist[v] < 0) {
        dist[v] = dist[u] + 1;
        if (nearest)
          nearest[v] = nearest[u];
        queue[tail++] = (guint32)v;
      } else if (nearest && dist[v] == dist[u] + 1 && nearest[u] < nearest[v]) {
        nearest[v] = nearest[u];
      }
    }
  }
  g_free(queue);
  igraph_adjlist_destroy(&adj);
  return TRUE;
}

gboolean
cm_template_distances_nearest(const CmTemplate *tpl, const gboolean *in_set, gint *to_set,
                              gint *from_set, gint *to_nearest, gint *from_nearest, GError **error)
{
  /* forward from the set: paths p -> s; backward: paths s -> p */
  return multi_source_bfs(&tpl->graph, in_set, IGRAPH_OUT, from_set, from_nearest, error) &&
         multi_source_bfs(&tpl->graph, in_set, IGRAPH_IN, to_set, to_nearest, error);
}

gboolean
cm_template_distances(const CmTemplate *tpl, const gboolean *in_set, gint *to_set, gint *from_set,
                      GError **error)
{
  return cm_template_distances_nearest(tpl, in_set, to_set, from_set, NULL, NULL, error);
}

gint
cm_template_nearest(const CmTemplate *tpl, guint s, const gboolean *in_set, gboolean forward,
                    GError **error)
{
  igraph_matrix_t dist;
  if (!cm_igraph_check(igraph_matrix_init(&dist, 0, 0), "distance matrix", error))
    return -1;
  int rc = igraph_distances(&tpl->graph, &dist, igraph_vss_1(s), igraph_vss_all(),
                            forward ? IGRAPH_OUT : IGRAPH_IN);
  gint best = -1;
  igraph_real_t best_d = IGRAPH_INFINITY;
  for (igraph_integer_t v = 0; rc == IGRAPH_SUCCESS && v < igraph_matrix_ncol(&dist); v++) {
    if (in_set[v] && MATRIX(dist, 0, v) < best_d) {
      best_d = MATRIX(dist, 0, v);
      best = (gint)v;
    }
  }
  igraph_matrix_destroy(&dist);
  if (!cm_igraph_check(rc, "template distances", error))
    return -1;
  return best;
}
