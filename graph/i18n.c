#include "cm_i18n.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#ifndef CHAINMAP_LOCALEDIR
#define CHAINMAP_LOCALEDIR "/usr/local/share/locale"
#endif

static gboolean lang_chosen;
static CmLang lang_current;

/* The catalogue next to the executable (build tree: build/locale for build/chainmap and
 * build/tests/test_*; relocated install: bin/../share/locale), else the install prefix's. */
static char *
find_localedir(void)
{
  g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (exe) {
    g_autofree char *dir = g_path_get_dirname(exe);
    static const char *const rel[] = {"locale", "../locale", "../share/locale"};
    for (guint i = 0; i < G_N_ELEMENTS(rel); i++) {
      char *cand =
          g_build_filename(dir, rel[i], "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      gboolean found = g_file_test(cand, G_FILE_TEST_IS_REGULAR);
      g_free(cand);
      if (found)
        return g_build_filename(dir, rel[i], NULL);
    }
  }
  return g_strdup(CHAINMAP_LOCALEDIR);
}

const char *
cm_i18n_localedir(void)
{
  static char *dir;
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    dir = find_localedir();
    bindtextdomain(GETTEXT_PACKAGE, dir);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    g_once_init_leave(&done, 1);
  }
  return dir;
}

/* gettext ignores LANGUAGE under the C locale and the zh_CN locale may not be installed: a
 * UTF-8 LC_MESSAGES plus LANGUAGE picks the catalogue whatever the environment says. */
static void
apply_lang(CmLang lang)
{
  cm_i18n_localedir();
  const char *messages = setlocale(LC_MESSAGES, NULL);
  if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
    setlocale(LC_MESSAGES, "C.UTF-8");
  g_setenv("LANGUAGE", lang == CM_LANG_ZH ? "zh_CN" : "en", TRUE);
  /* A new LANGUAGE is noticed after the catalogue counter moves: textdomain() moves it. */
  textdomain(textdomain(NULL));
}

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
  if (!lang_chosen)
    cm_lang_set(cm_lang_from_env());
  return lang_current;
}

void
cm_lang_set(CmLang lang)
{
  lang_current = lang;
  lang_chosen = TRUE;
  apply_lang(lang);
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
