/* The overview of a large template: one node per part (a group, or a tier's ungrouped segments)
 * with its status counts, producers and leakage, in tier clusters; an arrow per pair of parts
 * linked by template edges, as wide as the number of edges it stands for. */
#include "chain_private.h"
#include "cm_i18n.h"
#include "map_palette.h"
#include "report_shared.h"

#include <math.h>
#include <string.h>

/* A part's figures, or a tier's (the sum of its parts). */
typedef struct {
  const char *name;
  CmTier tier;
  guint segments;
  guint count[CM_SEGMENT_STATUS_COUNT];
  guint local_producers;
  double leakage;
  gboolean links_shown; /* FALSE: the node counts its links */
  guint takes, feeds;
  guint changed; /* render --compare: segments whose status changed */
} Box;

static const char *const tier_names[CM_TIER_COUNT] = {N_("Upstream"), N_("Midstream"),
                                                      N_("Downstream")};

static char *
box_label(const Box *b, gboolean is_tier)
{
  GString *html = g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" "
                               "CELLPADDING=\"1\">");
  guint cols = 0;
  for (guint s = 0; s < CM_SEGMENT_STATUS_COUNT; s++)
    cols += b->count[s] > 0;
  cols += b->changed > 0;
  g_string_append_printf(html, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"%u\"><FONT POINT-SIZE=\"13\"><B>",
                         MAX(cols, 1));
  if (is_tier) {
    g_autofree char *t = g_strdup_printf(_("%s (no group)"), _(tier_names[b->tier]));
    cm_map__html_append(html, t);
  } else {
    cm_map__html_append(html, b->name);
  }
  g_string_append(html, "</B></FONT></TD></TR>");
  char leak[CM_REPORT_NUMBER_BUF];
  cm_report__money_buf(leak, b->leakage);
  g_autofree char *line =
      g_strdup_printf(NG_("%u segment · %u local producers · leakage %s",
                          "%u segments · %u local producers · leakage %s", b->segments),
                      b->segments, b->local_producers, leak);
  g_string_append_printf(html,
                         "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"%u\"><FONT POINT-SIZE=\"10\" "
                         "COLOR=\"%s\">",
                         MAX(cols, 1), CM_MAP_TEXT_MUTED);
  cm_map__html_append(html, line);
  if (!b->links_shown && !is_tier) {
    g_autofree char *links = g_strdup_printf(
        NG_("takes from %u group · feeds %u", "takes from %u groups · feeds %u", b->takes),
        b->takes, b->feeds);
    g_string_append(html, "<BR ALIGN=\"LEFT\"/>");
    cm_map__html_append(html, links);
  }
  g_string_append(html, "</FONT></TD></TR><TR>");
  if (b->changed) { /* the mark of the change map, as on a segment's box */
    g_autofree char *text = g_strdup_printf(_("◆ %u changed"), b->changed);
    g_string_append(html, "<TD BGCOLOR=\"#6f42c1\" STYLE=\"rounded\"><FONT POINT-SIZE=\"10\" "
                          "COLOR=\"white\"><B>");
    cm_map__html_append(html, text);
    g_string_append(html, "</B></FONT></TD>");
  }
  /* one chip per status present: the count on the status colours */
  for (guint s = 0; s < CM_SEGMENT_STATUS_COUNT; s++) {
    if (!b->count[s])
      continue;
    const CmStatusColours *c = &cm_map_status_colours[s];
    g_string_append_printf(html,
                           "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\" STYLE=\"rounded\">"
                           "<FONT POINT-SIZE=\"10\" COLOR=\"%s\">%u %s</FONT></TD>",
                           c->fill, c->border, c->border, b->count[s],
                           cm_words_status((CmSegmentStatus)s));
  }
  g_string_append(html, "</TR></TABLE>");
  return g_string_free(html, FALSE);
}

static char *
box_tooltip(const CmChainData *data, const CmTemplatePart *part)
{
  GString *tip = g_string_new(NULL);
  if (part->is_tier)
    g_string_append_printf(tip, _("%s (no group)"), _(tier_names[part->tier]));
  else
    g_string_append(tip, part->key);
  for (guint k = 0; k < part->segments->len; k++) {
    guint32 s = g_array_index(part->segments, guint32, k);
    const CmSegment *seg = cm_dataset_segment(data->ds, s);
    g_string_append_printf(tip, "\n%s [%s]: %s", cm_segment_display_name(seg), seg->id,
                           cm_words_status(data->gaps->segments[s].status));
  }
  return g_string_free(tip, FALSE);
}

