/* Which chain map is drawn, and how hard it is summarised (SPEC section 5): the whole template,
 * a detail map (--group, --focus SEGMENT), or the overview of a large template; when a drawing
 * does not fit its pixel bounds legibly, the next harder form is tried (compact nodes, then the
 * overview, then the overview by tier) instead of shrinking the text. */
#include "chain_private.h"
#include "cm_i18n.h"
#include "cm_output.h"

#include <string.h>

void
cm_chain_map_options_init(CmChainMapOptions *chain)
{
  *chain = (CmChainMapOptions){
      .scope = CM_CHAIN_AUTO, .group = NULL, .focus = -1, .depth = 1, .change = NULL};
}

/* Beyond these a segment map is not laid out (dot's work grows fast with links): a detail map is
 * refused, the whole template drawn as its overview. */
#define MAX_DETAIL_NODES 200
#define MAX_DETAIL_EDGES 600

/* Segments drawn (full or stub) and the links between them. */
static void
count_drawn(const CmDataset *ds, const CmSegmentView *view, guint *nodes, guint *edges)
{
  *nodes = *edges = 0;
  for (guint32 s = 0; s < cm_dataset_n_segments(ds); s++) {
    if (view && view[s] == CM_VIEW_HIDDEN)
      continue;
    (*nodes)++;
    const CmSegment *seg = cm_dataset_segment(ds, s);
    const guint32 *in = cm_dataset_segment_inputs(ds, seg);
    for (guint k = 0; k < seg->n_inputs; k++)
      *edges += !view || (view[in[k]] != CM_VIEW_HIDDEN &&
                          (view[in[k]] == CM_VIEW_FULL || view[s] == CM_VIEW_FULL));
  }
}

typedef enum {
  FORM_FULL,
  FORM_COMPACT,
  FORM_OVERVIEW,
  FORM_OVERVIEW_TIERS,
} Form;

static char *
known_groups(const CmTemplateParts *parts)
{
  GString *list = g_string_new(NULL);
  for (guint k = 0; k < parts->parts->len && k < 8; k++)
    g_string_append_printf(list, "%s'%s'", k ? ", " : "",
                           ((const CmTemplatePart *)g_ptr_array_index(parts->parts, k))->key);
  if (parts->parts->len > 8)
    g_string_append(list, ", ...");
  return g_string_free(list, FALSE);
}

