/* The targets report: outside enterprises to invite, ranked. */
#include "cm_i18n.h"
#include "cm_display_name.h"
#include "cm_report.h"
#include "cm_threads.h"
#include "report_format.h"
#include "text_table.h"

#include <string.h>

static const char *const priority_label[] = {"", N_("1 supplement (gap)"),
                                             N_("2 strengthen (weak)"), N_("3 extend (frontier)"),
                                             N_("4 supplier")};

static guint
shown(const CmTargets *t, const CmReportOptions *o)
{
  return o->top > 0 ? MIN(o->top, t->targets->len) : t->targets->len;
}

/* Ids of segment or enterprise indices joined with sep, into s (emptied first); for people
 * (named) each as "name (id)", as a planner reads it and can still type the id. */
static const char *
join_ids(GString *s, const CmDataset *ds, const guint32 *list, guint n, gboolean segments,
         const char *sep, gboolean named)
{
  g_string_truncate(s, 0);
  for (guint i = 0; i < n; i++) {
    if (i > 0)
      g_string_append(s, sep);
    const char *id =
        segments ? cm_dataset_segment(ds, list[i])->id : cm_dataset_enterprise(ds, list[i])->id;
    const char *name = segments ? cm_segment_display_name(cm_dataset_segment(ds, list[i]))
                                : cm_enterprise_display_name(cm_dataset_enterprise(ds, list[i]));
    cm_report__append_label(s, named ? name : id, id);
  }
  return s->str;
}

/* Target i of t, fetching the records and strings of those a few rows ahead: ranked targets lie
 * all over memory, and overlapping their cache misses is much of the speed of a long report.
 * (Returning the target keeps the compiler from dropping a call that only prefetches.) */
static const CmTarget *
target_at(const CmDataset *ds, const CmTargets *t, guint i, guint n)
{
  enum { AHEAD = 8 };
  if (i + 2 * AHEAD < n) {
    const CmTarget *far = &g_array_index(t->targets, CmTarget, i + 2 * AHEAD);
    __builtin_prefetch(cm_dataset_enterprise(ds, far->enterprise));
    __builtin_prefetch(cm_target_fills(t, far));
  }
  if (i + AHEAD < n) {
    const CmEnterprise *e =
        cm_dataset_enterprise(ds, g_array_index(t->targets, CmTarget, i + AHEAD).enterprise);
    __builtin_prefetch(e->id);
    __builtin_prefetch(e->name);
  }
  return &g_array_index(t->targets, CmTarget, i);
}

/* A list of segment or enterprise indices (in CmTargets.lists), as the key of its joined text. */
typedef struct {
  const guint32 *items;
  guint n;
} List;

static guint
list_hash(gconstpointer key)
{
  const List *l = key;
  guint h = 2166136261u; /* FNV-1a over the indices */
  for (guint i = 0; i < l->n; i++)
    h = (h ^ l->items[i]) * 16777619u;
  return h ^ l->n;
}

static gboolean
list_equal(gconstpointer a, gconstpointer b)
{
  const List *x = a, *y = b;
  return x->n == y->n && memcmp(x->items, y->items, x->n * sizeof *x->items) == 0;
}

/* Joined lists, each kept once: 632 354 national targets have 1 831 distinct fills and 4
 * distinct leaders served, so a list is looked up by its indices and joined only when new. */
typedef struct {
  GStringChunk *texts;
  GHashTable *fills, *leaders; /* List -> its text in texts */
  GString *scratch;
} Joined;

static void
joined_init(Joined *j)
{
  j->texts = g_string_chunk_new(64 * 1024);
  j->fills = g_hash_table_new_full(list_hash, list_equal, g_free, NULL);
  j->leaders = g_hash_table_new_full(list_hash, list_equal, g_free, NULL);
  j->scratch = g_string_new(NULL);
}

static void
joined_clear(Joined *j)
{
  g_clear_pointer(&j->texts, g_string_chunk_free);
  g_clear_pointer(&j->fills, g_hash_table_unref);
  g_clear_pointer(&j->leaders, g_hash_table_unref);
  if (j->scratch)
    g_string_free(g_steal_pointer(&j->scratch), TRUE);
}

