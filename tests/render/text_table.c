/* The text table's storage and fast paths: printable ASCII cells, wide (CJK) cells, cells with
 * control characters, wrapped cells, colours, repeated cells and cells that are not copied.
 * Every expected table is worked out by hand in the comment above it. */
#include "text_table.h"

#include <criterion/criterion.h>
#include <string.h>

static char *
write_table(const CmTextTable *t, const char *indent, gboolean color)
{
  GString *out = g_string_new(NULL);
  cm_text_table_write(t, out, indent, color);
  return g_string_free(out, FALSE);
}

Test(text_table, ascii_cells_pad_by_length)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(3);
  cm_text_table_column(t, 0, "#", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 1, "Name", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 2, "Value", CM_ALIGN_RIGHT, 0);
  cm_text_table_row(t);
  cm_text_table_cell_uint(t, 0, 1);
  cm_text_table_cell(t, 1, "alpha");
  cm_text_table_cell(t, 2, "1,234.5");
  cm_text_table_row(t);
  cm_text_table_cell_uint(t, 0, 22);
  cm_text_table_cell(t, 1, "b");
  cm_text_table_cell(t, 2, "0.0");
  g_autofree char *got = write_table(t, "  ", FALSE);
  /* widths: # max(1, 1, 2) = 2; Name max(4, 5, 1) = 5; Value max(5, 7, 3) = 7. The last column
   * is right-aligned, so every line is 2 + 2 + 2 + 5 + 2 + 7 = 20 wide:
   * "  " " #" "  " "Name " "  " "  Value" */
  cr_assert_str_eq(got, "   #  Name     Value\n"
                        "  --  -----  -------\n"
                        "   1  alpha  1,234.5\n"
                        "  22  b          0.0\n");
}

Test(text_table, wide_characters_take_two_cells)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(3);
  cm_text_table_column(t, 0, "Id", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 1, "名称", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 2, "Region", CM_ALIGN_LEFT, 0);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "e1");
  cm_text_table_cell(t, 1, "宁德时代");
  cm_text_table_cell(t, 2, "福建");
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "e22");
  cm_text_table_cell(t, 1, "ATL");
  cm_text_table_cell(t, 2, "Fujian/宁德");
  g_autofree char *got = write_table(t, "", FALSE);
  /* widths: Id max(2, 2, 3) = 3; 名称 max(4, 8, 3) = 8; Region max(6, 4, 7 + 4) = 11. The last
   * column is left-aligned and not padded. 名称 is 4 cells, so 4 spaces of padding. */
  cr_assert_str_eq(got, "Id   名称      Region\n"
                        "---  --------  -----------\n"
                        "e1   宁德时代  福建\n"
                        "e22  ATL       Fujian/宁德\n");
}

Test(text_table, control_characters_and_a_wrapped_cell)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(2);
  cm_text_table_column(t, 0, "Name", CM_ALIGN_LEFT, 10);
  cm_text_table_column(t, 1, "N", CM_ALIGN_RIGHT, 0);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "evil\tname\033[2J");
  cm_text_table_cell_uint(t, 1, 7);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "宁德时代新能源 CATL batteries");
  cm_text_table_cell_uint(t, 1, 12);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "ok");
  cm_text_table_cell_uint(t, 1, 3);
  g_autofree char *got = write_table(t, "", FALSE);
  /* Row 1 shows the tab and ESC visibly, "evil\\tname\\x1b[2J", 17 cells > 10 without a space:
   * it breaks after 10 cells, "evil\\tname" + "\\x1b[2J". Row 2 is 7 wide characters (14 cells) and
   * " CATL batteries": 5 wide characters fill 10 cells ("宁德时代新"); then "能源 CATL" (9 cells,
   * "batteries" would make 19); then "batteries". Name is 10 wide, N max(1, 1, 2, 1) = 2. N is
   * right-aligned, so lines keep their trailing spaces: each line is 10 + 2 + 2 = 14 wide. */
  cr_assert_str_eq(got, "Name         N\n"
                        "----------  --\n"
                        "evil\\tname   7\n"
                        "\\x1b[2J       \n"
                        "宁德时代新  12\n"
                        "能源 CATL     \n"
                        "batteries     \n"
                        "ok           3\n");
  /* the cell keeps the text as set */
  cr_assert_str_eq(cm_text_table_get(t, 0, 0), "evil\tname\033[2J");
  cr_assert_str_eq(cm_text_table_get(t, 2, 1), "3");
}

