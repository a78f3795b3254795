/* chainmap brief on the tiny dataset of report_fixture.h, whose figures are worked out by hand
 * there: the page shows them, escapes every name, and the workbook is an xlsx with six sheets.
 * (The page in a browser and the workbook cell by cell: tests/scripts/brief_check.py.) */
#include "cm_brief.h"
#include "cm_i18n.h"
#include "report_fixture.h"

#include <criterion/criterion.h>
#include <string.h>

static char *
tiny_page(void)
{
  cm_lang_set(CM_LANG_EN);
  g_autoptr(CmDataset) ds = load_tiny();
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(GError) err = NULL;
  g_autoptr(CmBrief) brief = cm_brief_compute(ds, &options, &err);
  cr_assert(brief, "%s", err ? err->message : "");
  g_autoptr(GBytes) page = cm_brief_html(brief, "2024-01-02", &err);
  cr_assert(page, "%s", err ? err->message : "");
  cm_graphviz_shutdown();
  gsize len = 0;
  const char *data = g_bytes_get_data(page, &len);
  return g_strndup(data, len);
}

Test(brief, page_shows_the_hand_worked_figures)
{
  g_autofree char *page = tiny_page();
  /* completeness 2/7 = 28.57%; the leaders bought 50, 10 of it local: 20% against 80% */
  cr_expect(strstr(page, ">28.6%<"), "completeness");
  cr_expect(strstr(page, ">20%<"), "leaders' local share");
  cr_expect(strstr(page, "short of the 80% target"));
  /* supplement ranked by leakage: salt 30 before sep 10 */
  const char *salt = strstr(page, ">30.0<"), *sep = strstr(page, ">10.0<");
  cr_expect(salt && sep && salt < sep, "supplement list order");
  /* path: needed 0.8 x 50 - 10 = 30; out1 sells the leader 30, lifting the share to 40/50 */
  cr_expect(strstr(page, "from 20% to 80%, reaching the 80% target"), "plan headline");
  /* resilience: lead buys salt, cell and sep from one supplier each: 50 of 50 */
  cr_expect(strstr(page, "3 of the leaders&#39; 3 inputs"), "single sources");
  cr_expect(strstr(page, "<svg"), "the chain map is inline");
  cr_expect(strstr(page, "2024-01-02"), "the date given");
}

Test(brief, page_escapes_names_and_needs_nothing_outside)
{
  g_autofree char *page = tiny_page();
  /* out2 is named '+cmd, "quoted"' and a line break: a space on the page, quotes as entities */
  cr_expect(strstr(page, "+cmd, &quot;quoted&quot; line"), "out2's name");
  cr_expect_null(strstr(page, "\"quoted\""));
  cr_expect(strstr(page, "锂盐|Salt"));
  cr_expect_null(strstr(page, "<script"));
  cr_expect_null(strstr(page, " src="));
  cr_expect_null(strstr(page, " href="));
  cr_expect_null(strstr(page, "<?xml"), "the SVG's prolog is dropped");
  cr_expect(g_str_has_suffix(page, "</html>\n"));
}

Test(brief, workbook_is_an_xlsx_with_six_sheets)
{
  cm_lang_set(CM_LANG_EN);
  g_autoptr(CmDataset) ds = load_tiny();
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(GError) err = NULL;
  g_autoptr(CmBrief) brief = cm_brief_compute(ds, &options, &err);
  cr_assert(brief);
  g_autoptr(GBytes) book = cm_brief_xlsx(brief, &err);
  cr_assert(book, "%s", err ? err->message : "");
  gsize len = 0;
  const char *data = g_bytes_get_data(book, &len);
  cr_assert_gt(len, 4);
  cr_expect_eq(memcmp(data, "PK\x03\x04", 4), 0, "a zip file");
  /* zip entry names are stored as they are: six worksheets, no seventh */
  cr_expect(memmem(data, len, "xl/worksheets/sheet6.xml", 24));
  cr_expect_null(memmem(data, len, "xl/worksheets/sheet7.xml", 24));
}

Test(brief, format_from_the_file_name)
{
  CmBriefFormat f = CM_BRIEF_XLSX;
  cr_expect(cm_brief_format_from_path("out/Brief.HTML", &f) && f == CM_BRIEF_HTML);
  cr_expect(cm_brief_format_from_path("a.htm", &f) && f == CM_BRIEF_HTML);
  cr_expect(cm_brief_format_from_path("招商清单.xlsx", &f) && f == CM_BRIEF_XLSX);
  cr_expect_not(cm_brief_format_from_path("brief.pdf", &f));
  cr_expect_not(cm_brief_format_from_path("brief", &f));
  cr_expect_not(cm_brief_format_from_path("dir.xlsx/brief", &f));
  cr_expect(cm_brief_format_from_string("XLSX", &f) && f == CM_BRIEF_XLSX);
  cr_expect_not(cm_brief_format_from_string("docx", &f));
}
