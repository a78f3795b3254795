/* Loads a dataset (SPEC section 1): dataset.ini and its CSV tables, with complete validation.
 * Every problem goes to the diagnostics, compiler style, and loading keeps going so that one run
 * reports them all. */
#pragma once

#include "cm_dataset.h"
#include "cm_diagnostics.h"

#include <glib.h>

G_BEGIN_DECLS

#define CM_LOADER_ERROR (cm_loader_error_quark())
GQuark cm_loader_error_quark(void);

typedef enum {
  CM_LOADER_ERROR_INVALID, /* the dataset has errors; the diagnostics list them */
  CM_LOADER_ERROR_FAILED,  /* the program could not finish loading (igraph, memory) */
} CmLoaderError;

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
