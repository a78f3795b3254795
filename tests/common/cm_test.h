/* Helpers shared by the Criterion test binaries. */
#pragma once

#include "cm_dataset.h"
#include "cm_diagnostics.h"

#include <glib.h>

/* Path of a file under tests/data (transfer full). */
char *cm_test_data(const char *relative);

/* Loads a dataset under tests/data (or an absolute path); diagnostics land in *diags (new). */
CmDataset *cm_test_load(const char *relative, CmDiagnostics **diags);

/* Loads a dataset from strings (see CmDatasetText). supply may be NULL. */
CmDataset *cm_test_load_text(const char *ini, const char *segments, const char *enterprises,
                             const char *supply, CmDiagnostics **diags);

/* TRUE when diags holds a diagnostic of that severity whose file ends with file_suffix, at line,
 * with message containing needle. */
gboolean cm_test_has_diag(const CmDiagnostics *diags, const char *file_suffix, guint line,
                          CmSeverity severity, const char *needle);

/* All diagnostics, one per line, for failure messages (transfer full). */
char *cm_test_dump_diags(const CmDiagnostics *diags);

/* Runs the chainmap binary with argv (NULL-terminated, without the program name); captures
 * stdout and stderr (transfer full) and returns the exit status. */
int cm_test_run_cli(const char *const *args, char **out, char **err);

/* A fresh temporary folder (transfer full); removed by cm_test_rmdir. */
char *cm_test_tmpdir(void);
void cm_test_rmdir(const char *dir);
/* A fresh temporary folder for each test, removed after it: Test(..., .init =
 * cm_test_tmp_setup, .fini = cm_test_tmp_teardown); its path is cm_test_tmp. */
extern char *cm_test_tmp;
void cm_test_tmp_setup(void);
void cm_test_tmp_teardown(void);
