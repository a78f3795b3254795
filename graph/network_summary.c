/* The summarised network view (cm_network_summary.h): which enterprises, materials and merged
 * suppliers a network map draws. Buyers are expanded breadth first from the focus (or, for the
 * whole network, from the largest buyer down); an expansion that would take the map over its
 * enterprise cap is not made, and the buyer shows its purchases as one figure instead. */
#include "cm_network_summary.h"

#include <string.h>

void
cm_summary_limits_init(CmSummaryLimits *limits)
{
  *limits = (CmSummaryLimits){.top = 0, .all = FALSE, .max_enterprises = 0, .max_materials = 0};
}

typedef struct {
  const CmNetwork *net;
  const CmDataset *ds;
  guint *mat_start;  /* per enterprise + 1: its materials in net->materials */
  guint *flow_start; /* per material + 1: its flows in net->flows */
} Index;

static void
index_build(Index *ix, const CmNetwork *net)
{
  ix->net = net;
  ix->ds = net->ds;
  guint n_ent = cm_dataset_n_enterprises(net->ds), n_mat = net->materials->len;
  ix->mat_start = g_new0(guint, n_ent + 1);
  ix->flow_start = g_new0(guint, n_mat + 1);
  for (guint m = 0; m < n_mat; m++)
    ix->mat_start[g_array_index(net->materials, CmMaterial, m).buyer + 1]++;
  for (guint e = 0; e < n_ent; e++)
    ix->mat_start[e + 1] += ix->mat_start[e];
  /* materials and flows share their order: a material's flows follow each other */
  guint f = 0;
  for (guint m = 0; m < n_mat; m++) {
    const CmMaterial *mat = &g_array_index(net->materials, CmMaterial, m);
    ix->flow_start[m] = f;
    while (f < net->flows->len && g_array_index(net->flows, CmFlow, f).buyer == mat->buyer &&
           g_array_index(net->flows, CmFlow, f).segment == mat->segment)
      f++;
  }
  ix->flow_start[n_mat] = f;
}

static void
index_clear(Index *ix)
{
  g_free(ix->mat_start);
  g_free(ix->flow_start);
}

typedef struct {
  const Index *ix;
  const CmSummaryLimits *limits;
  guint top, cap, max_materials;
  gboolean focused;
  guint depth;
  CmNetworkSummary *out;
  gint64 *view;  /* per enterprise: index into out->enterprises, or -1 */
  guint *stamp;  /* per enterprise: last expansion that counted it */
  guint current; /* expansion counter for stamp */
  guint first_cost;
} Build;

static const CmFlow *
flow_at(const Index *ix, guint f)
{
  return &g_array_index(ix->net->flows, CmFlow, f);
}

static const CmMaterial *
material_at(const Index *ix, guint m)
{
  return &g_array_index(ix->net->materials, CmMaterial, m);
}

typedef struct {
  const Index *ix;
} SortData;

static gint
compare_flows_by_value(gconstpointer a, gconstpointer b, gpointer data)
{
  const Index *ix = data;
  const CmFlow *x = flow_at(ix, *(const guint *)a), *y = flow_at(ix, *(const guint *)b);
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return x->supplier < y->supplier ? -1 : x->supplier > y->supplier;
}

static gint
compare_materials_by_total(gconstpointer a, gconstpointer b, gpointer data)
{
  const Index *ix = data;
  const CmMaterial *x = material_at(ix, *(const guint *)a), *y = material_at(ix, *(const guint *)b);
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return x->segment < y->segment ? -1 : x->segment > y->segment;
}

/* The flows of material m, largest first, and how many of them are drawn one by one: the top
 * ones, plus a side's remainder when it is a single supplier (merging one is no summary). */
static GArray *
ranked_flows(const Build *b, guint m, guint *drawn)
{
  const Index *ix = b->ix;
  GArray *order = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint f = ix->flow_start[m]; f < ix->flow_start[m + 1]; f++)
    g_array_append_val(order, f);
  g_array_sort_with_data(order, compare_flows_by_value, (gpointer)ix);
  guint top = MIN(b->top, order->len);
  guint rest[2] = {0, 0};
  for (guint k = top; k < order->len; k++)
    rest[cm_analysis_is_local(&ix->net->options, ix->ds,
                              flow_at(ix, g_array_index(order, guint, k))->supplier)]++;
  /* move a lone remainder up into the drawn part (stable: it keeps its rank among the rest) */
  for (guint k = top; k < order->len; k++) {
    guint f = g_array_index(order, guint, k);
    gboolean local = cm_analysis_is_local(&ix->net->options, ix->ds, flow_at(ix, f)->supplier);
    if (rest[local] == 1) {
      memmove(&g_array_index(order, guint, top + 1), &g_array_index(order, guint, top),
              (k - top) * sizeof(guint));
      g_array_index(order, guint, top) = f;
      top++;
    }
  }
  *drawn = top;
  return order;
}

