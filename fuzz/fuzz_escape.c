/* libFuzzer target: escaping of dataset text for Graphviz (render/escape.c). The input text goes
 * through cm_escape_html (an HTML-like label), cm_escape_tooltip and cm_escape_dot (a node name
 * and an attribute), onto a cgraph graph, out through agwrite and back through agmemread; agget
 * must give back each escaped string unchanged, and decoding each as Graphviz does (XML entities
 * and <BR/>, then its backslash passes) must give back the text as typed, with the substitutions
 * cm_chainmap.h documents (invalid UTF-8 and control characters shown as U+FFFD, CR LF as one
 * line break, and the DOT-string corners cgraph 2.43 cannot read back: U+FF3C, U+2424, U+FF05,
 * U+FF0E). When cm_chainmap.h changes those rules, expected() and dot_corners() follow it. */
#include "cm_chainmap.h"
#include "cm_text_escape.h"
#include "fuzz_common.h"

#include <graphviz/cgraph.h>
#include <stdio.h>
#include <string.h>

#define MAX_TEXT 4096
#define FFFD "\xef\xbf\xbd"
#define FF3C "\xef\xbc\xbc"

typedef enum { SHOWN_HTML, SHOWN_TOOLTIP, SHOWN_DOT } Shown;

static gboolean
is_control(gunichar c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
}

/* A DOT line break between two of (the string's edge, a quote, a backslash) */
static gboolean
is_dot_edge(const char *s, gssize i, gsize len)
{
  return i < 0 || (gsize)i >= len || s[i] == '"' || s[i] == '\\';
}

/* cm_chainmap.h's second and third DOT rules, applied to the text after the first */
static char *
dot_corners(GString *out)
{
  if (strcmp(out->str, "-.") == 0) {
    g_string_free(out, TRUE);
    return g_strdup("-\xef\xbc\x8e"); /* U+FF0E */
  }
  GString *fixed = g_string_new(NULL);
  for (gsize i = 0; i < out->len; i++) {
    if (i == 0 && out->str[i] == '%')
      g_string_append(fixed, "\xef\xbc\x85"); /* U+FF05 */
    else if (out->str[i] == '\n' && is_dot_edge(out->str, (gssize)i - 1, out->len) &&
             is_dot_edge(out->str, (gssize)i + 1, out->len))
      g_string_append(fixed, "\xe2\x90\xa4"); /* U+2424 */
    else
      g_string_append_c(fixed, out->str[i]);
  }
  g_string_free(out, TRUE);
  return g_string_free(fixed, FALSE);
}

/* What Graphviz should show for text in each context, by cm_chainmap.h's rules. */
static char *
expected(const char *text, Shown where)
{
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *out = g_string_new(NULL);
  for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    const char *next = g_utf8_next_char(p);
    if (where == SHOWN_DOT && c == '\\') {
      /* an odd run of backslashes before a quote, a line break or the end: last one is U+FF3C */
      gsize run = strspn(p, "\\");
      gboolean odd_before_special = run % 2 == 1 && strchr("\"\n\r", p[run]) != NULL;
      g_string_append_len(out, p, (gssize)(odd_before_special ? run - 1 : run));
      if (odd_before_special)
        g_string_append(out, FF3C);
      p += run - 1; /* the loop steps past the last one */
    } else if (c == '\r' && where == SHOWN_DOT)
      g_string_append_c(out, '\r');
    else if (c == '\r' && *next != '\n')
      g_string_append_c(out, '\n');
    else if (c == '\r')
      continue; /* CR LF: the LF makes the break */
    else if (is_control(c))
      g_string_append(out, FFFD);
    else
      g_string_append_len(out, p, next - p);
  }
  return where == SHOWN_DOT ? dot_corners(out) : g_string_free(out, FALSE);
}

static void
html_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  g_string_append_len(data, text, (gssize)len);
}

static void
html_start(GMarkupParseContext *ctx, const char *element, const char **names, const char **values,
           gpointer data, GError **error)
{
  if (strcmp(element, "BR") == 0 && !names[0])
    g_string_append_c(data, '\n');
  else if (strcmp(element, "L") != 0)
    g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "element <%s>", element);
}

