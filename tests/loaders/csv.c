/* CSV framing (loaders/csv.c): RFC 4180 quoting, physical line numbers, blank lines, ragged rows,
 * headers matched case-insensitively in any order, extra columns, list separators. */
#include "cm_csv.h"
#include "loaders_test.h"

#include <string.h>

#define ENT_ONE "id,region,segments\nx,Fujian/Ningde,ore\n"

/* ---- quoting and line numbers ---- */

Test(csv, quoted_fields_keep_commas_quotes_and_newlines)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI,
                                              "id,name,tier\n"
                                              "ore,\"Ore, rock\",upstream\n"
                                              "salt,\"the \"\"salt\"\" link\",upstream\n"
                                              "cell,\"two\nlines\",midstream\n",
                                              ENT_ONE, NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->name, "Ore, rock");
  cr_assert_str_eq(cm_dataset_segment(ds, 1)->name, "the \"salt\" link");
  cr_assert_str_eq(cm_dataset_segment(ds, 2)->name, "two\nlines");
  cr_assert_eq(cm_dataset_segment(ds, 2)->line, 4);
}

Test(csv, error_after_a_multi_line_record_names_its_physical_line)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI,
                                              "id,name,tier\n"               /* 1 */
                                              "ore,\"Lithium\n"              /* 2 */
                                              "ore\n"                        /* 3 */
                                              "(spodumene)\",upstream\n"     /* 4 */
                                              "salt,Salt,upstreem\n"         /* 5 */
                                              "cell,\"a\r\nb\",midstream\n"  /* 6-7 */
                                              "pack,Pack,midstream,extra\n", /* 8 */
                                              ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 5, "bad tier 'upstreem'");
  assert_error(diags, "segments.csv", 8, "expected 3 fields (as in the header), found 4");
  assert_counts(diags, 2, 0);
}

Test(csv, blank_lines_are_skipped_but_counted)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI,
                                              "\n"              /* 1 */
                                              "id,tier\n"       /* 2 */
                                              "\n"              /* 3 */
                                              "ore,upstream\n"  /* 4 */
                                              "   \t \n"        /* 5 */
                                              "\r\n"            /* 6 */
                                              "salt,sideways\n" /* 7 */
                                              "\n\n",
                                              ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 7, "bad tier 'sideways'");
  assert_counts(diags, 1, 0);
}

Test(csv, ragged_rows_name_expected_and_found_counts_and_are_skipped)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI,
                                              "id,name,tier\n"
                                              "ore,Ore,upstream\n"
                                              "salt,upstream\n"           /* 3: 2 fields */
                                              "cell,Cells,midstream,,\n", /* 4: 5 fields */
                                              ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 3, "expected 3 fields (as in the header), found 2");
  assert_error(diags, "segments.csv", 4, "expected 3 fields (as in the header), found 5");
  assert_counts(diags, 2, 0);
}

Test(csv, stray_quote_is_an_error_and_the_next_line_is_read)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI,
                                              "id,name,tier\n"
                                              "pk,Li\"ore,upstream\n" /* 2 */
                                              "ore,Ore,upstream\n"
                                              "cell,Cells,bad\n", /* 4 */
                                              ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 2, "malformed quoting");
  assert_error(diags, "segments.csv", 4, "bad tier 'bad'");
  assert_counts(diags, 2, 0);
}

Test(csv, text_after_a_closing_quote_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI, "id,name,tier\nore,\"Ore\"x,upstream\n", ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 2, "malformed quoting");
}

Test(csv, unterminated_quote_names_the_line_where_the_record_starts)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI,
                                              "id,name,tier\n"
                                              "ore,Ore,upstream\n"
                                              "salt,\"Salt,upstream\n" /* 3 */
                                              "cell,Cells,midstream\n",
                                              ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 3, "unterminated quoted field");
}

Test(csv, unreadable_header_stops_the_table_without_taking_a_row_for_the_header)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, "id,na\"me,tier\nid,name,tier\nore,Ore,upstream\n", ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 1, "malformed quoting");
  assert_counts(diags, 1, 0);
}

Test(csv, unterminated_quote_in_the_header_is_one_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI, "id,\"name,tier\nore,Ore,upstream\n", ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 1, "unterminated quoted field");
  assert_counts(diags, 1, 0);
}

