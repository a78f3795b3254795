/* The procurement report: how much of the chain leaders' and the region's procurement is local,
 * traced down to each leader's purchases by segment. */
#include "cm_report.h"
#include "report_shared.h"
#include "text_table.h"

static const CmEnterprise *
enterprise(const CmDataset *ds, guint32 i)
{
  return cm_dataset_enterprise(ds, i);
}

/* Text of an enterprise or segment name for the format: escaped for Markdown, safe for a
 * terminal otherwise. */
static void
append_name(GString *out, const char *text, CmReportFormat format)
{
  if (format == CM_FORMAT_MD) {
    cm_report__md_text(out, text);
  } else {
    g_autofree char *clean = cm_text_sanitize(text);
    g_string_append(out, clean);
  }
}

/* "Name (id)", or just the id when the name is the id. */
static void
append_enterprise(GString *out, const CmEnterprise *e, CmReportFormat format)
{
  const char *name = cm_enterprise_display_name(e);
  append_name(out, name, format);
  if (!g_str_equal(name, e->id)) {
    g_string_append(out, " (");
    append_name(out, e->id, format);
    g_string_append_c(out, ')');
  }
}

/* Buyer k, fetching the records and strings of those a few rows ahead: buyers ranked by what
 * they bought lie all over memory. (Returning the buyer keeps the compiler from dropping a call
 * that only prefetches.) */
static const CmBuyerProcurement *
buyer_at(const CmDataset *ds, const CmProcurement *p, guint k)
{
  enum { AHEAD = 8 };
  guint n = p->buyers->len;
  if (k + 2 * AHEAD < n)
    __builtin_prefetch(
        enterprise(ds, g_array_index(p->buyers, CmBuyerProcurement, k + 2 * AHEAD).buyer));
  if (k + AHEAD < n) {
    const CmEnterprise *e =
        enterprise(ds, g_array_index(p->buyers, CmBuyerProcurement, k + AHEAD).buyer);
    __builtin_prefetch(e->id);
    __builtin_prefetch(e->name);
  }
  return &g_array_index(p->buyers, CmBuyerProcurement, k);
}

static const CmBuyerProcurement *
find_buyer(const CmProcurement *p, guint32 e)
{
  for (guint k = 0; k < p->buyers->len; k++) {
    const CmBuyerProcurement *b = &g_array_index(p->buyers, CmBuyerProcurement, k);
    if (b->buyer == e)
      return b;
  }
  return NULL;
}

