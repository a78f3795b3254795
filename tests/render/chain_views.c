/* Chain maps of large templates: the overview parts, the --group and --focus SEGMENT
 * selections (graph/template_view.c), and the maps drawn from them (render/chain_views.c).
 *
 * tests/data/render/basic, template order and statuses (see chain_map_dot.c):
 *   ore (group Resources 资源, frontier), salt (no group, upstream, gap), cathode (Materials 材料,
 *   strong, input salt), foil (Materials 材料, gap), cell (no group, midstream, weak, inputs
 *   cathode foil), ev (downstream, weak, input cell), ship (downstream, frontier, input cell),
 *   tail (upstream, no group, absent). */
#include "chainmap_svg.h"
#include "cm_chainmap_change.h"
#include "cm_output.h"
#include "cm_template_view.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <string.h>

static CmDataset *
load_basic(void)
{
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load("render/basic", &diags);
  cm_diagnostics_free(diags);
  cr_assert(ds != NULL);
  return ds;
}

/* "id=full id=stub ..." in template order, hidden ones left out. */
static char *
view_text(const CmDataset *ds, const CmSegmentView *view)
{
  GString *out = g_string_new(NULL);
  for (guint s = 0; s < cm_dataset_n_segments(ds); s++)
    if (view[s] != CM_VIEW_HIDDEN)
      g_string_append_printf(out, "%s%s=%s", out->len ? " " : "", cm_dataset_segment(ds, s)->id,
                             view[s] == CM_VIEW_FULL ? "full" : "stub");
  return g_string_free(out, FALSE);
}

Test(chain_views, parts_are_groups_then_a_tiers_ungrouped_segments_with_their_counts)
{
  g_autoptr(CmDataset) ds = load_basic();
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &options, NULL);
  g_autoptr(CmTemplateParts) parts = cm_template_parts_new(ds, gaps->segments);
  /* in order of first segment: Resources (ore), upstream (salt, tail), Materials (cathode,
   * foil), midstream (cell), downstream (ev, ship) */
  cr_assert_eq(parts->parts->len, 5);
  static const struct {
    const char *key;
    guint segments, strong, weak, gap, frontier, absent;
  } want[] = {
      {"Resources 资源", 1, 0, 0, 0, 1, 0}, {"upstream", 2, 0, 0, 1, 0, 1},
      {"Materials 材料", 2, 1, 0, 1, 0, 0}, {"midstream", 1, 0, 1, 0, 0, 0},
      {"downstream", 2, 0, 1, 0, 1, 0},
  };
  for (guint k = 0; k < 5; k++) {
    const CmTemplatePart *p = g_ptr_array_index(parts->parts, k);
    cr_expect_str_eq(p->key, want[k].key);
    cr_expect_eq(p->segments->len, want[k].segments, "%s", p->key);
    cr_expect_eq(p->count[CM_SEGMENT_STRONG], want[k].strong, "%s", p->key);
    cr_expect_eq(p->count[CM_SEGMENT_WEAK], want[k].weak, "%s", p->key);
    cr_expect_eq(p->count[CM_SEGMENT_GAP], want[k].gap, "%s", p->key);
    cr_expect_eq(p->count[CM_SEGMENT_FRONTIER], want[k].frontier, "%s", p->key);
    cr_expect_eq(p->count[CM_SEGMENT_ABSENT], want[k].absent, "%s", p->key);
  }
  /* links between parts: ore -> salt (Resources -> upstream), salt -> cathode (upstream ->
   * Materials), cathode, foil -> cell (Materials -> midstream, 2 edges), cell -> ev, ship
   * (midstream -> downstream, 2 edges) */
  cr_assert_eq(parts->edges->len, 4);
  guint edges[4] = {1, 1, 2, 2};
  for (guint i = 0; i < 4; i++)
    cr_expect_eq(g_array_index(parts->edges, CmTemplatePartEdge, i).edges, edges[i]);
  cr_expect_eq(cm_template_parts_find(parts, "Materials 材料"), 2);
  cr_expect_eq(cm_template_parts_find(parts, "Downstream"), 4, "tier words in any case");
  cr_expect_eq(cm_template_parts_find(parts, "nowhere"), -1);
}

