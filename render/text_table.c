/* A text table stores its cells in one arena and measures them when set: a report of a million
 * rows must not cost a heap block per cell. Text that needs no repair or escaping (printable ASCII
 * and the three-byte characters of Chinese) is measured in one pass and copied once, not at all
 * when it outlives the table; other text is repaired and sanitised once, and static text met
 * again at the same address is not measured again. Rows appended from another table (filled on
 * another thread) keep their storage. Only cells wider than their column's limit are wrapped, into
 * spans of the stored text, kept by address; the widths take only the cells that can still widen
 * a column, and the rows of a long table are written on two threads. */
#include "text_private.h"
#include "cm_memory.h"
#include "text_table.h"

#include <string.h>

typedef struct {
  char *title;
  CmAlign align;
  guint max_width;
} Column;

typedef struct {
  const char *text;   /* as set (valid UTF-8), in the arena or the caller's; NULL when unset.
                       * When dirty, the terminal form (controls as spaces) follows its NUL. */
  guint32 len;        /* bytes of text */
  guint32 width : 31; /* display width of the terminal form */
  guint32 dirty : 1;
} Cell;

/* Static text already stored in a column, by its address: a region or a list that repeats on
 * row after row is measured once. */
#define SEEN_SLOTS 64
typedef struct {
  const char *text;
  Cell cell;
} Seen;

struct _CmTextTable {
  guint n_columns;
  Column *columns;
  GArray *cells;      /* Cell, row-major: the last rows, where new ones go */
  GPtrArray *earlier; /* GArray of Cell: the rows before, in order, when rows were appended */
  gsize n_earlier;    /* cells in them */
  GPtrArray *colors;  /* const char * SGR codes of every cell in order; NULL until one is set */
  GStringChunk *arena;
  GPtrArray *more_arenas; /* GStringChunk: those of tables whose rows were appended */
  Cell *last_wide; /* per column: the last non-ASCII cell stored, reused when the next repeats it */
  Seen *seen;      /* per column, SEEN_SLOTS each */
};

CmTextTable *
cm_text_table_new(guint n_columns)
{
  g_return_val_if_fail(n_columns > 0, NULL);
  CmTextTable *t = g_new0(CmTextTable, 1);
  t->n_columns = n_columns;
  t->columns = g_new0(Column, n_columns);
  t->cells = g_array_new(FALSE, FALSE, sizeof(Cell)); /* rows cleared as they start */
  t->arena = g_string_chunk_new(64 * 1024);
  t->last_wide = g_new0(Cell, n_columns);
  t->seen = g_new0(Seen, (gsize)n_columns * SEEN_SLOTS);
  return t;
}

void
cm_text_table_free(CmTextTable *table)
{
  if (!table)
    return;
  for (guint i = 0; i < table->n_columns; i++)
    g_free(table->columns[i].title);
  g_free(table->columns);
  g_array_unref(table->cells);
  if (table->earlier)
    g_ptr_array_unref(table->earlier);
  if (table->colors)
    g_ptr_array_unref(table->colors);
  if (table->arena)
    g_string_chunk_free(table->arena);
  if (table->more_arenas)
    g_ptr_array_unref(table->more_arenas);
  g_free(table->last_wide);
  g_free(table->seen);
  g_free(table);
}

void
cm_text_table_column(CmTextTable *table, guint col, const char *title, CmAlign align,
                     guint max_width)
{
  g_return_if_fail(col < table->n_columns);
  Column *c = &table->columns[col];
  g_free(c->title);
  c->title = g_utf8_make_valid(title, -1);
  c->align = align;
  c->max_width = max_width;
}

void
cm_text_table_reserve(CmTextTable *table, guint n_rows)
{
  cm_memory__reserve(table->cells, (gsize)n_rows * table->n_columns);
}

/* Cells of the table in all. */
static gsize
n_cells(const CmTextTable *t)
{
  return t->n_earlier + t->cells->len;
}

/* The cells of row r. */
static const Cell *
row_cells(const CmTextTable *t, guint r)
{
  gsize i = (gsize)r * t->n_columns;
  if (i >= t->n_earlier)
    return &g_array_index(t->cells, Cell, i - t->n_earlier);
  for (guint p = 0;; p++) {
    const GArray *part = t->earlier->pdata[p];
    if (i < part->len)
      return &g_array_index(part, Cell, i);
    i -= part->len;
  }
}

