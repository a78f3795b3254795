/* The chain view: the template drawn left to right in upstream | midstream | downstream clusters
 * (groups as sub-clusters), one node per segment named by its id and coloured by status, edges
 * as wide as the purchases they carry, a title block and a legend. */
#include "chain_private.h"
#include "cm_chainmap_change.h"
#include "cm_i18n.h"
#include "cm_report_compare.h"
#include "cm_network.h"
#include "map_palette.h"
#include "report_shared.h"

#include <math.h>
#include <string.h>

#define NAMES_SHOWN 3    /* leading producers named in a node */
#define LATIN_WRAP 26    /* characters per line of the second part of a name */
#define MAX_PENWIDTH 7.0 /* the heaviest edge */

typedef struct {
  const CmChainData *data;
  const CmDataset *ds;
  const CmMapStyle *style;
  const CmSegmentView *view; /* NULL: every segment in full */
  gboolean compact;          /* names, status and counts only */
  const char *subtitle;      /* of a detail map, or NULL */
  CmGaps *gaps;
  CmProcurement *procurement;
  GArray *edge_flows;   /* CmEdgeFlow */
  GPtrArray *producers; /* per segment: GArray of guint32, counted local producers, shown order */
  Agraph_t *g;
  Agnode_t **nodes;
} ChainMap;

static gint
compare_producers(gconstpointer a, gconstpointer b, gpointer data)
{
  const CmDataset *ds = data;
  const CmEnterprise *x = cm_dataset_enterprise(ds, *(const guint32 *)a);
  const CmEnterprise *y = cm_dataset_enterprise(ds, *(const guint32 *)b);
  if (x->leader != y->leader)
    return x->leader ? -1 : 1;
  if (x->output != y->output)
    return x->output > y->output ? -1 : 1;
  return *(const guint32 *)a < *(const guint32 *)b ? -1 : 1;
}

/* Counted local producers of each segment: leaders first, then by output, then file order. */
static GPtrArray *
collect_producers(const CmDataset *ds, const CmAnalysisOptions *options)
{
  guint n = cm_dataset_n_segments(ds);
  GPtrArray *producers = g_ptr_array_new_full(n, (GDestroyNotify)g_array_unref);
  for (guint s = 0; s < n; s++)
    g_ptr_array_add(producers, g_array_new(FALSE, FALSE, sizeof(guint32)));
  for (guint32 i = 0; i < cm_dataset_n_enterprises(ds); i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    if (!cm_analysis_is_local(options, ds, i) || !cm_analysis_counts(options, e))
      continue;
    const guint32 *segs = cm_dataset_enterprise_segments(ds, e);
    for (guint k = 0; k < e->n_segments; k++) {
      GArray *list = g_ptr_array_index(producers, segs[k]);
      if (list->len == 0 || g_array_index(list, guint32, list->len - 1) != i)
        g_array_append_val(list, i);
    }
  }
  for (guint s = 0; s < n; s++)
    g_array_sort_with_data(g_ptr_array_index(producers, s), compare_producers, (gpointer)ds);
  return producers;
}

/* Breaks text at spaces into lines of about width characters, escaped, joined with <BR/>. */
static void
append_wrapped(GString *html, const char *text, guint width)
{
  g_auto(GStrv) words = g_strsplit(text, " ", -1);
  guint line = 0;
  for (guint i = 0; words[i]; i++) {
    guint len = (guint)g_utf8_strlen(words[i], -1);
    if (line > 0 && line + 1 + len > width) {
      g_string_append(html, "<BR ALIGN=\"LEFT\"/>");
      line = 0;
    } else if (i > 0) {
      g_string_append_c(html, ' ');
      line++;
    }
    cm_map__html_append(html, words[i]);
    line += len;
  }
}

