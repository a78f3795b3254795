/* supply.csv: who buys what from whom. Self-supply rows are dropped and duplicate rows (same
 * supplier, buyer, segment and year) merged, each with a warning naming the lines. A big file
 * is read on two threads (see Part); the result and the diagnostics are those of one sequential
 * pass. docs/performance.md ("National scale") tells why each step is done the way it is. */
#include "cm_number.h"
#include "record_queue.h"
#include "two_halves.h"
#include "supply_private.h"
#include "cm_i18n.h"

#include <math.h>
#include <string.h>

enum { COL_SUPPLIER, COL_BUYER, COL_SEGMENT, COL_VALUE, COL_YEAR, N_COLS };

/* What every part of the table shares; read-only once the header is read. */
typedef struct {
  CmLoadContext *ctx;
  CmColumn cols[N_COLS];
  GArray *extra_index;
  guint n_fields;      /* of the header */
  CmTwoHalves halves;  /* a big file is read on two threads */
  struct _Part *part2; /* the second part's state */
  guint line_count;    /* of the file, from the encoding check; 0 when not counted */
} Shared;

/* The state of reading one part. Diagnostics of a part are collected apart and merged in line
 * order with the duplicate warnings at the end. The first part owns ctx (hints, ctx->diags is
 * pointed at its diagnostics); the second only looks ids up and hands anything that needs the
 * file order (unknown ids, with their did-you-mean hints) back to a sequential re-read. */
typedef struct _Part {
  Shared *shared;
  gboolean first;
  gboolean header_done;
  CmDiagnostics *diags;
  GArray *rows;       /* first part: ds->supply */
  CmRowBlocks blocks; /* second part */
  guint32 n_rows;
  CmKeyParts key_parts; /* of each row, for the duplicate pass */
  CmLineMap lines;
  double total; /* of every value: finite means every sum the analysis forms is finite */
  gboolean overflowed;
  gboolean needs_order; /* second part: give up, the first part reads on */
  CmRecordQueue queue;  /* rows wait here while their ids' index slots are prefetched */
} Part;

