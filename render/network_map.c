/* The network view: supplier -> material -> buyer, where a material node stands for one segment
 * bought by one buyer and shows how much of it that buyer gets locally. What is drawn comes from
 * the summary of graph/network_summary.c; this file only draws it, and summarises harder when
 * the drawing would not fit its pixel bounds legibly. */
#include "cm_i18n.h"
#include "cm_network_summary.h"
#include "cm_output.h"
#include "cm_resilience.h"
#include "map_palette.h"
#include "map_private.h"
#include "report_shared.h"

#include <math.h>
#include <string.h>

#define MAX_PENWIDTH 6.0

/* A chain leader's input that comes from a single supplier (SPEC section 2, resilience). */
#define SINGLE_SOURCE_MARK "\xe2\x9a\xa0" /* ⚠ */
#define SINGLE_SOURCE_COLOR "#c62828"
#define BIG_MAP_EDGES 150 /* beyond this, supply arrows carry no value labels (tooltips do) */
#define MAX_LAID_OUT_NODES 400
#define MAX_LAID_OUT_EDGES 800

typedef struct {
  const CmDataset *ds;
  const CmMapStyle *style;
  const CmNetwork *net;
  const CmNetworkSummary *sum;
  const CmResilience *resilience; /* which leader inputs are single-source */
  guint n_single_shown;
  Agnode_t **nodes; /* per view enterprise */
  gboolean big;
  double max_value;
  Agraph_t *g;
} NetworkMap;

static char *
penwidth(const NetworkMap *map, double v)
{
  double scale = map->max_value > 0 ? sqrt(v / map->max_value) : 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.2f", 0.8 + (MAX_PENWIDTH - 0.8) * scale);
  return g_strdup(buf);
}

static const CmViewEnterprise *
view_enterprise(const NetworkMap *map, guint i)
{
  return &g_array_index(map->sum->enterprises, CmViewEnterprise, i);
}

static char *
enterprise_label(const NetworkMap *map, const CmViewEnterprise *v)
{
  const CmEnterprise *e = cm_dataset_enterprise(map->ds, v->enterprise);
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
  g_string_append(html, "</FONT></TD></TR>");
  if (v->hidden_suppliers > 0) {
    char total[CM_REPORT_NUMBER_BUF], share[CM_REPORT_NUMBER_BUF];
    cm_report__money_buf(total, v->hidden_total);
    cm_report__percent_buf(share, v->hidden_total > 0 ? v->hidden_local / v->hidden_total : 0);
    g_autofree char *line =
        g_strdup_printf(NG_("buys %s from %u supplier (%s local), not drawn",
                            "buys %s from %u suppliers (%s local), not drawn", v->hidden_suppliers),
                        total, v->hidden_suppliers, share);
    g_string_append_printf(html, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"%s\">",
                           CM_MAP_TEXT_MUTED);
    cm_map__html_append(html, line);
    g_string_append(html, "</FONT></TD></TR>");
  }
  g_string_append(html, "</TABLE>");
  return g_string_free(html, FALSE);
}

static char *
enterprise_tooltip(const NetworkMap *map, guint32 i)
{
  const CmDataset *ds = map->ds;
  const CmEnterprise *e = cm_dataset_enterprise(ds, i);
  GString *tip = g_string_new(NULL);
  g_string_append_printf(tip, "%s [%s]\n%s (%s)", cm_enterprise_display_name(e), e->id, e->region,
                         cm_analysis_is_local(&map->net->options, ds, i) ? _("local")
                                                                         : _("outside"));
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
  guint n = map->sum->enterprises->len;
  map->nodes = g_new0(Agnode_t *, MAX(n, 1));
  for (guint i = 0; i < n; i++) {
    const CmViewEnterprise *v = view_enterprise(map, i);
    const CmEnterprise *e = cm_dataset_enterprise(map->ds, v->enterprise);
    gboolean local = cm_analysis_is_local(&map->net->options, map->ds, v->enterprise);
    Agnode_t *node = cm_map__new_node(map->g, e->id);
    map->nodes[i] = node;
    cm_map__set(node, "kind", local ? "local" : "outside");
    g_autofree char *label = enterprise_label(map, v);
    cm_map__set_html(node, "label", label);
    cm_map__set(node, "fillcolor", local ? CM_MAP_LOCAL_FILL : CM_MAP_OUTSIDE_FILL);
    cm_map__set(node, "color",
                e->leader ? CM_MAP_LEADER_BORDER
                : local   ? CM_MAP_LOCAL_BORDER
                          : CM_MAP_OUTSIDE_BORDER);
    cm_map__set(node, "penwidth", e->leader ? "2.6" : "1.2");
    if ((gint64)v->enterprise == map->sum->focus)
      cm_map__set(node, "peripheries", "2");
    g_autofree char *tip = enterprise_tooltip(map, v->enterprise);
    cm_map__set_tooltip(node, tip);
  }
}

