/* The compare report: segments × columns of status, the figures of each column, and what changed
 * from one column to the next in sentences a briefing can quote. */
#include "cm_i18n.h"
#include "cm_report_compare.h"
#include "report_shared.h"
#include "text_table.h"

#include <string.h>

static const char *const status_words[CM_SEGMENT_STATUS_COUNT] = {
    N_("strong"), N_("weak"), N_("gap"), N_("frontier"), N_("absent")};

const char *
cm_report_status_word(CmSegmentStatus status)
{
  return status < CM_SEGMENT_STATUS_COUNT ? _(status_words[status]) : "?";
}

/* Whole phrases for each set of statuses, so that a translation never glues words together. */
static const char *const scenario_phrases[8] = {
    "",
    N_("operating enterprises"),
    N_("construction projects"),
    N_("operating enterprises and construction projects"),
    N_("signed projects"),
    N_("operating enterprises and signed projects"),
    N_("construction and signed projects"),
    N_("operating enterprises, construction and signed projects"),
};

static const char *
scenario_phrase(guint scenario)
{
  return _(scenario_phrases[scenario & CM_SCENARIO_ALL]);
}

static const char *
by_heading(CmCompareBy by)
{
  switch (by) {
  case CM_COMPARE_BY_REGION:
    return _("comparison by study region");
  case CM_COMPARE_BY_SCENARIO:
    return _("comparison by scenario");
  default:
    return _("comparison by year");
  }
}

/* A segment as people read it: "负极 Anode (anode)", or the id alone when it has no name. */
static char *
segment_text(const CmDataset *ds, guint32 s)
{
  const CmSegment *seg = cm_dataset_segment(ds, s);
  const char *name = cm_segment_display_name(seg);
  if (strcmp(name, seg->id) == 0)
    return g_strdup(seg->id);
  return g_strdup_printf("%s (%s)", name, seg->id);
}

/* One change as a sentence: "gap → weak: 负极 Anode (anode), when construction projects count". */
static char *
change_sentence(const CmDataset *ds, const CmCompare *c, const CmCompareChange *ch)
{
  const CmCompareColumn *a = &c->columns[ch->from], *b = &c->columns[ch->to];
  const char *from = cm_report_status_word(cm_compare_status(c, ch->from, ch->segment));
  const char *to = cm_report_status_word(cm_compare_status(c, ch->to, ch->segment));
  g_autofree char *seg = segment_text(ds, ch->segment);
  if (c->by != CM_COMPARE_BY_SCENARIO)
    /* TRANSLATORS: "gap → weak: 负极 Anode (anode), in Fujian/Ningde against Fujian" */
    return g_strdup_printf(_("%s → %s: %s, in %s against %s"), from, to, seg, b->label, a->label);
  guint added = b->options.scenario & ~a->options.scenario;
  guint removed = a->options.scenario & ~b->options.scenario;
  if (added && !removed)
    return g_strdup_printf(_("%s → %s: %s, when %s count"), from, to, seg, scenario_phrase(added));
  if (removed && !added)
    return g_strdup_printf(_("%s → %s: %s, when %s no longer count"), from, to, seg,
                           scenario_phrase(removed));
  return g_strdup_printf(_("%s → %s: %s, counting %s instead of %s"), from, to, seg,
                         scenario_phrase(b->options.scenario),
                         scenario_phrase(a->options.scenario));
}

/* A column's title in a table: a long region breaks after its slashes and a scenario after its
 * commas, to keep the columns about as narrow as the status words. */
static char *
column_title(const CmCompareColumn *col, CmCompareBy by)
{
  g_autofree char *label = cm_text_sanitize(col->label);
  const char *sep = by == CM_COMPARE_BY_SCENARIO ? "," : by == CM_COMPARE_BY_REGION ? "/" : NULL;
  if (!sep || cm_text_width(label) <= 12)
    return g_steal_pointer(&label);
  g_auto(GStrv) parts = g_strsplit(label, sep, -1);
  g_autofree char *joint = g_strconcat(sep, "\n", NULL);
  return g_strjoinv(joint, parts);
}

static gboolean
changed_from_previous(const CmCompare *c, guint k, guint32 s)
{
  return k > 0 && cm_compare_status(c, k - 1, s) != cm_compare_status(c, k, s);
}

