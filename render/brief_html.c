/* The briefing page: one self-contained HTML file (CSS inline, maps inline as SVG, no script, no
 * external resource) in the order a briefing runs: headline figures, the chain map, what to
 * strengthen / supplement / extend and why, the leaders' procurement and the path to target,
 * resilience, and whom to invite. Printed from a browser it gives A4 pages, each map on a page
 * of its own. Every piece of dataset text goes through html_text(). */
#include "brief_private.h"
#include "cm_i18n.h"
#include "cm_output.h"
#include "map_private.h"
#include "report_briefing.h"
#include "report_shared.h"
#include "text_table.h"
#include "unit_text.h"
#include "words.h"

#include <string.h>

/* Rows of the long tables on the page; the workbook holds them all. */
#define SHOWN_TARGETS 30
#define SHOWN_SUPPLIERS 15

static const char *const page_style =
    "*{box-sizing:border-box}"
    "body{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"Microsoft YaHei\",\"PingFang SC\","
    "sans-serif;color:#1d2733;margin:0 auto;max-width:1100px;padding:24px 32px;line-height:1.5;"
    "font-size:14px}"
    "h1{font-size:26px;margin:0 0 4px}"
    "h2{font-size:19px;border-bottom:2px solid #1d4f7a;padding-bottom:3px;margin:28px 0 10px;"
    "color:#1d4f7a;break-after:avoid}"
    "h3{font-size:15px;margin:18px 0 6px;break-after:avoid}"
    ".meta{color:#5a6573;margin:0 0 14px}"
    ".lead{font-size:15px;margin:8px 0 12px}"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}"
    ".card{border:1px solid #cfd6de;border-radius:6px;padding:8px 12px;flex:1 1 150px;"
    "break-inside:avoid}"
    ".cards.status .card{flex:1 1 90px}"
    ".glance{background:#f5f8fb;border-left:4px solid #1d4f7a;padding:6px 14px 6px 30px;"
    "margin:14px 0}.glance li{margin:4px 0}"
    ".card .v{font-size:22px;font-weight:700;display:block}"
    ".card .l{color:#5a6573;font-size:12px}"
    ".ok .v{color:#1b7f3b}.short .v{color:#b3261e}"
    ".st{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap}"
    ".strong{background:#d6efd9}.weak{background:#fbe5b6}.gap{background:#f6cfcc}"
    ".frontier{background:#e3e8ee;border:1px dashed #6b7c8f}.absent{background:#f0f0f0}"
    "table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}"
    "th,td{border-bottom:1px solid #dde2e8;padding:3px 6px;text-align:left;vertical-align:top}"
    "th{background:#eef2f6;font-weight:600}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".id{color:#5a6573;font-size:11px;display:block}"
    ".none{color:#5a6573;font-style:italic}"
    ".more{color:#5a6573;font-size:12px}"
    "figure{margin:0}figure svg{display:block;max-width:100%;height:auto;margin:0 auto}"
    "footer{color:#5a6573;font-size:12px;margin-top:28px;border-top:1px solid #dde2e8}"
    "@page{size:A4;margin:14mm 12mm}"
    "@page map{size:A4 landscape;margin:10mm}"
    "@media print{body{max-width:none;padding:0;font-size:11px}"
    "table{font-size:10.5px}h2{margin-top:14px}"
    "section.map{page:map;break-before:page;break-after:page}"
    "section.map svg{max-height:170mm;width:100%}}";

/* Dataset text as HTML text or attribute value: cleaned (cm_brief__clean_text), & < > " ' as
 * entities. */
static void
html_text(GString *out, const char *text)
{
  g_autofree char *fixed = cm_brief__clean_text(text);
  for (const char *p = fixed; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    switch (c) {
    case '&':
      g_string_append(out, "&amp;");
      break;
    case '<':
      g_string_append(out, "&lt;");
      break;
    case '>':
      g_string_append(out, "&gt;");
      break;
    case '"':
      g_string_append(out, "&quot;");
      break;
    case '\'':
      g_string_append(out, "&#39;");
      break;
    default:
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
    }
  }
}

/* <tag>TEXT</tag> with text escaped. */
static void
element(GString *out, const char *tag, const char *cls, const char *text)
{
  if (cls)
    g_string_append_printf(out, "<%s class=\"%s\">", tag, cls);
  else
    g_string_append_printf(out, "<%s>", tag);
  html_text(out, text);
  g_string_append_printf(out, "</%s>", tag);
}

/* A table head: headers, "n" marks the right-aligned (numeric) ones. */
static void
table_head(GString *out, const char *const *headers, const char *numeric)
{
  g_string_append(out, "<table><thead><tr>");
  for (guint i = 0; headers[i]; i++)
    element(out, "th", numeric[i] == 'n' ? "n" : NULL, headers[i]);
  g_string_append(out, "</tr></thead><tbody>\n");
}

static void
table_end(GString *out)
{
  g_string_append(out, "</tbody></table>\n");
}

static void
td_text(GString *out, const char *text)
{
  element(out, "td", NULL, text);
}

/* A name with its id underneath in small grey. */
static void
td_named(GString *out, const char *name, const char *id)
{
  g_string_append(out, "<td>");
  html_text(out, name);
  if (strcmp(name, id) != 0) {
    g_string_append(out, "<span class=\"id\">");
    html_text(out, id);
    g_string_append(out, "</span>");
  }
  g_string_append(out, "</td>");
}

static void
td_money(GString *out, double v)
{
  char buf[CM_REPORT_NUMBER_BUF];
  element(out, "td", "n", cm_report__money_buf(buf, v));
}

static void
td_percent(GString *out, double ratio, gboolean has)
{
  char buf[CM_REPORT_NUMBER_BUF];
  element(out, "td", "n", has ? cm_report__percent_buf(buf, ratio) : "–");
}

static void
td_count(GString *out, guint n)
{
  g_string_append_printf(out, "<td class=\"n\">%u</td>", n);
}

static void
paragraph(GString *out, const char *cls, const char *text)
{
  element(out, "p", cls, text);
  g_string_append_c(out, '\n');
}

static void
heading(GString *out, const char *tag, const char *id, const char *text)
{
  g_string_append_printf(out, "<%s id=\"%s\">", tag, id);
  html_text(out, text);
  g_string_append_printf(out, "</%s>\n", tag);
}

static void
card(GString *out, const char *cls, const char *value, const char *label)
{
  g_string_append_printf(out, "<div class=\"card%s%s\"><span class=\"v\">", cls ? " " : "",
                         cls ? cls : "");
  html_text(out, value);
  g_string_append(out, "</span><span class=\"l\">");
  html_text(out, label);
  g_string_append(out, "</span></div>\n");
}

/* Graphviz's SVG without its XML prolog, doctype and comments (comments carry node names, and
 * an HTML page needs none of them). */
static void
append_svg(GString *out, GBytes *svg)
{
  gsize len = 0;
  const char *data = g_bytes_get_data(svg, &len);
  g_autofree char *text = g_strndup(data, len);
  const char *p = strstr(text, "<svg");
  if (!p)
    return;
  while (*p) {
    const char *open = strstr(p, "<!--");
    if (!open) {
      g_string_append(out, p);
      break;
    }
    g_string_append_len(out, p, open - p);
    const char *close = strstr(open + 4, "-->");
    if (!close)
      break;
    p = close + 3;
  }
  g_string_append_c(out, '\n');
}

static void
header(GString *out, const CmBrief *b, const char *date)
{
  const CmDataset *ds = b->ds;
  g_autofree char *scenario = cm_brief__scenario(b->options.scenario);
  g_string_append(out, "<header>");
  element(out, "h1", NULL, cm_dataset_display_name(ds));
  g_autofree char *meta = NULL;
  if (b->options.by_year)
    meta = g_strdup_printf(_("Region %s · money in %s · counting %s enterprises · supply of %d · "
                             "%s"),
                           ds->region, cm_unit_display(ds->unit), scenario, b->options.year, date);
  else
    meta = g_strdup_printf(_("Region %s · money in %s · counting %s enterprises · %s"), ds->region,
                           cm_unit_display(ds->unit), scenario, date);
  paragraph(out, "meta", meta);
  g_string_append(out, "</header>\n");
}

static void
figures(GString *out, const CmBrief *b)
{
  const CmGaps *g = b->gaps;
  const CmProcurement *p = b->procurement;
  char buf[CM_REPORT_NUMBER_BUF];
  heading(out, "h2", "figures", _("Headline figures"));
  g_autofree char *lead = g_strdup_printf(
      _("%u of the chain's %u segments are made locally: %u to strengthen, %u to "
        "supplement, %u to extend."),
      g->present, g->n_segments, g->strengthen->len, g->supplement->len, g->extend->len);
  paragraph(out, "lead", lead);
  g_string_append(out, "<div class=\"cards\">\n");
  g_autofree char *present =
      g_strdup_printf(_("completeness: %u of %u segments made locally"), g->present, g->n_segments);
  card(out, NULL, cm_report__percent_buf(buf, g->completeness), present);
  g_autofree char *target = cm_report__percent(p->target);
  if (p->leaders_has_ratio) {
    g_autofree char *ratio = cm_report__percent_vs(p->leaders_ratio, p->target);
    g_autofree char *label =
        p->meets_target
            ? g_strdup_printf(_("chain leaders' local procurement: meets the %s target"), target)
            : g_strdup_printf(_("chain leaders' local procurement: short of the %s target"),
                              target);
    card(out, p->meets_target ? "ok" : "short", ratio, label);
  } else {
    g_autofree char *label = g_strdup_printf(
        _("chain leaders' local procurement (target %s): no purchases counted"), target);
    card(out, NULL, "–", label);
  }
  card(out, NULL, p->region_has_ratio ? cm_report__percent_buf(buf, p->region_ratio) : "–",
       _("local procurement of all local buyers"));
  g_string_append(out, "</div>\n<div class=\"cards status\">\n");
  for (guint s = 0; s < CM_SEGMENT_STATUS_COUNT; s++) {
    g_snprintf(buf, sizeof buf, "%u", g->count[s]);
    g_autofree char *cls = g_strdup(cm_segment_status_to_string(s));
    card(out, cls, buf, cm_brief__status_word(s));
  }
  g_string_append(out, "</div>\n");
  if (p->leaders->len > 0) {
    GString *names = g_string_new(NULL);
    for (guint k = 0; k < p->leaders->len; k++)
      g_string_append_printf(names, "%s%s", k ? _(", ") : "",
                             cm_brief__enterprise_name(b, g_array_index(p->leaders, guint32, k)));
    g_autofree char *leaders = g_string_free(names, FALSE);
    g_autofree char *local = cm_report__money(p->leaders_local);
    g_autofree char *total = cm_report__money(p->leaders_total);
    g_autofree char *line =
        g_strdup_printf(_("Chain leaders: %s. They buy %s in all, %s of it from local suppliers."),
                        leaders, total, local);
    paragraph(out, NULL, line);
  } else {
    paragraph(out, NULL,
              _("No chain leader (role leader or 链主) among the counted local enterprises."));
  }
}

/* "A, B and C": the names of the first few of a list of segment indices. (transfer full) */
static char *
first_segments(const CmBrief *b, const GArray *list, guint n)
{
  GString *out = g_string_new(NULL);
  n = MIN(n, list->len);
  for (guint k = 0; k < n; k++)
    g_string_append_printf(out, "%s%s", k ? _(", ") : "",
                           cm_brief__segment_name(b, g_array_index(list, guint32, k)));
  return g_string_free(out, FALSE);
}

static void
glance_item(GString *out, const char *text)
{
  element(out, "li", NULL, text);
  g_string_append_c(out, '\n');
}

/* The page's first message: what to do first, in a few sentences. */
static void
glance(GString *out, const CmBrief *b)
{
  heading(out, "h2", "glance", _("At a glance"));
  g_string_append(out, "<ul class=\"glance\">\n");
  const CmGaps *g = b->gaps;
  if (g->supplement->len > 0) {
    g_autofree char *names = first_segments(b, g->supplement, 3);
    g_autofree char *line = g_strdup_printf(
        _("First to supplement, by what local buyers buy from outside: %s."), names);
    glance_item(out, line);
  }
  if (g->strengthen->len > 0) {
    g_autofree char *names = first_segments(b, g->strengthen, 3);
    g_autofree char *line = g_strdup_printf(_("First to strengthen: %s."), names);
    glance_item(out, line);
  }
  g_autofree char *plan_line = cm_report__plan_headline(b->plan);
  glance_item(out, plan_line);
  const CmResilience *r = b->resilience;
  if (r->single_source > 0) {
    g_autofree char *value = cm_report__money(r->single_source_value);
    g_autofree char *line = g_strdup_printf(
        dngettext(GETTEXT_PACKAGE,
                  "%u of the leaders' inputs depends on a single supplier (%s of purchases).",
                  "%u of the leaders' inputs depend on a single supplier (%s of purchases).",
                  r->single_source),
        r->single_source, value);
    glance_item(out, line);
  }
  const CmTargets *t = b->targets;
  if (t->targets->len > 0) {
    GString *names = g_string_new(NULL);
    for (guint k = 0; k < MIN(t->targets->len, 3u); k++)
      g_string_append_printf(
          names, "%s%s", k ? _(", ") : "",
          cm_brief__enterprise_name(b, g_array_index(t->targets, CmTarget, k).enterprise));
    g_autofree char *list = g_string_free(names, FALSE);
    g_autofree char *line = g_strdup_printf(_("First to invite: %s."), list);
    glance_item(out, line);
  }
  g_string_append(out, "</ul>\n");
}

/* One map on a (print) page of its own. */
static void
map_section(GString *out, const char *id, const char *title, const char *note, GBytes *svg)
{
  g_string_append(out, "<section class=\"map\">\n");
  heading(out, "h2", id, title);
  if (note)
    paragraph(out, "meta", note);
  g_string_append(out, "<figure>");
  append_svg(out, svg);
  g_string_append(out, "</figure>\n</section>\n");
}

/* The chain map; for a template too large for one readable map, its overview and then one
 * detail map per group (every segment is on one), as batch writes them. */
static gboolean
chain_map(GString *out, const CmBrief *b, const char *date, GError **error)
{
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_SVG);
  style.date = date;
  g_autoptr(GBytes) svg = cm_chainmap_render(b->ds, &b->options, &style, error);
  if (!svg)
    return FALSE;
  g_auto(GStrv) groups = cm_chainmap_detail_groups(b->ds);
  map_section(out, "map", groups ? _("Chain map: overview") : _("Chain map"),
              _("Each box is a segment of the chain, coloured by its status; arrows run from input "
                "to output, heavier where more is bought."),
              svg);
  for (guint k = 0; groups && groups[k]; k++) {
    CmChainMapOptions chain;
    cm_chain_map_options_init(&chain);
    chain.group = groups[k];
    GBytes *maps[CM_MAP_FORMAT_COUNT] = {NULL};
    if (!cm_chainmap_draw(b->ds, &b->options, &chain, &style, 1u << CM_MAP_SVG, maps, error))
      return FALSE;
    g_autofree char *id = g_strdup_printf("map-%u", k + 1);
    /* the ungrouped segments of a tier come under the tier's word */
    const char *name = groups[k];
    for (guint t = 0; t < CM_TIER_COUNT; t++)
      if (g_strcmp0(name, cm_tier_to_string((CmTier)t)) == 0)
        name = cm_words_tier((CmTier)t);
    g_autofree char *title = g_strdup_printf(_("Chain map: %s"), name);
    map_section(out, id, title, NULL, maps[CM_MAP_SVG]);
    for (guint f = 0; f < CM_MAP_FORMAT_COUNT; f++)
      g_clear_pointer(&maps[f], g_bytes_unref);
  }
  return TRUE;
}