/* A material's colour says how much of it the buyer gets locally, on the thresholds of the
 * dataset: at least the procurement target green, at least min_coverage amber, else red. An
 * outside buyer's purchase is none of the region's procurement: neutral. */
static const char *
material_fill(const CmDataset *ds, const CmViewMaterial *m, gboolean local_buyer,
              const char **border)
{
  if (!local_buyer) {
    *border = CM_MAP_NEUTRAL_BORDER;
    return CM_MAP_NEUTRAL_FILL;
  }
  double share = m->total > 0 ? m->local / m->total : 0;
  CmSegmentStatus band = share >= ds->params.procurement_target ? CM_SEGMENT_STRONG
                         : share >= ds->params.min_coverage     ? CM_SEGMENT_WEAK
                                                                : CM_SEGMENT_GAP;
  *border = cm_map_status_colours[band].border;
  return cm_map_status_colours[band].fill;
}

static Agnode_t *
add_material_node(NetworkMap *map, guint vm)
{
  const CmDataset *ds = map->ds;
  const CmViewMaterial *m = &g_array_index(map->sum->materials, CmViewMaterial, vm);
  const CmViewEnterprise *vb = view_enterprise(map, m->buyer);
  const CmEnterprise *buyer = cm_dataset_enterprise(ds, vb->enterprise);
  const char *buyer_name = cm_enterprise_display_name(buyer), *unit = cm_unit_display(ds->unit);
  const CmSegment *seg = m->material >= 0 ? cm_dataset_segment(ds, m->segment) : NULL;
  g_autofree char *name =
      seg ? g_strdup_printf("%s@%s", seg->id, buyer->id) : g_strdup_printf("other@%s", buyer->id);
  Agnode_t *node = cm_map__new_node(map->g, name);
  const char *border;
  const char *fill =
      material_fill(ds, m, cm_analysis_is_local(&map->net->options, ds, vb->enterprise), &border);
  cm_map__set(node, "kind", seg ? "material" : "materials");
  cm_map__set(node, "style", seg ? "filled" : "filled,dashed");
  cm_map__set(node, "fillcolor", fill);
  cm_map__set(node, "color", border);
  char total[CM_REPORT_NUMBER_BUF], share[CM_REPORT_NUMBER_BUF];
  cm_report__money_buf(total, m->total);
  cm_report__percent_buf(share, m->total > 0 ? m->local / m->total : 0);
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"1\"><TR><TD>");
  if (seg) {
    g_autofree char *first = NULL, *second = NULL;
    cm_map__split_name(cm_segment_display_name(seg), &first, &second);
    cm_map__html_append(html, first);
  } else {
    g_autofree char *more = g_strdup_printf(
        NG_("+%u more material", "+%u more materials", m->n_materials), m->n_materials);
    cm_map__html_append(html, more);
  }
  g_string_append(html, "</TD></TR>");
  gboolean single = seg && cm_resilience_single_source(map->resilience, vb->enterprise, m->segment);
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
  if (m->ambiguous) {
    g_autofree char *whose = g_strdup_printf(_("bought by %s"), buyer_name);
    g_string_append_printf(html, "<TR><TD><FONT POINT-SIZE=\"9\" COLOR=\"%s\">", CM_MAP_TEXT_MUTED);
    cm_map__html_append(html, whose);
    g_string_append(html, "</FONT></TD></TR>");
  }
  g_autofree char *figure = g_strdup_printf(_("local %s of %s"), share, total);
  g_string_append_printf(html, "<TR><TD><FONT POINT-SIZE=\"10\" COLOR=\"%s\"><B>", border);
  cm_map__html_append(html, figure);
  g_string_append(html, "</B></FONT></TD></TR></TABLE>");
  cm_map__set_html(node, "label", html->str);
  g_string_free(html, TRUE);
  g_autofree char *l = cm_map__value_full(m->local), *t = cm_map__value_full(m->total);
  g_autofree char *what =
      seg ? g_strdup(cm_segment_display_name(seg))
          : g_strdup_printf(NG_("%u smaller material", "%u smaller materials", m->n_materials),
                            m->n_materials);
  g_autofree char *tip = g_strdup_printf(
      _("%s bought by %s\nlocal: %s of %s %s (%.1f%%)\nsuppliers: %u"), what, buyer_name, l, t,
      unit, m->total > 0 ? 100 * m->local / m->total : 0.0, m->suppliers);
  if (single) {
    g_autofree char *more = g_strdup_printf(
        "%s\n%s", tip, _("single source: the chain leader buys it from one supplier only"));
    cm_map__set_tooltip(node, more);
  } else {
    cm_map__set_tooltip(node, tip);
  }
  g_autofree char *width = penwidth(map, m->total);
  Agedge_t *e = agedge(map->g, node, map->nodes[m->buyer], NULL, 1);
  cm_map__set(e, "penwidth", width);
  cm_map__set(e, "color", "#4a5562");
  g_autofree char *etip = g_strdup_printf("%s → %s: %s %s", what, buyer_name, t, unit);
  cm_map__set_tooltip(e, etip);
  return node;
}

