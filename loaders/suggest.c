#include "cm_suggest.h"

#include <string.h>

#define MAX_CHARS 128

static glong
to_chars(const char *s, gunichar *out)
{
  glong n = 0;
  for (const char *p = s; *p && n < MAX_CHARS; p = g_utf8_next_char(p))
    out[n++] = g_unichar_tolower(g_utf8_get_char(p));
  return n;
}

guint
cm_edit_distance(const char *a, const char *b, guint bound)
{
  gunichar ca[MAX_CHARS], cb[MAX_CHARS];
  glong la = to_chars(a, ca), lb = to_chars(b, cb);
  if ((guint)ABS(la - lb) > bound)
    return bound + 1;
  /* Damerau-Levenshtein (optimal string alignment): a swap of two neighbours is one edit, as
   * typing "ctal" for "catl" is one slip; three rows: the one before last, the last, this one */
  guint rows[3][MAX_CHARS + 1];
  guint *before = rows[0], *last = rows[1], *cur = rows[2];
  for (glong j = 0; j <= lb; j++)
    last[j] = (guint)j;
  for (glong i = 1; i <= la; i++) {
    guint best = cur[0] = (guint)i;
    for (glong j = 1; j <= lb; j++) {
      guint v =
          MIN(MIN(last[j] + 1, cur[j - 1] + 1), last[j - 1] + (ca[i - 1] == cb[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] && ca[i - 2] == cb[j - 1])
        v = MIN(v, before[j - 2] + 1);
      cur[j] = v;
      best = MIN(best, v);
    }
    if (best > bound)
      return bound + 1;
    guint *t = before;
    before = last;
    last = cur;
    cur = t;
  }
  return last[lb];
}

const char *
cm_suggest(const char *word, const char *const *candidates, gsize n)
{
  glong len = g_utf8_strlen(word, -1);
  guint bound = MAX(1, (guint)len / 3);
  const char *best = NULL;
  guint best_d = bound + 1;
  size_t wbytes = strlen(word);
  for (gsize i = 0; i < n; i++) {
    const char *c = candidates[i];
    size_t cbytes = strlen(c);
    /* a character is at most 4 bytes: a cheap filter before the real distance */
    if ((cbytes > wbytes ? cbytes - wbytes : wbytes - cbytes) > 4 * (size_t)bound)
      continue;
    guint d = cm_edit_distance(word, c, best_d - 1 < bound ? best_d - 1 : bound);
    if (d < best_d) {
      best_d = d;
      best = c;
      if (d == 0) /* only case differs */
        break;
    }
  }
  return best;
}
