/* Every case of tests/data/bad/ through the loader: the expected diagnostics, and the dataset
 * refused (NULL) or accepted as the case says. */
#include "bad_corpus.h"
#include "cm_loader.h"

#include <criterion/parameterized.h>

ParameterizedTestParameters(bad_corpus, loader)
{
  size_t n = 0;
  BadCase *cases = bad_corpus_cases(&n, TRUE);
  return cr_make_param_array(BadCase, cases, n);
}

ParameterizedTest(BadCase *c, bad_corpus, loader, .timeout = 120)
{
  g_autofree char *case_dir = g_build_filename(BAD_CORPUS_DIR, c->name, NULL);
  BadExpected e = bad_expected_read(case_dir);
  g_autofree char *tmp = NULL;
  g_autofree char *dir = bad_case_prepare(case_dir, &tmp);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  if (tmp)
    cm_test_rmdir(tmp);
  guint n = cm_diagnostics_len(diags);
  g_autofree BadSeen *seen = g_new0(BadSeen, MAX(n, 1));
  for (guint i = 0; i < n; i++) {
    const CmDiagnostic *d = cm_diagnostics_get(diags, i);
    seen[i] = (BadSeen){d->file, d->line, d->severity, d->message};
  }
  g_autofree char *dump = cm_test_dump_diags(diags);
  bad_check(c->name, &e, seen, n, cm_diagnostics_errors(diags), cm_diagnostics_warnings(diags),
            ds == NULL, dump);
  bad_expected_clear(&e);
}

Test(bad_corpus, has_at_least_forty_cases)
{
  size_t n = 0;
  g_autofree BadCase *cases = bad_corpus_cases(&n, FALSE);
  cr_assert_geq(n, 40);
}