static void
action_list(GString *out, const CmBrief *b, const GArray *list, const char *id, const char *title,
            const char *what)
{
  heading(out, "h3", id, title);
  paragraph(out, "meta", what);
  if (list->len == 0) {
    paragraph(out, "none", _("None."));
    return;
  }
  const char *headers[] = {_("#"),       _("Segment"), _("Tier"), _("Local producers"),
                           _("Leakage"), _("Why"),     NULL};
  table_head(out, headers, "n  nn ");
  for (guint k = 0; k < list->len; k++) {
    guint32 s = g_array_index(list, guint32, k);
    const CmSegment *seg = cm_dataset_segment(b->ds, s);
    const CmSegmentResult *r = &b->gaps->segments[s];
    g_string_append_printf(out, "<tr><td class=\"n\">%u</td>", k + 1);
    td_named(out, cm_segment_display_name(seg), seg->id);
    td_text(out, cm_words_tier(seg->tier));
    td_count(out, r->local_producers);
    td_money(out, r->leakage);
    g_autofree char *why = cm_brief__reason(b, s);
    td_text(out, why);
    g_string_append(out, "</tr>\n");
  }
  table_end(out);
}

static void
actions(GString *out, const CmBrief *b)
{
  heading(out, "h2", "actions", _("What to do: strengthen, supplement, extend"));
  paragraph(out, "meta",
            _("Leakage is what local buyers of a segment buy from outside the region; each list "
              "is ranked by it."));
  action_list(out, b, b->gaps->strengthen, "strengthen", _("Strengthen: weak links"),
              _("Made locally, but by too few producers or covering too little of local demand."));
  action_list(out, b, b->gaps->supplement, "supplement", _("Supplement: missing links"),
              _("Not made locally, though the local chain needs them."));
  action_list(out, b, b->gaps->extend, "extend", _("Extend: the next links out"),
              _("Not made locally and not needed yet: where the chain could grow."));
}

