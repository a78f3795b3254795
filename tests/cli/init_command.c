/* chainmap init DIR --template ID: a new dataset that validates, and never a touched folder. */
#include "cli_run.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

static char *
in_tmp(const char *relative)
{
  return g_build_filename(cm_test_tmp, relative, NULL);
}

static CmCliResult
run(const char *const *args)
{
  CmCliResult r = cm_cli_run_in(NULL, args, NULL);
  cm_cli_expect_clean(args[0], &r);
  return r;
}

static char *
read_file(const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL), "no %s", path);
  return text;
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
  return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

/* Names of the entries of dir, sorted, joined by spaces. */
static char *
listing(const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  cr_assert_not_null(d, "cannot list %s", dir);
  const char *n;
  while ((n = g_dir_read_name(d)))
    g_ptr_array_add(names, g_strdup(n));
  g_ptr_array_sort(names, by_name);
  g_ptr_array_add(names, NULL);
  return g_strjoinv(" ", (char **)names->pdata);
}

Test(init, display_panel_for_mianyang_validates_clean, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("mycity");
  const char *init[] = {"init",   dir,  "--template", "display-panel", "--region", "四川/绵阳",
                        "--lang", "en", NULL};
  CmCliResult r = run(init);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  g_autofree char *files = listing(dir);
  cr_expect_str_eq(files, "dataset.ini enterprises.csv segments.csv supply.csv");

  const char *validate[] = {"validate", dir, "--format", "json", NULL};
  r = run(validate);
  cr_expect_eq(r.exit, 0, "%s%s", r.out, r.err);
  cr_expect(strstr(r.out, "\"errors\" : 0") && strstr(r.out, "\"warnings\" : 0"), "%s", r.out);
  cm_cli_result_clear(&r);

  /* the analysis runs: with no enterprise yet, all 35 segments of the template are absent */
  const char *gaps[] = {"gaps", dir, "--format", "json", NULL};
  r = run(gaps);
  cr_expect_eq(r.exit, 0, "%s", r.err);
  cr_expect(strstr(r.out, "\"absent\" : 35"), "%s", r.out);
  cr_expect(strstr(r.out, "\"region\" : \"四川/绵阳\""), "%s", r.out);
  cm_cli_result_clear(&r);
}

/* Excel needs the BOM to read UTF-8; the header rows are SPEC section 1's columns. */
Test(init, tables_carry_a_bom_and_the_spec_headers, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("d");
  const char *init[] = {"init", dir, "--template", "hydrogen", "--lang", "en", NULL};
  CmCliResult r = run(init);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  g_autofree char *ent = read_file(dir, "enterprises.csv");
  g_autofree char *sup = read_file(dir, "supply.csv");
  g_autofree char *seg = read_file(dir, "segments.csv");
  cr_expect_str_eq(ent, "\xEF\xBB\xBFid,name,region,segments,role,output,status\r\n");
  cr_expect_str_eq(sup, "\xEF\xBB\xBFsupplier,buyer,segment,value,year\r\n");
  cr_expect(g_str_has_prefix(seg, "\xEF\xBB\xBFid,name,name_en,tier,group,inputs\r\n"), "%.80s",
            seg);
  /* in English the groups are the template's English ones: hydrogen's first row */
  cr_expect(strstr(seg, "\r\nfossil-h2,化石能源制氢（煤、天然气）,Hydrogen from coal and natural "
                        "gas,upstream,Hydrogen production,\r\n"),
            "%.300s", seg);
  g_autofree char *ini = read_file(dir, "dataset.ini");
  cr_expect(strstr(ini, "\nregion=Guangdong/Foshan\n"), "the template's example region:\n%s", ini);
  cr_expect(strstr(ini, "\nprocurement_target=0.8\n") && strstr(ini, "\nmin_producers=2\n") &&
                strstr(ini, "\nmin_coverage=0.5\n") && strstr(ini, "\nscenario=operating\n"),
            "SPEC section 1 defaults:\n%s", ini);
}

