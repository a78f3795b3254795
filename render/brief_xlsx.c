/* The briefing workbook (招商清单): the figures of the brief as sheets a planner can sort, filter
 * and annotate. One header row each, frozen, with an autofilter; ids in the first column; numbers
 * as numbers with a number format, ratios as percentages; text always through
 * worksheet_write_string, so a name starting with '=' stays text. libxlsxwriter writes to a
 * file: a temporary one, read back so that the caller writes the output atomically. */
#include "brief_private.h"
#include "cm_i18n.h"
#include "cm_display_name.h"
#include "cm_output.h"
#include "text_table.h"
#include "unit_text.h"
#include "words.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Column widths in Excel's units (one is a Latin character; a CJK one counts two). */
#define MIN_WIDTH 6
#define MAX_WIDTH 60

typedef enum {
  CELL_TEXT,
  CELL_MONEY,
  CELL_PERCENT,
  CELL_COUNT,
  CELL_RATIO, /* a concentration index, 0..1 */
} CellKind;

/* Sheet names are fixed words per language, not catalogue entries: tools and macros find the
 * sheets by them (docs/brief.md). SPEC order. */
enum {
  SHEET_SUMMARY,
  SHEET_SEGMENTS,
  SHEET_PROCUREMENT,
  SHEET_TARGETS,
  SHEET_PLAN,
  SHEET_RESILIENCE
};
static const char *const sheet_names[][2] = {
    {"summary", "概要"},     {"segments", "环节"}, {"procurement", "采购"},
    {"targets", "招商目标"}, {"plan", "落地路径"}, {"resilience", "供应韧性"},
};

static const char *
sheet_name(guint sheet)
{
  return sheet_names[sheet][cm_lang_get() == CM_LANG_ZH ? 1 : 0];
}

typedef struct {
  lxw_workbook *wb;
  lxw_format *header, *money, *percent, *count, *ratio;
  lxw_error error;
} Book;

typedef struct {
  Book *book;
  lxw_worksheet *ws;
  guint cols;
  lxw_row_t row;
  lxw_col_t col;
  guint *width; /* per column, in character cells */
} Sheet;

static void
note_error(Book *book, lxw_error e)
{
  if (e != LXW_NO_ERROR && book->error == LXW_NO_ERROR)
    book->error = e;
}

static void
widen(Sheet *s, guint width)
{
  if (s->col < s->cols && width > s->width[s->col])
    s->width[s->col] = width;
}

/* A sheet with its header row (our words, in the language in force). */
static void
sheet_open(Sheet *s, Book *book, const char *name, const char *const *headers)
{
  memset(s, 0, sizeof *s);
  s->book = book;
  s->ws = workbook_add_worksheet(book->wb, name);
  if (!s->ws) {
    note_error(book, LXW_ERROR_SHEETNAME_ALREADY_USED);
    return;
  }
  while (headers[s->cols])
    s->cols++;
  s->width = g_new0(guint, s->cols);
  for (guint c = 0; c < s->cols; c++) {
    s->col = (lxw_col_t)c;
    widen(s, cm_text_width(headers[c]) + 3); /* room for the filter button */
    note_error(book, worksheet_write_string(s->ws, 0, (lxw_col_t)c, headers[c], book->header));
  }
  s->row = 1;
  s->col = 0;
}

static void
next_row(Sheet *s)
{
  s->row++;
  s->col = 0;
}

static void
cell_text(Sheet *s, const char *text)
{
  if (!s->ws)
    return;
  g_autofree char *clean = cm_brief__clean_text(text);
  widen(s, cm_text_width(clean) + 1);
  if (clean[0])
    note_error(s->book, worksheet_write_string(s->ws, s->row, s->col, clean, NULL));
  s->col++;
}

static void
cell_number(Sheet *s, double v, CellKind kind)
{
  if (!s->ws)
    return;
  Book *b = s->book;
  lxw_format *f = kind == CELL_MONEY     ? b->money
                  : kind == CELL_PERCENT ? b->percent
                  : kind == CELL_RATIO   ? b->ratio
                                         : b->count;
  char buf[64];
  g_snprintf(buf, sizeof buf, kind == CELL_PERCENT ? "%.1f%%" : "%.3f",
             kind == CELL_PERCENT ? v * 100 : v);
  widen(s, (guint)strlen(buf) + 2 + (kind == CELL_MONEY ? (guint)strlen(buf) / 3 : 0));
  note_error(b, worksheet_write_number(s->ws, s->row, s->col, v, f));
  s->col++;
}

/* A figure that may be missing (a ratio of nothing): an empty cell. */
static void
cell_maybe(Sheet *s, double v, gboolean has, CellKind kind)
{
  if (has)
    cell_number(s, v, kind);
  else
    s->col++;
}

