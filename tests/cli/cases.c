/* Data-driven CLI tests: runs chainmap for every tests/cli/cases/NAME.case and checks its exit
 * status, output and files. The format is described in tests/cli/cases/README.md. */
#include "cli_run.h"

#include <criterion/parameterized.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>

#define CASES_DIR CM_SOURCE_DIR "/tests/cli/cases"

typedef struct {
  char file[128];
} CliCase;

typedef struct {
  char *name;       /* "stdout contains", "file PATH", ... */
  GPtrArray *lines; /* char * */
} Section;

typedef struct {
  char *path;
  char *args;
  int exit;
  gboolean has_exit;
  char *cwd;
  GPtrArray *env;   /* "KEY=VALUE" or "-KEY" */
  GPtrArray *mkdir; /* folders to create before the run */
  GPtrArray *sections;
} Case;

static void
section_free(gpointer p)
{
  Section *s = p;
  g_free(s->name);
  g_ptr_array_free(s->lines, TRUE);
  g_free(s);
}

static void
case_clear(Case *c)
{
  g_free(c->path);
  g_free(c->args);
  g_free(c->cwd);
  g_ptr_array_free(c->env, TRUE);
  g_ptr_array_free(c->mkdir, TRUE);
  g_ptr_array_free(c->sections, TRUE);
}

static Case
case_read(const char *path)
{
  Case c = {.path = g_strdup(path),
            .env = g_ptr_array_new_with_free_func(g_free),
            .mkdir = g_ptr_array_new_with_free_func(g_free),
            .sections = g_ptr_array_new_with_free_func(section_free)};
  g_autofree char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  Section *current = NULL;
  for (guint i = 0; lines[i]; i++) {
    const char *l = lines[i];
    if (!lines[i + 1] && *l == '\0')
      break; /* the file's final newline */
    if (g_str_has_prefix(l, "--- ")) {
      current = g_new0(Section, 1);
      current->name = g_strstrip(g_strdup(l + 4));
      current->lines = g_ptr_array_new_with_free_func(g_free);
      g_ptr_array_add(c.sections, current);
      continue;
    }
    if (current) {
      g_ptr_array_add(current->lines, g_strdup(l));
      continue;
    }
    g_autofree char *h = g_strstrip(g_strdup(l));
    if (*h == '\0' || *h == '#')
      continue;
    char *colon = strchr(h, ':');
    cr_assert_not_null(colon, "%s:%u: expected 'key: value'", path, i + 1);
    *colon = '\0';
    const char *key = h, *value = g_strstrip(colon + 1);
    if (strcmp(key, "args") == 0) {
      c.args = g_strdup(value);
    } else if (strcmp(key, "exit") == 0) {
      c.exit = atoi(value);
      c.has_exit = TRUE;
    } else if (strcmp(key, "env") == 0) {
      g_ptr_array_add(c.env, g_strdup(value));
    } else if (strcmp(key, "mkdir") == 0) {
      g_ptr_array_add(c.mkdir, g_strdup(value));
    } else if (strcmp(key, "cwd") == 0) {
      c.cwd = g_strdup(value);
    } else {
      cr_assert_fail("%s:%u: unknown key '%s' (args, exit, env, mkdir, cwd)", path, i + 1, key);
    }
  }
  cr_assert(c.args != NULL && c.has_exit, "%s: 'args:' and 'exit:' are required", path);
  return c;
}

/* Replaces @TMP@, @SRC@ and @DATA@. (transfer full) */
static char *
substitute(const char *s, const char *tmp)
{
  g_autoptr(GString) out = g_string_new(s);
  g_string_replace(out, "@TMP@", tmp, 0);
  g_string_replace(out, "@SRC@", CM_SOURCE_DIR, 0);
  g_string_replace(out, "@DATA@", CM_TEST_DATA, 0);
  return g_string_free(g_steal_pointer(&out), FALSE);
}

