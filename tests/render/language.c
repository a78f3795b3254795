/* The language in force: the catalogue found from the build tree, words and units in Chinese and
 * English, the display name, and the locale default of SPEC section 3. Each Criterion test runs in
 * its own process, so cm_lang_set and setenv do not leak between them. */
#include "cm_display_name.h"
#include "cm_i18n.h"
#include "report_shared.h"
#include "unit_text.h"
#include "words.h"

#include <criterion/criterion.h>
#include <stdlib.h>

static void
clear_locale_env(void)
{
  unsetenv("LANGUAGE");
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  unsetenv("LANG");
}

Test(language, zh_words_come_from_the_build_tree_catalogue)
{
  cm_lang_set(CM_LANG_ZH);
  /* po/zh_CN.po: msgctxt "status" "weak" -> 薄弱, "tier" "upstream" -> 上游 */
  cr_expect_str_eq(cm_words_status(CM_SEGMENT_WEAK), "薄弱");
  cr_expect_str_eq(cm_words_tier(CM_TIER_UPSTREAM), "上游");
  cr_expect_str_eq(cm_words_action(CM_ACTION_SUPPLEMENT), "补链");
  cr_expect_str_eq(_("Strong links"), "优势环节");
}

Test(language, switching_back_to_english_after_chinese)
{
  cm_lang_set(CM_LANG_ZH);
  cr_expect_str_eq(cm_words_status(CM_SEGMENT_GAP), "缺失");
  cm_lang_set(CM_LANG_EN);
  cr_expect_str_eq(cm_words_status(CM_SEGMENT_GAP), "gap");
  cr_expect_str_eq(cm_words_action(CM_ACTION_EXTEND), "extend");
}

Test(language, english_under_a_chinese_locale_with_lang_en)
{
  clear_locale_env();
  setenv("LANG", "zh_CN.UTF-8", 1);
  cm_lang_set(CM_LANG_EN);
  cr_expect_str_eq(_("Strong links"), "Strong links");
}

Test(language, unit_100_million_cny_reads_yi_yuan_in_chinese)
{
  cm_lang_set(CM_LANG_ZH);
  cr_expect_str_eq(cm_unit_display("100 million CNY"), "亿元");
  cr_expect_str_eq(cm_unit_display(" 100 Million cny "), "亿元");
  cr_expect_str_eq(cm_unit_display("亿元"), "亿元");
  cr_expect_str_eq(cm_unit_display("10,000 CNY"), "万元");
  cr_expect_str_eq(cm_unit_display("tonnes"), "tonnes"); /* not a money unit it knows */
}

Test(language, unit_yi_yuan_reads_100_million_cny_in_english)
{
  cm_lang_set(CM_LANG_EN);
  cr_expect_str_eq(cm_unit_display("亿元"), "100 million CNY");
  cr_expect_str_eq(cm_unit_display("万元"), "10,000 CNY");
  cr_expect_str_eq(cm_unit_display("100 million CNY"), "100 million CNY");
  cr_expect_str_eq(cm_unit_display("百万美元"), "百万美元"); /* unknown: as the dataset says */
}

Test(language, numbers_and_percentages_read_the_same_in_both)
{
  cm_lang_set(CM_LANG_ZH);
  g_autofree char *zh_money = cm_report__money(1234.5);
  g_autofree char *zh_pct = cm_report__percent(0.625);
  cm_lang_set(CM_LANG_EN);
  g_autofree char *en_money = cm_report__money(1234.5);
  cr_expect_str_eq(zh_money, "1,234.5");
  cr_expect_str_eq(en_money, "1,234.5");
  cr_expect_str_eq(zh_pct, "62.5%");
}

Test(language, name_en_shown_in_english_name_in_chinese)
{
  CmSegment seg = {.id = "cell", .name = "动力电芯", .name_en = "Power cells"};
  CmEnterprise ent = {.id = "catl", .name = "宁德时代", .name_en = "CATL"};
  CmEnterprise plain = {.id = "x", .name = "某企业", .name_en = NULL};
  cm_lang_set(CM_LANG_EN);
  cr_expect_str_eq(cm_segment_display_name(&seg), "Power cells");
  cr_expect_str_eq(cm_enterprise_display_name(&ent), "CATL");
  cr_expect_str_eq(cm_enterprise_display_name(&plain), "某企业"); /* no name_en: name */
  cm_lang_set(CM_LANG_ZH);
  cr_expect_str_eq(cm_segment_display_name(&seg), "动力电芯");
  cr_expect_str_eq(cm_enterprise_display_name(&ent), "宁德时代");
}

Test(language, locale_default_follows_spec_order)
{
  clear_locale_env();
  setenv("LANG", "zh_CN.UTF-8", 1);
  cr_expect_eq(cm_lang_from_env(), CM_LANG_ZH);
  setenv("LANG", "C", 1);
  cr_expect_eq(cm_lang_from_env(), CM_LANG_EN);
  setenv("LC_ALL", "zh_TW.UTF-8", 1); /* LC_ALL before LANG */
  cr_expect_eq(cm_lang_from_env(), CM_LANG_ZH);
  setenv("LANGUAGE", "en_GB", 1); /* LANGUAGE first of all */
  cr_expect_eq(cm_lang_from_env(), CM_LANG_EN);
  setenv("LANGUAGE", "", 1); /* empty: skipped */
  cr_expect_eq(cm_lang_from_env(), CM_LANG_ZH);
}
