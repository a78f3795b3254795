/* The study region against the enterprises' regions: when no enterprise is local, every figure
 * of the reports is empty of meaning, so say so, with the regions of the data that come closest
 * (region=福建/宁德 against tables written Fujian/Ningde is the usual case). */
#include "cm_i18n.h"
#include "cm_region.h"
#include "cm_suggest.h"
#include "loader_private.h"

#include <string.h>

#define SHOWN 3

typedef struct {
  const char *region; /* cut to the study region's depth */
  guint count;
  guint distance;
} Candidate;

static gint
compare_candidates(gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp(x->region, y->region);
}

/* region cut to its first depth levels (normalised). (transfer full) */
static char *
cut(const char *region, guint depth)
{
  char *norm = cm_region_normalize(region);
  char *p = norm;
  for (guint level = 1; (p = strchr(p, '/')) != NULL; level++, p++) {
    if (level == depth) {
      *p = '\0';
      break;
    }
  }
  return norm;
}

void
cm_loader__check_region(CmLoadContext *ctx)
{
  CmDataset *ds = ctx->ds;
  guint n = cm_dataset_n_enterprises(ds);
  if (n == 0 || !ds->region || !*ds->region)
    return;
  for (guint i = 0; i < n; i++)
    if (cm_dataset_enterprise(ds, i)->local)
      return;
  guint depth = 1;
  for (const char *p = ds->region; *p; p++)
    depth += *p == '/';
  g_autoptr(GHashTable) counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++) {
    char *key = cut(cm_dataset_enterprise(ds, i)->region, depth);
    guint c = GPOINTER_TO_UINT(g_hash_table_lookup(counts, key));
    g_hash_table_replace(counts, key, GUINT_TO_POINTER(c + 1));
  }
  g_autoptr(GArray) cands = g_array_new(FALSE, FALSE, sizeof(Candidate));
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, counts);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    Candidate c = {key, GPOINTER_TO_UINT(value), cm_edit_distance(key, ds->region, 64)};
    g_array_append_val(cands, c);
  }
  g_array_sort(cands, compare_candidates);
  GString *list = g_string_new(NULL);
  for (guint i = 0; i < MIN(SHOWN, cands->len); i++) {
    const Candidate *c = &g_array_index(cands, Candidate, i);
    if (i)
      g_string_append(list, ", ");
    g_string_append_printf(
        list,
        g_dngettext(GETTEXT_PACKAGE, "'%s' (%u enterprise)", "'%s' (%u enterprises)", c->count),
        c->region, c->count);
  }
  cm_diagnostics_add(ctx->diags, ctx->ini_display, ctx->region_line, CM_SEVERITY_WARNING,
                     _("no enterprise is local to the study region '%s': the regions of the data "
                       "closest to it are %s; write region= as the tables write regions"),
                     ds->region, list->str);
  g_string_free(list, TRUE);
}
