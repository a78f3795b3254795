/* Text and Markdown reports: columns aligned for Chinese text (wide characters take two cells),
 * reasons spelled out, Markdown escaping, colour only when asked, human rounding. */
#include "cm_report.h"
#include "cm_test.h"
#include "report_fixture.h"
#include "report_format.h"
#include "text_table.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Display width by the C library's wcswidth, independent of the code under test. */
static int
libc_width(const char *utf8, gssize len)
{
  setlocale(LC_CTYPE, "C.UTF-8");
  g_autofree char *part = len < 0 ? g_strdup(utf8) : g_strndup(utf8, (gsize)len);
  g_autofree gunichar *wide = g_utf8_to_ucs4(part, -1, NULL, NULL, NULL);
  cr_assert_not_null(wide);
  int w = wcswidth((const wchar_t *)wide, (size_t)-1);
  cr_assert_geq(w, 0, "wcswidth refused '%s'", part);
  return w;
}

Test(report_text, table_pads_by_display_width)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(2);
  cm_text_table_column(t, 0, "Name", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 1, "Value", CM_ALIGN_RIGHT, 0);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "宁德时代");
  cm_text_table_cell(t, 1, "1.0");
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "ATL");
  cm_text_table_cell(t, 1, "22.5");
  g_autoptr(GString) out = g_string_new(NULL);
  cm_text_table_write(t, out, "", FALSE);
  /* column 0 is 8 cells wide (宁德时代: 4 wide characters), column 1 is 5 ("Value") */
  cr_assert_str_eq(out->str, "Name      Value\n"
                             "--------  -----\n"
                             "宁德时代    1.0\n"
                             "ATL        22.5\n");
}

Test(report_text, every_line_of_a_cjk_table_has_the_same_width)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(4);
  cm_text_table_column(t, 0, "Id", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 1, "Name", CM_ALIGN_LEFT, 12);
  cm_text_table_column(t, 2, "Region\nof it", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 3, "Value", CM_ALIGN_RIGHT, 0);
  static const char *const rows[][4] = {
      {"catl", "宁德时代 CATL", "Fujian/宁德", "1,234.5"},
      {"x", "三元正极材料 NCM cathode materials", "Ｆｕｌｌ", "0.0"},
      {"cafe", "Cafe\xcc\x81 combining", "R", "12"}, /* e + U+0301 takes one cell */
      {"long-id-here", "", "", ""},
  };
  for (guint r = 0; r < G_N_ELEMENTS(rows); r++) {
    cm_text_table_row(t);
    for (guint c = 0; c < 4; c++)
      cm_text_table_cell(t, c, rows[r][c]);
  }
  g_autoptr(GString) out = g_string_new(NULL);
  cm_text_table_write(t, out, "  ", FALSE);
  g_auto(GStrv) lines = g_strsplit(out->str, "\n", -1);
  guint n = g_strv_length(lines);
  cr_assert_gt(n, 6, "the long name should wrap:\n%s", out->str);
  int width = libc_width(lines[0], -1);
  for (guint i = 0; i + 1 < n; i++)
    cr_assert_eq(libc_width(lines[i], -1), width, "line %u is %d cells, line 0 is %d:\n%s", i,
                 libc_width(lines[i], -1), width, out->str);
  cr_assert_str_eq(lines[n - 1], "", "ends with one newline");
  /* the Name column wraps at 12 cells, after the six wide characters */
  cr_assert_not_null(strstr(out->str, "三元正极材料  "), "%s", out->str);
  cr_assert_null(strstr(out->str, "三元正极材料 NCM"), "%s", out->str);
}

Test(report_text, wrap_breaks_wide_text_within_the_limit)
{
  g_autoptr(GString) out = g_string_new(NULL);
  cm_text_paragraph(out, "动力与储能电芯动力与储能电芯 Power & storage cells", 10, "> ");
  /* 7 wide characters are 14 cells: 5 per line (10 cells), then the words */
  cr_assert_str_eq(out->str, "> 动力与储能\n"
                             "> 电芯动力与\n"
                             "> 储能电芯\n"
                             "> Power &\n"
                             "> storage\n"
                             "> cells\n");
}

