/* The report commands end to end: exit codes of SPEC section 3, -o, --top, --year and
 * --scenario reaching the report. The tiny dataset is written to a temporary folder. */
#include "cm_test.h"
#include "report_fixture.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

static char *dir;

static void
setup(void)
{
  dir = cm_test_tmpdir();
  static const struct {
    const char *name, *text;
  } files[] = {{"dataset.ini", TINY_INI},
               {"segments.csv", TINY_SEGMENTS},
               {"enterprises.csv", TINY_ENTERPRISES},
               {"supply.csv", TINY_SUPPLY}};
  for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *path = g_build_filename(dir, files[i].name, NULL);
    cr_assert(g_file_set_contents(path, files[i].text, -1, NULL));
  }
}

static void
teardown(void)
{
  cm_test_rmdir(dir);
  g_free(dir);
}

TestSuite(report_cli, .init = setup, .fini = teardown);

static int
run(const char *const *args, char **out, char **err)
{
  return cm_test_run_cli(args, out, err);
}

Test(report_cli, each_report_runs_in_each_format)
{
  static const char *const cmds[] = {"gaps", "procurement", "targets", "resilience", "plan"};
  static const char *const formats[] = {"text", "md", "csv", "json"};
  for (guint c = 0; c < G_N_ELEMENTS(cmds); c++)
    for (guint f = 0; f < 4; f++) {
      g_autofree char *out = NULL, *err = NULL;
      const char *args[] = {cmds[c], dir, "--format", formats[f], NULL};
      cr_assert_eq(run(args, &out, &err), 0, "%s --format %s: %s", cmds[c], formats[f], err);
      cr_assert_gt(strlen(out), 0);
    }
}

Test(report_cli, output_file_holds_the_report)
{
  g_autofree char *path = g_build_filename(dir, "gaps.json", NULL);
  g_autofree char *out = NULL, *err = NULL, *file = NULL, *out2 = NULL;
  const char *to_file[] = {"gaps", dir, "--format", "json", "-o", path, NULL};
  cr_assert_eq(run(to_file, &out, &err), 0, "%s", err);
  cr_assert_str_eq(out, "", "nothing on stdout with -o");
  cr_assert(g_file_get_contents(path, &file, NULL, NULL));
  const char *to_stdout[] = {"gaps", dir, "--format", "json", NULL};
  cr_assert_eq(run(to_stdout, &out2, NULL), 0);
  cr_assert_str_eq(file, out2);
}

Test(report_cli, usage_errors_exit_2)
{
  const char *const cases[][6] = {
      {"gaps", "DIR", "--format", "xml", NULL},
      {"targets", "DIR", "--top", "0", NULL},
      {"targets", "DIR", "--top", "many", NULL},
      {"procurement", "DIR", "--scenario", "dreaming", NULL},
      {"procurement", "DIR", "--year", "last", NULL},
      {"gaps", NULL},
      {"gaps", "DIR", "DIR", NULL},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *args[6] = {NULL};
    for (guint k = 0; k < 5 && cases[i][k]; k++)
      args[k] = g_str_equal(cases[i][k], "DIR") ? dir : cases[i][k];
    g_autofree char *out = NULL, *err = NULL;
    cr_assert_eq(run(args, &out, &err), 2, "case %u: %s", i, err);
    cr_assert_not_null(strstr(err, "Try 'chainmap help"), "case %u: %s", i, err);
  }
}

Test(report_cli, invalid_data_exits_1_with_diagnostics)
{
  g_autofree char *path = g_build_filename(dir, "supply.csv", NULL);
  cr_assert(
      g_file_set_contents(path, "supplier,buyer,segment,value\nout1,nobody,salt,1\n", -1, NULL));
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = {"targets", dir, NULL};
  cr_assert_eq(run(args, &out, &err), 1);
  cr_assert_not_null(strstr(err, "supply.csv:2: error:"), "%s", err);
  cr_assert_str_eq(out, "");
}

Test(report_cli, unwritable_output_exits_3_and_leaves_nothing)
{
  g_autofree char *path = g_build_filename(dir, "missing-folder", "gaps.txt", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = {"gaps", dir, "-o", path, NULL};
  cr_assert_eq(run(args, &out, &err), 3, "%s", err);
  cr_assert_not(g_file_test(path, G_FILE_TEST_EXISTS));
}

Test(report_cli, top_year_and_scenario_reach_the_report)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *top[] = {"targets", dir, "--top", "1", "--format", "csv", NULL};
  cr_assert_eq(run(top, &out, &err), 0, "%s", err);
  /* header and one target */
  g_auto(GStrv) rows = g_strsplit(out, "\r\n", -1);
  cr_assert_eq(g_strv_length(rows), 3, "%s", out);

  /* 2024 only: out2's sep row (2023) drops out, so lead bought 30 + 10 = 40, 10 local */
  g_autofree char *y = NULL;
  const char *year[] = {"procurement", dir, "--year", "2024", "--format", "csv", NULL};
  cr_assert_eq(run(year, &y, NULL), 0);
  cr_assert_str_eq(y, "id,name,leader,local,total,ratio\r\nlead,宁德时代 CATL,true,10,40,0.25\r\n");

  /* counting signed projects too, out3 (signed, outside) still fills ship; nothing local
   * changes, so the scenario list is what differs */
  g_autofree char *s = NULL;
  const char *scen[] = {"gaps", dir, "--scenario", "operating,signed", "--format", "json", NULL};
  cr_assert_eq(run(scen, &s, NULL), 0);
  cr_assert_not_null(strstr(s, "\"scenario\" : [\n  \"operating\",\n  \"signed\"\n ]"), "%s", s);
}
