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
  /* Copy without thousands separators into a bounded buffer; longer is not a sane number. */
  char buf[128];
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
    if (n >= sizeof buf - 32)
      return CM_NUMBER_RANGE;
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
      if (n >= sizeof buf - 16)
        return CM_NUMBER_RANGE;
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
      if (n >= sizeof buf - 1)
        return CM_NUMBER_RANGE;
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

gboolean
cm_year_parse(const char *text, gint32 *year)
{
  const char *p = text;
  gboolean negative = FALSE;
  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  gint32 v = 0;
  guint digits = 0;
  for (; is_digit(*p); p++, digits++) {
    if (digits >= 6)
      return FALSE;
    v = v * 10 + (*p - '0');
  }
  if (digits == 0 || *p != '\0')
    return FALSE;
  *year = negative ? -v : v;
  return TRUE;
}
