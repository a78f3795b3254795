/* The number grammar of SPEC section 1 (loaders/number.c). */
#include "cm_number.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <math.h>
#include <string.h>

typedef struct {
  char text[32];
  CmNumberResult result;
  double value;
} NumberCase;

ParameterizedTestParameters(number, grammar)
{
  /* expected values written out by hand from SPEC's grammar */
  static NumberCase cases[] = {
      {"0", CM_NUMBER_OK, 0.0},
      {"12.5", CM_NUMBER_OK, 12.5},
      {"+3", CM_NUMBER_OK, 3.0},
      {"1,234.5", CM_NUMBER_OK, 1234.5},
      {"1,234,567", CM_NUMBER_OK, 1234567.0},
      {"2.5e3", CM_NUMBER_OK, 2500.0},
      {"2.5E-1", CM_NUMBER_OK, 0.25},
      {".5", CM_NUMBER_OK, 0.5},
      {"-0", CM_NUMBER_OK, 0.0},
      {"", CM_NUMBER_EMPTY, 0},
      {"-1", CM_NUMBER_NEGATIVE, 0},
      {"-1,000", CM_NUMBER_NEGATIVE, 0},
      {"nan", CM_NUMBER_SYNTAX, 0},
      {"inf", CM_NUMBER_SYNTAX, 0},
      {"Infinity", CM_NUMBER_SYNTAX, 0},
      {"1e999", CM_NUMBER_RANGE, 0},
      {"0x1p4", CM_NUMBER_SYNTAX, 0},
      {"12abc", CM_NUMBER_SYNTAX, 0},
      {"%", CM_NUMBER_SYNTAX, 0},
      {"5%", CM_NUMBER_SYNTAX, 0},
      {"１２", CM_NUMBER_SYNTAX, 0},
      {"1,23", CM_NUMBER_SYNTAX, 0},
      /* a decimal comma must never be read as a thousands separator */
      {"0,5", CM_NUMBER_SYNTAX, 0},
      {"0,123", CM_NUMBER_SYNTAX, 0},
      {"01,234", CM_NUMBER_SYNTAX, 0},
      {"12,345,67", CM_NUMBER_SYNTAX, 0},
      {"1234,567", CM_NUMBER_SYNTAX, 0},
      {",123", CM_NUMBER_SYNTAX, 0},
      {"1e", CM_NUMBER_SYNTAX, 0},
      {".", CM_NUMBER_SYNTAX, 0},
      {"1 000", CM_NUMBER_SYNTAX, 0},
      {"++1", CM_NUMBER_SYNTAX, 0},
      /* more of the grammar */
      {"1,234", CM_NUMBER_OK, 1234.0},
      {"1,000,000.25", CM_NUMBER_OK, 1000000.25},
      {"1,234e3", CM_NUMBER_OK, 1234000.0},
      {"1.5e+3", CM_NUMBER_OK, 1500.0},
      {"1E3", CM_NUMBER_OK, 1000.0},
      {"+.5", CM_NUMBER_OK, 0.5},
      {"1.", CM_NUMBER_OK, 1.0},
      {"0007", CM_NUMBER_OK, 7.0},
      {"-0.0", CM_NUMBER_OK, 0.0},
      {"1e-400", CM_NUMBER_OK, 0.0}, /* underflows to zero: finite, not negative */
      {"+", CM_NUMBER_SYNTAX, 0},
      {"-", CM_NUMBER_SYNTAX, 0},
      {"e5", CM_NUMBER_SYNTAX, 0},
      {"1e1.5", CM_NUMBER_SYNTAX, 0},
      {"1e+", CM_NUMBER_SYNTAX, 0},
      {" 1", CM_NUMBER_SYNTAX, 0}, /* fields are trimmed before they are parsed */
      {"1_000", CM_NUMBER_SYNTAX, 0},
      {"1'000", CM_NUMBER_SYNTAX, 0},
      {"1,5", CM_NUMBER_SYNTAX, 0}, /* a decimal comma is not a thousands separator */
      {"1,2345", CM_NUMBER_SYNTAX, 0},
      {"1,,234", CM_NUMBER_SYNTAX, 0},
      {"1,234,", CM_NUMBER_SYNTAX, 0},
      {"1.234,5", CM_NUMBER_SYNTAX, 0},
      {"+-1", CM_NUMBER_SYNTAX, 0},
      {"--1", CM_NUMBER_SYNTAX, 0},
      {"-nan", CM_NUMBER_SYNTAX, 0},
      {"NaN", CM_NUMBER_SYNTAX, 0},
      {"1e308", CM_NUMBER_OK, 1e308},
      {"1.8e308", CM_NUMBER_RANGE, 0},
      {"-1e999", CM_NUMBER_RANGE, 0},
      {"٣", CM_NUMBER_SYNTAX, 0}, /* Arabic-Indic digit */
      {"１.５", CM_NUMBER_SYNTAX, 0},
      {"12亿", CM_NUMBER_SYNTAX, 0},
      {"$5", CM_NUMBER_SYNTAX, 0},
  };
  return cr_make_param_array(NumberCase, cases, G_N_ELEMENTS(cases));
}

