/* "did you mean 'X'?" for unknown ids: the closest known id by edit distance. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Edit distance between two UTF-8 strings, counted in characters (insertions, deletions,
 * substitutions and swaps of two neighbours, case ignored); stops early and returns
 * bound + 1 once the distance exceeds bound. */
guint cm_edit_distance(const char *a, const char *b, guint bound);

/* The candidate closest to word, if close enough to be a likely typo (a case-only difference,
 * or at most one edit per three characters); NULL otherwise. */
const char *cm_suggest(const char *word, const char *const *candidates, gsize n);

G_END_DECLS