static Agnode_t *
add_box(Agraph_t *parent, const char *name, const Box *b, gboolean is_tier, const char *tip)
{
  Agnode_t *n = cm_map__new_node(parent, name);
  g_autofree char *label = box_label(b, is_tier);
  cm_map__set_html(n, "label", label);
  /* the fill warns where gaps are: red when any, amber when weak links, else green */
  CmSegmentStatus worst = b->count[CM_SEGMENT_GAP]      ? CM_SEGMENT_GAP
                          : b->count[CM_SEGMENT_WEAK]   ? CM_SEGMENT_WEAK
                          : b->count[CM_SEGMENT_STRONG] ? CM_SEGMENT_STRONG
                                                        : CM_SEGMENT_ABSENT;
  cm_map__set(n, "fillcolor", "#ffffff");
  cm_map__set(n, "color", cm_map_status_colours[worst].border);
  cm_map__set(n, "penwidth", "1.6");
  cm_map__set(n, "kind", "part");
  cm_map__set_tooltip(n, tip);
  return n;
}

static Agraph_t *
tier_cluster(Agraph_t *g, Agraph_t **clusters, CmTier t)
{
  if (clusters[t])
    return clusters[t];
  g_autofree char *name = g_strdup_printf("cluster_%s", cm_tier_to_string(t));
  Agraph_t *sub = agsubg(g, name, 1);
  GString *label = g_string_new("<FONT POINT-SIZE=\"16\"><B>");
  cm_map__html_append(label, _(tier_names[t]));
  g_string_append(label, "</B></FONT>");
  cm_map__set_html(sub, "label", label->str);
  g_string_free(label, TRUE);
  cm_map__set(sub, "labeljust", "l");
  cm_map__set(sub, "style", "rounded,filled");
  cm_map__set(sub, "fillcolor", "#f6f8fa");
  cm_map__set(sub, "color", "#d0d7de");
  cm_map__set(sub, "margin", "14");
  clusters[t] = sub;
  return sub;
}

