/* The chain map's title block survives a dataset without a name (fuzzing finding: an empty
 * <B></B> made Graphviz drop the whole title). */
#include "cm_analysis.h"
#include "cm_chainmap.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <graphviz/cgraph.h>
#include <string.h>

Test(chainmap_title, dataset_without_name_gets_a_generic_title)
{
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load_text("[dataset]\nregion=R\n", "id,tier\na,upstream\n",
                                    "id,region,segments\ne,R,a\n", NULL, &diags);
  cr_assert_not_null(ds);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_DOT);
  GError *error = NULL;
  GBytes *dot = cm_chainmap_render(ds, &options, &style, &error);
  cr_assert_not_null(dot, "%s", error ? error->message : "");
  gsize len = 0;
  const char *data = g_bytes_get_data(dot, &len);
  g_autofree char *text = g_strndup(data, len);
  Agraph_t *g = agmemread(text);
  cr_assert_not_null(g, "the DOT reads back");
  char *label = agget(g, "label");
  cr_assert(label && aghtmlstr(label), "the title is an HTML-like label");
  cr_assert(strstr(label, "Industrial chain map") != NULL, "generic title in: %s", label);
  cr_assert(strstr(label, "<B></B>") == NULL);
  agclose(g);
  g_bytes_unref(dot);
  cm_dataset_free(ds);
  cm_diagnostics_free(diags);
  cm_graphviz_shutdown();
}
