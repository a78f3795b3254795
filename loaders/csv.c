#include "cm_i18n.h"
#include "csv_private.h"
#include "cm_i18n.h"

#include <csv.h>
#include <errno.h>
#include <string.h>

typedef struct {
  const CmCsvSource *src;
  CmCsvRecordFunc func;
  gpointer user_data;
  struct csv_parser parser;
  GString *bytes;    /* fields of the current record, each NUL-terminated */
  GArray *offsets;   /* gsize offset of each field in bytes */
  GPtrArray *fields; /* char * into bytes, rebuilt per record */
  guint line;        /* physical line being fed */
  guint record_line; /* where the current record started */
  gboolean between;  /* no record in progress */
  gboolean skipping; /* dropping the rest of a bad physical line */
  gsize record_bytes;
  gint header_fields; /* -1 until the header is read */
  guint titles;       /* rows of one cell above the header (a sheet's title), skipped */
  gboolean fatal;     /* the header was lost: nothing after it can be mapped to columns */
} Reader;

static gboolean
is_space(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static void
on_field(void *s, size_t len, void *data)
{
  Reader *r = data;
  const unsigned char *p = s;
  while (len > 0 && is_space(p[0]))
    p++, len--;
  while (len > 0 && is_space(p[len - 1]))
    len--;
  gsize off = r->bytes->len;
  g_array_append_val(r->offsets, off);
  g_string_append_len(r->bytes, (const char *)p, (gssize)len);
  g_string_append_c(r->bytes, '\0');
}

static void reader_report(Reader *r, guint line, CmSeverity severity, const char *format, ...)
    G_GNUC_PRINTF(4, 5);

static void
flush_consumer(Reader *r)
{
  if (r->src->flush)
    r->src->flush(r->user_data);
}

/* A framing problem; the consumer first reports what it holds back (see CmCsvSource.flush). */
/* Title rows skipped above a header at most; the next row is taken as the header whatever. */
#define MAX_TITLE_ROWS 3

static void
reader_report(Reader *r, guint line, CmSeverity severity, const char *format, ...)
{
  flush_consumer(r);
  va_list args;
  va_start(args, format);
  cm_diagnostics_addv(r->src->diags, r->src->display, line, severity, format, args);
  va_end(args);
}

static void
reset_record(Reader *r)
{
  g_string_truncate(r->bytes, 0);
  g_array_set_size(r->offsets, 0);
  r->record_bytes = 0;
  r->between = TRUE;
}

/* Hands a complete record on: drops blank ones, takes the first as the header, checks the
 * field count of the others. */
static void
emit_record(Reader *r, guint n, char **fields, gboolean stable)
{
  /* Excel exports rows of formatted but empty cells as ",,,,": blank lines too */
  gboolean blank = TRUE;
  for (guint i = 0; i < n && blank; i++)
    blank = fields[i][0] == '\0';
  if (blank)
    return;
  CmCsvRecord rec = {.line = r->record_line, .n_fields = n, .fields = fields, .stable = stable};
  if (r->header_fields < 0 && r->titles < MAX_TITLE_ROWS) {
    /* a header has two columns at least: one cell is a title typed above it ("宁德市锂电
     *产业链企业名录"), unless it holds another delimiter (see cm_loader__map_header) */
    const char *only = NULL;
    guint filled = 0;
    for (guint i = 0; i < n; i++)
      if (fields[i][0] != '\0')
        only = fields[i], filled++;
    if (filled == 1 && !strpbrk(only, ";\t")) {
      if (r->titles++ == 0)
        reader_report(r, rec.line, CM_SEVERITY_ERROR,
                      _("the header must be the first row: row %u looks like a title ('%s'); "
                        "delete the rows above the header"),
                      rec.line, only);
      return;
    }
  }
  if (r->header_fields < 0) {
    r->header_fields = (gint)n;
    r->func(&rec, r->user_data);
  } else if ((gint)n != r->header_fields) {
    reader_report(r, rec.line, CM_SEVERITY_ERROR,
                  _("expected %d fields (as in the header), found %u"), r->header_fields, n);
  } else {
    r->func(&rec, r->user_data);
  }
}

static void
on_record(int terminator, void *data)
{
  Reader *r = data;
  guint n = r->offsets->len;
  g_ptr_array_set_size(r->fields, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add(r->fields, r->bytes->str + g_array_index(r->offsets, gsize, i));
  emit_record(r, n, (char **)r->fields->pdata, FALSE);
  reset_record(r);
}

/* Fields of a line split by fast_line without the reader's GPtrArray. */
#define FAST_FIELDS 64

/* The common case without libcsv: a whole line with no quote and no CR but its CRLF end, split
 * on commas in place. Gives the same fields as libcsv plus on_field would. Returns FALSE when
 * the line needs libcsv. One pass finds the commas and whether the line qualifies (eight bytes
 * at a time); only then is it cut. */
static gboolean
fast_line(Reader *r, char *p, gsize len)
{
  /* libcsv must be between records (ROW_NOT_BEGUN is 0): a CR inside a piece can end a record
   * in the middle of it */
  if (r->parser.pstate != 0 || r->src->no_fast_path)
    return FALSE;
  char *end = p + len - 1; /* the '\n' */
  char *commas[FAST_FIELDS];
  guint n_commas = 0;
  char *q = p;
  /* eight bytes at a time up to the byte before the line end, the only place for a CR */
  for (; q + 8 < end; q += 8) {
    guint64 v = cm_csv__load8(q);
    if (cm_csv__bytes_equal(v, '"') | cm_csv__bytes_equal(v, '\r'))
      return FALSE;
    for (guint64 m = cm_csv__bytes_equal(v, ','); m; m &= m - 1) {
      if (n_commas < FAST_FIELDS)
        commas[n_commas] = q + (__builtin_ctzll(m) >> 3);
      n_commas++;
    }
  }
  for (; q < end; q++) {
    switch (*q) {
    case '"':
      return FALSE;
    case '\r':
      if (q != end - 1)
        return FALSE;
      break;
    case ',':
      if (n_commas < FAST_FIELDS)
        commas[n_commas] = q;
      n_commas++;
      break;
    default:
      break;
    }
  }
  char *stack_fields[FAST_FIELDS + 1];
  char **fields = stack_fields;
  if (n_commas >= FAST_FIELDS) { /* a very wide table */
    g_ptr_array_set_size(r->fields, 0);
    for (char *q = p; (q = memchr(q, ',', (gsize)(end - q))); q++)
      g_ptr_array_add(r->fields, q);
    g_ptr_array_add(r->fields, end); /* room for the last field */
    fields = (char **)r->fields->pdata;
  }
  char *const *cut = n_commas >= FAST_FIELDS ? fields : commas;
  char *f = p;
  for (guint i = 0; i <= n_commas; i++) {
    char *stop = i < n_commas ? cut[i] : end;
    char *a = f, *b = stop;
    while (a < b && is_space((unsigned char)*a))
      a++;
    while (b > a && is_space((unsigned char)b[-1]))
      b--;
    *b = '\0';
    fields[i] = a; /* over cut[i], which is read first */
    f = stop + 1;
  }
  /* the fields lie in the text being fed, which stays until the next refill */
  emit_record(r, n_commas + 1, fields, TRUE);
  return TRUE;
}

static void
init_parser(struct csv_parser *parser)
{
  csv_init(parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  /* libcsv grows a field's buffer by a fixed step (128 bytes by default): a 16 MiB field would
   * cost O(n^2) copying wherever realloc cannot grow in place (minutes under ASan) */
  csv_set_blk_size(parser, CM_CSV_CHUNK_BYTES);
}

static void
restart_parser(Reader *r)
{
  /* dropping the header would make the first data row the header */
  if (r->header_fields < 0)
    r->fatal = TRUE;
  csv_free(&r->parser);
  init_parser(&r->parser);
  reset_record(r);
}

/* Feeds one piece of a physical line (ending with '\n' or at a chunk boundary). */
static void
feed_piece(Reader *r, char *p, gsize len)
{
  gboolean ends_line = len > 0 && p[len - 1] == '\n';
  if (r->fatal)
    return;
  if (r->skipping) {
    if (ends_line) {
      r->skipping = FALSE;
      r->line++;
    }
    return;
  }
  if (r->between) {
    gsize k = 0;
    while (k < len && is_space((unsigned char)p[k]))
      k++;
    if (k == len) { /* blank, or leading white space of a record still to come */
      if (ends_line)
        r->line++;
      return;
    }
    r->record_line = r->line;
    p += k;
    len -= k;
    if (ends_line && fast_line(r, p, len)) {
      r->line++;
      return;
    }
    r->between = FALSE;
  }
  r->record_bytes += len;
  if (r->record_bytes > CM_CSV_MAX_RECORD_BYTES) {
    reader_report(r, r->record_line, CM_SEVERITY_ERROR, _("record longer than %u MiB; skipped"),
                  CM_CSV_MAX_RECORD_BYTES >> 20);
    restart_parser(r);
    r->skipping = !ends_line;
    if (ends_line)
      r->line++;
    return;
  }
  size_t done = csv_parse(&r->parser, p, len, on_field, on_record, r);
  if (done < len) {
    reader_report(r, r->line, CM_SEVERITY_ERROR,
                  _("malformed quoting: a quote inside a field must be doubled and a quoted "
                    "field must end at a comma or line end"));
    restart_parser(r);
    r->skipping = !ends_line;
  }
  if (ends_line)
    r->line++;
}

/* Feeds UTF-8 text, splitting it at line ends so each record knows its line. The text is
 * modified (fields are cut in place). */
static void
feed_text(Reader *r, char *p, gsize len)
{
  while (len > 0) {
    char *nl = memchr(p, '\n', len);
    gsize piece = nl ? (gsize)(nl - p) + 1 : len;
    feed_piece(r, p, piece);
    p += piece;
    len -= piece;
  }
}

/* TRUE when the reader stands between two records with nothing pending. */
static gboolean
reader_clean(const Reader *r)
{
  return r->between && !r->skipping && r->parser.pstate == 0;
}

/* Reads the source (or its part), converting from GB18030 when asked, and feeds the parser. */
static gboolean
parse_source(Reader *r, gboolean gb18030, goffset gb18030_from, char *buf, CmCsvPartEnd *part)
{
  const CmCsvSource *src = r->src;
  CmByteStream s;
  if (!cm_byte_stream_open_part(&s, src))
    return FALSE;
  goffset pos = src->part_start;
  goffset stop = gb18030 ? 0 : src->part_end;
  GIConv cd = (GIConv)-1;
  g_autofree char *out = NULL;
  if (gb18030) {
    cd = g_iconv_open("UTF-8", "GB18030");
    out = g_malloc(CM_CSV_CHUNK_BYTES * 2);
  }
  gboolean first = src->part_start == 0, ok = TRUE, stopped = FALSE;
  gsize carry = 0;
  for (;;) {
    if (src->cancel && g_atomic_int_get(src->cancel))
      break;
    if (stop > 0 && pos >= stop) {
      /* the part ends here if no record runs on; else read on to the record's end */
      if (reader_clean(r)) {
        stopped = TRUE;
        break;
      }
      stop = 0;
    }
    gsize cap = CM_CSV_CHUNK_BYTES - carry;
    if (stop > 0)
      cap = MIN(cap, (gsize)(stop - pos));
    flush_consumer(r); /* buf is about to be refilled */
    gssize n = cm_byte_stream_read(&s, buf + carry, cap);
    if (n < 0) {
      cm_csv__read_failed(src);
      ok = FALSE;
      break;
    }
    pos += n;
    gsize len = carry + (gsize)n;
    carry = 0;
    if (len == 0)
      break;
    char *p = buf;
    goffset chunk_at = pos - (goffset)len; /* the source offset of buf[0] */
    if (first) {
      first = FALSE;
      if (cm_csv__starts_with(p, len, "\xEF\xBB\xBF", 3)) {
        p += 3;
        len -= 3;
      }
    }
    if (r->fatal)
      break;
    if (gb18030 && chunk_at + (p - buf) < gb18030_from) {
      /* the lines before the first one that is not UTF-8 are UTF-8 (checked) */
      gsize utf8 = (gsize)MIN((goffset)len, gb18030_from - (chunk_at + (p - buf)));
      feed_text(r, p, utf8);
      p += utf8;
      len -= utf8;
    }
    if (!gb18030) {
      feed_text(r, p, len);
    } else {
      while (len > 0) {
        char *o = out;
        gsize out_left = CM_CSV_CHUNK_BYTES * 2;
        flush_consumer(r); /* out is about to be refilled */
        gsize rc = g_iconv(cd, &p, &len, &o, &out_left);
        int err = errno;
        /* GB18030 decodes a NUL byte to U+0000, which would cut a field short */
        const char *nul = memchr(out, '\0', (gsize)(o - out));
        if (nul) {
          feed_text(r, out, (gsize)(nul - out));
          reader_report(r, r->line, CM_SEVERITY_ERROR,
                        _("NUL byte: this is not a text CSV file (UTF-16 or binary?)"));
          ok = FALSE;
          break;
        }
        feed_text(r, out, (gsize)(o - out));
        if (rc != (gsize)-1)
          continue;
        if (err == E2BIG)
          continue;
        if (err == EINVAL && n > 0) { /* incomplete sequence: keep for the next chunk */
          memmove(buf, p, len);
          carry = len;
          break;
        }
        reader_report(r, r->line, CM_SEVERITY_ERROR,
                      _("the file is neither valid UTF-8 nor GB18030; save it as UTF-8"));
        ok = FALSE;
        break;
      }
      if (!ok)
        break;
    }
    if (n == 0)
      break;
  }
  if (cd != (GIConv)-1)
    g_iconv_close(cd);
  cm_byte_stream_close(&s);
  flush_consumer(r); /* out is freed on return, buf soon after */
  if (part) {
    part->stopped = stopped;
    part->line = r->line;
  }
  if (!ok || r->fatal)
    return FALSE;
  if (stopped || (src->cancel && g_atomic_int_get(src->cancel)))
    return TRUE;
  /* a last record without a line end */
  if (!r->skipping && csv_fini(&r->parser, on_field, on_record, r) != 0) {
    reader_report(r, r->record_line, CM_SEVERITY_ERROR,
                  _("unterminated quoted field (the quote opened in the record starting at "
                    "this line is never closed)"));
    if (r->header_fields < 0)
      return FALSE;
  }
  if (r->header_fields < 0)
    reader_report(r, 0, CM_SEVERITY_ERROR, _("the file is empty; a header row is required"));
  return TRUE;
}

static gboolean
read_part_from(const CmCsvSource *src, gboolean gb18030, goffset gb18030_from, CmCsvRecordFunc func,
               gpointer user_data, CmCsvPartEnd *part)
{
  g_return_val_if_fail(!gb18030 || (src->part_start == 0 && src->part_end == 0), FALSE);
  g_autofree char *buf = g_malloc(CM_CSV_CHUNK_BYTES);
  Reader r = {
      .src = src,
      .func = func,
      .user_data = user_data,
      .bytes = g_string_sized_new(1024),
      .offsets = g_array_new(FALSE, FALSE, sizeof(gsize)),
      .fields = g_ptr_array_new(),
      .line = src->part_line ? src->part_line : 1,
      .record_line = 1,
      .between = TRUE,
      .header_fields = src->part_fields ? (gint)src->part_fields : -1,
  };
  init_parser(&r.parser);
  gboolean ok = parse_source(&r, gb18030, gb18030_from, buf, part);
  csv_free(&r.parser);
  g_string_free(r.bytes, TRUE);
  g_array_free(r.offsets, TRUE);
  g_ptr_array_free(r.fields, TRUE);
  return ok;
}

gboolean
cm_csv_read_part(const CmCsvSource *src, gboolean gb18030, CmCsvRecordFunc func, gpointer user_data,
                 CmCsvPartEnd *part)
{
  return read_part_from(src, gb18030, 0, func, user_data, part);
}

gboolean
cm_csv_read_first_half(const CmCsvSource *src, goffset split_bytes, goffset *split,
                       CmCsvRecordFunc func, gpointer user_data, CmCsvPartEnd *end)
{
  *split = 0;
  gboolean gb18030 = FALSE;
  goffset from = 0;
  if (!cm_csv__check_encoding_from(src, &gb18030, &from))
    return FALSE;
  CmCsvSource first = *src;
  if (!gb18030 && src->path && !src->data)
    first.part_end = *split = cm_csv_find_split(src->path, split_bytes);
  return read_part_from(&first, gb18030, from, func, user_data, end);
}

gboolean
cm_csv_read(const CmCsvSource *src, CmCsvRecordFunc func, gpointer user_data)
{
  gboolean gb18030 = FALSE;
  goffset from = 0;
  if (!cm_csv__check_encoding_from(src, &gb18030, &from))
    return FALSE;
  return read_part_from(src, gb18030, from, func, user_data, NULL);
}

guint
cm_csv_split_list(char *buf, char **items, guint max)
{
  guint n = 0;
  char *p = buf;
  while (*p) {
    char *start = p;
    char *end = NULL;
    while (*p) {
      if (*p == ';') {
        end = p;
        *p++ = '\0';
        break;
      }
      /* the full-width semicolon and the enumeration comma 、 (both three bytes in UTF-8) */
      if (strncmp(p, "；", strlen("；")) == 0 || strncmp(p, "、", strlen("、")) == 0) {
        end = p;
        *p = '\0';
        p += strlen("；");
        break;
      }
      p++;
    }
    (void)end;
    char *item = g_strstrip(start);
    if (*item && n < max)
      items[n++] = item;
  }
  return n;
}
