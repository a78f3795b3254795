/* Overview parts and detail selections of large templates (cm_template_view.h). */
#include "cm_template_view.h"

#include <string.h>

static void
part_free(gpointer p)
{
  CmTemplatePart *part = p;
  g_array_unref(part->segments);
  g_free(part);
}

static gint
compare_edges(gconstpointer a, gconstpointer b)
{
  const CmTemplatePartEdge *x = a, *y = b;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->to < y->to ? -1 : x->to > y->to;
}

CmTemplateParts *
cm_template_parts_new(const CmDataset *ds, const CmSegmentResult *results)
{
  g_return_val_if_fail(ds != NULL && results != NULL, NULL);
  guint n = cm_dataset_n_segments(ds);
  CmTemplateParts *parts = g_new0(CmTemplateParts, 1);
  parts->parts = g_ptr_array_new_with_free_func(part_free);
  parts->part_of = g_new0(guint32, MAX(n, 1));
  /* key -> part index + 1; a tier's ungrouped segments are keyed "\1" + tier so that a group
   * named like a tier stays apart */
  g_autoptr(GHashTable) index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint32 s = 0; s < n; s++) {
    const CmSegment *seg = cm_dataset_segment(ds, s);
    gboolean is_tier = !seg->group[0];
    g_autofree char *key =
        is_tier ? g_strdup_printf("\1%s", cm_tier_to_string(seg->tier)) : g_strdup(seg->group);
    guint k = GPOINTER_TO_UINT(g_hash_table_lookup(index, key));
    if (k == 0) {
      CmTemplatePart *part = g_new0(CmTemplatePart, 1);
      part->key = is_tier ? cm_tier_to_string(seg->tier) : seg->group;
      part->tier = seg->tier;
      part->is_tier = is_tier;
      part->segments = g_array_new(FALSE, FALSE, sizeof(guint32));
      g_ptr_array_add(parts->parts, part);
      k = parts->parts->len;
      g_hash_table_insert(index, g_steal_pointer(&key), GUINT_TO_POINTER(k));
    }
    CmTemplatePart *part = g_ptr_array_index(parts->parts, k - 1);
    g_array_append_val(part->segments, s);
    parts->part_of[s] = k - 1;
    const CmSegmentResult *r = &results[s];
    part->count[r->status]++;
    part->local_producers += r->local_producers;
    part->leakage += r->leakage;
    part->local_demand += r->local_demand;
  }
  g_autoptr(GHashTable) seen = g_hash_table_new(g_int64_hash, g_int64_equal);
  parts->edges = g_array_new(FALSE, FALSE, sizeof(CmTemplatePartEdge));
  g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, sizeof(gint64));
  for (guint32 s = 0; s < n; s++) {
    const CmSegment *seg = cm_dataset_segment(ds, s);
    const guint32 *in = cm_dataset_segment_inputs(ds, seg);
    for (guint k = 0; k < seg->n_inputs; k++) {
      guint32 from = parts->part_of[in[k]], to = parts->part_of[s];
      if (from == to)
        continue;
      CmTemplatePartEdge e = {from, to, 1, cm_dataset_segment(ds, in[k])->tier > seg->tier};
      g_array_append_val(parts->edges, e);
    }
  }
  /* one edge per pair of parts, counting the template edges it stands for */
  g_array_sort(parts->edges, compare_edges);
  guint out = 0;
  for (guint i = 0; i < parts->edges->len; i++) {
    CmTemplatePartEdge *e = &g_array_index(parts->edges, CmTemplatePartEdge, i);
    CmTemplatePartEdge *last =
        out ? &g_array_index(parts->edges, CmTemplatePartEdge, out - 1) : NULL;
    if (last && last->from == e->from && last->to == e->to) {
      last->edges++;
      last->back |= e->back;
    } else {
      g_array_index(parts->edges, CmTemplatePartEdge, out++) = *e;
    }
  }
  g_array_set_size(parts->edges, out);
  return parts;
}

void
cm_template_parts_free(CmTemplateParts *parts)
{
  if (!parts)
    return;
  g_ptr_array_unref(parts->parts);
  g_array_unref(parts->edges);
  g_free(parts->part_of);
  g_free(parts);
}

