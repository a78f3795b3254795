/* Slugs (render/slug.c): the file names batch makes from dataset folders and enterprise ids. */
#include "cm_slug.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

/* What every slug must be, whatever the name: a safe single path component. */
static void
expect_safe(const char *slug, const char *name_for_message)
{
  cr_assert(slug && *slug, "empty slug for '%s'", name_for_message);
  cr_expect(g_utf8_validate(slug, -1, NULL), "slug of '%s' is not UTF-8", name_for_message);
  cr_expect_leq(strlen(slug), CM_SLUG_MAX_BYTES, "slug of '%s' is %zu bytes", name_for_message,
                strlen(slug));
  cr_expect_null(strchr(slug, '/'), "'/' in '%s'", slug);
  cr_expect_null(strchr(slug, '\\'), "'\\' in '%s'", slug);
  cr_expect_null(strstr(slug, ".."), "'..' in '%s'", slug);
  cr_expect_neq(slug[0], '.', "leading dot in '%s'", slug);
  for (const unsigned char *p = (const unsigned char *)slug; *p; p++)
    cr_expect(*p >= 0x20 && *p != 0x7f, "control byte 0x%02x in slug of '%s'", *p,
              name_for_message);
}

typedef struct {
  char name[64];
  char slug[64];
} Case;

/* Expected values worked out by hand from the rules in cm_slug.h: separators become one '-', a
 * second '.' in a row becomes '-', control characters vanish, ASCII is lowered, '-' and '.' are
 * trimmed from both ends, and "item" stands in for nothing. */
static Case cases[] = {
    {"../../etc", "etc"},               /* . .→- / . .→- / etc → ".-.-etc" → trimmed */
    {"a/b\\c", "a-b-c"},                /* both slashes are separators */
    {"a\001b\177c\td", "abcd"},         /* C0, DEL and TAB are control characters: dropped */
    {"line\none", "lineone"},           /* so is a newline */
    {".hidden", "hidden"},              /* no hidden files */
    {"...x", "x"},                      /* . .→- . → ".-.x" → trimmed */
    {"a..b", "a.-b"},                   /* the second dot becomes '-' */
    {"v1...2", "v1.-.2"},               /* dots alternate with dashes: never two in a row */
    {"宁德时代 CATL", "宁德时代-catl"}, /* CJK kept, ASCII lowered, space → '-' */
    {"  Ningde  Lithium  ", "ningde-lithium"},
    {"名称\u3000全角", "名称-全角"}, /* the ideographic space separates too */
    {"", "item"},
    {"..", "item"},
    {"///", "item"},
    {"\x01\x02", "item"},
    {"\377\376abc", "abc"},   /* invalid UTF-8 is dropped, not passed on */
    {"a\302\205b", "ab"},     /* U+0085, a C1 control */
    {"a\u200bb\ufeff", "ab"}, /* zero-width space and BOM: invisible format characters */
    {"index.html", "index.html"},
};

ParameterizedTestParameters(slug, rules)
{
  return cr_make_param_array(Case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(Case *c, slug, rules)
{
  g_autofree char *s = cm_slug(c->name);
  cr_expect_str_eq(s, c->slug, "slug of '%s'", c->name);
  expect_safe(s, c->name);
}

Test(slug, null_name_is_item)
{
  g_autofree char *s = cm_slug(NULL);
  cr_expect_str_eq(s, "item");
}

/* 100 CJK characters of 3 bytes: 300 bytes. With one ASCII byte in front, 120 bytes would split
 * the 40th character (bytes 119-121), so the cut lands at 1 + 39 * 3 = 118 bytes. */
Test(slug, long_cjk_name_is_cut_on_a_character_boundary)
{
  GString *name = g_string_new("a");
  for (int i = 0; i < 100; i++)
    g_string_append(name, "链");
  cr_assert_eq(name->len, 301);
  g_autofree char *s = cm_slug(name->str);
  cr_expect_eq(strlen(s), 118, "%zu bytes", strlen(s));
  cr_expect(g_utf8_validate(s, -1, NULL));
  cr_expect(g_str_has_prefix(name->str, s), "the slug is not a prefix of the name");
  g_string_free(name, TRUE);

  /* without the ASCII byte: exactly 40 characters fit */
  GString *cjk = g_string_new(NULL);
  for (int i = 0; i < 100; i++)
    g_string_append(cjk, "宁");
  g_autofree char *t = cm_slug(cjk->str);
  cr_expect_eq(strlen(t), 120);
  cr_expect_eq(g_utf8_strlen(t, -1), 40);
  g_string_free(cjk, TRUE);
}

/* 4-byte characters (U+20000, CJK extension B): 30 of them are 120 bytes; "ab" in front leaves
 * room for 29 (2 + 116 = 118). */
Test(slug, four_byte_characters_are_never_split)
{
  GString *name = g_string_new("ab");
  for (int i = 0; i < 60; i++)
    g_string_append(name, "\xf0\xa0\x80\x80");
  g_autofree char *s = cm_slug(name->str);
  cr_expect_eq(strlen(s), 118, "%zu bytes", strlen(s));
  cr_expect(g_utf8_validate(s, -1, NULL));
  g_string_free(name, TRUE);
}

/* A cut that ends on a separator must not leave a trailing '-'. 119 'a', a space, then more. */
Test(slug, cut_never_ends_on_a_dash)
{
  g_autofree char *a119 = g_strnfill(119, 'a');
  g_autofree char *name = g_strconcat(a119, " tail tail", NULL);
  g_autofree char *s = cm_slug(name);
  cr_expect_str_eq(s, a119);
}

/* Random bytes, random Unicode: the safety rules hold for any input. */
Test(slug, any_input_gives_a_safe_slug)
{
  static const char *const pieces[] = {".",
                                       "..",
                                       "/",
                                       "\\",
                                       "\x01",
                                       "\x7f",
                                       " ",
                                       "\t",
                                       "\n",
                                       "-",
                                       "a",
                                       "Z",
                                       "链",
                                       "\xe2\x80\x8b" /* zero-width space */,
                                       "\xef\xbb\xbf",
                                       "\xf0\xa0\x80\x80",
                                       "\xff",
                                       "\xc3",
                                       "\xe3\x80\x80",
                                       ":",
                                       "%",
                                       "~"};
  GRand *rand = g_rand_new_with_seed(20240601);
  for (int round = 0; round < 20000; round++) {
    GString *name = g_string_new(NULL);
    int n = g_rand_int_range(rand, 0, 200);
    for (int i = 0; i < n; i++)
      g_string_append(name, pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))]);
    g_autofree char *s = cm_slug(name->str);
    g_autofree char *shown = g_strescape(name->str, NULL);
    expect_safe(s, shown);
    g_string_free(name, TRUE);
  }
  g_rand_free(rand);
}