/* Graphviz expands \N \G \E \T \H \L in label text and turns \\ into \: every backslash must come
 * doubled. NULL when one does not. */
static char *
undouble_backslashes(const char *s)
{
  GString *out = g_string_new(NULL);
  for (const char *p = s; *p; p++) {
    if (*p == '\\') {
      if (p[1] != '\\') {
        g_string_free(out, TRUE);
        return NULL;
      }
      p++;
    }
    g_string_append_c(out, *p);
  }
  return g_string_free(out, FALSE);
}

/* The text of an HTML-like label: XML (entities, <BR/>), then the backslash pass. */
static char *
decode_html(const char *html)
{
  static const GMarkupParser parser = {.start_element = html_start, .text = html_text};
  g_autoptr(GString) text = g_string_new(NULL);
  g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new(&parser, 0, text, NULL);
  g_autofree char *doc = g_strdup_printf("<L>%s</L>", html);
  if (!g_markup_parse_context_parse(ctx, doc, -1, NULL) ||
      !g_markup_parse_context_end_parse(ctx, NULL))
    return NULL;
  return undouble_backslashes(text->str);
}

/* The text of a tooltip: the entities the escaper writes, then Graphviz's pass that turns \n \l
 * \r into breaks and drops the backslash of other pairs, then \\ into \. NULL on anything the
 * escaper should not have let through (another entity, a bare or trailing backslash). */
static char *
decode_tooltip(const char *tip)
{
  GString *plain = g_string_new(NULL);
  for (const char *p = tip; *p;) {
    if (*p == '&') {
      static const char *const from[] = {"&amp;", "&#92;", "&#10;", "&#46;"};
      static const char to[] = {'&', '\\', '\n', '.'};
      guint k = 0;
      while (k < G_N_ELEMENTS(from) && strncmp(p, from[k], strlen(from[k])) != 0)
        k++;
      if (k == G_N_ELEMENTS(from)) {
        g_string_free(plain, TRUE);
        return NULL;
      }
      g_string_append_c(plain, to[k]);
      p += strlen(from[k]);
    } else if (*p == '\\') {
      g_string_free(plain, TRUE); /* a raw backslash would reach the DOT writer */
      return NULL;
    } else {
      g_string_append_c(plain, *p++);
    }
  }
  GString *pass = g_string_new(NULL);
  for (const char *p = plain->str; *p; p++) {
    if (*p != '\\') {
      g_string_append_c(pass, *p);
      continue;
    }
    if (p[1] == '\0') {
      g_string_free(pass, TRUE);
      g_string_free(plain, TRUE);
      return NULL;
    }
    p++;
    g_string_append_c(pass, (*p == 'n' || *p == 'l' || *p == 'r') ? '\n' : *p);
  }
  g_string_free(plain, TRUE);
  char *shown = undouble_backslashes(pass->str);
  g_string_free(pass, TRUE);
  return shown;
}

static void
check_shown(char *decoded, const char *text, Shown where)
{
  g_autofree char *got = decoded;
  g_autofree char *want = expected(text, where);
  CM_FUZZ_CHECK(got != NULL);
  CM_FUZZ_CHECK(strcmp(got, want) == 0);
}

static int
quiet_errors(char *message)
{
  return 0;
}

/* An attribute as read back; the writer leaves out values equal to the default "", so the
 * reader may not declare the attribute at all. */
static const char *
get(Agnode_t *n, const char *name)
{
  const char *v = agget(n, (char *)name);
  return v ? v : "";
}

