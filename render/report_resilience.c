/* The resilience report: a risk briefing on the chain leaders' supply, worst first. Text and
 * Markdown show the single-source inputs, the inputs that come from one province and the
 * concentrated ones, then the suppliers the leaders depend on most; CSV and JSON hold every
 * leader input. */
#include "cm_i18n.h"
#include "cm_report_resilience.h"
#include "report_briefing.h"
#include "report_shared.h"
#include "text_table.h"

#include <stdlib.h>

/* Rows of each list in text and Markdown; CSV and JSON hold all. */
#define SHOWN 20
/* "Highly concentrated": an HHI of 0.25 (2,500 points) or more, the usual antitrust bar. */
#define CONCENTRATED 0.25

static const CmEnterprise *
enterprise(const CmDataset *ds, guint32 i)
{
  return cm_dataset_enterprise(ds, i);
}

static const CmResiliencePair *
pair_at(const CmResilience *r, guint k)
{
  return &g_array_index(r->pairs, CmResiliencePair, k);
}

typedef enum {
  LIST_SINGLE,   /* one supplier */
  LIST_PROVINCE, /* several suppliers, one province */
  LIST_CONCENTRATED,
} ListKind;

static gboolean
in_list(const CmResiliencePair *p, ListKind kind)
{
  switch (kind) {
  case LIST_SINGLE:
    return p->suppliers == 1;
  case LIST_PROVINCE:
    return p->suppliers > 1 && p->provinces == 1;
  default:
    return p->suppliers > 1 && p->hhi >= CONCENTRATED;
  }
}

typedef struct {
  const CmResilience *r;
  ListKind kind;
} ListCtx;

/* Worst first: the largest purchase; concentration first for the concentrated list. Ties keep
 * the pairs' order (leaders in file order, segments in template order). */
static gint
compare_pairs(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const ListCtx *c = data;
  guint a = *(const guint *)pa, b = *(const guint *)pb;
  const CmResiliencePair *x = pair_at(c->r, a), *y = pair_at(c->r, b);
  if (c->kind == LIST_CONCENTRATED && x->hhi != y->hhi)
    return x->hhi > y->hhi ? -1 : 1;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return a < b ? -1 : a > b;
}

/* Indices of the pairs of a list, worst first. (transfer full) */
static GArray *
list_pairs(const CmResilience *r, ListKind kind)
{
  GArray *list = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint k = 0; k < r->pairs->len; k++)
    if (in_list(pair_at(r, k), kind))
      g_array_append_val(list, k);
  ListCtx ctx = {r, kind};
  g_qsort_with_data(list->data, (gint)list->len, sizeof(guint), compare_pairs, &ctx);
  return list;
}

static void
money_cell(CmTextTable *t, guint col, double v)
{
  char buf[CM_REPORT_NUMBER_BUF];
  cm_text_table_cell(t, col, cm_report__money_buf(buf, v));
}

/* Dataset text for a sentence of the format. (transfer full) */
static char *
name_of(const char *text, CmReportFormat format)
{
  GString *s = g_string_new(NULL);
  cm_report__name(s, text, format);
  return g_string_free(s, FALSE);
}

/* One sentence per input of a list. */
static char *
pair_sentence(const CmDataset *ds, const CmResiliencePair *p, ListKind kind, CmReportFormat f)
{
  const CmEnterprise *x = enterprise(ds, p->top_supplier);
  g_autofree char *leader = name_of(cm_enterprise_display_name(enterprise(ds, p->leader)), f);
  g_autofree char *input = name_of(cm_segment_display_name(cm_dataset_segment(ds, p->segment)), f);
  g_autofree char *supplier = name_of(cm_enterprise_display_name(x), f);
  g_autofree char *region = name_of(x->region, f);
  g_autofree char *value = cm_report__money(p->value);
  g_autofree char *top = cm_report__percent(p->top_share);
  g_autofree char *outside = cm_report__percent(p->outside_share);
  switch (kind) {
  case LIST_SINGLE:
    if (x->local)
      return g_strdup_printf(_("%1$s buys %2$s (%3$s) only from %4$s, a local supplier (%5$s)."),
                             leader, input, value, supplier, region);
    return g_strdup_printf(_("%1$s buys %2$s (%3$s) only from %4$s, outside the region in %5$s."),
                           leader, input, value, supplier, region);
  case LIST_PROVINCE: {
    g_autofree char *province_raw = cm_region_province(x->region);
    g_autofree char *province = name_of(province_raw, f);
    return g_strdup_printf(_("%1$s buys %2$s (%3$s) from %4$u suppliers, all of them in %5$s; "
                             "%6$s of it comes from outside the region."),
                           leader, input, value, p->suppliers, province, outside);
  }
  default:
    return g_strdup_printf(_("%1$s buys %2$s (%3$s) from %4$u suppliers, but %5$s alone "
                             "supplies %6$s of it (HHI %7$.2f)."),
                           leader, input, value, p->suppliers, supplier, top, p->hhi);
  }
}