Test(csv, last_record_without_a_line_end_is_read)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI, "id,tier\nore,upstream\nsalt,\"upstream\"",
                                              ENT_ONE, NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_eq(cm_dataset_n_segments(ds), 2);
}

Test(csv, empty_table_needs_a_header)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI, MINI_SEGMENTS, "\n \n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "enterprises.csv", 0, "the file is empty; a header row is required");
  assert_counts(diags, 1, 0);
}

Test(csv, segments_with_only_a_header_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI, "id,name,tier\n", ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 0, "no segments");
}

/* ---- CRLF and trimming ---- */

Test(csv, crlf_line_ends_are_accepted)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI, "id,name,tier\r\nore,Ore,upstream\r\n\r\nsalt,Salt,up\r\n",
                        "id,region,segments\r\nx,Fujian/Ningde,ore\r\n", NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 4, "bad tier 'up'");
  assert_counts(diags, 1, 0);
  g_autoptr(CmDiagnostics) diags2 = NULL;
  g_autoptr(CmDataset) ok = cm_test_load_text(MINI_INI, "id,name,tier\r\nore,Ore,upstream\r\n",
                                              "id,region,segments\r\nx,Fujian/Ningde,ore\r\n",
                                              "supplier,buyer,value\r\n", &diags2);
  assert_counts(diags2, 0, 0);
  cr_assert_str_eq(cm_dataset_segment(ok, 0)->name, "Ore", "no CR left in the last field");
}

Test(csv, fields_are_trimmed_inside_and_outside_quotes)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, "id , name ,tier\n  ore ,  \"  Ore  \" ,\tupstream \n", ENT_ONE, NULL, &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->id, "ore");
  cr_assert_str_eq(cm_dataset_segment(ds, 0)->name, "Ore");
}

/* ---- headers ---- */

Test(csv, header_is_case_insensitive_and_column_order_is_free)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, " TIER ,Inputs,ID,Name\nupstream,,ore,Ore\nmidstream,ore,cell,C\n",
      "SEGMENTS,Region,Id,OUTPUT\ncell,Fujian/Ningde,x,7\n", "Value,BUYER,Supplier\n", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_str_eq(cm_dataset_segment(ds, 1)->id, "cell");
  cr_assert_eq(cm_dataset_segment(ds, 1)->tier, CM_TIER_MIDSTREAM);
  cr_assert_eq(cm_dataset_segment(ds, 1)->n_inputs, 1);
  cr_assert_float_eq(cm_dataset_enterprise(ds, 0)->output, 7.0, 1e-12);
}

Test(csv, duplicate_column_is_an_error)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      MINI_INI, "id,tier,name,Tier\nore,upstream,Ore,upstream\n", ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 1, "duplicate column 'Tier' (columns 2 and 4)");
}

Test(csv, extra_columns_are_kept_with_their_values)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI, MINI_SEGMENTS,
                        "id,Note,region,segments,联系人\n"
                        "catl,\"world's largest, by far\",Fujian/Ningde,cell,张三\n"
                        "byd,,Guangdong/Shenzhen,pack,李四\n",
                        "supplier,buyer,value,contract\nbyd,catl,1,C-1\n", &diags);
  assert_counts(diags, 0, 0);
  cr_assert_eq(ds->enterprise_extra.n, 2);
  cr_assert_str_eq(ds->enterprise_extra.names[0], "Note");
  cr_assert_str_eq(ds->enterprise_extra.names[1], "联系人");
  const char *v = cm_dataset_extra_value(&ds->enterprise_extra, ds->enterprise_extra_values, 0, 0);
  cr_assert_str_eq(v, "world's largest, by far");
  v = cm_dataset_extra_value(&ds->enterprise_extra, ds->enterprise_extra_values, 1, 1);
  cr_assert_str_eq(v, "李四");
  v = cm_dataset_extra_value(&ds->enterprise_extra, ds->enterprise_extra_values, 1, 0);
  cr_assert_str_eq(v, "");
  cr_assert_null(cm_dataset_extra_value(&ds->enterprise_extra, ds->enterprise_extra_values, 2, 0));
  cr_assert_eq(ds->supply_extra.n, 1);
  cr_assert_str_eq(cm_dataset_extra_value(&ds->supply_extra, ds->supply_extra_values, 0, 0), "C-1");
  cr_assert_eq(ds->segment_extra.n, 0);
}

