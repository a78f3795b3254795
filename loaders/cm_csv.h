/* An RFC 4180 CSV reader on libcsv that streams a file record by record, with the physical line
 * where each record starts (a quoted newline still counts as a line). It strips a UTF-8 BOM,
 * accepts CRLF, skips blank lines, trims fields, decodes GB18030 (see CmEncoding) and reports
 * framing problems (encoding, unterminated or stray quotes, ragged rows, over-long records) as
 * diagnostics. */
#pragma once

#include "cm_diagnostics.h"
#include "cm_encoding.h"

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint line; /* physical line where the record starts, 1-based */
  guint n_fields;
  char **fields; /* trimmed, NUL-terminated UTF-8; valid only during the callback */
} CmCsvRecord;

/* Called for each record, the header first. Rows whose field count differs from the header's are
 * reported as errors and not passed on. */
typedef void (*CmCsvRecordFunc)(const CmCsvRecord *record, gpointer user_data);

/* Longest record accepted; a longer one is an error and skipped, so memory stays bounded. */
#define CM_CSV_MAX_RECORD_BYTES (16u << 20)

typedef struct {
  const char *path;    /* file to open */
  const char *display; /* how diagnostics name it */
  CmEncoding encoding;
  CmDiagnostics *diags;
  /* alternative to path: read from memory (fuzzing, tests) */
  const char *data;
  gsize data_len;
} CmCsvSource;

/* Reads the whole source. Returns FALSE when the file cannot be read at all or is not text in
 * the expected encoding (a diagnostic says why); framing problems of single records leave it
 * TRUE. */
gboolean cm_csv_read(const CmCsvSource *source, CmCsvRecordFunc func, gpointer user_data);

/* Splits a list field on ';' and '；', trimming items and dropping empty ones. The items point
 * into buf (modified in place). Returns the number of items stored (at most max). */
guint cm_csv_split_list(char *buf, char **items, guint max);

G_END_DECLS
