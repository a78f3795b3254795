/* chainmap render on the command line (cli/cmd_render.c): formats, options, exit codes. */
#include "chainmap_svg.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <glib/gstdio.h>
#include <string.h>

#define BASIC CM_TEST_DATA "/render/basic"

typedef struct {
  int rc;
  char *out;
  char *err;
} Run;

static Run
run(const char *const *args)
{
  Run r = {0};
  r.rc = cm_test_run_cli(args, &r.out, &r.err);
  return r;
}

static void
run_clear(Run *r)
{
  g_free(r->out);
  g_free(r->err);
}

static char *
tmp_path(const char *name)
{
  return g_build_filename(cm_test_tmp, name, NULL);
}

static GBytes *
read_file(const char *path)
{
  char *data = NULL;
  gsize len = 0;
  cr_assert(g_file_get_contents(path, &data, &len, NULL), "%s not written", path);
  return g_bytes_new_take(data, len);
}

/* Only the file itself: no temporary files left behind. */
static guint
files_in_tmp(void)
{
  g_autoptr(GDir) d = g_dir_open(cm_test_tmp, 0, NULL);
  guint n = 0;
  while (g_dir_read_name(d))
    n++;
  return n;
}

Test(render_cli, format_follows_the_extension, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *png = tmp_path("map.PNG");
  const char *args[] = {"render", BASIC, "-o", png, NULL};
  Run r = run(args);
  cr_expect_eq(r.rc, 0, "%s", r.err);
  g_autoptr(GBytes) data = read_file(png);
  guint32 w, h;
  cr_expect(cm_test_png_size(data, &w, &h));
  cr_expect_eq(files_in_tmp(), 1);
  run_clear(&r);
}

Test(render_cli, type_overrides_the_extension_and_slide_is_1920x1080, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = tmp_path("map.bin");
  const char *args[] = {"render", BASIC, "-o", out, "-T", "png", "--slide", NULL};
  Run r = run(args);
  cr_expect_eq(r.rc, 0, "%s", r.err);
  g_autoptr(GBytes) data = read_file(out);
  guint32 w = 0, h = 0;
  cr_assert(cm_test_png_size(data, &w, &h));
  cr_expect(w == 1920 && h == 1080, "%ux%u", w, h);
  run_clear(&r);
}

Test(render_cli, dash_writes_to_standard_output)
{
  const char *args[] = {"render", BASIC, "-o", "-", "-T", "dot", NULL};
  Run r = run(args);
  cr_expect_eq(r.rc, 0, "%s", r.err);
  cr_expect(g_str_has_prefix(r.out, "digraph"), "%.40s", r.out);
  cr_expect(strstr(r.out, "status=strong") != NULL);
  run_clear(&r);
}

Test(render_cli, network_focus_from_the_command_line)
{
  const char *args[] = {"render",  BASIC,  "-o",      "-", "-T", "svg",
                        "--focus", "lead", "--depth", "1", NULL};
  Run r = run(args);
  cr_expect_eq(r.rc, 0, "%s", r.err);
  g_autoptr(GPtrArray) items = cm_svg_items(r.out, strlen(r.out), NULL);
  cr_assert(items != NULL);
  cr_expect(cm_svg_node(items, "cathode@lead") != NULL);
  cr_expect(cm_svg_node(items, "out-salt") == NULL, "out-salt is 2 steps up");
  run_clear(&r);
}

typedef struct {
  char args[8][32]; /* after "render BASIC" */
  int rc;
  char message[64]; /* part of stderr */
} Refusal;

