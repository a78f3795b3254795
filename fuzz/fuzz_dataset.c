/* libFuzzer target: the dataset loader on tables in memory (cm_dataset_load_text). The input is
 * split on NUL bytes, which no table can hold anyway:
 *   dataset.ini NUL segments.csv NUL enterprises.csv [NUL supply.csv]
 * (a missing table is empty; without a third NUL there is no supply table; anything after a
 * fourth NUL is ignored). Checks: a dataset comes back exactly when there is no error; every
 * index of a loaded dataset is in range, ids are unique, numbers are finite and >= 0, supply rows
 * are what SPEC allows (no self-supply, the supplier produces the segment); every diagnostic is
 * valid UTF-8. A loaded dataset then goes through gaps, procurement and targets, whose results
 * must keep SPEC section 2's definitions (one status per segment, ratios in [0, 1], ...). */
#include "cm_analysis.h"
#include "cm_init.h"
#include "cm_loader.h"
#include "cm_template.h"
#include "fuzz_common.h"

#include <math.h>
#include <string.h>

static void
check_text(const char *s)
{
  CM_FUZZ_CHECK(s != NULL && g_utf8_validate(s, -1, NULL));
}

static void
check_extras(const CmExtraColumns *cols, const GPtrArray *values, guint rows)
{
  CM_FUZZ_CHECK(values->len == (gsize)rows * cols->n);
  for (guint k = 0; k < cols->n; k++)
    check_text(cols->names[k]);
  for (guint i = 0; i < values->len; i++)
    check_text(g_ptr_array_index(values, i));
}

static void
check_segments(const CmDataset *ds)
{
  guint n = cm_dataset_n_segments(ds);
  guint64 edges = 0;
  for (guint i = 0; i < n; i++) {
    const CmSegment *s = cm_dataset_segment(ds, i);
    check_text(s->id);
    check_text(s->name);
    check_text(s->group);
    CM_FUZZ_CHECK(*s->id != '\0' && cm_dataset_find_segment(ds, s->id) == i);
    CM_FUZZ_CHECK(s->tier < CM_TIER_COUNT);
    CM_FUZZ_CHECK((guint64)s->inputs_offset + s->n_inputs <= ds->segment_inputs->len);
    const guint32 *in = cm_dataset_segment_inputs(ds, s);
    for (guint k = 0; k < s->n_inputs; k++)
      CM_FUZZ_CHECK(in[k] < n);
    edges += s->n_inputs;
  }
  const igraph_t *g = cm_template_graph(ds->template);
  CM_FUZZ_CHECK(igraph_vcount(g) == (igraph_integer_t)n);
  CM_FUZZ_CHECK((guint64)igraph_ecount(g) == edges);
  check_extras(&ds->segment_extra, ds->segment_extra_values, n);
}

static void
check_enterprises(const CmDataset *ds)
{
  guint n = cm_dataset_n_enterprises(ds);
  for (guint i = 0; i < n; i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    check_text(e->id);
    check_text(e->name);
    check_text(e->region);
    check_text(e->role);
    CM_FUZZ_CHECK(*e->id != '\0' && *e->region != '\0');
    CM_FUZZ_CHECK(cm_dataset_find_enterprise(ds, e->id) == i);
    CM_FUZZ_CHECK(isfinite(e->output) && e->output >= 0.0);
    CM_FUZZ_CHECK(e->has_output || e->output == 0.0);
    CM_FUZZ_CHECK(e->status == CM_PROJECT_OPERATING || e->status == CM_PROJECT_CONSTRUCTION ||
                  e->status == CM_PROJECT_SIGNED);
    CM_FUZZ_CHECK(e->n_segments >= 1); /* SPEC: at least one segment */
    CM_FUZZ_CHECK((guint64)e->segments_offset + e->n_segments <= ds->enterprise_segments->len);
    const guint32 *segs = cm_dataset_enterprise_segments(ds, e);
    for (guint k = 0; k < e->n_segments; k++)
      CM_FUZZ_CHECK(segs[k] < cm_dataset_n_segments(ds));
  }
  check_extras(&ds->enterprise_extra, ds->enterprise_extra_values, n);
}

