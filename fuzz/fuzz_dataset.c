/* libFuzzer target: the dataset loader on tables in memory (cm_dataset_load_text). The input is
 * split on NUL bytes, which no table can hold anyway:
 *   dataset.ini NUL segments.csv NUL enterprises.csv [NUL supply.csv]
 * (a missing table is empty; without a third NUL there is no supply table; anything after a
 * fourth NUL is ignored). Checks: a dataset comes back exactly when there is no error; every
 * index of a loaded dataset is in range, ids are unique, numbers are finite and >= 0, supply rows
 * are what SPEC allows (no self-supply, the supplier produces the segment); every diagnostic is
 * valid UTF-8. */
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
  if (ds)
    check_dataset(ds);
  return 0;
}
