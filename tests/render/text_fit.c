/* Text tables fit the terminal (cm_text_set_width) and wrap at word, path and CJK-character
 * boundaries, never inside "Guangzhou". */
#include "text_table.h"

#include <criterion/criterion.h>
#include <string.h>

static GString *
region_table(void)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(3);
  cm_text_table_column(t, 0, "Id", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 1, "Region", CM_ALIGN_LEFT, 40);
  cm_text_table_column(t, 2, "Fills", CM_ALIGN_LEFT, 60);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "tinci");
  cm_text_table_cell(t, 1, "Guangdong/Guangzhou/Huangpu");
  cm_text_table_cell(t, 2, "六氟磷酸锂 LiPF6 (lipf6), 电解液 Electrolyte (electrolyte)");
  GString *out = g_string_new(NULL);
  cm_text_table_write(t, out, "  ", FALSE);
  return out;
}

Test(text_fit, table_is_narrowed_to_the_width_and_wraps_at_boundaries)
{
  /* natural width: 2 + 5 + 2 + 27 + 2 + 55 = 93 (六氟磷酸锂 and 电解液 take two cells a character)
   */
  cm_text_set_width(60);
  g_autoptr(GString) out = region_table();
  cm_text_set_width(0);
  g_auto(GStrv) lines = g_strsplit(out->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    cr_expect_leq(cm_text_width(lines[i]), 60, "line %u is %u wide:\n%s", i,
                  cm_text_width(lines[i]), out->str);
  /* the region breaks after a '/', not inside a name */
  cr_expect(strstr(out->str, "Guangdong/"), "%s", out->str);
  cr_expect_null(strstr(out->str, "Guangzho\n"), "%s", out->str);
  cr_expect(strstr(out->str, "Guangzhou"), "%s", out->str);
}

Test(text_fit, table_that_fits_is_left_alone)
{
  cm_text_set_width(200);
  g_autoptr(GString) wide = region_table();
  cm_text_set_width(0);
  /* header, rule, one row: nothing wrapped */
  g_auto(GStrv) lines = g_strsplit(wide->str, "\n", -1);
  cr_expect_eq(g_strv_length(lines), 4, "%s", wide->str);
  cr_expect(strstr(wide->str, "Guangdong/Guangzhou/Huangpu"), "%s", wide->str);
}

Test(text_fit, default_width_is_100)
{
  cm_text_set_width(0);
  cr_expect_eq(cm_text_get_width(), 100);
  cm_text_set_width(10);
  cr_expect_eq(cm_text_get_width(), 40, "too narrow to be useful: 40");
  cm_text_set_width(0);
}