static void
row_open(GString *html)
{
  g_string_append(html, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
}

static void
row_close(GString *html)
{
  g_string_append(html, "</TD></TR>");
}

/* The status line of a node: "weak · strengthen" (薄弱 · 强链). */
static void
append_status_line(GString *html, const CmSegmentResult *r)
{
  const CmStatusColours *c = &cm_map_status_colours[r->status];
  row_open(html);
  g_string_append_printf(html, "<FONT COLOR=\"%s\"><B>%s</B></FONT>", c->border,
                         cm_words_status(r->status));
  CmAction action = cm_segment_status_action(r->status);
  if (action != CM_ACTION_NONE)
    g_string_append_printf(html, " · %s", cm_words_action(action));
  if (r->status == CM_SEGMENT_FRONTIER && r->distance >= 0) {
    g_string_append_c(html, ' ');
    g_string_append_printf(html, NG_("(%s, %d step)", "(%s, %d steps)", r->distance),
                           cm_words_direction(r->direction), r->distance);
  }
  row_close(html);
}

static void
append_producers(GString *html, const ChainMap *map, guint s, const CmSegmentResult *r)
{
  const GArray *list = g_ptr_array_index(map->producers, s);
  if (list->len == 0)
    return;
  row_open(html);
  g_string_append_printf(html, NG_("%u local producer", "%u local producers", list->len),
                         list->len);
  if (r->leaders > 0)
    g_string_append_printf(html, ", %u " CM_MAP_LEADER_MARK, r->leaders);
  row_close(html);
  for (guint k = 0; k < list->len && k < NAMES_SHOWN; k++) {
    const CmEnterprise *e = cm_dataset_enterprise(map->ds, g_array_index(list, guint32, k));
    row_open(html);
    if (e->leader)
      g_string_append_printf(html, "<FONT COLOR=\"%s\">" CM_MAP_LEADER_MARK "</FONT> ",
                             CM_MAP_LEADER_BORDER);
    cm_map__html_append(html, cm_enterprise_display_name(e));
    row_close(html);
  }
  if (list->len > NAMES_SHOWN) {
    row_open(html);
    g_string_append_printf(html, "<FONT COLOR=\"%s\">", CM_MAP_TEXT_MUTED);
    g_string_append_printf(html, _("+%u more"), list->len - NAMES_SHOWN);
    g_string_append(html, "</FONT>");
    row_close(html);
  }
}

static void
append_figures(GString *html, const CmSegmentResult *r)
{
  if (!r->has_coverage && r->local_demand <= 0)
    return;
  row_open(html);
  g_string_append_printf(html, "<FONT COLOR=\"%s\">", CM_MAP_TEXT_MUTED);
  /* numbers read as in the reports (render/report_numbers.c) */
  char leakage[CM_REPORT_NUMBER_BUF];
  cm_report__money_buf(leakage, r->leakage);
  if (r->has_coverage) {
    char coverage[CM_REPORT_NUMBER_BUF];
    cm_report__percent_buf(coverage, r->coverage);
    g_string_append_printf(html, _("coverage %s · leakage %s"), coverage, leakage);
  } else {
    g_string_append_printf(html, _("leakage %s"), leakage);
  }
  g_string_append(html, "</FONT>");
  row_close(html);
}

#define CM_MAP_CHANGE_COLOR "#6f42c1"

static gboolean
changed(const ChainMap *map, guint s)
{
  const CmChainChange *change = map->data->change;
  return change && change->previous[s] != map->gaps->segments[s].status;
}

/* "◆ was gap": the status before, on a band of its own colour. */
static void
append_change_badge(GString *html, CmSegmentStatus before)
{
  g_string_append_printf(html, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"%s\"><FONT COLOR=\"white\"><B>",
                         CM_MAP_CHANGE_COLOR);
  g_autofree char *was = g_strdup_printf(_("◆ was %s"), cm_report_status_word(before));
  cm_map__html_append(html, was);
  g_string_append(html, "</B></FONT></TD></TR>");
}

static char *
node_label(const ChainMap *map, guint s)
{
  const CmSegment *seg = cm_dataset_segment(map->ds, s);
  const CmSegmentResult *r = &map->gaps->segments[s];
  g_autofree char *first = NULL, *second = NULL;
  cm_map__split_name(cm_segment_display_name(seg), &first, &second);
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"1\">");
  row_open(html);
  g_string_append(html, "<FONT POINT-SIZE=\"13\"><B>");
  cm_map__html_append(html, first);
  g_string_append(html, "</B></FONT>");
  row_close(html);
  if (second[0]) {
    row_open(html);
    g_string_append_printf(html, "<FONT POINT-SIZE=\"10\" COLOR=\"%s\">", CM_MAP_TEXT_MUTED);
    append_wrapped(html, second, LATIN_WRAP);
    g_string_append(html, "</FONT>");
    row_close(html);
  }
  if (changed(map, s))
    append_change_badge(html, map->data->change->previous[s]);
  append_status_line(html, r);
  if (map->compact) {
    const GArray *list = g_ptr_array_index(map->producers, s);
    if (list->len > 0) {
      row_open(html);
      g_string_append_printf(html, NG_("%u local producer", "%u local producers", list->len),
                             list->len);
      row_close(html);
    }
  } else {
    append_producers(html, map, s, r);
    append_figures(html, r);
  }
  g_string_append(html, "</TABLE>");
  return g_string_free(html, FALSE);
}

