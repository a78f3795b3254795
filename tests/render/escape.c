/* Escaping of dataset text for Graphviz (render/escape.c): the exact encodings, then the proof
 * that matters: text sent through them comes out of real Graphviz exactly as typed. */
#include "chainmap_svg.h"
#include "cm_chainmap.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <graphviz/gvc.h>
#include <stdio.h>
#include <string.h>

#define FFFD "\xef\xbf\xbd"
#define FF3C "\xef\xbc\xbc"

static void
expect(char *got, const char *want)
{
  cr_expect_str_eq(got, want);
  g_free(got);
}

Test(escape, html_turns_markup_into_entities)
{
  expect(cm_escape_html("a&b<c>\"d'e"), "a&amp;b&lt;c&gt;&quot;d&#39;e");
  expect(cm_escape_html("</TD></TR>"), "&lt;/TD&gt;&lt;/TR&gt;");
  expect(cm_escape_html("&amp;"), "&amp;amp;");
  expect(cm_escape_html("宁德时代"), "宁德时代");
}

Test(escape, html_doubles_backslashes_and_breaks_lines)
{
  /* Graphviz expands \N \G \E \T \H \L in HTML labels and turns \\ into \ */
  expect(cm_escape_html("a\\N"), "a\\\\N");
  expect(cm_escape_html("end\\"), "end\\\\");
  expect(cm_escape_html("l1\nl2\r\nl3\rl4"), "l1<BR/>l2<BR/>l3<BR/>l4");
}

Test(escape, control_characters_and_bad_utf8_become_replacement_characters)
{
  expect(cm_escape_html("a\x01"
                        "b\x7f"),
         "a" FFFD "b" FFFD);
  expect(cm_escape_html("a\xff"
                        "b"),
         "a" FFFD "b");
  expect(cm_escape_tooltip("tab\there"), "tab\there");
  expect(cm_escape_dot("x\x02y"), "x" FFFD "y");
}

Test(escape, tooltip_hides_backslashes_from_graphviz_and_the_dot_writer)
{
  expect(cm_escape_tooltip("a&amp;"), "a&amp;amp;");
  expect(cm_escape_tooltip("\\N"), "&#92;&#92;&#92;&#92;N");
  expect(cm_escape_tooltip("x\ny"), "x&#10;y");
  expect(cm_escape_tooltip("<b> \"q\" 'r'"), "<b> \"q\" 'r'");
  /* cgraph writes "-." unquoted and cannot read it back */
  expect(cm_escape_tooltip("-."), "-&#46;");
}

Test(escape, dot_keeps_text_but_a_backslash_that_no_dot_string_can_end_with)
{
  expect(cm_escape_dot("say \"hi\""), "say \"hi\"");
  expect(cm_escape_dot("a\\b"), "a\\b");
  /* cgraph's reader pairs backslashes: only an odd run before " or a line end or the end fails */
  expect(cm_escape_dot("a\\"), "a" FF3C);
  expect(cm_escape_dot("a\\\\"), "a\\\\");
  expect(cm_escape_dot("a\\\\\\"), "a\\\\" FF3C);
  expect(cm_escape_dot("a\\\nb"), "a" FF3C "\nb");
  expect(cm_escape_dot("a\\\"b"), "a" FF3C "\"b");
  expect(cm_escape_dot("a\\\\\"b"), "a\\\\\"b");
  expect(cm_escape_dot("a\\\\\\\"b"), "a\\\\" FF3C "\"b");
  expect(cm_escape_dot("graph"), "graph");
}

#define U2424 "\xe2\x90\xa4"

