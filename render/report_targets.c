/* The targets report: outside enterprises to invite, ranked. */
#include "cm_report.h"
#include "report_shared.h"
#include "text_table.h"

static const char *const priority_label[] = {"", "1 补链 gap", "2 强链 weak", "3 延链 frontier",
                                             "4 supplier"};

static guint
shown(const CmTargets *t, const CmReportOptions *o)
{
  return o->top > 0 ? MIN(o->top, t->targets->len) : t->targets->len;
}

/* Ids of segment or enterprise indices joined with sep. (transfer full) */
static char *
join_ids(const CmDataset *ds, const GArray *list, gboolean segments, const char *sep)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < list->len; i++) {
    guint32 k = g_array_index(list, guint32, i);
    if (i > 0)
      g_string_append(s, sep);
    g_string_append(s, segments ? cm_dataset_segment(ds, k)->id : cm_dataset_enterprise(ds, k)->id);
  }
  return g_string_free(s, FALSE);
}

static GString *
targets_document(const CmDataset *ds, const CmTargets *t, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  GString *out = g_string_new(NULL);
  cm_report__header(out, ds, &t->options, "investment targets: whom to invite", o->format,
                    o->color);
  if (!md)
    g_string_append_c(out, '\n');
  guint n = shown(t, o);
  g_autofree char *count = n < t->targets->len
                               ? g_strdup_printf("Top %u of %u targets", n, t->targets->len)
                               : g_strdup_printf("%u target%s", n, n == 1 ? "" : "s");
  cm_report__heading(out, count, NULL, o->format, color);
  cm_report__paragraph(out,
                       "Enterprises outside the region that supply local buyers, or that make a "
                       "segment the region lacks (gap), has too little of (weak) or could extend "
                       "into (frontier). Priority 1 fills a missing link (补链), 2 a weak one "
                       "(强链), 3 a frontier (延链); 4 supplies local buyers but fills none of "
                       "these. Ranked by priority, then by what they sell to local buyers.",
                       o->format);
  if (!md)
    g_string_append_c(out, '\n');
  if (n == 0) {
    g_string_append(out, md ? "None.\n" : "  none\n");
    return out;
  }
  g_autoptr(CmTextTable) table = cm_text_table_new(9);
  cm_text_table_column(table, 0, "#", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(table, 1, "Priority", CM_ALIGN_LEFT, 0);
  cm_text_table_column(table, 2, "Id", CM_ALIGN_LEFT, 0);
  cm_text_table_column(table, 3, "Enterprise", CM_ALIGN_LEFT, 24);
  cm_text_table_column(table, 4, "Region", CM_ALIGN_LEFT, 18);
  cm_text_table_column(table, 5, "Fills", CM_ALIGN_LEFT, 20);
  cm_text_table_column(table, 6, "Sells\nlocally", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(table, 7, "Local\nbuyers", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(table, 8, "Leaders\nserved", CM_ALIGN_LEFT, 20);
  static const char *const sgr[] = {NULL, "31", "33", "36", NULL};
  for (guint i = 0; i < n; i++) {
    const CmTarget *tg = &g_array_index(t->targets, CmTarget, i);
    const CmEnterprise *e = cm_dataset_enterprise(ds, tg->enterprise);
    guint prio = MIN(tg->priority, 4u);
    g_autofree char *fills = join_ids(ds, tg->fills, TRUE, ", ");
    g_autofree char *leaders = join_ids(ds, tg->leaders_served, FALSE, ", ");
    g_autofree char *value = cm_report__money(tg->value_to_local);
    cm_text_table_row(table);
    cm_text_table_cellf(table, 0, "%u", i + 1);
    cm_text_table_cell(table, 1, priority_label[prio]);
    if (color)
      cm_text_table_color(table, 1, sgr[prio]);
    cm_text_table_cell(table, 2, e->id);
    cm_text_table_cell(table, 3, e->name);
    cm_text_table_cell(table, 4, e->region);
    cm_text_table_cell(table, 5, fills);
    cm_text_table_cell(table, 6, value);
    cm_text_table_cellf(table, 7, "%u", tg->local_buyers);
    cm_text_table_cell(table, 8, leaders);
  }
  cm_report__table(out, table, o->format, color);
  g_string_truncate(out, out->len - 1);
  return out;
}

static void
json_id_list(JsonBuilder *b, const char *member, const CmDataset *ds, const GArray *list,
             gboolean segments)
{
  json_builder_set_member_name(b, member);
  json_builder_begin_array(b);
  for (guint i = 0; i < list->len; i++) {
    guint32 k = g_array_index(list, guint32, i);
    json_builder_add_string_value(b, segments ? cm_dataset_segment(ds, k)->id
                                              : cm_dataset_enterprise(ds, k)->id);
  }
  json_builder_end_array(b);
}

static GString *
targets_json(const CmDataset *ds, const CmTargets *t, const CmReportOptions *o)
{
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  cm_report__json_dataset(b, ds);
  json_builder_set_member_name(b, "targets");
  json_builder_begin_array(b);
  for (guint i = 0; i < shown(t, o); i++) {
    const CmTarget *tg = &g_array_index(t->targets, CmTarget, i);
    const CmEnterprise *e = cm_dataset_enterprise(ds, tg->enterprise);
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "id");
    json_builder_add_string_value(b, e->id);
    json_builder_set_member_name(b, "name");
    json_builder_add_string_value(b, e->name);
    json_builder_set_member_name(b, "region");
    json_builder_add_string_value(b, e->region);
    json_builder_set_member_name(b, "priority");
    json_builder_add_int_value(b, tg->priority);
    json_id_list(b, "fills", ds, tg->fills, TRUE);
    json_builder_set_member_name(b, "value_to_local");
    json_builder_add_double_value(b, tg->value_to_local);
    json_builder_set_member_name(b, "local_buyers");
    json_builder_add_int_value(b, tg->local_buyers);
    json_id_list(b, "leaders_served", ds, tg->leaders_served, FALSE);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  return cm_report__json_finish(b);
}

static GString *
targets_csv(const CmDataset *ds, const CmTargets *t, const CmReportOptions *o)
{
  GString *out =
      g_string_new("id,name,region,priority,fills,value_to_local,local_buyers,leaders_served\r\n");
  for (guint i = 0; i < shown(t, o); i++) {
    const CmTarget *tg = &g_array_index(t->targets, CmTarget, i);
    const CmEnterprise *e = cm_dataset_enterprise(ds, tg->enterprise);
    g_autofree char *fills = join_ids(ds, tg->fills, TRUE, ";");
    g_autofree char *leaders = join_ids(ds, tg->leaders_served, FALSE, ";");
    cm_report__csv_text(out, TRUE, e->id);
    cm_report__csv_text(out, FALSE, e->name);
    cm_report__csv_text(out, FALSE, e->region);
    g_string_append_printf(out, ",%u", tg->priority);
    cm_report__csv_text(out, FALSE, fills);
    cm_report__csv_number(out, tg->value_to_local, TRUE);
    g_string_append_printf(out, ",%u", tg->local_buyers);
    cm_report__csv_text(out, FALSE, leaders);
    cm_report__csv_end(out);
  }
  return out;
}

GString *
cm_report_targets(const CmDataset *ds, const CmTargets *targets, const CmReportOptions *options)
{
  g_return_val_if_fail(ds && targets && options, NULL);
  switch (options->format) {
  case CM_FORMAT_JSON:
    return targets_json(ds, targets, options);
  case CM_FORMAT_CSV:
    return targets_csv(ds, targets, options);
  default:
    return targets_document(ds, targets, options);
  }
}
