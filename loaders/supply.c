/* supply.csv: who buys what from whom. Self-supply rows are dropped and duplicate rows (same
 * supplier, buyer, segment and year) merged, each with a warning naming the lines. */
#include "cm_number.h"
#include "loader_private.h"

#include <math.h>
#include <string.h>

enum { COL_SUPPLIER, COL_BUYER, COL_SEGMENT, COL_VALUE, COL_YEAR, N_COLS };

/* Open addressing over row indices: finds the row that holds a (supplier, buyer, segment, year)
 * key without a heap entry per row. */
typedef struct {
  guint32 *slots; /* row index + 1; 0 is empty */
  gsize mask;
  gsize used;
} RowIndex;

typedef struct {
  CmLoadContext *ctx;
  CmColumn cols[N_COLS];
  GArray *extra_index;
  gboolean header_done;
  RowIndex index;
  double total; /* of every value: finite means every sum the analysis forms is finite */
  gboolean overflowed;
  GArray *lines; /* guint32 line of each stored row, for duplicate warnings */
} SupplyReader;

static guint64
key_hash(const CmSupply *s)
{
  guint64 h = s->supplier * 0x9E3779B97F4A7C15ull;
  h ^= (s->buyer + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
  h ^= ((guint64)s->segment << 32 | (guint32)s->year) * 0x165667B19E3779F9ull;
  return h ^ (h >> 29);
}

static gboolean
same_key(const CmSupply *a, const CmSupply *b)
{
  return a->supplier == b->supplier && a->buyer == b->buyer && a->segment == b->segment &&
         a->year == b->year;
}

static void
index_grow(RowIndex *ix, const GArray *rows)
{
  gsize cap = ix->slots ? (ix->mask + 1) * 2 : 1024;
  guint32 *slots = g_new0(guint32, cap);
  for (guint r = 0; r < rows->len; r++) {
    gsize i = key_hash(&g_array_index(rows, CmSupply, r)) & (cap - 1);
    while (slots[i])
      i = (i + 1) & (cap - 1);
    slots[i] = r + 1;
  }
  g_free(ix->slots);
  ix->slots = slots;
  ix->mask = cap - 1;
}

/* Returns the stored row with row's key, or -1 after recording row as the next index. */
static gint64
index_find_or_add(RowIndex *ix, GArray *rows, const CmSupply *row)
{
  if (!ix->slots || (ix->used + 1) * 2 > ix->mask + 1)
    index_grow(ix, rows);
  gsize i = key_hash(row) & ix->mask;
  while (ix->slots[i]) {
    guint32 r = ix->slots[i] - 1;
    if (same_key(&g_array_index(rows, CmSupply, r), row))
      return r;
    i = (i + 1) & ix->mask;
  }
  ix->slots[i] = rows->len + 1;
  ix->used++;
  return -1;
}

static void report(SupplyReader *r, guint line, CmSeverity sev, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static void
report(SupplyReader *r, guint line, CmSeverity sev, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  cm_diagnostics_addv(r->ctx->diags, r->ctx->table_display[CM_TABLE_SUPPLY], line, sev, fmt, args);
  va_end(args);
}

/* The enterprise of a supplier or buyer field, or -1 (reported). */
static gint64
resolve_enterprise(SupplyReader *r, guint line, const char *column, const char *id)
{
  CmLoadContext *ctx = r->ctx;
  if (*id == '\0') {
    report(r, line, CM_SEVERITY_ERROR, "empty required field '%s'", column);
    return -1;
  }
  gint64 e = cm_dataset_find_enterprise(ctx->ds, id);
  if (e < 0 && ctx->table_usable[CM_TABLE_ENTERPRISES]) {
    g_autofree char *hint = cm_loader__hint_enterprise(ctx, id);
    report(r, line, CM_SEVERITY_ERROR, "unknown enterprise '%s' in column '%s'%s", id, column,
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

/* The segment of the row, or -1 (reported). supplier may be -1 (unknown, already reported). */
static gint64
resolve_segment(SupplyReader *r, guint line, const char *id, gint64 supplier)
{
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  const CmEnterprise *e = supplier >= 0 ? cm_dataset_enterprise(ds, (guint)supplier) : NULL;
  if (*id == '\0') {
    if (!e)
      return -1;
    if (e->n_segments == 1)
      return cm_dataset_enterprise_segments(ds, e)[0];
    if (e->n_segments > 1) {
      g_autofree char *list = segment_list(ds, e);
      report(r, line, CM_SEVERITY_ERROR,
             "empty segment is ambiguous: supplier '%s' produces %u segments (%s)", e->id,
             e->n_segments, list);
    }
    return -1;
  }
  gint64 s = cm_dataset_find_segment(ds, id);
  if (s < 0) {
    if (ctx->table_usable[CM_TABLE_SEGMENTS]) {
      g_autofree char *hint = cm_loader__hint_segment(ctx, id);
      report(r, line, CM_SEVERITY_ERROR, "unknown segment '%s'%s", id, hint);
      cm_loader__check_id(ctx, CM_TABLE_SUPPLY, line, id);
    }
    return -1;
  }
  if (e && e->n_segments > 0 && !cm_enterprise_produces(ds, e, (guint32)s)) {
    g_autofree char *list = segment_list(ds, e);
    report(r, line, CM_SEVERITY_ERROR,
           "supplier '%s' does not produce segment '%s' (it produces %s)", e->id, id, list);
    return -1;
  }
  return s;
}

static void
on_record(const CmCsvRecord *rec, gpointer data)
{
  SupplyReader *r = data;
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  if (!r->header_done) {
    r->header_done = TRUE;
    ctx->table_usable[CM_TABLE_SUPPLY] = cm_loader__map_header(
        ctx, CM_TABLE_SUPPLY, rec, r->cols, N_COLS, &ds->supply_extra, r->extra_index);
    return;
  }
  if (!ctx->table_usable[CM_TABLE_SUPPLY])
    return;
  guint line = rec->line;
  gboolean ok = TRUE;
  gint64 supplier =
      resolve_enterprise(r, line, "supplier", cm_loader__field(rec, &r->cols[COL_SUPPLIER]));
  gint64 buyer = resolve_enterprise(r, line, "buyer", cm_loader__field(rec, &r->cols[COL_BUYER]));
  gint64 segment = resolve_segment(r, line, cm_loader__field(rec, &r->cols[COL_SEGMENT]), supplier);
  ok = supplier >= 0 && buyer >= 0 && segment >= 0;

  CmSupply row = {.year = CM_NO_YEAR};
  const char *value = cm_loader__field(rec, &r->cols[COL_VALUE]);
  CmNumberResult res = cm_number_parse(value, &row.value);
  if (res == CM_NUMBER_EMPTY) {
    report(r, line, CM_SEVERITY_ERROR, "empty required field 'value'");
    ok = FALSE;
  } else if (res != CM_NUMBER_OK) {
    report(r, line, CM_SEVERITY_ERROR, "bad value '%s': %s", value, cm_number_result_describe(res));
    ok = FALSE;
  }
  const char *year = cm_loader__field(rec, &r->cols[COL_YEAR]);
  if (*year && !cm_year_parse(year, &row.year)) {
    report(r, line, CM_SEVERITY_ERROR, "bad year '%s' (expected a whole number such as 2024)",
           year);
    ok = FALSE;
  }
  if (!ok)
    return;
  if (supplier == buyer) {
    report(r, line, CM_SEVERITY_WARNING, "self-supply: '%s' supplies itself; row ignored",
           cm_dataset_enterprise(ds, (guint)supplier)->id);
    return;
  }
  row.supplier = (guint32)supplier;
  row.buyer = (guint32)buyer;
  row.segment = (guint32)segment;
  r->total += row.value;
  if (!isfinite(r->total) && !r->overflowed) {
    r->overflowed = TRUE;
    report(r, line, CM_SEVERITY_ERROR,
           "the values add up beyond the largest number chainmap can sum (about 1.8e308); check "
           "the unit of 'value'");
  }
  gint64 first = index_find_or_add(&r->index, ds->supply, &row);
  if (first >= 0) {
    g_array_index(ds->supply, CmSupply, first).value += row.value;
    report(r, line, CM_SEVERITY_WARNING,
           "duplicate supply row (same supplier, buyer, segment and year as line %u); values "
           "summed",
           g_array_index(r->lines, guint32, first));
    return;
  }
  g_array_append_val(ds->supply, row);
  guint32 l = line;
  g_array_append_val(r->lines, l);
  cm_loader__keep_extras(ctx, rec, r->extra_index, ds->supply_extra_values);
}

void
cm_loader__read_supply(CmLoadContext *ctx)
{
  SupplyReader r = {
      .ctx = ctx,
      .cols = {[COL_SUPPLIER] = {"supplier", TRUE},
               [COL_BUYER] = {"buyer", TRUE},
               [COL_SEGMENT] = {"segment", FALSE},
               [COL_VALUE] = {"value", TRUE},
               [COL_YEAR] = {"year", FALSE}},
      .extra_index = g_array_new(FALSE, FALSE, sizeof(guint)),
      .lines = g_array_new(FALSE, FALSE, sizeof(guint32)),
  };
  CmCsvSource src = cm_loader__source(ctx, CM_TABLE_SUPPLY);
  if (!cm_csv_read(&src, on_record, &r))
    ctx->table_usable[CM_TABLE_SUPPLY] = FALSE;
  g_free(r.index.slots);
  g_array_free(r.lines, TRUE);
  g_array_free(r.extra_index, TRUE);
}
