/* dataset.ini (loaders/ini.c) and how DATASET names a dataset: errors with their lines, unknown
 * keys, parameters, table files (missing, optional supply, custom names). */
#include "cm_loader.h"
#include "loaders_test.h"

#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

static CmDataset *
load_ini(const char *ini, CmDiagnostics **diags)
{
  return cm_test_load_text(ini, MINI_SEGMENTS, MINI_ENTERPRISES, MINI_SUPPLY, diags);
}

Test(ini, parameters_are_read)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load_ini("# comment\n[dataset]\nname = 宁德 chain \nregion= Fujian / Ningde \n"
               "unit=100 million CNY\n[analysis]\nmin_producers=3\n"
               "min_coverage=0.25\nprocurement_target=0.9\n"
               "scenario=operating, signed\n",
               &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(ds->name, "宁德 chain");
  cr_assert_str_eq(ds->region, "Fujian/Ningde", "the region is normalised");
  cr_assert_str_eq(ds->unit, "100 million CNY");
  cr_assert_eq(ds->params.min_producers, 3);
  cr_assert_float_eq(ds->params.min_coverage, 0.25, 1e-12);
  cr_assert_float_eq(ds->params.procurement_target, 0.9, 1e-12);
  cr_assert_eq(ds->params.scenario, CM_PROJECT_OPERATING | CM_PROJECT_SIGNED);
}

Test(ini, analysis_defaults_apply_without_the_group)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=Fujian/Ningde\n", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_eq(ds->params.min_producers, 2);
  cr_assert_float_eq(ds->params.min_coverage, 0.5, 1e-12);
  cr_assert_float_eq(ds->params.procurement_target, 0.8, 1e-12);
  cr_assert_eq(ds->params.scenario, CM_PROJECT_OPERATING);
}

Test(ini, missing_region_names_the_dataset_group_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("# no region\n\n[dataset]\nname=x\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 3, "missing study region");
  assert_counts(diags, 1, 0);
}

Test(ini, empty_region_names_its_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nname=x\nregion= \n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 3, "missing study region");
}

Test(ini, bad_analysis_parameters_name_their_lines)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=R\n[analysis]\n"
                                     "min_coverage=1.5\n"            /* 4 */
                                     "min_producers=2.5\n"           /* 5 */
                                     "procurement_target=80%\n"      /* 6 */
                                     "scenario=operating,planned\n", /* 7 */
                                     &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 4, "bad min_coverage '1.5': expected a number from 0 to 1");
  assert_error(diags, "dataset.ini", 5, "bad min_producers '2.5': expected a whole number");
  /* a share written as a percentage: the hint says what to write (80% -> 0.8) */
  assert_error(diags, "dataset.ini", 6,
               "bad procurement_target '80%': write the share as a fraction, 0.8 for 80%");
  assert_error(diags, "dataset.ini", 7, "bad scenario 'operating,planned': 'planned' is not");
  assert_counts(diags, 4, 0);
}

Test(ini, empty_scenario_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=R\n[analysis]\nscenario= , \n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 4, "bad scenario");
}

Test(ini, negative_min_coverage_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load_ini("[dataset]\nregion=R\n[analysis]\nmin_coverage=-0.1\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 4,
               "bad min_coverage '-0.1': negative numbers are not allowed");
}

Test(ini, unknown_key_is_a_warning_with_a_hint)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=Fujian\nenconding=utf-8\n"
                                     "[analysis]\nmin_procedures=2\ncolour=red\n",
                                     &diags);
  cr_assert_not_null(ds);
  assert_warning(diags, "dataset.ini", 3,
                 "unknown key 'enconding' in [dataset]; ignored; did you mean 'encoding'?");
  assert_warning(diags, "dataset.ini", 5, "unknown key 'min_procedures' in [analysis]");
  assert_warning(diags, "dataset.ini", 6, "unknown key 'colour' in [analysis]; ignored");
  assert_counts(diags, 0, 3);
}

Test(ini, misspelt_region_key_warns_and_the_region_is_missing)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregoin=Fujian/Ningde\n", &diags);
  cr_assert_null(ds);
  assert_warning(diags, "dataset.ini", 2, "did you mean 'region'?");
  assert_error(diags, "dataset.ini", 1, "missing study region");
}

Test(ini, missing_dataset_group_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[data]\nregion=R\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 0, "missing group [dataset]");
}

Test(ini, empty_ini_is_missing_the_dataset_group)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 0, "missing group [dataset]");
}

Test(ini, garbage_lines_name_their_line_numbers)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load_ini("[dataset]\nregion=R\n\nthis is not a key\n[analysis\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 4, "expected '[group]', 'key=value' or a '#' comment");
  assert_error(diags, "dataset.ini", 5, "expected '[group]'");
  assert_counts(diags, 2, 0);
}

Test(ini, key_before_any_group_names_its_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("# header\nregion=R\n[dataset]\nname=x\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 2, "before any group");
  assert_counts(diags, 1, 0);
}

Test(ini, invalid_backslash_escape_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=R\nname=C:\\data\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 3, "bad value of 'name': invalid backslash escape");
  g_autoptr(CmDiagnostics) diags2 = NULL;
  g_autoptr(CmDataset) ok = load_ini("[dataset]\nregion=Fujian\nname=a\\\\b\n", &diags2);
  assert_counts(diags2, 0, 0);
  cr_assert_str_eq(ok->name, "a\\b");
}

Test(ini, bom_and_crlf_from_notepad_are_accepted)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      load_ini("\xEF\xBB\xBF[dataset]\r\nname=Notepad\r\nregion=Fujian/Ningde\r\n", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(ds->name, "Notepad");
  cr_assert_str_eq(ds->region, "Fujian/Ningde");
}