gboolean
cm_chainmap_draw(const CmDataset *ds, const CmAnalysisOptions *options,
                 const CmChainMapOptions *chain, const CmMapStyle *style, guint formats,
                 GBytes **out, GError **error)
{
  g_return_val_if_fail(ds != NULL && options != NULL && style != NULL && out != NULL, FALSE);
  CmChainMapOptions defaults;
  cm_chain_map_options_init(&defaults);
  const CmChainMapOptions *co = chain ? chain : &defaults;
  CmChainData data;
  if (!cm_chain__data_init(&data, ds, options, error))
    return FALSE;
  data.change = co->change;
  g_autofree CmSegmentView *view = NULL;
  g_autofree char *subtitle = NULL;
  if (co->group) {
    gint part = cm_template_parts_find(data.parts, co->group);
    if (part < 0) {
      g_autofree char *groups = known_groups(data.parts);
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID,
                  _("no group '%s' in the template (groups: %s; a tier word names a tier's "
                    "ungrouped segments)"),
                  co->group, groups);
      cm_chain__data_clear(&data);
      return FALSE;
    }
    view = cm_template_select_part(ds, data.parts, (guint)part);
    const CmTemplatePart *p = g_ptr_array_index(data.parts->parts, part);
    subtitle = g_strdup_printf(p->is_tier ? _("Detail: the %s segments without a group, with "
                                              "their direct inputs and outputs")
                                          : _("Detail: group %s, with its direct inputs and "
                                              "outputs"),
                               p->is_tier ? cm_words_tier(p->tier) : p->key);
  } else if (co->focus >= 0) {
    g_return_val_if_fail(co->focus < (gint64)cm_dataset_n_segments(ds), FALSE);
    view = cm_template_select_near(ds, (guint32)co->focus, co->depth);
    const char *name = cm_segment_display_name(cm_dataset_segment(ds, (guint)co->focus));
    subtitle =
        g_strdup_printf(NG_("Detail: %s and the segments %u template step away",
                            "Detail: %s and the segments up to %u template steps away", co->depth),
                        name, co->depth);
  }
  /* bounded layout work: what no map can show legibly is never laid out */
  guint nodes = 0, edges = 0;
  count_drawn(ds, view, &nodes, &edges);
  if (view && (nodes > MAX_DETAIL_NODES || edges > MAX_DETAIL_EDGES)) {
    if (co->group)
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID,
                  _("group '%s' with its inputs and outputs is %u segments and %u links, too "
                    "many for one legible map (at most %u and %u): draw part of it with --focus "
                    "SEGMENT --depth 1"),
                  co->group, nodes, edges, MAX_DETAIL_NODES, MAX_DETAIL_EDGES);
    else
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_INVALID,
                  co->depth > 1 ? _("the segments within %u steps are %u with %u links, too many "
                                    "for one legible map (at most %u and %u): give a smaller "
                                    "--depth")
                                : _("the segments within %u step are %u with %u links, too many "
                                    "for one legible map (at most %u and %u): the overview "
                                    "(--overview) shows the whole template"),
                  co->depth, nodes, edges, MAX_DETAIL_NODES, MAX_DETAIL_EDGES);
    cm_chain__data_clear(&data);
    return FALSE;
  }
  gboolean big = cm_dataset_n_segments(ds) > CM_TEMPLATE_VIEW_MAX_SEGMENTS ||
                 (!view && edges > MAX_DETAIL_EDGES);
  Form forms[4];
  guint n_forms = 0;
  if (co->scope == CM_CHAIN_OVERVIEW || (co->scope == CM_CHAIN_AUTO && big && !view)) {
    forms[n_forms++] = FORM_OVERVIEW;
    forms[n_forms++] = FORM_OVERVIEW_TIERS;
  } else {
    forms[n_forms++] = FORM_FULL;
    forms[n_forms++] = FORM_COMPACT;
    if (co->scope == CM_CHAIN_AUTO && !view) {
      forms[n_forms++] = FORM_OVERVIEW;
      forms[n_forms++] = FORM_OVERVIEW_TIERS;
    }
  }
  CmMapFit fit = CM_MAP_FIT_ERROR;
  for (guint i = 0; i < n_forms; i++) {
    Agraph_t *g =
        forms[i] >= FORM_OVERVIEW
            ? cm_chain__overview_graph(&data, style, forms[i] == FORM_OVERVIEW_TIERS)
            : cm_chain__segments_graph(&data, style, view, forms[i] == FORM_COMPACT, subtitle);
    /* the last form is drawn whatever its size: within the pixel bounds, text smaller */
    fit = cm_map__render_formats(g, style, formats, i + 1 < n_forms, out, error);
    agclose(g);
    if (fit != CM_MAP_FIT_TOO_BIG)
      break;
  }
  cm_chain__data_clear(&data);
  return fit == CM_MAP_FIT_OK;
}

GBytes *
cm_chainmap_render(const CmDataset *ds, const CmAnalysisOptions *options, const CmMapStyle *style,
                   GError **error)
{
  GBytes *out[CM_MAP_FORMAT_COUNT];
  if (!cm_chainmap_draw(ds, options, NULL, style, 1u << style->format, out, error))
    return NULL;
  return out[style->format];
}

GBytes *
cm_chainmap_render_change(const CmDataset *ds, const CmAnalysisOptions *options,
                          const CmChainChange *change, const CmMapStyle *style, GError **error)
{
  g_return_val_if_fail(ds && options && change && change->previous && style, NULL);
  CmChainMapOptions chain;
  cm_chain_map_options_init(&chain);
  chain.change = change;
  GBytes *out[CM_MAP_FORMAT_COUNT];
  if (!cm_chainmap_draw(ds, options, &chain, style, 1u << style->format, out, error))
    return NULL;
  return out[style->format];
}

GStrv
cm_chainmap_detail_groups(const CmDataset *ds)
{
  guint n = cm_dataset_n_segments(ds);
  if (n <= CM_TEMPLATE_VIEW_MAX_SEGMENTS)
    return NULL;
  /* the parts only: statuses do not change which segments a part holds */
  g_autofree CmSegmentResult *none = g_new0(CmSegmentResult, n);
  g_autoptr(CmTemplateParts) parts = cm_template_parts_new(ds, none);
  GStrvBuilder *b = g_strv_builder_new();
  for (guint k = 0; k < parts->parts->len; k++)
    g_strv_builder_add(b, ((const CmTemplatePart *)g_ptr_array_index(parts->parts, k))->key);
  GStrv keys = g_strv_builder_end(b);
  g_strv_builder_unref(b);
  return keys;
}
