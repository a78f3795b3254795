/* Text encodings of dataset tables: UTF-8 (with or without BOM) and GB18030 (Chinese Excel). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_ENCODING_AUTO, /* UTF-8, or GB18030 with a warning when the file is not valid UTF-8 */
  CM_ENCODING_UTF8,
  CM_ENCODING_GB18030,
} CmEncoding;

gboolean cm_encoding_from_string(const char *s, CmEncoding *encoding);

G_END_DECLS