static void report(Part *r, guint line, CmSeverity sev, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

static void
report(Part *r, guint line, CmSeverity sev, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  cm_diagnostics_addv(r->diags, r->shared->ctx->table_display[CM_TABLE_SUPPLY], line, sev, fmt,
                      args);
  va_end(args);
}

/* The second part met something whose report depends on the file order. */
static void
give_up(Part *r)
{
  r->needs_order = TRUE;
  cm_two_halves_cancel(&r->shared->halves);
}

/* The enterprise of a supplier or buyer field, or -1 (reported). */
static gint64
resolve_enterprise(Part *r, guint line, const char *column, const char *id, const CmIdKey *key,
                   guint32 *packed)
{
  CmLoadContext *ctx = r->shared->ctx;
  if (*id == '\0') {
    report(r, line, CM_SEVERITY_ERROR, _("empty required field '%s'"), column);
    return -1;
  }
  gint64 e = cm_dataset__find_enterprise_key(ctx->ds, id, key, packed);
  if (e < 0 && !r->first) {
    give_up(r);
    return -1;
  }
  if (e < 0 && ctx->table_usable[CM_TABLE_ENTERPRISES]) {
    g_autofree char *hint = cm_loader__hint_enterprise(ctx, id);
    report(r, line, CM_SEVERITY_ERROR, _("unknown enterprise '%s' in column '%s'%s"), id, column,
           hint);
    cm_loader__check_id(ctx, CM_TABLE_SUPPLY, line, id);
  }
  return e;
}

static char *
segment_list(const CmDataset *ds, const CmEnterprise *e)
{
  GString *s = g_string_new(NULL);
  const guint32 *segs = cm_dataset_enterprise_segments(ds, e);
  for (guint k = 0; k < e->n_segments; k++)
    g_string_append_printf(s, "%s%s", k ? ", " : "", cm_dataset_segment(ds, segs[k])->id);
  return g_string_free(s, FALSE);
}

/* The segment of the row, or -1 (reported). supplier may be -1 (unknown, already reported);
 * packed holds its segments when they are one or two (see cm_dataset__find_enterprise_key),
 * which spares reading the enterprise. */
static gint64
resolve_segment(Part *r, guint line, const char *id, gint64 supplier, guint32 packed)
{
  CmLoadContext *ctx = r->shared->ctx;
  CmDataset *ds = ctx->ds;
  guint32 first = (packed & 0xFFFF) - 1, second = (packed >> 16) - 1; /* G_MAXUINT32: none */
  if (*id == '\0') {
    if (supplier < 0)
      return -1;
    if (packed && !(packed >> 16))
      return first;
    const CmEnterprise *e = cm_dataset_enterprise(ds, (guint)supplier);
    if (e->n_segments == 1)
      return cm_dataset_enterprise_segments(ds, e)[0];
    if (e->n_segments > 1) {
      g_autofree char *list = segment_list(ds, e);
      report(r, line, CM_SEVERITY_ERROR,
             _("empty segment is ambiguous: supplier '%s' produces %u segments (%s)"), e->id,
             e->n_segments, list);
    }
    return -1;
  }
  gint64 s = cm_dataset_find_segment(ds, id);
  if (s < 0 && !r->first) {
    give_up(r);
    return -1;
  }
  if (s < 0) {
    if (ctx->table_usable[CM_TABLE_SEGMENTS]) {
      g_autofree char *hint = cm_loader__hint_segment(ctx, id);
      report(r, line, CM_SEVERITY_ERROR, _("unknown segment '%s'%s"), id, hint);
      cm_loader__check_id(ctx, CM_TABLE_SUPPLY, line, id);
    }
    return -1;
  }
  if (supplier < 0 || (packed && ((guint32)s == first || (guint32)s == second)))
    return s;
  const CmEnterprise *e = cm_dataset_enterprise(ds, (guint)supplier);
  if (e->n_segments > 0 && (packed || !cm_enterprise_produces(ds, e, (guint32)s))) {
    g_autofree char *list = segment_list(ds, e);
    report(r, line, CM_SEVERITY_ERROR,
           _("supplier '%s' does not produce segment '%s' (it produces %s)"), e->id, id, list);
    return -1;
  }
  return s;
}

static gpointer read_second(gpointer data);

static void
read_header(Part *r, const CmCsvRecord *rec)
{
  Shared *sh = r->shared;
  CmLoadContext *ctx = sh->ctx;
  r->header_done = TRUE;
  sh->n_fields = rec->n_fields;
  ctx->table_usable[CM_TABLE_SUPPLY] = cm_loader__map_header(
      ctx, CM_TABLE_SUPPLY, rec, sh->cols, N_COLS, &ctx->ds->supply_extra, sh->extra_index);
  if (sh->line_count > 1 && ctx->table_usable[CM_TABLE_SUPPLY])
    cm_dataset__reserve_supply(ctx->ds, sh->line_count - 1);
  /* extra values are interned, which only one thread may do */
  if (cm_two_halves_may_start(&sh->halves) && ctx->table_usable[CM_TABLE_SUPPLY] &&
      ctx->ds->supply_extra.n == 0)
    cm_two_halves_start(&sh->halves, "supply", read_second, sh->part2);
}

static void
store_row(Part *r, const CmSupply *row, guint line)
{
  cm_line_map_add(&r->lines, r->n_rows, line);
  cm_key_parts_add(&r->key_parts, cm_supply_key_part(row));
  if (r->rows)
    g_array_append_val(r->rows, *row);
  else
    cm_row_blocks_append(&r->blocks, row);
  r->n_rows++;
}

/* One data row; keys are those of its supplier and buyer (see make_keys); rec is given when
 * its extra columns are kept. */
static void
read_row(Part *r, guint line, const char *const *f, const CmIdKey *keys, const CmCsvRecord *rec)
{
  CmLoadContext *ctx = r->shared->ctx;
  CmDataset *ds = ctx->ds;
  if (r->needs_order)
    return;
  if (cm_loader__looks_total(f, N_COLS)) {
    if (!r->first) {
      give_up(r); /* the first part reports it, in order */
      return;
    }
    cm_loader__total_row(ctx, CM_TABLE_SUPPLY, line, f, N_COLS);
    return;
  }
  gboolean ok = TRUE;
  guint32 packed = 0, unused;
  gint64 supplier = resolve_enterprise(r, line, "supplier", f[COL_SUPPLIER], &keys[0], &packed);
  gint64 buyer = resolve_enterprise(r, line, "buyer", f[COL_BUYER], &keys[1], &unused);
  gint64 segment = resolve_segment(r, line, f[COL_SEGMENT], supplier, packed);
  ok = supplier >= 0 && buyer >= 0 && segment >= 0;

  CmSupply row = {.year = CM_NO_YEAR};
  const char *value = f[COL_VALUE];
  CmNumberResult res = cm_number_parse(value, &row.value);
  if (res == CM_NUMBER_EMPTY) {
    report(r, line, CM_SEVERITY_ERROR, _("empty required field 'value'"));
    ok = FALSE;
  } else if (res != CM_NUMBER_OK) {
    g_autofree char *why = cm_number_explain(value, res);
    report(r, line, CM_SEVERITY_ERROR, _("bad value '%s': %s"), value, why);
    ok = FALSE;
  }
  const char *year = f[COL_YEAR];
  if (*year && !cm_year_parse(year, &row.year)) {
    report(r, line, CM_SEVERITY_ERROR, _("bad year '%s' (expected a whole year such as 2024)"),
           year);
    ok = FALSE;
  }
  if (!ok)
    return;
  if (supplier == buyer) {
    report(r, line, CM_SEVERITY_WARNING, _("self-supply: '%s' supplies itself; row ignored"),
           cm_dataset_enterprise(ds, (guint)supplier)->id);
    return;
  }
  row.supplier = (guint32)supplier;
  row.buyer = (guint32)buyer;
  row.segment = (guint32)segment;
  r->total += row.value;
  if (!isfinite(r->total) && !r->overflowed) {
    if (!r->first) { /* the line depends on the first part's sum */
      give_up(r);
      return;
    }
    r->overflowed = TRUE;
    report(r, line, CM_SEVERITY_ERROR,
           _("the values add up beyond the largest number chainmap can sum (about 1.8e308); check "
             "the unit of 'value'"));
  }
  store_row(r, &row, line);
  if (rec)
    cm_loader__keep_extras(ctx, rec, r->shared->extra_index, ds->supply_extra_values);
}

static void
process_queued(gpointer data, guint line, const char *const *f, const CmIdKey *keys)
{
  read_row(data, line, f, keys, NULL);
}

static guint
make_keys(gpointer data, const char *const *f, CmIdKey *keys)
{
  const CmDataset *ds = ((Part *)data)->shared->ctx->ds;
  keys[0] = cm_dataset__enterprise_key(ds, f[COL_SUPPLIER]);
  keys[1] = cm_dataset__enterprise_key(ds, f[COL_BUYER]);
  return 2;
}

static void
flush(Part *r)
{
  cm_record_queue_flush(&r->queue);
}

static void
flush_pending(gpointer data)
{
  flush(data);
}

static void
on_record(const CmCsvRecord *rec, gpointer data)
{
  Part *r = data;
  Shared *sh = r->shared;
  CmLoadContext *ctx = sh->ctx;
  if (r->first && !r->header_done) {
    read_header(r, rec);
    return;
  }
  if (!ctx->table_usable[CM_TABLE_SUPPLY] || r->needs_order)
    return;
  if (ctx->ds->supply_extra.n > 0) { /* extra values are kept from the record itself */
    const char *f[N_COLS];
    CmIdKey keys[2];
    for (guint c = 0; c < N_COLS; c++)
      f[c] = cm_loader__field(rec, &sh->cols[c]);
    make_keys(r, f, keys);
    read_row(r, rec->line, f, keys, rec);
    return;
  }
  cm_record_queue_push(&r->queue, rec);
}

static CmCsvSource
part_source(Part *r, goffset start, goffset end, guint line)
{
  Shared *sh = r->shared;
  CmCsvSource src = cm_loader__source(sh->ctx, CM_TABLE_SUPPLY);
  src.diags = r->diags;
  src.part_start = start;
  src.part_end = end;
  src.part_line = line;
  src.part_fields = start > 0 && r->header_done ? sh->n_fields : 0;
  src.flush = flush_pending;
  if (!r->first)
    src.cancel = &sh->halves.cancel;
  return src;
}

static gpointer
read_second(gpointer data)
{
  Part *r = data;
  /* the line of the split is only known once the first part gets there: count from 0 and
   * shift the lines when merging */
  CmCsvSource src = part_source(r, r->shared->halves.split, 0, 1);
  src.part_fields = r->shared->n_fields;
  CmCsvPartEnd end = {0};
  if (!cm_csv_read_part(&src, FALSE, on_record, r, &end))
    give_up(r);
  flush(r);
  return NULL;
}

/* Lines of the second part were counted from 1 at the split. The part's own list is the only
 * one that holds these items, so they are moved in place. */
static void
shift_lines(CmDiagnostics *diags, guint by)
{
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    CmDiagnostic *d = (CmDiagnostic *)cm_diagnostics_get(diags, i);
    if (d->line > 0)
      d->line += by;
  }
}