Test(text_table, colours_skip_empty_cells_and_uncoloured_rows)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(2);
  cm_text_table_column(t, 0, "A", CM_ALIGN_LEFT, 0);
  cm_text_table_column(t, 1, "B", CM_ALIGN_LEFT, 0);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "x");
  cm_text_table_color(t, 0, "31");
  cm_text_table_cell(t, 1, "y");
  cm_text_table_row(t);
  cm_text_table_color(t, 0, "32"); /* on an empty cell: nothing to colour */
  cm_text_table_cell(t, 1, "w");
  cm_text_table_row(t); /* no colour set on this row at all */
  cm_text_table_cell(t, 0, "z");
  g_autofree char *got = write_table(t, "", TRUE);
  /* both columns are 1 wide; titles are bold; the empty cell is one space of padding; the last
   * row "z", "  ", "" loses its trailing spaces */
  cr_assert_str_eq(got, "\033[1mA\033[0m  \033[1mB\033[0m\n"
                        "-  -\n"
                        "\033[31mx\033[0m  y\n"
                        "   w\n"
                        "z\n");
}

Test(text_table, repeated_and_invalid_cells)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(1);
  cm_text_table_column(t, 0, "C", CM_ALIGN_LEFT, 0);
  static const char *const cells[] = {"宁德", "宁德", "宁波", "\xff宁", "宁德"};
  for (guint i = 0; i < G_N_ELEMENTS(cells); i++) {
    cm_text_table_row(t);
    cm_text_table_cell(t, 0, cells[i]);
  }
  g_autofree char *got = write_table(t, "", FALSE);
  /* the invalid byte becomes U+FFFD (one cell): "\xef\xbf\xbd宁" is 3 cells; the column is 4 */
  cr_assert_str_eq(got, "C\n"
                        "----\n"
                        "宁德\n"
                        "宁德\n"
                        "宁波\n"
                        "\xef\xbf\xbd宁\n"
                        "宁德\n");
  cr_assert_str_eq(cm_text_table_get(t, 3, 0), "\xef\xbf\xbd宁");
  cr_assert_str_eq(cm_text_table_get(t, 4, 0), "宁德");
}

Test(text_table, static_ascii_cells_are_not_copied)
{
  static const char id[] = "e42";
  char temporary[] = "temp";
  g_autoptr(CmTextTable) t = cm_text_table_new(3);
  cm_text_table_row(t);
  cm_text_table_cell_static(t, 0, id);
  cm_text_table_cell(t, 1, temporary);
  cm_text_table_cell_static(t, 2, "链主 leader"); /* not ASCII: measured and copied */
  temporary[0] = 'T';
  cr_assert_eq(cm_text_table_get(t, 0, 0), id);
  cr_assert_str_eq(cm_text_table_get(t, 0, 1), "temp");
  cr_assert_str_eq(cm_text_table_get(t, 0, 2), "链主 leader");
  g_autofree char *got = write_table(t, "", FALSE);
  /* untitled columns: 3, 4 and 11 cells (链主 is 4) */
  cr_assert_str_eq(got, "\n---  ----  -----------\ne42  temp  链主 leader\n");
}

Test(text_table, numbers_without_printf)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(4);
  cm_text_table_row(t);
  cm_text_table_cell_uint(t, 0, 0);
  cm_text_table_cell_uint(t, 1, 1000);
  cm_text_table_cell_uint(t, 2, G_MAXUINT64);
  char longer[300];
  memset(longer, 'a', sizeof longer - 1);
  longer[sizeof longer - 1] = '\0';
  cm_text_table_cellf(t, 3, "%s!", longer); /* longer than cellf's buffer */
  cr_assert_str_eq(cm_text_table_get(t, 0, 0), "0");
  cr_assert_str_eq(cm_text_table_get(t, 0, 1), "1000");
  cr_assert_str_eq(cm_text_table_get(t, 0, 2), "18446744073709551615");
  cr_assert_eq(strlen(cm_text_table_get(t, 0, 3)), sizeof longer);
  cr_assert_eq(cm_text_table_get(t, 0, 3)[sizeof longer - 1], '!');
}

Test(text_table, static_chinese_cells_are_not_copied_but_escapes_still_are)
{
  static const char name[] = "宁德时代（CATL）";
  /* U+202E (a bidi override) and é as e + U+0301 leave the fast path: stored as shown */
  static const char evil[] = "宁德\xe2\x80\xae"
                             "abc";
  static const char accent[] = "Cafe\xcc\x81 宁";
  g_autoptr(CmTextTable) t = cm_text_table_new(3);
  cm_text_table_row(t);
  cm_text_table_cell_static(t, 0, name);
  cm_text_table_cell_static(t, 1, evil);
  cm_text_table_cell_static(t, 2, accent);
  cr_expect_eq(cm_text_table_get(t, 0, 0), name, "valid text that outlives the table is kept");
  cr_expect_str_eq(cm_text_table_get(t, 0, 1), evil);
  g_autofree char *got = write_table(t, "", FALSE);
  /* 宁德时代 8 cells + （ 2 + CATL 4 + ） 2 = 16; the override shows as <U+202E>: 宁德 4 + 8 +
   * abc 3 = 15; Cafe + combining accent (0 cells) + space + 宁 = 7 */
  cr_expect_str_eq(got, "\n"
                        "----------------  ---------------  -------\n"
                        "宁德时代（CATL）  宁德<U+202E>abc  Cafe\xcc\x81 宁\n");
}

