/* Shared between the files of loaders/: the state of one dataset load. */
#pragma once

#include "cm_csv.h"
#include "cm_dataset.h"
#include "cm_diagnostics.h"

typedef enum {
  CM_TABLE_SEGMENTS,
  CM_TABLE_ENTERPRISES,
  CM_TABLE_SUPPLY,
} CmTable;
#define CM_TABLE_COUNT 3

typedef struct {
  CmDataset *ds;
  CmDiagnostics *diags;
  char *ini_display;
  CmEncoding encoding;
  char *table_path[CM_TABLE_COUNT];    /* NULL for a table read from memory */
  char *table_display[CM_TABLE_COUNT]; /* how diagnostics name it */
  const char *table_text[CM_TABLE_COUNT];
  gboolean has_table[CM_TABLE_COUNT];
  gboolean table_usable[CM_TABLE_COUNT]; /* read, with its required columns */
  guint suggestions_left;                /* did-you-mean searches over enterprises are bounded */
  guint region_line;                     /* of region= in dataset.ini, 0 when unknown */
} CmLoadContext;

/* A column of a table as SPEC names it, and where the header put it. */
typedef struct {
  const char *name;
  gboolean required;
  gint index;     /* -1 when absent */
  const char *zh; /* the Chinese column name of SPEC section 1, or NULL */
} CmColumn;

/* Maps a header row onto cols (English names case-insensitive, or the Chinese name); other columns
 * become the table's extra columns (their indices in *extra_index). Reports missing required and
 * duplicate columns; returns FALSE when the table cannot be read on. */
gboolean cm_loader__map_header(CmLoadContext *ctx, CmTable table, const CmCsvRecord *header,
                               CmColumn *cols, guint n_cols, CmExtraColumns *extra,
                               GArray *extra_index);
void cm_loader__keep_extras(CmLoadContext *ctx, const CmCsvRecord *rec, GArray *extra_index,
                            GPtrArray *values);
/* Warns when id holds a space that is not ASCII (U+3000 from Chinese input methods, U+00A0 from
 * web pages): invisible in a table, yet it makes the id differ. Fields are trimmed of ASCII white
 * space only. */
void cm_loader__check_id(CmLoadContext *ctx, CmTable table, guint line, const char *id);
/* The character of id that cm_loader__check_id warns about, or 0: a space-like character that is
 * not ASCII, a control character (C0, DEL, C1) or a bidi embedding, override or isolate. */
gunichar cm_loader__id_space(const char *id);
/* The field of a column, "" when the column is absent. */
const char *cm_loader__field(const CmCsvRecord *rec, const CmColumn *col);

void cm_loader__read_ini(CmLoadContext *ctx, const char *text, gsize len, const char *dir);
void cm_loader__read_segments(CmLoadContext *ctx);
void cm_loader__read_enterprises(CmLoadContext *ctx);
void cm_loader__read_supply(CmLoadContext *ctx);

/* A row that a spreadsheet's total line left behind: its first non-empty field is 合计, 总计,
 * 小计 or Total. Reports it (one error naming the word) and returns TRUE: the row is skipped. */
gboolean cm_loader__total_row(CmLoadContext *ctx, CmTable table, guint line,
                              const char *const *fields, guint n);
/* The total word of such a row, or NULL; reports nothing (for the loaders' second threads). */
const char *cm_loader__looks_total(const char *const *fields, guint n);

/* A role that a planner meant as a chain leader but that is not `leader`/`链主` (链主企业,
 * "Chain leader", leadr): worth a warning, since it silently is not a leader. */
gboolean cm_loader__leader_like(const char *role);

/* ", did you mean 'X'?"-style hint among words for a value read as a tier, status or role
 * ("" when nothing is close). (transfer full) */
char *cm_loader__hint_word(const char *word, const char *const *words, gsize n);

/* Warnings about the whole dataset once it is read: a study region no enterprise is local to. */
void cm_loader__check_region(CmLoadContext *ctx);

/* The table as a CSV source. */
CmCsvSource cm_loader__source(CmLoadContext *ctx, CmTable table);

/* "; did you mean 'x'?" or "" (transfer full). over_enterprises bounds the search. */
char *cm_loader__hint_segment(CmLoadContext *ctx, const char *word);
char *cm_loader__hint_enterprise(CmLoadContext *ctx, const char *word);