Test(init, chinese_tables_have_chinese_headers_and_tiers, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("宁德");
  const char *init[] = {"init",   dir,          "--template", "stainless-steel", "--lang", "zh",
                        "--name", "福安不锈钢", NULL};
  CmCliResult r = run(init);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  g_autofree char *ent = read_file(dir, "enterprises.csv");
  g_autofree char *sup = read_file(dir, "supply.csv");
  g_autofree char *seg = read_file(dir, "segments.csv");
  cr_expect_str_eq(ent, "\xEF\xBB\xBF编号,名称,地区,环节,角色,产值,状态\r\n");
  cr_expect_str_eq(sup, "\xEF\xBB\xBF供应商,采购方,环节,金额,年份\r\n");
  cr_expect(g_str_has_prefix(seg, "\xEF\xBB\xBF编号,名称,英文名称,层级,分组,上游环节\r\n"), "%.80s",
            seg);
  cr_expect(strstr(seg, "\r\nlaterite,红土镍矿,Nickel laterite ore,上游,矿产资源,\r\n"), "%.200s",
            seg);
  g_autofree char *ini = read_file(dir, "dataset.ini");
  cr_expect(strstr(ini, "\nname=福安不锈钢\n") && strstr(ini, "\nregion=福建/宁德\n"), "%s", ini);
}

/* A folder with anything in it is refused with exit 2, and left byte for byte as it was. */
Test(init, refuses_a_folder_that_is_not_empty, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("city");
  g_autofree char *notes = in_tmp("city/supply.csv");
  cr_assert_eq(g_mkdir(dir, 0755), 0);
  cr_assert(g_file_set_contents(notes, "mine", -1, NULL));
  const char *init[] = {"init", dir, "--template", "photovoltaic", NULL};
  CmCliResult r = run(init);
  cr_expect_eq(r.exit, 2);
  cr_expect(strstr(r.err, "is not empty") && strstr(r.err, "nothing was changed"), "%s", r.err);
  cm_cli_result_clear(&r);
  g_autofree char *files = listing(dir);
  cr_expect_str_eq(files, "supply.csv");
  g_autofree char *text = read_file(dir, "supply.csv");
  cr_expect_str_eq(text, "mine");
  g_autofree char *parent = listing(cm_test_tmp);
  cr_expect_str_eq(parent, "city", "no staging folder left behind: %s", parent);
}

Test(init, refuses_a_file_in_place_of_the_folder, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *path = in_tmp("city");
  cr_assert(g_file_set_contents(path, "x", -1, NULL));
  const char *init[] = {"init", path, "--template", "photovoltaic", NULL};
  CmCliResult r = run(init);
  cr_expect_eq(r.exit, 2);
  cr_expect(strstr(r.err, "is not a folder"), "%s", r.err);
  cm_cli_result_clear(&r);
  g_autofree char *text = read_file(cm_test_tmp, "city");
  cr_expect_str_eq(text, "x");
}

Test(init, fills_an_existing_empty_folder, .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("empty");
  cr_assert_eq(g_mkdir(dir, 0755), 0);
  const char *init[] = {"init", ".", "--template", "biomedicine", NULL};
  CmCliResult r = cm_cli_run_in(dir, init, NULL);
  cm_cli_expect_clean("init", &r);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  g_autofree char *files = listing(dir);
  cr_expect_str_eq(files, "dataset.ini enterprises.csv segments.csv supply.csv");
  g_autofree char *parent = listing(cm_test_tmp);
  cr_expect_str_eq(parent, "empty");
}

Test(init, unknown_template_suggests_the_closest, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("x");
  const char *typo[] = {"init", dir, "--template", "dispaly-panel", "--lang", "en", NULL};
  CmCliResult r = run(typo);
  cr_expect_eq(r.exit, 2);
  cr_expect(strstr(r.err, "unknown template 'dispaly-panel'; did you mean 'display-panel'?"), "%s",
            r.err);
  cm_cli_result_clear(&r);
  const char *shortened[] = {"init", dir, "--template", "hydro", "--lang", "en", NULL};
  r = run(shortened);
  cr_expect_eq(r.exit, 2);
  cr_expect(strstr(r.err, "did you mean 'hydrogen'?"), "%s", r.err);
  cm_cli_result_clear(&r);
  cr_expect_not(g_file_test(dir, G_FILE_TEST_EXISTS));
}