Test(text_table, repeated_wrapped_cells_wrap_alike)
{
  /* A B A down one column of limit 6: the wrapped lines of the row before are reused only for
   * the same text. "aaa bbb ccc" wraps to "aaa" / "bbb" / "ccc"; "dddd eeee" to "dddd" / "eeee" */
  static const char a[] = "aaa bbb ccc", b[] = "dddd eeee";
  g_autoptr(CmTextTable) t = cm_text_table_new(1);
  cm_text_table_column(t, 0, "C", CM_ALIGN_LEFT, 6);
  const char *rows[] = {a, a, b, a};
  for (guint i = 0; i < G_N_ELEMENTS(rows); i++) {
    cm_text_table_row(t);
    cm_text_table_cell_static(t, 0, rows[i]);
  }
  g_autofree char *got = write_table(t, "", FALSE);
  cr_expect_str_eq(got, "C\n----\naaa\nbbb\nccc\naaa\nbbb\nccc\ndddd\neeee\naaa\nbbb\nccc\n");
}

/* A table long enough to be written on two threads (blocks of rows, every other one formatted
 * on the second): every row in its place, whole or flushed piece by piece, and a flush that
 * fails stops the write without waiting on the second thread. */
enum { LONG_ROWS = 40000 };

static CmTextTable *
long_table(void)
{
  CmTextTable *t = cm_text_table_new(2);
  cm_text_table_column(t, 0, "#", CM_ALIGN_RIGHT, 0);
  cm_text_table_column(t, 1, "Text", CM_ALIGN_LEFT, 6);
  for (guint i = 1; i <= LONG_ROWS; i++) {
    cm_text_table_row(t);
    cm_text_table_cell_uint(t, 0, i);
    cm_text_table_cell_static(t, 1, i % 2 ? "ccc" : "aaaaa bbbbb");
  }
  return t;
}

/* By hand: "#" is 5 wide (40000), "Text" 5 (aaaaa, bbbbb); an even row wraps to two lines, the
 * second under an empty number; the last column is left-aligned, so no line ends in spaces. */
static char *
long_table_expected(void)
{
  GString *s = g_string_new("    #  Text\n-----  -----\n");
  for (guint i = 1; i <= LONG_ROWS; i++) {
    if (i % 2)
      g_string_append_printf(s, "%5u  ccc\n", i);
    else
      g_string_append_printf(s, "%5u  aaaaa\n       bbbbb\n", i);
  }
  return g_string_free(s, FALSE);
}

typedef struct {
  GString *got;
  guint calls, fail_at;
} Collect;

static gboolean
collect(GString *out, gpointer data)
{
  Collect *c = data;
  if (++c->calls == c->fail_at)
    return FALSE;
  if (out->len >= 4096 || c->fail_at == 0) {
    g_string_append_len(c->got, out->str, (gssize)out->len);
    g_string_truncate(out, 0);
  }
  return TRUE;
}

/* got equals want; else the first line where they part (the whole would be megabytes). */
static void
expect_same_text(const char *got, const char *want, const char *what)
{
  gsize at = 0;
  while (got[at] && got[at] == want[at])
    at++;
  if (!got[at] && !want[at])
    return;
  const char *line = got + at;
  while (line > got && line[-1] != '\n')
    line--;
  g_autofree char *shown = g_strndup(line, strcspn(line, "\n"));
  g_autofree char *expected = g_strndup(want + (line - got), strcspn(want + (line - got), "\n"));
  cr_expect_fail("%s: at byte %zu the line is \"%s\", expected \"%s\"", what, at, shown, expected);
}

Test(text_table, a_long_table_is_written_whole_or_flushed_in_order)
{
  g_autoptr(CmTextTable) t = long_table();
  g_autofree char *want = long_table_expected();
  g_autofree char *whole = write_table(t, "", FALSE);
  expect_same_text(whole, want, "whole");
  g_autoptr(GString) out = g_string_new(NULL);
  Collect c = {g_string_new(NULL), 0, 0};
  cr_expect(cm_text_table_write_flushing(t, out, "", FALSE, collect, &c));
  g_string_append_len(c.got, out->str, (gssize)out->len);
  expect_same_text(c.got->str, want, "flushed");
  g_string_free(c.got, TRUE);
}

