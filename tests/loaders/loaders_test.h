/* Shared by the loader tests: a tiny valid dataset to vary, and diagnostic assertions that print
 * every diagnostic when they fail. */
#pragma once

#include "cm_test.h"

#include <criterion/criterion.h>
#include <string.h>

/* A valid dataset; line numbers are in the comments so that tests can name them. */
#define MINI_INI "[dataset]\nname=Mini\nregion=Fujian/Ningde\nunit=100 million CNY\n"
#define MINI_SEGMENTS                                                                              \
  "id,name,tier,group,inputs\n"        /* 1 */                                                     \
  "ore,Lithium ore,upstream,,\n"       /* 2 */                                                     \
  "salt,Lithium salts,upstream,,ore\n" /* 3 */                                                     \
  "cell,Cells,midstream,,salt\n"       /* 4 */                                                     \
  "pack,Packs,downstream,,cell\n"      /* 5 */
#define MINI_ENTERPRISES                                                                           \
  "id,name,region,segments,role,output,status\n"              /* 1 */                              \
  "catl,CATL,Fujian/Ningde,cell;pack,leader,100,operating\n"  /* 2 */                              \
  "tianqi,Tianqi,Sichuan/Chengdu,ore;salt,,50,\n"             /* 3 */                              \
  "fusalt,Fu Salt,Fujian/Ningde/Fuan,salt,,10,construction\n" /* 4 */
#define MINI_SUPPLY                                                                                \
  "supplier,buyer,segment,value,year\n" /* 1 */                                                    \
  "tianqi,catl,salt,30,2024\n"          /* 2 */                                                    \
  "fusalt,catl,salt,20,2024\n"          /* 3 */

/* Asserts a diagnostic (see cm_test_has_diag) and lists them all when it is missing. */
#define assert_diag(diags, file, line, severity, needle)                                           \
  do {                                                                                             \
    g_autofree char *dump_ = cm_test_dump_diags(diags);                                            \
    cr_assert(cm_test_has_diag((diags), (file), (line), (severity), (needle)),                     \
              "expected %s:%u: %s: ...%s... among:\n%s", (file), (guint)(line),                    \
              (severity) == CM_SEVERITY_ERROR ? "error" : "warning", (needle), dump_);             \
  } while (0)

#define assert_error(diags, file, line, needle)                                                    \
  assert_diag(diags, file, line, CM_SEVERITY_ERROR, needle)
#define assert_warning(diags, file, line, needle)                                                  \
  assert_diag(diags, file, line, CM_SEVERITY_WARNING, needle)

/* Asserts the exact numbers of errors and warnings. */
#define assert_counts(diags, n_errors, n_warnings)                                                 \
  do {                                                                                             \
    g_autofree char *dump_ = cm_test_dump_diags(diags);                                            \
    cr_assert(cm_diagnostics_errors(diags) == (n_errors) &&                                        \
                  cm_diagnostics_warnings(diags) == (n_warnings),                                  \
              "expected %u error(s) and %u warning(s), got %u and %u:\n%s", (guint)(n_errors),     \
              (guint)(n_warnings), cm_diagnostics_errors(diags), cm_diagnostics_warnings(diags),   \
              dump_);                                                                              \
  } while (0)

/* Writes a file of a test folder (bytes as given, len -1 for a C string). */
static inline void
write_file(const char *dir, const char *name, const char *bytes, gssize len)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  g_autoptr(GError) err = NULL;
  cr_assert(g_file_set_contents(path, bytes, len, &err), "%s", err ? err->message : "");
}

/* MINI_INI with the given tables. */
static inline CmDataset *
load(const char *segments, const char *enterprises, const char *supply, CmDiagnostics **diags)
{
  return cm_test_load_text(MINI_INI, segments, enterprises, supply, diags);
}

/* The supply row of that supplier, buyer and year (CM_NO_YEAR), or NULL. */
static inline const CmSupply *
supply_row(const CmDataset *ds, const char *supplier, const char *buyer, gint32 year)
{
  for (guint i = 0; i < ds->supply->len; i++) {
    const CmSupply *s = &g_array_index(ds->supply, CmSupply, i);
    if (strcmp(cm_dataset_enterprise(ds, s->supplier)->id, supplier) == 0 &&
        strcmp(cm_dataset_enterprise(ds, s->buyer)->id, buyer) == 0 && s->year == year)
      return s;
  }
  return NULL;
}
