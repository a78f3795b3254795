/* Shared by the files of the CSV reader (csv.c parses, csv_encoding.c checks the encoding,
 * csv_stream.c reads the bytes). */
#pragma once

#include "cm_csv.h"

#include <string.h>

/* Bytes read at a time. */
#define CM_CSV_CHUNK_BYTES (1u << 20)

/* Pulls the raw bytes of a source (its file or its memory) chunk by chunk. */
typedef struct {
  const CmCsvSource *src;
  int fd;
  gsize mem_pos;
} CmByteStream;

/* Opens the source at its start, or at the start of its part (part_start). FALSE (reported)
 * when the file cannot be opened. */
gboolean cm_byte_stream_open(CmByteStream *s, const CmCsvSource *src);
gboolean cm_byte_stream_open_part(CmByteStream *s, const CmCsvSource *src);
/* Up to cap bytes; 0 at the end, -1 on a read error (errno set). */
gssize cm_byte_stream_read(CmByteStream *s, char *buf, gsize cap);
void cm_byte_stream_close(CmByteStream *s);
/* Reports a read error (errno) against the source. */
void cm_csv__read_failed(const CmCsvSource *src);
/* cm_csv_check_encoding, and where GB18030 starts: *from is the offset of the first line that is
 * not UTF-8 (0 when the whole source is GB18030, or UTF-8). */
gboolean cm_csv__check_encoding_from(const CmCsvSource *src, gboolean *gb18030, goffset *from);
gboolean cm_csv__starts_with(const char *p, gsize len, const char *magic, gsize n);

/* 0x80 in each byte of v that equals the byte c, 0 elsewhere (exact: no carries across bytes,
 * as ((x & 0x7f..) + 0x7f..) | x has a byte's high bit set unless the byte is zero). */
static inline guint64
cm_csv__bytes_equal(guint64 v, guchar c)
{
  const guint64 low7 = 0x7F7F7F7F7F7F7F7Full;
  guint64 x = v ^ (0x0101010101010101ull * c);
  return ~(((x & low7) + low7) | x) & ~low7;
}

/* Eight bytes at p, the first in the lowest byte whatever the machine's byte order. */
static inline guint64
cm_csv__load8(const char *p)
{
  guint64 v;
  memcpy(&v, p, 8);
  return GUINT64_FROM_LE(v);
}