Test(text_table, a_failing_flush_stops_a_long_table, .timeout = 30)
{
  g_autoptr(CmTextTable) t = long_table();
  for (guint fail_at = 1; fail_at < 40; fail_at += 7) {
    g_autoptr(GString) out = g_string_new(NULL);
    Collect c = {g_string_new(NULL), 0, fail_at};
    cr_expect_not(cm_text_table_write_flushing(t, out, "", FALSE, collect, &c));
    cr_expect_eq(c.calls, fail_at, "flushed on after failing (%u calls, failed at %u)", c.calls,
                 fail_at);
    g_string_free(c.got, TRUE);
  }
}

/* Rows appended from other tables (as a table filled on two threads is) keep their storage: the
 * rows read back in order through the parts, colours included, and rows added after an append go
 * after it. Four parts: a b (table), c (more), d e (more2, itself with f appended), then g. */
Test(text_table, appended_rows_read_and_write_in_order)
{
  g_autoptr(CmTextTable) t = cm_text_table_new(1);
  cm_text_table_column(t, 0, "X", CM_ALIGN_LEFT, 0);
  const char *const own[] = {"a", "b"};
  for (guint i = 0; i < 2; i++) {
    cm_text_table_row(t);
    cm_text_table_cell(t, 0, own[i]);
  }
  CmTextTable *more = cm_text_table_new(1);
  cm_text_table_row(more);
  cm_text_table_cell(more, 0, "c");
  cm_text_table_color(more, 0, "31");
  CmTextTable *more2 = cm_text_table_new(1), *more3 = cm_text_table_new(1);
  cm_text_table_row(more2);
  cm_text_table_cell(more2, 0, "d");
  cm_text_table_row(more2);
  cm_text_table_cell(more2, 0, "e");
  cm_text_table_row(more3);
  cm_text_table_cell(more3, 0, "f");
  cm_text_table_append_rows(more2, more3);
  cm_text_table_append_rows(t, more);
  cm_text_table_append_rows(t, cm_text_table_new(1)); /* no rows: nothing changes */
  cm_text_table_append_rows(t, more2);
  cm_text_table_row(t);
  cm_text_table_cell(t, 0, "g");
  cm_text_table_color(t, 0, "32");
  cr_assert_eq(cm_text_table_n_rows(t), 7);
  const char *const want[] = {"a", "b", "c", "d", "e", "f", "g"};
  for (guint r = 0; r < 7; r++)
    cr_expect_str_eq(cm_text_table_get(t, r, 0), want[r], "row %u", r);
  g_autofree char *plain = write_table(t, "", FALSE);
  cr_expect_str_eq(plain, "X\n-\na\nb\nc\nd\ne\nf\ng\n");
  /* c in red, g in green: the colours of every part stay with their rows */
  g_autofree char *colored = write_table(t, "", TRUE);
  cr_expect(strstr(colored, "b\n\033[31mc\033[0m\nd\n") != NULL, "got %s", colored);
  cr_expect(strstr(colored, "f\n\033[32mg\033[0m\n") != NULL, "got %s", colored);
}

/* Static text is measured and wrapped once per address: 100 texts of 1 to 20 letters "x" (so
 * that many share a slot of the caches), in a column of limit 5, in a shuffled order on 1000
 * rows. Each cell must still wrap as its own text: n letters take ceil(n / 5) lines, the last
 * with n - 5 (lines - 1) letters. The same rows set as copies (never cached by address) write
 * the same text. */
Test(text_table, cells_cached_by_address_stay_their_own)
{
  static char texts[100][21];
  for (guint i = 0; i < 100; i++) {
    guint n = i % 20 + 1;
    memset(texts[i], 'x', n);
    texts[i][n] = '\0';
  }
  g_autoptr(CmTextTable) cached = cm_text_table_new(1), copied = cm_text_table_new(1);
  cm_text_table_column(cached, 0, "T", CM_ALIGN_LEFT, 5);
  cm_text_table_column(copied, 0, "T", CM_ALIGN_LEFT, 5);
  g_autoptr(GString) want = g_string_new("T\n-----\n");
  for (guint r = 0; r < 1000; r++) {
    guint i = (r * 37 + r / 7) % 100, n = i % 20 + 1;
    cm_text_table_row(cached);
    cm_text_table_cell_static(cached, 0, texts[i]);
    cm_text_table_row(copied);
    cm_text_table_cell(copied, 0, texts[i]);
    for (guint left = n; left > 0; left -= MIN(left, 5u)) {
      g_string_append_len(want, texts[i], MIN(left, 5u));
      g_string_append_c(want, '\n');
    }
  }
  g_autofree char *got = write_table(cached, "", FALSE);
  g_autofree char *got_copied = write_table(copied, "", FALSE);
  expect_same_text(got, want->str, "static");
  expect_same_text(got_copied, want->str, "copied");
}
