/* Safe file names from dataset and enterprise names: no '/', '\', "..", control characters or
 * leading dot, at most CM_SLUG_MAX_BYTES bytes cut on a UTF-8 boundary, CJK kept. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CM_SLUG_MAX_BYTES 120

/* The slug of name; "item" when nothing usable is left. (transfer full) */
char *cm_slug(const char *name);

/* Hands out slugs that are unique within one folder: the second "x" becomes "x-2", and so on,
 * in the order asked (so the same inputs give the same names). */
typedef struct _CmSlugSet CmSlugSet;
CmSlugSet *cm_slug_set_new(void);
void cm_slug_set_free(CmSlugSet *set);
/* Reserves a name that is taken already (e.g. "index.html"). */
void cm_slug_set_reserve(CmSlugSet *set, const char *name);
/* The unique slug of name; borrowed, valid as long as the set. */
const char *cm_slug_set_take(CmSlugSet *set, const char *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmSlugSet, cm_slug_set_free)

G_END_DECLS
