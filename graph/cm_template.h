/* The reference chain as a graph (public: chainmap/template.h); built by cm_dataset_finish. */
#pragma once

#include "cm_dataset.h"

#include <chainmap/template.h>

G_BEGIN_DECLS

CmTemplate *cm_template_new(const CmDataset *ds, GError **error);
void cm_template_free(CmTemplate *tpl);

G_END_DECLS
