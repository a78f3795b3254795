/* Comparison: every column is the segment analysis (gaps.c) and the leaders' figure of
 * procurement.c under its own options. The supply rows, the only part that grows with the
 * data, are read once for all columns: each enterprise's flags for every column sit side by side
 * (flags[e * K + column]), so a row costs two cache lines whatever the number of columns. */
#include "analysis_private.h"
#include "cm_compare.h"
#include "cm_error.h"
#include "cm_locality.h"
#include "cm_region.h"

#include <string.h>

const char *
cm_compare_by_to_string(CmCompareBy by)
{
  switch (by) {
  case CM_COMPARE_BY_REGION:
    return "region";
  case CM_COMPARE_BY_SCENARIO:
    return "scenario";
  default:
    return "year";
  }
}

static char *
scenario_label(guint scenario)
{
  g_autofree const char **names = cm_scenario_to_strv(scenario);
  return g_strjoinv(",", (char **)names);
}

/* The column's options, region and label. */
static gboolean
set_up_column(CmCompareColumn *col, const CmDataset *ds, const CmAnalysisOptions *base,
              const char *region, CmCompareBy by, const CmCompareSetting *setting, GError **error)
{
  col->options = *base;
  col->options.local = NULL;
  const char *study = region ? region : ds->region;
  if (by == CM_COMPARE_BY_REGION)
    study = setting->region;
  else if (by == CM_COMPARE_BY_SCENARIO)
    col->options.scenario = setting->scenario;
  else {
    col->options.by_year = TRUE;
    col->options.year = setting->year;
  }
  if (!study) {
    g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_INVALID, "a region column needs a region");
    return FALSE;
  }
  col->region = cm_region_normalize(study);
  if (strcmp(col->region, ds->region) == 0) {
    for (guint i = 0; i < cm_dataset_n_enterprises(ds); i++)
      col->n_local += cm_dataset_enterprise(ds, i)->local;
  } else {
    col->local = cm_locality_new(ds, col->region, &col->n_local);
    col->options.local = col->local;
  }
  col->label = by == CM_COMPARE_BY_REGION     ? g_strdup(col->region)
               : by == CM_COMPARE_BY_SCENARIO ? scenario_label(col->options.scenario)
                                              : g_strdup_printf("%d", (int)setting->year);
  return TRUE;
}

/* What one counted local leader bought in a column. */
typedef struct {
  double local, total;
} Bought;

/* The sums of one pass over the supply rows for every column: segment demand into each
 * column's gaps, leaders' purchases into bought[column * n_leaders + leader slot]. */
typedef struct {
  const CmDataset *ds;
  CmCompare *c;
  guint8 *flags;     /* n_enterprises * K */
  gint32 *lead_slot; /* per enterprise: its index among all leaders, or -1 */
  guint n_leaders;   /* enterprises with the leader role */
  Bought *bought;
} Pass;

static void
pass_init(Pass *p, const CmDataset *ds, CmCompare *c)
{
  guint n = cm_dataset_n_enterprises(ds), k_cols = c->n_columns;
  p->ds = ds;
  p->c = c;
  p->flags = g_new(guint8, (gsize)n * k_cols + 1);
  for (guint k = 0; k < k_cols; k++) {
    g_autofree guint8 *f = cm_analysis__flags(ds, &c->columns[k].options);
    for (guint i = 0; i < n; i++)
      p->flags[(gsize)i * k_cols + k] = f[i];
  }
  p->lead_slot = g_new(gint32, n + 1);
  p->n_leaders = 0;
  for (guint i = 0; i < n; i++)
    p->lead_slot[i] = cm_dataset_enterprise(ds, i)->leader ? (gint32)p->n_leaders++ : -1;
  p->bought = g_new0(Bought, (gsize)p->n_leaders * k_cols + 1);
}

static void
pass_clear(Pass *p)
{
  g_free(p->flags);
  g_free(p->lead_slot);
  g_free(p->bought);
}

/* The rows' sums in row order, as gaps.c and procurement.c add them. */
static void
pass_run(Pass *p)
{
  const CmDataset *ds = p->ds;
  if (!ds->has_supply)
    return;
  guint k_cols = p->c->n_columns;
  const CmSupply *rows = (const CmSupply *)ds->supply->data;
  for (guint r = 0; r < ds->supply->len; r++) {
    const CmSupply *row = &rows[r];
    const guint8 *fs = &p->flags[(gsize)row->supplier * k_cols];
    const guint8 *fb = &p->flags[(gsize)row->buyer * k_cols];
    for (guint k = 0; k < k_cols; k++) {
      CmCompareColumn *col = &p->c->columns[k];
      if (col->options.by_year) {
        if (row->year != col->options.year)
          continue;
        col->year_rows++;
      }
      if (!(fb[k] & CM_FLAG_LOCAL) || !(fb[k] & fs[k] & CM_FLAG_COUNTS))
        continue;
      gboolean from_local = (fs[k] & CM_FLAG_LOCAL) != 0;
      CmSegmentResult *seg = &col->gaps->segments[row->segment];
      seg->local_demand += row->value;
      if (from_local)
        seg->local_supplied += row->value;
      if (fb[k] & CM_FLAG_LEADER) {
        Bought *b = &p->bought[(gsize)k * p->n_leaders + (guint)p->lead_slot[row->buyer]];
        b->total += row->value;
        if (from_local)
          b->local += row->value;
      }
    }
  }
}

