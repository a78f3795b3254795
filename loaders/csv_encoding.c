/* The encoding check of a CSV source: UTF-16 and NUL bytes are refused, and text that is not
 * valid UTF-8 is decoded as GB18030 (or refused, as the dataset says). A big file is scanned on
 * two threads, one half each. */
#include "cm_i18n.h"
#include "csv_private.h"
#include "two_halves.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* How far past the middle cm_csv_find_split looks for a line end. */
#define CM_CSV_SPLIT_SEARCH_BYTES ((goffset)1 << 20)

/* Line ends in p, eight bytes at a time. */
static guint
count_lines(const char *p, gsize len)
{
  guint n = 0;
  gsize i = 0;
  for (; i + 8 <= len; i += 8) {
    guint64 found = cm_csv__bytes_equal(cm_csv__load8(p + i), '\n') >> 7; /* 1 in such bytes */
    n += (guint)((found * 0x0101010101010101ull) >> 56); /* their sum, in the top byte */
  }
  for (; i < len; i++)
    n += p[i] == '\n';
  return n;
}

/* g_utf8_validate_len, with a fast path for runs of ASCII, of which CSV files are mostly made:
 * eight bytes at a time while none is NUL or has its high bit set. */
static gboolean
utf8_validate(const char *buf, gsize len, const char **end)
{
  const guint64 high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  gsize i = 0;
  for (;;) {
    for (guint64 v; i + 8 <= len; i += 8) {
      memcpy(&v, buf + i, 8);
      if ((v | ((v - ones) & ~v)) & high)
        break;
    }
    if (i >= len)
      break;
    /* glib from here up to an ASCII byte, so that no multibyte sequence is cut */
    gsize j = MIN(len, i + 64);
    while (j < len && (unsigned char)buf[j] >= 0x80)
      j++;
    if (!g_utf8_validate_len(buf + i, j - i, end))
      return FALSE;
    i = j;
  }
  *end = buf + len;
  return TRUE;
}

/* The scan of a range of a source. */
typedef struct {
  CmCsvSource src; /* from part_start; diags gets read errors */
  goffset end;     /* where the range ends; 0: at the end of the source */
  char *buf;       /* CM_CSV_CHUNK_BYTES */
  gboolean valid;
  gboolean io_error;
  gboolean nul;   /* not valid because of a NUL byte */
  guint lines;    /* line ends in the range, when valid */
  guint bad_line; /* line of the first offending byte, counted from 1 at the range's start */
  goffset bad_line_start; /* offset in the source where that line begins */
  gint *stop;             /* set when the other half failed first: this one is not needed */
} Scan;

/* Checks that the range is UTF-8 with no NUL byte. */
static void
scan_range(Scan *sc)
{
  CmByteStream s;
  sc->valid = TRUE;
  sc->io_error = !cm_byte_stream_open_part(&s, &sc->src);
  if (sc->io_error)
    return;
  char *buf = sc->buf;
  goffset pos = sc->src.part_start, line_start = sc->src.part_start;
  gsize carry = 0;
  guint lines = 0;
  for (;;) {
    if (sc->stop && g_atomic_int_get(sc->stop))
      break;
    gsize cap = CM_CSV_CHUNK_BYTES - carry;
    if (sc->end > 0)
      cap = MIN(cap, (gsize)(sc->end - pos));
    gssize n = cm_byte_stream_read(&s, buf + carry, cap);
    if (n < 0) {
      cm_csv__read_failed(&sc->src);
      sc->io_error = TRUE;
      break;
    }
    pos += n;
    gsize len = carry + (gsize)n;
    if (len == 0)
      break;
    goffset chunk_at = pos - (goffset)len; /* the source offset of buf[0] */
    const char *end;
    if (utf8_validate(buf, len, &end)) {
      lines += count_lines(buf, len);
      const char *nl = memrchr(buf, '\n', len);
      if (nl)
        line_start = chunk_at + (nl - buf) + 1;
      carry = 0;
      if (n == 0)
        break;
      continue;
    }
    gsize good = (gsize)(end - buf);
    const char *nl = memrchr(buf, '\n', good);
    if (nl)
      line_start = chunk_at + (nl - buf) + 1;
    if (*end != '\0' && n > 0 && len - good < 4) { /* a sequence cut by the chunk boundary */
      lines += count_lines(buf, good);
      memmove(buf, end, len - good);
      carry = len - good;
      continue;
    }
    sc->bad_line = lines + count_lines(buf, good) + 1;
    sc->bad_line_start = line_start;
    sc->nul = *end == '\0';
    sc->valid = FALSE;
    break;
  }
  sc->lines = lines;
  cm_byte_stream_close(&s);
}

static gpointer
scan_thread(gpointer data)
{
  scan_range(data);
  return NULL;
}

/* Checks that the source is UTF-8 with no NUL byte. On failure *bad_line is the line of the
 * first offending byte and *nul tells whether it was a NUL byte. */