static void
procurement(GString *out, const CmBrief *b)
{
  const CmProcurement *p = b->procurement;
  heading(out, "h2", "procurement", _("Chain leaders' procurement"));
  if (p->leaders->len == 0) {
    paragraph(out, "none", _("No chain leader among the counted local enterprises."));
    return;
  }
  const char *headers[] = {_("Chain leader"), _("Local"), _("Total"), _("Local share"), NULL};
  table_head(out, headers, " nnn");
  for (guint k = 0; k < p->buyers->len; k++) {
    const CmBuyerProcurement *bp = &g_array_index(p->buyers, CmBuyerProcurement, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, bp->buyer);
    if (!e->leader)
      break; /* leaders come first */
    g_string_append(out, "<tr>");
    td_named(out, cm_enterprise_display_name(e), e->id);
    td_money(out, bp->local);
    td_money(out, bp->total);
    td_percent(out, bp->ratio, TRUE);
    g_string_append(out, "</tr>\n");
  }
  table_end(out);
  for (guint k = 0; k < p->audit->len; k++) {
    const CmLeaderAudit *a = &g_array_index(p->audit, CmLeaderAudit, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, a->leader);
    g_autofree char *title =
        g_strdup_printf(_("%s: what it buys, by segment"), cm_enterprise_display_name(e));
    g_autofree char *id = g_strdup_printf("leader-%u", k + 1);
    heading(out, "h3", id, title);
    if (a->by_segment->len == 0) {
      paragraph(out, "none", _("No purchases in the supply rows counted."));
      continue;
    }
    const char *cols[] = {_("Segment"), _("Local"),       _("Outside"),
                          _("Total"),   _("Local share"), NULL};
    table_head(out, cols, " nnnn");
    for (guint i = 0; i < a->by_segment->len; i++) {
      const CmPurchaseLine *l = &g_array_index(a->by_segment, CmPurchaseLine, i);
      const CmSegment *seg = cm_dataset_segment(b->ds, l->segment);
      double total = l->local + l->outside;
      g_string_append(out, "<tr>");
      td_named(out, cm_segment_display_name(seg), seg->id);
      td_money(out, l->local);
      td_money(out, l->outside);
      td_money(out, total);
      td_percent(out, total > 0 ? l->local / total : 0, total > 0);
      g_string_append(out, "</tr>\n");
    }
    table_end(out);
  }
}

