/* The one JSON writer of the reports (see json_writer.h). */
#include "json_writer.h"
#include "report_format.h"

#include <math.h>
#include <string.h>

void
cm_json_writer_init(CmJsonWriter *w, GString *out)
{
  memset(w, 0, sizeof *w);
  w->out = out;
}

void
cm_json_writer_end(CmJsonWriter *w)
{
  g_return_if_fail(w->depth == 0);
  g_string_append_c(w->out, '\n');
}

static void
indent(CmJsonWriter *w, guint level)
{
  for (guint i = 0; i < level; i++)
    g_string_append_c(w->out, ' ');
}

/* What comes before an element of the open container: the previous one's comma, a line break
 * and the indent of its level. */
static void
next_item(CmJsonWriter *w)
{
  if (w->depth == 0)
    return;
  if (w->items[w->depth - 1])
    g_string_append_c(w->out, ',');
  g_string_append_c(w->out, '\n');
  w->items[w->depth - 1] = TRUE;
  indent(w, w->depth);
}

/* A value: in an array it is an element of its own; in an object cm_json_member() began it. */
static void
value(CmJsonWriter *w)
{
  if (w->depth == 0 || w->kind[w->depth - 1] == '[')
    next_item(w);
}

/* RFC 8259 escapes: \b \t \n \f \r, \" and \\, \u00xx for every other control character
 * below 0x20 and for DEL; U+2028 and U+2029 as \u2028, \u2029 (valid JSON raw, but not
 * JavaScript before ES2019, and a report may be pasted into a <script>); everything else (UTF-8
 * too) as it is. */
static void
escaped(GString *out, const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;
  for (const char *p = text;; p++) {
    guchar c = (guchar)*p;
    gboolean separator = c == 0xe2 && (guchar)p[1] == 0x80 && ((guchar)p[2] | 1) == 0xa9;
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && !separator)
      continue;
    g_string_append_len(out, run, p - run);
    run = p + 1;
    if (c == '\0')
      return;
    char esc[7] = {'\\', 0};
    switch (c) {
    case '\b':
      esc[1] = 'b';
      break;
    case '\t':
      esc[1] = 't';
      break;
    case '\n':
      esc[1] = 'n';
      break;
    case '\f':
      esc[1] = 'f';
      break;
    case '\r':
      esc[1] = 'r';
      break;
    case '"':
    case '\\':
      esc[1] = (char)c;
      break;
    case 0xe2:
      memcpy(esc + 1, (guchar)p[2] == 0xa8 ? "u2028" : "u2029", 5);
      run = p + 3;
      p += 2;
      break;
    default:
      memcpy(esc + 1, "u00", 3);
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 0xf];
      break;
    }
    g_string_append(out, esc);
  }
}

static void
quoted(GString *out, const char *text)
{
  g_string_append_c(out, '"');
  escaped(out, text);
  g_string_append_c(out, '"');
}

void
cm_json_member(CmJsonWriter *w, const char *name)
{
  g_return_if_fail(w->depth > 0 && w->kind[w->depth - 1] == '{');
  next_item(w);
  quoted(w->out, name);
  g_string_append(w->out, " : ");
}

static void
begin(CmJsonWriter *w, char kind)
{
  g_return_if_fail(w->depth < G_N_ELEMENTS(w->kind));
  value(w);
  g_string_append_c(w->out, kind);
  w->kind[w->depth] = (guint8)kind;
  w->items[w->depth] = FALSE;
  w->depth++;
}

static void
end(CmJsonWriter *w, char kind)
{
  g_return_if_fail(w->depth > 0 && w->kind[w->depth - 1] == kind);
  w->depth--;
  if (w->items[w->depth]) {
    g_string_append_c(w->out, '\n');
    indent(w, w->depth);
  }
  g_string_append_c(w->out, kind == '{' ? '}' : ']');
}

void
cm_json_begin_object(CmJsonWriter *w)
{
  begin(w, '{');
}

void
cm_json_end_object(CmJsonWriter *w)
{
  g_return_if_fail(w->depth > 0 && w->items[w->depth - 1]); /* never written empty */
  end(w, '{');
}

void
cm_json_begin_array(CmJsonWriter *w)
{
  begin(w, '[');
}

void
cm_json_end_array(CmJsonWriter *w)
{
  end(w, '[');
}

void
cm_json_string(CmJsonWriter *w, const char *text)
{
  value(w);
  quoted(w->out, text);
}

void
cm_json_int(CmJsonWriter *w, gint64 v)
{
  value(w);
  char buf[24], *p = buf + sizeof buf;
  guint64 m = v < 0 ? -(guint64)v : (guint64)v;
  *--p = '\0';
  do {
    *--p = (char)('0' + m % 10);
    m /= 10;
  } while (m > 0);
  if (v < 0)
    *--p = '-';
  g_string_append(w->out, p);
}

void
cm_json_double(CmJsonWriter *w, double v)
{
  if (!isfinite(v)) {
    cm_json_null(w); /* JSON has no infinity or NaN */
    return;
  }
  value(w);
  /* the shortest decimal that reads back as v, with ".0" when it would read as an integer */
  char buf[CM_REPORT_NUMBER_BUF];
  cm_report__number_buf(buf, v);
  g_string_append(w->out, buf);
  if (!strpbrk(buf, ".e"))
    g_string_append(w->out, ".0");
}

void
cm_json_boolean(CmJsonWriter *w, gboolean v)
{
  value(w);
  g_string_append(w->out, v ? "true" : "false");
}

void
cm_json_null(CmJsonWriter *w)
{
  value(w);
  g_string_append(w->out, "null");
}
