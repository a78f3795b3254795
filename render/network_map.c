/* The network view: each counted supply row as supplier -> material -> buyer, where a material
 * node stands for one segment bought by one buyer and shows how much of it that buyer gets
 * locally. With a focus, only the rows within depth supply steps upstream of it. */
#include "cm_i18n.h"
#include "cm_network.h"
#include "cm_output.h"
#include "cm_resilience.h"
#include "map_palette.h"
#include "map_private.h"

#include <math.h>
#include <string.h>

#define MAX_PENWIDTH 6.0

/* dot's time grows fast with size (a random 1,150-node network took over 10 minutes with
 * defaults): big maps drop edge labels (each is a virtual node in every rank it spans) and bound
 * dot's iterations; very big ones draw straight edges, as spline routing then dominates. */
#define BIG_MAP_NODES 300
#define BIG_MAP_EDGES 500
#define HUGE_MAP_NODES 700

/* A chain leader's input that comes from a single supplier (SPEC section 2, resilience). */
#define SINGLE_SOURCE_MARK "\xe2\x9a\xa0" /* ⚠ */
#define SINGLE_SOURCE_COLOR "#c62828"

typedef struct {
  const CmDataset *ds;
  const CmMapStyle *style;
  CmNetwork *net;
  CmResilience *resilience; /* which leader inputs are single-source */
  guint n_single_shown;
  gint64 focus;
  guint depth;
  gboolean *keep_flow;     /* per flow */
  gboolean *keep_material; /* per material */
  gboolean *shown;         /* per enterprise */
  Agnode_t **enterprise_nodes;
  guint n_enterprises_shown, n_local_shown, n_materials_shown, n_edges_shown;
  gboolean big; /* no edge labels */
  double max_value;
  Agraph_t *g;
} NetworkMap;

static void
network_map_clear(NetworkMap *map)
{
  g_clear_pointer(&map->net, cm_network_free);
  g_clear_pointer(&map->resilience, cm_resilience_free);
  g_clear_pointer(&map->keep_flow, g_free);
  g_clear_pointer(&map->keep_material, g_free);
  g_clear_pointer(&map->shown, g_free);
  g_clear_pointer(&map->enterprise_nodes, g_free);
}

/* Which flows to draw: all, or with a focus those whose buyer lies at most depth - 1 steps and
 * whose supplier at most depth steps upstream of it. A buyer kept keeps all its suppliers, so
 * every material drawn is complete. */
static gboolean
select_flows(NetworkMap *map, GError **error)
{
  const GArray *flows = map->net->flows, *materials = map->net->materials;
  guint n_ent = cm_dataset_n_enterprises(map->ds);
  g_autofree gint *dist = NULL;
  if (map->focus >= 0) {
    dist = cm_network_upstream_distances(map->net, (guint32)map->focus, error);
    if (!dist)
      return FALSE;
  }
  map->keep_flow = g_new0(gboolean, MAX(flows->len, 1));
  map->keep_material = g_new0(gboolean, MAX(materials->len, 1));
  map->shown = g_new0(gboolean, MAX(n_ent, 1));
  if (map->focus >= 0)
    map->shown[map->focus] = TRUE;
  guint m = 0; /* materials and flows are in the same order: walk them together */
  for (guint i = 0; i < flows->len; i++) {
    const CmFlow *f = &g_array_index(flows, CmFlow, i);
    while (g_array_index(materials, CmMaterial, m).buyer != f->buyer ||
           g_array_index(materials, CmMaterial, m).segment != f->segment)
      m++;
    gboolean keep = !dist || (dist[f->buyer] >= 0 && (guint)dist[f->buyer] < map->depth);
    if (!keep)
      continue;
    map->keep_flow[i] = TRUE;
    map->n_edges_shown += 1 + !map->keep_material[m]; /* supplier -> material (-> buyer) */
    map->keep_material[m] = TRUE;
    map->shown[f->supplier] = map->shown[f->buyer] = TRUE;
    map->max_value = MAX(map->max_value, g_array_index(materials, CmMaterial, m).total);
  }
  for (guint i = 0; i < n_ent; i++)
    if (map->shown[i]) {
      map->n_enterprises_shown++;
      map->n_local_shown += cm_dataset_enterprise(map->ds, i)->local;
    }
  for (guint i = 0; i < materials->len; i++)
    map->n_materials_shown += map->keep_material[i];
  return TRUE;
}

