/* Money and percentages without printf, and exact decimals with fewer printf calls: the same
 * text as the printf-based definitions, for hand-made cases and a million random figures. */
#include "report_format.h"

#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <string.h>

/* cm_report__money by its definition (printf "%.1f" and thousands separators). */
static char *
money_by_definition(double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite(v))
    return g_strdup("n/a");
  if (v != 0 && fabs(v) < 0.05) {
    g_ascii_formatd(buf, sizeof buf, "%.2g", v);
    if (!strchr(buf, 'e'))
      return g_strdup(buf);
  }
  if (fabs(v) >= 1e15) {
    g_ascii_formatd(buf, sizeof buf, "%.4g", v);
    return g_strdup(buf);
  }
  g_ascii_formatd(buf, sizeof buf, "%.1f", v);
  if (strcmp(buf, "-0.0") == 0)
    return g_strdup("0.0");
  const char *digits = buf[0] == '-' ? buf + 1 : buf;
  const char *dot = strchr(digits, '.');
  gsize n = (gsize)(dot - digits);
  GString *out = g_string_new(buf[0] == '-' ? "-" : "");
  for (gsize i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      g_string_append_c(out, ',');
    g_string_append_c(out, digits[i]);
  }
  g_string_append(out, dot);
  return g_string_free(out, FALSE);
}

static char *
percent_by_definition(double ratio)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite(ratio))
    return g_strdup("n/a");
  g_ascii_formatd(buf, sizeof buf, "%.1f", ratio * 100.0);
  if (strchr(buf, '.')) { /* not when printf's text was cut short */
    char *end = buf + strlen(buf);
    while (end[-1] == '0')
      *--end = '\0';
    if (end[-1] == '.')
      end[-1] = '\0';
  }
  return g_strdup_printf("%s%%", buf);
}

static void
expect_same(double v)
{
  char buf[CM_REPORT_NUMBER_BUF];
  g_autofree char *money = money_by_definition(v);
  cr_assert_str_eq(cm_report__money_buf(buf, v), money, "money of %.17g", v);
  g_autofree char *percent = percent_by_definition(v);
  cr_assert_str_eq(cm_report__percent_buf(buf, v), percent, "percent of %.17g", v);
}

Test(report_numbers, money_rounds_like_printf)
{
  char buf[CM_REPORT_NUMBER_BUF];
  /* 0.25 is exact in binary: a tie, to even -> 0.2; 0.35 is 0.34999999999999997... -> 0.3;
   * 1234567.25 ties to 1234567.2 and 1234567.75 to 1234567.8 */
  cr_assert_str_eq(cm_report__money_buf(buf, 0.25), "0.2");
  cr_assert_str_eq(cm_report__money_buf(buf, 0.35), "0.3");
  cr_assert_str_eq(cm_report__money_buf(buf, 1234567.25), "1,234,567.2");
  cr_assert_str_eq(cm_report__money_buf(buf, 1234567.75), "1,234,567.8");
  cr_assert_str_eq(cm_report__money_buf(buf, -0.0), "0.0");
  cr_assert_str_eq(cm_report__money_buf(buf, -1e-7), "0.0"); /* "-1e-07" has an e: %.1f */
  cr_assert_str_eq(cm_report__money_buf(buf, 0.012), "0.012");
  cr_assert_str_eq(cm_report__money_buf(buf, 999999999999999.9), "999,999,999,999,999.9");
  cr_assert_str_eq(cm_report__money_buf(buf, 1e15), "1e+15");
  /* 0.8 * 100 is 80.000000000000014: "80.0" loses its ".0" */
  cr_assert_str_eq(cm_report__percent_buf(buf, 0.8), "80%");
  cr_assert_str_eq(cm_report__percent_buf(buf, 0.0625), "6.2%"); /* 6.25, a tie, to even */
  double ties[] = {0.05, 0.15, 0.45, 2.5, -2.25, 1e14 + 0.25, 4503599627370495.5 / 10};
  for (guint i = 0; i < G_N_ELEMENTS(ties); i++)
    expect_same(ties[i]);
}

Test(report_numbers, a_million_figures_as_printf_writes_them)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(11);
  for (guint n = 0; n < 1000000; n++) {
    double v;
    switch (n % 5) {
    case 0: /* multiples of 0.05: ties and near-ties */
      v = g_rand_int_range(rand, -2000000, 2000000) * 0.05;
      break;
    case 1: /* amounts as datasets hold them */
      v = g_rand_double_range(rand, 0, 1e6);
      break;
    case 2: /* any magnitude up to the %.4g switch, either sign */
      v = ldexp(g_rand_double(rand), g_rand_int_range(rand, -60, 50)) *
          (g_rand_boolean(rand) ? 1 : -1);
      break;
    case 3: /* shares */
      v = g_rand_double(rand);
      break;
    default: /* raw bits of doubles */
    {
      guint64 bits = (guint64)g_rand_int(rand) << 32 | g_rand_int(rand);
      memcpy(&v, &bits, sizeof v);
      break;
    }
    }
    expect_same(v);
  }
  expect_same(INFINITY);
  expect_same(NAN);
}

