/* segments.csv: the reference chain. Inputs may name segments defined further down, so they are
 * resolved once the whole table is read. */
#include "loader_private.h"
#include "cm_i18n.h"

enum { COL_ID, COL_NAME, COL_TIER, COL_GROUP, COL_INPUTS, COL_NAME_EN, N_COLS };

typedef struct {
  guint32 segment;
  guint32 line;
  const char *input; /* interned id */
} PendingInput;

typedef struct {
  CmLoadContext *ctx;
  CmColumn cols[N_COLS];
  GArray *extra_index;
  gboolean header_done;
  GArray *pending; /* PendingInput, grouped by segment in file order */
} SegmentReader;

#define MAX_LIST 4096

static void
on_record(const CmCsvRecord *rec, gpointer data)
{
  SegmentReader *r = data;
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  const char *file = ctx->table_display[CM_TABLE_SEGMENTS];
  if (!r->header_done) {
    r->header_done = TRUE;
    ctx->table_usable[CM_TABLE_SEGMENTS] = cm_loader__map_header(
        ctx, CM_TABLE_SEGMENTS, rec, r->cols, N_COLS, &ds->segment_extra, r->extra_index);
    return;
  }
  if (!ctx->table_usable[CM_TABLE_SEGMENTS])
    return;
  if (cm_loader__total_row(ctx, CM_TABLE_SEGMENTS, rec->line, (const char *const *)rec->fields,
                           rec->n_fields))
    return;
  const char *id = cm_loader__field(rec, &r->cols[COL_ID]);
  if (*id == '\0') {
    cm_diagnostics_add(ctx->diags, file, rec->line, CM_SEVERITY_ERROR,
                       _("empty required field 'id'"));
    return;
  }
  cm_loader__check_id(ctx, CM_TABLE_SEGMENTS, rec->line, id);
  gint64 prev = cm_dataset_find_segment(ds, id);
  if (prev >= 0) {
    cm_diagnostics_add(ctx->diags, file, rec->line, CM_SEVERITY_ERROR,
                       _("duplicate segment id '%s' (first defined at line %u)"), id,
                       cm_dataset_segment(ds, (guint)prev)->line);
    return;
  }
  CmSegment seg = {.line = rec->line};
  seg.id = cm_dataset_intern(ds, id);
  const char *name = cm_loader__field(rec, &r->cols[COL_NAME]);
  seg.name = *name ? cm_dataset_intern(ds, name) : seg.id;
  const char *name_en = cm_loader__field(rec, &r->cols[COL_NAME_EN]);
  seg.name_en = *name_en ? cm_dataset_intern(ds, name_en) : NULL;
  seg.group = cm_dataset_intern(ds, cm_loader__field(rec, &r->cols[COL_GROUP]));
  const char *tier = cm_loader__field(rec, &r->cols[COL_TIER]);
  if (*tier == '\0')
    cm_diagnostics_add(ctx->diags, file, rec->line, CM_SEVERITY_ERROR,
                       _("empty required field 'tier'"));
  else if (!cm_tier_from_string(tier, &seg.tier)) {
    static const char *const tiers[] = {"upstream", "midstream", "downstream",
                                        "上游",     "中游",      "下游"};
    g_autofree char *hint = cm_loader__hint_word(tier, tiers, G_N_ELEMENTS(tiers));
    cm_diagnostics_add(
        ctx->diags, file, rec->line, CM_SEVERITY_ERROR,
        _("bad tier '%s' (expected upstream, midstream or downstream; or 上游, 中游, "
          "下游)%s"),
        tier, hint);
  }
  guint index = cm_dataset_add_segment(ds, &seg);
  cm_loader__keep_extras(ctx, rec, r->extra_index, ds->segment_extra_values);

  g_autofree char *list = g_strdup(cm_loader__field(rec, &r->cols[COL_INPUTS]));
  char *items[MAX_LIST];
  guint n = cm_csv_split_list(list, items, MAX_LIST);
  for (guint k = 0; k < n; k++) {
    PendingInput in = {
        .segment = index, .line = rec->line, .input = cm_dataset_intern(ds, items[k])};
    g_array_append_val(r->pending, in);
  }
}

static gboolean
already_listed(const CmDataset *ds, const CmSegment *s, guint32 input)
{
  const guint32 *inputs = &g_array_index(ds->segment_inputs, guint32, s->inputs_offset);
  for (guint k = 0; k < s->n_inputs; k++)
    if (inputs[k] == input)
      return TRUE;
  return FALSE;
}

static void
resolve_inputs(SegmentReader *r)
{
  CmLoadContext *ctx = r->ctx;
  CmDataset *ds = ctx->ds;
  guint p = 0;
  for (guint s = 0; s < ds->segments->len; s++) {
    CmSegment *seg = &g_array_index(ds->segments, CmSegment, s);
    seg->inputs_offset = ds->segment_inputs->len;
    seg->n_inputs = 0;
    for (; p < r->pending->len && g_array_index(r->pending, PendingInput, p).segment == s; p++) {
      const PendingInput *in = &g_array_index(r->pending, PendingInput, p);
      gint64 target = cm_dataset_find_segment(ds, in->input);
      if (target < 0) {
        g_autofree char *hint = cm_loader__hint_segment(ctx, in->input);
        cm_diagnostics_add(ctx->diags, ctx->table_display[CM_TABLE_SEGMENTS], in->line,
                           CM_SEVERITY_ERROR, _("unknown segment '%s' in inputs%s"), in->input,
                           hint);
        cm_loader__check_id(ctx, CM_TABLE_SEGMENTS, in->line, in->input);
        continue;
      }
      if (already_listed(ds, seg, (guint32)target))
        continue;
      guint32 t = (guint32)target;
      g_array_append_val(ds->segment_inputs, t);
      seg->n_inputs++;
    }
  }
}

void
cm_loader__read_segments(CmLoadContext *ctx)
{
  SegmentReader r = {
      .ctx = ctx,
      .cols = {[COL_ID] = {"id", TRUE, -1, "编号"},
               [COL_NAME] = {"name", FALSE, -1, "名称"},
               [COL_TIER] = {"tier", TRUE, -1, "层级"},
               [COL_GROUP] = {"group", FALSE, -1, "分组"},
               [COL_INPUTS] = {"inputs", FALSE, -1, "上游环节"},
               [COL_NAME_EN] = {"name_en", FALSE, -1, "英文名称"}},
      .extra_index = g_array_new(FALSE, FALSE, sizeof(guint)),
      .pending = g_array_new(FALSE, FALSE, sizeof(PendingInput)),
  };
  CmCsvSource src = cm_loader__source(ctx, CM_TABLE_SEGMENTS);
  if (!cm_csv_read(&src, on_record, &r))
    ctx->table_usable[CM_TABLE_SEGMENTS] = FALSE;
  if (ctx->table_usable[CM_TABLE_SEGMENTS] && r.header_done && ctx->ds->segments->len == 0)
    cm_diagnostics_add(ctx->diags, src.display, 0, CM_SEVERITY_ERROR,
                       _("no segments: the reference chain needs at least one row"));
  resolve_inputs(&r);
  g_array_free(r.extra_index, TRUE);
  g_array_free(r.pending, TRUE);
}
