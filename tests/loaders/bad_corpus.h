/* The bad-input corpus of tests/data/bad/ (see its README.md): reading `expected`, generating the
 * large cases, matching diagnostics. Shared by tests/loaders/bad_corpus.c (loader) and
 * tests/cli/bad_corpus.c (chainmap validate --format json). */
#pragma once

#include "cm_diagnostics.h"
#include "cm_test.h"

#include <criterion/criterion.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#define BAD_CORPUS_DIR CM_TEST_DATA "/bad"

typedef struct {
  char name[64];
} BadCase;

typedef struct {
  char *file; /* base name */
  guint line;
  CmSeverity severity;
  char *text;
} BadExpectation;

typedef struct {
  gboolean accepted;
  gboolean more;
  GArray *lines; /* BadExpectation */
} BadExpected;

static inline gint
bad_compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The case folders, sorted: as Criterion parameters (cr_malloc memory, only while Criterion
 * collects parameters) when shared, else g_malloc memory. */
static inline BadCase *
bad_corpus_cases(size_t *n, gboolean shared)
{
  g_autoptr(GDir) dir = g_dir_open(BAD_CORPUS_DIR, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while (dir && (name = g_dir_read_name(dir))) {
    g_autofree char *path = g_build_filename(BAD_CORPUS_DIR, name, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
      g_ptr_array_add(names, g_strdup(name));
  }
  g_ptr_array_sort(names, bad_compare_names);
  gsize size = sizeof(BadCase) * MAX(names->len, 1);
  BadCase *cases = shared ? cr_malloc(size) : g_malloc(size);
  for (guint i = 0; i < names->len; i++)
    g_strlcpy(cases[i].name, g_ptr_array_index(names, i), sizeof cases[i].name);
  *n = names->len;
  return cases;
}

static inline void
bad_expected_clear(BadExpected *e)
{
  for (guint i = 0; e->lines && i < e->lines->len; i++) {
    BadExpectation *x = &g_array_index(e->lines, BadExpectation, i);
    g_free(x->file);
    g_free(x->text);
  }
  if (e->lines)
    g_array_free(e->lines, TRUE);
}

/* Parses one "FILE[:LINE]: SEVERITY: TEXT" line. */
static inline gboolean
bad_parse_line(const char *l, BadExpectation *x)
{
  const char *sev = strstr(l, ": error: ");
  const char *w = strstr(l, ": warning: ");
  if (!sev || (w && w < sev)) {
    sev = w;
    x->severity = CM_SEVERITY_WARNING;
  } else {
    x->severity = CM_SEVERITY_ERROR;
  }
  if (!sev)
    return FALSE;
  g_autofree char *where = g_strndup(l, (gsize)(sev - l));
  x->text = g_strdup(sev + (x->severity == CM_SEVERITY_ERROR ? 9 : 11));
  char *colon = strrchr(where, ':');
  x->line = 0;
  if (colon) {
    char *end = NULL;
    x->line = (guint)g_ascii_strtoull(colon + 1, &end, 10);
    if (end == colon + 1 || *end)
      return FALSE;
    *colon = '\0';
  }
  x->file = g_strdup(where);
  return TRUE;
}

static inline BadExpected
bad_expected_read(const char *case_dir)
{
  BadExpected e = {.lines = g_array_new(FALSE, TRUE, sizeof(BadExpectation))};
  g_autofree char *path = g_build_filename(case_dir, "expected", NULL);
  g_autofree char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL), "%s: no 'expected' file", case_dir);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    const char *l = g_strstrip(lines[i]);
    if (*l == '\0' || *l == '#')
      continue;
    if (strcmp(l, "accepted") == 0) {
      e.accepted = TRUE;
      continue;
    }
    if (strcmp(l, "more") == 0) {
      e.more = TRUE;
      continue;
    }
    BadExpectation x = {0};
    cr_assert(bad_parse_line(l, &x), "%s/expected:%u: cannot parse '%s'", case_dir, i + 1, l);
    g_array_append_val(e.lines, x);
  }
  return e;
}