Test(init, missing_template_or_dir_is_a_usage_error, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("x");
  const char *no_template[] = {"init", dir, NULL};
  CmCliResult r = run(no_template);
  cr_expect_eq(r.exit, 2);
  cr_expect(strstr(r.err, "--template"), "%s", r.err);
  cm_cli_result_clear(&r);
  const char *no_dir[] = {"init", "--template", "hydrogen", NULL};
  r = run(no_dir);
  cr_expect_eq(r.exit, 2);
  cr_expect(strstr(r.err, "missing DIR"), "%s", r.err);
  cm_cli_result_clear(&r);
  const char *empty_region[] = {"init", dir, "--template", "hydrogen", "--region", " ", NULL};
  r = run(empty_region);
  cr_expect_eq(r.exit, 2);
  cm_cli_result_clear(&r);
  cr_expect_not(g_file_test(dir, G_FILE_TEST_EXISTS));
}

/* A user's own library through CHAINMAP_TEMPLATES; a template that is not a valid chain is
 * refused before anything is written (exit 1, its problems named). */
Test(init, own_library_from_the_environment, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *lib = in_tmp("lib");
  g_autofree char *good = in_tmp("lib/good");
  g_autofree char *bad = in_tmp("lib/bad");
  cr_assert_eq(g_mkdir_with_parents(good, 0755), 0);
  cr_assert_eq(g_mkdir_with_parents(bad, 0755), 0);
  g_autofree char *index = in_tmp("lib/index.ini");
  const char *entry = "name=甲\nname_en=A\nscope=甲\nscope_en=A\nregion=甲/乙\nregion_en=A/B\n";
  g_autofree char *ini = g_strdup_printf("[good]\n%s[bad]\n%s", entry, entry);
  cr_assert(g_file_set_contents(index, ini, -1, NULL));
  g_autofree char *gs = in_tmp("lib/good/segments.csv");
  g_autofree char *bs = in_tmp("lib/bad/segments.csv");
  cr_assert(g_file_set_contents(
      gs, "id,name,tier,inputs\nore,矿,upstream,\nmetal,金属,midstream,ore\n", -1, NULL));
  cr_assert(g_file_set_contents(
      bs, "id,name,tier,inputs\nore,矿,upstream,\nmetal,金属,midstream,oer\n", -1, NULL));
  g_auto(GStrv) env = g_environ_setenv(g_get_environ(), "CHAINMAP_TEMPLATES", lib, TRUE);

  const char *list[] = {"templates", "--format", "json", NULL};
  CmCliResult r = cm_cli_run_in(NULL, list, (const char *const *)env);
  cm_cli_expect_clean("templates", &r);
  cr_expect_eq(r.exit, 0, "%s", r.err);
  /* two templates of 2 segments each, as written above */
  cr_expect(strstr(r.out, "\"id\" : \"good\"") && strstr(r.out, "\"id\" : \"bad\""), "%s", r.out);
  cr_expect(strstr(r.out, "\"segments\" : 2"), "%s", r.out);
  cm_cli_result_clear(&r);

  g_autofree char *out_bad = in_tmp("from-bad");
  const char *init_bad[] = {"init", out_bad, "--template", "bad", "--lang", "en", NULL};
  r = cm_cli_run_in(NULL, init_bad, (const char *const *)env);
  cm_cli_expect_clean("init", &r);
  cr_expect_eq(r.exit, 1);
  cr_expect(strstr(r.err, "segments.csv:3: error:") && strstr(r.err, "'oer'"), "%s", r.err);
  cm_cli_result_clear(&r);
  cr_expect_not(g_file_test(out_bad, G_FILE_TEST_EXISTS));

  g_autofree char *out_good = in_tmp("from-good");
  const char *init_good[] = {"init", out_good, "--template", "good", NULL};
  r = cm_cli_run_in(NULL, init_good, (const char *const *)env);
  cm_cli_expect_clean("init", &r);
  cr_expect_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  const char *validate[] = {"validate", out_good, NULL};
  r = run(validate);
  cr_expect_eq(r.exit, 0, "%s%s", r.out, r.err);
  cm_cli_result_clear(&r);

  g_auto(GStrv) nowhere =
      g_environ_setenv(g_get_environ(), "CHAINMAP_TEMPLATES", "/nonexistent", TRUE);
  r = cm_cli_run_in(NULL, list, (const char *const *)nowhere);
  cm_cli_expect_clean("templates", &r);
  cr_expect_eq(r.exit, 1);
  cr_expect(strstr(r.err, "CHAINMAP_TEMPLATES=/nonexistent"), "%s", r.err);
  cm_cli_result_clear(&r);
}