static void
check_supply(const CmDataset *ds)
{
  guint n = ds->supply->len;
  CM_FUZZ_CHECK(ds->has_supply || n == 0);
  for (guint i = 0; i < n; i++) {
    const CmSupply *row = &g_array_index(ds->supply, CmSupply, i);
    CM_FUZZ_CHECK(row->supplier < cm_dataset_n_enterprises(ds));
    CM_FUZZ_CHECK(row->buyer < cm_dataset_n_enterprises(ds));
    CM_FUZZ_CHECK(row->supplier != row->buyer);
    CM_FUZZ_CHECK(row->segment < cm_dataset_n_segments(ds));
    CM_FUZZ_CHECK(
        cm_enterprise_produces(ds, cm_dataset_enterprise(ds, row->supplier), row->segment));
    CM_FUZZ_CHECK(isfinite(row->value) && row->value >= 0.0);
  }
  check_extras(&ds->supply_extra, ds->supply_extra_values, n);
}

static void
check_dataset(const CmDataset *ds)
{
  check_text(ds->name);
  check_text(ds->region);
  check_text(ds->unit);
  CM_FUZZ_CHECK(*ds->region != '\0');
  CM_FUZZ_CHECK(ds->params.min_coverage >= 0.0 && ds->params.min_coverage <= 1.0);
  CM_FUZZ_CHECK(ds->params.procurement_target >= 0.0 && ds->params.procurement_target <= 1.0);
  CM_FUZZ_CHECK(ds->params.scenario != 0 && (ds->params.scenario & ~CM_SCENARIO_ALL) == 0);
  check_segments(ds);
  check_enterprises(ds);
  check_supply(ds);
}

static gboolean
is_share(double x)
{
  return isfinite(x) && x >= 0.0 && x <= 1.0;
}

static gboolean
is_amount(double x)
{
  return isfinite(x) && x >= 0.0;
}

static void
check_action_list(const CmGaps *gaps, const GArray *list, CmSegmentStatus status)
{
  CM_FUZZ_CHECK(list->len == gaps->count[status]);
  for (guint k = 0; k < list->len; k++) {
    guint32 s = g_array_index(list, guint32, k);
    CM_FUZZ_CHECK(s < gaps->n_segments && gaps->segments[s].status == status);
  }
}

static void
check_gaps(const CmDataset *ds, const CmGaps *gaps)
{
  guint n = cm_dataset_n_segments(ds);
  CM_FUZZ_CHECK(gaps->n_segments == n);
  guint sum = 0;
  for (guint k = 0; k < CM_SEGMENT_STATUS_COUNT; k++)
    sum += gaps->count[k];
  CM_FUZZ_CHECK(sum == n);
  CM_FUZZ_CHECK(gaps->present == gaps->count[CM_SEGMENT_STRONG] + gaps->count[CM_SEGMENT_WEAK]);
  CM_FUZZ_CHECK(is_share(gaps->completeness));
  for (guint s = 0; s < n; s++) {
    const CmSegmentResult *r = &gaps->segments[s];
    CM_FUZZ_CHECK(r->status < CM_SEGMENT_STATUS_COUNT);
    gboolean present = r->status == CM_SEGMENT_STRONG || r->status == CM_SEGMENT_WEAK;
    CM_FUZZ_CHECK(present == (r->local_producers > 0));
    CM_FUZZ_CHECK(r->leaders <= r->local_producers);
    CM_FUZZ_CHECK(is_amount(r->local_output) && is_amount(r->local_demand) &&
                  is_amount(r->local_supplied) && is_amount(r->leakage));
    CM_FUZZ_CHECK(r->local_supplied <= r->local_demand);
    CM_FUZZ_CHECK(r->has_coverage == (r->local_demand > 0));
    CM_FUZZ_CHECK(!r->has_coverage || is_share(r->coverage));
    gboolean frontier = r->status == CM_SEGMENT_FRONTIER;
    CM_FUZZ_CHECK(frontier == (r->distance >= 1));
    CM_FUZZ_CHECK(frontier == (r->direction != CM_DIRECTION_NONE));
    CM_FUZZ_CHECK(frontier || r->distance == -1);
  }
  check_action_list(gaps, gaps->strengthen, CM_SEGMENT_WEAK);
  check_action_list(gaps, gaps->supplement, CM_SEGMENT_GAP);
  check_action_list(gaps, gaps->extend, CM_SEGMENT_FRONTIER);
}