/* escape -> cgraph -> agwrite -> agmemread -> agget gives back every escaped string */
static void
check_round_trip(const char *html, const char *tip, const char *name)
{
  Agraph_t *g = agopen("fuzz", Agdirected, NULL);
  CM_FUZZ_CHECK(g != NULL);
  Agnode_t *n = agnode(g, "n", 1);
  /* labels are built of escaped pieces inside markup, as render/ does */
  g_autofree char *markup = g_strdup_printf("<FONT>%s</FONT>", html);
  char *ref = agstrdup_html(g, markup);
  agsafeset(n, "label", ref, "");
  agstrfree(g, ref);
  agsafeset(n, "tooltip", (char *)tip, "");
  agsafeset(n, "comment", (char *)name, "");
  agattr(g, AGRAPH, "linelength", "0"); /* as render/graphviz.c writes DOT: no line wrapping */
  if (*name)
    agnode(g, (char *)name, 1);
  char *dot = NULL;
  size_t dot_len = 0;
  FILE *f = open_memstream(&dot, &dot_len);
  CM_FUZZ_CHECK(f != NULL);
  CM_FUZZ_CHECK(agwrite(g, f) == 0);
  fclose(f);
  agclose(g);

  Agraph_t *back = agmemread(dot);
  if (!back)
    fprintf(stderr, "DOT that cgraph cannot read back:\n%s\n", dot);
  free(dot);
  CM_FUZZ_CHECK(back != NULL);
  Agnode_t *m = agnode(back, "n", 0);
  CM_FUZZ_CHECK(m != NULL);
  char *label = agget(m, "label");
  CM_FUZZ_CHECK(label != NULL && aghtmlstr(label) && strcmp(label, markup) == 0);
  CM_FUZZ_CHECK(strcmp(get(m, "tooltip"), tip) == 0);
  CM_FUZZ_CHECK(strcmp(get(m, "comment"), name) == 0);
  if (*name)
    CM_FUZZ_CHECK(agnode(back, (char *)name, 0) != NULL);
  agclose(back);
}

/* cm_escape_terminal: valid UTF-8 without a control character or bidi override, which needs no
 * second escaping; text that needs none comes back unchanged. */
static void
check_terminal(const char *text)
{
  static const CmEscapeFlags modes[] = {CM_ESCAPE_ONE_LINE, CM_ESCAPE_KEEP_NEWLINES,
                                        CM_ESCAPE_KEEP_TABS};
  for (guint m = 0; m < G_N_ELEMENTS(modes); m++) {
    g_autofree char *shown = cm_escape_terminal(text, modes[m]);
    CM_FUZZ_CHECK(g_utf8_validate(shown, -1, NULL));
    CM_FUZZ_CHECK(!cm_escape_terminal_needed(shown, modes[m]));
    for (const char *p = shown; *p; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      gboolean kept_break = (modes[m] & CM_ESCAPE_KEEP_NEWLINES) && (c == '\n' || c == '\r');
      gboolean kept_tab = (modes[m] & CM_ESCAPE_KEEP_TABS) && c == '\t';
      CM_FUZZ_CHECK(kept_break || kept_tab || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)));
      CM_FUZZ_CHECK(!(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069));
    }
    if (!cm_escape_terminal_needed(text, modes[m]))
      CM_FUZZ_CHECK(strcmp(shown, text) == 0);
  }
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  static gboolean once;
  if (!once) {
    agseterrf(quiet_errors); /* a failed read is reported by the check below */
    once = TRUE;
  }
  if (size > MAX_TEXT)
    return 0;
  char text[MAX_TEXT + 1];
  if (size > 0)
    memcpy(text, data, size);
  text[size] = '\0'; /* dataset text is a C string: a NUL ends it */

  g_autofree char *html = cm_escape_html(text);
  g_autofree char *tip = cm_escape_tooltip(text);
  g_autofree char *name = cm_escape_dot(text);
  CM_FUZZ_CHECK(g_utf8_validate(html, -1, NULL) && g_utf8_validate(tip, -1, NULL) &&
                g_utf8_validate(name, -1, NULL));
  check_shown(decode_html(html), text, SHOWN_HTML);
  check_shown(decode_tooltip(tip), text, SHOWN_TOOLTIP);
  check_shown(g_strdup(name), text, SHOWN_DOT);
  check_round_trip(html, tip, name);
  check_terminal(text);
  return 0;
}