/* The buyer's materials, largest first, and how many are drawn one by one. */
static GArray *
ranked_materials(const Build *b, guint32 buyer, guint *drawn)
{
  const Index *ix = b->ix;
  GArray *order = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint m = ix->mat_start[buyer]; m < ix->mat_start[buyer + 1]; m++)
    g_array_append_val(order, m);
  g_array_sort_with_data(order, compare_materials_by_total, (gpointer)ix);
  /* merging a single material would be no summary */
  *drawn = b->max_materials && order->len > b->max_materials + 1 ? b->max_materials : order->len;
  return order;
}

static guint
add_enterprise(Build *b, guint32 e, guint tier)
{
  CmViewEnterprise v = {.enterprise = e, .tier = tier};
  g_array_append_val(b->out->enterprises, v);
  b->view[e] = b->out->enterprises->len - 1;
  return b->out->enterprises->len - 1;
}

/* The new enterprise nodes expanding buyer would add. */
static guint
expansion_cost(Build *b, guint32 buyer)
{
  const Index *ix = b->ix;
  b->current++;
  guint cost = b->view[buyer] < 0 ? 1 : 0;
  guint n_drawn;
  g_autoptr(GArray) mats = ranked_materials(b, buyer, &n_drawn);
  for (guint i = 0; i < n_drawn; i++) {
    guint m = g_array_index(mats, guint, i), drawn;
    g_autoptr(GArray) flows = ranked_flows(b, m, &drawn);
    for (guint k = 0; k < drawn; k++) {
      guint32 s = flow_at(ix, g_array_index(flows, guint, k))->supplier;
      if (b->view[s] < 0 && b->stamp[s] != b->current) {
        b->stamp[s] = b->current;
        cost++;
      }
    }
  }
  return cost;
}

static void
add_supply(Build *b, CmViewSupplyKind kind, guint32 material, guint32 enterprise, gboolean local,
           guint count, double value)
{
  CmViewSupply s = {kind, material, enterprise, local, count, value};
  g_array_append_val(b->out->supplies, s);
  b->out->merged_nodes += kind == CM_VIEW_MERGED;
}

/* A merged entry per side for flows[from, to) of the material (distinct suppliers counted). */
static void
add_merged(Build *b, guint32 vm, const guint *flows, guint n)
{
  const Index *ix = b->ix;
  for (int side = 1; side >= 0; side--) {
    b->current++;
    guint count = 0;
    double value = 0;
    for (guint k = 0; k < n; k++) {
      const CmFlow *f = flow_at(ix, flows[k]);
      if ((int)cm_analysis_is_local(&ix->net->options, ix->ds, f->supplier) != side)
        continue;
      value += f->value;
      if (b->stamp[f->supplier] != b->current) {
        b->stamp[f->supplier] = b->current;
        count++;
      }
    }
    if (count > 0)
      add_supply(b, CM_VIEW_MERGED, vm, 0, side, count, value);
  }
}

static guint32
add_material(Build *b, guint32 vbuyer, gint64 m, guint n_materials)
{
  CmViewMaterial v = {.buyer = vbuyer, .material = m, .n_materials = n_materials};
  if (m >= 0) {
    const CmMaterial *mat = material_at(b->ix, (guint)m);
    v.segment = mat->segment;
    v.local = mat->local;
    v.total = mat->total;
    v.suppliers = mat->suppliers;
  }
  g_array_append_val(b->out->materials, v);
  return b->out->materials->len - 1;
}

