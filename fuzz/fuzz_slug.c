/* libFuzzer target: safe file names for batch output (render/slug.c). The input is one name for
 * cm_slug and, split on line breaks, the names handed to one CmSlugSet (as batch names a
 * dataset's files). Checks cm_slug.h's promises: a slug is non-empty valid UTF-8 of at most
 * CM_SLUG_MAX_BYTES bytes, without '/', '\', "..", control characters or a leading dot, and is
 * its own slug (a safe name stays as it is); a set never hands out a name twice nor a reserved
 * one. */
#include "cm_slug.h"
#include "fuzz_common.h"

#include <string.h>

#define MAX_TEXT 4096
#define MAX_NAMES 64

static void
check_safe(const char *slug)
{
  gsize len = strlen(slug);
  CM_FUZZ_CHECK(len > 0 && len <= CM_SLUG_MAX_BYTES);
  CM_FUZZ_CHECK(g_utf8_validate(slug, -1, NULL));
  CM_FUZZ_CHECK(slug[0] != '.');
  CM_FUZZ_CHECK(!strchr(slug, '/') && !strchr(slug, '\\') && !strstr(slug, ".."));
  for (const char *p = slug; *p; p = g_utf8_next_char(p))
    CM_FUZZ_CHECK(!g_unichar_iscntrl(g_utf8_get_char(p)));
}

static void
check_slug(const char *name)
{
  g_autofree char *slug = cm_slug(name);
  check_safe(slug);
  g_autofree char *again = cm_slug(slug);
  CM_FUZZ_CHECK(strcmp(again, slug) == 0);
}

static void
check_set(char *text)
{
  g_autoptr(CmSlugSet) set = cm_slug_set_new();
  cm_slug_set_reserve(set, "index.html");
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  g_auto(GStrv) names = g_strsplit(text, "\n", MAX_NAMES);
  for (guint i = 0; names[i]; i++) {
    const char *slug = cm_slug_set_take(set, names[i]);
    check_safe(slug);
    CM_FUZZ_CHECK(strcmp(slug, "index.html") != 0);
    CM_FUZZ_CHECK(!g_hash_table_contains(seen, slug));
    g_hash_table_add(seen, (gpointer)slug); /* borrowed from set, freed after seen */
  }
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  if (size > MAX_TEXT)
    return 0;
  char text[MAX_TEXT + 1];
  if (size > 0)
    memcpy(text, data, size);
  text[size] = '\0'; /* names are C strings: a NUL ends the input */
  check_slug(text);
  check_set(text);
  return 0;
}
