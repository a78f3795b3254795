/* libFuzzer target: the number grammar (cm_number_parse) and years (cm_year_parse).
 * Invariants: an accepted number is finite, >= 0 and not negative zero, and equals strtod of the
 * text with its '+' and thousands separators removed; only grammar characters are accepted; a
 * refused text leaves the output alone. An accepted year has 1 to 6 digits and equals strtol. */
#include "cm_number.h"
#include "fuzz_common.h"

#include <glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

/* Inputs longer than any sane number only repeat the long-text paths. */
#define MAX_TEXT 512

static void
check_number(const char *text)
{
  double value = -1.0;
  CmNumberResult res = cm_number_parse(text, &value);
  CM_FUZZ_CHECK(cm_number_result_describe(res) != NULL);
  if (res != CM_NUMBER_OK) {
    CM_FUZZ_CHECK(value == -1.0);
    CM_FUZZ_CHECK((res == CM_NUMBER_EMPTY) == (*text == '\0'));
    return;
  }
  CM_FUZZ_CHECK(isfinite(value) && value >= 0.0 && !signbit(value));
  CM_FUZZ_CHECK(strspn(text, "0123456789+-.,eE") == strlen(text));
  /* an independent reading: drop the sign and the separators, then strtod in the C locale */
  char plain[MAX_TEXT + 1];
  gsize n = 0;
  for (const char *p = text; *p; p++)
    if (*p != ',' && !(p == text && (*p == '+' || *p == '-')))
      plain[n++] = *p;
  plain[n] = '\0';
  char *end = NULL;
  double expect = g_ascii_strtod(plain, &end);
  CM_FUZZ_CHECK(*end == '\0');
  CM_FUZZ_CHECK(value == fabs(expect));
}

static void
check_year(const char *text)
{
  gint32 year = 12345678; /* outside what 6 digits can give */
  if (!cm_year_parse(text, &year)) {
    CM_FUZZ_CHECK(year == 12345678);
    return;
  }
  const char *digits = text + (*text == '+');
  gsize n = strspn(digits, "0123456789");
  CM_FUZZ_CHECK(n >= 1 && n <= 6 && year > 0);
  /* after the digits only the spreadsheet forms: ".000" or "年" */
  const char *rest = digits + n;
  CM_FUZZ_CHECK(strcmp(rest, "年") == 0 || *rest == '\0' ||
                (*rest == '.' && strspn(rest + 1, "0") == strlen(rest + 1)));
  CM_FUZZ_CHECK(year == (gint32)g_ascii_strtoll(digits, NULL, 10));
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  if (size > MAX_TEXT)
    return 0;
  char text[MAX_TEXT + 1];
  if (size > 0)
    memcpy(text, data, size);
  text[size] = '\0'; /* an embedded NUL ends the text, as in a C string field */
  check_number(text);
  check_year(text);
  return 0;
}