static char *
penwidth(const NetworkMap *map, double v)
{
  double scale = map->max_value > 0 ? sqrt(v / map->max_value) : 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.2f", 0.8 + (MAX_PENWIDTH - 0.8) * scale);
  return g_strdup(buf);
}

static char *
enterprise_label(const NetworkMap *map, const CmEnterprise *e)
{
  g_autofree char *first = NULL, *second = NULL;
  cm_map__split_name(cm_enterprise_display_name(e), &first, &second);
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"1\"><TR><TD ALIGN=\"LEFT\"><B>");
  if (e->leader)
    g_string_append_printf(html, "<FONT COLOR=\"%s\">" CM_MAP_LEADER_MARK "</FONT> ",
                           CM_MAP_LEADER_BORDER);
  cm_map__html_append(html, first);
  g_string_append(html, "</B></TD></TR>");
  if (second[0]) {
    g_string_append_printf(html, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
    cm_map__html_append(html, second);
    g_string_append(html, "</FONT></TD></TR>");
  }
  g_string_append_printf(html, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"%s\">",
                         CM_MAP_TEXT_MUTED);
  cm_map__html_append(html, e->region);
  if (e->status != CM_PROJECT_OPERATING) {
    g_string_append(html, " · ");
    cm_map__html_append(html, cm_words_project_status(e->status));
  }
  g_string_append(html, "</FONT></TD></TR></TABLE>");
  return g_string_free(html, FALSE);
}

static char *
enterprise_tooltip(const NetworkMap *map, guint32 i)
{
  const CmDataset *ds = map->ds;
  const CmEnterprise *e = cm_dataset_enterprise(ds, i);
  GString *tip = g_string_new(NULL);
  g_string_append_printf(tip, "%s [%s]\n%s (%s)", cm_enterprise_display_name(e), e->id, e->region,
                         e->local ? _("local") : _("outside"));
  if (e->role[0] && e->leader)
    g_string_append_printf(tip, _("\nrole: %s (chain leader)"), e->role);
  else if (e->role[0])
    g_string_append_printf(tip, _("\nrole: %s"), e->role);
  g_string_append_printf(tip, _("\nstatus: %s"), cm_words_project_status(e->status));
  if (e->has_output) {
    g_autofree char *v = cm_map__value_full(e->output);
    g_string_append_printf(tip, _("\noutput: %s %s"), v, cm_unit_display(ds->unit));
  }
  g_string_append(tip, _("\nproduces:"));
  const guint32 *segs = cm_dataset_enterprise_segments(ds, e);
  for (guint k = 0; k < e->n_segments; k++)
    g_string_append_printf(tip, "%s %s", k ? ";" : "",
                           cm_segment_display_name(cm_dataset_segment(ds, segs[k])));
  for (guint k = 0; k < ds->enterprise_extra.n; k++) {
    const char *v =
        cm_dataset_extra_value(&ds->enterprise_extra, ds->enterprise_extra_values, i, k);
    if (v && v[0])
      g_string_append_printf(tip, "\n%s: %s", ds->enterprise_extra.names[k], v);
  }
  return g_string_free(tip, FALSE);
}

static void
add_enterprise_nodes(NetworkMap *map)
{
  guint n = cm_dataset_n_enterprises(map->ds);
  map->enterprise_nodes = g_new0(Agnode_t *, MAX(n, 1));
  for (guint32 i = 0; i < n; i++) {
    if (!map->shown[i])
      continue;
    const CmEnterprise *e = cm_dataset_enterprise(map->ds, i);
    Agnode_t *node = cm_map__new_node(map->g, e->id);
    map->enterprise_nodes[i] = node;
    cm_map__set(node, "kind", e->local ? "local" : "outside");
    g_autofree char *label = enterprise_label(map, e);
    cm_map__set_html(node, "label", label);
    cm_map__set(node, "fillcolor", e->local ? CM_MAP_LOCAL_FILL : CM_MAP_OUTSIDE_FILL);
    cm_map__set(node, "color",
                e->leader  ? CM_MAP_LEADER_BORDER
                : e->local ? CM_MAP_LOCAL_BORDER
                           : CM_MAP_OUTSIDE_BORDER);
    cm_map__set(node, "penwidth", e->leader ? "2.6" : "1.2");
    if ((gint64)i == map->focus)
      cm_map__set(node, "peripheries", "2");
    g_autofree char *tip = enterprise_tooltip(map, i);
    cm_map__set_tooltip(node, tip);
  }
}

