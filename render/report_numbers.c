/* How numbers read in reports: money and percentages for people, shortest exact decimals for
 * machines. A report may format millions of figures, so the common cases avoid printf and the
 * heap while writing exactly what printf would. */
#include "report_format.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* g_ascii_formatd(buf, size, "%.1f", v). For |v| < 1e15, v * 10 is exact in a long double of 64
 * significand bits (53 + 4 bits), so rounding it to an integer rounds as printf does (to nearest,
 * ties to even, on the exact binary value). */
static void
fixed1(char *buf, gsize size, double v)
{
#if LDBL_MANT_DIG >= 64
  if (isfinite(v) && fabs(v) < 1e15) {
    guint64 m = (guint64)fabsl(rintl((long double)v * 10.0L));
    char tmp[32], *p = tmp + sizeof tmp;
    *--p = '\0';
    *--p = (char)('0' + m % 10);
    *--p = '.';
    m /= 10;
    do {
      *--p = (char)('0' + m % 10);
      m /= 10;
    } while (m > 0);
    if (signbit(v))
      *--p = '-';
    g_strlcpy(buf, p, size);
    return;
  }
#endif
  g_ascii_formatd(buf, (gint)size, "%.1f", v);
}

const char *
cm_report__one_decimal_buf(char *buf, const char *format, double v)
{
  const char *conv = strstr(format, "%.1f");
  if (conv && !memchr(format, '%', (gsize)(conv - format)) && !strchr(conv + 4, '%')) {
    char digits[G_ASCII_DTOSTR_BUF_SIZE];
    fixed1(digits, sizeof digits, v);
    gsize before = (gsize)(conv - format), n = strlen(digits), after = strlen(conv + 4);
    if (before + n + after < CM_REPORT_NUMBER_BUF) {
      memcpy(buf, format, before);
      memcpy(buf + before, digits, n);
      memcpy(buf + before + n, conv + 4, after + 1);
      return buf;
    }
  }
  g_snprintf(buf, CM_REPORT_NUMBER_BUF, format, v); /* another shape, or too long */
  return buf;
}

/* Copies a plain decimal ("-1234.5") into out with thousands separators in its integer part. */
static void
group_thousands(char *out, const char *plain)
{
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *dot = strchr(digits, '.');
  gsize n = dot ? (gsize)(dot - digits) : strlen(digits);
  if (plain[0] == '-')
    *out++ = '-';
  for (gsize i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      *out++ = ',';
    *out++ = digits[i];
  }
  strcpy(out, dot ? dot : "");
}

const char *
cm_report__money_buf(char *buf, double v)
{
  char plain[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite(v))
    return strcpy(buf, "n/a");
  if (v != 0 && fabs(v) < 0.05) {
    g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2g", v);
    if (!strchr(buf, 'e'))
      return buf;
  }
  if (fabs(v) >= 1e15)
    return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.4g", v);
  fixed1(plain, sizeof plain, v);
  if (strcmp(plain, "-0.0") == 0)
    return strcpy(buf, "0.0");
  group_thousands(buf, plain);
  return buf;
}

char *
cm_report__money(double v)
{
  char buf[CM_REPORT_NUMBER_BUF];
  return g_strdup(cm_report__money_buf(buf, v));
}

/* ratio * 100 with decimals decimals, trailing zeros dropped, and "%". */
static const char *
percent_digits(char *out, double ratio, int decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (decimals == 1) {
    fixed1(buf, sizeof buf, ratio * 100.0);
  } else {
    char fmt[8];
    g_snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    g_ascii_formatd(buf, sizeof buf, fmt, ratio * 100.0);
  }
  if (strchr(buf, '.')) {
    char *end = buf + strlen(buf);
    while (end[-1] == '0')
      *--end = '\0';
    if (end[-1] == '.')
      end[-1] = '\0';
  }
  gsize len = g_strlcpy(out, buf, CM_REPORT_NUMBER_BUF - 1);
  strcpy(out + MIN(len, CM_REPORT_NUMBER_BUF - 2), "%");
  return out;
}

const char *
cm_report__percent_buf(char *buf, double ratio)
{
  if (!isfinite(ratio))
    return strcpy(buf, "n/a");
  return percent_digits(buf, ratio, 1);
}

char *
cm_report__percent(double ratio)
{
  char buf[CM_REPORT_NUMBER_BUF];
  return g_strdup(cm_report__percent_buf(buf, ratio));
}

char *
cm_report__percent_vs(double ratio, double threshold)
{
  char text[CM_REPORT_NUMBER_BUF], limit[CM_REPORT_NUMBER_BUF];
  if (!isfinite(ratio))
    return g_strdup("n/a");
  /* a ratio 0.2 points or more from the threshold cannot round to it at one decimal: the limit
   * (threshold at 6 decimals, printf twice) is needed only nearer */
  if (fabs(ratio - threshold) >= 0.002)
    return g_strdup(percent_digits(text, ratio, 1));
  percent_digits(limit, threshold, 6);
  for (int decimals = 1; decimals < 6; decimals++) {
    percent_digits(text, ratio, decimals);
    if (ratio == threshold || strcmp(text, limit) != 0)
      return g_strdup(text);
  }
  return g_strdup(percent_digits(text, ratio, 6));
}

/* Significant digits of a %g text ("1.2340e+05" has 4), trailing zeros not counted. */
static int
significant_digits(const char *text)
{
  int n = 0, zeros = 0;
  gboolean leading = TRUE;
  for (const char *p = text; *p && *p != 'e'; p++) {
    if (!g_ascii_isdigit(*p) || (leading && *p == '0'))
      continue;
    leading = FALSE;
    zeros = *p == '0' ? zeros + 1 : 0;
    n++;
  }
  return n - zeros;
}

const char *
cm_report__number_buf(char *buf, double v)
{
  const gsize size = G_ASCII_DTOSTR_BUF_SIZE;
  char fmt[8];
  /* %g would write 80 as "8e+01" */
  if (v == floor(v) && fabs(v) < 1e17)
    return g_ascii_formatd(buf, size, "%.0f", v);
  int prec = 1;
  /* The answer is the fewest digits that read back as v. A normal double rounded to 15 digits
   * reads back as the same 15 digits (DBL_DIG), so when those read back as v, no shorter text
   * can, and the answer has exactly as many digits as they have short of trailing zeros. */
  if (isfinite(v) && fabs(v) >= DBL_MIN) {
    g_ascii_formatd(buf, size, "%.15g", v);
    prec = g_ascii_strtod(buf, NULL) == v ? significant_digits(buf) : 16;
  }
  for (; prec <= 17; prec++) {
    g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
    g_ascii_formatd(buf, size, fmt, v);
    if (g_ascii_strtod(buf, NULL) == v)
      break;
  }
  return buf;
}

char *
cm_report__number(double v)
{
  char buf[CM_REPORT_NUMBER_BUF];
  return g_strdup(cm_report__number_buf(buf, v));
}