typedef struct {
  const CmDataset *ds;
  const Bought *bought;
  const gint32 *lead_slot;
} LeaderOrder;

/* procurement.c's buyer order among leaders: total descending, then id. */
static gint
compare_leaders(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const LeaderOrder *o = data;
  guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
  double ta = o->bought[o->lead_slot[a]].total, tb = o->bought[o->lead_slot[b]].total;
  if (ta != tb)
    return ta > tb ? -1 : 1;
  return strcmp(cm_dataset_enterprise(o->ds, a)->id, cm_dataset_enterprise(o->ds, b)->id);
}

/* The leaders' figure of column k, summed over the leaders in the order procurement.c sums its
 * buyers, so that both give the same figures to the last bit. */
static void
leaders_figure(CmCompareColumn *col, const Pass *p, guint k)
{
  const CmDataset *ds = p->ds;
  const Bought *bought = &p->bought[(gsize)k * p->n_leaders];
  col->leaders.ids = g_array_new(FALSE, FALSE, sizeof(guint32));
  g_autoptr(GArray) buying = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 i = 0; i < cm_dataset_n_enterprises(ds); i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    if (!e->leader || !cm_analysis_is_local(&col->options, ds, i) ||
        !cm_analysis_counts(&col->options, e))
      continue;
    g_array_append_val(col->leaders.ids, i);
    if (bought[p->lead_slot[i]].total > 0)
      g_array_append_val(buying, i);
  }
  LeaderOrder order = {ds, bought, p->lead_slot};
  g_array_sort_with_data(buying, compare_leaders, &order);
  for (guint j = 0; j < buying->len; j++) {
    const Bought *b = &bought[p->lead_slot[g_array_index(buying, guint32, j)]];
    col->leaders.local += b->local;
    col->leaders.total += b->total;
  }
  col->leaders.has_ratio = col->leaders.total > 0;
  col->leaders.ratio = col->leaders.has_ratio ? col->leaders.local / col->leaders.total : 0.0;
  col->leaders.meets_target =
      col->leaders.has_ratio && col->leaders.ratio >= ds->params.procurement_target;
}

static GArray *
find_changes(const CmCompare *c, guint n_segments)
{
  GArray *changes = g_array_new(FALSE, FALSE, sizeof(CmCompareChange));
  for (guint k = 1; k < c->n_columns; k++)
    for (guint32 s = 0; s < n_segments; s++)
      if (cm_compare_status(c, k - 1, s) != cm_compare_status(c, k, s)) {
        CmCompareChange ch = {.segment = s, .from = k - 1, .to = k};
        g_array_append_val(changes, ch);
      }
  return changes;
}

CmCompare *
cm_compare_compute(const CmDataset *ds, const CmAnalysisOptions *base, const char *region,
                   CmCompareBy by, const CmCompareSetting *settings, guint n, GError **error)
{
  g_return_val_if_fail(ds && ds->template && base && settings, NULL);
  if (n < 2) {
    g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_INVALID,
                "a comparison needs two or more columns");
    return NULL;
  }
  g_autoptr(CmCompare) c = g_new0(CmCompare, 1);
  c->by = by;
  c->n_columns = n;
  c->columns = g_new0(CmCompareColumn, n);
  for (guint k = 0; k < n; k++) {
    if (!set_up_column(&c->columns[k], ds, base, region, by, &settings[k], error))
      return NULL;
    c->columns[k].gaps = cm_gaps__new(ds, &c->columns[k].options);
  }
  Pass pass;
  pass_init(&pass, ds, c);
  pass_run(&pass);
  gboolean ok = TRUE;
  for (guint k = 0; ok && k < n; k++) {
    ok = cm_gaps__finish(c->columns[k].gaps, ds, error);
    leaders_figure(&c->columns[k], &pass, k);
  }
  pass_clear(&pass);
  if (!ok)
    return NULL;
  c->changes = find_changes(c, cm_dataset_n_segments(ds));
  return g_steal_pointer(&c);
}

void
cm_compare_free(CmCompare *c)
{
  if (!c)
    return;
  for (guint k = 0; c->columns && k < c->n_columns; k++) {
    CmCompareColumn *col = &c->columns[k];
    g_free(col->label);
    g_free(col->region);
    g_free(col->local);
    cm_gaps_free(col->gaps);
    if (col->leaders.ids)
      g_array_free(col->leaders.ids, TRUE);
  }
  g_free(c->columns);
  if (c->changes)
    g_array_free(c->changes, TRUE);
  g_free(c);
}