/* A stub: a direct input or output of the detail map's segments, named and coloured only. */
static char *
stub_label(const ChainMap *map, guint s)
{
  const CmSegment *seg = cm_dataset_segment(map->ds, s);
  const CmStatusColours *c = &cm_map_status_colours[map->gaps->segments[s].status];
  g_autofree char *first = NULL, *second = NULL;
  cm_map__split_name(cm_segment_display_name(seg), &first, &second);
  GString *html = g_string_new(NULL);
  g_string_append_printf(html, "<FONT POINT-SIZE=\"10\">");
  cm_map__html_append(html, first);
  g_string_append_printf(html, " <FONT COLOR=\"%s\">%s</FONT></FONT>", c->border,
                         cm_words_status(map->gaps->segments[s].status));
  return g_string_free(html, FALSE);
}

static void
tip_figure(GString *tip, const char *what, double v)
{
  g_autofree char *text = cm_map__value_full(v);
  g_string_append_printf(tip, "\n%s: %s", what, text);
}

/* Everything known about a segment, as plain text (escaped once, by the caller). */
static char *
node_tooltip(const ChainMap *map, guint s)
{
  const CmDataset *ds = map->ds;
  const CmSegment *seg = cm_dataset_segment(ds, s);
  const CmSegmentResult *r = &map->gaps->segments[s];
  GString *tip = g_string_new(NULL);
  g_string_append_printf(tip, "%s [%s]\n%s", cm_segment_display_name(seg), seg->id,
                         cm_words_tier(seg->tier));
  if (seg->group[0])
    g_string_append_printf(tip, " / %s", seg->group);
  g_string_append_c(tip, '\n');
  CmAction action = cm_segment_status_action(r->status);
  if (action != CM_ACTION_NONE)
    g_string_append_printf(tip, _("status: %s (%s)"), cm_words_status(r->status),
                           cm_words_action(action));
  else
    g_string_append_printf(tip, _("status: %s"), cm_words_status(r->status));
  if (r->reasons & (1u << CM_REASON_FEW_PRODUCERS))
    g_string_append_printf(tip, _("\n  fewer local producers than %u"), ds->params.min_producers);
  if (r->reasons & (1u << CM_REASON_LOW_COVERAGE))
    g_string_append(tip, _("\n  local coverage below the minimum"));
  if ((r->reasons & (1u << CM_REASON_FEEDS_PRESENT)) && r->reason_segment >= 0)
    g_string_append_printf(
        tip, _("\n  feeds %s, which is made locally"),
        cm_segment_display_name(cm_dataset_segment(ds, (guint)r->reason_segment)));
  if (r->reasons & (1u << CM_REASON_LOCAL_DEMAND))
    g_string_append(tip, _("\n  local buyers buy it from outside"));
  if (r->status == CM_SEGMENT_FRONTIER && r->distance >= 0)
    g_string_append_printf(tip,
                           NG_("\n  %s of the local chain, %d step away",
                               "\n  %s of the local chain, %d steps away", r->distance),
                           cm_words_direction(r->direction), r->distance);
  g_string_append_printf(tip, _("\nlocal producers: %u (leaders: %u)"), r->local_producers,
                         r->leaders);
  g_string_append_printf(tip, _("\nfigures in %s"), cm_unit_display(ds->unit));
  tip_figure(tip, _("local output"), r->local_output);
  tip_figure(tip, _("local demand"), r->local_demand);
  tip_figure(tip, _("local supplied"), r->local_supplied);
  if (r->has_coverage)
    g_string_append_printf(tip, _("\ncoverage: %.1f%%"), r->coverage * 100);
  else
    g_string_append(tip, _("\ncoverage: n/a (no local demand)"));
  tip_figure(tip, _("leakage"), r->leakage);
  const GArray *list = g_ptr_array_index(map->producers, s);
  for (guint k = 0; k < list->len; k++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, g_array_index(list, guint32, k));
    g_string_append_printf(tip, "\n%s %s", e->leader ? CM_MAP_LEADER_MARK : "·",
                           cm_enterprise_display_name(e));
  }
  for (guint k = 0; k < ds->segment_extra.n; k++) {
    const char *v = cm_dataset_extra_value(&ds->segment_extra, ds->segment_extra_values, s, k);
    if (v && v[0])
      g_string_append_printf(tip, "\n%s: %s", ds->segment_extra.names[k], v);
  }
  return g_string_free(tip, FALSE);
}