Test(escape, dot_avoids_the_strings_cgraph_cannot_read_back)
{
  /* found by brute force over all strings of up to 6 characters of a \ " LF CR % - . 1 */
  expect(cm_escape_dot("%x"), "\xef\xbc\x85x");
  expect(cm_escape_dot("a%x"), "a%x");
  expect(cm_escape_dot("-."), "-\xef\xbc\x8e");
  expect(cm_escape_dot("-.5"), "-.5");
  expect(cm_escape_dot("\n"), U2424);
  expect(cm_escape_dot("a\"\n"), "a\"" U2424);
  expect(cm_escape_dot("\n\"a"), U2424 "\"a");
  expect(cm_escape_dot("\"\na"), "\"\na");
  expect(cm_escape_dot("a\nb"), "a\nb");
  expect(cm_escape_dot("a\n"), "a\n");
}

/* Hostile text: each must come out of Graphviz as typed, in labels and tooltips, after a trip
 * through the DOT writer and reader. */
typedef struct {
  char text[64];
} Hostile;

ParameterizedTestParameters(escape, graphviz_shows_text_as_typed)
{
  static Hostile cases[] = {
      {"say \"hi\" \\ back\\slash"},
      {"\\N \\G \\E \\T \\H \\L \\n \\l \\r"},
      {"&amp; &#92; &lt; & < >"},
      {"</TD></TR></TABLE><IMG SRC=\"x.png\"/>"},
      {"javascript:alert('x')"},
      {"line one\nline two"},
      {"graph"},
      {"strict digraph { a -> b }"},
      {"宁德时代 CATL（福鼎）"},
      {"trailing\\"},
      {"double\\\\"},
      {"--> <!-- comment"},
      {"'single' \"double\""},
      {"a\\\"b"},
      {"two\\\\\" three\\\\\\\" four\\\\\\\\\""},
      {"cont\\\nnext\\\\\nline"},
      {"%percent"},
      {"-."},
      {"\"\n\""},
      {"x\n\\"},
  };
  return cr_make_param_array(Hostile, cases, G_N_ELEMENTS(cases));
}

ParameterizedTest(Hostile *h, escape, graphviz_shows_text_as_typed)
{
  Agraph_t *g = agopen("test", Agdirected, NULL);
  Agnode_t *n = agnode(g, "n", 1);
  g_autofree char *text = cm_escape_html(h->text);
  g_autofree char *html = g_strdup_printf("<FONT>%s</FONT>", text);
  char *ref = agstrdup_html(g, html);
  agsafeset(n, "label", ref, "");
  agstrfree(g, ref);
  g_autofree char *tip = cm_escape_tooltip(h->text);
  agsafeset(n, "tooltip", tip, "");
  g_autofree char *name = cm_escape_dot(h->text);
  agnode(g, name, 1);

  /* write DOT, read it back: what a user of -T dot gets */
  char *dot = NULL;
  size_t dot_len = 0;
  FILE *f = open_memstream(&dot, &dot_len);
  agwrite(g, f);
  fclose(f);
  agclose(g);
  Agraph_t *back = agmemread(dot);
  cr_assert(back != NULL, "DOT does not parse back:\n%s", dot);
  free(dot);
  cr_expect(agnode(back, name, 0) != NULL, "node name changed in the round trip");

  GVC_t *gvc = gvContext();
  cr_assert_eq(gvLayout(gvc, back, "dot"), 0);
  char *svg = NULL;
  unsigned int len = 0;
  cr_assert_eq(gvRenderData(gvc, back, "svg", &svg, &len), 0);
  g_autoptr(GError) err = NULL;
  g_autoptr(GPtrArray) items = cm_svg_items(svg, len, &err);
  cr_assert(items != NULL, "SVG not well-formed: %s\n%s", err ? err->message : "", svg);
  const CmSvgItem *item = cm_svg_node(items, "n");
  cr_assert(item != NULL);
  cr_expect_str_eq(item->text->str, h->text, "label shows '%s'", item->text->str);
  cr_expect_str_eq(item->tooltip, h->text, "tooltip shows '%s'", item->tooltip);
  gvFreeRenderData(svg);
  gvFreeLayout(gvc, back);
  agclose(back);
  gvFreeContext(gvc);
}
