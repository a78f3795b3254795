/* The dataset's money unit as people of the language in force write it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "100 million CNY" reads 亿元 in Chinese and 亿元 reads "100 million CNY" in English (likewise
 * 万元, 百万元, 元); any other unit is shown as the dataset gives it. Borrowed. */
const char *cm_unit_display(const char *unit);

G_END_DECLS