/* A material's colour says how much of it the buyer gets locally, on the thresholds of the
 * dataset: at least the procurement target green, at least min_coverage amber, else red. */
static CmSegmentStatus
share_band(const CmDataset *ds, const CmMaterial *m)
{
  double share = m->total > 0 ? m->local / m->total : 0;
  if (share >= ds->params.procurement_target)
    return CM_SEGMENT_STRONG;
  return share >= ds->params.min_coverage ? CM_SEGMENT_WEAK : CM_SEGMENT_GAP;
}

static Agnode_t *
add_material_node(NetworkMap *map, const CmMaterial *m)
{
  const CmDataset *ds = map->ds;
  const CmSegment *seg = cm_dataset_segment(ds, m->segment);
  const CmEnterprise *buyer = cm_dataset_enterprise(ds, m->buyer);
  g_autofree char *name = g_strdup_printf("%s@%s", seg->id, buyer->id);
  Agnode_t *node = cm_map__new_node(map->g, name);
  const CmStatusColours *c = &cm_map_status_colours[share_band(ds, m)];
  cm_map__set(node, "kind", "material");
  cm_map__set(node, "style", "filled");
  cm_map__set(node, "fillcolor", c->fill);
  cm_map__set(node, "color", c->border);
  g_autofree char *first = NULL, *second = NULL;
  const char *seg_name = cm_segment_display_name(seg),
             *buyer_name = cm_enterprise_display_name(buyer);
  const char *unit = cm_unit_display(ds->unit);
  cm_map__split_name(seg_name, &first, &second);
  g_autofree char *total = cm_map__value_short(m->total);
  gboolean single = cm_resilience_single_source(map->resilience, m->buyer, m->segment);
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"1\"><TR><TD>");
  cm_map__html_append(html, first);
  g_string_append(html, "</TD></TR>");
  if (single) {
    /* a double border and a red line: survives a black-and-white copy */
    map->n_single_shown++;
    cm_map__set(node, "peripheries", "2");
    cm_map__set(node, "single_source", "true");
    g_string_append_printf(
        html, "<TR><TD><FONT POINT-SIZE=\"10\" COLOR=\"%s\"><B>" SINGLE_SOURCE_MARK " ",
        SINGLE_SOURCE_COLOR);
    cm_map__html_append(html, _("single source"));
    g_string_append(html, "</B></FONT></TD></TR>");
  }
  g_autofree char *share =
      g_strdup_printf("%.0f%%", m->total > 0 ? 100 * m->local / m->total : 0.0);
  g_string_append_printf(html, "<TR><TD><FONT POINT-SIZE=\"10\" COLOR=\"%s\">", c->border);
  g_string_append_printf(html, _("<B>local %s</B> of %s"), share, total);
  g_string_append(html, "</FONT></TD></TR></TABLE>");
  cm_map__set_html(node, "label", html->str);
  g_string_free(html, TRUE);
  g_autofree char *l = cm_map__value_full(m->local), *t = cm_map__value_full(m->total);
  g_autofree char *tip = g_strdup_printf(
      _("%s bought by %s\nlocal: %s of %s %s (%.1f%%)\nsuppliers: %u"), seg_name, buyer_name, l, t,
      unit, m->total > 0 ? 100 * m->local / m->total : 0.0, m->suppliers);
  if (single) {
    g_autofree char *more = g_strdup_printf(
        "%s\n%s", tip, _("single source: the chain leader buys it from one supplier only"));
    cm_map__set_tooltip(node, more);
  } else {
    cm_map__set_tooltip(node, tip);
  }
  g_autofree char *width = penwidth(map, m->total);
  Agedge_t *e = agedge(map->g, node, map->enterprise_nodes[m->buyer], NULL, 1);
  cm_map__set(e, "penwidth", width);
  cm_map__set(e, "color", "#4a5562");
  g_autofree char *etip = g_strdup_printf("%s → %s: %s %s", seg_name, buyer_name, t, unit);
  cm_map__set_tooltip(e, etip);
  return node;
}

