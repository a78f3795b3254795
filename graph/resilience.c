/* Resilience of the leaders' supply (SPEC section 2): single sources and concentration per
 * leader and segment, and what each supplier of the leaders carries. Works on the leaders'
 * flows (leader_supply.c), which arrive grouped by pair and ordered by supplier, so one sweep
 * computes every pair; provinces are small integers found once per supplier. */
#include "cm_resilience.h"
#include "leader_supply.h"

#include <string.h>

char *
cm_region_province(const char *region)
{
  const char *slash = strchr(region, '/');
  g_autofree char *first = slash ? g_strndup(region, (gsize)(slash - region)) : g_strdup(region);
  return g_strdup(g_strstrip(first));
}

/* Province ids of suppliers, worked out once per distinct region string. */
typedef struct {
  gint32 *of;            /* per enterprise: province id, -1 until needed */
  GHashTable *by_region; /* region pointer -> id + 1 */
  GHashTable *by_name;   /* province name (owned) -> id + 1 */
  guint n;
} Provinces;

static guint32
province_of(Provinces *p, const CmDataset *ds, guint32 e)
{
  if (p->of[e] >= 0)
    return (guint32)p->of[e];
  const char *region = cm_dataset_enterprise(ds, e)->region;
  guint id = GPOINTER_TO_UINT(g_hash_table_lookup(p->by_region, region));
  if (id == 0) {
    char *name = cm_region_province(region);
    id = GPOINTER_TO_UINT(g_hash_table_lookup(p->by_name, name));
    if (id == 0) {
      id = ++p->n;
      g_hash_table_insert(p->by_name, name, GUINT_TO_POINTER(id));
    } else {
      g_free(name);
    }
    g_hash_table_insert(p->by_region, (gpointer)region, GUINT_TO_POINTER(id));
  }
  p->of[e] = (gint32)(id - 1);
  return id - 1;
}

/* Scratch of one pair: value per province, and the provinces touched. */
typedef struct {
  GArray *sum;     /* double per province id */
  GArray *touched; /* guint32 province ids */
} ProvinceSums;

static void
add_province(ProvinceSums *s, guint32 id, double v)
{
  if (id >= s->sum->len)
    g_array_set_size(s->sum, id + 1); /* zero-filled */
  double *sum = &g_array_index(s->sum, double, id);
  if (*sum == 0)
    g_array_append_val(s->touched, id);
  *sum += v;
}

/* Works out the pair of flows[first .. end) (one leader and segment; suppliers ascending). */
static gboolean
assess_pair(const CmDataset *ds, const CmLeaderSupply *ls, gsize first, gsize end, Provinces *prov,
            ProvinceSums *ps, CmResiliencePair *pair)
{
  const CmLeaderFlow *f = ls->flows;
  double v_total = 0, outside = 0;
  guint n = 0;
  gsize top = first;
  for (gsize k = first; k < end; k++) {
    if (!(f[k].value > 0))
      continue;
    if (n == 0 || f[k].value > f[top].value)
      top = k;
    n++;
    v_total += f[k].value;
    if (!cm_dataset_enterprise(ds, f[k].supplier)->local)
      outside += f[k].value;
  }
  if (n == 0)
    return FALSE;
  double hhi = 0;
  for (gsize k = first; k < end; k++) {
    if (!(f[k].value > 0))
      continue;
    double share = f[k].value / v_total;
    hhi += share * share;
    add_province(ps, province_of(prov, ds, f[k].supplier), f[k].value);
  }
  double region_hhi = 0;
  for (guint i = 0; i < ps->touched->len; i++) {
    double *sum = &g_array_index(ps->sum, double, g_array_index(ps->touched, guint32, i));
    double share = *sum / v_total;
    region_hhi += share * share;
    *sum = 0;
  }
  *pair = (CmResiliencePair){
      .leader = g_array_index(ls->leaders, guint32, f[first].leader),
      .segment = f[first].segment,
      .value = v_total,
      .suppliers = n,
      .hhi = hhi,
      .region_hhi = region_hhi,
      .outside_share = outside / v_total,
      .top_supplier = f[top].supplier,
      .top_share = f[top].value / v_total,
      .provinces = ps->touched->len,
  };
  g_array_set_size(ps->touched, 0);
  return TRUE;
}

static gint
compare_suppliers(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const CmResilienceSupplier *a = pa, *b = pb;
  const CmDataset *ds = data;
  if (a->sole_value != b->sole_value)
    return a->sole_value > b->sole_value ? -1 : 1;
  if (a->leaders_value != b->leaders_value)
    return a->leaders_value > b->leaders_value ? -1 : 1;
  return strcmp(cm_dataset_enterprise(ds, a->enterprise)->id,
                cm_dataset_enterprise(ds, b->enterprise)->id);
}