Test(ini, invalid_utf8_ini_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=\xB8\xA3\xBD\xA8\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 0, "not valid UTF-8");
}

Test(ini, empty_table_file_name_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=R\nenterprises=\n", &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 3, "empty file name for enterprises");
}

/* ---- DATASET on disk ---- */

Test(ini, dataset_may_be_named_by_its_folder)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/custom-names", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->id, "crude", "chain.csv, not segments.csv");
  cr_assert_eq(cm_dataset_n_enterprises(ds), 2);
  cr_assert_eq(ds->supply->len, 1);
  cr_assert(cm_dataset_enterprise(ds, 0)->local);
}

Test(ini, dataset_may_be_named_by_its_ini)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/custom-names/dataset.ini", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
  cr_assert_eq(ds->supply->len, 1);
  cr_assert(g_str_has_suffix(ds->source, "custom-names/dataset.ini"), "%s", ds->source);
}

Test(ini, ini_named_otherwise_is_read_with_tables_beside_it)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "ningde-2024.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", MINI_SEGMENTS, -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES "bad,B,R,cell,,x,\n", -1);
  g_autofree char *ini = g_build_filename(dir, "ningde-2024.ini", NULL);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(ini, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  g_autofree char *ent = g_build_filename(dir, "enterprises.csv", NULL);
  assert_error(diags, ent, 5, "bad output 'x'");
}

Test(ini, missing_dataset_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/no-such-dataset", &diags);
  cr_assert_null(ds);
  assert_error(diags, "no-such-dataset", 0, "no dataset.ini here");
  assert_counts(diags, 1, 0);
}

Test(ini, missing_table_file_is_an_error)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "/segments.csv", 0, "missing file (named in ");
  assert_counts(diags, 1, 0);
}

Test(ini, table_that_is_a_folder_is_an_error)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI "segments=.\n", -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "/.", 0, "not a regular file");
}

Test(ini, absent_supply_not_named_means_no_supply_table)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/no-supply", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
  cr_assert_not(ds->has_supply);
  cr_assert_eq(ds->supply->len, 0);
}

Test(ini, supply_named_in_the_ini_must_exist)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/supply-named-missing", &diags);
  cr_assert_null(ds);
  assert_error(diags, "supply-named-missing/supply.csv", 0, "missing file (named in ");
  assert_counts(diags, 1, 0);
}

Test(ini, supply_text_absent_in_memory_means_no_supply_table)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI, MINI_SEGMENTS, MINI_ENTERPRISES, NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not(ds->has_supply);
}

/* Table paths (docs/reliability.md, threat model): a dataset received from someone else names
 * only files inside its folder, unless its ini opts in. */
Test(ini, symlinked_table_leading_outside_the_folder_is_refused)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *outside = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(outside, "secret.csv", MINI_SEGMENTS, -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autofree char *target = g_build_filename(outside, "secret.csv", NULL);
  g_autofree char *link = g_build_filename(dir, "segments.csv", NULL);
  cr_assert_eq(symlink(target, link), 0);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 0, "segments=segments.csv is outside the dataset folder");
  /* nothing of the file outside is read, so nothing of it can be echoed */
  g_autofree char *dump = cm_test_dump_diags(diags);
  cr_expect(strstr(dump, "secret") == NULL, "%s", dump);
  cm_test_rmdir(dir);
  cm_test_rmdir(outside);
}

Test(ini, outside_paths_load_when_the_ini_opts_in)
{
  g_autofree char *root = cm_test_tmpdir();
  g_autofree char *dir = g_build_filename(root, "ds", NULL);
  cr_assert_eq(g_mkdir(dir, 0755), 0);
  write_file(root, "shared-segments.csv", MINI_SEGMENTS, -1);
  write_file(dir, "dataset.ini",
             MINI_INI "allow_outside_paths=true\nsegments=../shared-segments.csv\n", -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cr_assert_not_null(ds, "%s", cm_test_dump_diags(diags));
  assert_counts(diags, 0, 0);
  cm_test_rmdir(root);
}

Test(ini, long_outside_path_is_echoed_as_a_short_excerpt)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autoptr(GString) ini = g_string_new(MINI_INI "segments=/");
  for (guint i = 0; i < 5000; i++)
    g_string_append(ini, "x");
  g_string_append_c(ini, '\n');
  write_file(dir, "dataset.ini", ini->str, -1);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 5, "is outside the dataset folder");
  /* 60 characters of the value and an ellipsis, not 5000 */
  for (guint i = 0; i < cm_diagnostics_len(diags); i++)
    cr_expect_lt(strlen(cm_diagnostics_get(diags, i)->message), 300u);
}

Test(ini, duplicate_key_and_group_are_warned_and_the_later_value_counts)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_ini("[dataset]\nregion=Sichuan/Chengdu\n[analysis]\n"
                                     "min_producers=3\nmin_producers=1\n[dataset]\n"
                                     "region=Fujian/Ningde\n",
                                     &diags);
  cr_assert_not_null(ds);
  assert_warning(diags, "dataset.ini", 5, "duplicate key 'min_producers' in [analysis]");
  assert_warning(diags, "dataset.ini", 6, "group [dataset] again (first on line 1)");
  assert_warning(diags, "dataset.ini", 7, "duplicate key 'region' in [dataset] (first on line 2)");
  assert_counts(diags, 0, 3);
  cr_expect_str_eq(ds->region, "Fujian/Ningde");
  cr_expect_eq(ds->params.min_producers, 1);
}