static void
add_column_titles(CmTextTable *t, const CmCompare *c, guint first)
{
  for (guint k = 0; k < c->n_columns; k++) {
    g_autofree char *title = column_title(&c->columns[k], c->by);
    cm_text_table_column(t, first + k, title, CM_ALIGN_LEFT, 0);
  }
}

static void
write_matrix(GString *out, const CmDataset *ds, const CmCompare *c, const CmReportOptions *o,
             gboolean color)
{
  cm_report__heading(out, _("Status of each segment"), NULL, o->format, color);
  const char *how = _("One column per setting, in the order given; * marks a status that differs "
                      "from the column before.");
  if (o->format == CM_FORMAT_MD) { /* a bare * would start emphasis */
    cm_report__md_text(out, how);
    g_string_append(out, "\n\n");
  } else {
    cm_report__paragraph(out, how, o->format);
  }
  if (o->format != CM_FORMAT_MD)
    g_string_append_c(out, '\n');
  g_autoptr(CmTextTable) t = cm_text_table_new(2 + c->n_columns);
  cm_text_table_column(t, 0, _("Id"), CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 1, _("Segment"), CM_ALIGN_LEFT, 24);
  add_column_titles(t, c, 2);
  for (guint32 s = 0; s < cm_dataset_n_segments(ds); s++) {
    const CmSegment *seg = cm_dataset_segment(ds, s);
    cm_text_table_row(t);
    cm_text_table_cell(t, 0, seg->id);
    cm_text_table_cell(t, 1, cm_segment_display_name(seg));
    for (guint k = 0; k < c->n_columns; k++) {
      CmSegmentStatus st = cm_compare_status(c, k, s);
      gboolean changed = changed_from_previous(c, k, s);
      cm_text_table_cellf(t, 2 + k, "%s%s", cm_report_status_word(st), changed ? " *" : "");
      if (color)
        cm_text_table_color(t, 2 + k,
                            changed ? (st == CM_SEGMENT_STRONG     ? "1;32"
                                       : st == CM_SEGMENT_WEAK     ? "1;33"
                                       : st == CM_SEGMENT_GAP      ? "1;31"
                                       : st == CM_SEGMENT_FRONTIER ? "1;36"
                                                                   : "1")
                                    : cm_report__status_color(st));
    }
  }
  cm_report__table(out, t, o->format, color);
}

static void
figure_row(CmTextTable *t, const char *what)
{
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, what);
}

static void
write_figures(GString *out, const CmDataset *ds, const CmCompare *c, const CmReportOptions *o,
              gboolean color)
{
  cm_report__heading(out, _("Each column in figures"), NULL, o->format, color);
  g_autofree char *target = cm_report__percent(ds->params.procurement_target);
  g_autofree char *meaning = g_strdup_printf(
      _("Completeness: the share of the chain's segments made locally. Leaders' local share: the "
        "part of the chain leaders' purchases bought from local suppliers (target %s)."),
      target);
  cm_report__paragraph(out, meaning, o->format);
  if (o->format != CM_FORMAT_MD)
    g_string_append_c(out, '\n');
  g_autoptr(CmTextTable) t = cm_text_table_new(1 + c->n_columns);
  cm_text_table_column(t, 0, "", CM_ALIGN_LEFT, 0);
  for (guint k = 0; k < c->n_columns; k++) {
    g_autofree char *title = column_title(&c->columns[k], c->by);
    cm_text_table_column(t, 1 + k, title, CM_ALIGN_RIGHT, 0);
  }
  figure_row(t, _("Made locally"));
  for (guint k = 0; k < c->n_columns; k++)
    cm_text_table_cellf(t, 1 + k, _("%u of %u"), c->columns[k].gaps->present,
                        c->columns[k].gaps->n_segments);
  figure_row(t, _("Completeness"));
  for (guint k = 0; k < c->n_columns; k++) {
    g_autofree char *pct = cm_report__percent(c->columns[k].gaps->completeness);
    cm_text_table_cell(t, 1 + k, pct);
  }
  for (guint st = 0; st < CM_SEGMENT_STATUS_COUNT; st++) {
    figure_row(t, cm_report_status_word(st));
    for (guint k = 0; k < c->n_columns; k++)
      cm_text_table_cell_uint(t, 1 + k, c->columns[k].gaps->count[st]);
    if (color)
      cm_text_table_color(t, 0, cm_report__status_color(st));
  }
  figure_row(t, _("Leaders' local share"));
  for (guint k = 0; k < c->n_columns; k++) {
    const CmCompareLeaders *l = &c->columns[k].leaders;
    g_autofree char *pct = l->has_ratio
                               ? cm_report__percent_vs(l->ratio, ds->params.procurement_target)
                               : g_strdup("-");
    cm_text_table_cellf(t, 1 + k, "%s%s", pct, l->meets_target ? " ✓" : "");
  }
  g_autofree char *bought =
      g_strdup_printf(_("Leaders bought locally (%s)"), cm_unit_display(ds->unit));
  figure_row(t, bought);
  for (guint k = 0; k < c->n_columns; k++) {
    g_autofree char *local = cm_report__money(c->columns[k].leaders.local);
    cm_text_table_cell(t, 1 + k, local);
  }
  g_autofree char *all =
      g_strdup_printf(_("Leaders bought in all (%s)"), cm_unit_display(ds->unit));
  figure_row(t, all);
  for (guint k = 0; k < c->n_columns; k++) {
    g_autofree char *total = cm_report__money(c->columns[k].leaders.total);
    cm_text_table_cell(t, 1 + k, total);
  }
  figure_row(t, _("Chain leaders counted"));
  for (guint k = 0; k < c->n_columns; k++)
    cm_text_table_cell_uint(t, 1 + k, c->columns[k].leaders.ids->len);
  cm_report__table(out, t, o->format, color);
}

