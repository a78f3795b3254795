/* Local procurement of buyers, chain leaders and the region (SPEC section 2), with each leader's
 * purchases by segment so that the headline ratio can be traced to rows. One pass over the
 * supply rows gathers both. */
#include "analysis_private.h"

/* Per leader, purchases by segment from lines[leader slot * n_seg + segment]. */
static void
build_audit(CmProcurement *p, const CmDataset *ds, const CmPurchaseLine *lines)
{
  guint n_seg = cm_dataset_n_segments(ds);
  guint n_lead = p->leaders->len;
  p->audit = g_array_sized_new(FALSE, FALSE, sizeof(CmLeaderAudit), n_lead);
  for (guint l = 0; l < n_lead; l++) {
    CmLeaderAudit a = {.leader = g_array_index(p->leaders, guint32, l),
                       .by_segment = g_array_new(FALSE, FALSE, sizeof(CmPurchaseLine))};
    for (guint32 s = 0; s < n_seg; s++) {
      CmPurchaseLine line = lines[(gsize)l * n_seg + s];
      if (line.rows == 0)
        continue;
      line.segment = s;
      g_array_append_val(a.by_segment, line);
    }
    g_array_append_val(p->audit, a);
  }
}

/* What a local enterprise bought: in all, and from local suppliers. */
typedef struct {
  double total;
  double local;
} Bought;

/* Buyers: leaders first, then total descending, then id. */
static void
rank_buyers(CmProcurement *p, const CmDataset *ds, const Bought *bought)
{
  guint n = cm_dataset_n_enterprises(ds), n_buyers = 0;
  for (guint32 i = 0; i < n; i++)
    n_buyers += bought[i].total > 0;
  g_autofree guint8 *group = g_new(guint8, n_buyers + 1);
  g_autofree double *figure = g_new(double, n_buyers + 1);
  g_autofree guint32 *buyer = g_new(guint32, n_buyers + 1);
  guint k = 0;
  for (guint32 i = 0; i < n; i++) {
    if (bought[i].total <= 0)
      continue;
    group[k] = cm_dataset_enterprise(ds, i)->leader ? 0 : 1;
    figure[k] = bought[i].total;
    buyer[k++] = i;
  }
  g_autofree guint32 *order = cm_analysis__rank(ds, n_buyers, group, figure, buyer);
  g_array_set_size(p->buyers, n_buyers);
  for (k = 0; k < n_buyers; k++) {
    const Bought *b = &bought[buyer[order[k]]];
    g_array_index(p->buyers, CmBuyerProcurement, k) =
        (CmBuyerProcurement){.buyer = buyer[order[k]],
                             .local = b->local,
                             .total = b->total,
                             .ratio = b->local / b->total};
  }
}

/* Rows of a block whose buyers' sums are prefetched before they are added to: the sums are far
 * bigger than the caches. */
#define BLOCK 2048
#define AHEAD 8

/* Sums the counted rows of local buyers per buyer, and per leader and segment into lines. */
static void
sum_purchases(const CmProcurement *p, const CmDataset *ds, const guint8 *flags,
              const gint *leader_slot, Bought *bought, CmPurchaseLine *lines)
{
  guint n_seg = cm_dataset_n_segments(ds);
  const CmSupply *rows = ds->has_supply ? (const CmSupply *)ds->supply->data : NULL;
  guint n_rows = rows ? ds->supply->len : 0;
  guint32 block[BLOCK];
  for (guint first = 0; first < n_rows; first += BLOCK) {
    guint end = MIN(n_rows, first + BLOCK), m = 0;
    for (guint r = first; r < end; r++)
      if ((flags[rows[r].buyer] & CM_FLAG_LOCAL) &&
          cm_analysis__row_counts(&p->options, flags, &rows[r]))
        block[m++] = r;
    for (guint k = 0; k < m; k++) {
      if (k + AHEAD < m)
        __builtin_prefetch(&bought[rows[block[k + AHEAD]].buyer]);
      const CmSupply *row = &rows[block[k]];
      gboolean from_local = (flags[row->supplier] & CM_FLAG_LOCAL) != 0;
      bought[row->buyer].total += row->value;
      if (from_local)
        bought[row->buyer].local += row->value;
      if (!(flags[row->buyer] & CM_FLAG_LEADER) || leader_slot[row->buyer] < 0)
        continue; /* not a counted local leader */
      CmPurchaseLine *line = &lines[(gsize)leader_slot[row->buyer] * n_seg + row->segment];
      if (from_local)
        line->local += row->value;
      else
        line->outside += row->value;
      line->rows++;
    }
  }
}

CmProcurement *
cm_procurement_compute(const CmDataset *ds, const CmAnalysisOptions *options, GError **error)
{
  g_return_val_if_fail(ds && options, NULL);
  guint n = cm_dataset_n_enterprises(ds), n_seg = cm_dataset_n_segments(ds);
  CmProcurement *p = g_new0(CmProcurement, 1);
  p->options = *options;
  p->target = ds->params.procurement_target;
  p->leaders = g_array_new(FALSE, FALSE, sizeof(guint32));
  p->buyers = g_array_new(FALSE, FALSE, sizeof(CmBuyerProcurement));

  g_autofree gint *leader_slot = g_new(gint, n + 1);
  for (guint32 i = 0; i < n; i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    leader_slot[i] = -1;
    if (e->leader && cm_analysis_is_local(options, ds, i) && cm_analysis_counts(options, e)) {
      leader_slot[i] = (gint)p->leaders->len;
      g_array_append_val(p->leaders, i);
    }
  }

  g_autofree Bought *bought = g_new0(Bought, n + 1);
  g_autofree CmPurchaseLine *lines = g_new0(CmPurchaseLine, (gsize)p->leaders->len * n_seg + 1);
  g_autofree guint8 *flags = cm_analysis__flags(ds, options);
  sum_purchases(p, ds, flags, leader_slot, bought, lines);
  rank_buyers(p, ds, bought);

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
  build_audit(p, ds, lines);
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
