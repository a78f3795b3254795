#include "unit_text.h"
#include "cm_i18n.h"

#include <string.h>

static const struct {
  const char *zh;
  const char *en;
  const char *aliases[6]; /* other spellings, matched case-insensitively */
} units[] = {
    {"亿元", "100 million CNY", {"100 million yuan", "100m cny", "100 million rmb", "亿", NULL}},
    {"万元", "10,000 CNY", {"10 thousand cny", "10000 cny", "10,000 yuan", "万", NULL}},
    {"百万元", "million CNY", {"million yuan", "1 million cny", "mn cny", NULL}},
    {"元", "CNY", {"yuan", "rmb", NULL}},
};

const char *
cm_unit_display(const char *unit)
{
  if (!unit)
    return "";
  g_autofree char *trimmed = g_strstrip(g_strdup(unit));
  gboolean zh = cm_lang_get() == CM_LANG_ZH;
  for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
    gboolean match =
        strcmp(trimmed, units[i].zh) == 0 || g_ascii_strcasecmp(trimmed, units[i].en) == 0;
    for (guint k = 0; !match && units[i].aliases[k]; k++)
      match = g_ascii_strcasecmp(trimmed, units[i].aliases[k]) == 0;
    if (match)
      return zh ? units[i].zh : units[i].en;
  }
  return unit;
}
