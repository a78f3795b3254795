/* libFuzzer target: the CSV reader on bytes in memory, in each encoding mode (auto, which falls
 * back to GB18030 for text that is not UTF-8; utf-8; gb18030). Checks what callers rely on:
 * every record has fields, fields are trimmed valid UTF-8, rows have the header's width, lines
 * never go back or past the input, a FALSE return comes with an error, and list splitting gives
 * trimmed non-empty items. About one input in 256 is also read behind a run of leading spaces
 * that puts the reader's 1 MiB chunk boundary inside the input (split UTF-8 and GB18030
 * sequences are carried across it). Every input is read twice, with and without the fast path
 * of csv.c (fast_line(), which splits plain lines without libcsv): the records and diagnostics
 * must be the same, or the fuzzer aborts. */
#include "cm_csv.h"
#include "fuzz_common.h"

#include <string.h>

/* csv.c reads in chunks of this size (its CHUNK_BYTES). */
#define READER_CHUNK (1u << 20)
#define MAX_ITEMS 16

typedef struct {
  GString *seen;    /* every record and diagnostic, to compare the two paths */
  gboolean has_nul; /* GB18030 decodes a NUL byte to U+0000, which ends a field's C string */
  guint records;
  guint header_fields;
  guint last_line;
  guint max_line; /* physical lines of the input */
} Check;

static gboolean
is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static gboolean
is_trimmed(const char *s)
{
  gsize n = strlen(s);
  return n == 0 || (!is_space(s[0]) && !is_space(s[n - 1]));
}

static void
check_list(const char *field)
{
  g_autofree char *buf = g_strdup(field);
  gsize len = strlen(buf);
  char *items[MAX_ITEMS];
  guint n = cm_csv_split_list(buf, items, MAX_ITEMS);
  CM_FUZZ_CHECK(n <= MAX_ITEMS);
  for (guint i = 0; i < n; i++) {
    CM_FUZZ_CHECK(items[i] >= buf && items[i] < buf + len);
    /* items are trimmed with g_strstrip, whose white space has no '\v' (fields' trim has it) */
    gsize n_item = strlen(items[i]);
    CM_FUZZ_CHECK(n_item > 0 && !g_ascii_isspace(items[i][0]) &&
                  !g_ascii_isspace(items[i][n_item - 1]));
    CM_FUZZ_CHECK(strchr(items[i], ';') == NULL && strstr(items[i], "；") == NULL);
  }
}

static void
on_record(const CmCsvRecord *rec, gpointer user_data)
{
  Check *c = user_data;
  CM_FUZZ_CHECK(rec->n_fields >= 1 && rec->fields != NULL);
  CM_FUZZ_CHECK(rec->line >= 1 && rec->line >= c->last_line && rec->line <= c->max_line);
  c->last_line = rec->line;
  g_string_append_printf(c->seen, "%u:%u", rec->line, rec->n_fields);
  for (guint i = 0; i < rec->n_fields; i++) {
    g_string_append_c(c->seen, '|');
    g_string_append(c->seen, rec->fields[i] ? rec->fields[i] : "(null)");
  }
  g_string_append_c(c->seen, '\n');
  if (c->records++ == 0)
    c->header_fields = rec->n_fields;
  else
    CM_FUZZ_CHECK(rec->n_fields == c->header_fields);
  for (guint i = 0; i < rec->n_fields; i++) {
    const char *f = rec->fields[i];
    CM_FUZZ_CHECK(f != NULL);
    CM_FUZZ_CHECK(g_utf8_validate(f, -1, NULL));
    CM_FUZZ_CHECK(is_trimmed(f) || c->has_nul);
    check_list(f);
  }
}

/* What one read gave: the records and diagnostics, and the return value. (transfer full) */
static GString *
read_once(const char *data, gsize size, CmEncoding encoding, guint max_line, gboolean has_nul,
          gboolean no_fast_path)
{
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  CmCsvSource src = {
      .display = "fuzz.csv",
      .encoding = encoding,
      .diags = diags,
      .data = data,
      .data_len = size,
      .no_fast_path = no_fast_path,
  };
  Check c = {.seen = g_string_new(NULL), .max_line = max_line, .has_nul = has_nul};
  gboolean ok = cm_csv_read(&src, on_record, &c);
  CM_FUZZ_CHECK(ok || cm_diagnostics_errors(diags) > 0);
  if (ok && c.records == 0) /* an empty table is an error, but the read itself succeeded */
    CM_FUZZ_CHECK(cm_diagnostics_errors(diags) > 0);
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    const CmDiagnostic *d = cm_diagnostics_get(diags, i);
    CM_FUZZ_CHECK(d->line <= max_line);
    g_autofree char *text = cm_diagnostic_format(d);
    CM_FUZZ_CHECK(g_utf8_validate(text, -1, NULL));
    g_string_append_printf(c.seen, "%s\n", text);
  }
  g_string_append_printf(c.seen, "ok=%d\n", ok);
  return c.seen;
}

static void
read_as(const char *data, gsize size, CmEncoding encoding, guint max_line, gboolean has_nul)
{
  g_autoptr(GString) fast = read_once(data, size, encoding, max_line, has_nul, FALSE);
  g_autoptr(GString) libcsv = read_once(data, size, encoding, max_line, has_nul, TRUE);
  if (!g_string_equal(fast, libcsv)) {
    fprintf(stderr, "fuzz_csv: the fast path and libcsv differ\n--- fast path\n%s--- libcsv\n%s",
            fast->str, libcsv->str);
    abort();
  }
}

static guint
count_lines(const char *data, gsize size)
{
  guint n = 1;
  for (gsize i = 0; i < size; i++)
    n += data[i] == '\n';
  return n;
}

/* max_line and has_nul come from the input before padding (spaces change neither) */
static void
read_all_modes(const char *data, gsize size, guint max_line, gboolean has_nul)
{
  read_as(data, size, CM_ENCODING_AUTO, max_line, has_nul);
  read_as(data, size, CM_ENCODING_UTF8, max_line, has_nul);
  read_as(data, size, CM_ENCODING_GB18030, max_line, has_nul);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  const char *text = size > 0 ? (const char *)data : "";
  guint max_line = count_lines(text, size);
  gboolean has_nul = memchr(text, '\0', size) != NULL;
  read_all_modes(text, size, max_line, has_nul);

  /* FNV-1a picks the inputs read across a chunk boundary and where the boundary falls */
  guint32 h = 2166136261u;
  for (size_t i = 0; i < size; i++)
    h = (h ^ data[i]) * 16777619u;
  if (size < 2 || (h & 255) != 0)
    return 0;
  gsize at = 1 + (h >> 8) % (size - 1); /* boundary before input byte `at` */
  gsize pad = READER_CHUNK - at;
  g_autofree char *padded = g_malloc(pad + size);
  memset(padded, ' ', pad);
  memcpy(padded + pad, data, size);
  read_all_modes(padded, pad + size, max_line, has_nul);
  return 0;
}