static void
add_segment_node(ChainMap *map, Agraph_t *parent, guint s)
{
  const CmSegment *seg = cm_dataset_segment(map->ds, s);
  const CmStatusColours *c = &cm_map_status_colours[map->gaps->segments[s].status];
  Agnode_t *n = cm_map__new_node(parent, seg->id);
  map->nodes[s] = n;
  gboolean stub = map->view && map->view[s] == CM_VIEW_STUB;
  cm_map__set(n, "status", cm_segment_status_to_string(map->gaps->segments[s].status));
  g_autofree char *label = stub ? stub_label(map, s) : node_label(map, s);
  cm_map__set_html(n, "label", label);
  cm_map__set(n, "fillcolor", stub ? "#ffffff" : c->fill);
  cm_map__set(n, "color", c->border);
  cm_map__set(n, "style", stub ? "rounded,filled,dashed" : c->style);
  cm_map__set(n, "penwidth", stub ? "1" : c->penwidth);
  if (stub)
    cm_map__set(n, "kind", "stub");
  g_autofree char *tip = node_tooltip(map, s);
  if (changed(map, s)) {
    const char *before = cm_segment_status_to_string(map->data->change->previous[s]);
    cm_map__set(n, "previous_status", before);
    cm_map__set(n, "color", CM_MAP_CHANGE_COLOR);
    cm_map__set(n, "penwidth", "3.2");
    g_autofree char *more =
        g_strdup_printf(_("%s\nwas %s in %s"), tip, cm_words_status(map->data->change->previous[s]),
                        map->data->change->previous_label);
    cm_map__set_tooltip(n, more);
    return;
  }
  cm_map__set_tooltip(n, tip);
}

static Agraph_t *
add_cluster(Agraph_t *parent, const char *name, const char *label_text, gboolean tier)
{
  Agraph_t *sub = agsubg(parent, (char *)name, 1);
  g_autoptr(GString) label = g_string_new(NULL);
  g_string_append_printf(label, "<FONT POINT-SIZE=\"%s\" COLOR=\"%s\">%s", tier ? "16" : "11",
                         tier ? "#1f2328" : CM_MAP_TEXT_MUTED, tier ? "<B>" : "");
  cm_map__html_append(label, label_text);
  g_string_append_printf(label, "%s</FONT>", tier ? "</B>" : "");
  cm_map__set_html(sub, "label", label->str);
  cm_map__set(sub, "labeljust", "l");
  cm_map__set(sub, "labelloc", "t");
  cm_map__set(sub, "style", tier ? "rounded,filled" : "rounded,filled,dashed");
  cm_map__set(sub, "fillcolor", tier ? "#f6f8fa" : "#ffffff");
  cm_map__set(sub, "color", tier ? "#d0d7de" : "#c3ccd5");
  cm_map__set(sub, "penwidth", "1");
  cm_map__set(sub, "margin", tier ? "14" : "10");
  return sub;
}

