/* The chain map of a change (render --compare), read back as DOT, on the tiny dataset of
 * report_fixture.h: region R against R/A (worked out there and in report_compare.c): under R/A
 * cell turns strong -> weak and pack weak -> frontier; nothing else changes. */
#include "chainmap_svg.h"
#include "cm_chainmap_change.h"
#include "cm_compare.h"
#include "report_fixture.h"

#include <criterion/criterion.h>
#include <graphviz/gvc.h>
#include <string.h>

static GBytes *
change_map(const CmDataset *ds, CmMapFormat format, gboolean same)
{
  CmAnalysisOptions base;
  cm_analysis_options_init(&base, ds);
  CmCompareSetting s[2] = {{.region = "R"}, {.region = same ? "R" : "R/A"}};
  g_autoptr(GError) err = NULL;
  g_autoptr(CmCompare) c = cm_compare_compute(ds, &base, NULL, CM_COMPARE_BY_REGION, s, 2, &err);
  cr_assert_not_null(c);
  CmSegmentStatus previous[7];
  for (guint k = 0; k < 7; k++)
    previous[k] = c->columns[0].gaps->segments[k].status;
  CmChainChange change = {previous, c->columns[0].label, c->columns[1].label};
  CmMapStyle style;
  cm_map_style_init(&style, format);
  style.date = "2026-01-01";
  GBytes *map = cm_chainmap_render_change(ds, &c->columns[1].options, &change, &style, &err);
  cr_assert_not_null(map, "%s", err ? err->message : "");
  return map;
}

Test(chain_map_change, changed_segments_carry_their_previous_status)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GBytes) dot = change_map(ds, CM_MAP_DOT, FALSE);
  Agraph_t *g = cm_test_read_dot(dot);
  static const struct {
    const char *id, *status, *previous; /* previous NULL: unchanged, no mark */
  } want[] = {{"cell", "weak", "strong"}, {"pack", "frontier", "weak"}, {"salt", "gap", NULL},
              {"sep", "gap", NULL},       {"ore", "frontier", NULL},    {"ship", "frontier", NULL},
              {"misc", "absent", NULL}};
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    Agnode_t *n = agnode(g, (char *)want[i].id, 0);
    cr_assert_not_null(n, "no node %s", want[i].id);
    cr_expect_str_eq(agget(n, "status"), want[i].status, "%s", want[i].id);
    const char *prev = agget(n, "previous_status");
    if (want[i].previous)
      cr_expect_str_eq(prev, want[i].previous, "%s", want[i].id);
    else
      cr_expect(prev == NULL || prev[0] == '\0', "%s marked as %s", want[i].id, prev);
  }
  /* the title's legend names the two settings */
  const char *label = agget(g, "label");
  cr_expect(strstr(label, "2 segments changed status: R/A against R"), "%s", label);
  agclose(g);
}

Test(chain_map_change, nothing_is_marked_when_nothing_changed)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GBytes) dot = change_map(ds, CM_MAP_DOT, TRUE);
  gsize len = 0;
  const char *text = g_bytes_get_data(dot, &len);
  g_autofree char *copy = g_strndup(text, len);
  cr_expect_null(strstr(copy, "previous_status=\""), "%s", copy);
  cr_expect(strstr(copy, "0 segments changed status"));
}

Test(chain_map_change, svg_shows_the_mark_on_changed_nodes)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GBytes) svg = change_map(ds, CM_MAP_SVG, FALSE);
  gsize len = 0;
  const char *data = g_bytes_get_data(svg, &len);
  g_autofree char *text = g_strndup(data, len);
  guint marks = 0;
  for (const char *p = text; (p = strstr(p, "◆ was ")); p++)
    marks++;
  cr_expect_eq(marks, 2, "badges: %u", marks);
  cr_expect(strstr(text, "◆ was strong"));
  cr_expect(strstr(text, "◆ was weak"));
}
