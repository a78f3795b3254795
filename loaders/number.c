#include "cm_number.h"
#include "cm_i18n.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* strtod in the C locale whatever LC_NUMERIC the program runs under. */
static locale_t
c_locale(void)
{
  static locale_t loc;
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    g_once_init_leave(&done, 1);
  }
  return loc;
}

static gboolean
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

/* Clinger's fast path: plain digits with an optional fraction, whose digits form an integer below
 * 2^53 and whose fraction has at most 22 digits. Both the integer and the power of ten are then
 * exact doubles, so one IEEE division is correctly rounded: the same double strtod gives.
 * Returns FALSE for anything else (separators, exponents, long numbers). */
static gboolean
parse_simple(const char *p, double *value)
{
  static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  guint64 m = 0;
  guint digits = 0, frac = 0;
  for (; is_digit(*p); p++, digits++)
    m = m * 10 + (guint64)(*p - '0');
  if (*p == '.')
    for (p++; is_digit(*p); p++, digits++, frac++)
      m = m * 10 + (guint64)(*p - '0');
  if (*p != '\0' || digits == 0 || digits > 19 || frac > 22 || m > (G_GUINT64_CONSTANT(1) << 53))
    return FALSE;
  *value = (double)m / pow10[frac];
  return TRUE;
}

CmNumberResult
cm_number_parse(const char *text, double *value)
{
  const char *p = text;
  if (*p == '\0')
    return CM_NUMBER_EMPTY;
  {
    const char *q = p + (*p == '+' || *p == '-');
    double v;
    if (parse_simple(q, &v)) {
      if (*p == '-' && v != 0.0)
        return CM_NUMBER_NEGATIVE;
      *value = v; /* never negative zero: the sign is not applied */
      return CM_NUMBER_OK;
    }
  }
  gboolean negative = FALSE;
  if (*p == '+' || *p == '-') {
    negative = *p == '-';
    p++;
  }
  /* Copy without thousands separators. One rule for every length (docs/formats.md): the value is
   * rounded to the nearest double, so 100 digits read as 1e99 and 1e-400 as 0; only a value
   * beyond the largest double is out of range. */
  size_t cap = strlen(p) + 2;
  char small[128];
  g_autofree char *big = cap > sizeof small ? g_malloc(cap) : NULL;
  char *buf = big ? big : small;
  size_t n = 0;
  guint int_digits = 0, group = 0;
  gboolean grouped = FALSE;
  for (; is_digit(*p) || *p == ','; p++) {
    if (*p == ',') {
      /* the first group has 1-3 digits and no leading zero ("0,5" is a decimal comma, not
       * five), every later group exactly 3 */
      if (int_digits == 0 || (grouped ? group != 3 : group > 3) || buf[0] == '0')
        return CM_NUMBER_SYNTAX;
      grouped = TRUE;
      group = 0;
      continue;
    }
    buf[n++] = *p;
    int_digits++;
    group++;
  }
  if (grouped && group != 3)
    return CM_NUMBER_SYNTAX;
  guint frac_digits = 0;
  if (*p == '.') {
    buf[n++] = *p++;
    for (; is_digit(*p); p++) {
      buf[n++] = *p;
      frac_digits++;
    }
  }
  if (int_digits + frac_digits == 0)
    return CM_NUMBER_SYNTAX;
  if (*p == 'e' || *p == 'E') {
    buf[n++] = *p++;
    if (*p == '+' || *p == '-')
      buf[n++] = *p++;
    guint exp_digits = 0;
    for (; is_digit(*p); p++) {
      buf[n++] = *p;
      exp_digits++;
    }
    if (exp_digits == 0)
      return CM_NUMBER_SYNTAX;
  }
  if (*p != '\0')
    return CM_NUMBER_SYNTAX;
  buf[n] = '\0';
  double v = strtod_l(buf, NULL, c_locale());
  if (!isfinite(v))
    return CM_NUMBER_RANGE;
  if (negative && v != 0.0)
    return CM_NUMBER_NEGATIVE;
  *value = v == 0.0 ? 0.0 : v; /* no negative zero */
  return CM_NUMBER_OK;
}