ParameterizedTestParameters(render_cli, refuses_bad_requests)
{
  static Refusal cases[] = {
      {{"-o", "x.svg", "-T", "jpeg"}, 2, "unknown format 'jpeg'"},
      {{"-o", "x.jpg"}, 2, "cannot tell the format"},
      {{"-T", "svg"}, 2, "missing -o"},
      {{"-o", "-"}, 2, "needs -T"},
      {{"-o", "x.svg", "--view", "tree"}, 2, "unknown view 'tree'"},
      {{"-o", "x.svg", "--depth", "2"}, 2, "--depth counts steps upstream of --focus"},
      {{"-o", "x.svg", "--focus", "lead", "--depth", "0"}, 2, "bad --depth '0'"},
      {{"-o", "x.svg", "--focus", "lead", "--depth", "two"}, 2, "bad --depth 'two'"},
      {{"-o", "x.svg", "--focus", "lead", "--view", "chain"}, 2, "unknown segment 'lead'"},
      {{"-o", "x.svg", "--group", "nowhere"}, 2, "no group 'nowhere'"},
      {{"-o", "x.svg", "--group", "x", "--view", "network"}, 2, "--group and --overview draw"},
      {{"-o", "x.svg", "--top", "2", "--all"}, 2, "not both"},
      {{"-o", "x.svg", "--top", "0"}, 2, "bad --top '0'"},
      {{"-o", "x.svg", "--all", "--view", "chain"}, 2, "--top and --all draw the network"},
      {{"-o", "x.svg", "--focus", "Lead"}, 2, "did you mean 'lead'?"},
      {{"-o", "x.svg", "--focus", "nobody"}, 2, "unknown enterprise 'nobody'"},
      {{"-o", "x.svg", "--scenario", "dreamt"}, 2, "bad --scenario"},
      {{"-o", "x.svg", "--year", "last"}, 2, "bad --year"},
      {{"-o", "x.svg", "--font="}, 2, "--font needs"},
      {{"-o", "/nonexistent-dir/x.svg"}, 3, "cannot write /nonexistent-dir/x.svg"},
  };
  return cr_make_param_array(Refusal, cases, G_N_ELEMENTS(cases));
}

ParameterizedTest(Refusal *c, render_cli, refuses_bad_requests, .init = cm_test_tmp_setup,
                  .fini = cm_test_tmp_teardown)
{
  const char *args[12] = {"render", BASIC};
  guint n = 2;
  g_autofree char *cwd = g_get_current_dir();
  cr_assert_eq(g_chdir(cm_test_tmp), 0);
  for (guint i = 0; i < 8 && c->args[i][0]; i++)
    args[n++] = c->args[i];
  args[n] = NULL;
  Run r = run(args);
  cr_expect_eq(r.rc, c->rc, "exit %d: %s", r.rc, r.err);
  cr_expect(strstr(r.err, c->message) != NULL, "stderr lacks '%s':\n%s", c->message, r.err);
  cr_expect_eq(files_in_tmp(), 0, "nothing written");
  cr_assert_eq(g_chdir(cwd), 0);
  run_clear(&r);
}

Test(render_cli, invalid_dataset_exits_1_and_writes_nothing, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *out = tmp_path("map.svg");
  const char *args[] = {"render", CM_TEST_DATA "/render/invalid", "-o", out, NULL};
  Run r = run(args);
  cr_expect_eq(r.rc, 1);
  cr_expect(strstr(r.err, "bad tier 'sideways'") != NULL, "%s", r.err);
  cr_expect_eq(files_in_tmp(), 0);
  run_clear(&r);
}

/* A network of 1999 nodes without --focus: summarised at once, never a long layout; --all is a
 * clear refusal that does not suggest --depth (no depth is asked for). */