/* Adds a part's diagnostics and the duplicate warnings to the load's, in line order, as one
 * sequential pass would have added them (that decides which are kept past the limit). */
static void
merge_diagnostics(CmLoadContext *ctx, CmDiagnostics **parts, guint n_parts, const GArray *dups)
{
  const char *file = ctx->table_display[CM_TABLE_SUPPLY];
  guint j = 0;
  for (guint p = 0; p < n_parts; p++) {
    CmDiagnostics *d = parts[p];
    guint kept_errors = 0, kept_warnings = 0;
    for (guint i = 0; i < cm_diagnostics_len(d); i++) {
      const CmDiagnostic *di = cm_diagnostics_get(d, i);
      for (; j < dups->len && g_array_index(dups, CmDuplicate, j).line < di->line; j++)
        cm_diagnostics_add(ctx->diags, file, g_array_index(dups, CmDuplicate, j).line,
                           CM_SEVERITY_WARNING,
                           _("duplicate supply row (same supplier, buyer, segment and year as "
                             "line %u); values summed"),
                           g_array_index(dups, CmDuplicate, j).first_line);
      cm_diagnostics_add(ctx->diags, di->file, di->line, di->severity, "%s", di->message);
      if (di->severity == CM_SEVERITY_ERROR)
        kept_errors++;
      else
        kept_warnings++;
    }
    /* past the limit of a part the load's list is full too: these are only counted */
    for (guint k = kept_errors; k < cm_diagnostics_errors(d); k++)
      cm_diagnostics_add(ctx->diags, file, 0, CM_SEVERITY_ERROR, "%s", "");
    for (guint k = kept_warnings; k < cm_diagnostics_warnings(d); k++)
      cm_diagnostics_add(ctx->diags, file, 0, CM_SEVERITY_WARNING, "%s", "");
  }
  for (; j < dups->len; j++)
    cm_diagnostics_add(ctx->diags, file, g_array_index(dups, CmDuplicate, j).line,
                       CM_SEVERITY_WARNING,
                       _("duplicate supply row (same supplier, buyer, segment and year as line "
                         "%u); values summed"),
                       g_array_index(dups, CmDuplicate, j).first_line);
}