Test(chain_views, group_selection_draws_its_segments_and_their_direct_neighbours_as_stubs)
{
  g_autoptr(CmDataset) ds = load_basic();
  g_autofree CmSegmentResult *none = g_new0(CmSegmentResult, cm_dataset_n_segments(ds));
  g_autoptr(CmTemplateParts) parts = cm_template_parts_new(ds, none);
  /* Materials: cathode and foil; salt feeds cathode, both feed cell */
  g_autofree CmSegmentView *m = cm_template_select_part(ds, parts, 2);
  g_autofree char *got = view_text(ds, m);
  cr_expect_str_eq(got, "salt=stub cathode=full foil=full cell=stub");
  /* the upstream tier's ungrouped segments: salt (ore feeds it, cathode takes it) and tail */
  g_autofree CmSegmentView *u = cm_template_select_part(ds, parts, 1);
  g_autofree char *up = view_text(ds, u);
  cr_expect_str_eq(up, "ore=stub salt=full cathode=stub tail=full");
}

Test(chain_views, focus_segment_selects_within_k_template_steps_either_way)
{
  g_autoptr(CmDataset) ds = load_basic();
  guint32 cell = (guint32)cm_dataset_find_segment(ds, "cell");
  /* 1 step: cathode, foil (inputs), ev, ship (outputs); salt one further is a stub */
  g_autofree CmSegmentView *one = cm_template_select_near(ds, cell, 1);
  g_autofree char *got1 = view_text(ds, one);
  cr_expect_str_eq(got1, "salt=stub cathode=full foil=full cell=full ev=full ship=full");
  g_autofree CmSegmentView *two = cm_template_select_near(ds, cell, 2);
  g_autofree char *got2 = view_text(ds, two);
  cr_expect_str_eq(got2, "ore=stub salt=full cathode=full foil=full cell=full ev=full ship=full");
}

static Agraph_t *
draw_dot(const CmDataset *ds, const CmChainMapOptions *chain)
{
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  style.date = "2024-05-01";
  GBytes *out[CM_MAP_FORMAT_COUNT];
  g_autoptr(GError) err = NULL;
  cr_assert(cm_chainmap_draw(ds, &options, chain, &style, 1u << CM_MAP_DOT, out, &err), "%s",
            err ? err->message : "");
  g_autoptr(GBytes) dot = out[CM_MAP_DOT];
  return cm_test_read_dot(dot);
}

static guint
count_kind(Agraph_t *g, const char *kind)
{
  guint n = 0;
  for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v)) {
    const char *k = agget(v, "kind");
    n += k && strcmp(k, kind) == 0;
  }
  return n;
}

Test(chain_views, group_map_and_overview_as_dot)
{
  g_autoptr(CmDataset) ds = load_basic();
  CmChainMapOptions chain;
  cm_chain_map_options_init(&chain);
  chain.group = "Materials 材料";
  Agraph_t *g = draw_dot(ds, &chain);
  cr_expect_eq(agnnodes(g), 4, "cathode, foil and the stubs salt, cell");
  cr_expect_eq(count_kind(g, "stub"), 2);
  cr_expect(strstr(agget(g, "label"), "Detail: group Materials 材料") != NULL);
  /* edges: salt -> cathode, cathode -> cell, foil -> cell */
  cr_expect_eq(agnedges(g), 3);
  agclose(g);
  cm_chain_map_options_init(&chain);
  chain.scope = CM_CHAIN_OVERVIEW;
  g = draw_dot(ds, &chain);
  cr_expect_eq(count_kind(g, "part"), 5);
  cr_expect_eq(agnedges(g), 4);
  agclose(g);
  /* a group that is not there is a usage error naming the groups there are */
  cm_chain_map_options_init(&chain);
  chain.group = "Nowhere";
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  GBytes *out[CM_MAP_FORMAT_COUNT];
  g_autoptr(GError) err = NULL;
  cr_expect(!cm_chainmap_draw(ds, &options, &chain, &style, 1u << CM_MAP_DOT, out, &err));
  cr_expect(g_error_matches(err, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID));
  cr_expect(err && strstr(err->message, "'Resources 资源'"), "%s", err ? err->message : "");
}

