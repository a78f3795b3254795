#include "big_table.h"

void
big_table_begin(BigTable *b, const char *table, const char *header)
{
  b->table = table;
  b->dir = cm_test_tmpdir();
  b->csv = g_string_new(header);
  g_string_append_c(b->csv, '\n');
  b->line = 1;
}

void
big_table_row(BigTable *b, const char *text)
{
  g_string_append(b->csv, text);
  g_string_append_c(b->csv, '\n');
  b->line++;
}

void
big_table_row_with_newlines(BigTable *b, const char *before, guint n, const char *after)
{
  g_string_append(b->csv, before);
  for (guint i = 0; i < n; i++)
    g_string_append_c(b->csv, '\n');
  big_table_row(b, after);
  b->line += n;
}

CmDataset *
big_table_load(BigTable *b, const char *ini, CmDiagnostics **diags)
{
  gboolean big_enterprises = g_str_equal(b->table, "enterprises");
  write_file(b->dir, "dataset.ini", ini, -1);
  write_file(b->dir, "segments.csv", MINI_SEGMENTS, -1);
  if (big_enterprises)
    write_file(b->dir, "supply.csv", "supplier,buyer,segment,value,year\ne1,e2,salt,3,2024\n", -1);
  else
    write_file(b->dir, "enterprises.csv", MINI_ENTERPRISES, -1);
  g_autofree char *name = g_strconcat(b->table, ".csv", NULL);
  write_file(b->dir, name, b->csv->str, (gssize)b->csv->len);
  cr_assert_gt(b->csv->len, 8u << 20, "the table must be big enough to be split");
  return cm_test_load(b->dir, diags);
}

void
big_table_end(BigTable *b)
{
  cm_test_rmdir(b->dir);
  g_clear_pointer(&b->dir, g_free);
  g_string_free(b->csv, TRUE);
  b->csv = NULL;
}