/* cm_report__number by its definition: the fewest %g digits that read back as v. */
static char *
number_by_definition(double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (v == floor(v) && fabs(v) < 1e17) {
    g_ascii_formatd(buf, sizeof buf, "%.0f", v);
    return g_strdup(buf);
  }
  for (int prec = 1; prec <= 17; prec++) {
    char fmt[8];
    g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
    g_ascii_formatd(buf, sizeof buf, fmt, v);
    if (g_ascii_strtod(buf, NULL) == v)
      break;
  }
  return g_strdup(buf);
}

static void
expect_number(double v)
{
  g_autofree char *got = cm_report__number(v);
  g_autofree char *want = number_by_definition(v);
  cr_assert_str_eq(got, want, "number %.17g", v);
}

Test(report_numbers, shortest_decimals_as_the_digit_by_digit_search)
{
  g_autofree char *a = cm_report__number(64.2);
  g_autofree char *b = cm_report__number(0.1 + 0.2); /* 0.30000000000000004: 17 digits */
  g_autofree char *c = cm_report__number(1e20);
  g_autofree char *d = cm_report__number(48.0155);
  cr_assert_str_eq(a, "64.2");
  cr_assert_str_eq(b, "0.30000000000000004");
  cr_assert_str_eq(c, "1e+20"); /* whole numbers from 1e17 on take the %g form */
  cr_assert_str_eq(d, "48.0155");
  g_autoptr(GRand) rand = g_rand_new_with_seed(17);
  for (guint n = 0; n < 300000; n++) {
    double v;
    switch (n % 4) {
    case 0: /* short decimals, as datasets hold them, and their sums */
      v = g_rand_int_range(rand, 1, 100000000) / pow(10, g_rand_int_range(rand, 0, 9));
      if (n % 8 == 0)
        v += g_rand_int_range(rand, 1, 100000) / 1e4;
      break;
    case 1: /* shares */
      v = g_rand_double(rand);
      break;
    case 2: /* any magnitude, either sign */
      v = ldexp(g_rand_double_range(rand, 0.5, 1), g_rand_int_range(rand, -1074, 1024)) *
          (g_rand_boolean(rand) ? 1 : -1);
      break;
    default: /* raw bits, subnormals and non-finite ones included */
    {
      guint64 bits = (guint64)g_rand_int(rand) << 32 | g_rand_int(rand);
      memcpy(&v, &bits, sizeof v);
      break;
    }
    }
    expect_number(v);
  }
  expect_number(INFINITY);
  expect_number(-INFINITY);
  expect_number(NAN);
  expect_number(DBL_MIN);
  expect_number(DBL_MAX);
  expect_number(5e-324);
}

/* A figure in a format of one "%.1f" is written as printf writes it (the C locale): values at
 * the rounding edges (0.05 is a little over in binary, 0.25 exact and rounds to even), negative
 * zero, tiny and large ones; a translation with Chinese after the figure; and a format of
 * another shape ("%.1f%%": a second %), which printf itself writes. */
Test(report_numbers, one_decimal_format_as_printf)
{
  static const double values[] = {0, -0.0, 0.05, 0.25, 0.35, 3.45, 99.95, 1e-9, 12345678.25, -2.5};
  static const char *const formats[] = {"+%.1f pp", "+%.1f 个百分点", "%.1f", "%.1f%%"};
  char buf[CM_REPORT_NUMBER_BUF], want[CM_REPORT_NUMBER_BUF];
  for (guint f = 0; f < G_N_ELEMENTS(formats); f++)
    for (guint v = 0; v < G_N_ELEMENTS(values); v++) {
      g_snprintf(want, sizeof want, formats[f], values[v]);
      cr_expect_str_eq(cm_report__one_decimal_buf(buf, formats[f], values[v]), want,
                       "format %s, value %g", formats[f], values[v]);
    }
  /* by hand: 0.05 is 0.05000000000000000277 -> 0.1; 0.25 -> 0.2 (to even); 64.25 -> 64.2 */
  cr_expect_str_eq(cm_report__one_decimal_buf(buf, "+%.1f pp", 0.05), "+0.1 pp");
  cr_expect_str_eq(cm_report__one_decimal_buf(buf, "+%.1f pp", 0.25), "+0.2 pp");
  cr_expect_str_eq(cm_report__one_decimal_buf(buf, "%.1f%%", 64.25), "64.2%");
}