static void
headline(GString *out, const CmDataset *ds, const CmProcurement *p, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  g_autofree char *target = cm_report__percent(p->target);
  g_autoptr(GString) line = g_string_new(NULL);
  const char *sgr = NULL;
  if (p->leaders->len == 0) {
    g_string_append(line, _("Chain leaders' local procurement: n/a: no chain leader (role leader) "
                            "among the counted local enterprises"));
  } else if (!p->leaders_has_ratio) {
    g_string_append_printf(line,
                           ds->has_supply
                               ? _("Chain leaders' local procurement: n/a (target %s): the chain "
                                   "leaders bought nothing in the supply rows counted")
                               : _("Chain leaders' local procurement: n/a (target %s): the chain "
                                   "leaders bought nothing in the dataset, which has no supply "
                                   "table"),
                           target);
  } else {
    g_autofree char *ratio = cm_report__percent_vs(p->leaders_ratio, p->target);
    g_string_append_printf(line,
                           p->meets_target
                               ? _("Chain leaders' local procurement: %s (target %s) — target met")
                               : _("Chain leaders' local procurement: %s (target %s) — below "
                                   "target"),
                           ratio, target);
    sgr = p->meets_target ? "1;32" : "1;31";
  }
  if (md)
    g_string_append_printf(out, "**%s**\n\n", line->str);
  else if (color)
    g_string_append_printf(out, "\n\033[%sm%s\033[0m\n", sgr ? sgr : "1", line->str);
  else
    g_string_append_printf(out, "\n%s\n", line->str);

  const char *bullet = md ? "- " : "  ";
  if (p->leaders->len > 0) {
    g_string_append(out, bullet);
    g_string_append(out, NG_("Chain leader: ", "Chain leaders: ", p->leaders->len));
    for (guint l = 0; l < p->leaders->len; l++) {
      if (l > 0)
        g_string_append(out, C_("list", ", "));
      append_enterprise(out, enterprise(ds, g_array_index(p->leaders, guint32, l)), o->format);
    }
    g_string_append_c(out, '\n');
  }
  if (p->leaders_has_ratio) {
    g_autofree char *local = cm_report__money(p->leaders_local);
    g_autofree char *total = cm_report__money(p->leaders_total);
    g_string_append(out, bullet);
    g_string_append_printf(out, _("They bought %s in all, %s of it from local suppliers.\n"), total,
                           local);
    if (!p->meets_target) {
      /* moving x from outside to local suppliers, total unchanged: (local + x) / total = target */
      g_autofree char *shift = cm_report__money(p->target * p->leaders_total - p->leaders_local);
      g_autofree char *target = cm_report__percent(p->target);
      g_string_append(out, bullet);
      g_string_append_printf(out,
                             _("To reach %s they would have to buy %s more from local suppliers "
                               "instead of outside ones.\n"),
                             target, shift);
    }
  }
  if (p->region_has_ratio) {
    g_autofree char *ratio = cm_report__percent(p->region_ratio);
    g_autofree char *local = cm_report__money(p->region_local);
    g_autofree char *total = cm_report__money(p->region_total);
    g_string_append(out, bullet);
    g_string_append_printf(out,
                           NG_("Region: %s local. The %u local buyer bought %s, %s of it from "
                               "local suppliers.\n",
                               "Region: %s local. All %u local buyers together bought %s, %s of "
                               "it from local suppliers.\n",
                               p->buyers->len),
                           ratio, p->buyers->len, total, local);
  } else {
    g_string_append(out, bullet);
    g_string_append(out, ds->has_supply
                             ? _("Region: no local buyer bought anything in the supply rows "
                                 "counted.\n")
                             : _("Region: no local buyer bought anything in the dataset.\n"));
  }
  g_string_append_c(out, '\n');
}

static void
money_cell(CmTextTable *t, guint col, double v)
{
  char buf[CM_REPORT_NUMBER_BUF];
  cm_text_table_cell(t, col, cm_report__money_buf(buf, v));
}

static void
share_cell(CmTextTable *t, guint col, double local, double total)
{
  char buf[CM_REPORT_NUMBER_BUF];
  cm_text_table_cell(t, col, total > 0 ? cm_report__percent_buf(buf, local / total) : "-");
}