/* A node for the suppliers a material's arrow stands for when it is not an enterprise node. */
static Agnode_t *
add_source_node(NetworkMap *map, const CmViewSupply *s, guint index)
{
  const CmDataset *ds = map->ds;
  char value[CM_REPORT_NUMBER_BUF];
  cm_report__money_buf(value, s->value);
  g_autofree char *name = g_strdup_printf("supply#%u", index);
  Agnode_t *node = cm_map__new_node(map->g, name);
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;
  if (s->kind == CM_VIEW_MERGED) {
    text = g_strdup_printf(
        s->local
            ? NG_("+%u more local supplier · %s", "+%u more local suppliers · %s", s->count)
            : NG_("+%u more outside supplier · %s", "+%u more outside suppliers · %s", s->count),
        s->count, value);
    tip = g_strdup_printf(
        s->local ? NG_("%u smaller local supplier of this material, merged: %s %s",
                       "%u smaller local suppliers of this material, merged: %s %s", s->count)
                 : NG_("%u smaller outside supplier of this material, merged: %s %s",
                       "%u smaller outside suppliers of this material, merged: %s %s", s->count),
        s->count, value, cm_unit_display(ds->unit));
    cm_map__set(node, "kind", s->local ? "merged-local" : "merged-outside");
  } else {
    const CmEnterprise *e =
        cm_dataset_enterprise(ds, view_enterprise(map, s->enterprise)->enterprise);
    const char *e_name = cm_enterprise_display_name(e);
    text = g_strdup_printf(_("↻ %s (drawn further right)"), e_name);
    tip = g_strdup_printf(_("%s is drawn further right on this map (nearer the focus); this "
                            "arrow is what it sells here, so that every arrow runs one way"),
                          e_name);
    cm_map__set(node, "kind", "repeat");
  }
  GString *html = g_string_new(NULL);
  g_string_append_printf(html, "<FONT POINT-SIZE=\"10\" COLOR=\"%s\">",
                         s->local ? CM_MAP_LOCAL_BORDER : CM_MAP_OUTSIDE_BORDER);
  cm_map__html_append(html, text);
  g_string_append(html, "</FONT>");
  cm_map__set_html(node, "label", html->str);
  g_string_free(html, TRUE);
  cm_map__set(node, "style", "rounded,filled,dashed");
  cm_map__set(node, "fillcolor", s->local ? CM_MAP_LOCAL_FILL : CM_MAP_OUTSIDE_FILL);
  cm_map__set(node, "color", s->local ? CM_MAP_LOCAL_BORDER : CM_MAP_OUTSIDE_BORDER);
  cm_map__set_tooltip(node, tip);
  return node;
}

static void
add_supply_edge(NetworkMap *map, const CmViewSupply *s, Agnode_t *from, Agnode_t *material,
                gboolean local_buyer)
{
  const CmDataset *ds = map->ds;
  Agedge_t *e = agedge(map->g, from, material, NULL, 1);
  g_autofree char *width = penwidth(map, s->value);
  cm_map__set(e, "penwidth", width);
  /* between two outside enterprises the row is none of the region's procurement: neutral */
  const char *colour = !local_buyer && !s->local ? CM_MAP_NEUTRAL_BORDER
                       : s->local                ? CM_MAP_LOCAL_BORDER
                                                 : CM_MAP_OUTSIDE_BORDER;
  cm_map__set(e, "color", colour);
  if (!map->big) {
    char value[CM_REPORT_NUMBER_BUF];
    cm_report__money_buf(value, s->value);
    cm_map__set(e, "label", value);
    cm_map__set(e, "fontcolor", colour);
  }
  g_autofree char *full = cm_map__value_full(s->value);
  g_autofree char *tip = g_strdup_printf("%s %s (%s)", full, cm_unit_display(ds->unit),
                                         s->local ? _("local supplier") : _("outside supplier"));
  cm_map__set_tooltip(e, tip);
}

