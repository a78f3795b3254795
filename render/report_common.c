#include "report_private.h"

#include <string.h>

GString *
cm_report__json_to_gstring(JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root(builder);
  g_autoptr(JsonGenerator) gen = json_generator_new();
  json_generator_set_pretty(gen, TRUE);
  json_generator_set_indent(gen, 1);
  json_generator_set_root(gen, root);
  gsize len = 0;
  g_autofree char *text = json_generator_to_data(gen, &len);
  GString *out = g_string_new_len(text, (gssize)len);
  g_string_append_c(out, '\n');
  return out;
}

void
cm_report__csv_cell(GString *out, const char *text, gboolean neutralize)
{
  gboolean risky = neutralize && text[0] && strchr("=+-@\t\r", text[0]);
  gboolean quote = risky || strpbrk(text, ",\"\r\n") != NULL;
  if (!quote) {
    g_string_append(out, text);
    return;
  }
  g_string_append_c(out, '"');
  if (risky)
    g_string_append_c(out, '\'');
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}
