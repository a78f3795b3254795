/* SPEC section 1: a sheet written with Chinese column names (in another order), tiers, statuses,
 * list separators 、 and ；, and the years 2024年 / 2024.0 is the same dataset as its English
 * spelling: every report's JSON is the same, byte for byte. */
#include "cm_test.h"

#include <criterion/criterion.h>
#include <string.h>

#define SHEET_EN CM_TEST_DATA "/loaders/sheet-en"
#define SHEET_ZH CM_TEST_DATA "/loaders/sheet-zh"

static void
same_json(const char *command, const char *needle)
{
  const char *en_args[] = {command, SHEET_EN, "--format", "json", NULL};
  const char *zh_args[] = {command, SHEET_ZH, "--format", "json", NULL};
  g_autofree char *en = NULL, *en_err = NULL, *zh = NULL, *zh_err = NULL;
  cr_assert_eq(cm_test_run_cli(en_args, &en, &en_err), 0, "%s en: %s", command, en_err);
  cr_assert_eq(cm_test_run_cli(zh_args, &zh, &zh_err), 0, "%s zh: %s", command, zh_err);
  cr_assert_str_empty(zh_err, "the Chinese spelling draws no warning: %s", zh_err);
  /* the English twin is not empty of meaning: it holds what the hand-made data was built for */
  cr_assert(strstr(en, needle), "%s: '%s' not in %s", command, needle, en);
  cr_assert_str_eq(zh, en, "%s: the Chinese spelling differs", command);
}

/* cathode has local producer xtc (construction counts in the ini's scenario): its demand 50 of
 * which 30 local, coverage 0.6 */
Test(chinese_sheet, gaps_are_the_same_as_the_english_spelling)
{
  same_json("gaps", "\"coverage\" : 0.6,");
}

/* catl buys 30 local of 30 + 20 + 6 = 56 (btr's 15 is signed, outside the scenario) */
Test(chinese_sheet, procurement_is_the_same_as_the_english_spelling)
{
  same_json("procurement", "\"total\" : 56.0");
}

/* ganfeng supplies catl 20 (cathode, weak) and xtc 12: value_to_local 32 */
Test(chinese_sheet, targets_are_the_same_as_the_english_spelling)
{
  same_json("targets", "\"value_to_local\" : 32.0");
}

/* --year keeps the rows of 2024, whichever way the sheet wrote the year: 30 + 20 (btr's 15 is
 * signed) */
Test(chinese_sheet, year_forms_select_the_same_rows)
{
  const char *en_args[] = {"procurement", SHEET_EN, "--format", "json", "--year", "2024", NULL};
  const char *zh_args[] = {"procurement", SHEET_ZH, "--format", "json", "--year", "2024", NULL};
  g_autofree char *en = NULL, *err = NULL, *zh = NULL, *zh_err = NULL;
  cr_assert_eq(cm_test_run_cli(en_args, &en, &err), 0, "%s", err);
  cr_assert_eq(cm_test_run_cli(zh_args, &zh, &zh_err), 0, "%s", zh_err);
  cr_assert(strstr(en, "\"total\" : 50.0"), "%s", en);
  cr_assert_str_eq(zh, en);
}
