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
char *
cm_text_sanitize(const char *text)
{
  g_autofree char *fixed = g_utf8_validate(text, -1, NULL) ? NULL : g_utf8_make_valid(text, -1);
  return cm_escape_terminal(fixed ? fixed : text, CM_ESCAPE_ONE_LINE);
}

static void
add_line(GArray *lines, const char *start, const char *end, gboolean rtrim)
{
  while (rtrim && end > start && end[-1] == ' ')
    end--;
  CmTextSpan s = {start, (guint32)(end - start), 0};
  s.width = cm_text__width_len(s.text, s.len);
  g_array_append_val(lines, s);
}

/* Chinese closing punctuation never starts a line (it stays with the character before it). */
static gboolean
no_break_before(gunichar c)
{
  return c && g_utf8_strchr("，。、；：？！）》」』”’】〕…", -1, c) != NULL;
}

/* ... and opening punctuation never ends one. */
static gboolean
no_break_after(gunichar c)
{
  return c && g_utf8_strchr("（《「『“‘【〔", -1, c) != NULL;
}

/* A line may break at p, between the character before it and the one at p. */
static gboolean
break_before_ok(const char *text, const char *p, const char *end)
{
  if (p > text && no_break_after(g_utf8_get_char(g_utf8_prev_char(p))))
    return FALSE;
  return p >= end || !no_break_before(g_utf8_get_char(p));
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
    guint w = 0;
    while (q < end) {
      gunichar c = g_utf8_get_char(q);
      guint cw = cm_text__char_width(c);
      if (c == ' ') {
        brk = q;
        resume = q + 1;
      } else if (cw == 2 && q > start && break_before_ok(start, q, end)) {
        brk = q;
        resume = q;
      }
      if (w + cw > max)
        break;
      w += cw;
      q = g_utf8_next_char(q);
      /* after a wide character, and after the separators of region paths and lists
       * ("Guangdong/" | "Guangzhou", "salt;" | "cathode"), rather than inside a word */
      if ((cw == 2 && break_before_ok(start, q, end)) || c == '/' || c == ';' || c == ',') {
        brk = q;
        resume = q;
      }
    }
    if (q == end) {
      add_line(lines, start, q, TRUE);
      break;
    }
    if (brk && brk > start) {
      add_line(lines, start, brk, TRUE);
      p = resume;
    } else {
      if (q == start)
        q = g_utf8_next_char(q); /* a character wider than max still takes a line */
      add_line(lines, start, q, FALSE);
      p = q;
    }
  }
  if (lines->len == first)
    add_line(lines, text, text, FALSE);
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
