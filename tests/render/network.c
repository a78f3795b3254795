/* The supply network (graph/network.c) and the network view (render/network_map.c).
 *
 * tests/data/render/basic, counted rows (scenario operating), supplier -> buyer:
 *   cat1 -> lead (cathode, 30 in 2024 + 5 in 2023), cat2 -> lead (cathode 10),
 *   out-cat -> lead (cathode 20), out-foil -> lead (foil 15), out-salt -> cat1 (salt 8),
 *   lead -> ev1 (cell 50), ev1 -> out-salt (ev 3)            <- closes a cycle
 * Supply steps up to lead: lead 0; cat1, cat2, out-cat, out-foil 1; out-salt 2
 * (out-salt -> cat1 -> lead); ev1 3 (ev1 -> out-salt -> cat1 -> lead); ev2 none (no rows). */
#include "chainmap_svg.h"
#include "cm_network.h"
#include "cm_output.h"
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

static guint32
ent(const CmDataset *ds, const char *id)
{
  gint64 i = cm_dataset_find_enterprise(ds, id);
  cr_assert(i >= 0, "no enterprise %s", id);
  return (guint32)i;
}

static gint
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids of a set of enterprise indices, sorted and joined with spaces. */
static char *
ids_of(const CmDataset *ds, const GArray *set)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new();
  for (guint i = 0; i < set->len; i++)
    g_ptr_array_add(ids, (gpointer)cm_dataset_enterprise(ds, g_array_index(set, guint32, i))->id);
  g_ptr_array_sort(ids, compare_strings);
  g_ptr_array_add(ids, NULL);
  return g_strjoinv(" ", (char **)ids->pdata);
}

Test(network, focus_keeps_what_lies_within_k_supply_steps_upstream)
{
  g_autoptr(CmDataset) ds = load_basic();
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(CmNetwork) net = cm_network_new(ds, &options, NULL);
  cr_assert(net != NULL);
  static const struct {
    const char *focus;
    guint depth;
    const char *want; /* from the header comment, sorted */
  } cases[] = {
      {"lead", 1, "cat1 cat2 lead out-cat out-foil"},
      {"lead", 2, "cat1 cat2 lead out-cat out-foil out-salt"},
      {"lead", 3, "cat1 cat2 ev1 lead out-cat out-foil out-salt"},
      {"ev1", 1, "ev1 lead"},
      {"cat1", 2, "cat1 ev1 out-salt"},
      {"out-foil", 4, "out-foil"},
      {"ev2", 2, "ev2"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autoptr(GArray) set = cm_network_upstream(net, ent(ds, cases[i].focus), cases[i].depth, NULL);
    cr_assert(set != NULL);
    g_autofree char *got = ids_of(ds, set);
    cr_expect_str_eq(got, cases[i].want, "%s depth %u", cases[i].focus, cases[i].depth);
  }
  g_autofree gint *dist = cm_network_upstream_distances(net, ent(ds, "lead"), NULL);
  cr_expect_eq(dist[ent(ds, "ev1")], 3);
  cr_expect_eq(dist[ent(ds, "out-salt")], 2);
  cr_expect_eq(dist[ent(ds, "ev2")], -1);
}

Test(network, flows_sum_years_and_materials_split_local_from_outside)
{
  g_autoptr(CmDataset) ds = load_basic();
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(CmNetwork) net = cm_network_new(ds, &options, NULL);
  cr_expect_eq(net->flows->len, 7, "8 rows, the two cat1 -> lead rows merged");
  gboolean seen = FALSE;
  for (guint i = 0; i < net->flows->len; i++) {
    const CmFlow *f = &g_array_index(net->flows, CmFlow, i);
    if (f->supplier == ent(ds, "cat1") && f->buyer == ent(ds, "lead")) {
      cr_expect_float_eq(f->value, 35.0, 1e-9, "30 + 5");
      seen = TRUE;
    }
  }
  cr_expect(seen);
  guint32 cathode = (guint32)cm_dataset_find_segment(ds, "cathode");
  seen = FALSE;
  for (guint i = 0; i < net->materials->len; i++) {
    const CmMaterial *m = &g_array_index(net->materials, CmMaterial, i);
    if (m->buyer == ent(ds, "lead") && m->segment == cathode) {
      cr_expect_float_eq(m->total, 65.0, 1e-9, "35 + 10 + 20");
      cr_expect_float_eq(m->local, 45.0, 1e-9, "35 + 10");
      cr_expect_eq(m->suppliers, 3);
      seen = TRUE;
    }
  }
  cr_expect(seen);

  options.by_year = TRUE;
  options.year = 2023;
  g_autoptr(CmNetwork) y2023 = cm_network_new(ds, &options, NULL);
  cr_assert_eq(y2023->flows->len, 1, "only cat1 -> lead cathode 5 is of 2023");
  cr_expect_float_eq(g_array_index(y2023->flows, CmFlow, 0).value, 5.0, 1e-9);
}

static double
edge_value(const CmDataset *ds, const GArray *edges, const char *from, const char *to,
           double *local)
{
  gint64 u = cm_dataset_find_segment(ds, from), v = cm_dataset_find_segment(ds, to);
  for (guint i = 0; i < edges->len; i++) {
    const CmEdgeFlow *e = &g_array_index(edges, CmEdgeFlow, i);
    if (e->input == (guint32)u && e->segment == (guint32)v) {
      if (local)
        *local = e->local;
      return e->value;
    }
  }
  cr_assert_fail("no template edge %s -> %s", from, to);
  return -1;
}

Test(network, template_edges_carry_what_producers_of_the_head_buy_of_the_tail)
{
  g_autoptr(CmDataset) ds = load_basic();
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(GArray) edges = cm_network_edge_flows(ds, &options);
  cr_expect_eq(edges->len, 6);
  double local = -1;
  cr_expect_float_eq(edge_value(ds, edges, "cathode", "cell", &local), 65.0, 1e-9);
  cr_expect_float_eq(local, 45.0, 1e-9);
  cr_expect_float_eq(edge_value(ds, edges, "foil", "cell", &local), 15.0, 1e-9);
  cr_expect_float_eq(local, 0.0, 1e-9);
  cr_expect_float_eq(edge_value(ds, edges, "salt", "cathode", NULL), 8.0, 1e-9);
  cr_expect_float_eq(edge_value(ds, edges, "cell", "ev", &local), 50.0, 1e-9);
  cr_expect_float_eq(local, 50.0, 1e-9, "lead is local");
  cr_expect_float_eq(edge_value(ds, edges, "cell", "ship", NULL), 0.0, 1e-9);
  /* ev1 -> out-salt (ev 3): the buyer is outside, so on no edge */
}

Test(network, a_purchase_is_split_among_the_consumers_the_buyer_makes)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      "[dataset]\nname=split\nregion=Here\nunit=u\n",
      "id,tier,inputs\na,upstream,\nb,midstream,a\nc,midstream,a\nd,downstream,\n",
      "id,region,segments\nx,Here,b;c\ny,There,a\nz,Here,d\n",
      "supplier,buyer,segment,value\ny,x,a,10\ny,z,a,4\n", &diags);
  g_autofree char *dump = cm_test_dump_diags(diags);
  cm_diagnostics_free(diags);
  cr_assert(ds != NULL, "%s", dump);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(GArray) edges = cm_network_edge_flows(ds, &options);
  /* x makes b and c, both take a: 10 / 2 each. z makes no consumer of a: its 4 is on no edge. */
  cr_expect_float_eq(edge_value(ds, edges, "a", "b", NULL), 5.0, 1e-9);
  cr_expect_float_eq(edge_value(ds, edges, "a", "c", NULL), 5.0, 1e-9);
}