static void
pair_list(GString *out, const CmDataset *ds, const CmResilience *r, const CmReportOptions *o,
          ListKind kind)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  g_autoptr(GArray) list = list_pairs(r, kind);
  if (list->len == 0)
    return;
  static const char *const titles[] = {
      N_("Single-source inputs (a break in the chain), largest first"),
      N_("Inputs from a single province, largest first"),
      N_("Concentrated inputs, most concentrated first"),
  };
  static const char *const notes[] = {
      N_("Each of these comes from one supplier only: if it stops delivering, the leader has no "
         "other source for it in the data. A second supplier, ideally a local one, takes the risk "
         "away."),
      N_("Several suppliers, but all in one province: a regional shock (power cuts, floods, a "
         "lockdown, a provincial policy) can stop them together."),
      N_("Several suppliers, but one carries most of it: an HHI (the sum of the squared supplier "
         "shares) of 0.25 or more; 1 is a single source, n equal suppliers give 1/n."),
  };
  static const char *const sgr[] = {"1;31", "1;33", "1"};
  cm_report__heading(out, _(titles[kind]), sgr[kind], o->format, color);
  cm_report__note(out, _(notes[kind]), o->format);
  if (!md)
    g_string_append_c(out, '\n');
  guint n = MIN(list->len, SHOWN);
  for (guint i = 0; i < n; i++) {
    g_autofree char *text =
        pair_sentence(ds, pair_at(r, g_array_index(list, guint, i)), kind, o->format);
    cm_report__item(out, i + 1, text, o->format);
  }
  g_string_append_c(out, '\n');
  cm_report__more(out, list->len - n, o->format);
}

static void
supplier_list(GString *out, const CmDataset *ds, const CmResilience *r, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  if (r->suppliers->len == 0)
    return;
  cm_report__heading(out, _("Suppliers the leaders depend on most"), NULL, o->format, color);
  cm_report__note(out,
                  _("What the leaders would lose without each supplier: in all, and the part "
                    "it supplies alone (inputs where it is the only source)."),
                  o->format);
  if (!md)
    g_string_append_c(out, '\n');
  g_autoptr(CmTextTable) t = cm_text_table_new(7);
  cm_text_table_column(t, 0, "#", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 1, _("Supplier"), CM_ALIGN_LEFT, 18);
  cm_text_table_column(t, 2, _("Where"), CM_ALIGN_LEFT, 18);
  cm_text_table_column(t, 3, _("Supplies\nalone"), CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 4, _("Inputs\nalone"), CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 5, _("Supplies\nin all"), CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 6, _("Inputs\nin all"), CM_ALIGN_RIGHT, 0);
  guint n = MIN(r->suppliers->len, SHOWN);
  for (guint i = 0; i < n; i++) {
    const CmResilienceSupplier *s = &g_array_index(r->suppliers, CmResilienceSupplier, i);
    const CmEnterprise *e = enterprise(ds, s->enterprise);
    cm_text_table_row(t);
    cm_text_table_cell_uint(t, 0, i + 1);
    cm_text_table_cell_static(t, 1, cm_enterprise_display_name(e));
    cm_text_table_cell_static(t, 2, e->region);
    if (color)
      cm_text_table_color(t, 2, e->local ? NULL : "35");
    money_cell(t, 3, s->sole_value);
    cm_text_table_cell_uint(t, 4, s->sole_pairs);
    money_cell(t, 5, s->leaders_value);
    cm_text_table_cell_uint(t, 6, s->pairs);
  }
  cm_report__table(out, t, o->format, color);
  cm_report__more(out, r->suppliers->len - n, o->format);
}

