/* Display width, sanitising and wrapping of text for a terminal (see text_table.h). */
#include "text_private.h"
#include "cm_text_escape.h"
#include "text_table.h"

#include <string.h>

guint
cm_text__width_len(const char *text, gsize len)
{
  const char *p = text, *end = text + len;
  guint w = 0;
  while (p < end) {
    if ((guchar)*p < 0x80) { /* ASCII: one cell, one byte */
      w++;
      p++;
      continue;
    }
    w += cm_text__char_width(g_utf8_get_char(p));
    p = g_utf8_next_char(p);
  }
  return w;
}

guint
cm_text_width(const char *text)
{
  return cm_text__width_len(text, strlen(text));
}

gboolean
cm_text__has_control(const char *text)
{
  return cm_escape_terminal_needed(text, CM_ESCAPE_ONE_LINE);
}

/* Controls and bidi overrides made visible (\x1b, <U+202E>): the one escaping of render/escape.c.
 */
const char *
cm_text__scan_plain(const char *text, guint *width)
{
  const guchar *p = (const guchar *)text;
  guint w = 0;
  for (;;) {
    if (*p >= 0x20 && *p < 0x7f) {
      w++;
      p++;
      continue;
    }
    /* E0 and ED lead overlong forms and surrogates: left to the slow path */
    if (*p < 0xe1 || *p > 0xef || *p == 0xed || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
      break;
    gunichar c = ((gunichar)(p[0] & 0x0f) << 12) | ((gunichar)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c >= 0xfffe)
      break;
    w += cm_text__char_width(c);
    p += 3;
  }
  *width = w;
  return (const char *)p;
}

char *
cm_text_sanitize(const char *text)
{
  guint width;
  if (*cm_text__scan_plain(text, &width) == '\0') /* nothing to repair or escape */
    return g_strdup(text);
  g_autofree char *fixed = g_utf8_validate(text, -1, NULL) ? NULL : g_utf8_make_valid(text, -1);
  return cm_escape_terminal(fixed ? fixed : text, CM_ESCAPE_ONE_LINE);
}

/* A line of lines: start..end, width cells wide; with rtrim its trailing spaces (one cell each)
 * are left out. */
static void
add_line(GArray *lines, const char *start, const char *end, guint width, gboolean rtrim)
{
  while (rtrim && end > start && end[-1] == ' ') {
    end--;
    width--;
  }
  CmTextSpan s = {start, (guint32)(end - start), width};
  g_array_append_val(lines, s);
}

/* The code point at p (valid UTF-8), its length in *n: decoded here rather than by
 * g_utf8_get_char, since wrapping asks it of every character of every long cell. */
static inline gunichar
decode(const char *p, guint *n)
{
  const guchar *u = (const guchar *)p;
  if (u[0] < 0x80) {
    *n = 1;
    return u[0];
  }
  if (u[0] < 0xe0) {
    *n = 2;
    return ((gunichar)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
  }
  if (u[0] < 0xf0) {
    *n = 3;
    return ((gunichar)(u[0] & 0x0f) << 12) | ((gunichar)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
  }
  *n = 4;
  return ((gunichar)(u[0] & 0x07) << 18) | ((gunichar)(u[1] & 0x3f) << 12) |
         ((gunichar)(u[2] & 0x3f) << 6) | (u[3] & 0x3f);
}

/* c is one of the n code points of list (ascending); asked for every wide character of every
 * wrapped cell, so Chinese text (U+4E00..U+9FFF, between the punctuation blocks) leaves at once. */
static gboolean
is_punct(gunichar c, const gunichar *list, guint n)
{
  if (c < list[0] || c > list[n - 1] || (c >= 0x4e00 && c <= 0x9fff))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (list[i] == c)
      return TRUE;
  return FALSE;
}

/* Chinese closing punctuation never starts a line (it stays with the character before it). */
static gboolean
no_break_before(gunichar c)
{
  /* ’ ” … 、 。 》 」 』 】 〕 ！ ） ， ： ； ？ */
  static const gunichar closing[] = {0x2019, 0x201d, 0x2026, 0x3001, 0x3002, 0x300b,
                                     0x300d, 0x300f, 0x3011, 0x3015, 0xff01, 0xff09,
                                     0xff0c, 0xff1a, 0xff1b, 0xff1f};
  return is_punct(c, closing, G_N_ELEMENTS(closing));
}

/* ... and opening punctuation never ends one. */
static gboolean
no_break_after(gunichar c)
{
  /* ‘ “ 《 「 『 【 〔 （ */
  static const gunichar opening[] = {0x2018, 0x201c, 0x300a, 0x300c,
                                     0x300e, 0x3010, 0x3014, 0xff08};
  return is_punct(c, opening, G_N_ELEMENTS(opening));
}

void
cm_text__wrap(const char *text, gsize len, guint width, guint max, GArray *lines)
{
  if (max == 0 || width <= max) {
    CmTextSpan s = {text, (guint32)len, width};
    g_array_append_val(lines, s);
    return;
  }
  guint first = lines->len;
  const char *p = text, *end = text + len;
  while (p < end) {
    while (p < end && *p == ' ')
      p++;
    if (p == end)
      break;
    const char *start = p, *q = p, *brk = NULL, *resume = NULL;
    guint w = 0, brk_w = 0, n = 1, cw = 1;
    gunichar prev = 0; /* the character before q on this line */
    /* a line may break between two characters unless the first is opening punctuation or the
     * second closing punctuation */
    while (q < end) {
      gunichar c = decode(q, &n);
      cw = c < 0x80 ? 1 : cm_text__char_width(c);
      if (c == ' ') {
        brk = q;
        brk_w = w;
        resume = q + 1;
      } else if (cw == 2 && q > start && !no_break_after(prev) && !no_break_before(c)) {
        brk = q;
        brk_w = w;
        resume = q;
      }
      if (w + cw > max)
        break;
      w += cw;
      q += n;
      /* after a wide character, and after the separators of region paths and lists
       * ("Guangdong/" | "Guangzhou", "salt;" | "cathode"), rather than inside a word */
      guint next_n;
      if (c == '/' || c == ';' || c == ',' ||
          (cw == 2 && !no_break_after(c) && (q >= end || !no_break_before(decode(q, &next_n))))) {
        brk = q;
        brk_w = w;
        resume = q;
      }
      prev = c;
    }
    if (q == end) {
      add_line(lines, start, q, w, TRUE);
      break;
    }
    if (brk && brk > start) {
      add_line(lines, start, brk, brk_w, TRUE);
      p = resume;
    } else {
      if (q == start) { /* a character wider than max still takes a line */
        q += n;
        w = cw;
      }
      add_line(lines, start, q, w, FALSE);
      p = q;
    }
  }
  if (lines->len == first)
    add_line(lines, text, text, 0, FALSE);
}

void
cm_text_paragraph(GString *out, const char *text, guint width, const char *indent)
{
  g_autofree char *clean = cm_text_sanitize(text);
  gsize len = strlen(clean);
  g_autoptr(GArray) lines = g_array_new(FALSE, FALSE, sizeof(CmTextSpan));
  cm_text__wrap(clean, len, cm_text__width_len(clean, len), width, lines);
  for (guint k = 0; k < lines->len; k++) {
    const CmTextSpan *s = &g_array_index(lines, CmTextSpan, k);
    g_string_append(out, indent);
    g_string_append_len(out, s->text, s->len);
    g_string_append_c(out, '\n');
  }
}