static void
plan(GString *out, const CmBrief *b)
{
  const CmPlan *p = b->plan;
  heading(out, "h2", "plan", _("Path to the procurement target"));
  g_autofree char *line = cm_report__plan_headline(p);
  paragraph(out, "lead", line);
  if (p->steps->len == 0)
    return;
  const char *headers[] = {_("#"),
                           _("Supplier to land"),
                           _("Region"),
                           _("Sells the leaders"),
                           _("Leaders' local share after"),
                           _("Segments"),
                           NULL};
  table_head(out, headers, "n  nn ");
  for (guint k = 0; k < p->steps->len; k++) {
    const CmPlanStep *st = &g_array_index(p->steps, CmPlanStep, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, st->enterprise);
    g_string_append_printf(out, "<tr><td class=\"n\">%u</td>", k + 1);
    td_named(out, cm_enterprise_display_name(e), e->id);
    td_text(out, e->region);
    td_money(out, st->gain);
    td_percent(out, st->ratio_after, st->has_ratio);
    GString *segs = g_string_new(NULL);
    const guint32 *ss = cm_plan_step_segments(p, st);
    for (guint i = 0; i < st->n_segments; i++)
      g_string_append_printf(segs, "%s%s", i ? _(", ") : "", cm_brief__segment_name(b, ss[i]));
    g_autofree char *text = g_string_free(segs, FALSE);
    td_text(out, text);
    g_string_append(out, "</tr>\n");
  }
  table_end(out);
}

