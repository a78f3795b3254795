#include "batch_helpers.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

BatchRun
batch_run(const char *cwd, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer)CM_CHAINMAP_BIN);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add(argv, (gpointer)args[i]);
  g_ptr_array_add(argv, NULL);
  BatchRun r = {.rc = -1};
  int status = 0;
  g_autoptr(GError) error = NULL;
  if (!g_spawn_sync(cwd, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out, &r.err,
                    &status, &error)) {
    r.err = g_strdup(error->message);
    return r;
  }
  if (WIFEXITED(status))
    r.rc = WEXITSTATUS(status);
  else
    r.rc = 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return r;
}

void
batch_run_clear(BatchRun *r)
{
  g_clear_pointer(&r->out, g_free);
  g_clear_pointer(&r->err, g_free);
}

static void
walk(const char *root, const char *rel, GPtrArray *out, gboolean files_only)
{
  g_autofree char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    g_autofree char *child_rel = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
    g_autofree char *child = g_build_filename(root, child_rel, NULL);
    struct stat st;
    if (lstat(child, &st) != 0)
      continue;
    if (S_ISDIR(st.st_mode)) {
      if (!files_only)
        g_ptr_array_add(out, g_strconcat(child_rel, "/", NULL));
      walk(root, child_rel, out, files_only);
    } else if (S_ISREG(st.st_mode) || !files_only) {
      g_ptr_array_add(out, g_strdup(child_rel));
    }
  }
}

static gint
compare_paths(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *
batch_tree(const char *dir)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  walk(dir, NULL, out, FALSE);
  g_ptr_array_sort(out, compare_paths);
  return out;
}

GPtrArray *
batch_files(const char *dir)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  walk(dir, NULL, out, TRUE);
  g_ptr_array_sort(out, compare_paths);
  return out;
}

char *
batch_join(GPtrArray *paths)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < paths->len; i++)
    g_string_append_printf(s, "%s\n", (char *)g_ptr_array_index(paths, i));
  return g_string_free(s, FALSE);
}

void
batch_copy_dataset(const char *src, const char *dst)
{
  cr_assert_eq(g_mkdir_with_parents(dst, 0755), 0, "cannot create %s", dst);
  g_autoptr(GDir) d = g_dir_open(src, 0, NULL);
  cr_assert(d, "cannot open %s", src);
  const char *name;
  while ((name = g_dir_read_name(d))) {
    g_autofree char *from = g_build_filename(src, name, NULL);
    g_autofree char *to = g_build_filename(dst, name, NULL);
    g_autofree char *data = NULL;
    gsize len = 0;
    cr_assert(g_file_get_contents(from, &data, &len, NULL), "cannot read %s", from);
    cr_assert(g_file_set_contents(to, data, (gssize)len, NULL), "cannot write %s", to);
  }
}

static GBytes *
slurp(const char *path)
{
  char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &data, &len, NULL))
    return NULL;
  return g_bytes_new_take(data, len);
}

gboolean
batch_svg_complete(const char *path)
{
  g_autoptr(GBytes) b = slurp(path);
  if (!b)
    return FALSE;
  gsize len;
  const char *p = g_bytes_get_data(b, &len);
  while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
    len--;
  return len >= 6 + 5 && memmem(p, MIN(len, 4096), "<svg", 4) &&
         memcmp(p + len - 6, "</svg>", 6) == 0;
}

gboolean
batch_png_complete(const char *path)
{
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /* length 0, "IEND", CRC of "IEND" */
  static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
  g_autoptr(GBytes) b = slurp(path);
  if (!b)
    return FALSE;
  gsize len;
  const unsigned char *p = g_bytes_get_data(b, &len);
  return len >= 8 + 12 && memcmp(p, sig, 8) == 0 && memcmp(p + len - 12, iend, 12) == 0;
}

gboolean
batch_pdf_complete(const char *path)
{
  g_autoptr(GBytes) b = slurp(path);
  if (!b)
    return FALSE;
  gsize len;
  const char *p = g_bytes_get_data(b, &len);
  if (len < 16 || memcmp(p, "%PDF-", 5) != 0)
    return FALSE;
  gsize tail = MIN(len, 32);
  return memmem(p + len - tail, tail, "%%EOF", 5) != NULL;
}

static void
snap(const char *root, const char *rel, const char *skip, GHashTable *out)
{
  g_autofree char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    g_autofree char *child_rel = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
    if (skip && strcmp(child_rel, skip) == 0)
      continue;
    g_autofree char *child = g_build_filename(root, child_rel, NULL);
    struct stat st;
    if (lstat(child, &st) != 0)
      continue;
    char *value;
    if (S_ISLNK(st.st_mode)) {
      g_autofree char *target = g_file_read_link(child, NULL);
      value = g_strdup_printf("link:%s", target ? target : "?");
    } else if (S_ISDIR(st.st_mode)) {
      value = g_strdup("dir");
      snap(root, child_rel, skip, out);
    } else {
      g_autoptr(GBytes) b = slurp(child);
      gsize len = 0;
      const void *data = b ? g_bytes_get_data(b, &len) : "";
      g_autofree char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
      value = g_strdup_printf("file:%s:%o", sum, (unsigned)(st.st_mode & 07777));
    }
    g_hash_table_insert(out, g_steal_pointer(&child_rel), value);
  }
}

GHashTable *
batch_snapshot(const char *dir, const char *skip)
{
  GHashTable *out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  snap(dir, NULL, skip, out);
  return out;
}

static void
diff_into(GHashTable *a, GHashTable *b, GString *s, gboolean both_ways)
{
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, a);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    const char *other = g_hash_table_lookup(b, key);
    if (!other)
      g_string_append_printf(s, "%s %s\n", both_ways ? "gone:" : "new:", (char *)key);
    else if (both_ways && strcmp(other, value) != 0)
      g_string_append_printf(s, "changed: %s\n", (char *)key);
  }
}

char *
batch_snapshot_diff(GHashTable *before, GHashTable *after)
{
  GString *s = g_string_new(NULL);
  diff_into(before, after, s, TRUE);
  diff_into(after, before, s, FALSE);
  if (s->len == 0) {
    g_string_free(s, TRUE);
    return NULL;
  }
  return g_string_free(s, FALSE);
}

guint
batch_count_lines(const char *text, const char *prefix)
{
  guint n = 0;
  g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
  for (guint i = 0; lines[i]; i++)
    n += g_str_has_prefix(lines[i], prefix);
  return n;
}