Test(report_text, control_characters_never_reach_the_terminal)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(1);
  cm_text_table_column(t, 0, "Name", CM_ALIGN_LEFT, 0);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "evil\033[2J\nname\t!");
  g_autoptr(GString) out = g_string_new(NULL);
  cm_text_table_write(t, out, "", FALSE);
  /* ESC, the line break and the tab are shown escaped: evil \x1b [2J \n name \t ! is
   * 4 + 4 + 3 + 2 + 4 + 2 + 1 = 20 cells */
  cr_assert_str_eq(out->str, "Name\n--------------------\nevil\\x1b[2J\\nname\\t!\n");
}

static GString *
gaps_report(CmDataset *ds, CmReportFormat format, gboolean color)
{
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &o, NULL);
  cr_assert_not_null(gaps);
  CmReportOptions ro = {.format = format, .color = color};
  return cm_report_gaps(ds, gaps, &ro);
}

/* The display column where needle starts on the line holding it. */
static int
column_of(const char *text, const char *needle)
{
  const char *at = strstr(text, needle);
  cr_assert_not_null(at, "no '%s' in:\n%s", needle, text);
  const char *line = at;
  while (line > text && line[-1] != '\n')
    line--;
  return libc_width(line, at - line);
}

Test(report_text, gaps_text_spells_out_reasons)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = gaps_report(ds, CM_FORMAT_TEXT, FALSE);
  const char *s = out->str;
  cr_assert_not_null(strstr(s, "Tiny 小链"), "%s", s);
  /* the tiny dataset's unit is 亿元, which English writes 100 million CNY */
  cr_assert_not_null(strstr(s, "Money in 100 million CNY"), "%s", s);
  cr_assert_not_null(strstr(s, "2 of 7 segments are made locally (28.6% complete)"), "%s", s);
  cr_assert_not_null(strstr(s, "only 1 local producer (min 2)"), "pack:\n%s", s);
  /* the reason names the segment as a person reads it: tiny's cell is named "电芯 Cell" */
  cr_assert_not_null(strstr(s, "input of 电芯 Cell (cell), made locally;"), "salt:\n%s", s);
  /* Markdown does not wrap: the whole reason of salt's row */
  g_autoptr(GString) md = gaps_report(ds, CM_FORMAT_MD, FALSE);
  cr_assert_not_null(
      strstr(md->str,
             "| input of 电芯 Cell (cell), made locally; local buyers buy it from outside |"),
      "%s", md->str);
  cr_assert_not_null(strstr(s, "2 steps upstream of"), "ore:\n%s", s);
  cr_assert_not_null(strstr(s, "1 step downstream of"), "ship:\n%s", s);
  /* the sections in the order of the actions */
  const char *weak = strstr(s, "Strengthen: weak links"),
             *gap = strstr(s, "Supplement: missing links"),
             *frontier = strstr(s, "Extend: frontier links"), *strong = strstr(s, "Strong links"),
             *absent = strstr(s, "Absent links");
  cr_assert(weak && gap && frontier && strong && absent, "%s", s);
  cr_assert(weak < gap && gap < frontier && frontier < strong && strong < absent, "%s", s);
  cr_assert_null(strchr(s, '\033'), "colour without asking:\n%s", s);
}

Test(report_text, gaps_text_columns_align_after_chinese_names)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = gaps_report(ds, CM_FORMAT_TEXT, FALSE);
  /* the supplement table: salt is named 锂盐|Salt (4 + 5 cells), sep =SUM(A1) (8 cells); the
   * tier column after the name starts at the same display column on both rows */
  const char *table = strstr(out->str, "Supplement: missing links");
  cr_assert_not_null(table);
  int up = column_of(table, "upstream"), mid = column_of(table, "midstream");
  cr_assert_eq(up, mid, "tier columns at %d and %d:\n%s", up, mid, table);
}

Test(report_text, colour_only_when_asked)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = gaps_report(ds, CM_FORMAT_TEXT, TRUE);
  cr_assert_not_null(strstr(out->str, "\033[1;31mSupplement: missing links"), "%s", out->str);
  g_autoptr(GString) md = gaps_report(ds, CM_FORMAT_MD, TRUE);
  cr_assert_null(strchr(md->str, '\033'), "Markdown never has colour");
}