static void
add_materials(NetworkMap *map)
{
  const GArray *supplies = map->sum->supplies;
  guint k = 0;
  for (guint vm = 0; vm < map->sum->materials->len; vm++) {
    const CmViewMaterial *m = &g_array_index(map->sum->materials, CmViewMaterial, vm);
    gboolean local_buyer = cm_analysis_is_local(&map->net->options, map->ds,
                                                view_enterprise(map, m->buyer)->enterprise);
    Agnode_t *node = add_material_node(map, vm);
    for (; k < supplies->len && g_array_index(supplies, CmViewSupply, k).material == vm; k++) {
      const CmViewSupply *s = &g_array_index(supplies, CmViewSupply, k);
      Agnode_t *from =
          s->kind == CM_VIEW_SUPPLIER ? map->nodes[s->enterprise] : add_source_node(map, s, k);
      add_supply_edge(map, s, from, node, local_buyer);
    }
  }
}

static void
append_swatch(GString *html, const char *fill, const char *border, const char *text)
{
  g_string_append_printf(html,
                         "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\" STYLE=\"rounded\" "
                         "WIDTH=\"22\" HEIGHT=\"14\" FIXEDSIZE=\"TRUE\"></TD>"
                         "<TD ALIGN=\"LEFT\">",
                         fill, border);
  cm_map__html_append(html, text);
  g_string_append(html, "    </TD>");
}

static void
append_line(GString *html, const char *size, const char *colour, const char *text)
{
  g_string_append_printf(html, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%s\" COLOR=\"%s\">", size,
                         colour);
  cm_map__html_append(html, text);
  g_string_append(html, "</FONT></TD></TR>");
}