/* Frozen header, autofilter over the rows written, widths fitted. */
static void
sheet_close(Sheet *s)
{
  if (s->ws) {
    worksheet_freeze_panes(s->ws, 1, 0);
    note_error(s->book, worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1,
                                             (lxw_col_t)(s->cols - 1)));
    for (guint c = 0; c < s->cols; c++)
      note_error(s->book, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
                                               CLAMP(s->width[c], MIN_WIDTH, MAX_WIDTH), NULL));
  }
  g_clear_pointer(&s->width, g_free);
}

/* Dataset text of a list, joined as people read it. (transfer full) */
static char *
segment_list(const CmBrief *b, const guint32 *list, guint n)
{
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf(out, "%s%s", i ? "; " : "", cm_dataset_segment(b->ds, list[i])->id);
  return g_string_free(out, FALSE);
}

static char *
enterprise_list(const CmBrief *b, const guint32 *list, guint n)
{
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf(out, "%s%s", i ? "; " : "", cm_dataset_enterprise(b->ds, list[i])->id);
  return g_string_free(out, FALSE);
}

static void
summary_row_text(Sheet *s, const char *id, const char *label, const char *value)
{
  cell_text(s, id);
  cell_text(s, label);
  cell_text(s, value);
  next_row(s);
}

static void
summary_row(Sheet *s, const char *id, const char *label, double v, gboolean has, CellKind kind)
{
  cell_text(s, id);
  cell_text(s, label);
  cell_maybe(s, v, has, kind);
  next_row(s);
}

static void
summary_sheet(Book *book, const CmBrief *b)
{
  const CmGaps *g = b->gaps;
  const CmProcurement *p = b->procurement;
  const char *headers[] = {_("Figure id"), _("Figure"), _("Value"), NULL};
  Sheet s;
  sheet_open(&s, book, sheet_name(SHEET_SUMMARY), headers);
  g_autofree char *scenario = cm_brief__scenario(b->options.scenario);
  summary_row_text(&s, "dataset", _("Dataset"), cm_dataset_display_name(b->ds));
  summary_row_text(&s, "region", _("Study region"), b->ds->region);
  summary_row_text(&s, "unit", _("Unit of money figures"), cm_unit_display(b->ds->unit));
  summary_row_text(&s, "scenario", _("Enterprises counted"), scenario);
  if (b->options.by_year)
    summary_row(&s, "year", _("Supply of the year"), b->options.year, TRUE, CELL_COUNT);
  summary_row(&s, "segments", _("Segments of the chain"), g->n_segments, TRUE, CELL_COUNT);
  summary_row(&s, "present", _("Segments made locally"), g->present, TRUE, CELL_COUNT);
  summary_row(&s, "completeness", _("Completeness"), g->completeness, TRUE, CELL_PERCENT);
  for (guint st = 0; st < CM_SEGMENT_STATUS_COUNT; st++) {
    g_autofree char *label = g_strdup_printf(_("Segments %s"), cm_brief__status_word(st));
    summary_row(&s, cm_segment_status_to_string(st), label, g->count[st], TRUE, CELL_COUNT);
  }
  summary_row(&s, "leaders_local", _("Chain leaders' local procurement"), p->leaders_local, TRUE,
              CELL_MONEY);
  summary_row(&s, "leaders_total", _("Chain leaders' total procurement"), p->leaders_total, TRUE,
              CELL_MONEY);
  summary_row(&s, "leaders_ratio", _("Chain leaders' local share"), p->leaders_ratio,
              p->leaders_has_ratio, CELL_PERCENT);
  summary_row(&s, "target", _("Target local share"), p->target, TRUE, CELL_PERCENT);
  summary_row_text(&s, "meets_target", _("Target met"), p->meets_target ? _("yes") : _("no"));
  summary_row(&s, "needed", _("Still to buy locally to reach the target"), b->plan->needed, TRUE,
              CELL_MONEY);
  summary_row(&s, "region_local", _("Local procurement of all local buyers"), p->region_local, TRUE,
              CELL_MONEY);
  summary_row(&s, "region_total", _("Total procurement of all local buyers"), p->region_total, TRUE,
              CELL_MONEY);
  summary_row(&s, "region_ratio", _("Local share of all local buyers"), p->region_ratio,
              p->region_has_ratio, CELL_PERCENT);
  summary_row(&s, "single_source", _("Leader inputs from a single supplier"),
              b->resilience->single_source, TRUE, CELL_COUNT);
  summary_row(&s, "single_source_value", _("Value of those inputs"),
              b->resilience->single_source_value, TRUE, CELL_MONEY);
  sheet_close(&s);
}

