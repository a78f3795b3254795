#include "cli_run.h"

#include <criterion/criterion.h>
#include <string.h>
#include <sys/wait.h>

CmCliResult
cm_cli_run_in(const char *cwd, const char *const *args, const char *const *env)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer)CM_CHAINMAP_BIN);
  for (guint i = 0; args && args[i]; i++)
    g_ptr_array_add(argv, (gpointer)args[i]);
  g_ptr_array_add(argv, NULL);
  CmCliResult r = {0};
  int status = 0;
  g_autoptr(GError) error = NULL;
  if (!g_spawn_sync(cwd, (char **)argv->pdata, (char **)env, G_SPAWN_DEFAULT, NULL, NULL, &r.out,
                    &r.err, &status, &error))
    cr_assert_fail("cannot run %s: %s", CM_CHAINMAP_BIN, error->message);
  r.exit =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return r;
}

void
cm_cli_result_clear(CmCliResult *r)
{
  g_clear_pointer(&r->out, g_free);
  g_clear_pointer(&r->err, g_free);
}

void
cm_cli_expect_clean(const char *what, const CmCliResult *r)
{
  static const char *const reports[] = {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                        "runtime error:"};
  for (guint i = 0; i < G_N_ELEMENTS(reports); i++)
    cr_expect(strstr(r->err, reports[i]) == NULL, "%s: chainmap tripped a sanitizer:\n%s", what,
              r->err);
  cr_expect_lt(r->exit, 128, "%s: chainmap died of signal %d:\n%s", what, r->exit - 128, r->err);
}