static void
add_flow_edge(NetworkMap *map, const CmFlow *f, Agnode_t *material)
{
  const CmDataset *ds = map->ds;
  const CmEnterprise *supplier = cm_dataset_enterprise(ds, f->supplier);
  Agedge_t *e = agedge(map->g, map->enterprise_nodes[f->supplier], material, NULL, 1);
  g_autofree char *width = penwidth(map, f->value);
  cm_map__set(e, "penwidth", width);
  cm_map__set(e, "color", supplier->local ? CM_MAP_LOCAL_BORDER : CM_MAP_OUTSIDE_BORDER);
  if (!map->big) {
    g_autofree char *value = cm_map__value_short(f->value);
    cm_map__set(e, "label", value);
    cm_map__set(e, "fontcolor", supplier->local ? CM_MAP_LOCAL_BORDER : CM_MAP_OUTSIDE_BORDER);
  }
  g_autofree char *full = cm_map__value_full(f->value);
  g_autofree char *tip = g_strdup_printf(
      "%s → %s\n%s: %s %s (%s)", cm_enterprise_display_name(supplier),
      cm_enterprise_display_name(cm_dataset_enterprise(ds, f->buyer)),
      cm_segment_display_name(cm_dataset_segment(ds, f->segment)), full, cm_unit_display(ds->unit),
      supplier->local ? _("local supplier") : _("outside supplier"));
  cm_map__set_tooltip(e, tip);
}

static void
add_materials(NetworkMap *map)
{
  const GArray *flows = map->net->flows, *materials = map->net->materials;
  guint f = 0;
  for (guint i = 0; i < materials->len; i++) {
    const CmMaterial *m = &g_array_index(materials, CmMaterial, i);
    Agnode_t *node = map->keep_material[i] ? add_material_node(map, m) : NULL;
    for (; f < flows->len; f++) {
      const CmFlow *flow = &g_array_index(flows, CmFlow, f);
      if (flow->buyer != m->buyer || flow->segment != m->segment)
        break;
      if (node && map->keep_flow[f])
        add_flow_edge(map, flow, node);
    }
  }
}

static void
append_swatch(GString *html, const char *fill, const char *border, const char *text)
{
  g_string_append_printf(html,
                         "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\" STYLE=\"rounded\" "
                         "WIDTH=\"22\" HEIGHT=\"14\" FIXEDSIZE=\"TRUE\"></TD>"
                         "<TD ALIGN=\"LEFT\">%s    </TD>",
                         fill, border, text);
}