static void
segments_sheet(Book *book, const CmBrief *b)
{
  const char *headers[] = {_("Segment id"),
                           _("Segment"),
                           _("Tier"),
                           _("Group"),
                           _("Status"),
                           _("Action"),
                           _("Local producers"),
                           _("Chain leaders"),
                           _("Local output"),
                           _("Local demand"),
                           _("Locally supplied"),
                           _("Coverage"),
                           _("Leakage"),
                           _("Why"),
                           NULL};
  Sheet s;
  sheet_open(&s, book, sheet_name(SHEET_SEGMENTS), headers);
  for (guint i = 0; i < b->gaps->n_segments; i++) {
    const CmSegment *seg = cm_dataset_segment(b->ds, i);
    const CmSegmentResult *r = &b->gaps->segments[i];
    cell_text(&s, seg->id);
    cell_text(&s, cm_segment_display_name(seg));
    cell_text(&s, cm_words_tier(seg->tier));
    cell_text(&s, seg->group);
    cell_text(&s, cm_brief__status_word(r->status));
    cell_text(&s, cm_brief__action_word(cm_segment_status_action(r->status)));
    cell_number(&s, r->local_producers, CELL_COUNT);
    cell_number(&s, r->leaders, CELL_COUNT);
    cell_number(&s, r->local_output, CELL_MONEY);
    cell_number(&s, r->local_demand, CELL_MONEY);
    cell_number(&s, r->local_supplied, CELL_MONEY);
    cell_maybe(&s, r->coverage, r->has_coverage, CELL_PERCENT);
    cell_number(&s, r->leakage, CELL_MONEY);
    g_autofree char *why = cm_brief__reason(b, i);
    cell_text(&s, why);
    next_row(&s);
  }
  sheet_close(&s);
}

static void
procurement_sheet(Book *book, const CmBrief *b)
{
  const char *headers[] = {_("Leader id"), _("Chain leader"), _("Segment id"),
                           _("Segment"),   _("Local"),        _("Outside"),
                           _("Total"),     _("Local share"),  NULL};
  Sheet s;
  sheet_open(&s, book, sheet_name(SHEET_PROCUREMENT), headers);
  const CmProcurement *p = b->procurement;
  for (guint k = 0; k < p->audit->len; k++) {
    const CmLeaderAudit *a = &g_array_index(p->audit, CmLeaderAudit, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, a->leader);
    for (guint i = 0; i < a->by_segment->len; i++) {
      const CmPurchaseLine *l = &g_array_index(a->by_segment, CmPurchaseLine, i);
      const CmSegment *seg = cm_dataset_segment(b->ds, l->segment);
      double total = l->local + l->outside;
      cell_text(&s, e->id);
      cell_text(&s, cm_enterprise_display_name(e));
      cell_text(&s, seg->id);
      cell_text(&s, cm_segment_display_name(seg));
      cell_number(&s, l->local, CELL_MONEY);
      cell_number(&s, l->outside, CELL_MONEY);
      cell_number(&s, total, CELL_MONEY);
      cell_maybe(&s, total > 0 ? l->local / total : 0, total > 0, CELL_PERCENT);
      next_row(&s);
    }
  }
  sheet_close(&s);
}

static void
targets_sheet(Book *book, const CmBrief *b)
{
  const char *headers[] = {_("Enterprise id"),
                           _("Enterprise"),
                           _("Region"),
                           _("Rank"),
                           _("Priority"),
                           _("Fills"),
                           _("Sells local buyers"),
                           _("Local buyers"),
                           _("Leaders served"),
                           _("Adds to leaders' share"),
                           NULL};
  Sheet s;
  sheet_open(&s, book, sheet_name(SHEET_TARGETS), headers);
  const CmTargets *t = b->targets;
  for (guint k = 0; k < t->targets->len; k++) {
    const CmTarget *tg = &g_array_index(t->targets, CmTarget, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, tg->enterprise);
    cell_text(&s, e->id);
    cell_text(&s, cm_enterprise_display_name(e));
    cell_text(&s, e->region);
    cell_number(&s, k + 1, CELL_COUNT);
    cell_number(&s, tg->priority, CELL_COUNT);
    g_autofree char *fills = segment_list(b, cm_target_fills(t, tg), tg->n_fills);
    cell_text(&s, fills);
    cell_number(&s, tg->value_to_local, CELL_MONEY);
    cell_number(&s, tg->local_buyers, CELL_COUNT);
    g_autofree char *served =
        enterprise_list(b, cm_target_leaders_served(t, tg), tg->n_leaders_served);
    cell_text(&s, served);
    cell_maybe(&s, cm_brief__target_gain(b, tg), t->leaders_total > 0, CELL_PERCENT);
    next_row(&s);
  }
  sheet_close(&s);
}