/* Pair indices: single sources first, then the largest purchase; ties keep the pairs' order. */
static gint
compare_risk(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const CmResilience *r = data;
  guint a = *(const guint *)pa, b = *(const guint *)pb;
  const CmResiliencePair *x = &g_array_index(r->pairs, CmResiliencePair, a);
  const CmResiliencePair *y = &g_array_index(r->pairs, CmResiliencePair, b);
  gboolean sx = x->suppliers == 1, sy = y->suppliers == 1;
  if (sx != sy)
    return sx ? -1 : 1;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return a < b ? -1 : a > b;
}

static void
resilience(GString *out, const CmBrief *b)
{
  const CmResilience *r = b->resilience;
  heading(out, "h2", "resilience", _("Where the leaders' supply can break"));
  if (r->pairs->len == 0) {
    paragraph(out, "none", _("The chain leaders bought nothing in the supply rows counted."));
    return;
  }
  g_autofree char *value = cm_report__money(r->value);
  g_autofree char *single = cm_report__money(r->single_source_value);
  g_autofree char *lead = NULL;
  if (r->single_source == 0 && r->pairs->len == 1)
    lead = g_strdup_printf(_("The leaders' only input (a leader buying a segment) has more than "
                             "one supplier; they buy %s in all."),
                           value);
  else if (r->single_source == 0)
    lead = g_strdup_printf(_("None of the leaders' %u inputs (a leader buying a segment) depends "
                             "on a single supplier; they buy %s in all."),
                           r->pairs->len, value);
  else
    lead = g_strdup_printf(dngettext(GETTEXT_PACKAGE,
                                     "%u of the leaders' %u inputs (a leader buying a segment) "
                                     "comes from a single supplier: %s of the %s they buy.",
                                     "%u of the leaders' %u inputs (a leader buying a segment) "
                                     "come from a single supplier: %s of the %s they buy.",
                                     r->single_source),
                           r->single_source, r->pairs->len, single, value);
  paragraph(out, "lead", lead);
  g_autoptr(GArray) order = g_array_sized_new(FALSE, FALSE, sizeof(guint), r->pairs->len);
  for (guint k = 0; k < r->pairs->len; k++)
    g_array_append_val(order, k);
  g_qsort_with_data(order->data, (gint)order->len, sizeof(guint), compare_risk, (gpointer)r);
  const char *headers[] = {_("Chain leader"), _("Segment"),   _("Bought"),       _("Suppliers"),
                           _("Top supplier"), _("Top share"), _("From outside"), NULL};
  table_head(out, headers, "  nn nn");
  for (guint k = 0; k < order->len; k++) {
    const CmResiliencePair *pr =
        &g_array_index(r->pairs, CmResiliencePair, g_array_index(order, guint, k));
    const CmEnterprise *l = cm_dataset_enterprise(b->ds, pr->leader);
    const CmSegment *seg = cm_dataset_segment(b->ds, pr->segment);
    const CmEnterprise *top = cm_dataset_enterprise(b->ds, pr->top_supplier);
    g_string_append(out, pr->suppliers == 1 ? "<tr class=\"single\">" : "<tr>");
    td_named(out, cm_enterprise_display_name(l), l->id);
    td_named(out, cm_segment_display_name(seg), seg->id);
    td_money(out, pr->value);
    if (pr->suppliers == 1)
      g_string_append_printf(out, "<td class=\"n\"><span class=\"st gap\">%s</span></td>",
                             _("single source"));
    else
      td_count(out, pr->suppliers);
    td_named(out, cm_enterprise_display_name(top), top->id);
    td_percent(out, pr->top_share, TRUE);
    td_percent(out, pr->outside_share, TRUE);
    g_string_append(out, "</tr>\n");
  }
  table_end(out);
  heading(out, "h3", "suppliers", _("The suppliers the leaders depend on most"));
  const char *cols[] = {_("Supplier"),
                        _("Where"),
                        _("Sells the leaders"),
                        _("Of it as sole source"),
                        _("Inputs"),
                        _("Sole source of"),
                        NULL};
  table_head(out, cols, "  nnnn");
  guint shown = MIN(r->suppliers->len, SHOWN_SUPPLIERS);
  for (guint k = 0; k < shown; k++) {
    const CmResilienceSupplier *s = &g_array_index(r->suppliers, CmResilienceSupplier, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, s->enterprise);
    g_string_append(out, "<tr>");
    td_named(out, cm_enterprise_display_name(e), e->id);
    td_text(out, e->region);
    td_money(out, s->leaders_value);
    td_money(out, s->sole_value);
    td_count(out, s->pairs);
    td_count(out, s->sole_pairs);
    g_string_append(out, "</tr>\n");
  }
  table_end(out);
  if (r->suppliers->len > shown) {
    g_autofree char *more = g_strdup_printf(_("… and %u more in the workbook (chainmap brief -o "
                                              "FILE.xlsx) and chainmap resilience."),
                                            r->suppliers->len - shown);
    paragraph(out, "more", more);
  }
}

