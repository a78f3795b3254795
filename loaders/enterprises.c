/* enterprises.csv: who produces what, where. A big file is read on two threads: the second one
 * stages the enterprises of the file's second half in a store of its own, and the main thread
 * adds them in file order after its own half (ids must be indexed in file order: a duplicate id
 * is reported against the first). docs/performance.md ("National scale") tells why. */
#include "cm_i18n.h"
#include "cm_memory.h"
#include "cm_number.h"
#include "record_queue.h"
#include "two_halves.h"

#include <math.h>

enum {
  COL_ID,
  COL_NAME,
  COL_REGION,
  COL_SEGMENTS,
  COL_ROLE,
  COL_OUTPUT,
  COL_STATUS,
  COL_NAME_EN,
  N_COLS
};

/* The second half of the file: its enterprises, their strings and segment lists, kept apart
 * until the main thread adds them. It cannot report in file order, so it gives up (and the
 * main thread reads the half itself) on anything that needs a diagnostic. */
typedef struct {
  CmDiagnostics *diags; /* framing problems of the part */
  GStringChunk *strings;
  GArray *rows;     /* CmEnterprise; strings in `strings`, segments_offset into segments */
  GArray *segments; /* guint32 */
  double total_output;
  gboolean gave_up;
} Staged;

typedef struct {
  CmLoadContext *ctx;
  CmColumn cols[N_COLS];
  GArray *extra_index;
  gboolean header_done;
  guint n_fields;      /* of the header */
  double total_output; /* finite means every output sum the analysis forms is finite */
  gboolean overflowed;
  CmRecordQueue queue; /* rows wait here while their ids' index slots are prefetched */
  CmTwoHalves halves;  /* a big file is read on two threads */
  Staged staged;
  guint line_count; /* of the file, from the encoding check; 0 when not counted */
} EnterpriseReader;

#define MAX_LIST 4096