Test(report_text, md_escapes_pipes_in_cells)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = gaps_report(ds, CM_FORMAT_MD, FALSE);
  cr_assert_not_null(strstr(out->str, "| salt | 锂盐\\|Salt | upstream |"), "%s", out->str);
  cr_assert_null(strstr(out->str, "锂盐|Salt"), "an unescaped | splits the cell:\n%s", out->str);
  /* every table line of the supplement section has as many unescaped | as the header */
  const char *sec = strstr(out->str, "## Supplement: missing links");
  cr_assert_not_null(sec);
  const char *header = strstr(sec, "\n|") + 1;
  guint pipes = 0;
  for (const char *p = header; *p && *p != '\n'; p++)
    pipes += *p == '|';
  for (const char *line = header; line && *line == '|';) {
    guint n = 0;
    for (const char *p = line; *p && *p != '\n'; p++)
      n += *p == '|' && (p == line || p[-1] != '\\');
    cr_assert_eq(n, pipes, "cells split in line: %.60s", line);
    line = strchr(line, '\n');
    line = line ? line + 1 : NULL;
  }
}

Test(report_text, md_line_breaks_in_names_become_br)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = tiny_targets_report(ds, CM_FORMAT_MD, 0);
  cr_assert_not_null(strstr(out->str, "| out2 | +cmd, \"quoted\"<br>line | Guangdong |"), "%s",
                     out->str);
}

Test(report_text, procurement_headline_is_auditable)
{
  g_autoptr(CmDataset) ds = load_tiny();
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmProcurement) p = cm_procurement_compute(ds, &o, NULL);
  CmReportOptions ro = {.format = CM_FORMAT_TEXT};
  g_autoptr(GString) out = cm_report_procurement(ds, p, &ro);
  const char *s = out->str;
  /* 10 local of 50 = 20% against 80% */
  cr_assert_not_null(strstr(s, "Chain leaders' local procurement: 20% (target 80%) — below target"),
                     "%s", s);
  cr_assert_not_null(strstr(s, "They bought 50.0 in all, 10.0 of it from local suppliers."), "%s",
                     s);
  /* 0.8 * 50 - 10 = 30 more from local suppliers reaches the target */
  cr_assert_not_null(strstr(s, "To reach 80% they would have to buy 30.0 more from local"), "%s",
                     s);
  /* the audit: lead's purchases of salt, sep and cell, adding up to the headline */
  const char *audit = strstr(s, "宁德时代 CATL (lead): 20% local (10.0 of 50.0)");
  cr_assert_not_null(audit, "%s", s);
  cr_assert_not_null(strstr(audit, "Total"), "%s", s);
  cr_assert_not_null(strstr(audit, "salt"), "%s", s);
}

Test(report_text, targets_text_shows_top_of_total)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(GString) out = tiny_targets_report(ds, CM_FORMAT_TEXT, 2);
  cr_assert_not_null(strstr(out->str, "Top 2 of 3 targets"), "%s", out->str);
  /* the priority column may wrap "(gap)" onto the next line at 100 columns */
  cr_assert_not_null(strstr(out->str, "supplement"), "%s", out->str);
  cr_assert_not_null(strstr(out->str, "(gap)"), "%s", out->str);
  cr_assert_null(strstr(out->str, "out3"), "--top 2 keeps out1 and out2:\n%s", out->str);
}

Test(report_text, numbers_round_for_people)
{
  g_autofree char *a = cm_report__money(1234.5);
  g_autofree char *b = cm_report__money(0.012);
  g_autofree char *c = cm_report__money(0);
  g_autofree char *d = cm_report__money(1234567.04);
  cr_assert_str_eq(a, "1,234.5");
  cr_assert_str_eq(b, "0.012");
  cr_assert_str_eq(c, "0.0");
  cr_assert_str_eq(d, "1,234,567.0");
  g_autofree char *e = cm_report__percent(0.642);
  g_autofree char *f = cm_report__percent(0.5);
  cr_assert_str_eq(e, "64.2%");
  cr_assert_str_eq(f, "50%");
  /* 79.96% must not read as the 80% target it misses */
  g_autofree char *g = cm_report__percent_vs(0.7996, 0.8);
  g_autofree char *h = cm_report__percent_vs(0.8, 0.8);
  g_autofree char *i = cm_report__percent_vs(0.49999, 0.5);
  cr_assert_str_eq(g, "79.96%");
  cr_assert_str_eq(h, "80%");
  cr_assert_str_eq(i, "49.999%");
}
