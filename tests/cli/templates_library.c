/* The bundled reference chains (templates/): each one is a sound chain a planner can start from.
 * The rules checked here are the curation rules of docs/templates.md. */
#include "cli_run.h"
#include "cm_loader.h"
#include "cm_template_catalog.h"

#include <criterion/parameterized.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define TEMPLATES_DIR CM_SOURCE_DIR "/templates"

/* The ten chains issue 19 asks for, in index.ini order; a new template is added here too. */
static const char *const bundled[] = {
    "lithium-battery", "new-energy-vehicle", "display-panel", "green-petrochemical",
    "photovoltaic",    "integrated-circuit", "hydrogen",      "engineering-machinery",
    "biomedicine",     "stainless-steel",
};

typedef struct {
  char id[48];
} TemplateParam;

static struct criterion_test_params
bundled_params(void)
{
  TemplateParam *p = cr_malloc(sizeof(TemplateParam) * G_N_ELEMENTS(bundled));
  for (guint i = 0; i < G_N_ELEMENTS(bundled); i++)
    g_strlcpy(p[i].id, bundled[i], sizeof p[i].id);
  return cr_make_param_array(TemplateParam, p, G_N_ELEMENTS(bundled));
}

/* One run per bundled template. */
#define EACH_TEMPLATE(test)                                                                        \
  ParameterizedTestParameters(templates, test)                                                     \
  {                                                                                                \
    return bundled_params();                                                                       \
  }

EACH_TEMPLATE(has_ids_names_in_both_languages_and_20_to_60_segments)
EACH_TEMPLATE(is_one_connected_chain)
EACH_TEMPLATE(renders_within_the_map_bounds)
EACH_TEMPLATE(init_in_chinese_validates_clean)

static CmTemplateCatalog *
catalog(void)
{
  g_autoptr(GError) err = NULL;
  CmTemplateCatalog *cat = cm_template_catalog_load(TEMPLATES_DIR, &err);
  cr_assert_not_null(cat, "%s", err ? err->message : "");
  return cat;
}

static gint
column(const char *const *header, const char *name)
{
  for (gint i = 0; header[i]; i++)
    if (g_str_equal(header[i], name))
      return i;
  cr_assert_fail("no column '%s'", name);
  return -1;
}

Test(templates, catalogue_lists_the_ten_chains_in_order)
{
  g_autoptr(CmTemplateCatalog) cat = catalog();
  cr_assert_eq(cm_template_catalog_len(cat), G_N_ELEMENTS(bundled));
  for (guint i = 0; i < G_N_ELEMENTS(bundled); i++)
    cr_expect_str_eq(cm_template_catalog_get(cat, i)->id, bundled[i]);
}

/* Ids are slugs and unique; names, groups and scope exist in both languages; 20 to 60 segments
 * (SPEC section 5: larger chains need overview maps). */