/* Enterprise and material nodes of a network DOT, as "kind:name" sorted and joined. */
static char *
network_nodes(GBytes *dot)
{
  Agraph_t *g = cm_test_read_dot(dot);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
    g_ptr_array_add(names, g_strdup_printf("%s:%s", agget(n, "kind"), agnameof(n)));
  agclose(g);
  g_ptr_array_sort(names, compare_strings);
  g_ptr_array_add(names, NULL);
  return g_strjoinv(" ", (char **)names->pdata);
}

Test(network_map, focus_draws_supplier_material_buyer_within_depth)
{
  /* depth 1: rows bought by lead only; its suppliers, and one material per segment it buys */
  g_autoptr(GBytes) one = cm_test_map("render/basic", CM_MAP_DOT, FALSE, "lead", 1);
  g_autofree char *got = network_nodes(one);
  cr_expect_str_eq(got, "local:cat1 local:cat2 local:lead material:cathode@lead material:foil@lead "
                        "outside:out-cat outside:out-foil");
  /* depth 2 adds what cat1 buys (salt from out-salt); ev1 buys from lead but lies downstream */
  g_autoptr(GBytes) two = cm_test_map("render/basic", CM_MAP_DOT, FALSE, "lead", 2);
  g_autofree char *got2 = network_nodes(two);
  cr_expect_str_eq(got2, "local:cat1 local:cat2 local:lead material:cathode@lead "
                         "material:foil@lead material:salt@cat1 outside:out-cat outside:out-foil "
                         "outside:out-salt");
  Agraph_t *g = cm_test_read_dot(two);
  cr_expect_eq(agnedges(g), 3 + 1 + 1 + 3,
               "cathode: 3 in 1 out; foil: 1 in 1 out; salt: 1 in 1 out");
  const char *cathode = agget(agnode(g, "cathode@lead", 0), "label");
  cr_expect(strstr(cathode, "local 69.2% of 65.0") != NULL, "45/65 = 69.23%%: %s", cathode);
  const char *lead = agget(agnode(g, "lead", 0), "label");
  cr_expect(strstr(lead, "\xe2\x98\x85") != NULL, "leader marked: %s", lead);
  agclose(g);
}

