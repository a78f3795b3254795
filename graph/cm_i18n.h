/* The language of everything chainmap writes for people: English or Simplified Chinese.
 * User-facing text is marked with _() (translate now) or N_() (a static table, translated where
 * it is used); the catalogue is GNU gettext's, domain GETTEXT_PACKAGE ("chainmap"). JSON keys,
 * CSV header rows and enum values in JSON/CSV are never marked: they are a contract. The
 * language functions are public (chainmap/lang.h). */
#pragma once

#include <chainmap/lang.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

/* A message with a plural: NG_("1 link", "%u links", n) (xgettext keyword NG_:1,2). */
#define NG_(singular, plural, n) g_dngettext(GETTEXT_PACKAGE, singular, plural, n)

G_BEGIN_DECLS

/* Binds the catalogue (once) and returns its folder: next to the executable when not
 * installed, else the install prefix's share/locale. */
const char *cm_i18n_localedir(void);

G_END_DECLS
