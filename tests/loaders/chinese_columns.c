/* Chinese column names (SPEC section 1) as the loader sees them. */
#include "cm_loader.h"
#include "loaders_test.h"

#include <string.h>

/* 英文名称 is the name_en column: a table gets it under that name, not as a column of its own
 * that the English display-name reader would miss */
Test(chinese_columns, english_name_column_is_name_en)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      "[dataset]\nregion=Fujian/Ningde\n", "编号,层级,英文名称\ncell,中游,Cells\n",
      "编号,地区,环节,状态\ncatl,Fujian/Ningde,cell,投产\n", NULL, &diags);
  cr_assert_not_null(ds);
  assert_counts(diags, 0, 0);
  gboolean named = FALSE;
  for (guint k = 0; k < ds->segment_extra.n; k++) {
    cr_expect_str_neq(ds->segment_extra.names[k], "英文名称");
    named |= strcmp(ds->segment_extra.names[k], "name_en") == 0;
  }
  /* unless a reader of name_en took the column itself, it is kept as name_en */
  cr_expect(named || ds->segment_extra.n == 0);
  cr_expect_eq(cm_dataset_enterprise(ds, 0)->status, CM_PROJECT_OPERATING, "投产 is operating");
  cr_expect_eq(cm_dataset_segment(ds, 0)->tier, CM_TIER_MIDSTREAM, "中游 is midstream");
}

/* 在建 and 签约, and the list separators 、 and ； */
Test(chinese_columns, status_words_and_list_separators)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      "[dataset]\nregion=Fujian/Ningde\n", "id,tier\na,上游\nb,中游\nc,下游\n",
      "id,region,segments,status\nx,Fujian/Ningde,a、b；c,在建\ny,Fujian/Ningde,a,签约\n", NULL,
      &diags);
  cr_assert_not_null(ds);
  assert_counts(diags, 0, 0);
  cr_expect_eq(cm_dataset_enterprise(ds, 0)->n_segments, 3, "a、b；c is three segments");
  cr_expect_eq(cm_dataset_enterprise(ds, 0)->status, CM_PROJECT_CONSTRUCTION);
  cr_expect_eq(cm_dataset_enterprise(ds, 1)->status, CM_PROJECT_SIGNED);
}