ParameterizedTest(NumberCase *c, number, grammar)
{
  double v = -42;
  CmNumberResult r = cm_number_parse(c->text, &v);
  cr_assert_eq(r, c->result, "'%s': got %s, expected %s", c->text, cm_number_result_describe(r),
               cm_number_result_describe(c->result));
  if (r == CM_NUMBER_OK) {
    cr_assert(v == c->value || fabs(v - c->value) <= 1e-12 * fabs(c->value), "'%s' parsed as %.17g",
              c->text, v);
    cr_assert(!signbit(v), "'%s' parsed as negative zero", c->text);
  }
}

/* One rule for every length (docs/formats.md): rounded to the nearest double; only a value
 * past the largest double is out of range, and an underflow reads as 0. */
Test(number, long_digit_strings_round_like_short_ones)
{
  char digits[400];
  memset(digits, '0', sizeof digits - 1);
  digits[0] = '1';
  digits[101] = '\0'; /* 1 and 100 zeros: 1e100 */
  double v = 0;
  cr_assert_eq(cm_number_parse(digits, &v), CM_NUMBER_OK);
  cr_assert_eq(v, 1e100);
  memset(digits, '9', sizeof digits - 1);
  digits[sizeof digits - 1] = '\0'; /* 399 nines: about 1e399, past 1.8e308 */
  cr_assert_eq(cm_number_parse(digits, &v), CM_NUMBER_RANGE);
  char frac[400] = "0.";
  memset(frac + 2, '5', sizeof frac - 3);
  frac[sizeof frac - 1] = '\0'; /* 0.555...5: nearest double to 5/9 */
  cr_assert_eq(cm_number_parse(frac, &v), CM_NUMBER_OK);
  cr_assert_float_eq(v, 5.0 / 9.0, 1e-15);
  cr_assert_eq(cm_number_parse("1e-400", &v), CM_NUMBER_OK);
  cr_assert_eq(v, 0.0);
}

Test(number, common_spreadsheet_mistakes_are_explained)
{
  struct {
    const char *text, *says;
  } cases[] = {
      {"１２", "as 12"},           {"１，２００", "as 1,200"}, {"6000万", "'万' is a unit"},
      {"3.5亿", "'亿' is a unit"}, {"50%", "a percentage"},    {"1,23", "as 1.23"},
      {"0,5", "as 0.5"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    double v;
    cr_assert_eq(cm_number_parse(cases[i].text, &v), CM_NUMBER_SYNTAX, "%s", cases[i].text);
    g_autofree char *why = cm_number_mistake(cases[i].text);
    cr_assert(why && strstr(why, cases[i].says), "%s: %s", cases[i].text, why ? why : "(none)");
  }
  g_autofree char *none = cm_number_mistake("abc");
  cr_assert_null(none);
}

Test(number, every_result_has_a_description)
{
  for (int r = CM_NUMBER_OK; r <= CM_NUMBER_RANGE; r++)
    cr_assert_str_neq(cm_number_result_describe((CmNumberResult)r), "?");
}

Test(number, parsing_ignores_the_locale_decimal_point)
{
  /* a program running under de_DE would otherwise read "2.5" as 2 */
  const char *old = setlocale(LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup(old);
  if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8"))
    cr_skip_test("no locale with a decimal comma installed");
  double v = 0;
  cr_assert_eq(cm_number_parse("2.5", &v), CM_NUMBER_OK);
  cr_assert_eq(v, 2.5);
  setlocale(LC_NUMERIC, saved);
}

Test(number, year_is_a_whole_number)
{
  gint32 y = 0;
  cr_assert(cm_year_parse("2024", &y) && y == 2024);
  cr_assert(cm_year_parse("2024.0", &y) && y == 2024, "pandas and Excel write 2024.0");
  cr_assert(cm_year_parse("2024.00", &y) && y == 2024);
  cr_assert(cm_year_parse("2024年", &y) && y == 2024);
  cr_assert_not(cm_year_parse("2024.5", &y));
  cr_assert_not(cm_year_parse("-5", &y), "a year is positive");
  cr_assert_not(cm_year_parse("0", &y));
  cr_assert_not(cm_year_parse("20x4", &y));
  cr_assert_not(cm_year_parse("", &y));
  cr_assert(cm_year_parse("+2025", &y) && y == 2025);
  cr_assert(cm_year_parse("550000", &y) && y == 550000, "six digits");
  cr_assert_not(cm_year_parse("1234567", &y), "at most six digits");
  cr_assert_not(cm_year_parse("2,024", &y), "no separators");
  cr_assert_not(cm_year_parse(" 2024", &y));
  cr_assert_not(cm_year_parse("-", &y));
}
