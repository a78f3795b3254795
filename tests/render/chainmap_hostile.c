/* Names and ids that try to break DOT, HTML-like labels and SVG (tests/data/render/hostile) come
 * out exactly as typed. */
#include "chainmap_svg.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#define FF3C "\xef\xbc\xbc"

/* Segment ids as cgraph names them, and their names as the SVG must show them. The id trail\
 * ends in a backslash, which no DOT string can: cm_escape_dot writes U+FF3C instead. */
static const struct {
  const char *node;
  const char *shown;
} segments[] = {
    {"seg \"q\"", "say \"hi\" \\ back\\slash \\N"},
    {"graph", "&amp; &#92; &lt; & < > </TD>"},
    {"strict", "javascript:alert('x')"},
    {"trail" FF3C, "line one\nline two"},
    {"宁德--x", "宁德时代"},
    {"amp&nbsp;id", "entity &nbsp; name &#1; x"},
};

Test(chainmap_hostile, dot_reads_back_with_every_segment_and_escaped_labels)
{
  g_autoptr(GBytes) dot = cm_test_map("render/hostile", CM_MAP_DOT, FALSE, NULL, 0);
  Agraph_t *g = cm_test_read_dot(dot);
  cr_expect_eq(agnnodes(g), 6);
  for (guint i = 0; i < G_N_ELEMENTS(segments); i++)
    cr_expect(agnode(g, (char *)segments[i].node, 0) != NULL, "no node '%s'", segments[i].node);
  /* the escaped forms, written out by hand */
  const struct {
    const char *node;
    const char *label_part;
  } labels[] = {
      {"seg \"q\"", "<B>say &quot;hi&quot; \\\\ back\\\\slash \\\\N</B>"},
      {"graph", "<B>&amp;amp; &amp;#92; &amp;lt; &amp; &lt; &gt; &lt;/TD&gt;</B>"},
      {"graph", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\\\N &quot;co&quot;"},
      {"graph", "strict \\\\\\\\ name\\\\"},
      {"strict", "javascript:alert(&#39;x&#39;)"},
      {"trail" FF3C, "line one<BR/>line two"},
      {"宁德--x", "<B>宁德时代</B>"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(labels); i++) {
    Agnode_t *n = agnode(g, (char *)labels[i].node, 0);
    cr_assert(n != NULL);
    char *label = agget(n, "label");
    cr_expect(aghtmlstr(label), "label of %s is not HTML-like", labels[i].node);
    cr_expect(strstr(label, labels[i].label_part) != NULL, "label of '%s' lacks '%s':\n%s",
              labels[i].node, labels[i].label_part, label);
  }
  agclose(g);
}

Test(chainmap_hostile, svg_shows_names_as_typed)
{
  g_autoptr(GBytes) svg = cm_test_map("render/hostile", CM_MAP_SVG, FALSE, NULL, 0);
  gsize len = 0;
  const char *data = g_bytes_get_data(svg, &len);
  g_autoptr(GError) err = NULL;
  g_autoptr(GPtrArray) items = cm_svg_items(data, len, &err);
  cr_assert(items != NULL, "SVG not well-formed: %s", err ? err->message : "");
  guint nodes = 0, matched = 0;
  for (guint i = 0; i < items->len; i++) {
    const CmSvgItem *item = g_ptr_array_index(items, i);
    if (item->is_edge)
      continue;
    nodes++;
    for (guint k = 0; k < G_N_ELEMENTS(segments); k++)
      if (strstr(item->tooltip, segments[k].shown) == item->tooltip) {
        matched++;
        cr_expect(strstr(item->text->str, segments[k].shown) == item->text->str,
                  "node text '%s' does not begin with '%s'", item->text->str, segments[k].shown);
      }
  }
  cr_expect_eq(nodes, 6);
  cr_expect_eq(matched, 6, "every segment's tooltip begins with its name");
  const CmSvgItem *graph = cm_svg_node(items, "graph");
  cr_assert(graph != NULL);
  cr_expect(strstr(graph->text->str, "<script>alert(1)</script> & \\N \"co\"") != NULL, "%s",
            graph->text->str);
  cr_expect(strstr(graph->text->str, "strict \\\\ name\\") != NULL, "%s", graph->text->str);
  /* tooltips carry the raw id too, backslash included */
  const CmSvgItem *trail = cm_svg_node(items, "trail" FF3C);
  cr_assert(trail != NULL);
  cr_expect(strstr(trail->tooltip, "[trail\\]") != NULL, "%s", trail->tooltip);
}

Test(chainmap_hostile, network_view_reads_back_and_shows_names)
{
  g_autoptr(GBytes) dot = cm_test_map("render/hostile", CM_MAP_DOT, FALSE, "e \"1\"", 2);
  Agraph_t *g = cm_test_read_dot(dot);
  cr_expect(agnode(g, "e \"1\"", 0) != NULL);
  cr_expect(agnode(g, "e3", 0) != NULL);
  agclose(g);
  g_autoptr(GBytes) svg = cm_test_map("render/hostile", CM_MAP_SVG, FALSE, "e \"1\"", 2);
  gsize len = 0;
  const char *data = g_bytes_get_data(svg, &len);
  g_autoptr(GPtrArray) items = cm_svg_items(data, len, NULL);
  cr_assert(items != NULL, "network SVG not well-formed");
  const CmSvgItem *e3 = cm_svg_node(items, "e3");
  cr_assert(e3 != NULL);
  cr_expect(strstr(e3->text->str, "-- comment --> <!--") != NULL, "%s", e3->text->str);
  /* Graphviz leaves "&#1;" in <title> as it is, which no XML parser accepts */
  cr_expect(cm_svg_node(items, "e&#1;4") != NULL, "title of e&#1;4 lost");
}

/* cgraph reads no quoted string over 16,384 bytes: longer ones are written "..." + "...". Ids of
 * every length around the limits (and around the 8,192-byte pieces), made of a 3-byte character
 * and letters, with quotes (written \" in DOT: escape pairs the cut must not split) where the
 * first piece ends, read back exactly; so do their tooltips, which hold 400 producers' names.
 * (The scanner's limit is on a run without escapes: the letters make one.) */
Test(chainmap_hostile, dot_strings_of_every_length_around_the_limit_read_back)
{
  static const guint lengths[] = {8190,  8191,  8192,  8193,  8194,  16381, 16382,
                                  16383, 16384, 16385, 16386, 16387, 24577, 40000};
  for (guint i = 0; i < G_N_ELEMENTS(lengths); i++) {
    GString *id = g_string_new(NULL);
    while (id->len < lengths[i])
      g_string_append(id, id->len % 7 == 0                     ? "链"
                          : id->len >= 8189 && id->len <= 8192 ? "\""
                                                               : "x");
    g_string_truncate(id, lengths[i]);
    while (!g_utf8_validate(id->str, -1, NULL)) /* a cut inside 链 */
      g_string_truncate(id, id->len - 1);
    g_auto(GStrv) parts = g_strsplit(id->str, "\"", -1);
    g_autofree char *csv_id = g_strjoinv("\"\"", parts);
    g_autofree char *segments = g_strdup_printf("id,tier\n\"%s\",midstream\n", csv_id);
    GString *ents = g_string_new("id,region,segments\n");
    for (guint k = 0; k < 400; k++)
      g_string_append_printf(ents, "producer-%u,Here,\"%s\"\n", k, csv_id);
    CmDiagnostics *diags = NULL;
    g_autoptr(CmDataset) ds = cm_test_load_text("[dataset]\nname=long\nregion=Here\nunit=u\n",
                                                segments, ents->str, NULL, &diags);
    cr_assert(ds != NULL, "length %u: %s", lengths[i], cm_test_dump_diags(diags));
    cm_diagnostics_free(diags);
    CmAnalysisOptions options;
    cm_analysis_options_init(&options, ds);
    CmMapStyle style;
    cm_map_style_init(&style, CM_MAP_DOT);
    g_autoptr(GError) err = NULL;
    g_autoptr(GBytes) dot = cm_chainmap_render(ds, &options, &style, &err);
    cr_assert(dot != NULL, "%s", err ? err->message : "");
    /* read from a file, as dot reads it (a string in memory has no line buffer to overflow) */
    gsize len = 0;
    const char *text = g_bytes_get_data(dot, &len);
    FILE *fp = fmemopen((void *)text, len, "r");
    cr_assert(fp != NULL);
    Agraph_t *g = agread(fp, NULL);
    fclose(fp);
    cr_assert(g != NULL, "the DOT of a %u-byte id does not read back", lengths[i]);
    Agnode_t *n = agnode(g, id->str, 0);
    cr_expect(n != NULL, "no node of %u bytes", (guint)id->len);
    cr_expect(n && strstr(agget(n, "tooltip"), "producer-399") != NULL);
    cr_expect(n && strlen(agget(n, "tooltip")) > 400 * 12, "the whole tooltip is kept");
    agclose(g);
    g_string_free(id, TRUE);
    g_string_free(ents, TRUE);
  }
}
