/* The JSON writer of the reports: random documents written with it and built as a json-glib
 * tree must read back (json-glib's parser) as that tree, and hold no raw control character; the
 * layout and the escapes by hand. Strict parsing of whole reports (Python's json) is in
 * tests/scripts/strict_json.py. */
#include "json_writer.h"
#include "report_format.h"

#include <criterion/criterion.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* Every document is written twice, into a builder (what it must read back as) and into the
 * writer. */
typedef struct {
  JsonBuilder *b;
  CmJsonWriter w;
  GRand *rand;
} Both;

/* Text from a palette of the interesting bytes: every ASCII control, quote, backslash, DEL and
 * UTF-8 of two to four bytes. */
static char *
random_text(GRand *rand)
{
  static const char *const bits[] = {"a",    " ",        "\"",   "\\",     "/",      "\x7f",
                                     "\x1f", "\x1e",     "\t",   "\n",     "\r",     "\b",
                                     "\f",   "\x01",     "\x0b", "\x1b",   "é",      "宁",
                                     "😀",    "\xc2\x85", "0",    "-1.5e3", "\u2028", "\u2029"};
  GString *s = g_string_new(NULL);
  guint n = (guint)g_rand_int_range(rand, 0, 8);
  for (guint i = 0; i < n; i++)
    g_string_append(s, bits[g_rand_int_range(rand, 0, G_N_ELEMENTS(bits))]);
  if (g_rand_int_range(rand, 0, 4) == 0) /* and sometimes any control byte */
    g_string_append_c(s, (char)g_rand_int_range(rand, 1, 0x20));
  return g_string_free(s, FALSE);
}

static double
random_double(GRand *rand)
{
  static const double special[] = {0.0,      -0.0,      1e20, 1e17,   1e-7,
                                   40.0,     64.2,      0.1,  5e-324, 1.7976931348623157e308,
                                   INFINITY, -INFINITY, NAN};
  switch (g_rand_int_range(rand, 0, 4)) {
  case 0:
    return special[g_rand_int_range(rand, 0, G_N_ELEMENTS(special))];
  case 1:
    return g_rand_int_range(rand, -100000, 100000) / 100.0;
  case 2:
    return ldexp(g_rand_double(rand), g_rand_int_range(rand, -1074, 1024));
  default: {
    guint64 bits = (guint64)g_rand_int(rand) << 32 | g_rand_int(rand);
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
  }
  }
}

static void add_value(Both *x, guint depth);

static void
add_container(Both *x, guint depth, gboolean object)
{
  guint n = (guint)g_rand_int_range(x->rand, object ? 1 : 0, 5); /* objects are never empty */
  if (object) {
    json_builder_begin_object(x->b);
    cm_json_begin_object(&x->w);
  } else {
    json_builder_begin_array(x->b);
    cm_json_begin_array(&x->w);
  }
  for (guint i = 0; i < n; i++) {
    if (object) {
      g_autofree char *name = random_text(x->rand);
      g_autofree char *unique = g_strdup_printf("%s%u", name, i); /* json-glib keeps one */
      json_builder_set_member_name(x->b, unique);
      cm_json_member(&x->w, unique);
    }
    add_value(x, depth + 1);
  }
  if (object) {
    json_builder_end_object(x->b);
    cm_json_end_object(&x->w);
  } else {
    json_builder_end_array(x->b);
    cm_json_end_array(&x->w);
  }
}