static void problem(EnterpriseReader *r, Staged *st, guint line, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/* An error of a row: reported by the main thread, the end of the second part's attempt. */
static void
problem(EnterpriseReader *r, Staged *st, guint line, const char *fmt, ...)
{
  if (st) {
    st->gave_up = TRUE;
    return;
  }
  va_list args;
  va_start(args, fmt);
  cm_diagnostics_addv(r->ctx->diags, r->ctx->table_display[CM_TABLE_ENTERPRISES], line,
                      CM_SEVERITY_ERROR, fmt, args);
  va_end(args);
}

/* Resolves the segment list into segments (ds->enterprise_segments or the staged list);
 * returns how many were stored. */
static guint
read_segment_list(EnterpriseReader *r, Staged *st, guint line, const char *field)
{
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  GArray *segments = st ? st->segments : ds->enterprise_segments;
  g_autofree char *list = g_strdup(field);
  char *items[MAX_LIST];
  guint n = cm_csv_split_list(list, items, MAX_LIST);
  if (n == 0) {
    problem(r, st, line, _("empty required field 'segments'"));
    return 0;
  }
  guint stored = 0, first = segments->len;
  for (guint k = 0; k < n; k++) {
    gint64 s = cm_dataset_find_segment(ds, items[k]);
    if (s < 0) {
      if (st) {
        st->gave_up = TRUE;
      } else if (ctx->table_usable[CM_TABLE_SEGMENTS]) {
        g_autofree char *hint = cm_loader__hint_segment(ctx, items[k]);
        problem(r, st, line, _("unknown segment '%s'%s"), items[k], hint);
        cm_loader__check_id(ctx, CM_TABLE_ENTERPRISES, line, items[k]);
      }
      continue;
    }
    gboolean dup = FALSE;
    for (guint j = first; j < segments->len && !dup; j++)
      dup = g_array_index(segments, guint32, j) == (guint32)s;
    if (dup)
      continue;
    guint32 v = (guint32)s;
    g_array_append_val(segments, v);
    stored++;
  }
  return stored;
}

/* One data row: its line and the fields of r->cols. The main thread (st NULL) adds it to the
 * dataset, looking its id up by the key the queue made; the second one stages it in st. */
static void
read_row(EnterpriseReader *r, Staged *st, guint line, const char *const *f, const CmIdKey *key)
{
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  if (st && st->gave_up)
    return;
  if (st && cm_loader__looks_total(f, N_COLS)) { /* an error, which only the main thread gives */
    st->gave_up = TRUE;
    return;
  }
  if (!st && cm_loader__total_row(ctx, CM_TABLE_ENTERPRISES, line, f, N_COLS))
    return;
  const char *id = f[COL_ID];
  if (*id == '\0') {
    problem(r, st, line, _("empty required field 'id'"));
    return;
  }
  if (st) {
    if (cm_loader__id_space(id)) { /* a warning, which only the main thread gives */
      st->gave_up = TRUE;
      return;
    }
  } else {
    cm_loader__check_id(ctx, CM_TABLE_ENTERPRISES, line, id);
    guint32 unused;
    gint64 prev = key ? cm_dataset__find_enterprise_key(ds, id, key, &unused)
                      : cm_dataset_find_enterprise(ds, id);
    if (prev >= 0) {
      problem(r, st, line, _("duplicate enterprise id '%s' (first defined at line %u)"), id,
              cm_dataset_enterprise(ds, (guint)prev)->line);
      return;
    }
  }
  CmEnterprise e = {.line = line, .status = CM_PROJECT_OPERATING};
  const char *name = f[COL_NAME];
  const char *region = f[COL_REGION];
  if (*region == '\0')
    problem(r, st, line, _("empty required field 'region'"));
  if (st) {
    e.id = g_string_chunk_insert(st->strings, id);
    e.name = *name ? g_string_chunk_insert(st->strings, name) : e.id;
    e.name_en = *f[COL_NAME_EN] ? g_string_chunk_insert(st->strings, f[COL_NAME_EN]) : NULL;
    e.region = g_string_chunk_insert_const(st->strings, region);
    e.role = g_string_chunk_insert_const(st->strings, f[COL_ROLE]);
  } else {
    e.id = cm_dataset_store(ds, id);
    e.name = *name ? cm_dataset_store(ds, name) : e.id;
    e.name_en = *f[COL_NAME_EN] ? cm_dataset_store(ds, f[COL_NAME_EN]) : NULL;
    e.region = cm_dataset_intern(ds, region);
    e.role = cm_dataset_intern(ds, f[COL_ROLE]);
  }

  const char *output = f[COL_OUTPUT];
  if (*output) {
    CmNumberResult res = cm_number_parse(output, &e.output);
    if (res == CM_NUMBER_OK)
      e.has_output = TRUE;
    else if (st)
      st->gave_up = TRUE;
    else {
      g_autofree char *why = cm_number_explain(output, res);
      problem(r, st, line, _("bad output '%s': %s"), output, why);
    }
    double *total = st ? &st->total_output : &r->total_output;
    *total += e.output;
    if (!st && !isfinite(r->total_output) && !r->overflowed) {
      r->overflowed = TRUE;
      problem(r, st, line,
              _("the outputs add up beyond the largest number chainmap can sum "
                "(about 1.8e308); check the unit of 'output'"));
    }
  }
  const char *status = f[COL_STATUS];
  if (!cm_project_status_from_string(status, &e.status)) {
    static const char *const statuses[] = {"operating", "construction", "signed", "投产",
                                           "运营",      "在建",         "签约"};
    g_autofree char *hint = st ? NULL : cm_loader__hint_word(status, statuses, 7);
    problem(r, st, line,
            _("bad status '%s' (expected operating, construction or signed; or 投产, 运营, 在建, "
              "签约)%s"),
            status, hint ? hint : "");
  }
  if (cm_loader__leader_like(f[COL_ROLE])) {
    if (st)
      st->gave_up = TRUE; /* a warning, which only the main thread gives */
    else
      cm_diagnostics_add(ctx->diags, ctx->table_display[CM_TABLE_ENTERPRISES], line,
                         CM_SEVERITY_WARNING,
                         _("role '%s' looks like a chain leader but is not one: only 'leader' or "
                           "'链主' marks a chain leader"),
                         f[COL_ROLE]);
  }

  e.segments_offset = (st ? st->segments : ds->enterprise_segments)->len;
  e.n_segments = read_segment_list(r, st, line, f[COL_SEGMENTS]);
  if (!st)
    cm_dataset_add_enterprise(ds, &e);
  else if (!st->gave_up)
    g_array_append_val(st->rows, e);
}

static void
process_queued(gpointer data, guint line, const char *const *f, const CmIdKey *keys)
{
  read_row(data, NULL, line, f, keys);
}

static guint
make_key(gpointer data, const char *const *f, CmIdKey *keys)
{
  keys[0] = cm_dataset__enterprise_key(((EnterpriseReader *)data)->ctx->ds, f[COL_ID]);
  return 1;
}

static void
flush_queue(gpointer data)
{
  cm_record_queue_flush(&((EnterpriseReader *)data)->queue);
}

static void
on_second_record(const CmCsvRecord *rec, gpointer data)
{
  EnterpriseReader *r = data;
  const char *f[N_COLS];
  for (guint c = 0; c < N_COLS; c++)
    f[c] = cm_loader__field(rec, &r->cols[c]);
  read_row(r, &r->staged, rec->line, f, NULL);
  if (r->staged.gave_up)
    cm_two_halves_cancel(&r->halves);
}

static CmCsvSource
part_source(EnterpriseReader *r, goffset start, guint line)
{
  CmCsvSource src = cm_loader__source(r->ctx, CM_TABLE_ENTERPRISES);
  src.part_start = start;
  src.part_line = line;
  src.part_fields = start > 0 ? r->n_fields : 0;
  src.flush = flush_queue;
  return src;
}

static gpointer
read_second(gpointer data)
{
  EnterpriseReader *r = data;
  /* lines are counted from 1 at the split and shifted when the main thread adds the rows */
  CmCsvSource src = part_source(r, r->halves.split, 1);
  src.diags = r->staged.diags;
  src.flush = NULL;
  src.cancel = &r->halves.cancel;
  if (!cm_csv_read_part(&src, FALSE, on_second_record, r, NULL) ||
      cm_diagnostics_errors(r->staged.diags) + cm_diagnostics_warnings(r->staged.diags) > 0)
    r->staged.gave_up = TRUE;
  return NULL;
}

static void
on_record(const CmCsvRecord *rec, gpointer data)
{
  EnterpriseReader *r = data;
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  if (!r->header_done) {
    r->header_done = TRUE;
    r->n_fields = rec->n_fields;
    ctx->table_usable[CM_TABLE_ENTERPRISES] = cm_loader__map_header(
        ctx, CM_TABLE_ENTERPRISES, rec, r->cols, N_COLS, &ds->enterprise_extra, r->extra_index);
    if (r->line_count > 1 && ctx->table_usable[CM_TABLE_ENTERPRISES])
      cm_dataset__reserve_enterprises(ds, r->line_count - 1);
    /* extra values are interned, which only one thread may do */
    if (cm_two_halves_may_start(&r->halves) && ctx->table_usable[CM_TABLE_ENTERPRISES] &&
        ds->enterprise_extra.n == 0) {
      /* the second half holds about half the rows (the split is at the middle byte) */
      gsize half = r->line_count / 2 + r->line_count / 16;
      cm_memory__reserve(r->staged.rows, half);
      cm_memory__reserve(r->staged.segments, half);
      cm_two_halves_start(&r->halves, "enterprises", read_second, r);
    }
    return;
  }
  if (!ctx->table_usable[CM_TABLE_ENTERPRISES])
    return;
  if (ds->enterprise_extra.n == 0) {
    cm_record_queue_push(&r->queue, rec);
    return;
  }
  /* extra values are kept from the record itself, and only with an enterprise that was added */
  const char *f[N_COLS];
  for (guint c = 0; c < N_COLS; c++)
    f[c] = cm_loader__field(rec, &r->cols[c]);
  guint before = ds->enterprises->len;
  read_row(r, NULL, rec->line, f, NULL);
  if (ds->enterprises->len > before)
    cm_loader__keep_extras(ctx, rec, r->extra_index, ds->enterprise_extra_values);
}

/* The dataset's interned copy of a string of the staged store; region and role strings repeat,
 * so each is looked up once. */
static const char *
intern_staged(CmDataset *ds, GHashTable *interned, const char *s)
{
  const char *mine = g_hash_table_lookup(interned, s);
  if (!mine) {
    mine = cm_dataset_intern(ds, s);
    g_hash_table_insert(interned, (gpointer)s, (gpointer)mine);
  }
  return mine;
}

/* Adds the staged enterprises in file order, as read_row would have: the part had no
 * diagnostics, so the only thing to report is a duplicate id. Their ids and names stay in the
 * staged store (the dataset adopts it). first_line is the line of the split. */
static void
add_staged(EnterpriseReader *r, guint first_line)
{
  CmDataset *ds = r->ctx->ds;
  Staged *st = &r->staged;
  g_autoptr(GHashTable) interned = g_hash_table_new(g_direct_hash, g_direct_equal);
  guint32 base = ds->enterprise_segments->len;
  g_array_append_vals(ds->enterprise_segments, st->segments->data, st->segments->len);
  CmEnterprise *rows = (CmEnterprise *)st->rows->data;
  enum { AHEAD = CM_RECORD_QUEUE_BURST };
  CmIdKey keys[2 * AHEAD];
  for (guint i = 0; i < MIN(AHEAD, st->rows->len); i++) {
    keys[i] = cm_dataset__enterprise_key(ds, rows[i].id);
    cm_dataset__key_prefetch(&keys[i]);
  }
  for (guint i = 0; i < st->rows->len; i++) {
    if (i % AHEAD == 0) { /* the next burst of keys, then their prefetches back to back */
      for (guint k = i + AHEAD; k < MIN(i + 2 * AHEAD, st->rows->len); k++)
        keys[k % (2 * AHEAD)] = cm_dataset__enterprise_key(ds, rows[k].id);
      for (guint k = i + AHEAD; k < MIN(i + 2 * AHEAD, st->rows->len); k++)
        cm_dataset__key_prefetch(&keys[k % (2 * AHEAD)]);
    }
    CmEnterprise e = rows[i];
    e.line += first_line - 1;
    guint32 unused;
    gint64 prev = cm_dataset__find_enterprise_key(ds, e.id, &keys[i % (2 * AHEAD)], &unused);
    if (prev >= 0) {
      problem(r, NULL, e.line, _("duplicate enterprise id '%s' (first defined at line %u)"), e.id,
              cm_dataset_enterprise(ds, (guint)prev)->line);
      continue;
    }
    e.region = intern_staged(ds, interned, e.region);
    e.role = intern_staged(ds, interned, e.role);
    r->total_output += e.output;
    e.segments_offset += base;
    cm_dataset_add_enterprise(ds, &e);
  }
}

void
cm_loader__read_enterprises(CmLoadContext *ctx)
{
  EnterpriseReader r = {
      .ctx = ctx,
      .cols = {[COL_ID] = {"id", TRUE, -1, "编号"},
               [COL_NAME] = {"name", FALSE, -1, "名称"},
               [COL_REGION] = {"region", TRUE, -1, "地区"},
               [COL_SEGMENTS] = {"segments", TRUE, -1, "环节"},
               [COL_ROLE] = {"role", FALSE, -1, "角色"},
               [COL_OUTPUT] = {"output", FALSE, -1, "产值"},
               [COL_STATUS] = {"status", FALSE, -1, "状态"},
               [COL_NAME_EN] = {"name_en", FALSE, -1, "英文名称"}},
      .extra_index = g_array_new(FALSE, FALSE, sizeof(guint)),
      .staged = {.diags = cm_diagnostics_new(),
                 .strings = g_string_chunk_new(1 << 20),
                 .rows = g_array_new(FALSE, FALSE, sizeof(CmEnterprise)),
                 .segments = g_array_new(FALSE, FALSE, sizeof(guint32))},
  };
  cm_record_queue_init(&r.queue, r.cols, N_COLS, process_queued, make_key, &r);
  CmCsvSource src = part_source(&r, 0, 0);
  src.line_count = &r.line_count;
  gboolean ok = cm_two_halves_read_first(&r.halves, &src, on_record, &r);
  cm_record_queue_flush(&r.queue);
  /* far from overflow, the running total of one sequential pass cannot overflow either */
  gboolean use_second = cm_two_halves_join(&r.halves, ok) && !r.staged.gave_up &&
                        r.total_output + r.staged.total_output < G_MAXDOUBLE / 2;
  if (use_second) {
    add_staged(&r, r.halves.end.line);
    cm_dataset__adopt_strings(ctx->ds, r.staged.strings); /* ids and names stay where they are */
    r.staged.strings = NULL;
  } else if (cm_two_halves_read_rest_needed(&r.halves, ok, FALSE)) {
    CmCsvSource rest = part_source(&r, r.halves.split, r.halves.end.line);
    ok = cm_csv_read_part(&rest, FALSE, on_record, &r, NULL);
    cm_record_queue_flush(&r.queue);
  }
  if (!ok)
    ctx->table_usable[CM_TABLE_ENTERPRISES] = FALSE;
  cm_record_queue_clear(&r.queue);
  cm_diagnostics_free(r.staged.diags);
  if (r.staged.strings)
    g_string_chunk_free(r.staged.strings);
  g_array_free(r.staged.rows, TRUE);
  g_array_free(r.staged.segments, TRUE);
  g_array_free(r.extra_index, TRUE);
}
