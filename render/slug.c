#include "cm_slug.h"

#include <string.h>

/* Characters that are unsafe or awkward in file names on some system. */
static gboolean
is_separator(gunichar c)
{
  return c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
         c == '>' || c == '|' || c == '#' || c == '%' || c == '&' || c == '\'' || c == '`' ||
         c == ';' || c == ',' || c == '=' || c == '+' || c == '!' || c == '$' || c == '{' ||
         c == '}' || c == '[' || c == ']' || c == '(' || c == ')' || c == '@' || c == '~' ||
         g_unichar_isspace(c) || c == 0x3000;
}

/* Cuts s to at most max bytes without splitting a character. */
static void
truncate_utf8(GString *s, gsize max)
{
  gsize keep = 0;
  for (const char *p = s->str; *p;) {
    const char *next = g_utf8_next_char(p);
    if ((gsize)(next - s->str) > max)
      break;
    keep = (gsize)(next - s->str);
    p = next;
  }
  g_string_truncate(s, keep);
}

static void
trim_dashes(GString *s)
{
  while (s->len && (s->str[s->len - 1] == '-' || s->str[s->len - 1] == '.'))
    g_string_truncate(s, s->len - 1);
  gsize lead = 0;
  while (lead < s->len && (s->str[lead] == '-' || s->str[lead] == '.'))
    lead++;
  g_string_erase(s, 0, (gssize)lead);
}

char *
cm_slug(const char *name)
{
  g_autofree char *valid = g_utf8_make_valid(name ? name : "", -1);
  GString *s = g_string_new(NULL);
  gboolean dash = FALSE, dot = FALSE;
  for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_iscntrl(c) || g_unichar_type(c) == G_UNICODE_FORMAT || c == 0xFFFD ||
        !g_unichar_isdefined(c))
      continue;
    if (is_separator(c) || (c == '.' && dot)) { /* ".." never survives */
      if (!dash && s->len)
        g_string_append_c(s, '-');
      dash = TRUE;
      dot = FALSE;
      continue;
    }
    if (c < 0x80)
      g_string_append_c(s, g_ascii_tolower((char)c));
    else
      g_string_append_unichar(s, c);
    dash = FALSE;
    dot = c == '.';
  }
  trim_dashes(s);
  truncate_utf8(s, CM_SLUG_MAX_BYTES);
  trim_dashes(s);
  if (s->len == 0)
    g_string_assign(s, "item");
  return g_string_free(s, FALSE);
}

struct _CmSlugSet {
  GHashTable *taken; /* owned strings */
};

CmSlugSet *
cm_slug_set_new(void)
{
  CmSlugSet *set = g_new0(CmSlugSet, 1);
  set->taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return set;
}

void
cm_slug_set_free(CmSlugSet *set)
{
  if (!set)
    return;
  g_hash_table_destroy(set->taken);
  g_free(set);
}

void
cm_slug_set_reserve(CmSlugSet *set, const char *name)
{
  g_hash_table_add(set->taken, g_strdup(name));
}

const char *
cm_slug_set_take(CmSlugSet *set, const char *name)
{
  g_autofree char *base = cm_slug(name);
  char *candidate = g_strdup(base);
  for (guint n = 2; g_hash_table_contains(set->taken, candidate); n++) {
    g_free(candidate);
    char suffix[16];
    g_snprintf(suffix, sizeof suffix, "-%u", n);
    GString *s = g_string_new(base);
    truncate_utf8(s, CM_SLUG_MAX_BYTES - strlen(suffix));
    g_string_append(s, suffix);
    candidate = g_string_free(s, FALSE);
  }
  g_hash_table_add(set->taken, candidate);
  return candidate;
}
