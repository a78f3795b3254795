#include "cm_network.h"
#include "cm_error.h"
#include "cm_init.h"

#include <math.h>
#include <stdlib.h>

static int
compare_flows(const void *a, const void *b)
{
  const CmFlow *x = a, *y = b;
  if (x->buyer != y->buyer)
    return x->buyer < y->buyer ? -1 : 1;
  if (x->segment != y->segment)
    return x->segment < y->segment ? -1 : 1;
  if (x->supplier != y->supplier)
    return x->supplier < y->supplier ? -1 : 1;
  return 0;
}

/* Counted rows, sorted, then rows of the same supplier, buyer and segment (other years) merged. */
static GArray *
collect_flows(const CmDataset *ds, const CmAnalysisOptions *options)
{
  GArray *flows = g_array_new(FALSE, FALSE, sizeof(CmFlow));
  for (guint i = 0; ds->has_supply && i < ds->supply->len; i++) {
    const CmSupply *row = &g_array_index(ds->supply, CmSupply, i);
    if (!cm_analysis_counts_supply(options, ds, row))
      continue;
    CmFlow f = {row->supplier, row->buyer, row->segment, row->value};
    g_array_append_val(flows, f);
  }
  if (flows->len > 1)
    qsort(flows->data, flows->len, sizeof(CmFlow), compare_flows);
  guint out = 0;
  for (guint i = 0; i < flows->len; i++) {
    CmFlow *f = &g_array_index(flows, CmFlow, i);
    CmFlow *last = out > 0 ? &g_array_index(flows, CmFlow, out - 1) : NULL;
    if (last && compare_flows(last, f) == 0)
      last->value += f->value;
    else
      g_array_index(flows, CmFlow, out++) = *f;
  }
  g_array_set_size(flows, out);
  return flows;
}

static GArray *
collect_materials(const CmDataset *ds, const CmAnalysisOptions *options, const GArray *flows)
{
  GArray *materials = g_array_new(FALSE, FALSE, sizeof(CmMaterial));
  for (guint i = 0; i < flows->len; i++) {
    const CmFlow *f = &g_array_index(flows, CmFlow, i);
    CmMaterial *m =
        materials->len ? &g_array_index(materials, CmMaterial, materials->len - 1) : NULL;
    if (!m || m->buyer != f->buyer || m->segment != f->segment) {
      CmMaterial fresh = {.buyer = f->buyer, .segment = f->segment};
      g_array_append_val(materials, fresh);
      m = &g_array_index(materials, CmMaterial, materials->len - 1);
    }
    m->total += f->value;
    if (cm_analysis_is_local(options, ds, f->supplier))
      m->local += f->value;
    m->suppliers++;
  }
  return materials;
}

CmNetwork *
cm_network_new(const CmDataset *ds, const CmAnalysisOptions *options, GError **error)
{
  g_return_val_if_fail(ds != NULL && options != NULL, NULL);
  g_autoptr(GArray) flows = collect_flows(ds, options);
  igraph_vector_int_t edges;
  if (!cm_igraph_check(igraph_vector_int_init(&edges, 2 * (igraph_integer_t)flows->len),
                       "supply network edges", error))
    return NULL;
  for (guint i = 0; i < flows->len; i++) {
    const CmFlow *f = &g_array_index(flows, CmFlow, i);
    VECTOR(edges)[2 * i] = f->supplier;
    VECTOR(edges)[2 * i + 1] = f->buyer;
  }
  CmNetwork *net = g_new0(CmNetwork, 1);
  int rc = igraph_create(&net->graph, &edges, cm_dataset_n_enterprises(ds), IGRAPH_DIRECTED);
  igraph_vector_int_destroy(&edges);
  if (!cm_igraph_check(rc, "building the supply network", error)) {
    g_free(net);
    return NULL;
  }
  net->ds = ds;
  net->options = *options;
  net->materials = collect_materials(ds, options, flows);
  net->flows = g_steal_pointer(&flows);
  return net;
}

