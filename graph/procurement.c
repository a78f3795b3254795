/* Local procurement of buyers, chain leaders and the region (SPEC section 2), with each leader's
 * purchases by segment so that the headline ratio can be traced to rows. */
#include "analysis_private.h"

#include <string.h>

typedef struct {
  const CmDataset *ds;
} BuyerOrder;

static gint
compare_buyers(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const BuyerOrder *o = data;
  const CmBuyerProcurement *a = pa, *b = pb;
  const CmEnterprise *ea = cm_dataset_enterprise(o->ds, a->buyer);
  const CmEnterprise *eb = cm_dataset_enterprise(o->ds, b->buyer);
  if (ea->leader != eb->leader)
    return ea->leader ? -1 : 1;
  if (a->total != b->total)
    return a->total > b->total ? -1 : 1;
  return strcmp(ea->id, eb->id); /* byte order of UTF-8 is code point order */
}

/* Per leader, purchases by segment: audit[leader slot][segment]. */
static void
build_audit(CmProcurement *p, const CmDataset *ds, const gint *leader_slot, const guint8 *flags)
{
  guint n_seg = cm_dataset_n_segments(ds);
  guint n_lead = p->leaders->len;
  g_autofree CmPurchaseLine *lines = g_new0(CmPurchaseLine, (gsize)n_lead * n_seg);
  const CmSupply *rows = ds->has_supply ? (const CmSupply *)ds->supply->data : NULL;
  for (guint r = 0; rows && r < ds->supply->len; r++) {
    const CmSupply *row = &rows[r];
    gint slot = leader_slot[row->buyer];
    if (slot < 0 || !cm_analysis__row_counts(&p->options, flags, row))
      continue;
    CmPurchaseLine *line = &lines[(gsize)slot * n_seg + row->segment];
    if (flags[row->supplier] & CM_FLAG_LOCAL)
      line->local += row->value;
    else
      line->outside += row->value;
    line->rows++;
  }
  p->audit = g_array_sized_new(FALSE, FALSE, sizeof(CmLeaderAudit), n_lead);
  for (guint l = 0; l < n_lead; l++) {
    CmLeaderAudit a = {.leader = g_array_index(p->leaders, guint32, l),
                       .by_segment = g_array_new(FALSE, FALSE, sizeof(CmPurchaseLine))};
    for (guint32 s = 0; s < n_seg; s++) {
      CmPurchaseLine *line = &lines[(gsize)l * n_seg + s];
      if (line->rows == 0)
        continue;
      line->segment = s;
      g_array_append_val(a.by_segment, *line);
    }
    g_array_append_val(p->audit, a);
  }
}

CmProcurement *
cm_procurement_compute(const CmDataset *ds, const CmAnalysisOptions *options, GError **error)
{
  g_return_val_if_fail(ds && options, NULL);
  guint n = cm_dataset_n_enterprises(ds);
  CmProcurement *p = g_new0(CmProcurement, 1);
  p->options = *options;
  p->target = ds->params.procurement_target;
  p->leaders = g_array_new(FALSE, FALSE, sizeof(guint32));
  p->buyers = g_array_new(FALSE, FALSE, sizeof(CmBuyerProcurement));

  g_autofree gint *leader_slot = g_new(gint, n);
  for (guint32 i = 0; i < n; i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    leader_slot[i] = -1;
    if (e->leader && e->local && cm_analysis_counts(options, e)) {
      leader_slot[i] = (gint)p->leaders->len;
      g_array_append_val(p->leaders, i);
    }
  }

  g_autofree double *local = g_new0(double, n);
  g_autofree double *total = g_new0(double, n);
  g_autofree guint8 *flags = cm_analysis__flags(ds, options);
  const CmSupply *rows = ds->has_supply ? (const CmSupply *)ds->supply->data : NULL;
  for (guint r = 0; rows && r < ds->supply->len; r++) {
    const CmSupply *row = &rows[r];
    if (!(flags[row->buyer] & CM_FLAG_LOCAL) || !cm_analysis__row_counts(options, flags, row))
      continue;
    total[row->buyer] += row->value;
    if (flags[row->supplier] & CM_FLAG_LOCAL)
      local[row->buyer] += row->value;
  }
  for (guint32 i = 0; i < n; i++) {
    if (total[i] <= 0)
      continue;
    CmBuyerProcurement b = {
        .buyer = i, .local = local[i], .total = total[i], .ratio = local[i] / total[i]};
    g_array_append_val(p->buyers, b);
  }
  BuyerOrder order = {ds};
  g_array_sort_with_data(p->buyers, compare_buyers, &order);

  for (guint k = 0; k < p->buyers->len; k++) {
    const CmBuyerProcurement *b = &g_array_index(p->buyers, CmBuyerProcurement, k);
    if (cm_dataset_enterprise(ds, b->buyer)->leader) {
      p->leaders_local += b->local;
      p->leaders_total += b->total;
    }
    p->region_local += b->local;
    p->region_total += b->total;
  }
  p->leaders_has_ratio = p->leaders_total > 0;
  p->leaders_ratio = p->leaders_has_ratio ? p->leaders_local / p->leaders_total : 0.0;
  p->meets_target = p->leaders_has_ratio && p->leaders_ratio >= p->target;
  p->region_has_ratio = p->region_total > 0;
  p->region_ratio = p->region_has_ratio ? p->region_local / p->region_total : 0.0;
  build_audit(p, ds, leader_slot, flags);
  (void)error;
  return p;
}

void
cm_procurement_free(CmProcurement *p)
{
  if (!p)
    return;
  g_array_free(p->leaders, TRUE);
  g_array_free(p->buyers, TRUE);
  for (guint l = 0; p->audit && l < p->audit->len; l++)
    g_array_free(g_array_index(p->audit, CmLeaderAudit, l).by_segment, TRUE);
  if (p->audit)
    g_array_free(p->audit, TRUE);
  g_free(p);
}