void
cm_text_table_append_rows(CmTextTable *table, CmTextTable *more)
{
  g_return_if_fail(table && more && more->n_columns == table->n_columns);
  gsize before = n_cells(table);
  if (more->colors && more->colors->len > 0) {
    if (!table->colors)
      table->colors = g_ptr_array_new();
    g_ptr_array_set_size(table->colors, (gint)before);
    g_ptr_array_set_size(more->colors, (gint)n_cells(more));
    for (guint i = 0; i < more->colors->len; i++)
      g_ptr_array_add(table->colors, more->colors->pdata[i]);
  }
  if (n_cells(more) > 0) { /* more's storage goes after table's, as it is: no copy */
    if (!table->earlier)
      table->earlier = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    if (table->cells->len > 0)
      g_ptr_array_add(table->earlier, g_steal_pointer(&table->cells));
    else
      g_array_unref(g_steal_pointer(&table->cells));
    for (guint p = 0; more->earlier && p < more->earlier->len; p++)
      g_ptr_array_add(table->earlier, g_array_ref(more->earlier->pdata[p]));
    table->n_earlier = before + more->n_earlier;
    table->cells = g_array_ref(more->cells);
  }
  if (!table->more_arenas)
    table->more_arenas = g_ptr_array_new_with_free_func((GDestroyNotify)g_string_chunk_free);
  g_ptr_array_add(table->more_arenas, g_steal_pointer(&more->arena));
  if (more->more_arenas) {
    for (guint i = 0; i < more->more_arenas->len; i++)
      g_ptr_array_add(table->more_arenas, g_steal_pointer(&more->more_arenas->pdata[i]));
    g_ptr_array_set_free_func(more->more_arenas, NULL);
  }
  cm_text_table_free(more);
}

void
cm_text_table_row(CmTextTable *table)
{
  guint len = table->cells->len;
  g_array_set_size(table->cells, len + table->n_columns);
  memset(&g_array_index(table->cells, Cell, len), 0, table->n_columns * sizeof(Cell));
}

guint
cm_text_table_n_rows(const CmTextTable *table)
{
  return (guint)(n_cells(table) / table->n_columns);
}

guint
cm_text_table_n_columns(const CmTextTable *table)
{
  return table->n_columns;
}

const char *
cm_text_table_title(const CmTextTable *table, guint col)
{
  g_return_val_if_fail(col < table->n_columns, "");
  return table->columns[col].title ? table->columns[col].title : "";
}

CmAlign
cm_text_table_align(const CmTextTable *table, guint col)
{
  g_return_val_if_fail(col < table->n_columns, CM_ALIGN_LEFT);
  return table->columns[col].align;
}

const char *
cm_text_table_get(const CmTextTable *table, guint row, guint col)
{
  g_return_val_if_fail(row < cm_text_table_n_rows(table) && col < table->n_columns, "");
  const Cell *cell = &row_cells(table, row)[col];
  return cell->text ? cell->text : "";
}

/* Text that is not printable ASCII: repaired, measured, and when it holds control characters
 * stored a second time as the terminal shows it. */
static void
set_slow(CmTextTable *table, guint col, Cell *cell, const char *text)
{
  Cell *last = &table->last_wide[col];
  if (last->text && strcmp(last->text, text) == 0) { /* "1 补链 gap" on every row */
    *cell = *last;
    return;
  }
  g_autofree char *fixed = g_utf8_validate(text, -1, NULL) ? NULL : g_utf8_make_valid(text, -1);
  const char *valid = fixed ? fixed : text;
  gsize len = strlen(valid);
  g_return_if_fail(len < G_MAXINT32);
  if (!cm_text__has_control(valid)) {
    cell->text = g_string_chunk_insert_len(table->arena, valid, (gssize)len);
    cell->dirty = 0;
    cell->width = cm_text__width_len(valid, len);
  } else {
    g_autofree char *shown = cm_text_sanitize(valid);
    gsize shown_len = strlen(shown);
    g_autofree char *both = g_malloc(len + 1 + shown_len);
    memcpy(both, valid, len + 1);
    memcpy(both + len + 1, shown, shown_len);
    cell->text = g_string_chunk_insert_len(table->arena, both, (gssize)(len + 1 + shown_len));
    cell->dirty = 1;
    cell->width = cm_text__width_len(shown, shown_len);
  }
  cell->len = (guint32)len;
  *last = *cell;
}