/* Per leader, what it bought of each segment, so the headline can be traced to supply rows. */
static void
audit(GString *out, const CmDataset *ds, const CmProcurement *p, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  if (!p->leaders_has_ratio)
    return; /* the headline already says there is nothing to trace */
  cm_report__heading(out, _("Where the leaders' figure comes from"), NULL, o->format, color);
  cm_report__paragraph(out,
                       _("Each leader's purchases by segment, summed over the supply rows "
                         "counted. The leaders' totals add up to the figure above."),
                       o->format);
  if (!md)
    g_string_append_c(out, '\n');
  for (guint l = 0; l < p->audit->len; l++) {
    const CmLeaderAudit *a = &g_array_index(p->audit, CmLeaderAudit, l);
    const CmBuyerProcurement *b = find_buyer(p, a->leader);
    g_string_append(out, md ? "### " : color ? "\033[1m" : "");
    append_enterprise(out, enterprise(ds, a->leader), o->format);
    if (b) {
      g_autofree char *ratio = cm_report__percent(b->ratio);
      g_autofree char *local = cm_report__money(b->local);
      g_autofree char *total = cm_report__money(b->total);
      g_string_append_printf(out, _(": %s local (%s of %s)"), ratio, local, total);
    }
    g_string_append(out, color ? "\033[0m\n" : "\n");
    if (md)
      g_string_append_c(out, '\n');
    if (a->by_segment->len == 0) {
      g_string_append(out, md ? _("No purchases in the supply rows counted.\n\n")
                              : _("  no purchases in the supply rows counted\n\n"));
      continue;
    }
    g_autoptr(CmTextTable) t = cm_text_table_new(6);
    cm_text_table_column(t, 0, _("Id"), CM_ALIGN_LEFT, 0);
    cm_text_table_column(t, 1, _("Segment bought"), CM_ALIGN_LEFT, 32);
    cm_text_table_column(t, 2, _("From\nlocal"), CM_ALIGN_RIGHT, 0);
    cm_text_table_column(t, 3, _("From\noutside"), CM_ALIGN_RIGHT, 0);
    cm_text_table_column(t, 4, _("Local\nshare"), CM_ALIGN_RIGHT, 0);
    cm_text_table_column(t, 5, _("Supply\nrows"), CM_ALIGN_RIGHT, 0);
    double sum_local = 0, sum_outside = 0;
    guint sum_rows = 0;
    for (guint k = 0; k < a->by_segment->len; k++) {
      const CmPurchaseLine *line = &g_array_index(a->by_segment, CmPurchaseLine, k);
      const CmSegment *seg = cm_dataset_segment(ds, line->segment);
      cm_text_table_row(t);
      cm_text_table_cell_static(t, 0, seg->id);
      cm_text_table_cell_static(t, 1, cm_segment_display_name(seg));
      money_cell(t, 2, line->local);
      money_cell(t, 3, line->outside);
      share_cell(t, 4, line->local, line->local + line->outside);
      cm_text_table_cell_uint(t, 5, line->rows);
      sum_local += line->local;
      sum_outside += line->outside;
      sum_rows += line->rows;
    }
    cm_text_table_row(t);
    cm_text_table_cell(t, 1, _("Total"));
    money_cell(t, 2, sum_local);
    money_cell(t, 3, sum_outside);
    share_cell(t, 4, sum_local, sum_local + sum_outside);
    cm_text_table_cell_uint(t, 5, sum_rows);
    cm_report__table(out, t, o->format, color);
  }
}

static void
buyers(GString *out, const CmDataset *ds, const CmProcurement *p, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  g_autofree char *title = g_strdup_printf(_("Local buyers (%u)"), p->buyers->len);
  cm_report__heading(out, title, NULL, o->format, color);
  cm_report__paragraph(
      out, _("Every local buyer with purchases: chain leaders first, then the largest buyers."),
      o->format);
  if (p->buyers->len == 0) {
    g_string_append(out, md ? _("None.\n\n") : _("  none\n\n"));
    return;
  }
  g_autoptr(CmTextTable) t = cm_text_table_new(7);
  cm_text_table_column(t, 0, "#", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 1, _("Id"), CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 2, _("Buyer"), CM_ALIGN_LEFT, 32);
  cm_text_table_column(t, 3, _("Leader"), CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 4, _("From\nlocal"), CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 5, _("Total\nbought"), CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 6, _("Local\nshare"), CM_ALIGN_RIGHT, 0);
  for (guint k = 0; k < p->buyers->len; k++) {
    const CmBuyerProcurement *b = buyer_at(ds, p, k);
    const CmEnterprise *e = enterprise(ds, b->buyer);
    cm_text_table_row(t);
    cm_text_table_cell_uint(t, 0, k + 1);
    cm_text_table_cell_static(t, 1, e->id);
    cm_text_table_cell_static(t, 2, cm_enterprise_display_name(e));
    /* TRANSLATORS: the Leader column's mark of a chain leader (链主) */
    cm_text_table_cell_static(t, 3, e->leader ? _("leader") : "");
    money_cell(t, 4, b->local);
    money_cell(t, 5, b->total);
    share_cell(t, 6, b->local, b->total);
    if (color && b->ratio < p->target)
      cm_text_table_color(t, 6, "31");
  }
  cm_report__table(out, t, o->format, color);
}

