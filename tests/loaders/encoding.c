/* Encodings of tables (SPEC section 1): UTF-8 with or without BOM, CRLF, GB18030 decoded with a
 * warning under encoding=auto, and files that are not text. Byte-exact fixtures live in
 * tests/data/loaders/; chunk-boundary files are generated. */
#include "cm_loader.h"
#include "loaders_test.h"

#include <string.h>

Test(encoding, excel_utf8_with_bom_and_crlf_loads_cleanly)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/excel-bom-crlf", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
  /* the BOM is stripped, so the first header cell is 'id' and not '\xEF\xBB\xBFid' */
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->id, "salt");
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->name, "锂盐");
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->group, "关键材料");
  cr_assert_str_eq(cm_dataset_segment(ds, 2)->name, "电芯, 动力");
  cr_assert_eq(cm_dataset_segment(ds, 1)->tier, CM_TIER_MIDSTREAM);
  const CmEnterprise *catl = cm_dataset_enterprise(ds, 0);
  cr_assert_str_eq(catl->name, "宁德时代");
  cr_assert(catl->leader && catl->local);
  cr_assert_float_eq(catl->output, 3285.9, 1e-9);
  cr_assert(!cm_dataset_enterprise(ds, 2)->local, "江西/新余 is not in 福建/宁德");
  cr_assert_str_eq(ds->name, "宁德锂电 Excel export", "the ini's BOM and CR are not in values");
  cr_assert_str_eq(ds->region, "福建/宁德");
  cr_assert_eq(ds->params.min_producers, 1);
  cr_assert_eq(ds->supply->len, 2);
  cr_assert_float_eq(g_array_index(ds->supply, CmSupply, 1).value, 25.5, 1e-12);
}

Test(encoding, bom_is_stripped_so_the_first_column_matches)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI, "\xEF\xBB\xBFid,tier\nore,upstream\n",
                                              "\xEF\xBB\xBF"
                                              "ID,region,segments\nx,Fujian/Ningde,ore\n",
                                              NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->id, "ore");
}

Test(encoding, gb18030_table_under_auto_is_decoded_with_a_warning)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/gb18030-auto", &diags);
  /* the first byte that is not UTF-8: segments.csv line 3, enterprises.csv line 2 */
  assert_warning(diags, "segments.csv", 3, "decoded the file as GB18030");
  assert_warning(diags, "enterprises.csv", 2, "decoded the file as GB18030");
  assert_counts(diags, 0, 2);
  cr_assert_not_null(ds);
  cr_assert_str_eq(cm_dataset_segment(ds, 1)->name, "正极材料");
  cr_assert_str_eq(cm_dataset_segment(ds, 1)->group, "关键材料");
  cr_assert_eq(cm_dataset_segment(ds, 1)->tier, CM_TIER_MIDSTREAM, "中游 decoded");
  cr_assert_str_eq(cm_dataset_enterprise(ds, 0)->name, "宁德时代");
  cr_assert(cm_dataset_enterprise(ds, 0)->leader, "链主 decoded");
  cr_assert(cm_dataset_enterprise(ds, 1)->local, "福建/宁德/福安 decoded and local");
  cr_assert_str_eq(cm_dataset_enterprise(ds, 2)->name, "赣锋锂业");
}

Test(encoding, gb18030_stated_in_the_ini_needs_no_warning)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/gb18030-explicit", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(cm_dataset_enterprise(ds, 1)->name, "厦钨新能源");
}

Test(encoding, gb18030_bytes_under_encoding_utf8_are_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load("loaders/gb18030-declared-utf8", &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 3, "invalid UTF-8 (the dataset says encoding=utf-8)");
  assert_error(diags, "enterprises.csv", 2, "invalid UTF-8");
  assert_counts(diags, 2, 0);
}

Test(encoding, invalid_utf8_with_encoding_utf8_names_its_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text("[dataset]\nregion=R\nencoding=utf-8\n", MINI_SEGMENTS,
                        MINI_ENTERPRISES "bad,B\xC3(,R,cell,,,\n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 5, "invalid UTF-8");
}

Test(encoding, truncated_character_at_the_end_of_file_is_invalid_utf8)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  /* the first two bytes of 正 (E6 AD A3) and then the end */
  g_autoptr(CmDataset) ds =
      cm_test_load_text("[dataset]\nregion=R\nencoding=utf-8\n", MINI_SEGMENTS,
                        MINI_ENTERPRISES "x,\xE6\xAD", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 5, "invalid UTF-8");
}