Test(render_cli, huge_network_is_summarised_and_all_refused, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown, .timeout = 60)
{
  g_autofree char *dir = tmp_path("long");
  g_mkdir(dir, 0755);
  GString *ent = g_string_new("id,region,segments\n"),
          *sup = g_string_new("supplier,buyer,value\n");
  for (guint i = 0; i < 1000; i++) {
    g_string_append_printf(ent, "e%u,Here,s\n", i);
    if (i + 1 < 1000)
      g_string_append_printf(sup, "e%u,e%u,1\n", i, i + 1);
  }
  g_autofree char *ini = g_build_filename(dir, "dataset.ini", NULL);
  g_autofree char *seg = g_build_filename(dir, "segments.csv", NULL);
  g_autofree char *en = g_build_filename(dir, "enterprises.csv", NULL);
  g_autofree char *su = g_build_filename(dir, "supply.csv", NULL);
  cr_assert(g_file_set_contents(ini, "[dataset]\nname=long\nregion=Here\nunit=u\n", -1, NULL));
  cr_assert(g_file_set_contents(seg, "id,tier\ns,midstream\n", -1, NULL));
  cr_assert(g_file_set_contents(en, ent->str, -1, NULL));
  cr_assert(g_file_set_contents(su, sup->str, -1, NULL));
  g_string_free(ent, TRUE);
  g_string_free(sup, TRUE);
  g_autofree char *out = tmp_path("net.svg");
  const char *args[] = {"render", dir, "-o", out, "--view", "network", "--all", NULL};
  gint64 start = g_get_monotonic_time();
  Run r = run(args);
  cr_expect_eq(r.rc, 2);
  cr_expect(strstr(r.err, "leave out --all") != NULL, "%s", r.err);
  cr_expect(strstr(r.err, "--depth") == NULL, "%s", r.err);
  cr_expect(g_get_monotonic_time() - start < 10 * G_USEC_PER_SEC);
  cr_expect(!g_file_test(out, G_FILE_TEST_EXISTS));
  run_clear(&r);
  const char *summary[] = {"render", dir, "-o", out, "--view", "network", NULL};
  start = g_get_monotonic_time();
  Run s = run(summary);
  cr_expect_eq(s.rc, 0, "%s", s.err);
  cr_expect(g_get_monotonic_time() - start < 10 * G_USEC_PER_SEC);
  run_clear(&s);
  const char *focused[] = {"render", dir, "-o", out, "--focus", "e999", "--depth", "3", NULL};
  Run f = run(focused);
  cr_expect_eq(f.rc, 0, "%s", f.err);
  run_clear(&f);
}

/* The chain view's detail maps and the network view's --top from the command line (see
 * tests/render/chain_views.c for the fixture's template). */
Test(render_cli, group_focus_segment_and_top_from_the_command_line)
{
  const char *group[] = {"render",         BASIC, "-o", "-", "-T", "dot", "--group",
                         "Materials 材料", NULL};
  Run g = run(group);
  cr_expect_eq(g.rc, 0, "%s", g.err);
  /* cathode and foil in full, salt and cell as stubs; ore, ev, ship, tail not drawn */
  g_autoptr(GBytes) gdot = g_bytes_new(g.out, strlen(g.out));
  Agraph_t *gg = cm_test_read_dot(gdot);
  cr_expect_eq(agnnodes(gg), 4);
  cr_expect(agnode(gg, "salt", 0) && strcmp(agget(agnode(gg, "salt", 0), "kind"), "stub") == 0);
  cr_expect(agnode(gg, "ore", 0) == NULL && agnode(gg, "ship", 0) == NULL);
  agclose(gg);
  run_clear(&g);
  /* "cell" is no enterprise: a segment, the chain view, one template step around it */
  const char *near[] = {"render", BASIC, "-o", "-", "-T", "dot", "--focus", "cell", NULL};
  Run n = run(near);
  cr_expect_eq(n.rc, 0, "%s", n.err);
  cr_expect(strstr(n.out, "Detail: 电芯 Cells and the segments 1 template step away") != NULL, "%s",
            n.out);
  g_autoptr(GBytes) ndot = g_bytes_new(n.out, strlen(n.out));
  Agraph_t *ng = cm_test_read_dot(ndot);
  cr_expect(agnode(ng, "tail", 0) == NULL, "tail is no neighbour of cell");
  cr_expect(agnode(ng, "ev", 0) != NULL);
  agclose(ng);
  run_clear(&n);
  /* lead buys cathode from cat1 35, out-cat 20, cat2 10: with --top 1, cat1 is drawn, cat2 is
   * the only local one left (drawn), out-cat the only outside one (drawn): nothing merged */
  const char *top[] = {"render", BASIC,     "-o", "-",     "-T", "dot", "--focus",
                       "lead",   "--depth", "1",  "--top", "1",  NULL};
  Run t = run(top);
  cr_expect_eq(t.rc, 0, "%s", t.err);
  cr_expect(strstr(t.out, "merged-") == NULL, "%s", t.out);
  run_clear(&t);
}
