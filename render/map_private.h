/* Helpers shared by the chain-map writers of render/ (chain_map.c, network_map.c). */
#pragma once

#include "cm_chainmap.h"
#include "cm_display_name.h"
#include "cm_i18n.h"
#include "unit_text.h"
#include "words.h"

#include <graphviz/cgraph.h>

/* A new directed graph whose DOT writer appends to a GString (see cm_map__render). */
Agraph_t *cm_map__open(void);

/* How a layout went: drawn, refused by Graphviz, or too big to draw legibly within the pixel
 * bounds (the caller summarises harder and tries again). */
typedef enum {
  CM_MAP_FIT_OK,
  CM_MAP_FIT_ERROR,
  CM_MAP_FIT_TOO_BIG,
} CmMapFit;

/* Lays g out once and writes each format of formats (bits 1 << CmMapFormat) into out (indexed
 * by format; NULL for the others); DOT is the graph before layout. With must_fit, a layout whose
 * smallest text would be drawn under 9 px returns CM_MAP_FIT_TOO_BIG and writes nothing. g stays
 * open (the caller closes it). */
CmMapFit cm_map__render_formats(Agraph_t *g, const CmMapStyle *style, guint formats,
                                gboolean must_fit, GBytes **out, GError **error);

/* Whether the laid-out g fits its pixel bounds with text at least 9 px high. */
gboolean cm_map__fits(Agraph_t *g, const CmMapStyle *style);

/* Lays out g with dot and renders it as style says (for CM_MAP_DOT: writes it unlaid), then frees
 * g. Graphviz's messages become the error. (transfer full) */
GBytes *cm_map__render(Agraph_t *g, const CmMapStyle *style, GError **error);

/* Sets a plain attribute (declared with default "" when new). value is ours or escaped. */
void cm_map__set(void *obj, const char *name, const char *value);
/* Sets an HTML-like label (or other HTML attribute); html is markup built from escaped text. */
void cm_map__set_html(void *obj, const char *name, const char *html);
/* Sets the tooltip to text (plain dataset text; escaped here). */
void cm_map__set_tooltip(void *obj, const char *text);
/* A new node in parent named name (plain text; escaped here), or name#2, name#3 ... when two
 * names meet after escaping. */
Agnode_t *cm_map__new_node(Agraph_t *parent, const char *name);
/* Appends text to markup, escaped for an HTML-like label. */
void cm_map__html_append(GString *html, const char *text);

/* Money values for tooltips (full precision); labels use the reports' cm_report__money.
 * (transfer full) */
char *cm_map__value_full(double v);

/* The date line of titles, "YYYY-MM-DD" (style->date, SOURCE_DATE_EPOCH or today). */
char *cm_map__date(const CmMapStyle *style);

/* The line under a title: region, scenario, years, unit and date (plain text). (transfer full) */
char *cm_map__meta(const CmDataset *ds, const CmAnalysisOptions *options, const CmMapStyle *style);

/* The map's title: the dataset's name, or a generic one when the ini gives none (an empty <B></B>
 * is refused by Graphviz's HTML-label parser, which would drop the whole title block). */
const char *cm_map__title(const CmDataset *ds);

/* Graph, node and edge defaults shared by both views (font, colours, spacing). */
void cm_map__defaults(Agraph_t *g, const CmMapStyle *style);

/* One part of a bilingual name "锂盐 Lithium salts": the name split where its script changes
 * from CJK to Latin or back at a space; second is "" when there is no such space. */
void cm_map__split_name(const char *name, char **first, char **second);
