#include "text_table.h"

#include <string.h>

typedef struct {
  char *title;
  CmAlign align;
  guint max_width;
} Column;

struct _CmTextTable {
  guint n_columns;
  Column *columns;
  GPtrArray *cells;  /* char *, row-major; NULL for an empty cell */
  GPtrArray *colors; /* const char * SGR codes, parallel to cells */
};

static guint
char_width(gunichar c)
{
  if (g_unichar_iszerowidth(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

guint
cm_text_width(const char *text)
{
  guint w = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p))
    w += char_width(g_utf8_get_char(p));
  return w;
}

char *
cm_text_sanitize(const char *text)
{
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *out = g_string_sized_new(strlen(valid));
  for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0))
      g_string_append_c(out, ' ');
    else
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
  }
  return g_string_free(out, FALSE);
}

CmTextTable *
cm_text_table_new(guint n_columns)
{
  g_return_val_if_fail(n_columns > 0, NULL);
  CmTextTable *t = g_new0(CmTextTable, 1);
  t->n_columns = n_columns;
  t->columns = g_new0(Column, n_columns);
  t->cells = g_ptr_array_new_with_free_func(g_free);
  t->colors = g_ptr_array_new();
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
  g_ptr_array_unref(table->cells);
  g_ptr_array_unref(table->colors);
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
cm_text_table_row(CmTextTable *table)
{
  for (guint i = 0; i < table->n_columns; i++) {
    g_ptr_array_add(table->cells, NULL);
    g_ptr_array_add(table->colors, NULL);
  }
}

guint
cm_text_table_n_rows(const CmTextTable *table)
{
  return table->cells->len / table->n_columns;
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
  const char *text = table->cells->pdata[row * table->n_columns + col];
  return text ? text : "";
}

void
cm_text_table_cell(CmTextTable *table, guint col, const char *text)
{
  g_return_if_fail(col < table->n_columns && table->cells->len > 0);
  guint i = table->cells->len - table->n_columns + col;
  g_free(table->cells->pdata[i]);
  table->cells->pdata[i] = g_utf8_make_valid(text, -1);
}

void
cm_text_table_cellf(CmTextTable *table, guint col, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *text = g_strdup_vprintf(format, args);
  va_end(args);
  cm_text_table_cell(table, col, text);
}

void
cm_text_table_color(CmTextTable *table, guint col, const char *sgr)
{
  g_return_if_fail(col < table->n_columns && table->colors->len > 0);
  table->colors->pdata[table->colors->len - table->n_columns + col] = (gpointer)sgr;
}

static char *
rtrim_dup(const char *start, const char *end)
{
  while (end > start && end[-1] == ' ')
    end--;
  return g_strndup(start, end - start);
}

/* Splits text into lines of at most max cells: at the last space, or before or after a wide
 * character (Chinese text has no spaces), or anywhere when nothing else fits. */
static void
wrap(const char *text, guint max, GPtrArray *lines)
{
  if (max == 0 || cm_text_width(text) <= max) {
    g_ptr_array_add(lines, g_strdup(text));
    return;
  }
  const char *p = text;
  while (*p) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    const char *start = p, *q = p, *brk = NULL, *resume = NULL;
    guint w = 0;
    while (*q) {
      gunichar c = g_utf8_get_char(q);
      guint cw = char_width(c);
      if (c == ' ') {
        brk = q;
        resume = q + 1;
      } else if (cw == 2 && q > start) {
        brk = q;
        resume = q;
      }
      if (w + cw > max)
        break;
      w += cw;
      q = g_utf8_next_char(q);
      if (cw == 2) {
        brk = q;
        resume = q;
      }
    }
    if (!*q) {
      g_ptr_array_add(lines, rtrim_dup(start, q));
      break;
    }
    if (brk && brk > start) {
      g_ptr_array_add(lines, rtrim_dup(start, brk));
      p = resume;
    } else {
      if (q == start)
        q = g_utf8_next_char(q);
      g_ptr_array_add(lines, g_strndup(start, q - start));
      p = q;
    }
  }
  if (lines->len == 0)
    g_ptr_array_add(lines, g_strdup(""));
}

static void
pad(GString *out, guint n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c(out, ' ');
}

