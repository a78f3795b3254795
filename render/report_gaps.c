/* The gaps report: each segment's status, the three action lists and why. */
#include "cm_display_name.h"
#include "cm_report.h"
#include "report_shared.h"
#include "text_table.h"

static const CmSegment *
segment(const CmDataset *ds, guint s)
{
  return cm_dataset_segment(ds, s);
}

/* A segment as people read it in a reason: "name (id)", or the id when it has no other name. */
static char *
segment_label(const CmDataset *ds, guint s)
{
  const CmSegment *seg = segment(ds, s);
  GString *out = g_string_new(NULL);
  cm_report__append_label(out, cm_segment_display_name(seg), seg->id);
  return g_string_free(out, FALSE);
}

/* The reason for a segment's status, in words, from the analysis' reasons and figures. */
static char *
reason(const CmDataset *ds, const CmGaps *gaps, guint s)
{
  const CmSegmentResult *r = &gaps->segments[s];
  const CmAnalysisParams *p = &ds->params;
  GString *why = g_string_new(NULL);
  g_autofree char *coverage =
      r->has_coverage ? cm_report__percent_vs(r->coverage, p->min_coverage) : NULL;
  g_autofree char *min_coverage = cm_report__percent(p->min_coverage);
  switch (r->status) {
  case CM_SEGMENT_STRONG:
    g_string_append_printf(
        why, NG_("%u local producer (min %u)", "%u local producers (min %u)", r->local_producers),
        r->local_producers, p->min_producers);
    if (coverage)
      g_string_append_printf(why, _("; local share %s (min %s)"), coverage, min_coverage);
    break;
  case CM_SEGMENT_WEAK:
    if (r->reasons & (1u << CM_REASON_FEW_PRODUCERS))
      g_string_append_printf(why,
                             NG_("only %u local producer (min %u)",
                                 "only %u local producers (min %u)", r->local_producers),
                             r->local_producers, p->min_producers);
    if (r->reasons & (1u << CM_REASON_LOW_COVERAGE)) {
      if (why->len)
        g_string_append(why, C_("reasons", "; "));
      g_string_append_printf(why, _("local share only %s (min %s)"), coverage, min_coverage);
    }
    break;
  case CM_SEGMENT_GAP:
    if (r->reasons & (1u << CM_REASON_FEEDS_PRESENT)) {
      if (r->reason_segment >= 0) {
        g_autofree char *of = segment_label(ds, (guint)r->reason_segment);
        g_string_append_printf(why, _("input of %s, made locally"), of);
      } else
        g_string_append(why, _("input of a segment made locally"));
    }
    if (r->reasons & (1u << CM_REASON_LOCAL_DEMAND)) {
      if (why->len)
        g_string_append(why, C_("reasons", "; "));
      g_string_append(why, _("local buyers buy it from outside"));
    }
    break;
  case CM_SEGMENT_FRONTIER: {
    gboolean up = r->direction == CM_DIRECTION_UPSTREAM;
    if (r->reason_segment >= 0) {
      g_autofree char *of = segment_label(ds, (guint)r->reason_segment);
      if (up)
        g_string_append_printf(why,
                               NG_("%d step upstream of %s, made locally",
                                   "%d steps upstream of %s, made locally", r->distance),
                               r->distance, of);
      else
        g_string_append_printf(why,
                               NG_("%d step downstream of %s, made locally",
                                   "%d steps downstream of %s, made locally", r->distance),
                               r->distance, of);
    } else if (up) {
      g_string_append_printf(why,
                             NG_("%d step upstream of the local chain",
                                 "%d steps upstream of the local chain", r->distance),
                             r->distance);
    } else {
      g_string_append_printf(why,
                             NG_("%d step downstream of the local chain",
                                 "%d steps downstream of the local chain", r->distance),
                             r->distance);
    }
    break;
  }
  case CM_SEGMENT_ABSENT:
  default:
    g_string_append(why, _("no template path to or from what is made locally"));
    break;
  }
  return g_string_free(why, FALSE);
}

