/* The chain view as DOT (render/chain_map.c), read back with cgraph, on the hand-made fixture
 * tests/data/render/basic.
 *
 * Statuses worked out by hand (min_producers 2, min_coverage 0.5, scenario operating):
 *   local counted producers: cell {lead}, cathode {cat1, cat2}, ev {ev1} (ev2 is only signed)
 *   cathode: 2 producers; local demand 30+10+20+5 = 65, local supplied 30+10+5 = 45,
 *            coverage 45/65 = 0.69 >= 0.5                                   -> strong
 *   cell:    1 producer < 2                                                 -> weak
 *   ev:      1 producer < 2                                                 -> weak
 *   foil:    no producer, foil -> cell and cell is made locally             -> gap
 *   salt:    no producer, salt -> cathode                                   -> gap
 *   ore:     no producer, ore -> salt -> cathode: a path to P, not an input -> frontier
 *   ship:    no producer, cell -> ship                                      -> frontier
 *   tail:    no edge at all                                                 -> absent
 * Edge purchases (what local producers of the head buy of the tail):
 *   cathode->cell 65, cell->ev 50, foil->cell 15, salt->cathode 8, ore->salt 0, cell->ship 0. */
#include "chainmap_svg.h"
#include "cm_loader.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <graphviz/gvc.h>
#include <string.h>

typedef struct {
  const char *id;
  const char *status;
} Expected;

static const Expected expected[] = {
    {"ore", "frontier"}, {"salt", "gap"}, {"cathode", "strong"}, {"foil", "gap"},
    {"cell", "weak"},    {"ev", "weak"},  {"ship", "frontier"},  {"tail", "absent"},
};

static Agraph_t *
basic_dot(void)
{
  g_autoptr(GBytes) dot = cm_test_map("render/basic", CM_MAP_DOT, FALSE, NULL, 0);
  return cm_test_read_dot(dot);
}

Test(chainmap_dot, one_node_per_segment_named_by_id_with_its_status)
{
  Agraph_t *g = basic_dot();
  cr_expect_eq(agnnodes(g), (int)G_N_ELEMENTS(expected));
  for (guint i = 0; i < G_N_ELEMENTS(expected); i++) {
    Agnode_t *n = agnode(g, (char *)expected[i].id, 0);
    cr_assert(n != NULL, "no node %s", expected[i].id);
    cr_expect_str_eq(agget(n, "status"), expected[i].status, "status of %s", expected[i].id);
  }
  agclose(g);
}

static gboolean
in_cluster(Agraph_t *g, const char *cluster, const char *node)
{
  Agraph_t *sub = agsubg(g, (char *)cluster, 0);
  cr_assert(sub != NULL, "no subgraph %s", cluster);
  return agsubnode(sub, agnode(g, (char *)node, 0), 0) != NULL;
}

/* The sub-cluster of parent whose label mentions group. */
static Agraph_t *
group_cluster(Agraph_t *parent, const char *group)
{
  for (Agraph_t *sub = agfstsubg(parent); sub; sub = agnxtsubg(sub))
    if (g_str_has_prefix(agnameof(sub), "cluster_") && strstr(agget(sub, "label"), group))
      return sub;
  return NULL;
}

Test(chainmap_dot, tiers_are_clusters_and_groups_are_sub_clusters)
{
  Agraph_t *g = basic_dot();
  cr_expect(in_cluster(g, "cluster_upstream", "ore"));
  cr_expect(in_cluster(g, "cluster_upstream", "salt"));
  cr_expect(in_cluster(g, "cluster_upstream", "tail"));
  cr_expect(in_cluster(g, "cluster_midstream", "cathode"));
  cr_expect(in_cluster(g, "cluster_midstream", "cell"));
  cr_expect(in_cluster(g, "cluster_downstream", "ev"));
  cr_expect(in_cluster(g, "cluster_downstream", "ship"));
  cr_expect(!in_cluster(g, "cluster_upstream", "cell"));
  cr_expect(!in_cluster(g, "cluster_midstream", "ev"));

  Agraph_t *materials = group_cluster(agsubg(g, "cluster_midstream", 0), "Materials 材料");
  cr_assert(materials != NULL, "no sub-cluster for the group Materials");
  cr_expect(agsubnode(materials, agnode(g, "cathode", 0), 0) != NULL);
  cr_expect(agsubnode(materials, agnode(g, "foil", 0), 0) != NULL);
  cr_expect(agsubnode(materials, agnode(g, "cell", 0), 0) == NULL, "cell has no group");
  Agraph_t *resources = group_cluster(agsubg(g, "cluster_upstream", 0), "Resources 资源");
  cr_assert(resources != NULL);
  cr_expect(agsubnode(resources, agnode(g, "ore", 0), 0) != NULL);
  cr_expect(agsubnode(resources, agnode(g, "salt", 0), 0) == NULL);
  agclose(g);
}