void
cm_network_free(CmNetwork *net)
{
  if (!net)
    return;
  igraph_destroy(&net->graph);
  g_array_unref(net->flows);
  g_array_unref(net->materials);
  g_free(net);
}

gint *
cm_network_upstream_distances(const CmNetwork *net, guint32 focus, GError **error)
{
  igraph_integer_t n = igraph_vcount(&net->graph);
  g_return_val_if_fail(focus < n, NULL);
  igraph_matrix_t dist;
  if (!cm_igraph_check(igraph_matrix_init(&dist, 0, 0), "upstream distances", error))
    return NULL;
  /* IN mode walks the edges backwards: from the buyer to its suppliers, and theirs. */
  int rc = igraph_distances(&net->graph, &dist, igraph_vss_1(focus), igraph_vss_all(), IGRAPH_IN);
  if (!cm_igraph_check(rc, "upstream distances", error)) {
    igraph_matrix_destroy(&dist);
    return NULL;
  }
  gint *out = g_new(gint, n > 0 ? n : 1);
  for (igraph_integer_t v = 0; v < n; v++) {
    igraph_real_t d = MATRIX(dist, 0, v);
    out[v] = isfinite(d) ? (gint)d : -1;
  }
  igraph_matrix_destroy(&dist);
  return out;
}

GArray *
cm_network_upstream(const CmNetwork *net, guint32 focus, guint depth, GError **error)
{
  g_autofree gint *dist = cm_network_upstream_distances(net, focus, error);
  if (!dist)
    return NULL;
  GArray *set = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < (guint32)igraph_vcount(&net->graph); v++)
    if (dist[v] >= 0 && (guint)dist[v] <= depth)
      g_array_append_val(set, v);
  return set;
}

static guint64
edge_key(guint32 input, guint32 segment)
{
  return ((guint64)input << 32) | segment;
}

GArray *
cm_network_edge_flows(const CmDataset *ds, const CmAnalysisOptions *options)
{
  GArray *edges = g_array_new(FALSE, FALSE, sizeof(CmEdgeFlow));
  g_autoptr(GHashTable) index = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint32 v = 0; v < cm_dataset_n_segments(ds); v++) {
    const CmSegment *s = cm_dataset_segment(ds, v);
    const guint32 *inputs = cm_dataset_segment_inputs(ds, s);
    for (guint k = 0; k < s->n_inputs; k++) {
      guint64 *key = g_new(guint64, 1);
      *key = edge_key(inputs[k], v);
      if (g_hash_table_contains(index, key)) {
        g_free(key);
        continue;
      }
      g_hash_table_insert(index, key, GUINT_TO_POINTER(edges->len + 1));
      CmEdgeFlow e = {.input = inputs[k], .segment = v};
      g_array_append_val(edges, e);
    }
  }
  g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = 0; ds->has_supply && i < ds->supply->len; i++) {
    const CmSupply *row = &g_array_index(ds->supply, CmSupply, i);
    const CmEnterprise *buyer = cm_dataset_enterprise(ds, row->buyer);
    if (!cm_analysis_is_local(options, ds, row->buyer) ||
        !cm_analysis_counts_supply(options, ds, row))
      continue;
    /* the template edges row->segment -> v for the segments v the buyer produces */
    g_array_set_size(targets, 0);
    const guint32 *produced = cm_dataset_enterprise_segments(ds, buyer);
    for (guint k = 0; k < buyer->n_segments; k++) {
      guint64 key = edge_key(row->segment, produced[k]);
      guint at = GPOINTER_TO_UINT(g_hash_table_lookup(index, &key));
      if (at > 0)
        g_array_append_val(targets, at);
    }
    gboolean local = cm_analysis_is_local(options, ds, row->supplier);
    for (guint k = 0; k < targets->len; k++) {
      CmEdgeFlow *e = &g_array_index(edges, CmEdgeFlow, g_array_index(targets, guint, k) - 1);
      double share = row->value / targets->len;
      e->value += share;
      if (local)
        e->local += share;
    }
  }
  return edges;
}
