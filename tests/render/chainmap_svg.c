#include "chainmap_svg.h"
#include "cm_loader.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <string.h>

static void
item_free(gpointer p)
{
  CmSvgItem *item = p;
  g_free(item->title);
  g_free(item->tooltip);
  g_string_free(item->text, TRUE);
  g_free(item);
}

typedef struct {
  GPtrArray *items;
  CmSvgItem *current;
  guint depth;      /* element depth */
  guint item_depth; /* depth of the current item's <g> */
  GString *chars;   /* text of the <title> or <text> being read */
  gboolean in_title, in_text;
} SvgParse;

static void
on_start(GMarkupParseContext *ctx, const char *element, const char **names, const char **values,
         gpointer data, GError **error)
{
  SvgParse *p = data;
  p->depth++;
  if (strcmp(element, "g") == 0 && !p->current) {
    for (guint i = 0; names[i]; i++)
      if (strcmp(names[i], "class") == 0 &&
          (strcmp(values[i], "node") == 0 || strcmp(values[i], "edge") == 0)) {
        p->current = g_new0(CmSvgItem, 1);
        p->current->is_edge = strcmp(values[i], "edge") == 0;
        p->current->text = g_string_new(NULL);
        p->item_depth = p->depth;
      }
    return;
  }
  if (!p->current)
    return;
  if (strcmp(element, "title") == 0 || strcmp(element, "text") == 0) {
    g_string_truncate(p->chars, 0);
    p->in_title = element[1] == 'i';
    p->in_text = !p->in_title;
  } else if (strcmp(element, "a") == 0) {
    for (guint i = 0; names[i]; i++)
      if (strcmp(names[i], "xlink:title") == 0 && !p->current->tooltip)
        p->current->tooltip = g_strdup(values[i]);
  }
}

/* Graphviz writes a space after a space as &#160; */
static char *
unbreak_spaces(const char *s)
{
  GString *out = g_string_new(NULL);
  for (const char *q = s; *q; q = g_utf8_next_char(q)) {
    gunichar c = g_utf8_get_char(q);
    if (c == 0xa0)
      g_string_append_c(out, ' ');
    else
      g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

static void
on_end(GMarkupParseContext *ctx, const char *element, gpointer data, GError **error)
{
  SvgParse *p = data;
  if (p->current && p->in_title && strcmp(element, "title") == 0) {
    p->current->title = g_strdup(p->chars->str);
    p->in_title = FALSE;
  } else if (p->current && p->in_text && strcmp(element, "text") == 0) {
    g_autofree char *line = unbreak_spaces(p->chars->str);
    if (p->current->text->len)
      g_string_append_c(p->current->text, '\n');
    g_string_append(p->current->text, line);
    p->in_text = FALSE;
  } else if (p->current && strcmp(element, "g") == 0 && p->depth == p->item_depth) {
    g_ptr_array_add(p->items, p->current);
    p->current = NULL;
  }
  p->depth--;
}

static void
on_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  SvgParse *p = data;
  if (p->in_title || p->in_text)
    g_string_append_len(p->chars, text, (gssize)len);
}

GPtrArray *
cm_svg_items(const char *svg, gsize len, GError **error)
{
  static const GMarkupParser parser = {on_start, on_end, on_text, NULL, NULL};
  SvgParse p = {.items = g_ptr_array_new_with_free_func(item_free), .chars = g_string_new(NULL)};
  GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, &p, NULL);
  gboolean ok = g_markup_parse_context_parse(ctx, svg, (gssize)len, error) &&
                g_markup_parse_context_end_parse(ctx, error);
  g_markup_parse_context_free(ctx);
  g_string_free(p.chars, TRUE);
  if (p.current)
    item_free(p.current);
  if (!ok) {
    g_ptr_array_unref(p.items);
    return NULL;
  }
  return p.items;
}

const CmSvgItem *
cm_svg_node(const GPtrArray *items, const char *name)
{
  for (guint i = 0; i < items->len; i++) {
    const CmSvgItem *item = g_ptr_array_index(items, i);
    if (!item->is_edge && item->title && strcmp(item->title, name) == 0)
      return item;
  }
  return NULL;
}

GBytes *
cm_test_map(const char *dataset, CmMapFormat format, gboolean slide, const char *focus, guint depth)
{
  CmDiagnostics *diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dataset, &diags);
  g_autofree char *dump = cm_test_dump_diags(diags);
  cm_diagnostics_free(diags);
  cr_assert(ds != NULL, "fixture %s does not load:\n%s", dataset, dump);
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, format);
  style.slide = slide;
  style.date = "2024-05-01";
  g_autoptr(GError) err = NULL;
  GBytes *out = NULL;
  if (focus) {
    gint64 e = cm_dataset_find_enterprise(ds, focus);
    cr_assert(e >= 0, "no enterprise %s", focus);
    out = cm_network_map_render(ds, &options, e, depth, &style, &err);
  } else {
    out = cm_chainmap_render(ds, &options, &style, &err);
  }
  cr_assert(out != NULL, "render failed: %s", err ? err->message : "?");
  return out;
}

Agraph_t *
cm_test_read_dot(GBytes *dot)
{
  gsize len = 0;
  const char *data = g_bytes_get_data(dot, &len);
  g_autofree char *text = g_strndup(data, len);
  Agraph_t *g = agmemread(text);
  cr_assert(g != NULL, "DOT does not parse back:\n%s", text);
  return g;
}

gboolean
cm_test_png_size(GBytes *png, guint32 *width, guint32 *height)
{
  gsize len = 0;
  const guint8 *d = g_bytes_get_data(png, &len);
  static const guint8 signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (len < 24 || memcmp(d, signature, 8) != 0 || memcmp(d + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = (guint32)d[16] << 24 | (guint32)d[17] << 16 | (guint32)d[18] << 8 | d[19];
  *height = (guint32)d[20] << 24 | (guint32)d[21] << 16 | (guint32)d[22] << 8 | d[23];
  return TRUE;
}
