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

/* Minimum over the rows of an igraph distance matrix (rows: set members, columns: segments). */
static void
column_minima(const igraph_matrix_t *m, gint *out, igraph_integer_t n)
{
  for (igraph_integer_t c = 0; c < n; c++) {
    igraph_real_t best = IGRAPH_INFINITY;
    for (igraph_integer_t r = 0; r < igraph_matrix_nrow(m); r++)
      if (MATRIX(*m, r, c) < best)
        best = MATRIX(*m, r, c);
    out[c] = best == IGRAPH_INFINITY ? -1 : (gint)best;
  }
}

gboolean
cm_template_distances(const CmTemplate *tpl, const gboolean *in_set, gint *to_set, gint *from_set,
                      GError **error)
{
  igraph_integer_t n = igraph_vcount(&tpl->graph);
  igraph_vector_int_t members;
  if (!cm_igraph_check(igraph_vector_int_init(&members, 0), "distance set", error))
    return FALSE;
  int rc = IGRAPH_SUCCESS;
  for (igraph_integer_t v = 0; v < n && rc == IGRAPH_SUCCESS; v++)
    if (in_set[v])
      rc = igraph_vector_int_push_back(&members, v);
  if (rc != IGRAPH_SUCCESS || igraph_vector_int_size(&members) == 0) {
    igraph_vector_int_destroy(&members);
    for (igraph_integer_t v = 0; v < n; v++)
      to_set[v] = from_set[v] = -1;
    return cm_igraph_check(rc, "distance set", error);
  }
  igraph_matrix_t dist;
  rc = igraph_matrix_init(&dist, 0, 0);
  if (rc != IGRAPH_SUCCESS) {
    igraph_vector_int_destroy(&members);
    return cm_igraph_check(rc, "distance matrix", error);
  }
  igraph_vs_t from = igraph_vss_vector(&members);
  /* OUT from the set: paths p -> s */
  rc = igraph_distances(&tpl->graph, &dist, from, igraph_vss_all(), IGRAPH_OUT);
  if (rc == IGRAPH_SUCCESS) {
    column_minima(&dist, from_set, n);
    /* IN from the set follows edges backwards: paths s -> p */
    rc = igraph_distances(&tpl->graph, &dist, from, igraph_vss_all(), IGRAPH_IN);
    if (rc == IGRAPH_SUCCESS)
      column_minima(&dist, to_set, n);
  }
  igraph_matrix_destroy(&dist);
  igraph_vector_int_destroy(&members);
  return cm_igraph_check(rc, "template distances", error);
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