/* Lines of a section after substitution, trailing empty lines dropped, as exact text. */
static char *
section_text(const Section *s, const char *tmp)
{
  guint n = s->lines->len;
  while (n > 0 && *(const char *)g_ptr_array_index(s->lines, n - 1) == '\0')
    n--;
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < n; i++) {
    g_autofree char *l = substitute(g_ptr_array_index(s->lines, i), tmp);
    g_string_append_printf(out, "%s\n", l);
  }
  return g_string_free(out, FALSE);
}

/* ---- checks ---- */

static void
check_exact(const Case *c, const char *what, const char *actual, const Section *s, const char *tmp)
{
  g_autofree char *expected = section_text(s, tmp);
  cr_expect_str_eq(actual, expected, "%s: %s differs.\n--- expected\n%s--- actual\n%s", c->path,
                   what, expected, actual);
}

/* mode: "contains", "lacks" or "matches"; each non-empty line is one check. */
static void
check_lines(const Case *c, const char *what, const char *actual, const Section *s, const char *mode,
            const char *tmp)
{
  for (guint i = 0; i < s->lines->len; i++) {
    g_autofree char *l = substitute(g_ptr_array_index(s->lines, i), tmp);
    if (*l == '\0')
      continue;
    if (strcmp(mode, "contains") == 0) {
      cr_expect(strstr(actual, l) != NULL, "%s: %s lacks '%s':\n%s", c->path, what, l, actual);
    } else if (strcmp(mode, "lacks") == 0) {
      cr_expect(strstr(actual, l) == NULL, "%s: %s has '%s':\n%s", c->path, what, l, actual);
    } else {
      g_autoptr(GError) err = NULL;
      g_autoptr(GRegex) re = g_regex_new(l, G_REGEX_MULTILINE, 0, &err);
      cr_assert_not_null(re, "%s: bad regex '%s': %s", c->path, l, err->message);
      cr_expect(g_regex_match(re, actual, 0, NULL), "%s: %s does not match /%s/:\n%s", c->path,
                what, l, actual);
    }
  }
}

static gboolean
json_equal(JsonNode *a, JsonNode *b)
{
  if (JSON_NODE_TYPE(a) != JSON_NODE_TYPE(b))
    return FALSE;
  if (JSON_NODE_HOLDS_NULL(a))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE(a)) {
    GType ta = json_node_get_value_type(a), tb = json_node_get_value_type(b);
    gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
    gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;
    if (na && nb) {
      double x = json_node_get_double(a), y = json_node_get_double(b);
      return x == y || fabs(x - y) <= 1e-9 * MAX(fabs(x), fabs(y));
    }
    if (ta != tb)
      return FALSE;
    if (ta == G_TYPE_STRING)
      return strcmp(json_node_get_string(a), json_node_get_string(b)) == 0;
    return json_node_get_boolean(a) == json_node_get_boolean(b);
  }
  if (JSON_NODE_HOLDS_ARRAY(a)) {
    JsonArray *x = json_node_get_array(a), *y = json_node_get_array(b);
    if (json_array_get_length(x) != json_array_get_length(y))
      return FALSE;
    for (guint i = 0; i < json_array_get_length(x); i++)
      if (!json_equal(json_array_get_element(x, i), json_array_get_element(y, i)))
        return FALSE;
    return TRUE;
  }
  JsonObject *x = json_node_get_object(a), *y = json_node_get_object(b);
  if (json_object_get_size(x) != json_object_get_size(y))
    return FALSE;
  g_autoptr(GList) members = json_object_get_members(x);
  for (GList *m = members; m; m = m->next)
    if (!json_object_has_member(y, m->data) ||
        !json_equal(json_object_get_member(x, m->data), json_object_get_member(y, m->data)))
      return FALSE;
  return TRUE;
}

/* One line "PATH OP [VALUE]": == JSON, ~ substring, length N, exists, absent. Every match of
 * PATH must satisfy ==, ~ (and there must be one). */