/* The text of a list (named, joined with sep), the same address for the same list. */
static const char *
joined(Joined *j, const CmDataset *ds, const guint32 *items, guint n, gboolean segments,
       const char *sep)
{
  GHashTable *memo = segments ? j->fills : j->leaders;
  List key = {items, n};
  const char *text = g_hash_table_lookup(memo, &key);
  if (!text) {
    text = g_string_chunk_insert(j->texts, join_ids(j->scratch, ds, items, n, segments, sep, TRUE));
    g_hash_table_insert(memo, g_memdup2(&key, sizeof key), (gpointer)text);
  }
  return text;
}

/* Rows from this many up are filled on two threads. */
#define ROWS_FOR_TWO_THREADS 20000

/* The words of every row, translated once. */
typedef struct {
  const char *list_sep, *gain_pp;
  const char *priority[G_N_ELEMENTS(priority_label)];
} RowWords;

/* Targets from .. to - 1 as rows of table. */
typedef struct {
  const CmDataset *ds;
  const CmTargets *t;
  const RowWords *words;
  gboolean color;
  guint from, to;
  CmTextTable *table;
  Joined lists; /* the joined lists of the rows (filled in) */
} Rows;

static CmTextTable *
new_table(guint n_rows)
{
  CmTextTable *table = cm_text_table_new(10);
  cm_text_table_reserve(table, n_rows);
  cm_text_table_column(table, 0, "#", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(table, 1, _("Priority"), CM_ALIGN_LEFT, 16); /* wraps to fit */
  cm_text_table_column(table, 2, _("Id"), CM_ALIGN_LEFT, 0);
  cm_text_table_column(table, 3, _("Enterprise"), CM_ALIGN_LEFT, 24);
  cm_text_table_column(table, 4, _("Region"), CM_ALIGN_LEFT, 18);
  cm_text_table_column(table, 5, _("Fills"), CM_ALIGN_LEFT, 20);
  cm_text_table_column(table, 6, _("Sells\nlocally"), CM_ALIGN_RIGHT, 0);
  cm_text_table_column(table, 7, _("Local\nbuyers"), CM_ALIGN_RIGHT, 0);
  cm_text_table_column(table, 8, _("Leaders\nserved"), CM_ALIGN_LEFT, 20);
  /* what landing it would add to the leaders' local share: its gain / the leaders' total */
  cm_text_table_column(table, 9, _("Leaders'\nshare if\nlanded"), CM_ALIGN_RIGHT, 0);
  return table;
}

static void
fill_rows(Rows *r)
{
  static const char *const sgr[] = {NULL, "31", "33", "36", NULL};
  const CmDataset *ds = r->ds;
  const CmTargets *t = r->t;
  CmTextTable *table = r->table;
  joined_init(&r->lists);
  char money[CM_REPORT_NUMBER_BUF];
  for (guint i = r->from; i < r->to; i++) {
    const CmTarget *tg = target_at(ds, t, i, r->to);
    const CmEnterprise *e = cm_dataset_enterprise(ds, tg->enterprise);
    guint prio = MIN(tg->priority, 4u);
    cm_text_table_row(table);
    cm_text_table_cell_uint(table, 0, i + 1);
    cm_text_table_cell_static(table, 1, r->words->priority[prio]);
    if (r->color)
      cm_text_table_color(table, 1, sgr[prio]);
    cm_text_table_cell_static(table, 2, e->id);
    cm_text_table_cell_static(table, 3, cm_enterprise_display_name(e));
    cm_text_table_cell_static(table, 4, e->region);
    cm_text_table_cell_static(
        table, 5,
        joined(&r->lists, ds, cm_target_fills(t, tg), tg->n_fills, TRUE, r->words->list_sep));
    cm_text_table_cell(table, 6, cm_report__money_buf(money, tg->value_to_local));
    cm_text_table_cell_uint(table, 7, tg->local_buyers);
    cm_text_table_cell_static(table, 8,
                              joined(&r->lists, ds, cm_target_leaders_served(t, tg),
                                     tg->n_leaders_served, FALSE, r->words->list_sep));
    if (t->leaders_total > 0)
      cm_text_table_cell(table, 9,
                         cm_report__one_decimal_buf(money, r->words->gain_pp,
                                                    100.0 * tg->leaders_gain / t->leaders_total));
    else
      cm_text_table_cell(table, 9, "-");
  }
}

static gpointer
fill_rows_thread(gpointer rows)
{
  fill_rows(rows);
  return NULL;
}

static gboolean
targets_document(CmReportStream *s, const CmDataset *ds, const CmTargets *t,
                 const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  GString *out = s->out;
  cm_report__header(out, ds, &t->options, _("investment targets: whom to invite"), o->format,
                    o->color);
  if (!md)
    g_string_append_c(out, '\n');
  guint n = shown(t, o);
  g_autofree char *count = n < t->targets->len
                               ? g_strdup_printf(_("Top %u of %u targets"), n, t->targets->len)
                               : g_strdup_printf(NG_("%u target", "%u targets", n), n);
  cm_report__heading(out, count, NULL, o->format, color);
  cm_report__paragraph(out,
                       _("Enterprises outside the region that supply local buyers, or that make a "
                         "segment the region lacks (gap), has too little of (weak) or could "
                         "extend into (frontier). Priority 1 fills a missing link (supplement), "
                         "2 a weak one (strengthen), 3 a frontier (extend); 4 supplies local "
                         "buyers but fills none of these. Ranked by priority, then by what they "
                         "sell to local buyers."),
                       o->format);
  cm_report__paragraph(out,
                       _("The last column is what landing the target locally (it sets up in the "
                         "region and keeps supplying) would add to the chain leaders' local "
                         "share, in percentage points: what it sells them over all they buy."),
                       o->format);
  if (!md)
    g_string_append_c(out, '\n');
  if (n == 0) {
    g_string_append(out, md ? _("None.\n") : _("  none\n"));
    return TRUE;
  }
  g_autoptr(CmTextTable) table = new_table(n);
  /* what every row looks up, looked up once (gettext is not free, and the language is chosen
   * here, before a second thread reads it) */
  RowWords words = {C_("list", ", "), _("+%.1f pp"), {""}};
  for (guint p = 1; p < G_N_ELEMENTS(priority_label); p++)
    words.priority[p] = _(priority_label[p]);
  (void)cm_lang_get();
  /* a long table is filled on two threads, a half each, and written as one */
  Rows first = {ds, t, &words, color, 0, n, table, {0}};
  Rows second = {ds, t, &words, color, n, n, NULL, {0}};
  if (n >= ROWS_FOR_TWO_THREADS) {
    first.to = second.from = n / 2;
    second.table = new_table(n - n / 2);
  }
  cm_threads__run_halves("targets-rows", fill_rows_thread, &first, second.table ? &second : NULL);
  if (second.table)
    cm_text_table_append_rows(table, g_steal_pointer(&second.table));
  gboolean ok = cm_report__table_streamed(s, table, o->format, color);
  joined_clear(&first.lists);
  joined_clear(&second.lists);
  if (!ok)
    return FALSE;
  g_string_truncate(out, out->len - 1); /* the table ends in a blank line, the report does not */
  return TRUE;
}

static void
json_id_list(CmJsonWriter *w, const char *member, const CmDataset *ds, const guint32 *list, guint n,
             gboolean segments)
{
  cm_json_member(w, member);
  cm_json_begin_array(w);
  for (guint i = 0; i < n; i++)
    cm_json_string(w, segments ? cm_dataset_segment(ds, list[i])->id
                               : cm_dataset_enterprise(ds, list[i])->id);
  cm_json_end_array(w);
}

/* Written as it goes: a tree of 632 354 targets took 2 GB. */
static gboolean
targets_json(CmReportStream *s, const CmDataset *ds, const CmTargets *t, const CmReportOptions *o)
{
  CmJsonWriter w;
  cm_json_writer_init(&w, s->out);
  cm_json_begin_object(&w);
  cm_report__json_write_dataset(&w, ds);
  cm_json_member(&w, "targets");
  cm_json_begin_array(&w);
  for (guint i = 0; i < shown(t, o); i++) {
    const CmTarget *tg = target_at(ds, t, i, shown(t, o));
    const CmEnterprise *e = cm_dataset_enterprise(ds, tg->enterprise);
    cm_json_begin_object(&w);
    cm_json_member(&w, "id");
    cm_json_string(&w, e->id);
    cm_json_member(&w, "name");
    cm_json_string(&w, e->name);
    cm_json_member(&w, "region");
    cm_json_string(&w, e->region);
    cm_json_member(&w, "priority");
    cm_json_int(&w, tg->priority);
    json_id_list(&w, "fills", ds, cm_target_fills(t, tg), tg->n_fills, TRUE);
    cm_json_member(&w, "value_to_local");
    cm_json_double(&w, tg->value_to_local);
    cm_json_member(&w, "local_buyers");
    cm_json_int(&w, tg->local_buyers);
    json_id_list(&w, "leaders_served", ds, cm_target_leaders_served(t, tg), tg->n_leaders_served,
                 FALSE);
    cm_json_end_object(&w);
    if (!cm_report__pump(s, FALSE))
      return FALSE;
  }
  cm_json_end_array(&w);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
  return TRUE;
}

static gboolean
targets_csv(CmReportStream *s, const CmDataset *ds, const CmTargets *t, const CmReportOptions *o)
{
  GString *out = s->out;
  g_string_append(out, "id,name,region,priority,fills,value_to_local,local_buyers,leaders_served,"
                       "leaders_share_gain_pp\r\n");
  g_autoptr(GString) ids = g_string_new(NULL);
  for (guint i = 0; i < shown(t, o); i++) {
    const CmTarget *tg = target_at(ds, t, i, shown(t, o));
    const CmEnterprise *e = cm_dataset_enterprise(ds, tg->enterprise);
    cm_report__csv_text(out, TRUE, e->id);
    cm_report__csv_text(out, FALSE, e->name);
    cm_report__csv_text(out, FALSE, e->region);
    g_string_append_printf(out, ",%u", tg->priority);
    cm_report__csv_text(out, FALSE,
                        join_ids(ids, ds, cm_target_fills(t, tg), tg->n_fills, TRUE, ";", FALSE));
    cm_report__csv_number(out, tg->value_to_local, TRUE);
    g_string_append_printf(out, ",%u", tg->local_buyers);
    cm_report__csv_text(out, FALSE,
                        join_ids(ids, ds, cm_target_leaders_served(t, tg), tg->n_leaders_served,
                                 FALSE, ";", FALSE));
    cm_report__csv_number(out, 100.0 * tg->leaders_gain / t->leaders_total, t->leaders_total > 0);
    cm_report__csv_end(out);
    if (!cm_report__pump(s, FALSE))
      return FALSE;
  }
  return TRUE;
}

static gboolean
targets_report(CmReportStream *s, const CmDataset *ds, const CmTargets *targets,
               const CmReportOptions *options)
{
  switch (options->format) {
  case CM_FORMAT_JSON:
    return targets_json(s, ds, targets, options);
  case CM_FORMAT_CSV:
    return targets_csv(s, ds, targets, options);
  default:
    return targets_document(s, ds, targets, options);
  }
}

GString *
cm_report_targets(const CmDataset *ds, const CmTargets *targets, const CmReportOptions *options)
{
  g_return_val_if_fail(ds && targets && options, NULL);
  CmReportStream whole = {.out = g_string_new(NULL)};
  targets_report(&whole, ds, targets, options);
  return whole.out;
}

gboolean
cm_report_targets_write(const CmDataset *ds, const CmTargets *targets,
                        const CmReportOptions *options, CmReportWriteFunc write, gpointer user_data,
                        GError **error)
{
  g_return_val_if_fail(ds && targets && options && write, FALSE);
  g_autoptr(GString) out = g_string_sized_new(1 << 20);
  CmReportStream s = {.out = out, .write = write, .user_data = user_data};
  if (targets_report(&s, ds, targets, options) && cm_report__pump(&s, TRUE))
    return TRUE;
  g_propagate_error(error, s.error);
  return FALSE;
}
