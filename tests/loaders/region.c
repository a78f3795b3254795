/* The locality rule of SPEC section 1 (graph/region.c), used by the loader to mark local
 * enterprises. */
#include "cm_region.h"
#include "loaders_test.h"

#include <criterion/parameterized.h>

typedef struct {
  char region[48];
  char study[48];
  gboolean local;
} RegionCase;

ParameterizedTestParameters(region, is_local)
{
  static RegionCase cases[] = {
      {"Fujian/Ningde", "Fujian/Ningde", TRUE},            /* equal */
      {"Fujian/Ningde/Fu'an", "Fujian/Ningde", TRUE},      /* child */
      {"Fujian/Ningde/Fu'an/Town", "Fujian/Ningde", TRUE}, /* grandchild */
      {"Fujian/Ningdex", "Fujian/Ningde", FALSE},          /* text prefix only */
      {"Fujian/Ningde", "Fujian/Ningde/Fu'an", FALSE},     /* parent of the study region */
      {"Fujian", "Fujian/Ningde", FALSE},
      {"Fujian/Xiamen", "Fujian/Ningde", FALSE},
      {"Fujian / Ningde / Jiaocheng", "Fujian/Ningde", TRUE}, /* spaces around '/' */
      {"Fujian/Ningde", " Fujian /  Ningde ", TRUE},
      {"Fujian/ Ningde x", "Fujian/Ningde", FALSE},
      {"Fujian/Ningde/", "Fujian/Ningde", TRUE}, /* a trailing '/' is no level */
      {"Fujian/Ningde/Fu'an", "Fujian/Ningde/", TRUE},
      {"Fujian/Ningde", "/Fujian/Ningde", TRUE},
      {"Fujian//Ningde", "Fujian/Ningde", TRUE},
      {"福建/宁德/福安", "福建/宁德", TRUE},
      {"福建/宁德市", "福建/宁德", FALSE},
      {"fujian/ningde", "Fujian/Ningde", FALSE}, /* compared as text: case matters */
      {"", "Fujian/Ningde", FALSE},
      {"Fujian/Ningde", "", FALSE}, /* an empty study region holds nothing */
      {"", "", FALSE},
      {"Fujian", "/", FALSE},
  };
  return cr_make_param_array(RegionCase, cases, G_N_ELEMENTS(cases));
}

ParameterizedTest(RegionCase *c, region, is_local)
{
  cr_assert_eq(cm_region_is_local(c->region, c->study), c->local, "'%s' in '%s': expected %s",
               c->region, c->study, c->local ? "local" : "not local");
}

Test(region, normalize_trims_levels_and_drops_empty_ones)
{
  static const char *const cases[][2] = {
      {" Fujian /  Ningde ", "Fujian/Ningde"},
      {"Fujian/Ningde/", "Fujian/Ningde"},
      {"/Fujian//Ningde", "Fujian/Ningde"},
      {"福建 / 宁德", "福建/宁德"},
      {"Beijing", "Beijing"},
      {"", ""},
      {" / ", ""},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *n = cm_region_normalize(cases[i][0]);
    cr_assert_str_eq(n, cases[i][1], "'%s'", cases[i][0]);
  }
}

Test(region, loader_marks_local_enterprises_by_the_study_region)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text("[dataset]\nregion=Fujian / Ningde/\n", "id,tier\ns,upstream\n",
                        "id,region,segments\n"
                        "a,Fujian/Ningde,s\n"
                        "b,Fujian/Ningde/Fu'an,s\n"
                        "c,Fujian/Ningdex,s\n"
                        "d, Fujian / Ningde / Jiaocheng ,s\n"
                        "e,Fujian,s\n",
                        NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(ds->region, "Fujian/Ningde");
  static const gboolean expected[] = {TRUE, TRUE, FALSE, TRUE, FALSE};
  for (guint i = 0; i < G_N_ELEMENTS(expected); i++)
    cr_assert_eq(cm_dataset_enterprise(ds, i)->local, expected[i], "%s",
                 cm_dataset_enterprise(ds, i)->region);
}

Test(region, study_region_of_only_slashes_is_missing)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text("[dataset]\nregion= / \n", MINI_SEGMENTS, MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 2, "missing study region");
}