Test(slug, same_slug_gets_numbered_in_the_order_asked)
{
  g_autoptr(CmSlugSet) set = cm_slug_set_new();
  /* all three slug to "ningde-lithium" */
  cr_expect_str_eq(cm_slug_set_take(set, "Ningde Lithium"), "ningde-lithium");
  cr_expect_str_eq(cm_slug_set_take(set, "ningde/lithium"), "ningde-lithium-2");
  cr_expect_str_eq(cm_slug_set_take(set, "NINGDE..LITHIUM"), "ningde.-lithium");
  cr_expect_str_eq(cm_slug_set_take(set, "ningde-lithium"), "ningde-lithium-3");
  /* a name that is itself a numbered slug does not steal a later number */
  cr_expect_str_eq(cm_slug_set_take(set, "ningde-lithium-2"), "ningde-lithium-2-2");
  cr_expect_str_eq(cm_slug_set_take(set, "Ningde Lithium"), "ningde-lithium-4");
}

Test(slug, same_inputs_give_same_names)
{
  const char *names[] = {"b", "a", "B", "a/", "A", "宁德", "宁德 "};
  const char *expected[] = {"b", "a", "b-2", "a-2", "a-3", "宁德", "宁德-2"};
  for (int run = 0; run < 2; run++) {
    g_autoptr(CmSlugSet) set = cm_slug_set_new();
    for (guint i = 0; i < G_N_ELEMENTS(names); i++)
      cr_expect_str_eq(cm_slug_set_take(set, names[i]), expected[i], "run %d, '%s'", run, names[i]);
  }
}

Test(slug, reserved_name_is_never_handed_out)
{
  g_autoptr(CmSlugSet) set = cm_slug_set_new();
  cm_slug_set_reserve(set, "index.html");
  cr_expect_str_eq(cm_slug_set_take(set, "Index.HTML"), "index.html-2");
}

Test(slug, empty_names_share_item_with_numbers)
{
  g_autoptr(CmSlugSet) set = cm_slug_set_new();
  cr_expect_str_eq(cm_slug_set_take(set, ""), "item");
  cr_expect_str_eq(cm_slug_set_take(set, "../"), "item-2");
  cr_expect_str_eq(cm_slug_set_take(set, NULL), "item-3");
}

/* A numbered long name still fits: the base is cut (on a boundary) to make room for "-2". */
Test(slug, numbered_long_name_stays_within_the_limit)
{
  GString *name = g_string_new(NULL);
  for (int i = 0; i < 100; i++)
    g_string_append(name, "链");
  g_autoptr(CmSlugSet) set = cm_slug_set_new();
  const char *first = cm_slug_set_take(set, name->str);
  const char *second = cm_slug_set_take(set, name->str);
  cr_expect_eq(strlen(first), 120);
  /* 120 - 2 = 118 bytes of room: 39 characters (117 bytes), then "-2" */
  cr_expect_eq(strlen(second), 119, "%zu bytes", strlen(second));
  cr_expect(g_str_has_suffix(second, "-2"));
  cr_expect(g_utf8_validate(second, -1, NULL));
  cr_expect_str_neq(first, second);
  g_string_free(name, TRUE);
}