static void
part_init(Part *r, Shared *sh, gboolean first)
{
  *r = (Part){.shared = sh, .first = first, .diags = cm_diagnostics_new()};
  cm_record_queue_init(&r->queue, sh->cols, N_COLS, process_queued, make_keys, r);
  r->rows = first ? sh->ctx->ds->supply : NULL;
  if (!first)
    cm_row_blocks_init(&r->blocks);
  cm_line_map_init(&r->lines);
  cm_key_parts_init(&r->key_parts);
}

static void
part_clear(Part *r)
{
  cm_diagnostics_free(r->diags);
  cm_record_queue_clear(&r->queue);
  cm_row_blocks_clear(&r->blocks);
  cm_line_map_clear(&r->lines);
  cm_key_parts_clear(&r->key_parts);
}

void
cm_loader__read_supply(CmLoadContext *ctx)
{
  Shared sh = {
      .ctx = ctx,
      .cols = {[COL_SUPPLIER] = {"supplier", TRUE, -1, "供应商"},
               [COL_BUYER] = {"buyer", TRUE, -1, "采购方"},
               [COL_SEGMENT] = {"segment", FALSE, -1, "环节"},
               [COL_VALUE] = {"value", TRUE, -1, "金额"},
               [COL_YEAR] = {"year", FALSE, -1, "年份"}},
      .extra_index = g_array_new(FALSE, FALSE, sizeof(guint)),
  };
  Part first, second;
  part_init(&first, &sh, TRUE);
  part_init(&second, &sh, FALSE);
  sh.part2 = &second;
  CmDiagnostics *load_diags = ctx->diags;
  ctx->diags = first.diags; /* hints and id checks of the first part go with its reports */

  CmCsvSource src = part_source(&first, 0, 0, 0);
  src.line_count = &sh.line_count;
  gboolean ok = cm_two_halves_read_first(&sh.halves, &src, on_record, &first);
  flush(&first);
  /* far from overflow, the running total of one sequential pass cannot overflow either */
  gboolean use_second = cm_two_halves_join(&sh.halves, ok) && !second.needs_order &&
                        first.total + second.total < G_MAXDOUBLE / 2;
  guint split_line = sh.halves.end.line;
  if (cm_two_halves_read_rest_needed(&sh.halves, ok, use_second)) {
    /* read the rest in order after all */
    CmCsvSource rest = part_source(&first, sh.halves.split, 0, split_line);
    ok = cm_csv_read_part(&rest, FALSE, on_record, &first, NULL);
    flush(&first);
  }
  if (use_second) {
    shift_lines(second.diags, split_line - 1);
    for (guint k = 0; k < second.lines.marks->len; k++) {
      CmLineMark m = g_array_index(second.lines.marks, CmLineMark, k);
      cm_line_map_add(&first.lines, m.row + first.n_rows, m.row + m.skip + split_line - 1);
    }
    cm_row_blocks_move_to(&second.blocks, ctx->ds->supply);
  }
  ctx->diags = load_diags;
  if (!ok)
    ctx->table_usable[CM_TABLE_SUPPLY] = FALSE;
  if (use_second)
    cm_key_parts_append(&first.key_parts, &second.key_parts);
  g_autoptr(GArray) dups = cm_supply__merge_duplicates(ctx->ds, &first.lines, &first.key_parts);
  CmDiagnostics *parts[] = {first.diags, second.diags};
  merge_diagnostics(ctx, parts, use_second ? 2 : 1, dups);
  part_clear(&first);
  part_clear(&second);
  g_array_free(sh.extra_index, TRUE);
}
