#include "cm_locality.h"
#include "cm_region.h"

guint8 *
cm_locality_new(const CmDataset *ds, const char *study, guint *n_local)
{
  g_return_val_if_fail(ds != NULL && study != NULL, NULL);
  guint n = cm_dataset_n_enterprises(ds), count = 0;
  guint8 *local = g_new(guint8, n + 1);
  /* regions are interned: decide once per distinct string, as cm_dataset_finish does */
  g_autoptr(GHashTable) by_region = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < n; i++) {
    const char *region = cm_dataset_enterprise(ds, i)->region;
    gpointer cached;
    if (!g_hash_table_lookup_extended(by_region, region, NULL, &cached)) {
      cached = GINT_TO_POINTER(cm_region_is_local(region, study));
      g_hash_table_insert(by_region, (gpointer)region, cached);
    }
    local[i] = GPOINTER_TO_INT(cached) != 0;
    count += local[i];
  }
  if (n_local)
    *n_local = count;
  return local;
}
