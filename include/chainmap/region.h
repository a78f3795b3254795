/* chainmap: region paths such as "Fujian/Ningde/Jiaocheng" and the locality rule of SPEC section 1.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Canonical form: levels split on '/', each trimmed of white space, empty ones dropped, joined
 * with '/'. (transfer full) */
char *cm_region_normalize(const char *region);

/* TRUE when region equals study or begins with study followed by '/', ignoring spaces around
 * '/'. "Fujian/Ningde" is local to "Fujian/Ningde/Fu'an", not to "Fujian/Ningdex". */
gboolean cm_region_is_local(const char *region, const char *study);

G_END_DECLS