/* Draws buyer's purchases; queue gets the new enterprises to expand later. */
static void
expand(Build *b, guint32 buyer, GQueue *queue)
{
  const Index *ix = b->ix;
  if (b->view[buyer] < 0)
    add_enterprise(b, buyer, 0);
  guint vbuyer = (guint)b->view[buyer];
  guint tier = g_array_index(b->out->enterprises, CmViewEnterprise, vbuyer).tier;
  g_array_index(b->out->enterprises, CmViewEnterprise, vbuyer).expanded = TRUE;
  guint n_drawn;
  g_autoptr(GArray) mats = ranked_materials(b, buyer, &n_drawn);
  for (guint i = 0; i < n_drawn; i++) {
    guint m = g_array_index(mats, guint, i), drawn;
    guint32 vm = add_material(b, vbuyer, m, 1);
    g_autoptr(GArray) flows = ranked_flows(b, m, &drawn);
    for (guint k = 0; k < drawn; k++) {
      const CmFlow *f = flow_at(ix, g_array_index(flows, guint, k));
      gboolean local = cm_analysis_is_local(&ix->net->options, ix->ds, f->supplier);
      gint64 v = b->view[f->supplier];
      CmViewSupplyKind kind = CM_VIEW_SUPPLIER;
      if (v < 0) {
        v = add_enterprise(b, f->supplier, tier + 1);
        if (b->focused && tier + 1 < b->depth)
          g_queue_push_tail(queue, GUINT_TO_POINTER(f->supplier));
      } else if (b->focused &&
                 g_array_index(b->out->enterprises, CmViewEnterprise, v).tier != tier + 1) {
        kind = CM_VIEW_REPEAT; /* drawn downstream already: an arrow there would run back */
      }
      add_supply(b, kind, vm, (guint32)v, local, 1, f->value);
    }
    add_merged(b, vm, &g_array_index(flows, guint, drawn), flows->len - drawn);
  }
  if (n_drawn == mats->len)
    return;
  /* the smallest materials as one node, their suppliers merged per side */
  guint32 vm = add_material(b, vbuyer, -1, mats->len - n_drawn);
  CmViewMaterial *other = &g_array_index(b->out->materials, CmViewMaterial, vm);
  g_autoptr(GArray) flows = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = n_drawn; i < mats->len; i++) {
    guint m = g_array_index(mats, guint, i);
    other->local += material_at(ix, m)->local;
    other->total += material_at(ix, m)->total;
    for (guint f = ix->flow_start[m]; f < ix->flow_start[m + 1]; f++)
      g_array_append_val(flows, f);
  }
  add_merged(b, vm, (const guint *)flows->data, flows->len);
  b->current++;
  for (guint k = 0; k < flows->len; k++) {
    guint32 s = flow_at(ix, g_array_index(flows, guint, k))->supplier;
    if (b->stamp[s] != b->current) {
      b->stamp[s] = b->current;
      other->suppliers++;
    }
  }
}

/* A buyer left unexpanded for the cap: its purchases as one figure. */
static void
summarise(Build *b, guint32 buyer)
{
  const Index *ix = b->ix;
  CmViewEnterprise *v = &g_array_index(b->out->enterprises, CmViewEnterprise, b->view[buyer]);
  b->current++;
  for (guint m = ix->mat_start[buyer]; m < ix->mat_start[buyer + 1]; m++) {
    v->hidden_total += material_at(ix, m)->total;
    v->hidden_local += material_at(ix, m)->local;
    for (guint f = ix->flow_start[m]; f < ix->flow_start[m + 1]; f++) {
      guint32 s = flow_at(ix, f)->supplier;
      if (b->stamp[s] != b->current) {
        b->stamp[s] = b->current;
        v->hidden_suppliers++;
      }
    }
  }
  b->out->buyers_summarised++;
}

/* Tries buyer: expands it when it fits under the cap (the first always does). */
static void
try_expand(Build *b, guint32 buyer, GQueue *queue, gboolean first)
{
  if (b->ix->mat_start[buyer] == b->ix->mat_start[buyer + 1]) {
    if (b->view[buyer] < 0)
      add_enterprise(b, buyer, 0);
    return;
  }
  guint cost = expansion_cost(b, buyer);
  if (first)
    b->first_cost = cost;
  if (!first && b->cap && b->out->enterprises->len + cost > b->cap) {
    if (b->view[buyer] >= 0)
      summarise(b, buyer);
    else
      b->out->buyers_left_out++;
    return;
  }
  expand(b, buyer, queue);
}