Test(encoding, bytes_valid_in_neither_encoding_are_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, MINI_SEGMENTS, MINI_ENTERPRISES "x,\xFF\xFF,R,cell,,,\n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 5, "neither valid UTF-8 nor GB18030");
}

Test(encoding, utf16_file_is_named_as_such)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", MINI_SEGMENTS, -1);
  /* "id,r" in UTF-16LE with its BOM */
  write_file(dir, "enterprises.csv", "\xFF\xFEi\0d\0,\0r\0", 10);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 1, "the file is UTF-16; save it as UTF-8");
  assert_counts(diags, 1, 0);
}

Test(encoding, nul_byte_is_an_error_on_its_line)
{
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", "id,tier\nore,upstream\nsalt,up\0stream\n", 34);
  write_file(dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 3, "NUL byte");
}

Test(encoding, bad_encoding_name_is_an_ini_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text("[dataset]\nregion=R\n\nencoding=latin1\n",
                                              MINI_SEGMENTS, MINI_ENTERPRISES, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "dataset.ini", 4, "bad encoding 'latin1'");
}

/* Tables are read in 1 MiB chunks: a character cut by a chunk boundary must survive. */
#define CHUNK (1u << 20)

static void
write_straddling_segments(const char *dir, const char *name_utf8, const char *encoding)
{
  g_autoptr(GString) s = g_string_new("id,name,tier\nore,");
  g_autoptr(GError) err = NULL;
  gsize n = 0;
  g_autofree char *name = g_convert(name_utf8, -1, encoding, "UTF-8", NULL, &n, &err);
  cr_assert_not_null(name, "%s", err ? err->message : "");
  /* pad so that the first character of the name starts one byte before the boundary */
  while (s->len < CHUNK - 1)
    g_string_append_c(s, 'a');
  g_string_append_len(s, name, (gssize)n);
  g_string_append(s, ",upstream\n");
  g_autofree char *tail = g_convert("salt,盐,upstream\n", -1, encoding, "UTF-8", NULL, &n, NULL);
  g_string_append_len(s, tail, (gssize)n);
  write_file(dir, "segments.csv", s->str, (gssize)s->len);
}

static void
check_straddling(const char *encoding_key, const char *encoding, const char *name_utf8)
{
  g_autofree char *dir = cm_test_tmpdir();
  g_autofree char *ini = g_strdup_printf("[dataset]\nregion=R\nencoding=%s\n", encoding_key);
  write_file(dir, "dataset.ini", ini, -1);
  write_file(dir, "enterprises.csv", "id,region,segments\nx,R,ore\n", -1);
  write_straddling_segments(dir, name_utf8, encoding);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  assert_counts(diags, 0, 0);
  const char *name = cm_dataset_segment(ds, 0)->name;
  cr_assert(g_str_has_suffix(name, name_utf8), "name ends with '%s'",
            name + strlen(name) - MIN(strlen(name), 16));
  cr_assert_eq(strlen(name), CHUNK - 1 - strlen("id,name,tier\nore,") + strlen(name_utf8));
  cr_assert_str_eq(cm_dataset_segment(ds, 1)->name, "盐");
  cr_assert_eq(cm_dataset_segment(ds, 1)->line, 3);
}

Test(encoding, utf8_character_cut_by_a_read_chunk_is_kept, .timeout = 60)
{
  check_straddling("utf-8", "UTF-8", "正极");
}

Test(encoding, utf8_character_cut_by_a_read_chunk_needs_no_gb18030_under_auto, .timeout = 60)
{
  check_straddling("auto", "UTF-8", "正极");
}

Test(encoding, gb18030_two_byte_character_cut_by_a_read_chunk_is_kept, .timeout = 60)
{
  check_straddling("gb18030", "GB18030", "正极");
}

Test(encoding, gb18030_four_byte_character_cut_by_a_read_chunk_is_kept, .timeout = 60)
{
  /* U+20000 is four bytes in GB18030 (95 32 82 36) */
  check_straddling("gb18030", "GB18030", "\xF0\xA0\x80\x80");
}

/* Enterprises whose names put a CJK character (3 bytes) at every offset 0..15 after runs of
 * ASCII of every length, so that the validator's eight-byte ASCII steps and its windows around
 * non-ASCII bytes meet every alignment; then, on a known line, a bad byte or a NUL. */
static GString *
aligned_cjk_enterprises(guint *line)
{
  GString *csv = g_string_new(MINI_ENTERPRISES);
  *line = 4;
  for (guint pad = 0; pad < 80; pad++) {
    g_string_append_printf(csv, "p%u,", pad);
    for (guint k = 0; k < pad; k++)
      g_string_append_c(csv, 'a' + (char)(k % 26));
    g_string_append(csv, "宁德时代新能源,Fujian/Ningde,cell,,,\n");
    ++*line;
  }
  return csv;
}

