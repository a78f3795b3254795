/* Report text formed without printf, against printf itself: the %s templates of plan's steps
 * (cm_report__append_strings) and the percentage that must not read as its threshold
 * (cm_report__percent_vs) on both sides of the 0.2-point edge where it stops looking closer. */
#include "report_format.h"

#include <criterion/criterion.h>
#include <string.h>

static void
expect_as_printf(const char *format, const char *const *args, guint n, const char *want)
{
  g_autoptr(GString) got = g_string_new("x");
  cm_report__append_strings(got, format, args, n);
  cr_expect_str_eq(got->str + 1, want, "format \"%s\"", format);
  cr_expect_eq(got->str[0], 'x', "what was there stays");
}

Test(report_strings, templates_fill_as_printf_does)
{
  const char *const a[] = {"宁德时代", "Fujian/Ningde", "12.5", "80%", "S 1 to CATL (3.0)"};
  /* the English and Chinese step of plan, order changed by the translation */
  g_autofree char *en = g_strdup_printf("%1$s (now in %2$s): +%3$s, rises to %4$s. It sells %5$s.",
                                        a[0], a[1], a[2], a[3], a[4]);
  expect_as_printf("%1$s (now in %2$s): +%3$s, rises to %4$s. It sells %5$s.", a, 5, en);
  g_autofree char *zh =
      g_strdup_printf("%2$s的%1$s：+%3$s，升至 %4$s。供应%5$s。", a[0], a[1], a[2], a[3], a[4]);
  expect_as_printf("%2$s的%1$s：+%3$s，升至 %4$s。供应%5$s。", a, 5, zh);
  expect_as_printf("%s and %s, 100%%", a, 2, "宁德时代 and Fujian/Ningde, 100%");
  expect_as_printf("", a, 0, "");
  expect_as_printf("no conversion", a, 0, "no conversion");
  /* another conversion: printf writes it (%d of a string pointer is not ours to test; %5s is) */
  g_autofree char *padded = g_strdup_printf("[%5s]", "ab");
  const char *const b[] = {"ab"};
  expect_as_printf("[%5s]", b, 1, padded);
}

Test(report_strings, percent_vs_threshold_either_side_of_the_edge)
{
  /* by hand: 0.2 points or more away, one decimal is enough and cannot read as 80%; nearer, as
   * many decimals as it takes (79.95% not 80%); 99.99% is far from 80%, so one decimal: 100% */
  static const struct {
    double ratio;
    const char *want;
  } cases[] = {{0.798, "79.8%"},    {0.8021, "80.2%"}, {0.7981, "79.8%"}, {0.79951, "79.95%"},
               {0.80049, "80.05%"}, {0.388, "38.8%"},  {0.8, "80%"},      {0.7999999, "79.99999%"},
               {0.9999, "100%"},    {1.0, "100%"},     {0.0, "0%"}};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *got = cm_report__percent_vs(cases[i].ratio, 0.8);
    cr_expect_str_eq(got, cases[i].want, "ratio %.9g", cases[i].ratio);
  }
}