/* Tables of 64 and 65 commas a line (65 and 66 fields) and of 100 fields: the reader splits
 * lines of up to 64 commas in one pass, wider ones another way. Extra column k holds " vR.k "
 * on row R: trimmed to "vR.k". */
static void
check_wide_table(guint n_extra)
{
  GString *csv = g_string_new("id,region,segments");
  for (guint k = 0; k < n_extra; k++)
    g_string_append_printf(csv, ",x%u", k);
  g_string_append_c(csv, '\n');
  for (guint row = 0; row < 2; row++) {
    g_string_append_printf(csv, "e%u , Fujian/Ningde,cell", row);
    for (guint k = 0; k < n_extra; k++)
      g_string_append_printf(csv, ", v%u.%u ", row, k);
    g_string_append(csv, row == 0 ? "\r\n" : "\n");
  }
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI, MINI_SEGMENTS, csv->str, NULL, &diags);
  g_string_free(csv, TRUE);
  cr_assert_not_null(ds, "%u extra: %s", n_extra, cm_test_dump_diags(diags));
  assert_counts(diags, 0, 0);
  cr_assert_eq(ds->enterprise_extra.n, n_extra);
  cr_assert_eq(cm_dataset_find_enterprise(ds, "e1"), 1);
  for (guint row = 0; row < 2; row++) {
    for (guint k = 0; k < n_extra; k++) {
      g_autofree char *want = g_strdup_printf("v%u.%u", row, k);
      cr_assert_str_eq(
          cm_dataset_extra_value(&ds->enterprise_extra, ds->enterprise_extra_values, row, k), want,
          "%u extra, row %u, column %u", n_extra, row, k);
    }
  }
}

Test(csv, wide_tables_are_split_like_narrow_ones)
{
  check_wide_table(62); /* 64 commas */
  check_wide_table(63); /* 65 */
  check_wide_table(97); /* 100 fields */
}

/* The reader looks for quotes and CRs eight bytes at a time: put them at every offset. */
Test(csv, quotes_at_every_offset_are_seen)
{
  for (guint k = 0; k < 24; k++) {
    /* id, filler of k bytes, a quoted name holding a comma, tier */
    g_autofree char *filler = g_strnfill(k, 'x');
    g_autofree char *segments =
        g_strdup_printf("id,filler,name,tier\nore,%s,\"Ore, raw\",upstream\n", filler);
    g_autoptr(CmDiagnostics) diags = NULL;
    g_autoptr(CmDataset) ds =
        cm_test_load_text(MINI_INI, segments, "id,region,segments\nx,R,ore\n", NULL, &diags);
    cr_assert_not_null(ds, "offset %u: %s", k, cm_test_dump_diags(diags));
    cr_assert_str_eq(cm_dataset_segment(ds, 0)->name, "Ore, raw", "offset %u", k);
  }
}

Test(csv, lone_carriage_returns_at_every_offset_are_seen)
{
  for (guint k = 0; k < 24; k++) {
    /* a CR inside a line (not before its line feed) ends a record for libcsv: the row is cut
     * in two and both halves have the wrong number of fields */
    g_autofree char *filler = g_strnfill(k, 'x');
    g_autofree char *segments =
        g_strdup_printf("id,filler,name,tier\nore,%s\r,Ore,upstream\n", filler);
    g_autoptr(CmDiagnostics) diags = NULL;
    g_autoptr(CmDataset) ds =
        cm_test_load_text(MINI_INI, segments, "id,region,segments\nx,R,ore\n", NULL, &diags);
    cr_assert_null(ds, "offset %u", k);
    assert_error(diags, "segments.csv", 2, "expected 4 fields (as in the header), found 2");
  }
}

Test(csv, semicolon_separated_file_gets_a_hint)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI, "id;name;tier\nore;Ore;upstream\n", ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 1,
               "missing required column 'id'; the file seems to be "
               "separated by ';'");
}

Test(csv, tab_separated_file_gets_a_hint)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds =
      cm_test_load_text(MINI_INI, "id\tname\ttier\nore\tOre\tupstream\n", ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 1, "separated by tabs");
}