static void
put_cell(GString *line, const char *text, guint width, CmAlign align, gboolean last,
         const char *sgr)
{
  guint w = cm_text_width(text);
  guint fill = width > w ? width - w : 0;
  if (align == CM_ALIGN_RIGHT)
    pad(line, fill);
  if (sgr && *text)
    g_string_append_printf(line, "\033[%sm%s\033[0m", sgr, text);
  else
    g_string_append(line, text);
  if (align == CM_ALIGN_LEFT && !last)
    pad(line, fill);
}

/* Ends a line; trailing padding goes unless the last column is right-aligned (then every line
 * of the table keeps the same width). */
static void
end_line(GString *out, GString *line, gboolean strip)
{
  gsize len = line->len;
  while (strip && len > 0 && line->str[len - 1] == ' ')
    len--;
  g_string_append_len(out, line->str, (gssize)len);
  g_string_append_c(out, '\n');
  g_string_truncate(line, 0);
}

void
cm_text_table_write(const CmTextTable *table, GString *out, const char *indent, gboolean color)
{
  guint nc = table->n_columns, nr = cm_text_table_n_rows(table);
  /* wrapped[r * nc + c]: the lines of a cell */
  g_autoptr(GPtrArray) wrapped = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  g_autofree guint *width = g_new0(guint, nc);
  /* titles may span lines ("Local\nshare"); they sit on the rule */
  g_autofree GStrv *titles = g_new0(GStrv, nc);
  guint head = 1;
  for (guint c = 0; c < nc; c++) {
    titles[c] = g_strsplit(cm_text_table_title(table, c), "\n", -1);
    for (guint k = 0; titles[c][k]; k++) {
      char *clean = cm_text_sanitize(titles[c][k]);
      g_free(titles[c][k]);
      titles[c][k] = clean;
      width[c] = MAX(width[c], cm_text_width(clean));
    }
    head = MAX(head, g_strv_length(titles[c]));
  }
  for (guint i = 0; i < nr * nc; i++) {
    const char *text = table->cells->pdata[i];
    g_autofree char *clean = cm_text_sanitize(text ? text : "");
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    wrap(clean, table->columns[i % nc].max_width, lines);
    for (guint k = 0; k < lines->len; k++)
      width[i % nc] = MAX(width[i % nc], cm_text_width(lines->pdata[k]));
    g_ptr_array_add(wrapped, lines);
  }

  gboolean strip = table->columns[nc - 1].align == CM_ALIGN_LEFT;
  g_autoptr(GString) line = g_string_new(NULL);
  for (guint k = 0; k < head; k++) {
    g_string_append(line, indent);
    for (guint c = 0; c < nc; c++) {
      guint n = g_strv_length(titles[c]), skip = head - n;
      if (c > 0)
        g_string_append(line, "  ");
      put_cell(line, k >= skip ? titles[c][k - skip] : "", width[c], table->columns[c].align,
               c + 1 == nc, color ? "1" : NULL);
    }
    end_line(out, line, strip);
  }
  g_string_append(line, indent);
  for (guint c = 0; c < nc; c++) {
    if (c > 0)
      g_string_append(line, "  ");
    for (guint k = 0; k < width[c]; k++)
      g_string_append_c(line, '-');
  }
  end_line(out, line, strip);

  for (guint r = 0; r < nr; r++) {
    guint height = 1;
    for (guint c = 0; c < nc; c++)
      height = MAX(height, ((GPtrArray *)wrapped->pdata[r * nc + c])->len);
    for (guint k = 0; k < height; k++) {
      g_string_append(line, indent);
      for (guint c = 0; c < nc; c++) {
        const GPtrArray *lines = wrapped->pdata[r * nc + c];
        if (c > 0)
          g_string_append(line, "  ");
        put_cell(line, k < lines->len ? lines->pdata[k] : "", width[c], table->columns[c].align,
                 c + 1 == nc, color ? table->colors->pdata[r * nc + c] : NULL);
      }
      end_line(out, line, strip);
    }
  }
  for (guint c = 0; c < nc; c++)
    g_strfreev(titles[c]);
}

void
cm_text_paragraph(GString *out, const char *text, guint width, const char *indent)
{
  g_autofree char *clean = cm_text_sanitize(text);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
  wrap(clean, width, lines);
  for (guint k = 0; k < lines->len; k++)
    g_string_append_printf(out, "%s%s\n", indent, (const char *)lines->pdata[k]);
}
