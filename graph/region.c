#include "cm_region.h"

#include <string.h>

char *
cm_region_normalize(const char *region)
{
  g_return_val_if_fail(region != NULL, NULL);
  g_auto(GStrv) parts = g_strsplit(region, "/", -1);
  /* an empty part (leading, trailing or doubled '/') is not a region level: without this,
   * region=Fujian/Ningde/ would make no enterprise local */
  GString *out = g_string_new(NULL);
  for (guint i = 0; parts[i]; i++) {
    const char *part = g_strstrip(parts[i]);
    if (*part == '\0')
      continue;
    if (out->len)
      g_string_append_c(out, '/');
    g_string_append(out, part);
  }
  return g_string_free(out, FALSE);
}

gboolean
cm_region_is_local(const char *region, const char *study)
{
  g_return_val_if_fail(region && study, FALSE);
  g_autofree char *r = cm_region_normalize(region);
  g_autofree char *s = cm_region_normalize(study);
  size_t n = strlen(s);
  if (n == 0)
    return FALSE;
  return strncmp(r, s, n) == 0 && (r[n] == '\0' || r[n] == '/');
}