const char *
cm_number_result_describe(CmNumberResult result)
{
  switch (result) {
  case CM_NUMBER_OK:
    return "ok";
  case CM_NUMBER_EMPTY:
    return _("empty");
  case CM_NUMBER_SYNTAX:
    return _("not a decimal number");
  case CM_NUMBER_NEGATIVE:
    return _("negative numbers are not allowed");
  case CM_NUMBER_RANGE:
    return _("out of range");
  }
  return "?";
}

/* Full-width digits and punctuation (U+FF10..U+FF19, U+FF0C, U+FF0E) as ASCII; NULL when text
 * has none. (transfer full) */
static char *
ascii_digits(const char *text)
{
  gboolean changed = FALSE;
  GString *out = g_string_new(NULL);
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c >= 0xFF10 && c <= 0xFF19)
      g_string_append_c(out, (char)('0' + (c - 0xFF10))), changed = TRUE;
    else if (c == 0xFF0C)
      g_string_append_c(out, ','), changed = TRUE;
    else if (c == 0xFF0E)
      g_string_append_c(out, '.'), changed = TRUE;
    else
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
  }
  if (!changed) {
    g_string_free(out, TRUE);
    return NULL;
  }
  return g_string_free(out, FALSE);
}

char *
cm_number_mistake(const char *text)
{
  double v;
  g_autofree char *ascii = ascii_digits(text);
  if (ascii && cm_number_parse(ascii, &v) == CM_NUMBER_OK)
    return g_strdup_printf(_("full-width digits or commas: type it with ASCII ones, as %s"), ascii);
  const char *t = ascii ? ascii : text;
  static const char *const units[] = {"万元", "亿元", "万", "亿", "元"};
  for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
    if (g_str_has_suffix(t, units[i]) && strlen(t) > strlen(units[i])) {
      g_autofree char *figure = g_strndup(t, strlen(t) - strlen(units[i]));
      if (cm_number_parse(g_strstrip(figure), &v) == CM_NUMBER_OK)
        return g_strdup_printf(_("'%s' is a unit: write the figure alone, converted to the "
                                 "dataset's unit (unit= in dataset.ini)"),
                               units[i]);
    }
  }
  if (g_str_has_suffix(t, "%") || g_str_has_suffix(t, "％"))
    return g_strdup(_("a percentage is not an amount: write the value in the dataset's unit "
                      "(unit= in dataset.ini)"));
  const char *comma = strchr(t, ',');
  if (comma && !strchr(comma + 1, ',') && !strchr(t, '.')) {
    g_autofree char *dot = g_strdup(t);
    dot[comma - t] = '.';
    if (cm_number_parse(dot, &v) == CM_NUMBER_OK)
      return g_strdup_printf(_("',' only separates thousands (1,234): write a decimal with a "
                               "point, as %s"),
                             dot);
  }
  return NULL;
}

char *
cm_number_explain(const char *text, CmNumberResult result)
{
  g_autofree char *mistake = result == CM_NUMBER_SYNTAX ? cm_number_mistake(text) : NULL;
  if (mistake)
    return g_strdup_printf("%s; %s", cm_number_result_describe(result), mistake);
  return g_strdup(cm_number_result_describe(result));
}

gboolean
cm_year_parse(const char *text, gint32 *year)
{
  const char *p = text;
  if (*p == '+')
    p++;
  gint32 v = 0;
  guint digits = 0;
  for (; is_digit(*p); p++, digits++) {
    if (digits >= 6)
      return FALSE;
    v = v * 10 + (*p - '0');
  }
  if (digits == 0 || v == 0)
    return FALSE;
  /* what spreadsheets write for a whole year: 2024.0 (pandas, Excel's number format), 2024年 */
  if (*p == '.') {
    for (p++; *p == '0'; p++)
      ;
  } else if (strcmp(p, "年") == 0) {
    p += strlen("年");
  }
  if (*p != '\0')
    return FALSE;
  *year = v;
  return TRUE;
}
