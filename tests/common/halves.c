/* The two-thread dataset of halves.h. */
#include "halves.h"
#include "cm_test.h"

#include <criterion/criterion.h>

double
halves_value(guint i)
{
  if (i % 1000 == 0)
    return 40 + halves_leader_value(i);
  return 7.0 * (i % 50 + 1) + halves_leader_value(i);
}

guint
halves_buyers(guint i)
{
  return (i % 1000 == 0 ? 20 : 7) + 1;
}

double
halves_leader_value(guint i)
{
  return i % 7 + 1;
}

CmDataset *
halves_load(void)
{
  g_autoptr(GString) enterprises = g_string_new("id,name,region,segments,role,status\n");
  g_string_append(enterprises, "lead,链主 Leader,Home,top,leader,\n");
  for (guint b = 0; b < 1000; b++)
    g_string_append_printf(enterprises, "b%04u,本地买方 %u,Home,mid,,\n", b, b);
  for (guint i = 0; i < HALVES_SUPPLIERS; i++)
    g_string_append_printf(enterprises, "x%05u,外地供应商 %u,Away,%s,,\n", i, i,
                           i % 2 ? "up;up2" : "up");
  g_autoptr(GString) supply = g_string_new("supplier,buyer,segment,value,year\n");
  for (guint i = 0; i < HALVES_SUPPLIERS; i++) {
    if (i % 1000 == 0)
      for (guint j = 0; j < 40; j++)
        g_string_append_printf(supply, "x%05u,b%04u,up,1,%u\n", i, j % 20, j < 20 ? 2023 : 2024);
    else
      for (guint j = 0; j < 7; j++)
        g_string_append_printf(supply, "x%05u,b%04u,up,%u,2024\n", i, (i + j) % 1000, i % 50 + 1);
    g_string_append_printf(supply, "x%05u,lead,up,%u,2024\n", i, i % 7 + 1);
  }
  CmDiagnostics *diags = NULL;
  CmDataset *ds = cm_test_load_text("[dataset]\nname=Halves\nregion=Home\nunit=u\n"
                                    "[analysis]\nprocurement_target=0.8\n",
                                    "id,name,tier,inputs\nup,Up,upstream,\nup2,Up2,upstream,\n"
                                    "mid,Mid,midstream,up;up2\n"
                                    "top,Top,downstream,mid\n",
                                    enterprises->str, supply->str, &diags);
  g_autofree char *dump = diags ? cm_test_dump_diags(diags) : g_strdup("");
  cr_assert_not_null(ds, "the halves dataset did not load:\n%s", dump);
  cm_diagnostics_free(diags);
  return ds;
}
