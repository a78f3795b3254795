/* An RFC 4180 CSV reader on libcsv that streams a file record by record, with the physical line
 * where each record starts (a quoted newline still counts as a line). It strips a UTF-8 BOM,
 * accepts CRLF, skips blank lines (and rows of empty fields, as Excel exports them), trims fields,
 * decodes GB18030 (see CmEncoding) and reports framing problems (encoding, unterminated or stray
 * quotes, ragged rows, over-long records) as diagnostics. */
#pragma once

#include "cm_diagnostics.h"
#include "cm_encoding.h"

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint line; /* physical line where the record starts, 1-based */
  guint n_fields;
  char **fields;   /* trimmed, NUL-terminated UTF-8; valid only during the callback */
  gboolean stable; /* the strings fields points to (not the array) stay valid until the
                    * source's flush is called */
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
  /* A part of a UTF-8 source, for reading one file on several threads; all zero reads it
   * whole. part_start is the offset of a line start; a part that starts after the header gives
   * the header's field count and the physical line at part_start. */
  goffset part_start;
  goffset part_end;   /* stop at the first record boundary at or after it; 0: at the end */
  guint part_line;    /* line at part_start */
  guint part_fields;  /* the header's field count when the part does not hold it */
  const gint *cancel; /* reading stops early once *cancel is non-zero (atomic) */
  /* called with the record function's user_data before a framing problem is reported (so that a
   * consumer that holds records back can report theirs first and keep the line order) and
   * before the text of stable records is overwritten or freed */
  void (*flush)(gpointer user_data);
  /* when set, the encoding check of a UTF-8 source stores here how many lines it has (an upper
   * bound of its records, to reserve room for them before the first one; left alone otherwise) */
  guint *line_count;
  /* every line through libcsv, none split by the fast path (fuzz_csv compares the two) */
  gboolean no_fast_path;
} CmCsvSource;

/* How a part ended. */
typedef struct {
  gboolean stopped; /* at a record boundary at or after part_end, before the end of the file */
  guint line;       /* the physical line where reading stopped */
} CmCsvPartEnd;

/* Reads the whole source. Returns FALSE when the file cannot be read at all or is not text in
 * the expected encoding (a diagnostic says why); framing problems of single records leave it
 * TRUE. */
gboolean cm_csv_read(const CmCsvSource *source, CmCsvRecordFunc func, gpointer user_data);

/* The first half of cm_csv_read: rejects UTF-16 and NUL bytes, and tells whether the text must
 * be decoded as GB18030 (warning as cm_csv_read does). FALSE when the source cannot be read. */
gboolean cm_csv_check_encoding(const CmCsvSource *source, gboolean *gb18030);
/* The second half: reads the source or its part (gb18030 only for a whole source). part may be
 * NULL. */
gboolean cm_csv_read_part(const CmCsvSource *source, gboolean gb18030, CmCsvRecordFunc func,
                          gpointer user_data, CmCsvPartEnd *part);

/* Checks the encoding, then reads the source up to a line end near its middle when it is a
 * UTF-8 file of at least split_bytes, so that a second thread can read the rest from *split
 * (0 when the source is read whole). *split is set before the first record is passed on; end
 * says where reading stopped. FALSE as cm_csv_read. */
gboolean cm_csv_read_first_half(const CmCsvSource *source, goffset split_bytes, goffset *split,
                                CmCsvRecordFunc func, gpointer user_data, CmCsvPartEnd *end);

/* A line end near the middle of a file of at least min_bytes, where a second thread can start
 * reading it (see CmCsvSource.part_start); 0 for a smaller file or when there is none. */
goffset cm_csv_find_split(const char *path, goffset min_bytes);

/* Splits a list field on ';', '；' and '、', trimming items and dropping empty ones. The items
 * point into buf (modified in place). Returns the number of items stored (at most max). */
guint cm_csv_split_list(char *buf, char **items, guint max);

G_END_DECLS