/* Adds the pair's suppliers to the per-supplier figures (slot[e]: index in suppliers, or -1). */
static void
add_suppliers(const CmDataset *ds, const CmLeaderFlow *f, gsize first, gsize end, gboolean sole,
              gint32 *slot, GArray *suppliers)
{
  for (gsize k = first; k < end; k++) {
    if (!(f[k].value > 0))
      continue;
    guint32 e = f[k].supplier;
    if (slot[e] < 0) {
      slot[e] = (gint32)suppliers->len;
      CmResilienceSupplier s = {.enterprise = e, .local = cm_dataset_enterprise(ds, e)->local};
      g_array_append_val(suppliers, s);
    }
    CmResilienceSupplier *s = &g_array_index(suppliers, CmResilienceSupplier, slot[e]);
    s->leaders_value += f[k].value;
    s->pairs++;
    if (sole) {
      s->sole_value += f[k].value;
      s->sole_pairs++;
    }
  }
}

CmResilience *
cm_resilience_compute(const CmDataset *ds, const CmAnalysisOptions *options, GError **error)
{
  g_return_val_if_fail(ds && options, NULL);
  CmLeaderSupply ls = {0};
  if (!cm_leader_supply__collect(&ls, ds, options, error)) {
    cm_leader_supply__clear(&ls);
    return NULL;
  }
  guint n = cm_dataset_n_enterprises(ds);
  CmResilience *r = g_new0(CmResilience, 1);
  r->options = *options;
  r->leaders = g_array_copy(ls.leaders);
  r->pairs = g_array_new(FALSE, FALSE, sizeof(CmResiliencePair));
  r->suppliers = g_array_new(FALSE, FALSE, sizeof(CmResilienceSupplier));
  Provinces prov = {g_new(gint32, (gsize)n + 1), g_hash_table_new(g_direct_hash, g_direct_equal),
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), 0};
  memset(prov.of, 0xff, ((gsize)n + 1) * sizeof *prov.of);
  ProvinceSums ps = {g_array_new(FALSE, TRUE, sizeof(double)),
                     g_array_new(FALSE, FALSE, sizeof(guint32))};
  g_autofree gint32 *slot = g_new(gint32, (gsize)n + 1);
  memset(slot, 0xff, ((gsize)n + 1) * sizeof *slot);
  const CmLeaderFlow *f = ls.flows;
  for (gsize first = 0, end; first < ls.n_flows; first = end) {
    for (end = first + 1;
         end < ls.n_flows && f[end].leader == f[first].leader && f[end].segment == f[first].segment;
         end++)
      ;
    CmResiliencePair pair;
    if (!assess_pair(ds, &ls, first, end, &prov, &ps, &pair))
      continue;
    g_array_append_val(r->pairs, pair);
    gboolean sole = cm_resilience_pair_single_source(&pair);
    r->value += pair.value;
    if (sole) {
      r->single_source++;
      r->single_source_value += pair.value;
    }
    add_suppliers(ds, f, first, end, sole, slot, r->suppliers);
  }
  g_qsort_with_data(r->suppliers->data, (gint)r->suppliers->len, sizeof(CmResilienceSupplier),
                    compare_suppliers, (gpointer)ds);
  g_free(prov.of);
  g_hash_table_unref(prov.by_region);
  g_hash_table_unref(prov.by_name);
  g_array_unref(ps.sum);
  g_array_unref(ps.touched);
  cm_leader_supply__clear(&ls);
  return r;
}

void
cm_resilience_free(CmResilience *r)
{
  if (!r)
    return;
  g_array_free(r->leaders, TRUE);
  g_array_free(r->pairs, TRUE);
  g_array_free(r->suppliers, TRUE);
  g_free(r);
}

const CmResiliencePair *
cm_resilience_find(const CmResilience *r, guint32 leader, guint32 segment)
{
  g_return_val_if_fail(r, NULL);
  const CmResiliencePair *p = (const CmResiliencePair *)r->pairs->data;
  guint lo = 0, hi = r->pairs->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (p[mid].leader < leader || (p[mid].leader == leader && p[mid].segment < segment))
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < r->pairs->len && p[lo].leader == leader && p[lo].segment == segment)
    return &p[lo];
  return NULL;
}

gboolean
cm_resilience_single_source(const CmResilience *r, guint32 leader, guint32 segment)
{
  const CmResiliencePair *p = cm_resilience_find(r, leader, segment);
  return p && cm_resilience_pair_single_source(p);
}