static gboolean
scan_utf8(const CmCsvSource *src, char *buf, guint *bad_line, goffset *bad_start, gboolean *nul,
          gboolean *io_error, guint *lines)
{
  /* the split and the size of two_halves.h; every half is used, as no character spans it */
  goffset split =
      src->path && !src->data ? cm_csv_find_split(src->path, CM_TWO_HALVES_MIN_BYTES) : 0;
  Scan first = {.src = *src, .end = split, .buf = buf};
  first.src.part_start = 0;
  gint stop = 0;
  Scan second = {.src = *src, .stop = &stop};
  g_autoptr(CmDiagnostics) second_diags = NULL;
  g_autofree char *second_buf = NULL;
  GThread *thread = NULL;
  if (split > 0) { /* the split is at a line end: no character and no line is cut */
    second_diags = cm_diagnostics_new();
    second_buf = g_malloc(CM_CSV_CHUNK_BYTES);
    second.src.part_start = split;
    second.src.diags = second_diags; /* the load's list is the main thread's */
    second.buf = second_buf;
    thread = g_thread_new("scan", scan_thread, &second);
  }
  scan_range(&first);
  /* a fatal error in the first half (a NUL byte on line 1) ends the scan: the second half of a
   * 20 GB file is not read to its end for nothing */
  if (first.io_error || !first.valid)
    g_atomic_int_set(&stop, 1);
  if (thread)
    g_thread_join(thread);
  *io_error = first.io_error;
  if (first.io_error || !first.valid) {
    *bad_line = first.bad_line;
    *bad_start = first.bad_line_start;
    *nul = first.nul;
    return first.valid;
  }
  *lines = first.lines;
  if (split == 0)
    return TRUE;
  if (second.io_error) { /* again, reporting on the load's list */
    second.src.diags = src->diags;
    scan_range(&second);
    *io_error = second.io_error;
  }
  *bad_line = first.lines + second.bad_line;
  *bad_start = second.bad_line_start;
  *nul = second.nul;
  *lines = first.lines + second.lines;
  return second.valid;
}

gboolean
cm_csv_check_encoding(const CmCsvSource *src, gboolean *gb18030_out)
{
  goffset from = 0;
  return cm_csv__check_encoding_from(src, gb18030_out, &from);
}

gboolean
cm_csv__check_encoding_from(const CmCsvSource *src, gboolean *gb18030_out, goffset *from)
{
  *from = 0;
  g_autofree char *buf = g_malloc(CM_CSV_CHUNK_BYTES);
  /* UTF-16 is a common Excel export ("Unicode text"): name it instead of failing obscurely. */
  {
    CmByteStream s;
    if (!cm_byte_stream_open(&s, src))
      return FALSE;
    gssize n = cm_byte_stream_read(&s, buf, 4);
    cm_byte_stream_close(&s);
    if (n < 0) {
      cm_csv__read_failed(src);
      return FALSE;
    }
    if (cm_csv__starts_with(buf, (gsize)n, "\xFF\xFE", 2) ||
        cm_csv__starts_with(buf, (gsize)n, "\xFE\xFF", 2)) {
      cm_diagnostics_add(src->diags, src->display, 1, CM_SEVERITY_ERROR,
                         _("the file is UTF-16; save it as UTF-8 (Excel: \"CSV UTF-8\")"));
      return FALSE;
    }
  }
  gboolean gb18030 = src->encoding == CM_ENCODING_GB18030;
  if (!gb18030) {
    guint bad_line = 0;
    goffset bad_start = 0;
    gboolean nul = FALSE, io_error = FALSE;
    guint lines = 0;
    gboolean valid = scan_utf8(src, buf, &bad_line, &bad_start, &nul, &io_error, &lines);
    if (io_error)
      return FALSE;
    if (valid && src->line_count) /* a last line may have no line end */
      *src->line_count = lines + 1;
    if (!valid && nul) {
      cm_diagnostics_add(src->diags, src->display, bad_line, CM_SEVERITY_ERROR,
                         _("NUL byte: this is not a text CSV file (UTF-16 or binary?)"));
      return FALSE;
    }
    if (!valid && src->encoding == CM_ENCODING_UTF8) {
      cm_diagnostics_add(src->diags, src->display, bad_line, CM_SEVERITY_ERROR,
                         _("invalid UTF-8 (the dataset says encoding=utf-8)"));
      return FALSE;
    }
    if (!valid) {
      /* the lines before are valid UTF-8 and stay so (a file that turned to GB18030 part-way,
       * rows appended in another program); from this line on it is GB18030 */
      if (bad_line > 1)
        cm_diagnostics_add(src->diags, src->display, bad_line, CM_SEVERITY_WARNING,
                           _("not valid UTF-8 from this line on; decoded the file as GB18030 "
                             "from this line, the %u line(s) before it as UTF-8 (if those look "
                             "wrong, set encoding=gb18030 in dataset.ini)"),
                           bad_line - 1);
      else
        cm_diagnostics_add(src->diags, src->display, bad_line, CM_SEVERITY_WARNING,
                           _("not valid UTF-8 from this line on; decoded the file as GB18030"));
      *from = bad_start;
      gb18030 = TRUE;
    }
  }
  *gb18030_out = gb18030;
  return TRUE;
}

goffset
cm_csv_find_split(const char *path, goffset min_bytes)
{
  GStatBuf st;
  if (g_stat(path, &st) != 0 || st.st_size < min_bytes)
    return 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  goffset at = st.st_size / 2, split = 0, give_up = at + CM_CSV_SPLIT_SEARCH_BYTES;
  char buf[65536];
  if (fseeko(f, at, SEEK_SET) == 0) {
    /* no line end near the middle (a binary or sparse file): one thread, which stops at the
     * first bad byte, instead of a search through the whole second half */
    for (size_t n; split == 0 && at < give_up && (n = fread(buf, 1, sizeof buf, f)) > 0;
         at += (goffset)n) {
      const char *nl = memchr(buf, '\n', n);
      if (nl)
        split = at + (nl - buf) + 1;
    }
  }
  fclose(f);
  return split < st.st_size ? split : 0;
}