static double
penwidth(Agraph_t *g, const char *tail, const char *head)
{
  Agedge_t *e = agedge(g, agnode(g, (char *)tail, 0), agnode(g, (char *)head, 0), NULL, 0);
  cr_assert(e != NULL, "no edge %s -> %s", tail, head);
  return g_ascii_strtod(agget(e, "penwidth"), NULL);
}

Test(chainmap_dot, template_edges_are_as_wide_as_their_purchases)
{
  Agraph_t *g = basic_dot();
  cr_expect_eq(agnedges(g), 6);
  /* 65 > 50 > 15 > 8 > 0 = 0, from the header comment */
  cr_expect_gt(penwidth(g, "cathode", "cell"), penwidth(g, "cell", "ev"));
  cr_expect_gt(penwidth(g, "cell", "ev"), penwidth(g, "foil", "cell"));
  cr_expect_gt(penwidth(g, "foil", "cell"), penwidth(g, "salt", "cathode"));
  cr_expect_gt(penwidth(g, "salt", "cathode"), penwidth(g, "ore", "salt"));
  cr_expect_float_eq(penwidth(g, "ore", "salt"), penwidth(g, "cell", "ship"), 1e-9);
  agclose(g);
}

Test(chainmap_dot, nodes_name_leading_producers_and_mark_leaders)
{
  Agraph_t *g = basic_dot();
  const char *cell = agget(agnode(g, "cell", 0), "label");
  cr_expect(strstr(cell, "\xe2\x98\x85</FONT> 龙头电池 Lead Battery") != NULL, "%s", cell);
  cr_expect(strstr(cell, "1 local producer,") != NULL, "%s", cell);
  const char *cathode = agget(agnode(g, "cathode", 0), "label");
  cr_expect(strstr(cathode, "2 local producers") != NULL);
  /* cat1 (output 50) before cat2 (30) */
  const char *one = strstr(cathode, "正极一 Cathode One"),
             *two = strstr(cathode, "正极二 Cathode Two");
  cr_expect(one && two && one < two, "%s", cathode);
  /* numbers as the reports write them: one decimal, thousands separators */
  cr_expect(strstr(cathode, "coverage 69.2%") != NULL, "45/65 = 69.23%%: %s", cathode);
  cr_expect(strstr(cathode, "leakage 20.0") != NULL, "65 - 45 = 20: %s", cathode);
  const char *ev = agget(agnode(g, "ev", 0), "label");
  cr_expect(strstr(ev, "EV Two") == NULL, "a signed project is not counted: %s", ev);
  agclose(g);
}

Test(chainmap_dot, title_names_dataset_scenario_and_leaders_procurement)
{
  Agraph_t *g = basic_dot();
  const char *title = agget(g, "label");
  cr_expect(strstr(title, "测试链 Test chain") != NULL);
  cr_expect(strstr(title, "scenario operating") != NULL);
  cr_expect(strstr(title, "2024-05-01") != NULL);
  /* lead buys cathode 65 (45 local) and foil 15: 45 / 80 = 56.25%, written as the procurement
   * report writes it: one decimal, the tie to even (56.2%) */
  cr_expect(strstr(title, "<B>56.2%</B>") != NULL, "%s", title);
  agclose(g);
}

Test(chainmap_dot, scenario_counts_signed_projects_when_asked)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("render/basic", &diags);
  cm_diagnostics_free(diags);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  options.scenario = CM_SCENARIO_ALL;
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  g_autoptr(GBytes) dot = cm_chainmap_render(ds, &options, &style, NULL);
  cr_assert(dot != NULL);
  Agraph_t *g = cm_test_read_dot(dot);
  /* ev1 and ev2 now both count: 2 producers, no local demand -> strong */
  cr_expect_str_eq(agget(agnode(g, "ev", 0), "status"), "strong");
  agclose(g);
}

Test(chainmap_dot, font_option_reaches_every_text)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("render/basic", &diags);
  cm_diagnostics_free(diags);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  style.font = "Noto Serif CJK SC";
  g_autoptr(GBytes) dot = cm_chainmap_render(ds, &options, &style, NULL);
  Agraph_t *g = cm_test_read_dot(dot);
  cr_expect_str_eq(agget(g, "fontname"), "Noto Serif CJK SC");
  cr_expect_str_eq(agget(agnode(g, "cell", 0), "fontname"), "Noto Serif CJK SC");
  agclose(g);
}

Test(chainmap_dot, unlaid_dot_lays_out_again)
{
  Agraph_t *g = basic_dot();
  GVC_t *gvc = gvContext();
  cr_expect_eq(gvLayout(gvc, g, "dot"), 0, "the DOT we write must be drawable by dot");
  gvFreeLayout(gvc, g);
  agclose(g);
  gvFreeContext(gvc);
}