Test(chain_views, a_recycling_edge_is_two_short_arrows_with_markers)
{
  CmDiagnostics *diags = NULL;
  /* r (downstream) feeds a (upstream) back: a -> b -> r, and r -> a */
  g_autoptr(CmDataset) ds =
      cm_test_load_text("[dataset]\nname=c\nregion=Here\nunit=u\n",
                        "id,tier,inputs\na,upstream,r\nb,midstream,a\nr,downstream,b\n",
                        "id,region,segments\ne,Here,a\n", NULL, &diags);
  cr_assert(ds != NULL, "%s", cm_test_dump_diags(diags));
  cm_diagnostics_free(diags);
  Agraph_t *g = draw_dot(ds, NULL);
  cr_expect_eq(count_kind(g, "cycle"), 2, "a 'to a' marker after r, a 'from r' marker before a");
  cr_expect(agedge(g, agnode(g, "r", 0), agnode(g, "a", 0), NULL, 0) == NULL,
            "no arrow runs back across the map");
  cr_expect(agedge(g, agnode(g, "r", 0), agnode(g, "r->a", 0), NULL, 0) != NULL);
  cr_expect(agedge(g, agnode(g, "r<-a", 0), agnode(g, "a", 0), NULL, 0) != NULL);
  agclose(g);
}

/* A template of n segments in one chain, groups of 5: s0 -> s1 -> ... */
static CmDataset *
big_template(guint n, gboolean grouped)
{
  GString *seg = g_string_new("id,tier,group,inputs\n");
  for (guint i = 0; i < n; i++) {
    const char *tier = i < n / 3 ? "upstream" : i < 2 * n / 3 ? "midstream" : "downstream";
    g_string_append_printf(seg, "s%u,%s,", i, tier);
    if (grouped && i % 11 != 0) /* every 11th has no group: it goes with its tier */
      g_string_append_printf(seg, "G%u", i / 5);
    g_string_append_c(seg, ',');
    if (i > 0)
      g_string_append_printf(seg, "s%u", i - 1);
    g_string_append_c(seg, '\n');
  }
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load_text("[dataset]\nname=big\nregion=Here\nunit=u\n", seg->str,
                                    "id,region,segments\ne,Here,s0\n", NULL, &diags);
  cr_assert(ds != NULL, "%s", cm_test_dump_diags(diags));
  cm_diagnostics_free(diags);
  g_string_free(seg, TRUE);
  return ds;
}

Test(chain_views, over_60_segments_the_chain_map_is_the_overview)
{
  g_autoptr(CmDataset) small = big_template(60, TRUE);
  cr_expect_null(cm_chainmap_detail_groups(small), "60 fit one map");
  Agraph_t *g = draw_dot(small, NULL);
  cr_expect_eq(count_kind(g, "part"), 0);
  agclose(g);
  g_autoptr(CmDataset) ds = big_template(61, TRUE);
  g_auto(GStrv) groups = cm_chainmap_detail_groups(ds);
  cr_assert_not_null(groups);
  /* 61 segments: groups G0..G12 (s0..s60 by fives) with s0, s11, s22 (upstream), s33
   * (midstream), s44, s55 (downstream) taken out to their tiers: G0..G12 are 13 groups (G0
   * keeps s1..s4) plus 3 tiers = 16 parts */
  cr_expect_eq(g_strv_length(groups), 16);
  g = draw_dot(ds, NULL);
  cr_expect_eq(count_kind(g, "part"), 16);
  agclose(g);
}