ParameterizedTest(TemplateParam *p, templates,
                  has_ids_names_in_both_languages_and_20_to_60_segments, .timeout = 60)
{
  g_autoptr(CmTemplateCatalog) cat = catalog();
  const CmTemplateInfo *t = cm_template_catalog_lookup(cat, p->id);
  cr_assert_not_null(t, "%s is not in index.ini", p->id);
  cr_expect(*t->name && *t->name_en && *t->scope && *t->scope_en && *t->region && *t->region_en);
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GPtrArray) rows = cm_template_read_rows(t, diags);
  cr_assert_not_null(rows);
  guint n = rows->len - 1;
  cr_expect(n >= 20 && n <= 60, "%s has %u segments", p->id, n);
  cr_expect_eq(t->n_segments, n);
  const char *const *header = g_ptr_array_index(rows, 0);
  gint id = column(header, "id"), name = column(header, "name"),
       name_en = column(header, "name_en");
  gint group = column(header, "group"), group_en = column(header, "group_en");
  gint tier = column(header, "tier");
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GHashTable) group_tier = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint r = 1; r < rows->len; r++) {
    const char *const *row = g_ptr_array_index(rows, r);
    const char *sid = row[id];
    cr_expect(g_regex_match_simple("^[a-z0-9]+(-[a-z0-9]+)*$", sid, 0, 0), "%s: bad id '%s'", p->id,
              sid);
    cr_expect(strlen(sid) <= 24, "%s: id '%s' is long for a map node", p->id, sid);
    cr_expect(g_hash_table_add(seen, (gpointer)sid), "%s: duplicate id '%s'", p->id, sid);
    cr_expect(*row[name] && *row[name_en], "%s: %s lacks a name", p->id, sid);
    cr_expect(*row[group] && *row[group_en], "%s: %s lacks a group", p->id, sid);
    /* the Chinese name holds Chinese, the English one none */
    gboolean han = FALSE;
    for (const char *c = row[name]; *c; c = g_utf8_next_char(c))
      han = han || g_unichar_get_script(g_utf8_get_char(c)) == G_UNICODE_SCRIPT_HAN;
    cr_expect(han, "%s: name of %s is not Chinese: %s", p->id, sid, row[name]);
    gboolean ascii = TRUE;
    for (const char *c = row[name_en]; *c; c++)
      ascii = ascii && (unsigned char)*c < 0x80;
    cr_expect(ascii, "%s: name_en of %s is not ASCII: %s", p->id, sid, row[name_en]);
    /* a group is a sub-cluster of one tier */
    const char *prev = g_hash_table_lookup(group_tier, row[group]);
    cr_expect(!prev || g_str_equal(prev, row[tier]), "%s: group %s spans tiers", p->id, row[group]);
    g_hash_table_insert(group_tier, (gpointer)row[group], (gpointer)row[tier]);
  }
}

/* As a dataset with no enterprises (what init writes) the template loads with no diagnostic. */
static CmDataset *
load_template(const CmTemplateInfo *t)
{
  g_autofree char *segments = NULL;
  cr_assert(g_file_get_contents(t->segments_path, &segments, NULL, NULL));
  g_autoptr(CmDiagnostics) diags = NULL; /* made by cm_test_load_text */
  CmDataset *ds = cm_test_load_text("[dataset]\nname=t\nregion=A/B\nunit=u\n", segments,
                                    "id,name,region,segments,role,output,status\n",
                                    "supplier,buyer,segment,value,year\n", &diags);
  g_autofree char *dump = cm_test_dump_diags(diags);
  cr_assert_not_null(ds, "%s: %s", t->id, dump);
  cr_expect_eq(cm_diagnostics_errors(diags) + cm_diagnostics_warnings(diags), 0, "%s: %s", t->id,
               dump);
  return ds;
}

static guint
find_root(guint *parent, guint x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

/* No orphan: every segment feeds or is fed by another, and the chain is one piece (weakly
 * connected), so each segment's status can reach the rest of the map. */
ParameterizedTest(TemplateParam *p, templates, is_one_connected_chain, .timeout = 60)
{
  g_autoptr(CmTemplateCatalog) cat = catalog();
  const CmTemplateInfo *t = cm_template_catalog_lookup(cat, p->id);
  cr_assert_not_null(t);
  g_autoptr(CmDataset) ds = load_template(t);
  guint n = cm_dataset_n_segments(ds);
  g_autofree guint *parent = g_new(guint, n);
  g_autofree guint *degree = g_new0(guint, n);
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint v = 0; v < n; v++) {
    const CmSegment *s = cm_dataset_segment(ds, v);
    const guint32 *in = cm_dataset_segment_inputs(ds, s);
    for (guint k = 0; k < s->n_inputs; k++) {
      degree[v]++;
      degree[in[k]]++;
      parent[find_root(parent, v)] = find_root(parent, in[k]);
    }
  }
  guint pieces = 0;
  for (guint v = 0; v < n; v++) {
    cr_expect_gt(degree[v], 0, "%s: %s is an orphan", p->id, cm_dataset_segment(ds, v)->id);
    pieces += find_root(parent, v) == v;
  }
  cr_expect_eq(pieces, 1, "%s falls apart into %u pieces", p->id, pieces);
}

/* Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian). */
static void
png_size(const char *path, guint *w, guint *h)
{
  g_autofree guchar *data = NULL;
  gsize len = 0;
  cr_assert(g_file_get_contents(path, (char **)&data, &len, NULL), "no %s", path);
  cr_assert(len > 24 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0 &&
                memcmp(data + 12, "IHDR", 4) == 0,
            "%s is not a PNG", path);
  *w = (guint)data[16] << 24 | (guint)data[17] << 16 | (guint)data[18] << 8 | data[19];
  *h = (guint)data[20] << 24 | (guint)data[21] << 16 | (guint)data[22] << 8 | data[23];
}

/* init, then render the chain map: within SPEC section 5's bounds (4096 px a side; a slide is
 * 1920x1080). */
ParameterizedTest(TemplateParam *p, templates, renders_within_the_map_bounds, .timeout = 120,
                  .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = g_build_filename(cm_test_tmp, p->id, NULL);
  const char *init[] = {"init", dir, "--template", p->id, "--lang", "en", NULL};
  CmCliResult r = cm_cli_run_in(NULL, init, NULL);
  cm_cli_expect_clean("init", &r);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  const char *modes[][2] = {{"chain.png", NULL}, {"slide.png", "--slide"}};
  for (guint m = 0; m < G_N_ELEMENTS(modes); m++) {
    g_autofree char *png = g_build_filename(cm_test_tmp, modes[m][0], NULL);
    const char *render[] = {"render", dir, "-o", png, modes[m][1], NULL};
    r = cm_cli_run_in(NULL, render, NULL);
    cm_cli_expect_clean("render", &r);
    cr_assert_eq(r.exit, 0, "%s: %s", p->id, r.err);
    cm_cli_result_clear(&r);
    guint w, h;
    png_size(png, &w, &h);
    if (modes[m][1])
      cr_expect(w == 1920 && h == 1080, "%s slide is %ux%u", p->id, w, h);
    else
      cr_expect(w > 0 && w <= 4096 && h > 0 && h <= 4096, "%s map is %ux%u", p->id, w, h);
  }
}

/* templates --format json parses, lists the catalogue with both languages and the segment
 * counts the folders hold. */
Test(templates, json_lists_every_template_with_its_segment_count)
{
  const char *args[] = {"templates", "--format", "json", NULL};
  CmCliResult r = cm_cli_run_in(NULL, args, NULL);
  cm_cli_expect_clean("templates", &r);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autoptr(GError) err = NULL;
  cr_assert(json_parser_load_from_data(parser, r.out, -1, &err), "%s", err ? err->message : "");
  JsonArray *list =
      json_object_get_array_member(json_node_get_object(json_parser_get_root(parser)), "templates");
  cr_assert_eq(json_array_get_length(list), G_N_ELEMENTS(bundled));
  g_autoptr(CmTemplateCatalog) cat = catalog();
  for (guint i = 0; i < G_N_ELEMENTS(bundled); i++) {
    JsonObject *o = json_array_get_object_element(list, i);
    cr_expect_str_eq(json_object_get_string_member(o, "id"), bundled[i]);
    const CmTemplateInfo *t = cm_template_catalog_lookup(cat, bundled[i]);
    g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
    g_autoptr(GPtrArray) rows = cm_template_read_rows(t, diags);
    cr_expect_eq(json_object_get_int_member(o, "segments"), (gint64)rows->len - 1);
    cr_expect_str_eq(json_object_get_string_member(o, "name"), t->name);
    cr_expect_str_eq(json_object_get_string_member(o, "name_en"), t->name_en);
  }
  cm_cli_result_clear(&r);
}

