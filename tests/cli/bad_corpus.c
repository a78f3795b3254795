/* Every case of tests/data/bad/ through `chainmap validate --format json`: exit 1 (or 0 for an
 * accepted case) and the expected diagnostics in the JSON report. */
#include "../loaders/bad_corpus.h"
#include "cli_run.h"

#include <criterion/parameterized.h>
#include <json-glib/json-glib.h>

ParameterizedTestParameters(bad_corpus, cli_validate)
{
  size_t n = 0;
  BadCase *cases = bad_corpus_cases(&n, TRUE);
  return cr_make_param_array(BadCase, cases, n);
}

ParameterizedTest(BadCase *c, bad_corpus, cli_validate, .timeout = 120)
{
  g_autofree char *case_dir = g_build_filename(BAD_CORPUS_DIR, c->name, NULL);
  BadExpected e = bad_expected_read(case_dir);
  g_autofree char *tmp = NULL;
  g_autofree char *dir = bad_case_prepare(case_dir, &tmp);
  const char *args[] = {"validate", dir, "--format", "json", NULL};
  CmCliResult r = cm_cli_run_in(NULL, args, NULL);
  if (tmp)
    cm_test_rmdir(tmp);
  cm_cli_expect_clean(c->name, &r);

  g_autoptr(GError) err = NULL;
  g_autoptr(JsonNode) root = json_from_string(r.out, &err);
  cr_assert(root && JSON_NODE_HOLDS_OBJECT(root), "%s: stdout is not a JSON object:\n%s%s", c->name,
            r.out, r.err);
  JsonObject *o = json_node_get_object(root);
  guint errors = (guint)json_object_get_int_member(o, "errors");
  guint warnings = (guint)json_object_get_int_member(o, "warnings");
  JsonArray *list = json_object_get_array_member(o, "diagnostics");
  guint n = json_array_get_length(list);
  g_autofree BadSeen *seen = g_new0(BadSeen, MAX(n, 1));
  for (guint i = 0; i < n; i++) {
    JsonObject *d = json_array_get_object_element(list, i);
    const char *sev = json_object_get_string_member(d, "severity");
    cr_assert(g_strcmp0(sev, "error") == 0 || g_strcmp0(sev, "warning") == 0, "%s: severity '%s'",
              c->name, sev);
    seen[i] = (BadSeen){json_object_get_string_member(d, "file"),
                        (guint)json_object_get_int_member(d, "line"),
                        g_strcmp0(sev, "error") == 0 ? CM_SEVERITY_ERROR : CM_SEVERITY_WARNING,
                        json_object_get_string_member(d, "message")};
  }
  cr_expect_eq(r.exit, e.accepted ? 0 : 1, "%s: exit %d", c->name, r.exit);
  bad_check(c->name, &e, seen, n, errors, warnings, r.exit == 1, r.out);
  bad_expected_clear(&e);
  cm_cli_result_clear(&r);
}