static GString *
procurement_document(const CmDataset *ds, const CmProcurement *p, const CmReportOptions *o)
{
  GString *out = g_string_new(NULL);
  cm_report__header(out, ds, &p->options, _("local procurement"), o->format, o->color);
  headline(out, ds, p, o);
  audit(out, ds, p, o);
  buyers(out, ds, p, o);
  g_string_truncate(out, out->len - 1);
  return out;
}

static void
json_ratio(CmJsonWriter *w, double local, double total, gboolean has, double ratio)
{
  cm_json_member(w, "local");
  cm_json_double(w, local);
  cm_json_member(w, "total");
  cm_json_double(w, total);
  cm_json_member(w, "ratio");
  cm_report__json_write_double(w, ratio, has);
}

/* Written as it goes, without a json-glib tree of every buyer. */
static GString *
procurement_json(const CmDataset *ds, const CmProcurement *p)
{
  GString *out = g_string_new(NULL);
  CmJsonWriter w;
  cm_json_writer_init(&w, out);
  cm_json_begin_object(&w);
  cm_report__json_write_dataset(&w, ds);
  cm_json_member(&w, "target");
  cm_json_double(&w, p->target);

  cm_json_member(&w, "leaders");
  cm_json_begin_object(&w);
  cm_json_member(&w, "ids");
  cm_json_begin_array(&w);
  for (guint l = 0; l < p->leaders->len; l++)
    cm_json_string(&w, enterprise(ds, g_array_index(p->leaders, guint32, l))->id);
  cm_json_end_array(&w);
  json_ratio(&w, p->leaders_local, p->leaders_total, p->leaders_has_ratio, p->leaders_ratio);
  cm_json_member(&w, "meets_target");
  cm_json_boolean(&w, p->leaders_has_ratio && p->meets_target);
  cm_json_end_object(&w);

  cm_json_member(&w, "region_total");
  cm_json_begin_object(&w);
  json_ratio(&w, p->region_local, p->region_total, p->region_has_ratio, p->region_ratio);
  cm_json_end_object(&w);

  cm_json_member(&w, "buyers");
  cm_json_begin_array(&w);
  for (guint k = 0; k < p->buyers->len; k++) {
    const CmBuyerProcurement *bp = buyer_at(ds, p, k);
    const CmEnterprise *e = enterprise(ds, bp->buyer);
    cm_json_begin_object(&w);
    cm_json_member(&w, "id");
    cm_json_string(&w, e->id);
    cm_json_member(&w, "name");
    cm_json_string(&w, e->name);
    cm_json_member(&w, "leader");
    cm_json_boolean(&w, e->leader);
    json_ratio(&w, bp->local, bp->total, bp->total > 0, bp->ratio);
    cm_json_end_object(&w);
  }
  cm_json_end_array(&w);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
  return out;
}

static GString *
procurement_csv(const CmDataset *ds, const CmProcurement *p)
{
  GString *out = g_string_new("id,name,leader,local,total,ratio\r\n");
  for (guint k = 0; k < p->buyers->len; k++) {
    const CmBuyerProcurement *b = buyer_at(ds, p, k);
    const CmEnterprise *e = enterprise(ds, b->buyer);
    cm_report__csv_text(out, TRUE, e->id);
    cm_report__csv_text(out, FALSE, e->name);
    g_string_append(out, e->leader ? ",true" : ",false");
    cm_report__csv_number(out, b->local, TRUE);
    cm_report__csv_number(out, b->total, TRUE);
    cm_report__csv_number(out, b->ratio, b->total > 0);
    cm_report__csv_end(out);
  }
  return out;
}

GString *
cm_report_procurement(const CmDataset *ds, const CmProcurement *procurement,
                      const CmReportOptions *options)
{
  g_return_val_if_fail(ds && procurement && options, NULL);
  switch (options->format) {
  case CM_FORMAT_JSON:
    return procurement_json(ds, procurement);
  case CM_FORMAT_CSV:
    return procurement_csv(ds, procurement);
  default:
    return procurement_document(ds, procurement, options);
  }
}