static void
check_json_line(const Case *c, JsonNode *root, const char *line)
{
  g_auto(GStrv) parts = g_strsplit(line, " ", 3);
  cr_assert(parts[0] && parts[1], "%s: bad json check '%s'", c->path, line);
  const char *path = parts[0], *op = parts[1], *arg = parts[2] ? parts[2] : "";
  g_autoptr(GError) err = NULL;
  g_autoptr(JsonNode) result = json_path_query(path, root, &err);
  cr_assert_not_null(result, "%s: bad JSONPath '%s': %s", c->path, path, err->message);
  JsonArray *matches = json_node_get_array(result);
  guint n = json_array_get_length(matches);
  g_autofree char *got = json_to_string(result, FALSE);
  if (strcmp(op, "exists") == 0) {
    cr_expect_gt(n, 0, "%s: %s is absent", c->path, path);
    return;
  }
  if (strcmp(op, "absent") == 0) {
    cr_expect_eq(n, 0, "%s: %s is present: %s", c->path, path, got);
    return;
  }
  cr_expect_gt(n, 0, "%s: %s is absent", c->path, path);
  if (strcmp(op, "length") == 0) {
    cr_assert_eq(n, 1, "%s: %s matches %u nodes", c->path, path, n);
    JsonNode *node = json_array_get_element(matches, 0);
    guint len = JSON_NODE_HOLDS_ARRAY(node)    ? json_array_get_length(json_node_get_array(node))
                : JSON_NODE_HOLDS_OBJECT(node) ? json_object_get_size(json_node_get_object(node))
                                               : G_MAXUINT;
    cr_expect_eq(len, (guint)atoi(arg), "%s: %s has length %u, expected %s", c->path, path, len,
                 arg);
    return;
  }
  if (strcmp(op, "==") == 0) {
    g_autoptr(JsonNode) want = json_from_string(arg, &err);
    cr_assert_not_null(want, "%s: '%s' is not JSON: %s", c->path, arg, err ? err->message : "");
    for (guint i = 0; i < n; i++)
      cr_expect(json_equal(json_array_get_element(matches, i), want), "%s: %s is %s, expected %s",
                c->path, path, got, arg);
    return;
  }
  if (strcmp(op, "~") == 0) {
    for (guint i = 0; i < n; i++) {
      JsonNode *node = json_array_get_element(matches, i);
      const char *s = JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_STRING
                          ? json_node_get_string(node)
                          : "";
      cr_expect(strstr(s, arg) != NULL, "%s: %s is %s, expected it to contain '%s'", c->path, path,
                got, arg);
    }
    return;
  }
  cr_assert_fail("%s: unknown json check '%s' (==, ~, length, exists, absent)", c->path, op);
}

static void
check_json(const Case *c, const char *actual, const Section *s, const char *tmp)
{
  g_autoptr(GError) err = NULL;
  g_autoptr(JsonNode) root = json_from_string(actual, &err);
  cr_assert_not_null(root, "%s: stdout is not JSON (%s):\n%s", c->path,
                     err ? err->message : "empty", actual);
  for (guint i = 0; i < s->lines->len; i++) {
    g_autofree char *l = substitute(g_ptr_array_index(s->lines, i), tmp);
    g_strstrip(l);
    if (*l && *l != '#')
      check_json_line(c, root, l);
  }
}

/* Entries of a folder, -1 when it cannot be read. */
static int
dir_count(const char *path)
{
  g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
  if (!d)
    return -1;
  int n = 0;
  while (g_dir_read_name(d))
    n++;
  return n;
}

/* TRUE when path is a PNG file (signature, then the IHDR chunk); its size in *w, *h. */
static gboolean
png_size(const char *path, guint32 *w, guint32 *h)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &data, &len, NULL) || len < 24 ||
      memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(data + 12, "IHDR", 4) != 0)
    return FALSE;
  const guchar *u = (const guchar *)data;
  *w = (guint32)u[16] << 24 | (guint32)u[17] << 16 | (guint32)u[18] << 8 | u[19];
  *h = (guint32)u[20] << 24 | (guint32)u[21] << 16 | (guint32)u[22] << 8 | u[23];
  return TRUE;
}