static char *
title_label(const NetworkMap *map)
{
  const CmDataset *ds = map->ds;
  const CmNetworkSummary *sum = map->sum;
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\">"
                               "<FONT POINT-SIZE=\"22\"><B>");
  cm_map__html_append(html, cm_map__title(ds));
  g_string_append(html, "</B></FONT></TD></TR>");
  double local = 0, total = 0;
  if (sum->focus >= 0) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, (guint)sum->focus);
    g_autofree char *what =
        g_strdup_printf(NG_("What %s buys, from whom: %u supply step upstream",
                            "What %s buys, from whom: %u supply steps upstream", sum->depth),
                        cm_enterprise_display_name(e), sum->depth);
    append_line(html, "15", "#1f2328", what);
    for (guint i = 0; i < map->net->materials->len; i++) {
      const CmMaterial *m = &g_array_index(map->net->materials, CmMaterial, i);
      if (m->buyer == (guint32)sum->focus) {
        local += m->local;
        total += m->total;
      }
    }
  } else {
    append_line(html, "15", "#1f2328", _("Supply network: what the largest buyers buy"));
  }
  g_autofree char *meta = cm_map__meta(ds, &map->net->options, map->style);
  append_line(html, "12", CM_MAP_TEXT_MUTED, meta);
  guint n_local = 0;
  for (guint i = 0; i < sum->enterprises->len; i++)
    n_local += cm_analysis_is_local(&map->net->options, ds, view_enterprise(map, i)->enterprise);
  GString *counts = g_string_new(NULL);
  /* TRANSLATORS: enterprises shown (local ones), material nodes shown */
  g_string_append_printf(counts, _("enterprises: %u (local %u), materials: %u"),
                         sum->enterprises->len, n_local, sum->materials->len);
  if (total > 0) {
    char t[CM_REPORT_NUMBER_BUF];
    cm_report__money_buf(t, total);
    g_autofree char *p = cm_report__percent_vs(local / total, ds->params.procurement_target);
    g_string_append(counts, "  ·  ");
    g_string_append_printf(counts, _("its purchases %s, %s local"), t, p);
  } else if (sum->focus >= 0) {
    g_string_append(counts, "  ·  ");
    g_string_append(counts, _("no counted purchases"));
  }
  append_line(html, "13", "#1f2328", counts->str);
  g_string_free(counts, TRUE);
  if (sum->merged_nodes > 0) {
    g_autofree char *how =
        sum->top == 1 ? g_strdup(_("Per material the largest supplier is drawn, the rest merged "
                                   "per side (--top K draws more, --all every one)"))
                      : g_strdup_printf(NG_("Per material the %u largest supplier is drawn, the "
                                            "rest merged per side (--top K, --all every one)",
                                            "Per material the %u largest suppliers are drawn, the "
                                            "rest merged per side (--top K, --all every one)",
                                            sum->top),
                                        sum->top);
    append_line(html, "11", CM_MAP_TEXT_MUTED, how);
  }
  if (sum->buyers_summarised > 0 || sum->buyers_left_out > 0) {
    g_autofree char *cut =
        sum->focus >= 0
            ? g_strdup_printf(NG_("The purchases of %u supplier are one figure in its node "
                                  "(its own map: --focus ID)",
                                  "The purchases of %u suppliers are one figure in their node "
                                  "(their own maps: --focus ID)",
                                  sum->buyers_summarised),
                              sum->buyers_summarised)
            : g_strdup_printf(NG_("%u smaller buyer not drawn (one buyer's map: --focus ID)",
                                  "%u smaller buyers not drawn (one buyer's map: --focus ID)",
                                  sum->buyers_left_out),
                              sum->buyers_left_out);
    append_line(html, "11", CM_MAP_TEXT_MUTED, cut);
  }
  g_string_append(html, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" "
                        "CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>");
  append_swatch(html, CM_MAP_LOCAL_FILL, CM_MAP_LOCAL_BORDER, _("local enterprise"));
  append_swatch(html, CM_MAP_OUTSIDE_FILL, CM_MAP_OUTSIDE_BORDER, _("outside enterprise"));
  g_string_append_printf(html,
                         "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">" CM_MAP_LEADER_MARK "</FONT> ",
                         CM_MAP_LEADER_BORDER);
  cm_map__html_append(html, _("chain leader"));
  /* the material colours, said as what they measure (one row: Graphviz stretches the cells of
   * a nested table to the width of the title) */
  g_string_append(html, "    </TD><TD ALIGN=\"LEFT\">");
  cm_map__html_append(html, _("material: share of the buyer's purchase bought locally"));
  g_string_append(html, "  </TD>");
  char target[CM_REPORT_NUMBER_BUF], minimum[CM_REPORT_NUMBER_BUF];
  cm_report__percent_buf(target, ds->params.procurement_target);
  cm_report__percent_buf(minimum, ds->params.min_coverage);
  g_autofree char *high = g_strdup_printf(_("at least %s"), target);
  g_autofree char *middle = g_strdup_printf(_("at least %s"), minimum);
  g_autofree char *low = g_strdup_printf(_("below %s"), minimum);
  const CmStatusColours *c = cm_map_status_colours;
  append_swatch(html, c[CM_SEGMENT_STRONG].fill, c[CM_SEGMENT_STRONG].border, high);
  append_swatch(html, c[CM_SEGMENT_WEAK].fill, c[CM_SEGMENT_WEAK].border, middle);
  append_swatch(html, c[CM_SEGMENT_GAP].fill, c[CM_SEGMENT_GAP].border, low);
  append_swatch(html, CM_MAP_NEUTRAL_FILL, CM_MAP_NEUTRAL_BORDER,
                _("outside buyer (not the region's purchase)"));
  if (map->n_single_shown > 0) {
    g_string_append_printf(html,
                           "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\"><B>" SINGLE_SOURCE_MARK "</B> ",
                           SINGLE_SOURCE_COLOR);
    cm_map__html_append(html, _("a leader's input from a single supplier (double border)"));
    g_string_append(html, "</FONT>    </TD>");
  }
  g_string_append_printf(html, "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">", CM_MAP_TEXT_MUTED);
  cm_map__html_append(html, _("arrow width: value"));
  g_string_append(html, "</FONT></TD></TR></TABLE></TD></TR></TABLE>");
  return g_string_free(html, FALSE);
}