static void
plan_sheet(Book *book, const CmBrief *b)
{
  const char *headers[] = {
      _("Enterprise id"),     _("Supplier to land"),           _("Region"),   _("Step"),
      _("Sells the leaders"), _("Leaders' local share after"), _("Segments"), NULL};
  Sheet s;
  sheet_open(&s, book, sheet_name(SHEET_PLAN), headers);
  const CmPlan *p = b->plan;
  for (guint k = 0; k < p->steps->len; k++) {
    const CmPlanStep *st = &g_array_index(p->steps, CmPlanStep, k);
    const CmEnterprise *e = cm_dataset_enterprise(b->ds, st->enterprise);
    cell_text(&s, e->id);
    cell_text(&s, cm_enterprise_display_name(e));
    cell_text(&s, e->region);
    cell_number(&s, k + 1, CELL_COUNT);
    cell_number(&s, st->gain, CELL_MONEY);
    cell_maybe(&s, st->ratio_after, st->has_ratio, CELL_PERCENT);
    g_autofree char *segs = segment_list(b, cm_plan_step_segments(p, st), st->n_segments);
    cell_text(&s, segs);
    next_row(&s);
  }
  sheet_close(&s);
}

static void
resilience_sheet(Book *book, const CmBrief *b)
{
  const char *headers[] = {_("Leader id"),       _("Chain leader"),
                           _("Segment id"),      _("Segment"),
                           _("Bought"),          _("Suppliers"),
                           _("Single source"),   _("HHI"),
                           _("Province HHI"),    _("From outside"),
                           _("Top supplier id"), _("Top supplier"),
                           _("Top share"),       NULL};
  Sheet s;
  sheet_open(&s, book, sheet_name(SHEET_RESILIENCE), headers);
  const CmResilience *r = b->resilience;
  for (guint k = 0; k < r->pairs->len; k++) {
    const CmResiliencePair *pr = &g_array_index(r->pairs, CmResiliencePair, k);
    const CmEnterprise *l = cm_dataset_enterprise(b->ds, pr->leader);
    const CmSegment *seg = cm_dataset_segment(b->ds, pr->segment);
    const CmEnterprise *top = cm_dataset_enterprise(b->ds, pr->top_supplier);
    cell_text(&s, l->id);
    cell_text(&s, cm_enterprise_display_name(l));
    cell_text(&s, seg->id);
    cell_text(&s, cm_segment_display_name(seg));
    cell_number(&s, pr->value, CELL_MONEY);
    cell_number(&s, pr->suppliers, CELL_COUNT);
    cell_text(&s, pr->suppliers == 1 ? _("yes") : _("no"));
    cell_number(&s, pr->hhi, CELL_RATIO);
    cell_number(&s, pr->region_hhi, CELL_RATIO);
    cell_number(&s, pr->outside_share, CELL_PERCENT);
    cell_text(&s, top->id);
    cell_text(&s, cm_enterprise_display_name(top));
    cell_number(&s, pr->top_share, CELL_PERCENT);
    next_row(&s);
  }
  sheet_close(&s);
}

static lxw_format *
number_format(lxw_workbook *wb, const char *code)
{
  lxw_format *f = workbook_add_format(wb);
  format_set_num_format(f, code);
  return f;
}

GBytes *
cm_brief_xlsx(const CmBrief *b, GError **error)
{
  g_return_val_if_fail(b != NULL, NULL);
  g_autoptr(GError) tmp_error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp("chainmap-brief-XXXXXX.xlsx", &path, &tmp_error);
  if (fd < 0) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, "%s", tmp_error->message);
    return NULL;
  }
  close(fd);
  Book book = {0};
  lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
  book.wb = workbook_new_opt(path, &opts);
  if (!book.wb) {
    g_unlink(path);
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, "cannot start a workbook in %s",
                path);
    return NULL;
  }
  book.header = workbook_add_format(book.wb);
  format_set_bold(book.header);
  format_set_bg_color(book.header, 0xEEF2F6);
  format_set_text_wrap(book.header);
  book.money = number_format(book.wb, "#,##0.0");
  book.percent = number_format(book.wb, "0.0%");
  book.count = number_format(book.wb, "0");
  book.ratio = number_format(book.wb, "0.000");
  lxw_doc_properties props = {.title = b->ds->name, .subject = b->ds->region};
  workbook_set_properties(book.wb, &props);

  summary_sheet(&book, b);
  segments_sheet(&book, b);
  procurement_sheet(&book, b);
  targets_sheet(&book, b);
  plan_sheet(&book, b);
  resilience_sheet(&book, b);

  lxw_error closed = workbook_close(book.wb);
  if (book.error == LXW_NO_ERROR)
    book.error = closed;
  char *data = NULL;
  gsize len = 0;
  gboolean read = book.error == LXW_NO_ERROR && g_file_get_contents(path, &data, &len, NULL);
  g_unlink(path);
  if (!read) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, "the workbook could not be made: %s",
                lxw_strerror(book.error));
    return NULL;
  }
  return g_bytes_new_take(data, len);
}