static void
store_cell(CmTextTable *table, guint col, Cell *cell, const char *text, gboolean copy)
{
  guint width;
  const char *end = cm_text__scan_plain(text, &width);
  if (*end != '\0') {
    set_slow(table, col, cell, text);
    return;
  }
  gsize len = (gsize)(end - text);
  g_return_if_fail(len < G_MAXINT32);
  gboolean wide = len != width; /* not ASCII: a copy may repeat the row before's */
  Cell *last = &table->last_wide[col];
  if (copy && wide && last->text && last->len == len && memcmp(last->text, text, len) == 0) {
    *cell = *last;
    return;
  }
  cell->text = copy ? g_string_chunk_insert_len(table->arena, text, (gssize)len) : text;
  cell->len = (guint32)len;
  cell->width = width;
  cell->dirty = 0;
  if (copy && wide)
    *last = *cell;
}

static void
set_cell(CmTextTable *table, guint col, const char *text, gboolean copy)
{
  g_return_if_fail(col < table->n_columns && table->cells->len > 0);
  Cell *cell = &g_array_index(table->cells, Cell, table->cells->len - table->n_columns + col);
  if (!copy) {
    guintptr at = (guintptr)text;
    Seen *seen = &table->seen[col * SEEN_SLOTS + ((at ^ at >> 6 ^ at >> 12) % SEEN_SLOTS)];
    if (seen->text == text) {
      *cell = seen->cell;
      return;
    }
    store_cell(table, col, cell, text, FALSE);
    *seen = (Seen){text, *cell};
    return;
  }
  store_cell(table, col, cell, text, TRUE);
}

void
cm_text_table_cell(CmTextTable *table, guint col, const char *text)
{
  set_cell(table, col, text, TRUE);
}

void
cm_text_table_cell_static(CmTextTable *table, guint col, const char *text)
{
  set_cell(table, col, text, FALSE);
}

void
cm_text_table_cellf(CmTextTable *table, guint col, const char *format, ...)
{
  char buf[128];
  va_list args;
  va_start(args, format);
  int n = g_vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  if (n >= 0 && (gsize)n < sizeof buf) {
    cm_text_table_cell(table, col, buf);
    return;
  }
  va_start(args, format);
  g_autofree char *text = g_strdup_vprintf(format, args);
  va_end(args);
  cm_text_table_cell(table, col, text);
}

