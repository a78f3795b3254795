/* chainmap batch never writes outside OUTDIR: dataset paths ending in "..", hostile folder names
 * and chain-leader ids, symlinks planted in OUTDIR. Every test snapshots the whole temporary
 * folder outside OUTDIR before and after the run and expects no difference. */
#include "batch_helpers.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
in_tmp(const char *relative)
{
  return g_build_filename(cm_test_tmp, relative, NULL);
}

static void
write_text(const char *relative, const char *text)
{
  g_autofree char *path = in_tmp(relative);
  g_autofree char *dir = g_path_get_dirname(path);
  cr_assert_eq(g_mkdir_with_parents(dir, 0755), 0);
  cr_assert(g_file_set_contents(path, text, -1, NULL), "cannot write %s", path);
}

static void
expect_unchanged(GHashTable *before)
{
  g_autoptr(GHashTable) after = batch_snapshot(cm_test_tmp, "out");
  g_autofree char *diff = batch_snapshot_diff(before, after);
  cr_expect_null(diff, "written outside OUTDIR:\n%s", diff);
}

static gboolean
is_real_dir(const char *path)
{
  struct stat st;
  return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static gboolean
is_regular(const char *path)
{
  struct stat st;
  return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* `chainmap batch ..` run inside a dataset's subfolder: the dataset is the parent folder, named
 * after it, and "../../out" is OUTDIR. */
Test(batch_safety, dataset_path_ending_in_dotdot_stays_inside_outdir, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = in_tmp("ds");
  batch_copy_dataset(DATA_BASIC, ds);
  g_autofree char *sub = in_tmp("ds/sub");
  cr_assert_eq(g_mkdir(sub, 0755), 0);
  g_autoptr(GHashTable) before = batch_snapshot(cm_test_tmp, "out");
  const char *args[] = {"batch", "..", "-d", "../../out", "-T", "svg", NULL};
  BatchRun r = batch_run(sub, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  expect_unchanged(before);
  g_autofree char *out = in_tmp("out");
  g_autoptr(GPtrArray) tree = batch_tree(out);
  g_autofree char *listing = batch_join(tree);
  cr_expect_str_eq(listing, "ds/\n"
                            "ds/brief.html\n"
                            "ds/chain.svg\n"
                            "ds/gaps.md\n"
                            "ds/leader-lead.svg\n"
                            "ds/procurement.md\n"
                            "index.html\n");
  batch_run_clear(&r);
}

/* Folder names that are legal on Linux but dangerous as written: backslashes (a separator on
 * Windows), dots, a leading dot. Slugs worked out by hand with the rules in render/cm_slug.h:
 * "..\..\up" → "up", "..." → "item", ".hidden set" → "hidden-set". */
Test(batch_safety, hostile_folder_names_become_safe_slugs, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  const char *names[] = {"..\\..\\up", "...", ".hidden set"};
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(args, g_strdup("batch"));
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *ds = g_build_filename(cm_test_tmp, "data", names[i], NULL);
    batch_copy_dataset(DATA_BASIC, ds);
    g_ptr_array_add(args, g_steal_pointer(&ds));
  }
  g_autoptr(GHashTable) before = batch_snapshot(cm_test_tmp, "out");
  g_ptr_array_add(args, g_strdup("-d"));
  g_ptr_array_add(args, in_tmp("out"));
  g_ptr_array_add(args, g_strdup("-T"));
  g_ptr_array_add(args, g_strdup("dot"));
  g_ptr_array_add(args, NULL);
  BatchRun r = batch_run(NULL, (const char *const *)args->pdata);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  expect_unchanged(before);
  g_autofree char *out = in_tmp("out");
  g_autoptr(GPtrArray) tree = batch_tree(out);
  g_autofree char *listing = batch_join(tree);
  cr_expect_str_eq(listing, "hidden-set/\n"
                            "hidden-set/brief.html\n"
                            "hidden-set/chain.dot\n"
                            "hidden-set/gaps.md\n"
                            "hidden-set/leader-lead.dot\n"
                            "hidden-set/procurement.md\n"
                            "index.html\n"
                            "item/\n"
                            "item/brief.html\n"
                            "item/chain.dot\n"
                            "item/gaps.md\n"
                            "item/leader-lead.dot\n"
                            "item/procurement.md\n"
                            "up/\n"
                            "up/brief.html\n"
                            "up/chain.dot\n"
                            "up/gaps.md\n"
                            "up/leader-lead.dot\n"
                            "up/procurement.md\n");
  batch_run_clear(&r);
}

/* Three folders named alike: ningde, ningde-2, ningde-3 in the order given. Each copy gets its own
 * dataset name so the test can tell which folder went where. */
Test(batch_safety, same_slug_datasets_are_numbered_in_argument_order, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  const char *folders[] = {"c/Ningde", "a/ningde", "b/NINGDE"};
  const char *titles[] = {"First", "Second", "Third"};
  for (guint i = 0; i < 3; i++) {
    g_autofree char *ds = in_tmp(folders[i]);
    batch_copy_dataset(DATA_BASIC, ds);
    g_autofree char *ini = g_strdup_printf("[dataset]\nname=%s\nregion=Fujian/Ningde\nunit=u\n"
                                           "[analysis]\nmin_producers=2\n",
                                           titles[i]);
    g_autofree char *ini_rel = g_build_filename(folders[i], "dataset.ini", NULL);
    write_text(ini_rel, ini);
  }
  g_autofree char *d0 = in_tmp(folders[0]);
  g_autofree char *d1 = in_tmp(folders[1]);
  g_autofree char *d2 = in_tmp(folders[2]);
  g_autofree char *out = in_tmp("out");
  const char *args[] = {"batch", d0, d1, d2, "-d", out, "-T", "svg", "-j", "2", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  const char *slugs[] = {"ningde", "ningde-2", "ningde-3"};
  for (guint i = 0; i < 3; i++) {
    g_autofree char *gaps = g_build_filename(out, slugs[i], "gaps.md", NULL);
    g_autofree char *text = NULL;
    cr_assert(g_file_get_contents(gaps, &text, NULL, NULL), "%s missing", gaps);
    cr_expect(strstr(text, titles[i]), "%s is not the report of %s", gaps, folders[i]);
  }
  batch_run_clear(&r);
}

/* Leader ids "../../x", "a/b\c", "A-B-C" and ".." (tests/data/batch/hostile-ids): leader-x,
 * leader-a-b-c, leader-a-b-c-2 (the second of the same slug, in enterprises-file order) and
 * leader-item. The dataset's name "../../etc/passwd" is never a path. */
Test(batch_safety, hostile_leader_ids_become_safe_numbered_file_names, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  g_autofree char *ds = in_tmp("hostile-ids");
  batch_copy_dataset(DATA_HOSTILE_IDS, ds);
  g_autoptr(GHashTable) before = batch_snapshot(cm_test_tmp, "out");
  g_autofree char *out = in_tmp("out");
  const char *args[] = {"batch", ds, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  expect_unchanged(before);
  g_autoptr(GPtrArray) files = batch_files(out);
  g_autofree char *listing = batch_join(files);
  cr_expect_str_eq(listing, "hostile-ids/brief.html\n"
                            "hostile-ids/chain.svg\n"
                            "hostile-ids/gaps.md\n"
                            "hostile-ids/leader-a-b-c-2.svg\n"
                            "hostile-ids/leader-a-b-c.svg\n"
                            "hostile-ids/leader-item.svg\n"
                            "hostile-ids/leader-x.svg\n"
                            "hostile-ids/procurement.md\n"
                            "index.html\n");
  /* each leader map is focused on its own leader (names from enterprises.csv) */
  const char *file[] = {"leader-x.svg", "leader-a-b-c.svg", "leader-a-b-c-2.svg",
                        "leader-item.svg"};
  const char *name[] = {"Escaper", "Slashes", "Same slug", "Dots"};
  for (guint i = 0; i < 4; i++) {
    g_autofree char *p = g_build_filename(out, "hostile-ids", file[i], NULL);
    g_autofree char *svg = NULL;
    cr_assert(g_file_get_contents(p, &svg, NULL, NULL));
    for (guint j = 0; j < 4; j++)
      cr_expect_eq(strstr(svg, name[j]) != NULL, i == j, "%s and '%s'", file[i], name[j]);
  }
  batch_run_clear(&r);
}

/* OUTDIR/<slug> and OUTDIR/index.html planted as symlinks to folders and files outside: the links
 * are replaced by real entries and what they point to stays untouched. */
Test(batch_safety, symlinks_planted_in_outdir_are_not_followed, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  write_text("victim/chain.svg", "VICTIM\n");
  write_text("victim/gaps.md", "VICTIM\n");
  write_text("victim.html", "VICTIM\n");
  g_autofree char *out = in_tmp("out");
  cr_assert_eq(g_mkdir(out, 0755), 0);
  g_autofree char *victim = in_tmp("victim");
  g_autofree char *victim_html = in_tmp("victim.html");
  g_autofree char *link_dir = g_build_filename(out, "basic", NULL);
  g_autofree char *link_index = g_build_filename(out, "index.html", NULL);
  cr_assert_eq(symlink(victim, link_dir), 0);
  cr_assert_eq(symlink(victim_html, link_index), 0);
  g_autoptr(GHashTable) before = batch_snapshot(cm_test_tmp, "out");

  const char *args[] = {"batch", DATA_BASIC, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  expect_unchanged(before);
  cr_expect(is_real_dir(link_dir), "OUTDIR/basic is still a symlink");
  cr_expect(is_regular(link_index), "OUTDIR/index.html is still a symlink");
  g_autofree char *chain = g_build_filename(link_dir, "chain.svg", NULL);
  cr_expect(is_regular(chain) && batch_svg_complete(chain));
  batch_run_clear(&r);
}

/* Inside a real dataset folder: outputs and a fake temporary file planted as symlinks to a file
 * outside. The outputs replace the links; the clean-up of leftovers never touches the target. */
Test(batch_safety, symlinked_outputs_and_temp_files_are_not_followed, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  write_text("victim.txt", "VICTIM\n");
  g_autofree char *victim = in_tmp("victim.txt");
  g_autofree char *dir = in_tmp("out/basic");
  cr_assert_eq(g_mkdir_with_parents(dir, 0755), 0);
  const char *planted[] = {"chain.svg", "gaps.md", "procurement.md", "leader-lead.svg",
                           ".chain.svg.cm-tmp-AAAAAA"};
  for (guint i = 0; i < G_N_ELEMENTS(planted); i++) {
    g_autofree char *link = g_build_filename(dir, planted[i], NULL);
    cr_assert_eq(symlink(victim, link), 0);
  }
  g_autoptr(GHashTable) before = batch_snapshot(cm_test_tmp, "out");
  g_autofree char *out = in_tmp("out");
  const char *args[] = {"batch", DATA_BASIC, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  expect_unchanged(before);
  for (guint i = 0; i < 4; i++) {
    g_autofree char *p = g_build_filename(dir, planted[i], NULL);
    cr_expect(is_regular(p), "%s is not a regular file", planted[i]);
  }
  batch_run_clear(&r);
}

/* OUTDIR/<slug> taken by a regular file: that dataset fails (nothing is deleted to make room),
 * the others complete. */
Test(batch_safety, file_in_the_way_of_a_dataset_folder_fails_that_dataset,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown)
{
  write_text("out/basic", "precious\n");
  g_autofree char *out = in_tmp("out");
  const char *args[] = {"batch", DATA_BASIC, SAMPLE_ZHOUSHAN, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 1, "exit %d\n%s", r.rc, r.err);
  cr_expect(strstr(r.err, "FAILED basic/"), "%s", r.err);
  g_autofree char *kept = in_tmp("out/basic");
  g_autofree char *text = NULL;
  cr_expect(g_file_get_contents(kept, &text, NULL, NULL) && strcmp(text, "precious\n") == 0);
  g_autofree char *chain = in_tmp("out/zhoushan-petrochemical/chain.svg");
  cr_expect(batch_svg_complete(chain));
  batch_run_clear(&r);
}

/* A FIFO, a symlink to a FIFO outside OUTDIR and a symlink to a device at the outputs: with no
 * reader, opening a FIFO for writing would hang batch for ever; with one, the map would go
 * outside OUTDIR. Each is replaced by a regular file, and the run ends promptly. */
Test(batch_safety, planted_fifos_and_device_links_are_replaced_never_opened,
     .init = cm_test_tmp_setup, .fini = cm_test_tmp_teardown, .timeout = 60)
{
  g_autofree char *dir = in_tmp("out/basic");
  cr_assert_eq(g_mkdir_with_parents(dir, 0755), 0);
  /* not under cm_test_tmp: the snapshot would block reading it */
  g_autofree char *elsewhere = cm_test_tmpdir();
  g_autofree char *outside_fifo = g_build_filename(elsewhere, "outside.fifo", NULL);
  cr_assert_eq(mkfifo(outside_fifo, 0644), 0);
  g_autofree char *chain = g_build_filename(dir, "chain.svg", NULL);
  g_autofree char *gaps = g_build_filename(dir, "gaps.md", NULL);
  g_autofree char *proc = g_build_filename(dir, "procurement.md", NULL);
  g_autofree char *index = in_tmp("out/index.html");
  cr_assert_eq(mkfifo(chain, 0644), 0);
  cr_assert_eq(symlink(outside_fifo, gaps), 0);
  cr_assert_eq(symlink("/dev/null", proc), 0);
  cr_assert_eq(mkfifo(index, 0644), 0);
  g_autoptr(GHashTable) before = batch_snapshot(cm_test_tmp, "out");
  g_autofree char *out = in_tmp("out");
  const char *args[] = {"batch", DATA_BASIC, "-d", out, "-T", "svg", NULL};
  gint64 start = g_get_monotonic_time();
  BatchRun r = batch_run(NULL, args);
  double seconds = (g_get_monotonic_time() - start) / 1e6;
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  cr_expect_lt(seconds, 30.0, "batch took %.1f s", seconds);
  expect_unchanged(before);
  cr_expect(is_regular(chain) && batch_svg_complete(chain), "chain.svg is a complete SVG");
  cr_expect(is_regular(gaps) && is_regular(proc) && is_regular(index));
  struct stat st;
  cr_expect(lstat(outside_fifo, &st) == 0 && S_ISFIFO(st.st_mode), "the FIFO outside stays");
  cr_expect(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode), "/dev/null stays a device");
  cm_test_rmdir(elsewhere);
  batch_run_clear(&r);
}

/* A report someone made private stays private when batch writes it again (and keeps its
 * group); a new file gets the usual mode. */
Test(batch_safety, rewritten_outputs_keep_their_mode, .init = cm_test_tmp_setup,
     .fini = cm_test_tmp_teardown)
{
  write_text("out/basic/gaps.md", "old\n");
  write_text("out/basic/procurement.md", "old\n");
  g_autofree char *gaps = in_tmp("out/basic/gaps.md");
  g_autofree char *proc = in_tmp("out/basic/procurement.md");
  cr_assert_eq(g_chmod(gaps, 0600), 0);
  cr_assert_eq(g_chmod(proc, 0640), 0);
  g_autofree char *out = in_tmp("out");
  const char *args[] = {"batch", DATA_BASIC, "-d", out, "-T", "svg", NULL};
  BatchRun r = batch_run(NULL, args);
  cr_expect_eq(r.rc, 0, "exit %d\n%s", r.rc, r.err);
  struct stat st;
  cr_assert_eq(stat(gaps, &st), 0);
  cr_expect_eq(st.st_mode & 07777, 0600, "gaps.md mode %o", st.st_mode & 07777);
  cr_assert_eq(stat(proc, &st), 0);
  cr_expect_eq(st.st_mode & 07777, 0640, "procurement.md mode %o", st.st_mode & 07777);
  g_autofree char *text = NULL;
  cr_expect(g_file_get_contents(gaps, &text, NULL, NULL) && strcmp(text, "old\n") != 0);
  batch_run_clear(&r);
}
