/* chainmap render DATASET -o FILE [-T svg|png|pdf|dot] [--view chain|network] [--focus ID]
 * [--depth K] [--group NAME] [--top K | --all] [--overview] [--slide] [--font NAME]
 * [--compare --region R ... | --scenario L ... | --year Y ...]: draw a chain map. */
#include "cli.h"
#include "cm_chainmap.h"
#include "cm_chainmap_change.h"
#include "cm_i18n.h"
#include "compare_args.h"
#include "cm_output.h"
#include "cm_suggest.h"
#include "options.h"
#include "cm_i18n.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_DEPTH 2

typedef struct {
  CmCliReportArgs args;
  char *type;
  char *view;
  char *focus;
  char *depth;
  char *font;
  char *group;
  char *top;
  gboolean all;
  gboolean overview;
  gboolean slide;
  gboolean compare;
  char **regions; /* --region, with --compare */
} RenderArgs;

static void
render_args_clear(RenderArgs *a)
{
  cm_cli_report_args_clear(&a->args);
  g_clear_pointer(&a->type, g_free);
  g_clear_pointer(&a->view, g_free);
  g_clear_pointer(&a->focus, g_free);
  g_clear_pointer(&a->depth, g_free);
  g_clear_pointer(&a->font, g_free);
  g_clear_pointer(&a->group, g_free);
  g_clear_pointer(&a->top, g_free);
  g_clear_pointer(&a->regions, g_strfreev);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(RenderArgs, render_args_clear)

/* The map format: -T, else the output file's extension. */
static int
pick_format(const RenderArgs *a, CmMapFormat *format)
{
  if (a->type) {
    if (!cm_map_format_from_string(a->type, format))
      return cm_cli_usage_error("render", _("unknown format '%s' for -T (svg, png, pdf or dot)"),
                                a->type);
    return CM_EXIT_OK;
  }
  if (strcmp(a->args.output, "-") == 0)
    return cm_cli_usage_error("render",
                              _("writing to standard output needs -T svg, png, pdf or dot"));
  if (!cm_map_format_from_path(a->args.output, format))
    return cm_cli_usage_error("render",
                              _("cannot tell the format from '%s': name a .svg, .png, .pdf or .dot "
                                "file, or give -T"),
                              a->args.output);
  return CM_EXIT_OK;
}

/* The enterprise index of --focus, or a usage error with the closest id as a hint. */
static int
find_focus(const CmDataset *ds, const char *id, gint64 *focus)
{
  *focus = cm_dataset_find_enterprise(ds, id);
  if (*focus >= 0)
    return CM_EXIT_OK;
  guint n = cm_dataset_n_enterprises(ds);
  g_autofree const char **ids = g_new(const char *, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    ids[i] = cm_dataset_enterprise(ds, i)->id;
  /* a planner types the name she knows: say which id it is */
  gboolean chinese =
      !g_str_is_ascii(id) && g_utf8_strlen(id, -1) >= 2; /* part of "宁德时代 CATL" */
  const CmEnterprise *named = NULL;
  for (guint i = 0; i < n && !(named && g_str_equal(named->name, id)); i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    if (g_str_equal(e->name, id) || (!named && chinese && strstr(e->name, id)))
      named = e;
  }
  if (named) {
    const CmEnterprise *e = named;
    return cm_cli_usage_error("render",
                              _("unknown enterprise '%s' for --focus: '%s' is enterprise '%s' "
                                "(--focus takes an id: --focus %s)"),
                              id, e->name, e->id, e->id);
  }
  const char *hint = cm_suggest(id, ids, n);
  if (hint)
    return cm_cli_usage_error(
        "render", _("unknown enterprise '%s' for --focus; did you mean '%s'?"), id, hint);
  return cm_cli_usage_error("render", _("unknown enterprise '%s' for --focus"), id);
}

typedef struct {
  gboolean network;
  gint64 focus; /* enterprise (network) or segment (chain) index, or -1 */
  guint depth;
  CmChainMapOptions chain;
  CmNetworkMapOptions net;
} Request;

static int
draw(const CmDataset *ds, const CmAnalysisOptions *options, const Request *r,
     const CmMapStyle *style, const char *output)
{
  g_autoptr(GError) err = NULL;
  GBytes *out[CM_MAP_FORMAT_COUNT];
  guint formats = 1u << style->format;
  gboolean ok = r->network ? cm_network_map_draw(ds, options, r->focus, r->depth, &r->net, style,
                                                 formats, out, &err)
                           : cm_chainmap_draw(ds, options, &r->chain, style, formats, out, &err);
  cm_graphviz_shutdown();
  if (!ok) {
    if (g_error_matches(err, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID))
      return cm_cli_usage_error("render", "%s", err->message);
    if (cm_cli_is_out_of_memory(err))
      return cm_cli_report_out_of_memory(err);
    g_autofree char *shown = cm_cli_shown(err->message);
    fprintf(stderr, "chainmap render: %s\n", shown);
    return err->domain == CM_RENDER_ERROR ? CM_EXIT_OUTPUT : CM_EXIT_INVALID;
  }
  g_autoptr(GBytes) map = out[style->format];
  gsize len = 0;
  const void *data = g_bytes_get_data(map, &len);
  if (!cm_output_write(output, data, len, &err)) {
    g_autofree char *shown = cm_cli_shown(err->message);
    fprintf(stderr, "chainmap: %s\n", shown);
    return CM_EXIT_OUTPUT;
  }
  return CM_EXIT_OK;
}

/* --compare: the chain map of the last column, each segment whose status differs from the
 * column before it marked. */
static int
draw_change(const CmDataset *ds, const CmCliCompare *cmp, const CmMapStyle *style,
            const char *output)
{
  g_autoptr(GError) err = NULL;
  g_autoptr(CmCompare) c =
      cm_compare_compute(ds, &cmp->base, cmp->region, cmp->by,
                         (const CmCompareSetting *)cmp->settings->data, cmp->settings->len, &err);
  if (!c)
    return cm_cli_usage_error("render", "%s", err->message);
  cm_cli_compare_warn(c, ds, "render");
  const CmCompareColumn *last = &c->columns[c->n_columns - 1];
  const CmCompareColumn *before = &c->columns[c->n_columns - 2];
  guint n = cm_dataset_n_segments(ds);
  g_autofree CmSegmentStatus *previous = g_new(CmSegmentStatus, MAX(n, 1));
  for (guint s = 0; s < n; s++)
    previous[s] = before->gaps->segments[s].status;
  CmChainChange change = {previous, before->label, last->label};
  g_autoptr(GBytes) map = cm_chainmap_render_change(ds, &last->options, &change, style, &err);
  cm_graphviz_shutdown();
  if (!map) {
    fprintf(stderr, "chainmap render: %s\n", err->message);
    return err->domain == CM_RENDER_ERROR ? CM_EXIT_OUTPUT : CM_EXIT_INVALID;
  }
  gsize len = 0;
  const void *data = g_bytes_get_data(map, &len);
  if (!cm_output_write(output, data, len, &err)) {
    fprintf(stderr, "chainmap: %s\n", err->message);
    return CM_EXIT_OUTPUT;
  }
  return CM_EXIT_OK;
}

/* --focus names an enterprise (network view) or, in the chain view, a segment. Without --view,
 * an enterprise id wins, then a segment id. */
static int
resolve_focus(const CmDataset *ds, const RenderArgs *a, Request *r)
{
  if (!a->focus)
    return CM_EXIT_OK;
  gint64 e = cm_dataset_find_enterprise(ds, a->focus);
  gint64 s = cm_dataset_find_segment(ds, a->focus);
  gboolean chain_asked = a->view && strcmp(a->view, "chain") == 0;
  if (!r->network && (chain_asked || a->group || e < 0) && s >= 0) {
    r->chain.focus = s;
    return CM_EXIT_OK;
  }
  if (chain_asked || a->group)
    return cm_cli_usage_error("render", _("unknown segment '%s' for --focus in the chain view"),
                              a->focus);
  r->network = TRUE;
  if (e < 0)
    return find_focus(ds, a->focus, &r->focus);
  r->focus = e;
  return CM_EXIT_OK;
}

int
cm_cmd_render(int argc, char **argv)
{
  g_auto(RenderArgs) a = {0};
  g_autofree char *font_help = g_strdup_printf(_("font family (default %s)"), CM_MAP_DEFAULT_FONT);
  GOptionEntry entries[] = {
      {"type", 'T', 0, G_OPTION_ARG_STRING, &a.type,
       N_("svg, png, pdf or dot (default: the output file's extension)"), "FORMAT"},
      {"view", 0, 0, G_OPTION_ARG_STRING, &a.view,
       N_("chain (the template by segment status; default) or network (who buys what from whom)"),
       "VIEW"},
      {"focus", 0, 0, G_OPTION_ARG_STRING, &a.focus,
       N_("network view of what enterprise ID buys, and from whom; in the chain view, the "
          "segments around segment ID"),
       "ID"},
      {"depth", 0, 0, G_OPTION_ARG_STRING, &a.depth,
       N_("supply steps upstream of --focus (default 2), or template steps around a segment "
          "(default 1)"),
       "K"},
      {"group", 0, 0, G_OPTION_ARG_STRING, &a.group,
       N_("chain view of one group's segments with their direct inputs and outputs"), "NAME"},
      {"overview", 0, 0, G_OPTION_ARG_NONE, &a.overview,
       N_("chain view with one node per group (the default past 60 segments)"), NULL},
      {"top", 0, 0, G_OPTION_ARG_STRING, &a.top,
       N_("network view: the K largest suppliers of each material drawn, the rest merged"), "K"},
      {"all", 0, 0, G_OPTION_ARG_NONE, &a.all,
       N_("network view: every supplier drawn, nothing merged"), NULL},
      {"slide", 0, 0, G_OPTION_ARG_NONE, &a.slide,
       N_("size for a 16:9 slide (PNG 1920x1080; SVG and PDF 960x540 pt)"), NULL},
      {"font", 0, 0, G_OPTION_ARG_STRING, &a.font, font_help, "NAME"},
      {"compare", 0, 0, G_OPTION_ARG_NONE, &a.compare,
       N_("chain map of the last of two or more --region, --scenario or --year, marking what "
          "changed from the one before"),
       NULL},
      {"region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.regions,
       N_("with --compare: a study region, one column each"), "R"},
      G_OPTION_ENTRY_NULL,
  };
  /* N_() descriptions are translated here (the others are not marked and come back as they are) */
  for (GOptionEntry *e = entries; e->long_name; e++)
    e->description = _(e->description);
  g_autoptr(GOptionContext) ctx = cm_cli_context("render", entries);
  cm_cli_add_report_options(ctx, &a.args, FALSE);
  if (!cm_cli_parse(ctx, "render", &argc, &argv))
    return CM_EXIT_USAGE;
  if (argc != 2)
    return cm_cli_usage_error("render",
                              argc < 2 ? _("missing DATASET") : _("one DATASET at a time"));
  if (!cm_cli_dataset_arg("render", argv[1]))
    return CM_EXIT_USAGE;
  if (!a.args.output)
    return cm_cli_usage_error("render", _("missing -o FILE (-o - writes to standard output)"));
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_SVG);
  int rc = pick_format(&a, &style.format);
  if (rc != CM_EXIT_OK)
    return rc;
  Request r = {.focus = -1};
  cm_chain_map_options_init(&r.chain);
  cm_network_map_options_init(&r.net);
  if (a.view && strcmp(a.view, "network") == 0)
    r.network = TRUE;
  else if (a.view && strcmp(a.view, "chain") != 0)
    return cm_cli_usage_error("render", _("unknown view '%s' (chain or network)"), a.view);
  gboolean chain_only = a.group || a.overview;
  if (chain_only && r.network)
    return cm_cli_usage_error("render", _("--group and --overview draw the chain view, not "
                                          "--view network"));
  if ((a.top || a.all) && ((a.view && !r.network) || chain_only))
    return cm_cli_usage_error("render", _("--top and --all draw the network view"));
  if (a.top && a.all)
    return cm_cli_usage_error("render", _("--top K or --all, not both"));
  if (a.group && (a.focus || a.overview))
    return cm_cli_usage_error("render", _("--group draws one group: leave out --focus and "
                                          "--overview"));
  if (a.overview && a.focus)
    return cm_cli_usage_error("render", _("--overview draws the whole template: leave out "
                                          "--focus"));
  if (a.depth && !a.focus)
    return cm_cli_usage_error("render", _("--depth counts steps upstream of --focus ID"));
  guint64 top = 0;
  if (a.top && !g_ascii_string_to_unsigned(a.top, 10, 1, 1000, &top, NULL))
    return cm_cli_usage_error("render", _("bad --top '%s': expected a whole number from 1 to 1000"),
                              a.top);
  if (a.font && !a.font[0])
    return cm_cli_usage_error("render", _("--font needs a font family name"));
  style.slide = a.slide;
  style.font = a.font;
  g_auto(CmCliCompare) cmp = {0};
  if (a.compare) {
    if (r.network || a.focus || a.top || a.all)
      return cm_cli_usage_error("render", _("--compare draws the chain view, not the network"));
    if (a.group || a.overview)
      return cm_cli_usage_error("render", _("--compare draws the whole template: leave out "
                                            "--group and --overview"));
    if ((rc = cm_cli_compare_parse(&cmp, &a.args, a.regions, "render")) != CM_EXIT_OK)
      return rc;
  } else if (a.regions) {
    return cm_cli_usage_error("render", _("--region goes with --compare (the map of a "
                                          "comparison); the dataset's region is in its ini"));
  }
  r.net.top = (guint)top;
  r.net.all = a.all;
  r.network |= a.top || a.all;
  r.chain.group = a.group;
  if (a.overview)
    r.chain.scope = CM_CHAIN_OVERVIEW;

  g_autoptr(CmDataset) ds = cm_cli_load(argv[1]);
  if (!ds)
    return CM_EXIT_INVALID;
  if (a.compare) {
    cm_cli_compare_base(&cmp, ds);
    return draw_change(ds, &cmp, &style, a.args.output);
  }
  CmAnalysisOptions options;
  if (!cm_cli_analysis_options(&a.args, ds, "render", &options))
    return CM_EXIT_USAGE;
  if ((rc = resolve_focus(ds, &a, &r)) != CM_EXIT_OK)
    return rc;
  guint64 depth = r.network ? DEFAULT_DEPTH : 1;
  if (a.depth && !g_ascii_string_to_unsigned(a.depth, 10, 1, 1000, &depth, NULL))
    return cm_cli_usage_error(
        "render", _("bad --depth '%s': expected a whole number from 1 to 1000"), a.depth);
  r.depth = (guint)depth;
  r.chain.depth = (guint)depth;
  return draw(ds, &options, &r, &style, a.args.output);
}
