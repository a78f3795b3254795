/* Datasets with one table of more than 8 MiB, which the loaders read on two threads: the tests
 * of loaders/ write such a table row by row, counting its physical lines, with the MINI tables
 * (loaders_test.h) for the others. */
#pragma once

#include "loaders_test.h"

typedef struct {
  const char *table; /* "enterprises" or "supply" */
  char *dir;
  GString *csv;
  guint line; /* physical lines written so far */
} BigTable;

/* Starts table.csv with its header line. */
void big_table_begin(BigTable *b, const char *table, const char *header);
/* Appends a row and its line end. */
void big_table_row(BigTable *b, const char *text);
/* Appends a row whose quoted field holds n line ends: before "\n" * n after. */
void big_table_row_with_newlines(BigTable *b, const char *before, guint n, const char *after);
/* Writes the dataset (ini, the MINI tables but the big one, and the big one) and loads it; the
 * big table must be over the threshold. */
CmDataset *big_table_load(BigTable *b, const char *ini, CmDiagnostics **diags);
void big_table_end(BigTable *b);