static char *
producers_text(const CmSegmentResult *r)
{
  if (r->leaders == 0)
    return g_strdup_printf("%u", r->local_producers);
  return g_strdup_printf(NG_("%u (%u leader)", "%u (%u leaders)", r->leaders), r->local_producers,
                         r->leaders);
}

/* Columns of the tables; each section picks some. */
typedef enum {
  COL_RANK,
  COL_ID,
  COL_NAME,
  COL_TIER,
  COL_PRODUCERS,
  COL_OUTPUT,
  COL_DEMAND,
  COL_COVERAGE,
  COL_LEAKAGE,
  COL_WHY,
} Col;

static void
set_cell(CmTextTable *t, guint k, Col col, const CmDataset *ds, const CmGaps *gaps, guint s,
         guint rank, gboolean color)
{
  const CmSegmentResult *r = &gaps->segments[s];
  g_autofree char *text = NULL;
  switch (col) {
  case COL_RANK:
    text = g_strdup_printf("%u", rank);
    break;
  case COL_ID:
    cm_text_table_cell(t, k, segment(ds, s)->id);
    if (color)
      cm_text_table_color(t, k, cm_report__status_color(r->status));
    return;
  case COL_NAME:
    cm_text_table_cell(t, k, cm_segment_display_name(segment(ds, s)));
    return;
  case COL_TIER:
    cm_text_table_cell(t, k, cm_words_tier(segment(ds, s)->tier));
    return;
  case COL_PRODUCERS:
    text = producers_text(r);
    break;
  case COL_OUTPUT:
    text = cm_report__money(r->local_output);
    break;
  case COL_DEMAND:
    text = cm_report__money(r->local_demand);
    break;
  case COL_COVERAGE:
    text = r->has_coverage ? cm_report__percent(r->coverage) : g_strdup("-");
    break;
  case COL_LEAKAGE:
    text = cm_report__money(r->leakage);
    break;
  case COL_WHY:
    text = reason(ds, gaps, s);
    break;
  }
  cm_text_table_cell(t, k, text);
}

static void
add_column(CmTextTable *t, guint k, Col col)
{
  static const struct {
    const char *title;
    CmAlign align;
    guint wrap;
  } cols[] = {
      [COL_RANK] = {"#", CM_ALIGN_RIGHT, 0},
      [COL_ID] = {N_("Id"), CM_ALIGN_LEFT, 0},
      [COL_NAME] = {N_("Segment"), CM_ALIGN_LEFT, 28},
      [COL_TIER] = {N_("Tier"), CM_ALIGN_LEFT, 0},
      [COL_PRODUCERS] = {N_("Local\nproducers"), CM_ALIGN_RIGHT, 0},
      [COL_OUTPUT] = {N_("Local\noutput"), CM_ALIGN_RIGHT, 0},
      [COL_DEMAND] = {N_("Local\ndemand"), CM_ALIGN_RIGHT, 0},
      [COL_COVERAGE] = {N_("Local\nshare"), CM_ALIGN_RIGHT, 0},
      [COL_LEAKAGE] = {N_("Bought\noutside"), CM_ALIGN_RIGHT, 0},
      [COL_WHY] = {N_("Why"), CM_ALIGN_LEFT, 40},
  };
  const char *title = col == COL_RANK ? cols[col].title : _(cols[col].title);
  cm_text_table_column(t, k, title, cols[col].align, cols[col].wrap);
}

/* One section: a heading, a sentence saying what it means, and the table of its segments. */
typedef struct {
  const char *heading;
  const char *meaning;
  const char *sgr;
  const Col *cols;
  guint n_cols;
} Section;

