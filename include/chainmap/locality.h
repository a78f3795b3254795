/* chainmap: Which enterprises are local to a study region other than the dataset's: the
 * per-enterprise bytes that CmAnalysisOptions.local points to, so that one loaded dataset can be
 * analysed for several regions. */
#pragma once

#include <chainmap/dataset.h>

G_BEGIN_DECLS

/* One byte per enterprise (index order): 1 when its region lies in study (SPEC section 1, see
 * cm_region_is_local), else 0. *n_local (may be NULL) receives how many are local.
 * (transfer full: g_free) */
guint8 *cm_locality_new(const CmDataset *ds, const char *study, guint *n_local);

G_END_DECLS
