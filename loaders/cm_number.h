/* The number grammar of SPEC section 1, used for every numeric field and ini value:
 * decimal digits with an optional fraction, an optional leading '+', an optional exponent, and
 * optional thousands separators ("1,234.5": groups of exactly three digits). Negative, NaN,
 * infinite, hexadecimal, out-of-range and trailing garbage are rejected. Any number of digits
 * is read and rounded to the nearest double: only a value beyond the largest double is out of
 * range (an underflow such as 1e-400 reads as 0). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_NUMBER_OK,
  CM_NUMBER_EMPTY,
  CM_NUMBER_SYNTAX,
  CM_NUMBER_NEGATIVE,
  CM_NUMBER_RANGE,
} CmNumberResult;

CmNumberResult cm_number_parse(const char *text, double *value);

/* Why a number was refused, e.g. "negative numbers are not allowed". */
const char *cm_number_result_describe(CmNumberResult result);

/* What is wrong with text that cm_number_parse refused, when it is a common spreadsheet habit
 * (full-width digits or comma, a unit such as 万/亿, a percentage, a decimal comma): a sentence
 * for the diagnostic, or NULL. (transfer full) */
char *cm_number_mistake(const char *text);

/* cm_number_result_describe and, for a syntax error, the mistake: "not a decimal number; '万'
 * is a unit: ...". (transfer full) */
char *cm_number_explain(const char *text, CmNumberResult result);

/* A year: a whole number from 1 to 999999 (optional '+'; 1 to 6 digits), also in the forms
 * spreadsheets write for it: 2024.0 (any zeros after the point) and 2024年. No sign '-', no
 * separators. */
gboolean cm_year_parse(const char *text, gint32 *year);

G_END_DECLS