Test(encoding, cjk_at_every_alignment_is_valid_utf8)
{
  guint line;
  g_autoptr(GString) csv = aligned_cjk_enterprises(&line);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text("[dataset]\nregion=R\nencoding=utf-8\n",
                                              MINI_SEGMENTS, csv->str, NULL, &diags);
  cr_assert_not_null(ds, "%s", cm_test_dump_diags(diags));
  /* 3 enterprises of MINI_ENTERPRISES and 80 more */
  cr_assert_eq(cm_dataset_n_enterprises(ds), 83);
  cr_assert_str_eq(cm_dataset_enterprise(ds, 82)->name,
                   "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyza"
                   "宁德时代新能源");
}

Test(encoding, bad_byte_after_long_mixed_text_names_its_line)
{
  guint line;
  g_autoptr(GString) csv = aligned_cjk_enterprises(&line);
  /* a lone continuation byte in the middle of a long ASCII run, on line `line + 1` */
  g_string_append(csv, "bad,abcdefghijklmnopqrstuvwxyz\x80zyxwvutsrqponmlkjihgfedcba,R,cell,,,\n");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text("[dataset]\nregion=R\nencoding=utf-8\n",
                                              MINI_SEGMENTS, csv->str, NULL, &diags);
  cr_assert_null(ds);
  /* MINI_ENTERPRISES ends on line 4, the 80 padded rows are lines 5..84, the bad one 85 */
  cr_assert_eq(line + 1, 85);
  assert_error(diags, "enterprises.csv", 85, "invalid UTF-8");
  assert_counts(diags, 1, 0);
}

Test(encoding, nul_byte_after_cjk_text_names_its_line)
{
  guint line;
  g_autoptr(GString) csv = aligned_cjk_enterprises(&line);
  g_autofree char *dir = cm_test_tmpdir();
  write_file(dir, "dataset.ini", MINI_INI, -1);
  write_file(dir, "segments.csv", MINI_SEGMENTS, -1);
  /* a NUL right after a CJK character, on line 85 */
  g_string_append(csv, "nul,宁德");
  g_string_append_c(csv, '\0');
  g_string_append(csv, "x,R,cell,,,\n");
  write_file(dir, "enterprises.csv", csv->str, (gssize)csv->len);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load(dir, &diags);
  cm_test_rmdir(dir);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 85, "NUL byte");
}

/* A table that turns to GB18030 part-way (rows appended in another program): the UTF-8 lines
 * before the first one that is not UTF-8 keep their characters, the rest is decoded as GB18030,
 * and the warning says which lines are which. 矿石 in UTF-8 is E7 9F BF E7 9F B3; 锂盐 in
 * GB18030 is EF AE D1 CE, which is not UTF-8 (EF AE D1: D1 is no continuation byte). */
Test(encoding, utf8_lines_before_a_gb18030_line_stay_utf8)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI,
                        "id,name,tier\n"
                        "ore,\xE7\x9F\xBF\xE7\x9F\xB3,upstream\n" /* 矿石, UTF-8 */
                        "salt,\xEF\xAE\xD1\xCE,upstream\n",       /* 锂盐, GB18030 */
                        "id,region,segments\nx,Fujian/Ningde,ore\n", NULL, &diags);
  assert_warning(diags, "segments.csv", 3,
                 "decoded the file as GB18030 from this line, the 2 line(s) before it as UTF-8");
  assert_counts(diags, 0, 1);
  cr_assert_not_null(ds);
  cr_expect_str_eq(cm_dataset_segment(ds, 0)->name, "矿石");
  cr_expect_str_eq(cm_dataset_segment(ds, 1)->name, "锂盐");
}

Test(encoding, gb18030_stated_in_the_ini_decodes_every_line_as_gb18030)
{
  /* the same bytes with encoding=gb18030: line 2 is read as GB18030 too (consistently, as the
   * ini asks), so the UTF-8 bytes of 矿石 become other characters, and no warning is given */
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI "encoding=gb18030\n",
                        "id,name,tier\n"
                        "ore,\xE7\x9F\xBF\xE7\x9F\xB3,upstream\n"
                        "salt,\xEF\xAE\xD1\xCE,upstream\n",
                        "id,region,segments\nx,Fujian/Ningde,ore\n", NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_not_null(ds);
  cr_expect_str_neq(cm_dataset_segment(ds, 0)->name, "矿石");
  cr_expect_str_eq(cm_dataset_segment(ds, 1)->name, "锂盐");
}
