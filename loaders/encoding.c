#include "cm_encoding.h"

gboolean
cm_encoding_from_string(const char *s, CmEncoding *encoding)
{
  if (g_ascii_strcasecmp(s, "auto") == 0 || *s == '\0')
    *encoding = CM_ENCODING_AUTO;
  else if (g_ascii_strcasecmp(s, "utf-8") == 0 || g_ascii_strcasecmp(s, "utf8") == 0)
    *encoding = CM_ENCODING_UTF8;
  else if (g_ascii_strcasecmp(s, "gb18030") == 0)
    *encoding = CM_ENCODING_GB18030;
  else
    return FALSE;
  return TRUE;
}