Test(chain_views, every_segment_of_a_big_template_is_on_a_detail_map)
{
  g_autoptr(CmDataset) ds = big_template(346, TRUE);
  g_auto(GStrv) groups = cm_chainmap_detail_groups(ds);
  cr_assert_not_null(groups);
  guint n = cm_dataset_n_segments(ds);
  g_autofree guint *seen = g_new0(guint, n);
  for (guint k = 0; groups[k]; k++) {
    CmChainMapOptions chain;
    cm_chain_map_options_init(&chain);
    chain.group = groups[k];
    Agraph_t *g = draw_dot(ds, &chain);
    for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v)) {
      const char *kind = agget(v, "kind");
      gint64 s = cm_dataset_find_segment(ds, agnameof(v));
      if (s >= 0 && agget(v, "status")[0] && !(kind && strcmp(kind, "stub") == 0))
        seen[s]++;
    }
    agclose(g);
  }
  for (guint s = 0; s < n; s++)
    cr_expect_eq(seen[s], 1, "%s is on %u maps in full", cm_dataset_segment(ds, s)->id, seen[s]);
}

static void
png_size_of(const CmDataset *ds, const CmChainMapOptions *chain, gboolean slide, guint32 *w,
            guint32 *h, GBytes **svg)
{
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_PNG);
  style.slide = slide;
  style.date = "2024-05-01";
  GBytes *out[CM_MAP_FORMAT_COUNT];
  g_autoptr(GError) err = NULL;
  cr_assert(cm_chainmap_draw(ds, &options, chain, &style, (1u << CM_MAP_PNG) | (1u << CM_MAP_SVG),
                             out, &err),
            "%s", err ? err->message : "");
  cr_assert(out[CM_MAP_SVG] && out[CM_MAP_PNG], "one layout, both formats");
  cr_assert(cm_test_png_size(out[CM_MAP_PNG], w, h));
  g_bytes_unref(out[CM_MAP_PNG]);
  *svg = out[CM_MAP_SVG];
}

Test(chain_views, no_png_over_4096_px_and_slides_are_1920_by_1080)
{
  g_autoptr(CmDataset) ds = big_template(200, FALSE);
  CmChainMapOptions chain;
  cm_chain_map_options_init(&chain);
  chain.scope = CM_CHAIN_FULL; /* 200 segments on one map: far over 4096 px at full size */
  guint32 w = 0, h = 0;
  g_autoptr(GBytes) svg = NULL;
  png_size_of(ds, &chain, FALSE, &w, &h, &svg);
  cr_expect(w <= 4096 && h <= 4096, "%ux%u", w, h);
  cr_expect(w == 4096 || h == 4096, "shrunk to the bound, no further: %ux%u", w, h);
  g_autoptr(GBytes) slide_svg = NULL;
  png_size_of(ds, NULL, TRUE, &w, &h, &slide_svg);
  cr_expect(w == 1920 && h == 1080, "%ux%u", w, h);
}

Test(chain_views, the_same_map_twice_is_the_same_bytes)
{
  g_autoptr(CmDataset) ds = big_template(120, TRUE);
  guint32 w, h;
  g_autoptr(GBytes) a = NULL, b = NULL;
  png_size_of(ds, NULL, FALSE, &w, &h, &a);
  png_size_of(ds, NULL, FALSE, &w, &h, &b);
  cr_expect(g_bytes_equal(a, b));
}

Test(chain_views, an_overview_of_a_change_counts_the_changed_segments_per_part)
{
  g_autoptr(CmDataset) ds = load_basic();
  /* before: every segment absent; now only tail is absent: Resources (ore) 1 changed, the
   * upstream tier (salt; tail unchanged) 1, Materials (cathode, foil) 2 */
  CmSegmentStatus before[8];
  for (guint s = 0; s < 8; s++)
    before[s] = CM_SEGMENT_ABSENT;
  CmChainChange change = {before, "before", "now"};
  CmChainMapOptions chain;
  cm_chain_map_options_init(&chain);
  chain.scope = CM_CHAIN_OVERVIEW;
  chain.change = &change;
  Agraph_t *g = draw_dot(ds, &chain);
  const char *materials = agget(agnode(g, "Materials 材料", 0), "label");
  cr_expect(strstr(materials, "◆ 2 changed") != NULL, "%s", materials);
  const char *upstream = agget(agnode(g, "tier:upstream", 0), "label");
  cr_expect(strstr(upstream, "◆ 1 changed") != NULL, "%s", upstream);
  cr_expect(strstr(agget(g, "label"), "7 segments changed status") != NULL);
  agclose(g);
}