gint
cm_template_parts_find(const CmTemplateParts *parts, const char *key)
{
  for (guint k = 0; k < parts->parts->len; k++) {
    const CmTemplatePart *p = g_ptr_array_index(parts->parts, k);
    if (!p->is_tier && strcmp(p->key, key) == 0)
      return (gint)k;
  }
  for (guint k = 0; k < parts->parts->len; k++) {
    const CmTemplatePart *p = g_ptr_array_index(parts->parts, k);
    if (p->is_tier && g_ascii_strcasecmp(p->key, key) == 0)
      return (gint)k;
  }
  return -1;
}

/* Every segment next to a FULL one (an input or an output) that is not FULL becomes a STUB. */
static void
add_stubs(const CmDataset *ds, CmSegmentView *view)
{
  guint n = cm_dataset_n_segments(ds);
  for (guint32 s = 0; s < n; s++) {
    const CmSegment *seg = cm_dataset_segment(ds, s);
    const guint32 *in = cm_dataset_segment_inputs(ds, seg);
    for (guint k = 0; k < seg->n_inputs; k++) {
      if (view[s] == CM_VIEW_FULL && view[in[k]] == CM_VIEW_HIDDEN)
        view[in[k]] = CM_VIEW_STUB;
      if (view[in[k]] == CM_VIEW_FULL && view[s] == CM_VIEW_HIDDEN)
        view[s] = CM_VIEW_STUB;
    }
  }
}

CmSegmentView *
cm_template_select_part(const CmDataset *ds, const CmTemplateParts *parts, guint part)
{
  g_return_val_if_fail(part < parts->parts->len, NULL);
  guint n = cm_dataset_n_segments(ds);
  CmSegmentView *view = g_new0(CmSegmentView, MAX(n, 1));
  const CmTemplatePart *p = g_ptr_array_index(parts->parts, part);
  for (guint k = 0; k < p->segments->len; k++)
    view[g_array_index(p->segments, guint32, k)] = CM_VIEW_FULL;
  add_stubs(ds, view);
  return view;
}

CmSegmentView *
cm_template_select_near(const CmDataset *ds, guint32 focus, guint depth)
{
  guint n = cm_dataset_n_segments(ds);
  g_return_val_if_fail(focus < n, NULL);
  /* neighbours both ways: outputs from the inputs lists, inverted once */
  g_autofree guint *out_start = g_new0(guint, n + 1);
  for (guint32 s = 0; s < n; s++) {
    const CmSegment *seg = cm_dataset_segment(ds, s);
    const guint32 *in = cm_dataset_segment_inputs(ds, seg);
    for (guint k = 0; k < seg->n_inputs; k++)
      out_start[in[k] + 1]++;
  }
  for (guint s = 0; s < n; s++)
    out_start[s + 1] += out_start[s];
  g_autofree guint32 *outs = g_new0(guint32, MAX(out_start[n], 1));
  g_autofree guint *fill = g_memdup2(out_start, (n + 1) * sizeof(guint));
  for (guint32 s = 0; s < n; s++) {
    const CmSegment *seg = cm_dataset_segment(ds, s);
    const guint32 *in = cm_dataset_segment_inputs(ds, seg);
    for (guint k = 0; k < seg->n_inputs; k++)
      outs[fill[in[k]]++] = s;
  }
  g_autofree gint *dist = g_new(gint, n);
  for (guint s = 0; s < n; s++)
    dist[s] = -1;
  g_autofree guint32 *queue = g_new(guint32, n);
  guint head = 0, tail = 0;
  dist[focus] = 0;
  queue[tail++] = focus;
  while (head < tail) {
    guint32 s = queue[head++];
    if ((guint)dist[s] >= depth)
      continue;
    const CmSegment *seg = cm_dataset_segment(ds, s);
    const guint32 *in = cm_dataset_segment_inputs(ds, seg);
    for (guint k = 0; k < seg->n_inputs + (out_start[s + 1] - out_start[s]); k++) {
      guint32 t = k < seg->n_inputs ? in[k] : outs[out_start[s] + k - seg->n_inputs];
      if (dist[t] < 0) {
        dist[t] = dist[s] + 1;
        queue[tail++] = t;
      }
    }
  }
  CmSegmentView *view = g_new0(CmSegmentView, MAX(n, 1));
  for (guint s = 0; s < n; s++)
    view[s] = dist[s] >= 0 ? CM_VIEW_FULL : CM_VIEW_HIDDEN;
  add_stubs(ds, view);
  return view;
}
