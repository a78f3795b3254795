/* Escaping of dataset text for Graphviz, one function per context (see cm_chainmap.h). The
 * encodings were worked out against Graphviz 2.43 and are pinned by tests/render/escape.c. */
#include "cm_chainmap.h"
#include "cm_text_escape.h"

#include <string.h>

typedef enum {
  CTX_HTML,
  CTX_TOOLTIP,
  CTX_DOT,
} Context;

/* Tooltips go through three stages: entity decoding, then a pass that turns \n \l \r into line
 * breaks and drops the backslash of any other pair, then \N \G ... expansion, which turns \\ into
 * \. Four coded backslashes survive both passes as one; coding them as &#92; keeps bare
 * backslashes away from the DOT writer, which cannot quote a trailing one. */
#define TOOLTIP_BACKSLASH "&#92;&#92;&#92;&#92;"

static gboolean
is_control(gunichar c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
}

static void
append_char(GString *out, Context ctx, const char *p, gunichar c)
{
  const char *next = g_utf8_next_char(p);
  switch (c) {
  case '&':
    g_string_append(out, ctx == CTX_DOT ? "&" : "&amp;");
    return;
  case '<':
    g_string_append(out, ctx == CTX_HTML ? "&lt;" : "<");
    return;
  case '>':
    g_string_append(out, ctx == CTX_HTML ? "&gt;" : ">");
    return;
  case '"':
    g_string_append(out, ctx == CTX_HTML ? "&quot;" : "\"");
    return;
  case '\'':
    g_string_append(out, ctx == CTX_HTML ? "&#39;" : "'");
    return;
  case '\\':
    if (ctx == CTX_HTML)
      g_string_append(out, "\\\\");
    else if (ctx == CTX_TOOLTIP)
      g_string_append(out, TOOLTIP_BACKSLASH);
    else
      g_string_append_c(out, '\\'); /* runs of backslashes: see escape_dot_backslashes */
    return;
  case '\r':
  case '\n':
    if (ctx == CTX_DOT) {
      g_string_append_c(out, (char)c);
      return;
    }
    if (c == '\r' && *next == '\n')
      return; /* CR LF is one line break */
    if (ctx == CTX_HTML)
      g_string_append(out, "<BR/>");
    else
      g_string_append(out, "&#10;");
    return;
  default:
    if (is_control(c))
      g_string_append(out, "\xef\xbf\xbd"); /* U+FFFD */
    else
      g_string_append_len(out, p, next - p);
    return;
  }
}

/* cgraph writes a DOT string with only " escaped (as \"), and its reader takes \\ as a pair,
 * \" as a quote and a backslash before a line break as a continuation. A run of backslashes
 * reads back right unless it is odd and ends before a quote, a line break or the end of the
 * string: then its last backslash would pair with what follows. That one becomes U+FF3C. */
static const char *
escape_dot_backslashes(GString *out, const char *p)
{
  const char *end = p;
  while (*end == '\\')
    end++;
  gsize run = (gsize)(end - p);
  gboolean odd_before_special =
      run % 2 == 1 && (*end == '"' || *end == '\n' || *end == '\r' || *end == '\0');
  g_string_append_len(out, p, (gssize)(odd_before_special ? run - 1 : run));
  if (odd_before_special)
    g_string_append(out, "\xef\xbc\xbc"); /* U+FF3C */
  return end;
}

/* More corners of cgraph 2.43's DOT writer and reader, found by brute force over short strings:
 * a line break between two of (the string's edge, a quote, a backslash) is lost; a name that
 * begins with % is taken for an anonymous object's; "-." is written unquoted and read as a syntax
 * error. Such a line break becomes U+2424 (symbol for newline), such a % U+FF05, such a . U+FF0E.
 */
static gboolean
is_dot_edge(const char *s, gssize i, gsize len)
{
  return i < 0 || (gsize)i >= len || s[i] == '"' || s[i] == '\\';
}