/* Appends TEXT COUNT times ({i} = index) to FILE in dir. */
static inline void
bad_append(const char *dir, const char *file, const char *text, guint64 count)
{
  g_autofree char *path = g_build_filename(dir, file, NULL);
  FILE *f = fopen(path, "ab");
  cr_assert_not_null(f, "%s", path);
  g_auto(GStrv) parts = g_strsplit(text, "{i}", -1);
  if (!parts[1]) { /* no index: write in blocks */
    gsize len = strlen(text);
    g_autoptr(GString) block = g_string_new(NULL);
    guint64 per_block = MAX(1, (64u << 10) / MAX(len, 1));
    for (guint64 k = 0; k < MIN(per_block, count); k++)
      g_string_append_len(block, text, (gssize)len);
    for (guint64 left = count; left > 0;) {
      guint64 k = MIN(left, per_block);
      cr_assert_eq(fwrite(block->str, 1, k * len, f), k * len);
      left -= k;
    }
  } else {
    for (guint64 i = 0; i < count; i++)
      for (guint p = 0; parts[p]; p++) {
        if (p)
          fprintf(f, "%" G_GUINT64_FORMAT, i);
        fputs(parts[p], f);
      }
  }
  cr_assert_eq(fclose(f), 0);
}

/* The folder to load: case_dir itself, or a temporary copy with the `generate` steps applied
 * (*tmp set; remove it with cm_test_rmdir). (transfer full) */
static inline char *
bad_case_prepare(const char *case_dir, char **tmp)
{
  *tmp = NULL;
  g_autofree char *gen_path = g_build_filename(case_dir, "generate", NULL);
  g_autofree char *gen = NULL;
  if (!g_file_get_contents(gen_path, &gen, NULL, NULL))
    return g_strdup(case_dir);
  *tmp = cm_test_tmpdir();
  g_autoptr(GDir) d = g_dir_open(case_dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name(d))) {
    if (strcmp(name, "generate") == 0 || strcmp(name, "expected") == 0)
      continue;
    g_autofree char *src = g_build_filename(case_dir, name, NULL);
    g_autofree char *dst = g_build_filename(*tmp, name, NULL);
    g_autofree char *bytes = NULL;
    gsize len = 0;
    cr_assert(g_file_get_contents(src, &bytes, &len, NULL), "%s", src);
    cr_assert(g_file_set_contents(dst, bytes, (gssize)len, NULL), "%s", dst);
  }
  g_auto(GStrv) lines = g_strsplit(gen, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    const char *l = g_strstrip(lines[i]);
    if (*l == '\0' || *l == '#')
      continue;
    g_auto(GStrv) argv = NULL;
    gint argc = 0;
    cr_assert(g_shell_parse_argv(l, &argc, &argv, NULL) && argc == 4 &&
                  strcmp(argv[0], "append") == 0,
              "%s/generate:%u: expected 'append FILE \"TEXT\" COUNT'", case_dir, i + 1);
    g_autofree char *text = g_strcompress(argv[2]);
    bad_append(*tmp, argv[1], text, g_ascii_strtoull(argv[3], NULL, 10));
  }
  return g_strdup(*tmp);
}

/* One diagnostic as the runners see it (from the loader or from JSON). */
typedef struct {
  const char *file;
  guint line;
  CmSeverity severity;
  const char *message;
} BadSeen;

static inline gboolean
bad_matches(const BadExpectation *x, const BadSeen *d)
{
  g_autofree char *base = g_path_get_basename(d->file);
  return strcmp(base, x->file) == 0 && d->line == x->line && d->severity == x->severity &&
         strstr(d->message, x->text) != NULL;
}

/* Checks the seen diagnostics against the expectations; dump lists them for failure messages. */
static inline void
bad_check(const char *name, const BadExpected *e, const BadSeen *seen, guint n_seen, guint n_errors,
          guint n_warnings, gboolean refused, const char *dump)
{
  for (guint i = 0; i < e->lines->len; i++) {
    const BadExpectation *x = &g_array_index(e->lines, BadExpectation, i);
    gboolean found = FALSE;
    for (guint k = 0; k < n_seen && !found; k++)
      found = bad_matches(x, &seen[k]);
    cr_expect(found, "%s: missing %s:%u: %s: %s\nall diagnostics:\n%s", name, x->file, x->line,
              x->severity == CM_SEVERITY_ERROR ? "error" : "warning", x->text, dump);
  }
  if (!e->more)
    cr_expect_eq(n_errors + n_warnings, e->lines->len,
                 "%s: expected exactly %u diagnostic(s), got %u:\n%s", name, e->lines->len,
                 n_errors + n_warnings, dump);
  if (e->accepted)
    cr_expect(!refused && n_errors == 0, "%s: should be accepted:\n%s", name, dump);
  else
    cr_expect(refused && n_errors > 0, "%s: should be refused:\n%s", name, dump);
}