static void
write_section(GString *out, const CmDataset *ds, const CmGaps *gaps, const Section *sec,
              const guint32 *list, guint n, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD;
  gboolean color = o->color && !md;
  g_autofree char *heading = g_strdup_printf("%s (%u)", sec->heading, n);
  cm_report__heading(out, heading, sec->sgr, o->format, color);
  cm_report__paragraph(out, sec->meaning, o->format);
  if (n == 0) {
    g_string_append(out, md ? _("None.\n\n") : _("  none\n\n"));
    return;
  }
  g_autoptr(CmTextTable) t = cm_text_table_new(sec->n_cols);
  for (guint k = 0; k < sec->n_cols; k++)
    add_column(t, k, sec->cols[k]);
  for (guint i = 0; i < n; i++) {
    cm_text_table_row(t);
    for (guint k = 0; k < sec->n_cols; k++)
      set_cell(t, k, sec->cols[k], ds, gaps, list[i], i + 1, color);
  }
  cm_report__table(out, t, o->format, color);
}

static GArray *
with_status(const CmGaps *gaps, CmSegmentStatus status)
{
  GArray *list = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 s = 0; s < gaps->n_segments; s++)
    if (gaps->segments[s].status == status)
      g_array_append_val(list, s);
  return list;
}

static GString *
gaps_document(const CmDataset *ds, const CmGaps *gaps, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD;
  GString *out = g_string_new(NULL);
  cm_report__header(out, ds, &gaps->options, _("chain links: strong, weak and missing"), o->format,
                    o->color);
  const CmAnalysisParams *p = &ds->params;
  g_autofree char *completeness = cm_report__percent(gaps->completeness);
  g_autofree char *min_coverage = cm_report__percent(p->min_coverage);
  const guint *c = gaps->count;
  g_string_append(out, md ? "**" : "\n");
  g_string_append_printf(out,
                         NG_("%u of %u segment is made locally (%s complete): %u strong, %u weak, "
                             "%u gap, %u frontier, %u absent.",
                             "%u of %u segments are made locally (%s complete): %u strong, %u "
                             "weak, %u gap, %u frontier, %u absent.",
                             gaps->n_segments),
                         gaps->present, gaps->n_segments, completeness, c[CM_SEGMENT_STRONG],
                         c[CM_SEGMENT_WEAK], c[CM_SEGMENT_GAP], c[CM_SEGMENT_FRONTIER],
                         c[CM_SEGMENT_ABSENT]);
  g_string_append(out, md ? "**\n\n" : "\n");
  g_string_append_printf(out,
                         _("To do: strengthen %u weak, supplement %u missing and extend into %u "
                           "frontier links.\n\n"),
                         c[CM_SEGMENT_WEAK], c[CM_SEGMENT_GAP], c[CM_SEGMENT_FRONTIER]);
  g_autofree char *legend = g_strdup_printf(
      ds->has_supply
          ? _("How to read: a segment is made locally when at least one counted enterprise in the "
              "region produces it; it is then weak with fewer than %u local producers or a local "
              "share below %s. Local demand: what local buyers bought of the segment. Local "
              "share: the part of it bought from local suppliers (a dash when local buyers "
              "bought none). Bought outside: the rest, which leaks out of the region.")
          : _("How to read: a segment is made locally when at least one counted enterprise in the "
              "region produces it; it is then weak with fewer than %u local producers or a local "
              "share below %s. Local demand: what local buyers bought of the segment. Local "
              "share: the part of it bought from local suppliers (a dash when local buyers "
              "bought none). Bought outside: the rest, which leaks out of the region. This "
              "dataset has no supply table, so there are no demand figures."),
      p->min_producers, min_coverage);
  cm_report__paragraph(out, legend, o->format);
  if (!md)
    g_string_append_c(out, '\n');

  g_autofree char *strong_meaning =
      g_strdup_printf(_("Made locally by at least %u producers, with a local share of at least "
                        "%s (or no local demand)."),
                      p->min_producers, min_coverage);
  static const Col weak_cols[] = {COL_RANK,   COL_ID,       COL_NAME,    COL_PRODUCERS,
                                  COL_DEMAND, COL_COVERAGE, COL_LEAKAGE, COL_WHY};
  static const Col gap_cols[] = {COL_RANK, COL_ID, COL_NAME, COL_TIER, COL_LEAKAGE, COL_WHY};
  static const Col frontier_cols[] = {COL_RANK, COL_ID, COL_NAME, COL_TIER, COL_WHY};
  static const Col strong_cols[] = {COL_ID,     COL_NAME,     COL_PRODUCERS, COL_OUTPUT,
                                    COL_DEMAND, COL_COVERAGE, COL_LEAKAGE};
  static const Col absent_cols[] = {COL_ID, COL_NAME, COL_TIER};
  const Section sections[] = {
      {_("Strengthen: weak links"),
       _("Made locally, but by too few producers or mostly bought from outside. Most money "
         "bought outside first."),
       "1;33", weak_cols, G_N_ELEMENTS(weak_cols)},
      {_("Supplement: missing links"),
       _("Not made locally, although the local chain needs them: an input of something made "
         "locally, or bought by local buyers from outside. Most money bought outside first."),
       "1;31", gap_cols, G_N_ELEMENTS(gap_cols)},
      {_("Extend: frontier links"),
       _("Not made locally, further up or down the chain from what is: ways to lengthen the "
         "chain. Most money bought outside first, then nearest first."),
       "1;36", frontier_cols, G_N_ELEMENTS(frontier_cols)},
      {_("Strong links"), strong_meaning, "1;32", strong_cols, G_N_ELEMENTS(strong_cols)},
      {_("Absent links"), _("Not made locally and not linked to anything made locally."), "1;2",
       absent_cols, G_N_ELEMENTS(absent_cols)},
  };
  const GArray *lists[] = {gaps->strengthen, gaps->supplement, gaps->extend};
  g_autoptr(GArray) strong = with_status(gaps, CM_SEGMENT_STRONG);
  g_autoptr(GArray) absent = with_status(gaps, CM_SEGMENT_ABSENT);
  for (guint i = 0; i < G_N_ELEMENTS(sections); i++) {
    const GArray *list = i < 3 ? lists[i] : i == 3 ? strong : absent;
    write_section(out, ds, gaps, &sections[i], (const guint32 *)list->data, list->len, o);
  }
  g_string_truncate(out, out->len - 1); /* one newline at the end */
  return out;
}