static char *
fix_dot_corners(GString *out)
{
  GString *fixed = g_string_sized_new(out->len + 8);
  if (strcmp(out->str, "-.") == 0) {
    g_string_append(fixed, "-\xef\xbc\x8e"); /* U+FF0E */
  } else {
    for (gsize i = 0; i < out->len; i++) {
      char c = out->str[i];
      if (i == 0 && c == '%')
        g_string_append(fixed, "\xef\xbc\x85"); /* U+FF05 */
      else if (c == '\n' && is_dot_edge(out->str, (gssize)i - 1, out->len) &&
               is_dot_edge(out->str, (gssize)i + 1, out->len))
        g_string_append(fixed, "\xe2\x90\xa4"); /* U+2424 */
      else
        g_string_append_c(fixed, c);
    }
  }
  g_string_free(out, TRUE);
  return g_string_free(fixed, FALSE);
}

static char *
escape(const char *text, Context ctx)
{
  g_return_val_if_fail(text != NULL, NULL);
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *out = g_string_sized_new(strlen(valid) + 16);
  for (const char *p = valid; *p;) {
    if (ctx == CTX_DOT && *p == '\\') {
      p = escape_dot_backslashes(out, p);
      continue;
    }
    append_char(out, ctx, p, g_utf8_get_char(p));
    p = g_utf8_next_char(p);
  }
  if (ctx == CTX_DOT)
    return fix_dot_corners(out);
  if (ctx == CTX_TOOLTIP && strcmp(out->str, "-.") == 0)
    g_string_assign(out, "-&#46;"); /* see fix_dot_corners */
  return g_string_free(out, FALSE);
}

char *
cm_escape_html(const char *text)
{
  return escape(text, CTX_HTML);
}

char *
cm_escape_tooltip(const char *text)
{
  return escape(text, CTX_TOOLTIP);
}

char *
cm_escape_dot(const char *text)
{
  return escape(text, CTX_DOT);
}

/* --- text for people: terminals and Markdown (cm_text_escape.h) ----------------------------- */

static gboolean
is_bidi_control(gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* What c becomes, or NULL when it stays: buf holds the escape. */
static const char *
terminal_escape(gunichar c, const char *p, CmEscapeFlags flags, char buf[16])
{
  if (c == '\n')
    return flags & CM_ESCAPE_KEEP_NEWLINES ? NULL : "\\n";
  if (c == '\r')
    return (flags & CM_ESCAPE_KEEP_NEWLINES) && p[1] == '\n' ? NULL : "\\r";
  if (c == '\t')
    return flags & CM_ESCAPE_KEEP_TABS ? NULL : "\\t";
  if (c < 0x20 || c == 0x7f) {
    g_snprintf(buf, 16, "\\x%02x", c);
    return buf;
  }
  if ((c >= 0x80 && c < 0xa0) || is_bidi_control(c)) {
    g_snprintf(buf, 16, "<U+%04X>", c);
    return buf;
  }
  return NULL;
}

static gboolean
escape_terminal(const char *text, CmEscapeFlags flags, GString *out)
{
  gboolean changed = FALSE;
  const char *p = text, *run = text;
  while (*p) {
    guchar b = (guchar)*p;
    if (b >= 0x20 && b < 0x7f) { /* printable ASCII: the common case */
      p++;
      continue;
    }
    gunichar c = g_utf8_get_char_validated(p, -1);
    char buf[16];
    const char *esc;
    gsize len;
    if (c == (gunichar)-1 || c == (gunichar)-2) { /* not UTF-8: the byte itself */
      g_snprintf(buf, sizeof buf, "\\x%02x", b);
      esc = buf;
      len = 1;
    } else {
      esc = terminal_escape(c, p, flags, buf);
      len = (gsize)(g_utf8_next_char(p) - p);
    }
    if (esc) {
      changed = TRUE;
      if (!out)
        return TRUE;
      g_string_append_len(out, run, p - run);
      g_string_append(out, esc);
      run = p + len;
    }
    p += len;
  }
  if (out)
    g_string_append_len(out, run, p - run);
  return changed;
}

char *
cm_escape_terminal(const char *text, CmEscapeFlags flags)
{
  g_return_val_if_fail(text != NULL, NULL);
  GString *out = g_string_sized_new(strlen(text) + 8);
  escape_terminal(text, flags, out);
  return g_string_free(out, FALSE);
}

gboolean
cm_escape_terminal_needed(const char *text, CmEscapeFlags flags)
{
  g_return_val_if_fail(text != NULL, FALSE);
  return escape_terminal(text, flags, NULL);
}