static void
add_clusters_and_nodes(ChainMap *map)
{
  static const char *const tier_labels[CM_TIER_COUNT] = {N_("Upstream"), N_("Midstream"),
                                                         N_("Downstream")};
  const CmDataset *ds = map->ds;
  guint n = cm_dataset_n_segments(ds);
  for (guint t = 0; t < CM_TIER_COUNT; t++) {
    Agraph_t *tier = NULL;
    g_autoptr(GPtrArray) groups = g_ptr_array_new();   /* group names, first seen order */
    g_autoptr(GPtrArray) clusters = g_ptr_array_new(); /* their sub-clusters */
    for (guint s = 0; s < n; s++) {
      const CmSegment *seg = cm_dataset_segment(ds, s);
      if (seg->tier != (CmTier)t || (map->view && map->view[s] == CM_VIEW_HIDDEN))
        continue;
      if (!tier) {
        g_autofree char *name = g_strdup_printf("cluster_%s", cm_tier_to_string(seg->tier));
        tier = add_cluster(map->g, name, _(tier_labels[t]), TRUE);
      }
      Agraph_t *parent = tier;
      /* stubs stand in their tier: their groups are other maps' */
      if (seg->group[0] && !(map->view && map->view[s] == CM_VIEW_STUB)) {
        guint k = 0;
        while (k < groups->len && strcmp(g_ptr_array_index(groups, k), seg->group) != 0)
          k++;
        if (k == groups->len) {
          g_autofree char *name =
              g_strdup_printf("cluster_%s_%u", cm_tier_to_string(seg->tier), k + 1);
          g_ptr_array_add(groups, (gpointer)seg->group);
          g_ptr_array_add(clusters, add_cluster(tier, name, seg->group, FALSE));
        }
        parent = g_ptr_array_index(clusters, k);
      }
      add_segment_node(map, parent, s);
    }
  }
}

static char *
edge_tooltip(const ChainMap *map, const CmEdgeFlow *f)
{
  const CmDataset *ds = map->ds;
  const CmSegment *from = cm_dataset_segment(ds, f->input),
                  *to = cm_dataset_segment(ds, f->segment);
  GString *tip = g_string_new(NULL);
  const char *to_name = cm_segment_display_name(to);
  g_string_append_printf(tip, "%s → %s", cm_segment_display_name(from), to_name);
  if (f->value > 0) {
    g_autofree char *v = cm_map__value_full(f->value), *l = cm_map__value_full(f->local);
    g_string_append_printf(tip,
                           _("\nbought by local producers of %s: %s %s\nfrom local suppliers: "
                             "%s (%.1f%%)"),
                           to_name, v, cm_unit_display(ds->unit), l, 100 * f->local / f->value);
  } else {
    g_string_append(tip, _("\nno counted purchases on this link"));
  }
  return g_string_free(tip, FALSE);
}

/* An edge back to an earlier tier (recycling feeds raw materials) would sweep under the whole
 * map: it is drawn as two short arrows, out of its input into a "to" marker and from a "from"
 * marker into its segment, each saying where the other end is. */
static void
add_back_edge(ChainMap *map, const CmEdgeFlow *f)
{
  const CmDataset *ds = map->ds;
  const CmSegment *from = cm_dataset_segment(ds, f->input),
                  *to = cm_dataset_segment(ds, f->segment);
  g_autofree char *tip = edge_tooltip(map, f);
  for (int end = 0; end < 2; end++) {
    g_autofree char *name = g_strdup_printf("%s%s%s", from->id, end ? "<-" : "->", to->id);
    Agnode_t *marker = cm_map__new_node(map->g, name);
    g_autofree char *text = end ? g_strdup_printf(_("↻ from %s"), cm_segment_display_name(from))
                                : g_strdup_printf(_("↻ to %s"), cm_segment_display_name(to));
    GString *html = g_string_new(NULL);
    g_string_append_printf(html, "<FONT POINT-SIZE=\"10\" COLOR=\"%s\">", CM_MAP_TEXT_MUTED);
    cm_map__html_append(html, text);
    g_string_append(html, "</FONT>");
    cm_map__set_html(marker, "label", html->str);
    g_string_free(html, TRUE);
    cm_map__set(marker, "shape", "plaintext");
    cm_map__set(marker, "style", "");
    cm_map__set(marker, "kind", "cycle");
    cm_map__set_tooltip(marker, tip);
    Agedge_t *e = end ? agedge(map->g, marker, map->nodes[f->segment], NULL, 1)
                      : agedge(map->g, map->nodes[f->input], marker, NULL, 1);
    cm_map__set(e, "style", "dashed");
    cm_map__set(e, "color", "#7b8794");
    cm_map__set(e, "kind", "cycle");
    cm_map__set_tooltip(e, tip);
  }
}

