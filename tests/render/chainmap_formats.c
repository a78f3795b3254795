/* The chain view as SVG, PNG and PDF, in normal and slide size (tests/data/render/basic). */
#include "chainmap_svg.h"

#include <criterion/criterion.h>
#include <string.h>

static gboolean
contains(GBytes *bytes, const char *needle)
{
  gsize len = 0;
  const char *data = g_bytes_get_data(bytes, &len);
  return memmem(data, len, needle, strlen(needle)) != NULL;
}

Test(chainmap_formats, svg_is_well_formed_with_chinese_names_and_tooltips)
{
  g_autoptr(GBytes) svg = cm_test_map("render/basic", CM_MAP_SVG, FALSE, NULL, 0);
  gsize len = 0;
  const char *data = g_bytes_get_data(svg, &len);
  g_autoptr(GError) err = NULL;
  g_autoptr(GPtrArray) items = cm_svg_items(data, len, &err);
  cr_assert(items != NULL, "SVG is not well-formed: %s", err ? err->message : "");
  guint nodes = 0, edges = 0;
  for (guint i = 0; i < items->len; i++) {
    const CmSvgItem *item = g_ptr_array_index(items, i);
    cr_expect(item->tooltip && item->tooltip[0], "%s has no tooltip", item->title);
    item->is_edge ? edges++ : nodes++;
  }
  cr_expect_eq(nodes, 8);
  cr_expect_eq(edges, 6);
  const CmSvgItem *cathode = cm_svg_node(items, "cathode");
  cr_assert(cathode != NULL);
  cr_expect(strstr(cathode->text->str, "正极材料") != NULL, "%s", cathode->text->str);
  cr_expect(strstr(cathode->text->str, "正极一 Cathode One") != NULL);
  /* full figures in the tooltip: local demand 65, supplied 45, leakage 20 */
  cr_expect(strstr(cathode->tooltip, "local demand: 65") != NULL, "%s", cathode->tooltip);
  cr_expect(strstr(cathode->tooltip, "local supplied: 45") != NULL);
  cr_expect(strstr(cathode->tooltip, "leakage: 20") != NULL);
  cr_expect(strstr(cathode->tooltip, "note: key input") != NULL, "extra columns are shown");
}

Test(chainmap_formats, png_has_signature_and_size)
{
  g_autoptr(GBytes) png = cm_test_map("render/basic", CM_MAP_PNG, FALSE, NULL, 0);
  guint32 w = 0, h = 0;
  cr_assert(cm_test_png_size(png, &w, &h), "not a PNG");
  cr_expect(w > 400 && h > 200, "%ux%u", w, h);
}

Test(chainmap_formats, slide_png_is_exactly_1920_by_1080)
{
  g_autoptr(GBytes) png = cm_test_map("render/basic", CM_MAP_PNG, TRUE, NULL, 0);
  guint32 w = 0, h = 0;
  cr_assert(cm_test_png_size(png, &w, &h), "not a PNG");
  cr_expect_eq(w, 1920);
  cr_expect_eq(h, 1080);
  /* a tall map too: the network of lead, 3 steps up, is taller than wide */
  g_autoptr(GBytes) tall = cm_test_map("render/basic", CM_MAP_PNG, TRUE, "lead", 3);
  cr_assert(cm_test_png_size(tall, &w, &h));
  cr_expect(w == 1920 && h == 1080, "%ux%u", w, h);
}

Test(chainmap_formats, pdf_has_signature_and_embeds_the_cjk_font)
{
  g_autoptr(GBytes) pdf = cm_test_map("render/basic", CM_MAP_PDF, FALSE, NULL, 0);
  gsize len = 0;
  const char *data = g_bytes_get_data(pdf, &len);
  cr_assert(len > 5 && memcmp(data, "%PDF-", 5) == 0);
  /* Chinese is drawn with Noto Sans CJK glyphs, not a fallback font's boxes */
  cr_expect(contains(pdf, "NotoSansCJK"), "no CJK font embedded");
}

Test(chainmap_formats, slide_pdf_and_svg_are_16_by_9)
{
  g_autoptr(GBytes) pdf = cm_test_map("render/basic", CM_MAP_PDF, TRUE, NULL, 0);
  cr_expect(contains(pdf, "/MediaBox [ 0 0 960 540 ]"));
  g_autoptr(GBytes) svg = cm_test_map("render/basic", CM_MAP_SVG, TRUE, NULL, 0);
  cr_expect(contains(svg, "width=\"960pt\" height=\"540pt\""));
}

Test(chainmap_formats, svg_never_links_anywhere)
{
  g_autoptr(GBytes) svg = cm_test_map("render/hostile", CM_MAP_SVG, FALSE, NULL, 0);
  cr_expect(!contains(svg, "href"));
  cr_expect(!contains(svg, "<image"));
  cr_expect(!contains(svg, "<script"));
  g_autoptr(GBytes) net = cm_test_map("render/hostile", CM_MAP_SVG, FALSE, "e \"1\"", 2);
  cr_expect(!contains(net, "href"));
  cr_expect(!contains(net, "<script"));
}