Test(network_map, whole_network_without_focus)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("render/basic", &diags);
  cm_diagnostics_free(diags);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  g_autoptr(GBytes) net = cm_network_map_render(ds, &options, -1, 0, &style, NULL);
  cr_assert(net != NULL);
  Agraph_t *g = cm_test_read_dot(net);
  /* 7 enterprises with rows (not ev2) + 5 materials: cathode@lead foil@lead salt@cat1 cell@ev1
   * ev@out-salt */
  cr_expect_eq(agnnodes(g), 7 + 5);
  agclose(g);
}

/* A chain of n enterprises e0 -> e1 -> ... : n enterprises and n - 1 materials. */
static CmDataset *
long_chain(guint n)
{
  GString *ent = g_string_new("id,region,segments\n");
  GString *sup = g_string_new("supplier,buyer,value\n");
  for (guint i = 0; i < n; i++) {
    g_string_append_printf(ent, "e%u,Here,s\n", i);
    if (i + 1 < n)
      g_string_append_printf(sup, "e%u,e%u,1\n", i, i + 1);
  }
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load_text("[dataset]\nname=long\nregion=Here\nunit=u\n",
                                    "id,tier\ns,midstream\n", ent->str, sup->str, &diags);
  cm_diagnostics_free(diags);
  g_string_free(ent, TRUE);
  g_string_free(sup, TRUE);
  cr_assert(ds != NULL);
  return ds;
}

Test(network_map, whole_network_is_summarised_and_all_past_400_nodes_refused)
{
  g_autoptr(CmDataset) ds = long_chain(1000); /* 1000 + 999 = 1999 nodes */
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  g_autoptr(GError) err = NULL;
  /* every buyer buys 1 from one supplier: buyers by total (all 1), then file order: e1 draws
   * e1 and e0, each next buyer adds itself (its supplier is drawn): 50 enterprises at most */
  g_autoptr(GBytes) summary = cm_network_map_render(ds, &options, -1, 0, &style, &err);
  cr_assert(summary != NULL, "%s", err ? err->message : "");
  Agraph_t *g = cm_test_read_dot(summary);
  guint enterprises = 0;
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
    enterprises += strcmp(agget(n, "kind"), "local") == 0;
  cr_expect_eq(enterprises, 50);
  cr_expect(strstr(agget(g, "label"), "smaller buyers not drawn") != NULL);
  agclose(g);
  CmNetworkMapOptions all;
  cm_network_map_options_init(&all);
  all.all = TRUE;
  GBytes *out[CM_MAP_FORMAT_COUNT];
  cr_expect(!cm_network_map_draw(ds, &options, -1, 1, &all, &style, 1u << CM_MAP_DOT, out, &err));
  cr_expect(g_error_matches(err, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID));
  cr_expect(err && strstr(err->message, "1999 nodes") && strstr(err->message, "leave out --all") &&
                !strstr(err->message, "--depth"),
            "%s", err ? err->message : "");
  g_clear_error(&err);
  /* e999 and 3 steps up: e996..e999 and the 3 materials they buy = 7 nodes */
  g_autoptr(GBytes) part =
      cm_network_map_render(ds, &options, cm_dataset_find_enterprise(ds, "e999"), 3, &style, &err);
  cr_assert(part != NULL, "%s", err ? err->message : "");
  g = cm_test_read_dot(part);
  cr_expect_eq(agnnodes(g), 7);
  agclose(g);
}

/* The attribute single_source of a node, or "" when it has none. */
static const char *
single_source_of(Agraph_t *g, const char *name)
{
  Agnode_t *n = agnode(g, (char *)name, 0);
  cr_assert(n != NULL, "no node %s", name);
  const char *v = agget(n, "single_source");
  return v ? v : "";
}

Test(network_map, leader_inputs_from_a_single_supplier_are_marked)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("render/basic", &diags);
  cm_diagnostics_free(diags);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  g_autoptr(GBytes) net = cm_network_map_render(ds, &options, -1, 0, &style, NULL);
  cr_assert(net != NULL);
  gsize len = 0;
  const char *text = g_bytes_get_data(net, &len);
  g_autofree char *dot = g_strndup(text, len);
  Agraph_t *g = cm_test_read_dot(net);
  /* lead (the leader) buys foil from out-foil alone, cathode from cat1, cat2 and out-cat;
   * ev1 buys cell from lead alone, but ev1 is no leader */
  cr_expect_str_eq(single_source_of(g, "foil@lead"), "true");
  cr_expect_str_eq(single_source_of(g, "cathode@lead"), "");
  cr_expect_str_eq(single_source_of(g, "cell@ev1"), "");
  cr_expect_str_eq(agget(agnode(g, "foil@lead", 0), "peripheries"), "2");
  /* the legend explains the marker */
  cr_expect(strstr(dot, "single supplier") != NULL);
  agclose(g);
}