/* ---- list fields ---- */

Test(csv, lists_accept_ascii_and_full_width_semicolons)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI, MINI_SEGMENTS,
                                              "id,region,segments\n"
                                              "a,Fujian/Ningde,cell;pack\n"
                                              "b,Fujian/Ningde,cell；pack\n"
                                              "c,Fujian/Ningde, cell ; ；pack；\n"
                                              "d,Fujian/Ningde,cell;cell\n",
                                              NULL, &diags);
  assert_counts(diags, 0, 0);
  for (guint i = 0; i < 3; i++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, i);
    cr_assert_eq(e->n_segments, 2, "%s lists %u segments", e->id, e->n_segments);
    cr_assert_str_eq(cm_dataset_segment(ds, cm_dataset_enterprise_segments(ds, e)[1])->id, "pack");
  }
  cr_assert_eq(cm_dataset_enterprise(ds, 3)->n_segments, 1, "a repeated segment counts once");
}

Test(csv, split_list_trims_and_drops_empty_items)
{
  char buf[] = " a ;；b；; c d ;;";
  char *items[8];
  guint n = cm_csv_split_list(buf, items, 8);
  cr_assert_eq(n, 3);
  cr_assert_str_eq(items[0], "a");
  cr_assert_str_eq(items[1], "b");
  cr_assert_str_eq(items[2], "c d");
  char empty[] = "";
  cr_assert_eq(cm_csv_split_list(empty, items, 8), 0);
  char many[] = "a;b;c";
  cr_assert_eq(cm_csv_split_list(many, items, 2), 2, "at most max items");
}

/* ---- the reader itself ---- */

typedef struct {
  GString *log;
} Collect;

static void
collect(const CmCsvRecord *rec, gpointer data)
{
  Collect *c = data;
  g_string_append_printf(c->log, "%u:", rec->line);
  for (guint i = 0; i < rec->n_fields; i++)
    g_string_append_printf(c->log, "%s[%s]", i ? "," : "", rec->fields[i]);
  g_string_append_c(c->log, '\n');
}

Test(csv, reader_passes_records_with_their_starting_lines)
{
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  const char *text = "\xEF\xBB\xBF"
                     "a,b\r\n"
                     "\r\n"
                     "\"x\r\ny\",2\r\n"
                     "3\r\n"
                     "\"\",\"\"\"\"\n"
                     "last,row";
  CmCsvSource src = {.display = "t.csv", .diags = diags, .data = text, .data_len = strlen(text)};
  Collect c = {g_string_new(NULL)};
  cr_assert(cm_csv_read(&src, collect, &c));
  /* the header; line 3-4 quoted CRLF kept inside the field; line 5 ragged (reported, not passed) */
  cr_assert_str_eq(c.log->str, "1:[a],[b]\n3:[x\r\ny],[2]\n6:[],[\"]\n7:[last],[row]\n");
  assert_error(diags, "t.csv", 5, "expected 2 fields (as in the header), found 1");
  g_string_free(c.log, TRUE);
}

Test(csv, reader_reports_a_missing_file)
{
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  CmCsvSource src = {.path = "/nonexistent/chainmap/x.csv", .display = "x.csv", .diags = diags};
  Collect c = {g_string_new(NULL)};
  cr_assert_not(cm_csv_read(&src, collect, &c));
  assert_error(diags, "x.csv", 0, "cannot read file");
  cr_assert_str_eq(c.log->str, "");
  g_string_free(c.log, TRUE);
}

Test(csv, rows_of_only_empty_fields_are_blank_lines)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  /* Excel writes formatted empty rows as ",,": neither ragged nor missing an id */
  g_autoptr(CmDataset) ds = cm_test_load_text(MINI_INI,
                                              "id,name,tier\n"
                                              "ore,Ore,upstream\n"
                                              ",,\n"             /* 3 */
                                              " , \"\" ,\n"      /* 4 */
                                              ",,,,,\n"          /* 5 */
                                              "salt,Salt,bad\n", /* 6 */
                                              ENT_ONE, NULL, &diags);
  cr_assert_null(ds);
  assert_error(diags, "segments.csv", 6, "bad tier 'bad'");
  assert_counts(diags, 1, 0);
}