/* The text list reads in an 80-column terminal in both languages. */
Test(templates, text_fits_80_columns_in_both_languages)
{
  const char *langs[] = {"en", "zh"};
  for (guint l = 0; l < G_N_ELEMENTS(langs); l++) {
    const char *args[] = {"templates", "--lang", langs[l], NULL};
    CmCliResult r = cm_cli_run_in(NULL, args, NULL);
    cm_cli_expect_clean("templates", &r);
    cr_assert_eq(r.exit, 0, "%s", r.err);
    cr_expect(strstr(r.out, l ? "新型显示（面板）产业链" : "Display panel chain"), "%s", r.out);
    g_auto(GStrv) lines = g_strsplit(r.out, "\n", -1);
    for (guint i = 0; lines[i]; i++) {
      glong cells = 0;
      for (const char *c = lines[i]; *c; c = g_utf8_next_char(c))
        cells += g_unichar_iswide(g_utf8_get_char(c)) ? 2 : 1;
      cr_expect_leq(cells, 80, "%s: %ld cells: %s", langs[l], cells, lines[i]);
    }
    cm_cli_result_clear(&r);
  }
}

/* An installed program finds PREFIX/share/chainmap/templates beside PREFIX/bin before the source
 * tree: a copy of the binary in a fake prefix whose library holds a template of its own. */
Test(templates, installed_program_reads_the_library_beside_it, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *bin = g_build_filename(cm_test_tmp, "bin", NULL);
  g_autofree char *lib = g_build_filename(cm_test_tmp, "share/chainmap/templates/only-here", NULL);
  cr_assert_eq(g_mkdir_with_parents(bin, 0755), 0);
  cr_assert_eq(g_mkdir_with_parents(lib, 0755), 0);
  g_autofree char *exe = g_build_filename(bin, "chainmap", NULL);
  g_autofree char *program = NULL;
  gsize len = 0;
  cr_assert(g_file_get_contents(CM_CHAINMAP_BIN, &program, &len, NULL));
  cr_assert(g_file_set_contents(exe, program, (gssize)len, NULL));
  cr_assert_eq(g_chmod(exe, 0755), 0);
  g_autofree char *index =
      g_build_filename(cm_test_tmp, "share/chainmap/templates/index.ini", NULL);
  cr_assert(g_file_set_contents(index,
                                "[only-here]\nname=甲\nname_en=A\nscope=甲\nscope_en=A\n"
                                "region=甲/乙\nregion_en=A/B\n",
                                -1, NULL));
  g_autofree char *segments = g_build_filename(lib, "segments.csv", NULL);
  cr_assert(g_file_set_contents(segments, "id,tier\nx,upstream\n", -1, NULL));

  g_auto(GStrv) env = g_environ_unsetenv(g_get_environ(), CM_TEMPLATES_ENV);
  char *argv[] = {exe, "templates", "--format", "json", NULL};
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  cr_assert(g_spawn_sync(NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
  cr_expect(g_spawn_check_wait_status(status, NULL), "%s", err);
  cr_expect(strstr(out, "\"id\" : \"only-here\"") && !strstr(out, "lithium-battery"), "%s", out);
}

/* init --lang zh writes Chinese header rows, tiers and groups (SPEC section 1 names them): the
 * dataset loads with no diagnostic. */
ParameterizedTest(TemplateParam *p, templates, init_in_chinese_validates_clean, .timeout = 60,
                  .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  g_autofree char *dir = g_build_filename(cm_test_tmp, p->id, NULL);
  const char *init[] = {"init", dir, "--template", p->id, "--lang", "zh", NULL};
  CmCliResult r = cm_cli_run_in(NULL, init, NULL);
  cm_cli_expect_clean("init", &r);
  cr_assert_eq(r.exit, 0, "%s", r.err);
  cm_cli_result_clear(&r);
  const char *validate[] = {"validate", dir, "--format", "json", NULL};
  r = cm_cli_run_in(NULL, validate, NULL);
  cm_cli_expect_clean("validate", &r);
  cr_expect_eq(r.exit, 0, "%s: %s%s", p->id, r.out, r.err);
  cr_expect(strstr(r.out, "\"errors\" : 0") && strstr(r.out, "\"warnings\" : 0"), "%s: %s", p->id,
            r.out);
  cm_cli_result_clear(&r);
}
