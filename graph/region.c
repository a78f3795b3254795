#include "cm_region.h"

#include <string.h>

char *
cm_region_normalize(const char *region)
{
  g_return_val_if_fail(region != NULL, NULL);
  g_auto(GStrv) parts = g_strsplit(region, "/", -1);
  for (guint i = 0; parts[i]; i++)
    g_strstrip(parts[i]);
  char *joined = g_strjoinv("/", parts);
  /* a leading or trailing '/' is not a region level */
  return joined;
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
