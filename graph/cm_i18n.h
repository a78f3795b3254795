/* The language of everything chainmap writes for people: English or Simplified Chinese.
 * User-facing text is marked with _() (translate now) or N_() (a static table, translated where
 * it is used); the catalogue is GNU gettext's, domain GETTEXT_PACKAGE ("chainmap"). JSON keys,
 * CSV header rows and enum values in JSON/CSV are never marked: they are a contract. */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>

/* A message with a plural: NG_("1 link", "%u links", n) (xgettext keyword NG_:1,2). */
#define NG_(singular, plural, n) g_dngettext(GETTEXT_PACKAGE, singular, plural, n)

G_BEGIN_DECLS

typedef enum {
  CM_LANG_EN,
  CM_LANG_ZH,
} CmLang;

/* The language in force: the last cm_lang_set(), else the environment's (cm_lang_from_env).
 * cm_lang_set also makes gettext answer in that language, whatever the locale. */
CmLang cm_lang_get(void);
void cm_lang_set(CmLang lang);

/* Binds the catalogue (once) and returns its folder: next to the executable when not
 * installed, else the install prefix's share/locale. */
const char *cm_i18n_localedir(void);

/* SPEC section 3: the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set and non-empty
 * decides; zh when it starts with "zh", otherwise en. */
CmLang cm_lang_from_env(void);

/* Parses "zh" or "en" (case-insensitive); FALSE for anything else. */
gboolean cm_lang_parse(const char *text, CmLang *lang);

/* "zh" or "en". */
const char *cm_lang_code(CmLang lang);

G_END_DECLS
