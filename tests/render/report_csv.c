/* CSV reports: RFC 4180 quoting, formula neutralising, one row per segment / buyer / target with
 * the JSON's columns. Expected texts are written out by hand from report_fixture.h. */
#include "cm_report.h"
#include "cm_test.h"
#include "report_fixture.h"

#include <criterion/criterion.h>

Test(report_csv, targets_neutralise_formulas_and_quote)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = tiny_targets_report(ds, CM_FORMAT_CSV, 0);
  /* @ + - at the start get a ' inside quotes; the comma, the doubled quotes and the line break
   * of out2's name stay inside one quoted field; fills are joined with ';'. The last column:
   * what each sells the leader over the leader's 30 + 10 + 10 = 50, in points: 60, 20, 0 */
  cr_assert_str_eq(out->str,
                   "id,name,region,priority,fills,value_to_local,local_buyers,leaders_served,"
                   "leaders_share_gain_pp\r\n"
                   "out1,\"'@risk\",Jiangxi,1,ore;salt,30,1,lead,60\r\n"
                   "out2,\"'+cmd, \"\"quoted\"\"\nline\",Guangdong,1,sep,10,1,lead,20\r\n"
                   "out3,\"'-minus\",Zhejiang,3,ship,0,0,,0\r\n");
}

Test(report_csv, targets_top_applies)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = tiny_targets_report(ds, CM_FORMAT_CSV, 1);
  cr_assert_str_eq(out->str,
                   "id,name,region,priority,fills,value_to_local,local_buyers,leaders_served,"
                   "leaders_share_gain_pp\r\n"
                   "out1,\"'@risk\",Jiangxi,1,ore;salt,30,1,lead,60\r\n");
}

Test(report_csv, gaps_one_row_per_segment_with_empty_nulls)
{
  g_autoptr(CmDataset) ds = load_tiny();
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &o, NULL);
  CmReportOptions ro = {.format = CM_FORMAT_CSV};
  g_autoptr(GString) out = cm_report_gaps(ds, gaps, &ro);
  /* figures from report_fixture.h; null (coverage without demand, direction and distance off
   * the frontier, action of strong and absent) is an empty cell */
  cr_assert_str_eq(out->str,
                   "id,name,tier,group,status,action,local_producers,leaders,local_output,"
                   "local_demand,local_supplied,coverage,leakage,direction,distance\r\n"
                   "ore,矿石 Ore,upstream,,frontier,extend,0,0,0,0,0,,0,upstream,2\r\n"
                   "salt,锂盐|Salt,upstream,Materials,gap,supplement,0,0,0,30,0,0,30,,\r\n"
                   "sep,\"'=SUM(A1)\",midstream,,gap,supplement,0,0,0,10,0,0,10,,\r\n"
                   "cell,电芯 Cell,midstream,,strong,,2,1,125,10,10,1,0,,\r\n"
                   "pack,Pack,downstream,,weak,strengthen,1,0,25,0,0,,0,,\r\n"
                   "ship,Ship,downstream,,frontier,extend,0,0,0,0,0,,0,downstream,1\r\n"
                   "misc,Misc,downstream,,absent,,0,0,0,0,0,,0,,\r\n");
}

Test(report_csv, procurement_one_row_per_buyer)
{
  g_autoptr(CmDataset) ds = load_tiny();
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmProcurement) p = cm_procurement_compute(ds, &o, NULL);
  CmReportOptions ro = {.format = CM_FORMAT_CSV};
  g_autoptr(GString) out = cm_report_procurement(ds, p, &ro);
  /* lead: 10 local of 30 + 10 + 10 = 50 -> 0.2 */
  cr_assert_str_eq(out->str, "id,name,leader,local,total,ratio\r\n"
                             "lead,宁德时代 CATL,true,10,50,0.2\r\n");
}
