/* The number grammar of SPEC section 1, used for every numeric field and ini value:
 * decimal digits with an optional fraction, an optional leading '+', an optional exponent, and
 * optional thousands separators ("1,234.5": groups of exactly three digits). Negative, NaN,
 * infinite, hexadecimal, out-of-range and trailing garbage are rejected. */
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

/* An integer year: optional sign and 1 to 6 digits, no separators. */
gboolean cm_year_parse(const char *text, gint32 *year);

G_END_DECLS