static gint
compare_buyers(gconstpointer a, gconstpointer b, gpointer data)
{
  const double *totals = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  if (totals[x] != totals[y])
    return totals[x] > totals[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

static CmNetworkSummary *
build(const Index *ix, gint64 focus, guint depth, const CmSummaryLimits *limits, guint top,
      guint *first_cost)
{
  guint n_ent = cm_dataset_n_enterprises(ix->ds);
  CmNetworkSummary *out = g_new0(CmNetworkSummary, 1);
  out->net = ix->net;
  out->focus = focus;
  out->depth = focus >= 0 ? depth : 1;
  out->top = top;
  out->enterprises = g_array_new(FALSE, FALSE, sizeof(CmViewEnterprise));
  out->materials = g_array_new(FALSE, FALSE, sizeof(CmViewMaterial));
  out->supplies = g_array_new(FALSE, FALSE, sizeof(CmViewSupply));
  Build b = {
      .ix = ix,
      .limits = limits,
      .top = top,
      .cap = limits->all               ? 0
             : limits->max_enterprises ? limits->max_enterprises
                                       : CM_SUMMARY_DEFAULT_ENTERPRISES,
      .max_materials = limits->all ? 0 : limits->max_materials,
      .focused = focus >= 0,
      .depth = out->depth,
      .out = out,
      .view = g_new(gint64, MAX(n_ent, 1)),
      .stamp = g_new0(guint, MAX(n_ent, 1)),
  };
  for (guint i = 0; i < n_ent; i++)
    b.view[i] = -1;
  GQueue queue = G_QUEUE_INIT;
  if (focus >= 0) {
    add_enterprise(&b, (guint32)focus, 0);
    g_queue_push_tail(&queue, GUINT_TO_POINTER((guint32)focus));
    gboolean first = TRUE;
    while (!g_queue_is_empty(&queue)) {
      try_expand(&b, GPOINTER_TO_UINT(g_queue_pop_head(&queue)), &queue, first);
      first = FALSE;
    }
  } else {
    /* every buyer with purchases, the largest first */
    g_autofree double *totals = g_new0(double, MAX(n_ent, 1));
    g_autoptr(GArray) buyers = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 e = 0; e < n_ent; e++) {
      for (guint m = ix->mat_start[e]; m < ix->mat_start[e + 1]; m++)
        totals[e] += material_at(ix, m)->total;
      if (ix->mat_start[e] < ix->mat_start[e + 1])
        g_array_append_val(buyers, e);
    }
    g_array_sort_with_data(buyers, compare_buyers, totals);
    for (guint k = 0; k < buyers->len; k++)
      try_expand(&b, g_array_index(buyers, guint32, k), &queue, k == 0);
  }
  *first_cost = b.first_cost;
  g_free(b.view);
  g_free(b.stamp);
  return out;
}

/* A segment bought by two drawn buyers is named with its buyer on the map. */
static void
mark_ambiguous(CmNetworkSummary *s)
{
  guint n_seg = cm_dataset_n_segments(s->net->ds);
  g_autofree guint *seen = g_new0(guint, MAX(n_seg, 1));
  for (guint i = 0; i < s->materials->len; i++) {
    const CmViewMaterial *m = &g_array_index(s->materials, CmViewMaterial, i);
    if (m->material >= 0)
      seen[m->segment]++;
  }
  for (guint i = 0; i < s->materials->len; i++) {
    CmViewMaterial *m = &g_array_index(s->materials, CmViewMaterial, i);
    m->ambiguous = m->material >= 0 && seen[m->segment] > 1;
  }
}

CmNetworkSummary *
cm_network_summary_new(const CmNetwork *net, gint64 focus, guint depth,
                       const CmSummaryLimits *limits)
{
  g_return_val_if_fail(net != NULL && limits != NULL, NULL);
  g_return_val_if_fail(focus < (gint64)cm_dataset_n_enterprises(net->ds), NULL);
  Index ix;
  index_build(&ix, net);
  CmNetworkSummary *best = NULL;
  guint cost = 0;
  if (limits->all) {
    best = build(&ix, focus, depth, limits, G_MAXUINT, &cost);
  } else if (limits->top) {
    best = build(&ix, focus, depth, limits, limits->top, &cost);
  } else {
    /* the most suppliers per material that leave nothing summarised for the cap; failing that,
     * the most whose first buyer takes at most half the cap (room for the tiers upstream) */
    guint cap = limits->max_enterprises ? limits->max_enterprises : CM_SUMMARY_DEFAULT_ENTERPRISES;
    CmNetworkSummary *fallback = NULL;
    for (guint top = CM_SUMMARY_DEFAULT_TOP; top >= 1 && !best; top--) {
      CmNetworkSummary *s = build(&ix, focus, depth, limits, top, &cost);
      if (s->buyers_summarised == 0 && s->buyers_left_out == 0 && s->enterprises->len <= cap)
        best = s;
      else if (!fallback && (cost <= cap / 2 || top == 1))
        fallback = s;
      else
        cm_network_summary_free(s);
    }
    if (best)
      cm_network_summary_free(fallback);
    else
      best = fallback;
  }
  index_clear(&ix);
  mark_ambiguous(best);
  return best;
}

void
cm_network_summary_free(CmNetworkSummary *summary)
{
  if (!summary)
    return;
  g_array_unref(summary->enterprises);
  g_array_unref(summary->materials);
  g_array_unref(summary->supplies);
  g_free(summary);
}

gint64
cm_network_summary_find(const CmNetworkSummary *summary, guint32 enterprise)
{
  for (guint i = 0; i < summary->enterprises->len; i++)
    if (g_array_index(summary->enterprises, CmViewEnterprise, i).enterprise == enterprise)
      return i;
  return -1;
}