/* A folder that cannot be made is an output failure (exit 3), not a usage error. */
Test(init, unwritable_place_is_an_output_error)
{
  const char *init[] = {"init", "/proc/chainmap-no-such/city", "--template", "hydrogen", NULL};
  CmCliResult r = run(init);
  cr_expect_eq(r.exit, 3, "%s", r.err);
  cr_expect(strstr(r.err, "cannot write the dataset"), "%s", r.err);
  cm_cli_result_clear(&r);
}

/* The planner's first hour, in Chinese: init Mianyang's display chain, list BOE as the chain leader
 * in the Chinese table Excel saves (a 链主 making TFT backplanes, OLED panels and OLED modules),
 * and the gaps follow. Worked out by hand from templates/display-panel/segments.csv:
 * - weak 3: tft-array, oled-panel, oled-module (one local producer each, min_producers 2);
 * - gap 17: their inputs that are not made locally: tft-array's 8 (glass-substrate, target,
 *   photoresist, wet-chem, special-gas, mask, pi-substrate, array-equip), oled-panel's 3
 *   (oled-materials, fmm, evap-equip), oled-module's 6 (polarizer, driver-ic, fpc, cover-glass,
 *   touch, test-equip);
 * - frontier 15: downstream lcd-cell, lcd-module, tv, it-display, phone, car-display, wearables,
 *   commercial-display, recycling; upstream polarizer-film (-> polarizer -> oled-module), and
 *   through the recycling cycle (... -> recycling -> target -> tft-array) color-filter,
 *   liquid-crystal, optical-film, led and backlight, which all lead to lcd-cell or lcd-module;
 * - absent 0. */
Test(init, chinese_dataset_filled_in_gives_the_gaps, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = in_tmp("绵阳");
  const char *init[] = {"init",   dir,  "--template", "display-panel", "--region", "四川/绵阳",
                        "--lang", "zh", NULL};
  CmCliResult r = run(init);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  g_autofree char *ent = read_file(dir, "enterprises.csv");
  g_autofree char *filled = g_strconcat(
      ent, "boe,京东方,四川/绵阳/高新区,tft-array、oled-panel、oled-module,链主,300,投产\r\n",
      NULL);
  g_autofree char *path = g_build_filename(dir, "enterprises.csv", NULL);
  cr_assert(g_file_set_contents(path, filled, -1, NULL));

  const char *validate[] = {"validate", dir, "--format", "json", NULL};
  r = run(validate);
  cr_expect_eq(r.exit, 0, "%s%s", r.out, r.err);
  cr_expect(strstr(r.out, "\"errors\" : 0") && strstr(r.out, "\"warnings\" : 0"), "%s", r.out);
  cm_cli_result_clear(&r);
  const char *gaps[] = {"gaps", dir, "--format", "json", NULL};
  r = run(gaps);
  cr_expect_eq(r.exit, 0, "%s", r.err);
  const char *expect[] = {"\"weak\" : 3", "\"gap\" : 17", "\"frontier\" : 15", "\"absent\" : 0",
                          "\"strong\" : 0"};
  for (guint i = 0; i < G_N_ELEMENTS(expect); i++)
    cr_expect(strstr(r.out, expect[i]), "no %s in:\n%.600s", expect[i], r.out);
  cm_cli_result_clear(&r);
}
