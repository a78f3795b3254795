/* The streaming JSON writer against json-glib itself: the same random documents built with a
 * JsonBuilder, serialised and finished as the reports did (cm_report__json_finish), must come
 * out byte for byte the same. */
#include "json_writer.h"
#include "report_shared.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

/* Every document is written twice, into a builder and into the writer. */
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
  static const char *const bits[] = {"a",  " ",  "\"", "\\",       "/",  "\x7f",  "\x1f", "\x1e",
                                     "\t", "\n", "\r", "\b",       "\f", "\x01",  "\x0b", "\x1b",
                                     "é",  "宁", "😀",  "\xc2\x85", "0",  "-1.5e3"};
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
    json_builder_add_double_value(x->b, v);
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

Test(json_writer, writes_what_json_glib_and_the_finish_pass_write)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(23);
  for (guint n = 0; n < 3000; n++) {
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(GString) mine = g_string_new(NULL);
    Both x = {b, {0}, rand};
    cm_json_writer_init(&x.w, mine);
    add_container(&x, 0, g_rand_boolean(rand) || n == 0);
    cm_json_writer_end(&x.w);
    g_autoptr(GString) theirs = cm_report__json_finish(b);
    cr_assert_str_eq(mine->str, theirs->str, "document %u", n);
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
  cm_json_string(&w, "x\x1f\x1e\x7f");
  cm_json_end_array(&w);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
  /* indent one space a level, " : " after names, an empty array "[]", 40.0 keeps its ".0"; 0x1f
   * stays raw (json-glib escapes controls below it only), 0x1e and DEL become \u001e, \u007f */
  cr_assert_str_eq(out->str, "{\n"
                             " \"a\\\"b\" : [],\n"
                             " \"list\" : [\n"
                             "  40.0,\n"
                             "  \"x\x1f\\u001e\\u007f\"\n"
                             " ]\n"
                             "}\n");
}
