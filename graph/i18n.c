#include "cm_i18n.h"

#include <string.h>

static gboolean lang_chosen;
static CmLang lang_current;

CmLang
cm_lang_from_env(void)
{
  static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
  for (guint i = 0; i < G_N_ELEMENTS(vars); i++) {
    const char *value = g_getenv(vars[i]);
    if (value && *value)
      return g_ascii_strncasecmp(value, "zh", 2) == 0 ? CM_LANG_ZH : CM_LANG_EN;
  }
  return CM_LANG_EN;
}

CmLang
cm_lang_get(void)
{
  if (!lang_chosen) {
    lang_current = cm_lang_from_env();
    lang_chosen = TRUE;
  }
  return lang_current;
}

void
cm_lang_set(CmLang lang)
{
  lang_current = lang;
  lang_chosen = TRUE;
}

gboolean
cm_lang_parse(const char *text, CmLang *lang)
{
  if (g_ascii_strcasecmp(text, "zh") == 0)
    *lang = CM_LANG_ZH;
  else if (g_ascii_strcasecmp(text, "en") == 0)
    *lang = CM_LANG_EN;
  else
    return FALSE;
  return TRUE;
}

const char *
cm_lang_code(CmLang lang)
{
  return lang == CM_LANG_ZH ? "zh" : "en";
}