static void
targets(GString *out, const CmBrief *b)
{
  const CmTargets *t = b->targets;
  heading(out, "h2", "targets", _("Whom to invite"));
  paragraph(out, "meta",
            _("Priority 1 fills a missing link, 2 a weak one, 3 extends the chain, 4 only supplies "
              "local buyers today. The last column is what landing it would add to the leaders' "
              "local share."));
  if (t->targets->len == 0) {
    paragraph(out, "none", _("None."));
    return;
  }
  const char *headers[] = {_("#"),
                           _("Enterprise"),
                           _("Region"),
                           _("Priority"),
                           _("Fills"),
                           _("Sells local buyers"),
                           _("Local buyers"),
                           _("Leaders served"),
                           _("Adds to leaders' share"),
                           NULL};
  table_head(out, headers, "n  n nn n");
  guint shown = MIN(t->targets->len, SHOWN_TARGETS);
  for (guint k = 0; k < shown; k++) {
    const CmTarget *tg = &g_array_index(t->targets, CmTarget, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, tg->enterprise);
    g_string_append_printf(out, "<tr><td class=\"n\">%u</td>", k + 1);
    td_named(out, cm_enterprise_display_name(e), e->id);
    td_text(out, e->region);
    td_count(out, tg->priority);
    GString *fills = g_string_new(NULL);
    const guint32 *f = cm_target_fills(t, tg);
    for (guint i = 0; i < tg->n_fills; i++)
      g_string_append_printf(fills, "%s%s", i ? _(", ") : "", cm_brief__segment_name(b, f[i]));
    g_autofree char *fills_text = g_string_free(fills, FALSE);
    td_text(out, fills_text);
    td_money(out, tg->value_to_local);
    td_count(out, tg->local_buyers);
    GString *served = g_string_new(NULL);
    const guint32 *ls = cm_target_leaders_served(t, tg);
    for (guint i = 0; i < tg->n_leaders_served; i++)
      g_string_append_printf(served, "%s%s", i ? _(", ") : "", cm_brief__enterprise_name(b, ls[i]));
    g_autofree char *served_text = g_string_free(served, FALSE);
    td_text(out, served_text);
    g_autofree char *pp = g_strdup_printf(_("+%.1f pp"), 100.0 * cm_brief__target_gain(b, tg));
    element(out, "td", "n", pp);
    g_string_append(out, "</tr>\n");
  }
  table_end(out);
  if (t->targets->len > shown) {
    g_autofree char *more = g_strdup_printf(
        _("… and %u more in the workbook (chainmap brief -o FILE.xlsx) and chainmap targets."),
        t->targets->len - shown);
    paragraph(out, "more", more);
  }
}

