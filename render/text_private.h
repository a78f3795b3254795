/* Terminal text pieces shared by text_width.c and text_table.c: display widths and wrapping
 * into spans of the original text, so that no line needs a copy of its own. */
#pragma once

#include <glib.h>

/* A line of wrapped text: len bytes at text (not NUL-terminated), width cells wide. */
typedef struct {
  const char *text;
  guint32 len;
  guint32 width;
} CmTextSpan;

/* Cells one character takes: 0 for combining marks and other zero-width ones, 2 for East Asian
 * wide ones, else 1. Below U+0300 and in the CJK Unified Ideographs block the answer is fixed
 * (tests/render/text_width.c checks every code point against GLib). */
static inline guint
cm_text__char_width(gunichar c)
{
  if (c < 0x300)
    return 1;
  if (c >= 0x4e00 && c <= 0x9fff)
    return 2;
  if (g_unichar_iszerowidth(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

/* Scans text while it is printable ASCII or a three-byte character that needs neither repair
 * nor escaping (U+1000..U+CFFF and U+E000..U+FFFD, bidi controls aside): the text of nearly
 * every Chinese name, measured in the same pass. Returns where it stopped (at the NUL when all
 * of it is such text), *width the cells before that. */
const char *cm_text__scan_plain(const char *text, guint *width);

/* Display width of len bytes of valid UTF-8. */
guint cm_text__width_len(const char *text, gsize len);

/* TRUE when valid UTF-8 text holds a C0, DEL or C1 control character or a bidi override
 * (cm_text_sanitize would change it). */
gboolean cm_text__has_control(const char *text);

/* Appends to lines (an array of CmTextSpan) the lines of text (len bytes of valid UTF-8 without
 * control characters, width cells wide) wrapped at max cells: at the last space, after '/', ';' or
 * ',', or before or after a wide character (Chinese text has no spaces), or anywhere when
 * nothing else fits. Text
 * that fits, or any text when max is 0, is one line. */
void cm_text__wrap(const char *text, gsize len, guint width, guint max, GArray *lines);