static void
add_edge(Agraph_t *g, Agnode_t *from, Agnode_t *to, guint edges, guint max, gboolean back)
{
  Agedge_t *e = agedge(g, from, to, NULL, 1);
  char width[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(width, sizeof width, "%.2f", 1.0 + 4.0 * sqrt((double)edges / MAX(max, 1)));
  cm_map__set(e, "penwidth", width);
  cm_map__set(e, "color", back ? "#a7b1bc" : "#7b8794");
  g_autofree char *tip =
      g_strdup_printf(NG_("%u template link", "%u template links", edges), edges);
  cm_map__set_tooltip(e, tip);
  if (back) { /* recycling: drawn, but it must not pull the tiers out of their order */
    cm_map__set(e, "constraint", "false");
    cm_map__set(e, "style", "dashed");
  } else {
    cm_map__set(e, "tailport", "e");
    cm_map__set(e, "headport", "w");
  }
}

/* Past this many parts, links between parts are a hairball: each node says how many parts it
 * takes from and feeds instead, and the parts stand in a grid, column by column per tier. */
#define MAX_DRAWN_LINKS_PARTS 24
#define NODE_W_PT 300.0
#define NODE_H_PT 62.0

static void
add_grid(Agraph_t *g, const CmTemplateParts *parts, Agnode_t **nodes)
{
  guint n = parts->parts->len;
  /* rows so that the grid comes out about 16:9 (columns * width = 1.8 * rows * height) */
  guint rows = (guint)ceil(sqrt(n * NODE_W_PT / (1.8 * NODE_H_PT)));
  Agnode_t *column_head = NULL; /* first node of the last column drawn */
  guint k = 0;
  while (k < n) {
    CmTier tier = ((const CmTemplatePart *)g_ptr_array_index(parts->parts, k))->tier;
    guint start = k;
    while (k < n && ((const CmTemplatePart *)g_ptr_array_index(parts->parts, k))->tier == tier)
      k++;
    for (guint i = start; i < k; i++) {
      /* a node one column right of the one rows before it in its tier */
      Agnode_t *left = i >= start + rows ? nodes[i - rows] : i == start ? column_head : NULL;
      if (left) {
        Agedge_t *e = agedge(g, left, nodes[i], NULL, 1);
        cm_map__set(e, "style", "invis");
        cm_map__set(e, "weight", "10");
      }
      if ((i - start) % rows == 0)
        column_head = nodes[i];
    }
  }
}

/* How many of the part's segments changed status (render --compare). */
static guint
changed_in(const CmChainData *data, const CmTemplatePart *p)
{
  guint n = 0;
  for (guint k = 0; data->change && k < p->segments->len; k++) {
    guint32 s = g_array_index(p->segments, guint32, k);
    n += data->change->previous[s] != data->gaps->segments[s].status;
  }
  return n;
}

/* "takes from 3 groups · feeds 5" for a node whose links are not drawn. */
static void
count_links(const CmTemplateParts *parts, guint k, guint *from, guint *to)
{
  *from = *to = 0;
  for (guint i = 0; i < parts->edges->len; i++) {
    const CmTemplatePartEdge *e = &g_array_index(parts->edges, CmTemplatePartEdge, i);
    *from += e->to == k;
    *to += e->from == k;
  }
}

Agraph_t *
cm_chain__overview_graph(const CmChainData *data, const CmMapStyle *style, gboolean tiers_only)
{
  const CmTemplateParts *parts = data->parts;
  Agraph_t *g = cm_map__open();
  cm_map__defaults(g, style);
  cm_map__set(g, "ranksep", "0.8");
  Agraph_t *clusters[CM_TIER_COUNT] = {NULL};
  guint n = parts->parts->len;
  g_autofree Agnode_t **nodes = g_new0(Agnode_t *, MAX(n, 1));
  guint max_edges = 0;
  for (guint i = 0; i < parts->edges->len; i++)
    max_edges = MAX(max_edges, g_array_index(parts->edges, CmTemplatePartEdge, i).edges);
  if (tiers_only) {
    Box boxes[CM_TIER_COUNT] = {{0}};
    Agnode_t *tier_nodes[CM_TIER_COUNT] = {NULL};
    for (guint k = 0; k < n; k++) {
      const CmTemplatePart *p = g_ptr_array_index(parts->parts, k);
      Box *b = &boxes[p->tier];
      b->tier = p->tier;
      b->segments += p->segments->len;
      b->changed += changed_in(data, p);
      for (guint s = 0; s < CM_SEGMENT_STATUS_COUNT; s++)
        b->count[s] += p->count[s];
      b->local_producers += p->local_producers;
      b->leakage += p->leakage;
    }
    for (guint t = 0; t < CM_TIER_COUNT; t++) {
      if (!boxes[t].segments)
        continue;
      boxes[t].name = _(tier_names[t]);
      boxes[t].links_shown = TRUE;
      g_autofree char *label = g_strdup_printf("%s (%u)", boxes[t].name, boxes[t].segments);
      tier_nodes[t] = add_box(g, cm_tier_to_string((CmTier)t), &boxes[t], FALSE, label);
    }
    for (guint t = 0; t + 1 < CM_TIER_COUNT; t++)
      for (guint u = t + 1; u < CM_TIER_COUNT; u++)
        if (tier_nodes[t] && tier_nodes[u]) {
          add_edge(g, tier_nodes[t], tier_nodes[u], 1, 1, FALSE);
          break;
        }
  } else {
    for (guint k = 0; k < n; k++) {
      const CmTemplatePart *p = g_ptr_array_index(parts->parts, k);
      Box b = {.name = p->key,
               .tier = p->tier,
               .segments = p->segments->len,
               .local_producers = p->local_producers,
               .leakage = p->leakage};
      memcpy(b.count, p->count, sizeof b.count);
      b.links_shown = n <= MAX_DRAWN_LINKS_PARTS;
      count_links(parts, k, &b.takes, &b.feeds);
      b.changed = changed_in(data, p);
      g_autofree char *name = g_strdup_printf("%s%s", p->is_tier ? "tier:" : "", p->key);
      g_autofree char *tip = box_tooltip(data, p);
      nodes[k] = add_box(tier_cluster(g, clusters, p->tier), name, &b, p->is_tier, tip);
    }
    if (n <= MAX_DRAWN_LINKS_PARTS) {
      for (guint i = 0; i < parts->edges->len; i++) {
        const CmTemplatePartEdge *e = &g_array_index(parts->edges, CmTemplatePartEdge, i);
        add_edge(g, nodes[e->from], nodes[e->to], e->edges, max_edges, e->back);
      }
    } else {
      add_grid(g, parts, nodes);
    }
  }
  g_autofree char *subtitle =
      tiers_only
          ? g_strdup_printf(NG_("Overview by tier: %u segment (detail maps: --group NAME)",
                                "Overview by tier: %u segments (detail maps: --group NAME)",
                                cm_dataset_n_segments(data->ds)),
                            cm_dataset_n_segments(data->ds))
          /* TRANSLATORS: segments of the template, then groups (parts of the overview) */
          : g_strdup_printf(NG_("Overview: %u segment in %u groups (detail maps: --group NAME)",
                                "Overview: %u segments in %u groups (detail maps: --group NAME)",
                                cm_dataset_n_segments(data->ds)),
                            cm_dataset_n_segments(data->ds), n);
  g_autofree char *title = cm_chain__title(data, style, subtitle);
  cm_map__set_html(g, "label", title);
  return g;
}