GBytes *
cm_brief_html(const CmBrief *b, const char *date_in, GError **error)
{
  g_return_val_if_fail(b != NULL, NULL);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_SVG);
  style.date = date_in;
  g_autofree char *date = cm_map__date(&style);
  GString *out = g_string_sized_new(64 * 1024);
  g_string_append_printf(out,
                         "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                         cm_lang_get() == CM_LANG_ZH ? "zh-CN" : "en");
  g_string_append(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                       "style-src 'unsafe-inline'; img-src data:\">\n<title>");
  g_autofree char *title = g_strdup_printf(_("%s — briefing"), cm_dataset_display_name(b->ds));
  html_text(out, title);
  g_string_append_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", page_style);
  header(out, b, date);
  figures(out, b);
  glance(out, b);
  if (!chain_map(out, b, date, error)) {
    g_string_free(out, TRUE);
    return NULL;
  }
  actions(out, b);
  procurement(out, b);
  plan(out, b);
  resilience(out, b);
  targets(out, b);
  g_string_append(out, "<footer>");
  g_autofree char *foot = g_strdup_printf(
      _("Made with chainmap on %s. The same figures: chainmap gaps, procurement, plan, "
        "resilience and targets."),
      date);
  paragraph(out, NULL, foot);
  g_string_append(out, "</footer>\n</body>\n</html>\n");
  gsize len = out->len;
  return g_bytes_new_take(g_string_free(out, FALSE), len);
}