/* Lines "exists PATH", "absent PATH", "empty DIR", "count DIR N", "png PATH" or "png PATH WxH"
 * (relative paths: to the working folder). */
static void
check_files(const Case *c, const Section *s, const char *tmp, const char *cwd)
{
  for (guint i = 0; i < s->lines->len; i++) {
    g_autofree char *l = substitute(g_ptr_array_index(s->lines, i), tmp);
    g_strstrip(l);
    if (*l == '\0' || *l == '#')
      continue;
    char *space = strchr(l, ' ');
    cr_assert_not_null(space, "%s: bad files check '%s'", c->path, l);
    *space = '\0';
    char *arg = g_strstrip(space + 1);
    int want = -1;
    guint want_w = 0, want_h = 0;
    if (strcmp(l, "png") == 0) {
      char *last = strrchr(arg, ' ');
      if (last && sscanf(last + 1, "%ux%u", &want_w, &want_h) == 2)
        *last = '\0';
    }
    if (strcmp(l, "count") == 0) {
      char *last = strrchr(arg, ' ');
      cr_assert_not_null(last, "%s: 'count DIR N'", c->path);
      *last = '\0';
      want = atoi(last + 1);
    }
    g_autofree char *path =
        g_path_is_absolute(arg) ? g_strdup(arg) : g_build_filename(cwd, arg, NULL);
    if (strcmp(l, "exists") == 0)
      cr_expect(g_file_test(path, G_FILE_TEST_EXISTS), "%s: %s is missing", c->path, path);
    else if (strcmp(l, "absent") == 0)
      cr_expect(!g_file_test(path, G_FILE_TEST_EXISTS), "%s: %s exists", c->path, path);
    else if (strcmp(l, "empty") == 0)
      cr_expect_eq(dir_count(path), 0, "%s: folder %s is not empty (or missing)", c->path, path);
    else if (strcmp(l, "count") == 0)
      cr_expect_eq(dir_count(path), want, "%s: folder %s holds %d entries, expected %d", c->path,
                   path, dir_count(path), want);
    else if (strcmp(l, "png") == 0) {
      guint32 w = 0, h = 0;
      cr_expect(png_size(path, &w, &h), "%s: %s is not a PNG file", c->path, path);
      if (want_w)
        cr_expect(w == want_w && h == want_h, "%s: %s is %ux%u, expected %ux%u", c->path, path, w,
                  h, want_w, want_h);
    } else
      cr_assert_fail("%s: unknown files check '%s' (exists, absent, empty, count, png)", c->path,
                     l);
  }
}

/* "file PATH" or "file PATH contains|lacks|matches" */
static void
check_file_section(const Case *c, const Section *s, const char *tmp, const char *cwd)
{
  g_autofree char *spec = substitute(s->name + strlen("file "), tmp);
  g_auto(GStrv) words = g_strsplit(g_strstrip(spec), " ", 2);
  const char *arg = words[0];
  const char *mode = words[1] ? g_strstrip(words[1]) : NULL;
  g_autofree char *path =
      g_path_is_absolute(arg) ? g_strdup(arg) : g_build_filename(cwd, arg, NULL);
  g_autofree char *content = NULL;
  cr_assert(g_file_get_contents(path, &content, NULL, NULL), "%s: cannot read %s", c->path, path);
  if (!mode)
    check_exact(c, path, content, s, tmp);
  else
    check_lines(c, path, content, s, mode, tmp);
}