static void
write_changes(GString *out, const CmDataset *ds, const CmCompare *c, const CmReportOptions *o,
              gboolean color)
{
  gboolean md = o->format == CM_FORMAT_MD;
  g_autofree char *heading = g_strdup_printf(_("Changes (%u)"), c->changes->len);
  cm_report__heading(out, heading, NULL, o->format, color);
  if (c->changes->len == 0) {
    cm_report__paragraph(out, _("No segment changes status from one column to the next."),
                         o->format);
    return;
  }
  for (guint i = 0; i < c->changes->len; i++) {
    const CmCompareChange *ch = &g_array_index(c->changes, CmCompareChange, i);
    g_autofree char *sentence = change_sentence(ds, c, ch);
    if (md) {
      g_string_append(out, "- ");
      cm_report__md_text(out, sentence);
      g_string_append_c(out, '\n');
      continue;
    }
    /* a bullet, then the sentence wrapped under it */
    gsize at = out->len;
    cm_text_paragraph(out, sentence, 92, "    ");
    if (color) {
      g_autofree char *bullet =
          g_strdup_printf("  \033[%sm•\033[0m ",
                          cm_report__status_color(cm_compare_status(c, ch->to, ch->segment)));
      g_string_erase(out, (gssize)at, 4);
      g_string_insert(out, (gssize)at, bullet);
    } else {
      out->str[at + 2] = '-';
    }
  }
  if (md)
    g_string_append_c(out, '\n');
}

/* Title, unit and the settings every column shares. */
static void
write_header(GString *out, const CmDataset *ds, const CmCompare *c, gboolean md, gboolean color)
{
  const CmCompareColumn *first = &c->columns[0];
  g_autofree char *name = cm_text_sanitize(cm_dataset_display_name(ds));
  g_autofree char *unit = cm_text_sanitize(cm_unit_display(ds->unit));
  g_autofree char *region = cm_text_sanitize(first->region);
  g_autofree char *scenario = cm_report__scenario_text(first->options.scenario);
  g_autofree char *year = first->options.by_year ? g_strdup_printf("%d", (int)first->options.year)
                                                 : g_strdup(_("all years added together"));
  GString *shared = g_string_new(NULL);
  g_string_append_printf(shared, _("Money in %s."), unit);
  if (c->by != CM_COMPARE_BY_REGION) {
    g_string_append_c(shared, ' ');
    g_string_append_printf(shared, _("Region in every column: %s."), region);
  }
  if (c->by != CM_COMPARE_BY_SCENARIO) {
    g_string_append_c(shared, ' ');
    g_string_append_printf(shared, _("Counted in every column: %s."), scenario);
  }
  if (c->by != CM_COMPARE_BY_YEAR) {
    g_string_append_c(shared, ' ');
    g_string_append_printf(shared, _("Purchases: %s."), year);
  }
  if (md) {
    g_string_append(out, "# ");
    cm_report__md_text(out, cm_dataset_display_name(ds));
    g_string_append_printf(out, " — %s\n\n", by_heading(c->by));
    cm_report__md_text(out, shared->str);
    g_string_append(out, "\n\n");
  } else {
    if (color)
      g_string_append_printf(out, "\033[1m%s — %s\033[0m\n", name, by_heading(c->by));
    else
      g_string_append_printf(out, "%s — %s\n", name, by_heading(c->by));
    cm_text_paragraph(out, shared->str, 96, "");
    g_string_append_c(out, '\n');
  }
  g_string_free(shared, TRUE);
}