static guint
count_list(const CmResilience *r, ListKind kind, guint *outside, const CmDataset *ds)
{
  guint n = 0;
  for (guint k = 0; k < r->pairs->len; k++) {
    const CmResiliencePair *p = pair_at(r, k);
    if (!in_list(p, kind))
      continue;
    n++;
    if (outside && !enterprise(ds, p->top_supplier)->local)
      (*outside)++;
  }
  return n;
}

static void
summary(GString *out, const CmDataset *ds, const CmResilience *r, const CmReportOptions *o)
{
  gboolean color = o->color && o->format != CM_FORMAT_MD;
  g_autofree char *line = NULL;
  if (r->leaders->len == 0)
    line = g_strdup(_("No chain leader (role leader) among the counted local enterprises: "
                      "nothing to assess."));
  else if (r->pairs->len == 0)
    line = g_strdup(_("The chain leaders bought nothing in the supply rows counted: nothing to "
                      "assess."));
  else {
    char pct[CM_REPORT_NUMBER_BUF];
    cm_report__percent_buf(pct, r->value > 0 ? r->single_source_value / r->value : 0);
    line = g_strdup_printf(_("%u of %u leader inputs come from a single supplier: %s of the "
                             "leaders' purchases."),
                           r->single_source, r->pairs->len, pct);
  }
  cm_report__headline(out, line, r->single_source > 0 ? "1;31" : "1;32", o->format, color);
  if (r->pairs->len == 0) {
    g_string_append_c(out, '\n');
    return;
  }
  g_autofree char *value = cm_report__money(r->value);
  g_autofree char *what = g_strdup_printf(_("A leader input is one segment bought by one chain "
                                            "leader; the leaders bought %s over %u of them."),
                                          value, r->pairs->len);
  cm_report__bullet(out, what, o->format);
  guint outside = 0;
  guint single = count_list(r, LIST_SINGLE, &outside, ds);
  if (single > 0) {
    g_autofree char *text = g_strdup_printf(
        _("%u of the %u single suppliers are outside the region."), outside, single);
    cm_report__bullet(out, text, o->format);
  }
  guint province = count_list(r, LIST_PROVINCE, NULL, ds);
  if (province > 0) {
    g_autofree char *text = g_strdup_printf(
        _("Inputs with several suppliers that all lie in one province: %u."), province);
    cm_report__bullet(out, text, o->format);
  }
  guint concentrated = count_list(r, LIST_CONCENTRATED, NULL, ds);
  if (concentrated > 0) {
    g_autofree char *text = g_strdup_printf(
        _("Inputs with several suppliers but an HHI of 0.25 or more (concentrated): %u."),
        concentrated);
    cm_report__bullet(out, text, o->format);
  }
  g_string_append_c(out, '\n');
}

static GString *
resilience_document(const CmDataset *ds, const CmResilience *r, const CmReportOptions *o)
{
  GString *out = g_string_new(NULL);
  cm_report__header(out, ds, &r->options, _("resilience of the chain leaders' supply"), o->format,
                    o->color);
  summary(out, ds, r, o);
  pair_list(out, ds, r, o, LIST_SINGLE);
  pair_list(out, ds, r, o, LIST_PROVINCE);
  pair_list(out, ds, r, o, LIST_CONCENTRATED);
  supplier_list(out, ds, r, o);
  g_string_truncate(out, out->len - 1);
  return out;
}