static void
add_value(Both *x, guint depth)
{
  guint kind = (guint)g_rand_int_range(x->rand, 0, depth < 4 ? 8 : 6);
  switch (kind) {
  case 0: {
    g_autofree char *text = random_text(x->rand);
    json_builder_add_string_value(x->b, text);
    cm_json_string(&x->w, text);
    break;
  }
  case 1: {
    gint64 v = g_rand_boolean(x->rand) ? g_rand_int_range(x->rand, -1000, 1000)
                                       : (gint64)((guint64)g_rand_int(x->rand) << 32);
    json_builder_add_int_value(x->b, v);
    cm_json_int(&x->w, v);
    break;
  }
  case 2:
  case 3: {
    double v = random_double(x->rand);
    if (isfinite(v))
      json_builder_add_double_value(x->b, v);
    else
      json_builder_add_null_value(x->b); /* JSON has no NaN or infinity */
    cm_json_double(&x->w, v);
    break;
  }
  case 4:
    json_builder_add_null_value(x->b);
    cm_json_null(&x->w);
    break;
  case 5: {
    gboolean v = g_rand_boolean(x->rand);
    json_builder_add_boolean_value(x->b, v);
    cm_json_boolean(&x->w, v);
    break;
  }
  default:
    add_container(x, depth, kind == 6);
    break;
  }
}

/* RFC 8259: no byte below 0x20 anywhere (outside strings the writer puts only \n), and neither
 * DEL nor U+2028/U+2029 raw either (escaped by choice). */
static void
assert_no_raw_control(const GString *text, guint n)
{
  for (gsize i = 0; i < text->len; i++) {
    guchar c = (guchar)text->str[i];
    cr_assert(c >= 0x20 || c == '\n', "document %u: raw 0x%02x at %zu", n, c, i);
    cr_assert(c != 0x7f, "document %u: raw DEL at %zu", n, i);
    cr_assert(!(c == 0xe2 && i + 2 < text->len && (guchar)text->str[i + 1] == 0x80 &&
                ((guchar)text->str[i + 2] | 1) == 0xa9),
              "document %u: raw line or paragraph separator at %zu", n, i);
  }
}

Test(json_writer, random_documents_read_back_as_written)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(23);
  for (guint n = 0; n < 3000; n++) {
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(GString) mine = g_string_new(NULL);
    Both x = {b, {0}, rand};
    cm_json_writer_init(&x.w, mine);
    add_container(&x, 0, g_rand_boolean(rand) || n == 0);
    cm_json_writer_end(&x.w);
    assert_no_raw_control(mine, n);
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) err = NULL;
    cr_assert(json_parser_load_from_data(parser, mine->str, (gssize)mine->len, &err),
              "document %u: %s\n%s", n, err ? err->message : "", mine->str);
    g_autoptr(JsonNode) built = json_builder_get_root(b);
    cr_assert(json_node_equal(built, json_parser_get_root(parser)), "document %u:\n%s", n,
              mine->str);
  }
}

Test(json_writer, layout_by_hand)
{
  g_autoptr(GString) out = g_string_new(NULL);
  CmJsonWriter w;
  cm_json_writer_init(&w, out);
  cm_json_begin_object(&w);
  cm_json_member(&w, "a\"b");
  cm_json_begin_array(&w);
  cm_json_end_array(&w);
  cm_json_member(&w, "list");
  cm_json_begin_array(&w);
  cm_json_double(&w, 40);
  cm_json_double(&w, 64.2);
  cm_json_double(&w, 1e20);
  cm_json_double(&w, NAN);
  cm_json_double(&w, -INFINITY);
  cm_json_string(&w, "x\x1f\x1e\x7f\x01\t\u2028\u2029\u2027宁");
  cm_json_end_array(&w);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
  /* indent one space a level, " : " after names, an empty array "[]", 40.0 keeps its ".0", 64.2
   * and 1e20 in their shortest exact form, NaN and -inf as null; every control character
   * escaped (\u001f too, which json-glib 1.6 left raw), tab by its short form, DEL as \u007f,
   * U+2028 and U+2029 as \u2028 \u2029; U+2027 and CJK as they are */
  cr_assert_str_eq(out->str, "{\n"
                             " \"a\\\"b\" : [],\n"
                             " \"list\" : [\n"
                             "  40.0,\n"
                             "  64.2,\n"
                             "  1e+20,\n"
                             "  null,\n"
                             "  null,\n"
                             "  \"x\\u001f\\u001e\\u007f\\u0001\\t\\u2028\\u2029\u2027宁\"\n"
                             " ]\n"
                             "}\n");
}
