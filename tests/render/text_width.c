/* Display width and sanitising shortcuts against the plain GLib definitions they replace: every
 * code point for the width, and tricky and random byte strings for sanitising. */
#include "text_private.h"
#include "text_table.h"

#include "cm_text_escape.h"

#include <criterion/criterion.h>
#include <string.h>

/* The definition: combining marks and other zero-width characters take no cell, East Asian wide
 * ones two, everything else one. */
static guint
glib_width(gunichar c)
{
  if (g_unichar_iszerowidth(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

Test(text_width, every_code_point_as_glib_says)
{
  for (gunichar c = 0; c < 0x110000; c++)
    if (cm_text__char_width(c) != glib_width(c))
      cr_assert_fail("U+%04X: %u cells, GLib says %u", c, cm_text__char_width(c), glib_width(c));
}

Test(text_width, strings_add_up_their_characters)
{
  /* a (1) + e with U+0301 (1 + 0) + 宁 (2) + U+200B (0) + ｗ (2) + U+00AD soft hyphen (1) = 7 */
  cr_assert_eq(cm_text_width("ae\xcc\x81宁\xe2\x80\x8bｗ\xc2\xad"), 7);
  cr_assert_eq(cm_text__width_len("宁德时代", 6), 4); /* the first two characters */
  cr_assert_eq(cm_text_width(""), 0);
}

/* cm_text_sanitize by its definition: repair, then every C0 control and DEL as \xNN (line
 * break, carriage return and tab as \n \r \t), every C1 control and bidi embedding, override or
 * isolate (U+202A-U+202E, U+2066-U+2069) as <U+XXXX>. */
static char *
sanitize_by_definition(const char *text)
{
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *out = g_string_new(NULL);
  for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == '\n' || c == '\r' || c == '\t')
      g_string_append(out, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
    else if (c < 0x20 || c == 0x7f)
      g_string_append_printf(out, "\\x%02x", c);
    else if ((c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
             (c >= 0x2066 && c <= 0x2069))
      g_string_append_printf(out, "<U+%04X>", c);
    else
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
  }
  return g_string_free(out, FALSE);
}

static void
expect_sanitized(const char *text)
{
  g_autofree char *got = cm_text_sanitize(text);
  g_autofree char *want = sanitize_by_definition(text);
  cr_assert_str_eq(got, want);
  cr_assert_eq(cm_text__has_control(want), FALSE);
}

Test(text_width, sanitize_agrees_with_its_definition)
{
  static const char *const tricky[] = {"",
                                       "plain",
                                       "tab\there",
                                       "\033[31mred\033[0m",
                                       "del\x7f",
                                       "nel\xc2\x85",
                                       "\xc2\x9f",
                                       "\xc2\xa0nbsp",
                                       "宁德\n",
                                       "\xff\xfe",
                                       "\xc2",
                                       "a\xe5\xae",
                                       "\xed\xa0\x80",
                                       "\xf4\x90\x80\x80",
                                       "é\xcc\x81",
                                       "rlo\xe2\x80\xae" "evil",
                                       "\xe2\x81\xa6isolate\xe2\x81\xa9"};
  for (guint i = 0; i < G_N_ELEMENTS(tricky); i++)
    expect_sanitized(tricky[i]);
  /* random bytes, biased towards the interesting ones */
  static const guchar alphabet[] = {'a',  ' ',  '\t', '\n', 0x1b, 0x7f, 0x80, 0x85, 0x9f,
                                    0xa0, 0xbf, 0xc2, 0xc3, 0xe5, 0xae, 0x81, 0xf0, 0x9f,
                                    0xff, 0xe2, 0xaa, 0xa6, 0xa9};
  g_autoptr(GRand) rand = g_rand_new_with_seed(5);
  char buf[16];
  for (guint n = 0; n < 20000; n++) {
    guint len = (guint)g_rand_int_range(rand, 0, sizeof buf);
    for (guint k = 0; k < len; k++)
      buf[k] = (char)alphabet[g_rand_int_range(rand, 0, sizeof alphabet)];
    buf[len] = '\0';
    expect_sanitized(buf);
  }
}

Test(text_width, a_character_wider_than_the_line_still_takes_one)
{
  g_autoptr(GString) out = g_string_new(NULL);
  /* max 1: 宁 (2 cells) cannot fit, so each line takes one anyway; "ab" breaks anywhere */
  cm_text_paragraph(out, "宁德 ab", 1, "|");
  cr_assert_str_eq(out->str, "|宁\n|德\n|a\n|b\n");
}

Test(text_width, chinese_punctuation_stays_with_its_character)
{
  g_autoptr(GString) out = g_string_new(NULL);
  /* 8 cells a line: 一二三四 fill the first, but 。 may not start a line, so 四 moves down */
  cm_text_paragraph(out, "一二三四。五", 8, "|");
  cr_assert_str_eq(out->str, "|一二三\n|四。五\n");
  g_string_truncate(out, 0);
  /* 一二三（ fill the first, but （ may not end a line, so it moves down with 四 */
  cm_text_paragraph(out, "一二三（四）", 8, "|");
  cr_assert_str_eq(out->str, "|一二三\n|（四）\n");
}

Test(text_width, every_closing_and_opening_mark_is_kept_with_its_character)
{
  /* as above, for each mark: a closing one may not start the second line, an opening one may not
   * end the first */
  const char *closing[] = {"’",  "”",  "…",  "、", "。", "》", "」", "』",
                           "】", "〕", "！", "）", "，", "：", "；", "？"};
  const char *opening[] = {"‘", "“", "《", "「", "『", "【", "〔", "（"};
  for (guint i = 0; i < G_N_ELEMENTS(closing); i++) {
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *text = g_strdup_printf("一二三四%s五", closing[i]);
    g_autofree char *want = g_strdup_printf("|一二三\n|四%s五\n", closing[i]);
    /* 一二三四 fill the 8 cells (… ’ ” take one cell, the others two): the mark would start
     * line two, so 四 goes down with it */
    cm_text_paragraph(out, text, 8, "|");
    cr_expect_str_eq(out->str, want, "closing mark %s", closing[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS(opening); i++) {
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *text = g_strdup_printf("一二三%s四五", opening[i]);
    cm_text_paragraph(out, text, 8, "|");
    g_autofree char *first = g_strdup_printf("|一二三%s\n", opening[i]);
    cr_expect(!g_str_has_prefix(out->str, first), "opening mark %s ends a line:\n%s", opening[i],
              out->str);
    cr_expect(g_str_has_prefix(out->str, "|一二三\n"), "opening mark %s:\n%s", opening[i],
              out->str);
  }
  /* and a plain wide character still breaks where the line is full */
  g_autoptr(GString) out = g_string_new(NULL);
  cm_text_paragraph(out, "一二三四五", 8, "|");
  cr_expect_str_eq(out->str, "|一二三四\n|五\n");
}
