/* Helpers for the analysis tests: load a dataset under tests/data/graph, compute an analysis with a
 * scenario and year, and look results up by id. Every helper fails the test on a problem. */
#pragma once

#include "cm_analysis.h"
#include "cm_dataset.h"

#include <glib.h>

/* Loads tests/data/graph/<name>; fails the test when it is invalid. (transfer full) */
CmDataset *fx_load(const char *name);

/* Loads a dataset from strings; fails the test when it is invalid. (transfer full) */
CmDataset *fx_load_text(const char *ini, const char *segments, const char *enterprises,
                        const char *supply);

/* The options: the dataset's scenario unless scenario is non-NULL, and year when year != 0. */
CmAnalysisOptions fx_options(const CmDataset *ds, const char *scenario, gint32 year);

CmGaps *fx_gaps(const CmDataset *ds, const char *scenario, gint32 year);
CmProcurement *fx_procurement(const CmDataset *ds, const char *scenario, gint32 year);
CmTargets *fx_targets(const CmDataset *ds, const char *scenario, gint32 year);

guint32 fx_segment(const CmDataset *ds, const char *id);
guint32 fx_enterprise(const CmDataset *ds, const char *id);
const CmSegmentResult *fx_result(const CmDataset *ds, const CmGaps *gaps, const char *id);

/* Asserts that list (guint32 indices of segments, or of enterprises) names exactly the ids of
 * expected (NULL-terminated), in order; what names the list in failure messages. */
void fx_assert_segments(const CmDataset *ds, const GArray *list, const char *const *expected,
                        const char *what);
void fx_assert_enterprises(const CmDataset *ds, const GArray *list, const char *const *expected,
                           const char *what);
/* The same for a target's fills (segments) and leaders served (enterprises). */
void fx_assert_fills(const CmDataset *ds, const CmTargets *t, const CmTarget *x,
                     const char *const *expected, const char *what);
void fx_assert_leaders_served(const CmDataset *ds, const CmTargets *t, const CmTarget *x,
                              const char *const *expected, const char *what);

/* The buyer entry of enterprise id, or NULL when it is not a buyer. */
const CmBuyerProcurement *fx_buyer(const CmDataset *ds, const CmProcurement *p, const char *id);
/* The target entry of enterprise id, or NULL when it is not a target. */
const CmTarget *fx_target(const CmDataset *ds, const CmTargets *t, const char *id);

/* Exact comparison is right for the fixture: every figure is a sum of a few short decimals. */
#define FX_EPS 1e-12
