/* chainmap: the language of everything chainmap writes for people (report prose, table headers,
 * map titles, messages): English or Simplified Chinese. JSON keys, CSV header rows and enum
 * values in JSON and CSV do not change with it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_LANG_EN,
  CM_LANG_ZH,
} CmLang;

/* The language in force: the last cm_lang_set(), else the environment's (cm_lang_from_env).
 * cm_lang_set also makes gettext answer in that language, whatever the locale. */
CmLang cm_lang_get(void);
void cm_lang_set(CmLang lang);

/* SPEC section 3: the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set and non-empty
 * decides; zh when it starts with "zh", otherwise en. */
CmLang cm_lang_from_env(void);

/* Parses "zh" or "en" (case-insensitive); FALSE for anything else. */
gboolean cm_lang_parse(const char *text, CmLang *lang);

/* "zh" or "en". */
const char *cm_lang_code(CmLang lang);

G_END_DECLS
