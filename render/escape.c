/* Escaping of dataset text for Graphviz, one function per context (see cm_chainmap.h). The
 * encodings were worked out against Graphviz 2.43 and are pinned by tests/render/escape.c. */
#include "cm_chainmap.h"

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
    else if (*next == '\0' || *next == '\n' || *next == '\r')
      g_string_append(out, "\xef\xbc\xbc"); /* U+FF3C */
    else
      g_string_append_c(out, '\\');
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

static char *
escape(const char *text, Context ctx)
{
  g_return_val_if_fail(text != NULL, NULL);
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *out = g_string_sized_new(strlen(valid) + 16);
  for (const char *p = valid; *p; p = g_utf8_next_char(p))
    append_char(out, ctx, p, g_utf8_get_char(p));
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
