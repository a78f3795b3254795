/* enterprises.csv: who produces what, where. */
#include "cm_number.h"
#include <math.h>
#include "loader_private.h"

enum { COL_ID, COL_NAME, COL_REGION, COL_SEGMENTS, COL_ROLE, COL_OUTPUT, COL_STATUS, N_COLS };

typedef struct {
  CmLoadContext *ctx;
  CmColumn cols[N_COLS];
  GArray *extra_index;
  gboolean header_done;
  double total_output; /* finite means every output sum the analysis forms is finite */
  gboolean overflowed;
} EnterpriseReader;

#define MAX_LIST 4096

static void error_at(EnterpriseReader *r, guint line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
error_at(EnterpriseReader *r, guint line, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  cm_diagnostics_addv(r->ctx->diags, r->ctx->table_display[CM_TABLE_ENTERPRISES], line,
                      CM_SEVERITY_ERROR, fmt, args);
  va_end(args);
}

/* Resolves the segment list into ds->enterprise_segments; returns how many were stored. */
static guint
read_segment_list(EnterpriseReader *r, const CmCsvRecord *rec, const char *field)
{
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  g_autofree char *list = g_strdup(field);
  char *items[MAX_LIST];
  guint n = cm_csv_split_list(list, items, MAX_LIST);
  if (n == 0) {
    error_at(r, rec->line, "empty required field 'segments'");
    return 0;
  }
  guint stored = 0, first = ds->enterprise_segments->len;
  for (guint k = 0; k < n; k++) {
    gint64 s = cm_dataset_find_segment(ds, items[k]);
    if (s < 0) {
      if (ctx->table_usable[CM_TABLE_SEGMENTS]) {
        g_autofree char *hint = cm_loader__hint_segment(ctx, items[k]);
        error_at(r, rec->line, "unknown segment '%s'%s", items[k], hint);
        cm_loader__check_id(ctx, CM_TABLE_ENTERPRISES, rec->line, items[k]);
      }
      continue;
    }
    gboolean dup = FALSE;
    for (guint j = first; j < ds->enterprise_segments->len && !dup; j++)
      dup = g_array_index(ds->enterprise_segments, guint32, j) == (guint32)s;
    if (dup)
      continue;
    guint32 v = (guint32)s;
    g_array_append_val(ds->enterprise_segments, v);
    stored++;
  }
  return stored;
}

static void
on_record(const CmCsvRecord *rec, gpointer data)
{
  EnterpriseReader *r = data;
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  if (!r->header_done) {
    r->header_done = TRUE;
    ctx->table_usable[CM_TABLE_ENTERPRISES] = cm_loader__map_header(
        ctx, CM_TABLE_ENTERPRISES, rec, r->cols, N_COLS, &ds->enterprise_extra, r->extra_index);
    return;
  }
  if (!ctx->table_usable[CM_TABLE_ENTERPRISES])
    return;
  const char *id = cm_loader__field(rec, &r->cols[COL_ID]);
  if (*id == '\0') {
    error_at(r, rec->line, "empty required field 'id'");
    return;
  }
  cm_loader__check_id(ctx, CM_TABLE_ENTERPRISES, rec->line, id);
  gint64 prev = cm_dataset_find_enterprise(ds, id);
  if (prev >= 0) {
    error_at(r, rec->line, "duplicate enterprise id '%s' (first defined at line %u)", id,
             cm_dataset_enterprise(ds, (guint)prev)->line);
    return;
  }
  CmEnterprise e = {.line = rec->line, .status = CM_PROJECT_OPERATING};
  e.id = cm_dataset_store(ds, id);
  const char *name = cm_loader__field(rec, &r->cols[COL_NAME]);
  e.name = *name ? cm_dataset_store(ds, name) : e.id;
  const char *region = cm_loader__field(rec, &r->cols[COL_REGION]);
  if (*region == '\0')
    error_at(r, rec->line, "empty required field 'region'");
  e.region = cm_dataset_intern(ds, region);
  e.role = cm_dataset_intern(ds, cm_loader__field(rec, &r->cols[COL_ROLE]));

  const char *output = cm_loader__field(rec, &r->cols[COL_OUTPUT]);
  if (*output) {
    CmNumberResult res = cm_number_parse(output, &e.output);
    if (res == CM_NUMBER_OK)
      e.has_output = TRUE;
    else
      error_at(r, rec->line, "bad output '%s': %s", output, cm_number_result_describe(res));
    r->total_output += e.output;
    if (!isfinite(r->total_output) && !r->overflowed) {
      r->overflowed = TRUE;
      error_at(r, rec->line,
               "the outputs add up beyond the largest number chainmap can sum "
               "(about 1.8e308); check the unit of 'output'");
    }
  }
  const char *status = cm_loader__field(rec, &r->cols[COL_STATUS]);
  if (!cm_project_status_from_string(status, &e.status))
    error_at(r, rec->line, "bad status '%s' (expected operating, construction or signed)", status);

  e.segments_offset = ds->enterprise_segments->len;
  e.n_segments = read_segment_list(r, rec, cm_loader__field(rec, &r->cols[COL_SEGMENTS]));
  cm_dataset_add_enterprise(ds, &e);
  cm_loader__keep_extras(ctx, rec, r->extra_index, ds->enterprise_extra_values);
}

void
cm_loader__read_enterprises(CmLoadContext *ctx)
{
  EnterpriseReader r = {
      .ctx = ctx,
      .cols = {[COL_ID] = {"id", TRUE, -1},
               [COL_NAME] = {"name", FALSE, -1},
               [COL_REGION] = {"region", TRUE, -1},
               [COL_SEGMENTS] = {"segments", TRUE, -1},
               [COL_ROLE] = {"role", FALSE, -1},
               [COL_OUTPUT] = {"output", FALSE, -1},
               [COL_STATUS] = {"status", FALSE, -1}},
      .extra_index = g_array_new(FALSE, FALSE, sizeof(guint)),
  };
  CmCsvSource src = cm_loader__source(ctx, CM_TABLE_ENTERPRISES);
  if (!cm_csv_read(&src, on_record, &r))
    ctx->table_usable[CM_TABLE_ENTERPRISES] = FALSE;
  g_array_free(r.extra_index, TRUE);
}