/* One drawing of a summary; FIT_TOO_BIG when it does not fit legibly. */
static CmMapFit
draw_summary(const CmDataset *ds, const CmNetwork *net, const CmResilience *resilience,
             const CmNetworkSummary *sum, const CmMapStyle *style, guint formats, gboolean must_fit,
             GBytes **out, GError **error)
{
  NetworkMap map = {.ds = ds, .style = style, .net = net, .sum = sum, .resilience = resilience};
  for (guint i = 0; i < sum->materials->len; i++)
    map.max_value = MAX(map.max_value, g_array_index(sum->materials, CmViewMaterial, i).total);
  map.big = sum->supplies->len + sum->materials->len > BIG_MAP_EDGES;
  map.g = cm_map__open();
  cm_map__defaults(map.g, style);
  cm_map__set(map.g, "ranksep", "0.9");
  add_enterprise_nodes(&map);
  add_materials(&map);
  g_autofree char *title = title_label(&map);
  cm_map__set_html(map.g, "label", title);
  CmMapFit fit = cm_map__render_formats(map.g, style, formats, must_fit, out, error);
  agclose(map.g);
  g_free(map.nodes);
  return fit;
}

/* Harder and harder summaries: (enterprise cap, materials per buyer, suppliers per material). */
static const struct {
  guint cap, materials, top;
} levels[] = {
    {50, 15, 0}, {30, 10, 0}, {20, 8, 1}, {12, 6, 1}, {8, 4, 1},
};

gboolean
cm_network_map_draw(const CmDataset *ds, const CmAnalysisOptions *options, gint64 focus,
                    guint depth, const CmNetworkMapOptions *net_options, const CmMapStyle *style,
                    guint formats, GBytes **out, GError **error)
{
  g_return_val_if_fail(ds != NULL && options != NULL && style != NULL && out != NULL, FALSE);
  g_return_val_if_fail(focus < (gint64)cm_dataset_n_enterprises(ds), FALSE);
  CmNetworkMapOptions defaults;
  cm_network_map_options_init(&defaults);
  const CmNetworkMapOptions *no = net_options ? net_options : &defaults;
  g_autoptr(CmNetwork) net = cm_network_new(ds, options, error);
  if (!net)
    return FALSE;
  g_autoptr(CmResilience) resilience = cm_resilience_compute(ds, options, error);
  if (!resilience)
    return FALSE;
  /* a slide starts two levels down: its 1080 px hold far less than a 4096 px map */
  guint first = style->slide && !no->all ? 2 : 0;
  for (guint level = first; level < G_N_ELEMENTS(levels); level++) {
    CmSummaryLimits limits;
    cm_summary_limits_init(&limits);
    limits.all = no->all;
    limits.top = no->top ? no->top : levels[level].top;
    limits.max_enterprises = levels[level].cap;
    limits.max_materials = levels[level].materials;
    g_autoptr(CmNetworkSummary) sum = cm_network_summary_new(net, focus, depth, &limits);
    guint nodes = sum->enterprises->len + sum->materials->len + sum->merged_nodes;
    guint edges = sum->supplies->len + sum->materials->len;
    /* bounded layout work: a map past these is never laid out (a dense 1,475-node network took
     * dot 100 s only to come out too big to read) */
    if (nodes > MAX_LAID_OUT_NODES || edges > MAX_LAID_OUT_EDGES) {
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID,
                  _("the map would have %u nodes and %u arrows, too many to draw legibly (at "
                    "most %u and %u): leave out --all, or give a smaller --top K"),
                  nodes, edges, MAX_LAID_OUT_NODES, MAX_LAID_OUT_EDGES);
      return FALSE;
    }
    gboolean last = level + 1 == G_N_ELEMENTS(levels);
    /* a map the user sized (--all, --top) is not summarised further behind their back */
    gboolean fixed = no->all || no->top;
    CmMapFit fit =
        draw_summary(ds, net, resilience, sum, style, formats, !last || fixed, out, error);
    if (fit == CM_MAP_FIT_OK)
      return TRUE;
    if (fit == CM_MAP_FIT_ERROR)
      return FALSE;
    if (fixed) {
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID,
                  style->slide ? _("the map does not fit a slide legibly with %s: leave it out, "
                                   "or give a smaller --top K")
                               : _("the map does not fit 4096 px legibly with %s: leave it out, "
                                   "or give a smaller --top K"),
                  no->all ? "--all" : "--top");
      return FALSE;
    }
  }
  g_assert_not_reached();
}

void
cm_network_map_options_init(CmNetworkMapOptions *net)
{
  *net = (CmNetworkMapOptions){.top = 0, .all = FALSE};
}

GBytes *
cm_network_map_render(const CmDataset *ds, const CmAnalysisOptions *options, gint64 focus,
                      guint depth, const CmMapStyle *style, GError **error)
{
  GBytes *out[CM_MAP_FORMAT_COUNT];
  if (!cm_network_map_draw(ds, options, focus, depth, NULL, style, 1u << style->format, out, error))
    return NULL;
  return out[style->format];
}