static void
add_edges(ChainMap *map)
{
  double max = 0;
  for (guint i = 0; i < map->edge_flows->len; i++)
    max = MAX(max, g_array_index(map->edge_flows, CmEdgeFlow, i).value);
  for (guint i = 0; i < map->edge_flows->len; i++) {
    const CmEdgeFlow *f = &g_array_index(map->edge_flows, CmEdgeFlow, i);
    if (!map->nodes[f->input] || !map->nodes[f->segment] ||
        (map->view && map->view[f->input] == CM_VIEW_STUB && map->view[f->segment] == CM_VIEW_STUB))
      continue;
    gboolean back =
        cm_dataset_segment(map->ds, f->input)->tier > cm_dataset_segment(map->ds, f->segment)->tier;
    if (back) {
      add_back_edge(map, f);
      continue;
    }
    Agedge_t *e = agedge(map->g, map->nodes[f->input], map->nodes[f->segment], NULL, 1);
    /* arrows leave on the right and arrive on the left: a bundle into one node stays a fan */
    cm_map__set(e, "tailport", "e");
    cm_map__set(e, "headport", "w");
    double scale = max > 0 ? sqrt(f->value / max) : 0;
    char width[32];
    g_ascii_formatd(width, sizeof width, "%.2f",
                    f->value > 0 ? 1.2 + (MAX_PENWIDTH - 1.2) * scale : 0.8);
    cm_map__set(e, "penwidth", width);
    if (f->value > 0) {
      g_autofree char *weight = g_strdup_printf("%d", 1 + (int)lround(4 * scale));
      cm_map__set(e, "weight", weight);
      cm_map__set(e, "color", scale > 0.5 ? "#4a5562" : "#7b8794");
    } else {
      cm_map__set(e, "color", "#a7b1bc");
    }
    g_autofree char *tip = edge_tooltip(map, f);
    cm_map__set_tooltip(e, tip);
  }
}

static void
append_legend_swatch(GString *html, CmSegmentStatus s)
{
  const CmStatusColours *c = &cm_map_status_colours[s];
  g_string_append_printf(html,
                         "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"%s\" STYLE=\"rounded\" "
                         "WIDTH=\"22\" HEIGHT=\"14\" FIXEDSIZE=\"TRUE\"></TD>"
                         "<TD ALIGN=\"LEFT\">%s    </TD>",
                         c->fill, c->border, s == CM_SEGMENT_GAP ? "2" : "1", cm_words_status(s));
}

/* The legend line of a change map: what the marks compare. */
static void
append_change_legend(GString *html, const CmChainData *data)
{
  guint n = 0;
  for (guint s = 0; s < data->gaps->n_segments; s++)
    n += data->change->previous[s] != data->gaps->segments[s].status;
  g_string_append_printf(html,
                         "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"13\"><FONT COLOR=\"%s\">"
                         "<B>◆ </B></FONT>",
                         CM_MAP_CHANGE_COLOR);
  g_autofree char *text =
      g_strdup_printf(g_dngettext(GETTEXT_PACKAGE,
                                  "%u segment changed status: %s against %s (the mark shows its "
                                  "status before)",
                                  "%u segments changed status: %s against %s (the mark shows their "
                                  "status before)",
                                  n),
                      n, data->change->label, data->change->previous_label);
  cm_map__html_append(html, text);
  g_string_append(html, "</FONT></TD></TR>");
}

/* The title block of every chain map: the dataset, the figures of the whole template (a detail
 * map or an overview is part of it), the subtitle of the part drawn, and the legend. */
