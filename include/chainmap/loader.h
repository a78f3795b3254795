/* chainmap: loads a dataset (SPEC section 1): dataset.ini and its CSV tables, with complete
 * validation. Every problem goes to the diagnostics, compiler style, and loading keeps going so
 * that one run reports them all. */
#pragma once

#include <chainmap/dataset.h>
#include <chainmap/diagnostics.h>
#include <chainmap/error.h>

#include <glib.h>

G_BEGIN_DECLS

/* DATASET is a folder holding dataset.ini, or the path of the ini itself. Returns the dataset, or
 * NULL when it has any error (CM_LOADER_ERROR_INVALID; diags says what) or loading failed.
 * Warnings are in diags either way. (transfer full) */
CmDataset *cm_dataset_load(const char *path, CmDiagnostics *diags, GError **error);

/* The same from memory: the ini text and the tables' contents. supply may be NULL (no supply
 * table); the ini's file names are ignored. Used by the fuzzers and tests. (transfer full) */
typedef struct {
  const char *ini;
  const char *segments;
  const char *enterprises;
  const char *supply;
} CmDatasetText;

CmDataset *cm_dataset_load_text(const CmDatasetText *text, CmDiagnostics *diags, GError **error);

G_END_DECLS
