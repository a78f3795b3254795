/* cm_escape_terminal (render/escape.c): what a person reads never carries a control character or a
 * bidi override, and everything else (Chinese, emoji, punctuation) is kept byte for byte. The
 * expected strings are written out by hand from the rules in cm_text_escape.h. */
#include "cm_text_escape.h"

#include <criterion/criterion.h>
#include <string.h>

static void
expect_escaped(const char *in, CmEscapeFlags flags, const char *want)
{
  g_autofree char *got = cm_escape_terminal(in, flags);
  cr_expect_str_eq(got, want);
  cr_expect_eq(cm_escape_terminal_needed(in, flags), strcmp(in, want) != 0, "needed for '%s'",
               want);
}

Test(escape_terminal, c0_controls_and_del_become_hex_escapes)
{
  expect_escaped("a\033[2Jb", CM_ESCAPE_ONE_LINE, "a\\x1b[2Jb");
  expect_escaped("bell\007", CM_ESCAPE_ONE_LINE, "bell\\x07");
  expect_escaped("del\177", CM_ESCAPE_ONE_LINE, "del\\x7f");
  expect_escaped("\033]0;title\007", CM_ESCAPE_ONE_LINE, "\\x1b]0;title\\x07");
}

Test(escape_terminal, line_breaks_and_tabs_are_named_unless_kept)
{
  expect_escaped("a\nb\tc\rd", CM_ESCAPE_ONE_LINE, "a\\nb\\tc\\rd");
  expect_escaped("a\nb\r\nc\rd", CM_ESCAPE_KEEP_NEWLINES, "a\nb\r\nc\\rd");
  expect_escaped("a\tb", CM_ESCAPE_KEEP_TABS, "a\tb");
}

Test(escape_terminal, c1_controls_and_bidi_overrides_become_code_points)
{
  /* U+009B is CSI, C2 9B in UTF-8; U+202E RIGHT-TO-LEFT OVERRIDE is E2 80 AE; U+2066 LEFT-TO-
   * RIGHT ISOLATE E2 81 A6 and U+2069 POP DIRECTIONAL ISOLATE E2 81 A9; U+202A E2 80 AA */
  expect_escaped("x\xc2\x9b"
                 "31m",
                 CM_ESCAPE_ONE_LINE, "x<U+009B>31m");
  expect_escaped("\xc2\x85", CM_ESCAPE_ONE_LINE, "<U+0085>");
  expect_escaped("invoice\xe2\x80\xae"
                 "fdp.exe",
                 CM_ESCAPE_ONE_LINE, "invoice<U+202E>fdp.exe");
  expect_escaped("\xe2\x81\xa6"
                 "a"
                 "\xe2\x81\xa9",
                 CM_ESCAPE_ONE_LINE, "<U+2066>a<U+2069>");
  expect_escaped("\xe2\x80\xaa", CM_ESCAPE_ONE_LINE, "<U+202A>");
}

Test(escape_terminal, ordinary_text_is_kept_as_it_is)
{
  /* U+202F (narrow no-break space, E2 80 AF) and U+2065 (E2 81 A5) sit next to the ranges and
   * stay; so do U+00A0 and Chinese */
  static const char *const kept[] = {
      "宁德时代 CATL", "\xe2\x80\xaf", "\xe2\x81\xa5", "\xc2\xa0", "a\\b \"q\" <i>&amp;", "😀", ""};
  for (guint i = 0; i < G_N_ELEMENTS(kept); i++)
    expect_escaped(kept[i], CM_ESCAPE_ONE_LINE, kept[i]);
}

Test(escape_terminal, bytes_that_are_not_utf8_are_shown_as_hex)
{
  expect_escaped("a\xff"
                 "b",
                 CM_ESCAPE_ONE_LINE, "a\\xffb");
  expect_escaped("cut\xe5\xae", CM_ESCAPE_ONE_LINE, "cut\\xe5\\xae");
}