static GString *
compare_document(const CmDataset *ds, const CmCompare *c, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD;
  gboolean color = o->color && !md;
  GString *out = g_string_new(NULL);
  write_header(out, ds, c, md, color);
  write_matrix(out, ds, c, o, color);
  write_figures(out, ds, c, o, color);
  write_changes(out, ds, c, o, color);
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate(out, out->len - 1); /* one newline at the end */
  return out;
}

static void
json_member_string(JsonBuilder *b, const char *member, const char *v)
{
  json_builder_set_member_name(b, member);
  json_builder_add_string_value(b, v);
}

static void
json_member_int(JsonBuilder *b, const char *member, gint64 v)
{
  json_builder_set_member_name(b, member);
  json_builder_add_int_value(b, v);
}

static void
json_column(JsonBuilder *b, const CmDataset *ds, const CmCompareColumn *col)
{
  json_builder_begin_object(b);
  json_member_string(b, "label", col->label);
  json_member_string(b, "region", col->region);
  json_builder_set_member_name(b, "scenario");
  json_builder_begin_array(b);
  g_autofree const char **scenario = cm_scenario_to_strv(col->options.scenario);
  for (guint i = 0; scenario[i]; i++)
    json_builder_add_string_value(b, scenario[i]);
  json_builder_end_array(b);
  json_builder_set_member_name(b, "year");
  if (col->options.by_year)
    json_builder_add_int_value(b, col->options.year);
  else
    json_builder_add_null_value(b);

  const CmGaps *g = col->gaps;
  json_builder_set_member_name(b, "summary");
  json_builder_begin_object(b);
  json_member_int(b, "segments", g->n_segments);
  json_member_int(b, "present", g->present);
  json_builder_set_member_name(b, "completeness");
  cm_report__json_double(b, g->completeness, TRUE);
  for (guint st = 0; st < CM_SEGMENT_STATUS_COUNT; st++)
    json_member_int(b, cm_segment_status_to_string(st), g->count[st]);
  json_builder_end_object(b);

  const CmCompareLeaders *l = &col->leaders;
  json_builder_set_member_name(b, "leaders");
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "ids");
  json_builder_begin_array(b);
  for (guint i = 0; i < l->ids->len; i++)
    json_builder_add_string_value(b,
                                  cm_dataset_enterprise(ds, g_array_index(l->ids, guint32, i))->id);
  json_builder_end_array(b);
  json_builder_set_member_name(b, "local");
  cm_report__json_double(b, l->local, TRUE);
  json_builder_set_member_name(b, "total");
  cm_report__json_double(b, l->total, TRUE);
  json_builder_set_member_name(b, "ratio");
  cm_report__json_double(b, l->ratio, l->has_ratio);
  json_builder_set_member_name(b, "meets_target");
  json_builder_add_boolean_value(b, l->meets_target);
  json_builder_end_object(b);
  json_builder_end_object(b);
}

static void
json_segment(JsonBuilder *b, const CmDataset *ds, const CmCompare *c, guint32 s)
{
  const CmSegment *seg = cm_dataset_segment(ds, s);
  json_builder_begin_object(b);
  json_member_string(b, "id", seg->id);
  json_member_string(b, "name", seg->name);
  json_member_string(b, "tier", cm_tier_to_string(seg->tier));
  static const char *const arrays[] = {"status", "local_producers", "coverage", "leakage"};
  for (guint a = 0; a < G_N_ELEMENTS(arrays); a++) {
    json_builder_set_member_name(b, arrays[a]);
    json_builder_begin_array(b);
    for (guint k = 0; k < c->n_columns; k++) {
      const CmSegmentResult *r = &c->columns[k].gaps->segments[s];
      if (a == 0)
        json_builder_add_string_value(b, cm_segment_status_to_string(r->status));
      else if (a == 1)
        json_builder_add_int_value(b, r->local_producers);
      else if (a == 2)
        cm_report__json_double(b, r->coverage, r->has_coverage);
      else
        cm_report__json_double(b, r->leakage, TRUE);
    }
    json_builder_end_array(b);
  }
  json_builder_end_object(b);
}