static GString *
resilience_json(const CmDataset *ds, const CmResilience *r)
{
  GString *out = g_string_new(NULL);
  CmJsonWriter w;
  cm_json_writer_init(&w, out);
  cm_json_begin_object(&w);
  cm_report__json_write_dataset(&w, ds);
  cm_json_member(&w, "summary");
  cm_json_begin_object(&w);
  cm_json_member(&w, "pairs");
  cm_json_int(&w, r->pairs->len);
  cm_json_member(&w, "single_source");
  cm_json_int(&w, r->single_source);
  cm_json_member(&w, "value");
  cm_json_double(&w, r->value);
  cm_json_member(&w, "single_source_value");
  cm_json_double(&w, r->single_source_value);
  cm_json_end_object(&w);
  cm_json_member(&w, "pairs");
  cm_json_begin_array(&w);
  for (guint k = 0; k < r->pairs->len; k++) {
    const CmResiliencePair *p = pair_at(r, k);
    cm_json_begin_object(&w);
    cm_json_member(&w, "leader");
    cm_json_string(&w, enterprise(ds, p->leader)->id);
    cm_json_member(&w, "segment");
    cm_json_string(&w, cm_dataset_segment(ds, p->segment)->id);
    cm_json_member(&w, "value");
    cm_json_double(&w, p->value);
    cm_json_member(&w, "suppliers");
    cm_json_int(&w, p->suppliers);
    cm_json_member(&w, "single_source");
    cm_json_boolean(&w, cm_resilience_pair_single_source(p));
    cm_json_member(&w, "hhi");
    cm_json_double(&w, p->hhi);
    cm_json_member(&w, "region_hhi");
    cm_json_double(&w, p->region_hhi);
    cm_json_member(&w, "outside_share");
    cm_json_double(&w, p->outside_share);
    cm_json_member(&w, "top_supplier");
    cm_json_string(&w, enterprise(ds, p->top_supplier)->id);
    cm_json_member(&w, "top_share");
    cm_json_double(&w, p->top_share);
    cm_json_end_object(&w);
  }
  cm_json_end_array(&w);
  cm_json_member(&w, "suppliers");
  cm_json_begin_array(&w);
  for (guint k = 0; k < r->suppliers->len; k++) {
    const CmResilienceSupplier *s = &g_array_index(r->suppliers, CmResilienceSupplier, k);
    const CmEnterprise *e = enterprise(ds, s->enterprise);
    cm_json_begin_object(&w);
    cm_json_member(&w, "id");
    cm_json_string(&w, e->id);
    cm_json_member(&w, "name");
    cm_json_string(&w, e->name);
    cm_json_member(&w, "local");
    cm_json_boolean(&w, s->local);
    cm_json_member(&w, "leaders_value");
    cm_json_double(&w, s->leaders_value);
    cm_json_member(&w, "sole_value");
    cm_json_double(&w, s->sole_value);
    cm_json_member(&w, "pairs");
    cm_json_int(&w, s->pairs);
    cm_json_member(&w, "sole_pairs");
    cm_json_int(&w, s->sole_pairs);
    cm_json_end_object(&w);
  }
  cm_json_end_array(&w);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
  return out;
}

static GString *
resilience_csv(const CmDataset *ds, const CmResilience *r)
{
  GString *out = g_string_new("leader,leader_name,segment,segment_name,value,suppliers,"
                              "single_source,hhi,region_hhi,outside_share,top_supplier,"
                              "top_supplier_name,top_share\r\n");
  for (guint k = 0; k < r->pairs->len; k++) {
    const CmResiliencePair *p = pair_at(r, k);
    const CmEnterprise *l = enterprise(ds, p->leader), *x = enterprise(ds, p->top_supplier);
    const CmSegment *s = cm_dataset_segment(ds, p->segment);
    cm_report__csv_text(out, TRUE, l->id);
    cm_report__csv_text(out, FALSE, l->name);
    cm_report__csv_text(out, FALSE, s->id);
    cm_report__csv_text(out, FALSE, s->name);
    cm_report__csv_number(out, p->value, TRUE);
    g_string_append_printf(out, ",%u", p->suppliers);
    g_string_append(out, cm_resilience_pair_single_source(p) ? ",true" : ",false");
    cm_report__csv_number(out, p->hhi, TRUE);
    cm_report__csv_number(out, p->region_hhi, TRUE);
    cm_report__csv_number(out, p->outside_share, TRUE);
    cm_report__csv_text(out, FALSE, x->id);
    cm_report__csv_text(out, FALSE, x->name);
    cm_report__csv_number(out, p->top_share, TRUE);
    cm_report__csv_end(out);
  }
  return out;
}

GString *
cm_report_resilience(const CmDataset *ds, const CmResilience *resilience,
                     const CmReportOptions *options)
{
  g_return_val_if_fail(ds && resilience && options, NULL);
  switch (options->format) {
  case CM_FORMAT_JSON:
    return resilience_json(ds, resilience);
  case CM_FORMAT_CSV:
    return resilience_csv(ds, resilience);
  default:
    return resilience_document(ds, resilience, options);
  }
}
