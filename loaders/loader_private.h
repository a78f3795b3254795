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
} CmLoadContext;

/* A column of a table as SPEC names it, and where the header put it. */
typedef struct {
  const char *name;
  gboolean required;
  gint index; /* -1 when absent */
} CmColumn;

/* Maps a header row onto cols (case-insensitive); other columns become the table's extra columns
 * (their indices in *extra_index). Reports missing required and duplicate columns; returns FALSE
 * when the table cannot be read on. */
gboolean cm_loader__map_header(CmLoadContext *ctx, CmTable table, const CmCsvRecord *header,
                               CmColumn *cols, guint n_cols, CmExtraColumns *extra,
                               GArray *extra_index);
void cm_loader__keep_extras(CmLoadContext *ctx, const CmCsvRecord *rec, GArray *extra_index,
                            GPtrArray *values);
/* Warns when id holds a space that is not ASCII (U+3000 from Chinese input methods, U+00A0 from
 * web pages): invisible in a table, yet it makes the id differ. Fields are trimmed of ASCII white
 * space only. */
void cm_loader__check_id(CmLoadContext *ctx, CmTable table, guint line, const char *id);
/* The space-like character of id that is not ASCII and that cm_loader__check_id warns about, or
 * 0. */
gunichar cm_loader__id_space(const char *id);
/* The field of a column, "" when the column is absent. */
const char *cm_loader__field(const CmCsvRecord *rec, const CmColumn *col);

void cm_loader__read_ini(CmLoadContext *ctx, const char *text, gsize len, const char *dir);
void cm_loader__read_segments(CmLoadContext *ctx);
void cm_loader__read_enterprises(CmLoadContext *ctx);
void cm_loader__read_supply(CmLoadContext *ctx);

/* The table as a CSV source. */
CmCsvSource cm_loader__source(CmLoadContext *ctx, CmTable table);

/* "; did you mean 'x'?" or "" (transfer full). over_enterprises bounds the search. */
char *cm_loader__hint_segment(CmLoadContext *ctx, const char *word);
char *cm_loader__hint_enterprise(CmLoadContext *ctx, const char *word);