static void
check_procurement(const CmDataset *ds, const CmProcurement *p)
{
  CM_FUZZ_CHECK(is_amount(p->leaders_local) && p->leaders_local <= p->leaders_total);
  CM_FUZZ_CHECK(is_amount(p->region_local) && p->region_local <= p->region_total);
  CM_FUZZ_CHECK(is_amount(p->leaders_total) && is_amount(p->region_total));
  CM_FUZZ_CHECK(p->leaders_has_ratio == (p->leaders_total > 0));
  CM_FUZZ_CHECK(p->region_has_ratio == (p->region_total > 0));
  CM_FUZZ_CHECK(!p->leaders_has_ratio || is_share(p->leaders_ratio));
  CM_FUZZ_CHECK(!p->region_has_ratio || is_share(p->region_ratio));
  CM_FUZZ_CHECK(!p->meets_target || p->leaders_has_ratio);
  for (guint k = 0; k < p->leaders->len; k++) {
    guint32 e = g_array_index(p->leaders, guint32, k);
    CM_FUZZ_CHECK(e < cm_dataset_n_enterprises(ds));
    CM_FUZZ_CHECK(cm_dataset_enterprise(ds, e)->leader && cm_dataset_enterprise(ds, e)->local);
  }
  CM_FUZZ_CHECK(p->audit->len == p->leaders->len);
  for (guint k = 0; k < p->buyers->len; k++) {
    const CmBuyerProcurement *b = &g_array_index(p->buyers, CmBuyerProcurement, k);
    CM_FUZZ_CHECK(b->buyer < cm_dataset_n_enterprises(ds));
    CM_FUZZ_CHECK(cm_dataset_enterprise(ds, b->buyer)->local);
    CM_FUZZ_CHECK(isfinite(b->total) && b->total > 0 && is_amount(b->local));
    CM_FUZZ_CHECK(b->local <= b->total && is_share(b->ratio));
  }
}

static void
check_targets(const CmDataset *ds, const CmTargets *t)
{
  for (guint k = 0; k < t->targets->len; k++) {
    const CmTarget *x = &g_array_index(t->targets, CmTarget, k);
    CM_FUZZ_CHECK(x->enterprise < cm_dataset_n_enterprises(ds));
    CM_FUZZ_CHECK(!cm_dataset_enterprise(ds, x->enterprise)->local);
    CM_FUZZ_CHECK(x->priority >= 1 && x->priority <= 4);
    CM_FUZZ_CHECK(is_amount(x->value_to_local));
    CM_FUZZ_CHECK(x->n_leaders_served <= x->local_buyers);
    CM_FUZZ_CHECK(x->lists_offset + x->n_fills + x->n_leaders_served <= t->lists->len);
    for (guint j = 0; j < x->n_fills; j++)
      CM_FUZZ_CHECK(cm_target_fills(t, x)[j] < cm_dataset_n_segments(ds));
    if (k > 0) /* ranked by priority first */
      CM_FUZZ_CHECK(g_array_index(t->targets, CmTarget, k - 1).priority <= x->priority);
  }
}

/* The three analyses with the dataset's own options; none may fail on a loaded dataset. */
static void
check_analyses(const CmDataset *ds)
{
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &options, &error);
  CM_FUZZ_CHECK(gaps != NULL);
  check_gaps(ds, gaps);
  g_autoptr(CmProcurement) procurement = cm_procurement_compute(ds, &options, &error);
  CM_FUZZ_CHECK(procurement != NULL);
  check_procurement(ds, procurement);
  g_autoptr(CmTargets) targets = cm_targets_compute(ds, gaps, &error);
  CM_FUZZ_CHECK(targets != NULL);
  check_targets(ds, targets);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  cm_init();
  /* one NUL-terminated copy; the NULs inside it end the pieces */
  g_autofree char *copy = g_malloc(size + 1);
  if (size > 0)
    memcpy(copy, data, size);
  copy[size] = '\0';
  const char *piece[4] = {"", "", "", NULL};
  const char *p = copy, *end = copy + size;
  for (guint i = 0; i < 4; i++) {
    piece[i] = p;
    p += strlen(p);
    if (p == end)
      break;
    p++; /* past the NUL */
    if (i == 2 && p == end) {
      piece[3] = p; /* a third NUL then nothing: an empty supply table */
      break;
    }
  }
  CmDatasetText text = {
      .ini = piece[0], .segments = piece[1], .enterprises = piece[2], .supply = piece[3]};

  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = cm_dataset_load_text(&text, diags, &error);
  CM_FUZZ_CHECK((ds == NULL) == (error != NULL));
  if (error && g_error_matches(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID))
    CM_FUZZ_CHECK(cm_diagnostics_errors(diags) > 0);
  if (ds)
    CM_FUZZ_CHECK(cm_diagnostics_errors(diags) == 0);
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    g_autofree char *line = cm_diagnostic_format(cm_diagnostics_get(diags, i));
    check_text(line);
  }
  if (ds) {
    check_dataset(ds);
    check_analyses(ds);
  }
  return 0;
}