void
cm_text_table_cell_uint(CmTextTable *table, guint col, guint64 v)
{
  char buf[24], *p = buf + sizeof buf;
  *--p = '\0';
  do {
    *--p = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  cm_text_table_cell(table, col, p);
}

void
cm_text_table_color(CmTextTable *table, guint col, const char *sgr)
{
  g_return_if_fail(col < table->n_columns && table->cells->len > 0);
  if (!table->colors)
    table->colors = g_ptr_array_new();
  gsize n = n_cells(table);
  if (table->colors->len < n)
    g_ptr_array_set_size(table->colors, (gint)n);
  table->colors->pdata[n - table->n_columns + col] = (gpointer)sgr;
}

/* The terminal form of a cell's text. */
static const char *
shown_text(const Cell *cell, gsize *len)
{
  if (!cell->text) {
    *len = 0;
    return "";
  }
  if (!cell->dirty) {
    *len = cell->len;
    return cell->text;
  }
  const char *shown = cell->text + cell->len + 1;
  *len = strlen(shown);
  return shown;
}

static const char *
cell_color(const CmTextTable *table, gsize i)
{
  return table->colors && i < table->colors->len ? table->colors->pdata[i] : NULL;
}

/* Room for n more bytes at the end of out; returns where they go. */
static char *
reserve(GString *out, gsize n)
{
  gsize len = out->len;
  g_string_set_size(out, len + n);
  out->len = len;
  return out->str + len;
}

static char *
put_spaces(char *p, guint n)
{
  memset(p, ' ', n);
  return p + n;
}

static char *
put_text(char *p, const char *text, gsize len)
{
  memcpy(p, text, len);
  return p + len;
}

/* A cell's text, in its colour when it has one. */
static char *
put_colored(char *p, const CmTextSpan *s, const char *sgr)
{
  if (!sgr)
    return put_text(p, s->text, s->len);
  p = put_text(p, "\033[", 2);
  p = put_text(p, sgr, strlen(sgr));
  *p++ = 'm';
  p = put_text(p, s->text, s->len);
  return put_text(p, "\033[0m", 4);
}

/* Ends the line started at out->str + start, p being its end: trailing padding goes when strip
 * (a left-aligned last column), so that no line ends in spaces. */
static void
end_line(GString *out, gsize start, char *p, gboolean strip)
{
  while (strip && p > out->str + start && p[-1] == ' ')
    p--;
  *p++ = '\n';
  out->len = (gsize)(p - out->str);
  out->str[out->len] = '\0';
}

/* Cells wrapped at their column's limit, kept by the address of their text, WRAP_SLOTS per
 * column: the same priority, region or list on row after row, or again further down, is wrapped
 * once. */
#define WRAP_SLOTS 32
typedef struct {
  const char *text; /* NULL: none yet */
  GArray *lines;    /* CmTextSpan */
} Wrapped;

static Wrapped *
wrapped_new(guint n_columns)
{
  Wrapped *w = g_new0(Wrapped, (gsize)n_columns * WRAP_SLOTS);
  for (gsize i = 0; i < (gsize)n_columns * WRAP_SLOTS; i++)
    w[i].lines = g_array_new(FALSE, FALSE, sizeof(CmTextSpan));
  return w;
}

static void
wrapped_forget(Wrapped *w, guint n_columns)
{
  for (gsize i = 0; i < (gsize)n_columns * WRAP_SLOTS; i++)
    w[i].text = NULL;
}

static void
wrapped_free(Wrapped *w, guint n_columns)
{
  for (gsize i = 0; i < (gsize)n_columns * WRAP_SLOTS; i++)
    g_array_unref(w[i].lines);
  g_free(w);
}

typedef struct {
  const CmTextTable *table;
  guint *width;       /* per column */
  guint *limit;       /* per column: where cells wrap (0: never); the column's, or less to fit */
  Wrapped *wrapped;   /* per column, at limit */
  const char *indent; /* starts every line */
  gsize indent_len;
  gboolean strip;
  gsize padded; /* the widths of the columns and the spaces between them */
} Writer;

/* The lines of cell, in column c; only a cell wider than its column's limit has more than one. */
static GArray *
cell_lines(const Writer *w, guint c, const Cell *cell)
{
  gsize len;
  const char *text = shown_text(cell, &len);
  guintptr at = (guintptr)text;
  Wrapped *slot = &w->wrapped[c * WRAP_SLOTS + (at ^ at >> 6 ^ at >> 12) % WRAP_SLOTS];
  if (slot->text == text)
    return slot->lines;
  g_array_set_size(slot->lines, 0);
  cm_text__wrap(text, len, cell->width, w->limit[c], slot->lines);
  slot->text = text;
  return slot->lines;
}

/* Writes one line of a row (or of the header): cell c shows spans[c] (empty when NULL), padded
 * to its column's width by alignment, two spaces between columns. The spaces are written only
 * when text follows them, in one run: most lines of a wrapped row are mostly padding. A
 * right-aligned last column pads every line to the same width. */
static void
write_line(const Writer *w, GString *out, const CmTextSpan *const *spans, const char *const *sgr)
{
  guint nc = w->table->n_columns;
  gsize bound = w->indent_len + 1 + w->padded;
  for (guint c = 0; c < nc; c++)
    if (spans[c])
      bound += spans[c]->len + (sgr[c] ? strlen(sgr[c]) + 7 : 0);
  gsize start = out->len;
  char *p = put_text(reserve(out, bound), w->indent, w->indent_len);
  guint owed = 0; /* spaces not written yet */
  for (guint c = 0; c < nc; c++) {
    const CmTextSpan *s = spans[c];
    guint fill = s && w->width[c] > s->width ? w->width[c] - s->width : (s ? 0 : w->width[c]);
    gboolean right = w->table->columns[c].align == CM_ALIGN_RIGHT;
    owed += (c > 0 ? 2 : 0) + (right ? fill : 0);
    if (s && s->len > 0) {
      p = put_spaces(p, owed);
      owed = 0;
      p = put_colored(p, s, sgr[c]);
    }
    if (!right)
      owed += fill;
  }
  if (!w->strip)
    p = put_spaces(p, owed);
  end_line(out, start, p, w->strip);
}

/* The header (titles may span lines, "Local\nshare"; they sit on the rule) and the rule. */
static void
write_head(Writer *w, GString *out, GStrv *titles, gboolean color)
{
  guint nc = w->table->n_columns, head = 1;
  for (guint c = 0; c < nc; c++)
    head = MAX(head, g_strv_length(titles[c]));
  g_autofree CmTextSpan *spans = g_new0(CmTextSpan, nc);
  g_autofree const CmTextSpan **at = g_new0(const CmTextSpan *, nc);
  g_autofree const char **sgr = g_new0(const char *, nc);
  for (guint k = 0; k < head; k++) {
    for (guint c = 0; c < nc; c++) {
      guint n = g_strv_length(titles[c]), skip = head - n;
      const char *text = k >= skip ? titles[c][k - skip] : "";
      spans[c] = (CmTextSpan){text, (guint32)strlen(text), cm_text_width(text)};
      at[c] = &spans[c];
      sgr[c] = color ? "1" : NULL;
    }
    write_line(w, out, at, sgr);
  }
  gsize start = out->len, bound = w->indent_len + 1;
  for (guint c = 0; c < nc; c++)
    bound += 2 + w->width[c];
  char *p = put_text(reserve(out, bound), w->indent, w->indent_len);
  for (guint c = 0; c < nc; c++) {
    if (c > 0)
      p = put_spaces(p, 2);
    memset(p, '-', w->width[c]);
    p += w->width[c];
  }
  end_line(out, start, p, w->strip);
}

/* Rows from .. to - 1, calling flush (when given) after each. */
static gboolean
write_rows(Writer *w, GString *out, gboolean color, guint from, guint to, CmTextFlushFunc flush,
           gpointer data)
{
  const CmTextTable *t = w->table;
  guint nc = t->n_columns;
  g_autofree CmTextSpan *one = g_new0(CmTextSpan, nc);
  g_autofree GArray **lines = g_new0(GArray *, nc); /* per column, NULL when one line */
  g_autofree const CmTextSpan **at = g_new0(const CmTextSpan *, nc);
  g_autofree const char **sgr = g_new0(const char *, nc);
  for (guint r = from; r < to; r++) {
    gsize row = (gsize)r * nc;
    const Cell *cells = row_cells(t, r);
    guint height = 1;
    /* text not copied into the arena may lie anywhere: fetch a few rows ahead */
    const Cell *ahead = r + 4 < to ? row_cells(t, r + 4) : NULL;
    for (guint c = 0; ahead && c < nc; c++)
      __builtin_prefetch(ahead[c].text);
    for (guint c = 0; c < nc; c++) {
      const Cell *cell = &cells[c];
      guint max = w->limit[c];
      sgr[c] = color ? cell_color(t, row + c) : NULL;
      lines[c] = NULL;
      if (max > 0 && cell->width > max) {
        lines[c] = cell_lines(w, c, cell);
        height = MAX(height, lines[c]->len);
      } else {
        gsize len;
        const char *text = shown_text(cell, &len);
        one[c] = (CmTextSpan){text, (guint32)len, cell->width};
      }
    }
    for (guint k = 0; k < height; k++) {
      for (guint c = 0; c < nc; c++) {
        if (lines[c])
          at[c] = k < lines[c]->len ? &g_array_index(lines[c], CmTextSpan, k) : NULL;
        else
          at[c] = k == 0 ? &one[c] : NULL;
      }
      write_line(w, out, at, sgr);
    }
    if (flush && !flush(out, data))
      return FALSE;
  }
  return TRUE;
}

/* A long table's rows are written in blocks, every other one formatted on a second thread into
 * a piece of its own, and put in order: the 5 million lines of a national targets table were
 * most of the report's time. */
#define BLOCK_ROWS 1024
#define ROWS_FOR_TWO_THREADS (16 * BLOCK_ROWS)

typedef struct {
  Writer w; /* the table's, with a wrap cache of its own */
  gboolean color;
  guint n_rows;
  GAsyncQueue *empty, *full; /* GString pieces: to fill, and filled in block order */
  gint stop;                 /* the table's writer has stopped: format no more */
} Helper;

static gpointer
helper_run(gpointer data)
{
  Helper *h = data;
  for (guint from = BLOCK_ROWS; from < h->n_rows; from += 2 * BLOCK_ROWS) {
    GString *piece = g_async_queue_pop(h->empty);
    if (g_atomic_int_get(&h->stop)) {
      g_async_queue_push(h->empty, piece);
      break;
    }
    write_rows(&h->w, piece, h->color, from, MIN(from + BLOCK_ROWS, h->n_rows), NULL, NULL);
    g_async_queue_push(h->full, piece);
  }
  return NULL;
}

static void
free_pieces(GAsyncQueue *q)
{
  GString *piece;
  while ((piece = g_async_queue_try_pop(q)))
    g_string_free(piece, TRUE);
  g_async_queue_unref(q);
}

static gboolean
write_rows_two_threads(Writer *w, GString *out, gboolean color, CmTextFlushFunc flush,
                       gpointer data)
{
  guint nc = w->table->n_columns, nr = cm_text_table_n_rows(w->table);
  Helper h = {.w = *w, .color = color, .n_rows = nr};
  h.w.wrapped = wrapped_new(nc);
  h.empty = g_async_queue_new();
  h.full = g_async_queue_new();
  for (guint i = 0; i < 2; i++) /* the helper runs at most two blocks ahead */
    g_async_queue_push(h.empty, g_string_sized_new(1 << 20));
  GThread *thread = g_thread_try_new("table-rows", helper_run, &h, NULL);
  gboolean ok = TRUE;
  for (guint from = 0, k = 0; ok && from < nr; from += BLOCK_ROWS, k++) {
    if (!thread || k % 2 == 0) { /* ours (all of them without a second thread) */
      ok = write_rows(w, out, color, from, MIN(from + BLOCK_ROWS, nr), flush, data);
      continue;
    }
    GString *piece = g_async_queue_pop(h.full);
    g_string_append_len(out, piece->str, (gssize)piece->len);
    g_string_truncate(piece, 0);
    g_async_queue_push(h.empty, piece);
    ok = !flush || flush(out, data);
  }
  if (thread) {
    if (!ok) { /* a write failed: the helper stops at its next block, never waiting for a piece */
      g_atomic_int_set(&h.stop, 1);
      for (guint i = 0; i < 2; i++)
        g_async_queue_push(h.empty, g_string_new(NULL));
    }
    g_thread_join(thread);
  }
  free_pieces(h.empty);
  free_pieces(h.full);
  wrapped_free(h.w.wrapped, nc);
  return ok;
}

/* A pass over the rows: the column widths (w->width, holding the titles' already), and, when
 * n_lines is not NULL, how many lines the rows take and how many bytes of text they show. For
 * the widths alone a cell is only wrapped while its column may still grow: no line is wider
 * than a limit of two cells or more. */
static void
measure(Writer *w, gsize *n_lines, gsize *n_bytes)
{
  const CmTextTable *t = w->table;
  guint nc = t->n_columns, nr = cm_text_table_n_rows(t);
  gsize lines = 0, bytes = 0;
  for (guint r = 0; r < nr; r++) {
    const Cell *cells = row_cells(t, r);
    guint height = 1;
    for (guint c = 0; c < nc; c++) {
      const Cell *cell = &cells[c];
      guint max = w->limit[c], cw = cell->width;
      bytes += cell->len; /* a dirty cell shows no more bytes than it holds */
      if (max > 0 && cw > max) {
        if (!n_lines && max >= 2 && w->width[c] >= max)
          continue; /* as wide as it can get */
        GArray *l = cell_lines(w, c, cell);
        height = MAX(height, l->len);
        cw = 0;
        for (guint k = 0; k < l->len; k++)
          cw = MAX(cw, g_array_index(l, CmTextSpan, k).width);
      }
      w->width[c] = MAX(w->width[c], cw);
    }
    lines += height;
  }
  if (n_lines) {
    *n_lines = lines;
    *n_bytes = bytes;
  }
}

static guint table_width_limit = CM_TEXT_DEFAULT_WIDTH;

void
cm_text_set_width(guint columns)
{
  table_width_limit = columns ? MAX(columns, 40) : CM_TEXT_DEFAULT_WIDTH;
}

guint
cm_text_get_width(void)
{
  return table_width_limit;
}

/* Narrows the wrap limits of the wrapping columns (those given a max_width), widest first, so
 * that a line fits in columns cells; a column keeps MIN_FIT cells at least. Returns TRUE when
 * a limit changed. */
#define MIN_FIT 8
static gboolean
fit(Writer *w, guint columns)
{
  guint nc = w->table->n_columns;
  guint total = cm_text_width(w->indent) + 2 * (nc - 1);
  for (guint c = 0; c < nc; c++)
    total += w->width[c];
  if (total <= columns)
    return FALSE;
  gboolean changed = FALSE;
  for (guint c = 0; c < nc; c++) /* from the widths the cells take, not the limits */
    if (w->limit[c])
      w->limit[c] = w->width[c];
  for (guint excess = total - columns; excess > 0; excess--) {
    guint widest = nc;
    for (guint c = 0; c < nc; c++)
      if (w->limit[c] > MIN_FIT && (widest == nc || w->limit[c] > w->limit[widest]))
        widest = c;
    if (widest == nc)
      break; /* nothing left to narrow: the table is as narrow as it gets */
    w->limit[widest]--;
    changed = TRUE;
  }
  return changed;
}

/* Length of the longest SGR code of the cells. */
static gsize
longest_color(const CmTextTable *table)
{
  gsize longest = 0;
  const char *last = NULL;
  for (guint i = 0; table->colors && i < table->colors->len; i++) {
    const char *sgr = table->colors->pdata[i];
    if (sgr && sgr != last)
      longest = MAX(longest, strlen(sgr));
    last = sgr;
  }
  return longest;
}

gboolean
cm_text_table_write_flushing(const CmTextTable *table, GString *out, const char *indent,
                             gboolean color, CmTextFlushFunc flush, gpointer data)
{
  guint nc = table->n_columns;
  g_autofree guint *width = g_new0(guint, nc);
  g_autofree GStrv *titles = g_new0(GStrv, nc);
  for (guint c = 0; c < nc; c++) {
    titles[c] = g_strsplit(cm_text_table_title(table, c), "\n", -1);
    for (guint k = 0; titles[c][k]; k++) {
      char *clean = cm_text_sanitize(titles[c][k]);
      g_free(titles[c][k]);
      titles[c][k] = clean;
      width[c] = MAX(width[c], cm_text_width(clean));
    }
  }
  g_autofree guint *limit = g_new0(guint, nc);
  g_autofree guint *title_width = g_memdup2(width, nc * sizeof *width);
  for (guint c = 0; c < nc; c++)
    limit[c] = table->columns[c].max_width;
  Writer w = {.table = table,
              .width = width,
              .limit = limit,
              .wrapped = wrapped_new(nc),
              .indent = indent,
              .indent_len = strlen(indent),
              .strip = table->columns[nc - 1].align == CM_ALIGN_LEFT};
  /* the lines and bytes only size the text kept whole; a flushed table needs the widths alone */
  gsize n_lines = 0, n_bytes = 0;
  measure(&w, flush ? NULL : &n_lines, &n_bytes);
  if (fit(&w, table_width_limit)) { /* narrower wrap limits: measure again */
    wrapped_forget(w.wrapped, nc);
    memcpy(width, title_width, nc * sizeof *width);
    measure(&w, flush ? NULL : &n_lines, &n_bytes);
  }
  if (!flush) {
    /* room for every row at once: growing a big GString step by step copies it each time */
    gsize per_line = w.indent_len + 1, sgr = color ? longest_color(table) : 0;
    for (guint c = 0; c < nc; c++)
      per_line += 2 + width[c] + (sgr ? sgr + 7 : 0);
    gsize room = n_lines * per_line + n_bytes;
    cm_memory__advise_huge(reserve(out, room), room); /* a long report: one fault per 2 MiB */
  }
  w.padded = 2 * (nc - 1);
  for (guint c = 0; c < nc; c++)
    w.padded += width[c];
  write_head(&w, out, titles, color);
  guint nr = cm_text_table_n_rows(table);
  gboolean ok = nr >= ROWS_FOR_TWO_THREADS ? write_rows_two_threads(&w, out, color, flush, data)
                                           : write_rows(&w, out, color, 0, nr, flush, data);
  for (guint c = 0; c < nc; c++)
    g_strfreev(titles[c]);
  wrapped_free(w.wrapped, nc);
  return ok;
}

void
cm_text_table_write(const CmTextTable *table, GString *out, const char *indent, gboolean color)
{
  cm_text_table_write_flushing(table, out, indent, color, NULL, NULL);
}