char *
cm_chain__title(const CmChainData *data, const CmMapStyle *style, const char *subtitle)
{
  const CmDataset *ds = data->ds;
  const CmGaps *gaps = data->gaps;
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\">"
                               "<FONT POINT-SIZE=\"24\"><B>");
  cm_map__html_append(html, cm_map__title(ds));
  g_string_append(html, "</B></FONT></TD></TR>");
  if (subtitle) {
    g_string_append(html, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"15\">");
    cm_map__html_append(html, subtitle);
    g_string_append(html, "</FONT></TD></TR>");
  }
  g_string_append_printf(html, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"12\" COLOR=\"%s\">",
                         CM_MAP_TEXT_MUTED);
  g_autofree char *meta = cm_map__meta(ds, &gaps->options, style);
  cm_map__html_append(html, meta);
  g_string_append(html, "</FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"13\">");
  /* numbers read as in the reports (render/report_numbers.c): same rounding, same separators */
  char completeness[CM_REPORT_NUMBER_BUF];
  cm_report__percent_buf(completeness, gaps->completeness);
  const guint *c = gaps->count;
  g_string_append_printf(html,
                         NG_("%u segment: %u strong, %u weak, %u gap, %u frontier, %u absent  ·  "
                             "completeness %s",
                             "%u segments: %u strong, %u weak, %u gap, %u frontier, %u absent  ·  "
                             "completeness %s",
                             gaps->n_segments),
                         gaps->n_segments, c[CM_SEGMENT_STRONG], c[CM_SEGMENT_WEAK],
                         c[CM_SEGMENT_GAP], c[CM_SEGMENT_FRONTIER], c[CM_SEGMENT_ABSENT],
                         completeness);
  const CmProcurement *p = data->procurement;
  if (p->leaders->len > 0 && p->leaders_has_ratio) {
    /* the same digits as the procurement report: enough not to look equal to the target */
    g_autofree char *percent = cm_report__percent_vs(p->leaders_ratio, p->target);
    g_autofree char *ratio = g_strdup_printf("<B>%s</B>", percent);
    char target[CM_REPORT_NUMBER_BUF];
    cm_report__percent_buf(target, p->target);
    g_string_append(html, "  ·  ");
    g_string_append_printf(html,
                           p->meets_target
                               ? _("chain leaders' local procurement %s (target %s, met)")
                               : _("chain leaders' local procurement %s (target %s)"),
                           ratio, target);
  }
  g_string_append(html, "</FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" "
                        "CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>");
  for (guint s = 0; s < CM_SEGMENT_STATUS_COUNT; s++)
    append_legend_swatch(html, (CmSegmentStatus)s);
  g_string_append_printf(html,
                         "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">" CM_MAP_LEADER_MARK
                         "</FONT> %s    </TD>"
                         "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">%s</FONT></TD>",
                         CM_MAP_LEADER_BORDER, _("chain leader"), CM_MAP_TEXT_MUTED,
                         _("arrow width: what local producers of a segment buy of its input"));
  g_string_append(html, "</TR></TABLE></TD></TR>");
  if (data->change)
    append_change_legend(html, data);
  g_string_append(html, "</TABLE>");
  return g_string_free(html, FALSE);
}

gboolean
cm_chain__data_init(CmChainData *data, const CmDataset *ds, const CmAnalysisOptions *options,
                    GError **error)
{
  *data = (CmChainData){.ds = ds, .options = options};
  data->gaps = cm_gaps_compute(ds, options, error);
  data->procurement = data->gaps ? cm_procurement_compute(ds, options, error) : NULL;
  if (!data->procurement) {
    cm_chain__data_clear(data);
    return FALSE;
  }
  data->edge_flows = cm_network_edge_flows(ds, options);
  data->producers = collect_producers(ds, options);
  data->parts = cm_template_parts_new(ds, data->gaps->segments);
  return TRUE;
}

void
cm_chain__data_clear(CmChainData *data)
{
  g_clear_pointer(&data->gaps, cm_gaps_free);
  g_clear_pointer(&data->procurement, cm_procurement_free);
  g_clear_pointer(&data->edge_flows, g_array_unref);
  g_clear_pointer(&data->producers, g_ptr_array_unref);
  g_clear_pointer(&data->parts, cm_template_parts_free);
}

Agraph_t *
cm_chain__segments_graph(const CmChainData *data, const CmMapStyle *style,
                         const CmSegmentView *view, gboolean compact, const char *subtitle)
{
  ChainMap map = {
      .data = data,
      .ds = data->ds,
      .style = style,
      .view = view,
      .compact = compact,
      .gaps = data->gaps,
      .procurement = data->procurement,
      .edge_flows = data->edge_flows,
      .producers = data->producers,
  };
  map.nodes = g_new0(Agnode_t *, MAX(cm_dataset_n_segments(data->ds), 1));
  map.g = cm_map__open();
  cm_map__defaults(map.g, style);
  add_clusters_and_nodes(&map);
  add_edges(&map);
  g_autofree char *title = cm_chain__title(data, style, subtitle);
  cm_map__set_html(map.g, "label", title);
  g_free(map.nodes);
  return map.g;
}