static void
json_ids(JsonBuilder *b, const CmDataset *ds, const char *member, const GArray *list)
{
  json_builder_set_member_name(b, member);
  json_builder_begin_array(b);
  for (guint i = 0; i < list->len; i++)
    json_builder_add_string_value(b, segment(ds, g_array_index(list, guint32, i))->id);
  json_builder_end_array(b);
}

static void
json_int(JsonBuilder *b, const char *member, gint64 v)
{
  json_builder_set_member_name(b, member);
  json_builder_add_int_value(b, v);
}

static void
json_double(JsonBuilder *b, const char *member, double v, gboolean has)
{
  json_builder_set_member_name(b, member);
  cm_report__json_double(b, v, has);
}

static void
json_string(JsonBuilder *b, const char *member, const char *v)
{
  json_builder_set_member_name(b, member);
  if (v)
    json_builder_add_string_value(b, v);
  else
    json_builder_add_null_value(b);
}

static GString *
gaps_json(const CmDataset *ds, const CmGaps *gaps)
{
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  cm_report__json_dataset(b, ds);
  json_builder_set_member_name(b, "scenario");
  json_builder_begin_array(b);
  g_autofree const char **scenario = cm_scenario_to_strv(gaps->options.scenario);
  for (guint i = 0; scenario[i]; i++)
    json_builder_add_string_value(b, scenario[i]);
  json_builder_end_array(b);

  json_builder_set_member_name(b, "summary");
  json_builder_begin_object(b);
  json_int(b, "segments", gaps->n_segments);
  json_int(b, "present", gaps->present);
  json_double(b, "completeness", gaps->completeness, TRUE);
  for (guint st = 0; st < CM_SEGMENT_STATUS_COUNT; st++)
    json_int(b, cm_segment_status_to_string(st), gaps->count[st]);
  json_builder_end_object(b);

  json_builder_set_member_name(b, "segments");
  json_builder_begin_array(b);
  for (guint s = 0; s < gaps->n_segments; s++) {
    const CmSegment *seg = segment(ds, s);
    const CmSegmentResult *r = &gaps->segments[s];
    gboolean frontier = r->status == CM_SEGMENT_FRONTIER;
    json_builder_begin_object(b);
    json_string(b, "id", seg->id);
    json_string(b, "name", seg->name);
    json_string(b, "tier", cm_tier_to_string(seg->tier));
    json_string(b, "group", seg->group);
    json_string(b, "status", cm_segment_status_to_string(r->status));
    json_string(b, "action", cm_action_to_string(cm_segment_status_action(r->status)));
    json_int(b, "local_producers", r->local_producers);
    json_int(b, "leaders", r->leaders);
    json_double(b, "local_output", r->local_output, TRUE);
    json_double(b, "local_demand", r->local_demand, TRUE);
    json_double(b, "local_supplied", r->local_supplied, TRUE);
    json_double(b, "coverage", r->coverage, r->has_coverage);
    json_double(b, "leakage", r->leakage, TRUE);
    json_string(b, "direction", frontier ? cm_direction_to_string(r->direction) : NULL);
    json_builder_set_member_name(b, "distance");
    if (frontier)
      json_builder_add_int_value(b, r->distance);
    else
      json_builder_add_null_value(b);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_ids(b, ds, "strengthen", gaps->strengthen);
  json_ids(b, ds, "supplement", gaps->supplement);
  json_ids(b, ds, "extend", gaps->extend);
  json_builder_end_object(b);
  return cm_report__json_finish(b);
}

static GString *
gaps_csv(const CmDataset *ds, const CmGaps *gaps)
{
  GString *out = g_string_new("id,name,tier,group,status,action,local_producers,leaders,"
                              "local_output,local_demand,local_supplied,coverage,leakage,"
                              "direction,distance\r\n");
  for (guint s = 0; s < gaps->n_segments; s++) {
    const CmSegment *seg = segment(ds, s);
    const CmSegmentResult *r = &gaps->segments[s];
    gboolean frontier = r->status == CM_SEGMENT_FRONTIER;
    const char *action = cm_action_to_string(cm_segment_status_action(r->status));
    cm_report__csv_text(out, TRUE, seg->id);
    cm_report__csv_text(out, FALSE, seg->name);
    cm_report__csv_text(out, FALSE, cm_tier_to_string(seg->tier));
    cm_report__csv_text(out, FALSE, seg->group);
    cm_report__csv_text(out, FALSE, cm_segment_status_to_string(r->status));
    cm_report__csv_text(out, FALSE, action ? action : "");
    g_string_append_printf(out, ",%u,%u", r->local_producers, r->leaders);
    cm_report__csv_number(out, r->local_output, TRUE);
    cm_report__csv_number(out, r->local_demand, TRUE);
    cm_report__csv_number(out, r->local_supplied, TRUE);
    cm_report__csv_number(out, r->coverage, r->has_coverage);
    cm_report__csv_number(out, r->leakage, TRUE);
    cm_report__csv_text(out, FALSE, frontier ? cm_direction_to_string(r->direction) : "");
    if (frontier)
      g_string_append_printf(out, ",%d", r->distance);
    else
      g_string_append_c(out, ',');
    cm_report__csv_end(out);
  }
  return out;
}

GString *
cm_report_gaps(const CmDataset *ds, const CmGaps *gaps, const CmReportOptions *options)
{
  g_return_val_if_fail(ds && gaps && options, NULL);
  switch (options->format) {
  case CM_FORMAT_JSON:
    return gaps_json(ds, gaps);
  case CM_FORMAT_CSV:
    return gaps_csv(ds, gaps);
  default:
    return gaps_document(ds, gaps, options);
  }
}
