/* Tables of text cells, written for a terminal (here) or as Markdown (report_shared.c). In a
 * terminal columns are aligned by display width, not bytes: East Asian wide
 * characters (Chinese names) take two cells, combining marks none. Long cells can wrap within a
 * column. Cells may carry an ANSI colour that never counts toward the width. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_ALIGN_LEFT,
  CM_ALIGN_RIGHT,
} CmAlign;

typedef struct _CmTextTable CmTextTable;

/* A table of n_columns columns, with no rows. (transfer full) */
CmTextTable *cm_text_table_new(guint n_columns);
void cm_text_table_free(CmTextTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmTextTable, cm_text_table_free)

/* Sets column col's title (may hold '\n' to span lines) and alignment. max_width > 0 wraps longer
 * cells onto more lines (at spaces, or between wide characters, or anywhere when a word does not
 * fit). */
void cm_text_table_column(CmTextTable *table, guint col, const char *title, CmAlign align,
                          guint max_width);

/* Makes room for n_rows rows in one step (a report knows how many it will have). */
void cm_text_table_reserve(CmTextTable *table, guint n_rows);

/* Appends the rows of more (a table with as many columns) after those of table, which takes over
 * their storage; more is freed. A long table can so be filled on several threads, a table each,
 * and written as one. */
void cm_text_table_append_rows(CmTextTable *table, CmTextTable *more);

/* Starts a new row; its cells are empty until set. */
void cm_text_table_row(CmTextTable *table);

/* Sets a cell of the last row (text is copied; terminal output shows control characters as
 * spaces). */
void cm_text_table_cell(CmTextTable *table, guint col, const char *text);
void cm_text_table_cellf(CmTextTable *table, guint col, const char *format, ...)
    G_GNUC_PRINTF(3, 4);
/* The same for text that outlives the table unchanged (dataset strings, literals): text that
 * needs no repair or escaping (ASCII, Chinese) is not copied, and text at an address set before
 * in the column (a region, a list kept once) is not measured again. */
void cm_text_table_cell_static(CmTextTable *table, guint col, const char *text);
/* The same as cm_text_table_cellf(table, col, "%" G_GUINT64_FORMAT, v), without printf. */
void cm_text_table_cell_uint(CmTextTable *table, guint col, guint64 v);

/* An SGR colour code ("31", "1;32") for a cell of the last row; NULL for none. The string must
 * outlive the table (use literals). */
void cm_text_table_color(CmTextTable *table, guint col, const char *sgr);

guint cm_text_table_n_rows(const CmTextTable *table);
guint cm_text_table_n_columns(const CmTextTable *table);
const char *cm_text_table_title(const CmTextTable *table, guint col);
CmAlign cm_text_table_align(const CmTextTable *table, guint col);
/* A cell's text as set, invalid UTF-8 repaired ("" when unset); it lives as long as the table. */
const char *cm_text_table_get(const CmTextTable *table, guint row, guint col);

/* Appends the table: a header line, a rule of dashes, then the rows, each line starting with
 * indent. A left-aligned last column is not padded (no trailing spaces); with a right-aligned
 * one every line has the same width. With color the header
 * is bold and cell colours apply. */
void cm_text_table_write(const CmTextTable *table, GString *out, const char *indent,
                         gboolean color);

/* The same for a table too long to hold as text at once: between rows (after one, or a block of
 * a long table's) flush(out, data) may take what out holds (and empty it); when it returns FALSE
 * the write stops and so returns FALSE. */
typedef gboolean (*CmTextFlushFunc)(GString *out, gpointer data);
gboolean cm_text_table_write_flushing(const CmTextTable *table, GString *out, const char *indent,
                                      gboolean color, CmTextFlushFunc flush, gpointer data);

/* The width text tables are fitted to (the CLI sets the terminal's; 100 by default): columns
 * given a max_width wrap narrower until a line fits, down to 8 cells each. 0 restores the
 * default; less than 40 counts as 40. */
#define CM_TEXT_DEFAULT_WIDTH 100
void cm_text_set_width(guint columns);
guint cm_text_get_width(void);

/* Appends text as a paragraph wrapped at width cells, each line starting with indent. */
void cm_text_paragraph(GString *out, const char *text, guint width, const char *indent);

/* Display width of UTF-8 text in terminal cells. */
guint cm_text_width(const char *text);

/* text with control characters (C0, DEL, C1: newlines, tabs, escape sequences) replaced by spaces
 * and invalid UTF-8 repaired, safe to print on a terminal. (transfer full) */
char *cm_text_sanitize(const char *text);

G_END_DECLS