static void
run_case(const char *path)
{
  Case c = case_read(path);
  g_autofree char *tmp = cm_test_tmpdir();
  g_autofree char *cwd_rel = c.cwd ? substitute(c.cwd, tmp) : g_strdup(".");
  g_autofree char *cwd = g_path_is_absolute(cwd_rel)
                             ? g_strdup(cwd_rel)
                             : g_build_filename(CM_SOURCE_DIR, cwd_rel, NULL);
  for (guint i = 0; i < c.mkdir->len; i++) {
    g_autofree char *d = substitute(g_ptr_array_index(c.mkdir, i), tmp);
    g_autofree char *p = g_path_is_absolute(d) ? g_strdup(d) : g_build_filename(cwd, d, NULL);
    cr_assert_eq(g_mkdir_with_parents(p, 0755), 0, "%s: cannot create %s", c.path, p);
  }
  g_autofree char *args = substitute(c.args, tmp);
  g_auto(GStrv) argv = NULL;
  gint argc = 0;
  g_autoptr(GError) err = NULL;
  if (*args && !g_shell_parse_argv(args, &argc, &argv, &err))
    cr_assert_fail("%s: bad args: %s", c.path, err->message);
  g_auto(GStrv) env = g_get_environ();
  for (guint i = 0; i < c.env->len; i++) {
    g_autofree char *e = substitute(g_ptr_array_index(c.env, i), tmp);
    if (*e == '-') {
      env = g_environ_unsetenv(env, e + 1);
      continue;
    }
    char *eq = strchr(e, '=');
    cr_assert_not_null(eq, "%s: env wants KEY=VALUE or -KEY", c.path);
    *eq = '\0';
    env = g_environ_setenv(env, e, eq + 1, TRUE);
  }
  CmCliResult r = cm_cli_run_in(cwd, (const char *const *)argv, (const char *const *)env);
  cm_cli_expect_clean(c.path, &r);
  cr_expect_eq(r.exit, c.exit, "%s: exit %d, expected %d\n--- stdout\n%s--- stderr\n%s", c.path,
               r.exit, c.exit, r.out, r.err);
  for (guint i = 0; i < c.sections->len; i++) {
    const Section *s = g_ptr_array_index(c.sections, i);
    const char *n = s->name;
    gboolean out = g_str_has_prefix(n, "stdout"), errs = g_str_has_prefix(n, "stderr");
    if ((out || errs) && strlen(n) == 6) {
      check_exact(&c, n, out ? r.out : r.err, s, tmp);
    } else if ((out || errs) && n[6] == ' ') {
      const char *mode = n + 7;
      if (strcmp(mode, "json") == 0 && out)
        check_json(&c, r.out, s, tmp);
      else if (strcmp(mode, "contains") == 0 || strcmp(mode, "lacks") == 0 ||
               strcmp(mode, "matches") == 0)
        check_lines(&c, out ? "stdout" : "stderr", out ? r.out : r.err, s, mode, tmp);
      else
        cr_assert_fail("%s: unknown section '--- %s'", c.path, n);
    } else if (strcmp(n, "files") == 0) {
      check_files(&c, s, tmp, cwd);
    } else if (g_str_has_prefix(n, "file ")) {
      check_file_section(&c, s, tmp, cwd);
    } else {
      cr_assert_fail("%s: unknown section '--- %s'", c.path, n);
    }
  }
  cm_cli_result_clear(&r);
  cm_test_rmdir(tmp);
  case_clear(&c);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static GPtrArray *
case_files(void)
{
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GDir) dir = g_dir_open(CASES_DIR, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name(dir)))
    if (g_str_has_suffix(name, ".case"))
      g_ptr_array_add(names, g_strdup(name));
  g_ptr_array_sort(names, compare_names);
  return names;
}

ParameterizedTestParameters(cli, cases)
{
  g_autoptr(GPtrArray) names = case_files();
  CliCase *cases = cr_malloc(sizeof(CliCase) * MAX(names->len, 1));
  for (guint i = 0; i < names->len; i++)
    g_strlcpy(cases[i].file, g_ptr_array_index(names, i), sizeof cases[i].file);
  return cr_make_param_array(CliCase, cases, names->len);
}

ParameterizedTest(CliCase *p, cli, cases, .timeout = 120)
{
  g_autofree char *path = g_build_filename(CASES_DIR, p->file, NULL);
  run_case(path);
}

Test(cli, case_files_exist)
{
  g_autoptr(GPtrArray) names = case_files();
  cr_assert_geq(names->len, 10);
}
