/* Pieces shared by the chain and network views: formats, attributes, numbers, names. */
#include "map_private.h"

#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"svg", "png", "pdf", "dot"};

gboolean
cm_map_format_from_string(const char *name, CmMapFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS(format_names); i++)
    if (g_ascii_strcasecmp(name, format_names[i]) == 0) {
      *format = (CmMapFormat)i;
      return TRUE;
    }
  return FALSE;
}

const char *
cm_map_format_to_string(CmMapFormat format)
{
  return (guint)format < G_N_ELEMENTS(format_names) ? format_names[format] : NULL;
}

gboolean
cm_map_format_from_path(const char *path, CmMapFormat *format)
{
  g_autofree char *base = g_path_get_basename(path);
  const char *dot = strrchr(base, '.');
  return dot && dot != base && cm_map_format_from_string(dot + 1, format);
}

void
cm_map_style_init(CmMapStyle *style, CmMapFormat format)
{
  *style = (CmMapStyle){.format = format, .slide = FALSE, .font = NULL, .date = NULL};
}

static char *
cut_with_ellipsis(const char *text, const char *end)
{
  g_autofree char *head = g_strndup(text, (gsize)(end - text));
  return g_strconcat(head, "…", NULL);
}

void
cm_map__set(void *obj, const char *name, const char *value)
{
  agsafeset(obj, (char *)name, (char *)value, "");
}

void
cm_map__set_html(void *obj, const char *name, const char *html)
{
  Agraph_t *g = agraphof(obj);
  char *ref = agstrdup_html(g, (char *)html);
  agsafeset(obj, (char *)name, ref, "");
  agstrfree(g, ref);
}

void
cm_map__set_tooltip(void *obj, const char *text)
{
  g_autofree char *escaped = cm_escape_tooltip(text);
  cm_map__set(obj, "tooltip", escaped);
}

Agnode_t *
cm_map__new_node(Agraph_t *parent, const char *name)
{
  g_autofree char *escaped = cm_escape_dot(name);
  Agraph_t *root = agroot(parent);
  if (!agnode(root, escaped, 0))
    return agnode(parent, escaped, 1);
  for (guint k = 2;; k++) {
    g_autofree char *unique = g_strdup_printf("%s#%u", escaped, k);
    if (!agnode(root, unique, 0))
      return agnode(parent, unique, 1);
  }
}

/* Text in a label is cut here (with an ellipsis): a label is read, not a record (the tooltip
 * keeps the whole text), and cgraph reads no HTML-like string over 16,384 bytes. */
#define MAX_LABEL_CHARS 160

void
cm_map__html_append(GString *html, const char *text)
{
  g_autofree char *cut = NULL;
  if (g_utf8_validate(text, -1, NULL) && g_utf8_strlen(text, -1) > MAX_LABEL_CHARS) {
    const char *end = g_utf8_offset_to_pointer(text, MAX_LABEL_CHARS - 1);
    cut = cut_with_ellipsis(text, end);
  } else if (strlen(text) > 4 * MAX_LABEL_CHARS) { /* invalid UTF-8: cut at a byte count */
    cut = g_strndup(text, 4 * MAX_LABEL_CHARS);
  }
  g_autofree char *escaped = cm_escape_html(cut ? cut : text);
  g_string_append(html, escaped);
}

char *
cm_map__value_full(double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.12g", v);
  return g_strdup(buf);
}

char *
cm_map__date(const CmMapStyle *style)
{
  if (style->date)
    return g_strdup(style->date);
  g_autoptr(GDateTime) now = NULL;
  const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
  char *end = NULL;
  gint64 seconds = epoch ? g_ascii_strtoll(epoch, &end, 10) : 0;
  if (epoch && *epoch && end && *end == '\0')
    now = g_date_time_new_from_unix_utc(seconds);
  if (!now)
    now = g_date_time_new_now_local();
  return g_date_time_format(now, "%Y-%m-%d");
}

char *
cm_map__meta(const CmDataset *ds, const CmAnalysisOptions *options, const CmMapStyle *style)
{
  g_autofree char *date = cm_map__date(style);
  g_autofree const char **scenario = cm_scenario_to_strv(options->scenario);
  GString *statuses = g_string_new(NULL);
  for (guint i = 0; scenario[i]; i++) {
    CmProjectStatus status = CM_PROJECT_OPERATING;
    cm_project_status_from_string(scenario[i], &status);
    g_string_append(statuses, i ? C_("list", ", ") : "");
    g_string_append(statuses, cm_words_project_status(status));
  }
  g_autofree char *scenario_text = g_string_free(statuses, FALSE);
  g_autofree char *years =
      options->by_year ? g_strdup_printf(_("year %d"), options->year) : g_strdup(_("all years"));
  return g_strdup_printf(_("region %s  ·  scenario %s  ·  %s  ·  money in %s  ·  %s"), ds->region,
                         scenario_text, years, cm_unit_display(ds->unit), date);
}

void
cm_map__defaults(Agraph_t *g, const CmMapStyle *style)
{
  g_autofree char *font = cm_escape_dot(style->font ? style->font : CM_MAP_DEFAULT_FONT);
  cm_map__set(g, "fontname", font);
  agattr(g, AGNODE, "fontname", font);
  agattr(g, AGEDGE, "fontname", font);
  cm_map__set(g, "charset", "UTF-8");
  cm_map__set(g, "rankdir", "LR");
  cm_map__set(g, "bgcolor", "white");
  cm_map__set(g, "pad", "0.3");
  cm_map__set(g, "nodesep", "0.22");
  cm_map__set(g, "ranksep", "0.55");
  cm_map__set(g, "labelloc", "t");
  cm_map__set(g, "labeljust", "l");
  agattr(g, AGNODE, "shape", "box");
  agattr(g, AGNODE, "style", "rounded,filled");
  agattr(g, AGNODE, "fontsize", "11");
  agattr(g, AGNODE, "fontcolor", "#1f2328");
  agattr(g, AGNODE, "margin", "0.10,0.05");
  agattr(g, AGEDGE, "color", "#7b8794");
  agattr(g, AGEDGE, "arrowsize", "0.7");
  agattr(g, AGEDGE, "fontsize", "9");
  agattr(g, AGEDGE, "fontcolor", "#52606d");
}

void
cm_map__split_name(const char *name, char **first, char **second)
{
  for (const char *p = name; *p; p = g_utf8_next_char(p)) {
    if (*p != ' ' || p == name || !p[1])
      continue;
    gunichar before = g_utf8_get_char(g_utf8_find_prev_char(name, p));
    gunichar after = g_utf8_get_char(p + 1);
    if (after != ' ' && g_unichar_iswide(before) != g_unichar_iswide(after)) {
      *first = g_strndup(name, p - name);
      *second = g_strstrip(g_strdup(p + 1));
      return;
    }
  }
  *first = g_strdup(name);
  *second = g_strdup("");
}

const char *
cm_map__title(const CmDataset *ds)
{
  const char *name = cm_dataset_display_name(ds);
  return name && *name ? name : _("Industrial chain map");
}