static GString *
compare_json(const CmDataset *ds, const CmCompare *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  json_member_string(b, "dataset", ds->name);
  json_member_string(b, "unit", ds->unit);
  json_member_string(b, "by", cm_compare_by_to_string(c->by));
  json_builder_set_member_name(b, "columns");
  json_builder_begin_array(b);
  for (guint k = 0; k < c->n_columns; k++)
    json_column(b, ds, &c->columns[k]);
  json_builder_end_array(b);
  json_builder_set_member_name(b, "segments");
  json_builder_begin_array(b);
  for (guint32 s = 0; s < cm_dataset_n_segments(ds); s++)
    json_segment(b, ds, c, s);
  json_builder_end_array(b);
  json_builder_set_member_name(b, "changes");
  json_builder_begin_array(b);
  for (guint i = 0; i < c->changes->len; i++) {
    const CmCompareChange *ch = &g_array_index(c->changes, CmCompareChange, i);
    json_builder_begin_object(b);
    json_member_string(b, "segment", cm_dataset_segment(ds, ch->segment)->id);
    json_member_int(b, "from", ch->from);
    json_member_int(b, "to", ch->to);
    json_member_string(b, "from_status",
                       cm_segment_status_to_string(cm_compare_status(c, ch->from, ch->segment)));
    json_member_string(b, "to_status",
                       cm_segment_status_to_string(cm_compare_status(c, ch->to, ch->segment)));
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  return cm_report__json_finish(b);
}

/* One row per segment and column, columns of a segment together. */
static GString *
compare_csv(const CmDataset *ds, const CmCompare *c)
{
  GString *out = g_string_new("segment,name,tier,column,label,region,scenario,year,status,"
                              "previous_status,local_producers,leaders,local_output,local_demand,"
                              "local_supplied,coverage,leakage\r\n");
  g_auto(GStrv) scenarios = g_new0(char *, c->n_columns + 1);
  for (guint k = 0; k < c->n_columns; k++) {
    g_autofree const char **names = cm_scenario_to_strv(c->columns[k].options.scenario);
    scenarios[k] = g_strjoinv(";", (char **)names);
  }
  for (guint32 s = 0; s < cm_dataset_n_segments(ds); s++) {
    const CmSegment *seg = cm_dataset_segment(ds, s);
    for (guint k = 0; k < c->n_columns; k++) {
      const CmCompareColumn *col = &c->columns[k];
      const CmSegmentResult *r = &col->gaps->segments[s];
      cm_report__csv_text(out, TRUE, seg->id);
      cm_report__csv_text(out, FALSE, seg->name);
      cm_report__csv_text(out, FALSE, cm_tier_to_string(seg->tier));
      g_string_append_printf(out, ",%u", k);
      cm_report__csv_text(out, FALSE, col->label);
      cm_report__csv_text(out, FALSE, col->region);
      cm_report__csv_text(out, FALSE, scenarios[k]);
      if (col->options.by_year)
        g_string_append_printf(out, ",%d", (int)col->options.year);
      else
        g_string_append_c(out, ',');
      cm_report__csv_text(out, FALSE, cm_segment_status_to_string(r->status));
      cm_report__csv_text(out, FALSE,
                          k ? cm_segment_status_to_string(cm_compare_status(c, k - 1, s)) : "");
      g_string_append_printf(out, ",%u,%u", r->local_producers, r->leaders);
      cm_report__csv_number(out, r->local_output, TRUE);
      cm_report__csv_number(out, r->local_demand, TRUE);
      cm_report__csv_number(out, r->local_supplied, TRUE);
      cm_report__csv_number(out, r->coverage, r->has_coverage);
      cm_report__csv_number(out, r->leakage, TRUE);
      cm_report__csv_end(out);
    }
  }
  return out;
}

GString *
cm_report_compare(const CmDataset *ds, const CmCompare *compare, const CmReportOptions *options)
{
  g_return_val_if_fail(ds && compare && options, NULL);
  switch (options->format) {
  case CM_FORMAT_JSON:
    return compare_json(ds, compare);
  case CM_FORMAT_CSV:
    return compare_csv(ds, compare);
  default:
    return compare_document(ds, compare, options);
  }
}
