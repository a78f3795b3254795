/* Every map closes its graph and frees its layout: LeakSanitizer cannot tell (Graphviz keeps its
 * graphs reachable, so a missing agclose() or gvFreeLayout() leaks nothing it can see), so
 * test_render is linked with --wrap for agopen, agclose, gvLayout and gvFreeLayout
 * (tests/CMakeLists.txt) and these wrappers count what render/ opens and frees. */
#include "cm_chainmap.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <graphviz/gvc.h>

Agraph_t *__real_agopen(char *name, Agdesc_t desc, Agdisc_t *disc);
int __real_agclose(Agraph_t *g);
int __real_gvLayout(GVC_t *gvc, graph_t *g, const char *engine);
int __real_gvFreeLayout(GVC_t *gvc, graph_t *g);

static int open_graphs, open_layouts;

Agraph_t *
__wrap_agopen(char *name, Agdesc_t desc, Agdisc_t *disc)
{
  Agraph_t *g = __real_agopen(name, desc, disc);
  open_graphs += g != NULL;
  return g;
}

int
__wrap_agclose(Agraph_t *g)
{
  open_graphs--;
  return __real_agclose(g);
}

int
__wrap_gvLayout(GVC_t *gvc, graph_t *g, const char *engine)
{
  int rc = __real_gvLayout(gvc, g, engine);
  open_layouts += rc == 0;
  return rc;
}

int
__wrap_gvFreeLayout(GVC_t *gvc, graph_t *g)
{
  open_layouts--;
  return __real_gvFreeLayout(gvc, g);
}

static void
assert_nothing_open(const char *what)
{
  cr_expect_eq(open_graphs, 0, "%s: %d graph(s) not closed", what, open_graphs);
  cr_expect_eq(open_layouts, 0, "%s: %d layout(s) not freed", what, open_layouts);
}

Test(graphviz_teardown, every_map_closes_its_graph_and_frees_its_layout)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("render/basic", &diags);
  cm_diagnostics_free(diags);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  static const CmMapFormat formats[] = {CM_MAP_DOT, CM_MAP_SVG, CM_MAP_PNG, CM_MAP_PDF};
  for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
    CmMapStyle style;
    cm_map_style_init(&style, formats[f]);
    style.slide = f % 2 == 1;
    g_autoptr(GBytes) chain = cm_chainmap_render(ds, &options, &style, NULL);
    cr_assert_not_null(chain);
    assert_nothing_open("chain view");
    g_autoptr(GBytes) network = cm_network_map_render(ds, &options, -1, 2, &style, NULL);
    cr_assert_not_null(network);
    assert_nothing_open("network view");
  }
  cr_expect_eq(open_graphs + open_layouts, 0);
}