static char *
title_label(const NetworkMap *map)
{
  const CmDataset *ds = map->ds;
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\">"
                               "<FONT POINT-SIZE=\"22\"><B>");
  cm_map__html_append(html, cm_map__title(ds));
  g_string_append(html, "</B></FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"15\">");
  double local = 0, total = 0;
  if (map->focus >= 0) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, (guint)map->focus);
    g_autofree char *what =
        g_strdup_printf(NG_("What %s buys, from whom: %u supply step upstream",
                            "What %s buys, from whom: %u supply steps upstream", map->depth),
                        cm_enterprise_display_name(e), map->depth);
    cm_map__html_append(html, what);
    for (guint i = 0; i < map->net->materials->len; i++) {
      const CmMaterial *m = &g_array_index(map->net->materials, CmMaterial, i);
      if (m->buyer == (guint32)map->focus) {
        local += m->local;
        total += m->total;
      }
    }
  } else {
    g_string_append(html, _("Supply network"));
  }
  g_autofree char *meta = cm_map__meta(ds, &map->net->options, map->style);
  g_string_append_printf(html,
                         "</FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"12\" "
                         "COLOR=\"%s\">",
                         CM_MAP_TEXT_MUTED);
  cm_map__html_append(html, meta);
  g_string_append(html, "</FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"13\">");
  /* TRANSLATORS: enterprises shown (local ones), material nodes shown */
  g_string_append_printf(html, _("enterprises: %u (local %u), materials: %u"),
                         map->n_enterprises_shown, map->n_local_shown, map->n_materials_shown);
  if (total > 0) {
    g_autofree char *t = cm_map__value_short(total);
    g_autofree char *share = g_strdup_printf("%.0f%%", 100 * local / total);
    g_string_append(html, "  ·  ");
    g_string_append_printf(html, _("its purchases %s, <B>%s local</B>"), t, share);
  } else if (map->focus >= 0) {
    g_string_append(html, "  ·  ");
    g_string_append(html, _("no counted purchases"));
  }
  g_string_append(html, "</FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" "
                        "CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>");
  append_swatch(html, CM_MAP_LOCAL_FILL, CM_MAP_LOCAL_BORDER, _("local enterprise"));
  append_swatch(html, CM_MAP_OUTSIDE_FILL, CM_MAP_OUTSIDE_BORDER, _("outside enterprise"));
  g_string_append_printf(
      html, "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">" CM_MAP_LEADER_MARK "</FONT> %s    </TD>",
      CM_MAP_LEADER_BORDER, _("chain leader"));
  g_autofree char *target =
      g_strdup_printf(_("material ≥ %.0f%% local"), 100 * ds->params.procurement_target);
  g_autofree char *middle = g_strdup_printf("≥ %.0f%%", 100 * ds->params.min_coverage);
  g_autofree char *low = g_strdup_printf(_("below %.0f%%"), 100 * ds->params.min_coverage);
  const CmStatusColours *c = cm_map_status_colours;
  append_swatch(html, c[CM_SEGMENT_STRONG].fill, c[CM_SEGMENT_STRONG].border, target);
  append_swatch(html, c[CM_SEGMENT_WEAK].fill, c[CM_SEGMENT_WEAK].border, middle);
  append_swatch(html, c[CM_SEGMENT_GAP].fill, c[CM_SEGMENT_GAP].border, low);
  if (map->n_single_shown > 0) {
    g_string_append_printf(html,
                           "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\"><B>" SINGLE_SOURCE_MARK "</B> ",
                           SINGLE_SOURCE_COLOR);
    cm_map__html_append(html, _("a leader's input from a single supplier (double border)"));
    g_string_append(html, "</FONT>    </TD>");
  }
  g_string_append_printf(html,
                         "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">%s</FONT>"
                         "</TD></TR></TABLE></TD></TR></TABLE>",
                         CM_MAP_TEXT_MUTED, _("arrow width: value"));
  return g_string_free(html, FALSE);
}

GBytes *
cm_network_map_render(const CmDataset *ds, const CmAnalysisOptions *options, gint64 focus,
                      guint depth, const CmMapStyle *style, GError **error)
{
  g_return_val_if_fail(ds != NULL && options != NULL && style != NULL, NULL);
  g_return_val_if_fail(focus < (gint64)cm_dataset_n_enterprises(ds), NULL);
  NetworkMap map = {.ds = ds, .style = style, .focus = focus, .depth = depth};
  map.net = cm_network_new(ds, options, error);
  if (map.net)
    map.resilience = cm_resilience_compute(ds, options, error);
  if (!map.net || !map.resilience || !select_flows(&map, error)) {
    network_map_clear(&map);
    return NULL;
  }
  guint nodes = map.n_enterprises_shown + map.n_materials_shown;
  if (nodes > CM_MAP_MAX_NETWORK_NODES) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID,
                focus < 0 ? _("the network has %u nodes, too many to draw (at most %u): draw part "
                              "of it with --focus ID --depth K")
                          : _("the network has %u nodes, too many to draw (at most %u): draw less "
                              "of it with a smaller --depth"),
                nodes, CM_MAP_MAX_NETWORK_NODES);
    network_map_clear(&map);
    return NULL;
  }
  map.g = cm_map__open();
  cm_map__defaults(map.g, style);
  cm_map__set(map.g, "ranksep", "0.9");
  map.big = nodes > BIG_MAP_NODES || map.n_edges_shown > BIG_MAP_EDGES;
  if (map.big) {
    cm_map__set(map.g, "nslimit", "1");
    cm_map__set(map.g, "nslimit1", "1");
    cm_map__set(map.g, "mclimit", "0.3");
  }
  if (nodes > HUGE_MAP_NODES)
    cm_map__set(map.g, "splines", "line");
  add_enterprise_nodes(&map);
  add_materials(&map);
  g_autofree char *title = title_label(&map);
  cm_map__set_html(map.g, "label", title);
  GBytes *out = cm_map__render(map.g, style, error);
  network_map_clear(&map);
  return out;
}
