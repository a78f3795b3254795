/* Shared between supply.c (parsing, on two threads for a big file) and supply_rows.c (row
 * storage, line numbers and the duplicate pass). */
#pragma once

#include "loader_private.h"

/* Line numbers of stored rows: line - row only grows, so it is kept as a step function (one
 * mark where it changes) instead of four bytes per row. */
typedef struct {
  guint32 row;
  guint32 skip; /* line - row from this row on */
} CmLineMark;

typedef struct {
  GArray *marks; /* CmLineMark, rows ascending */
} CmLineMap;

void cm_line_map_init(CmLineMap *map);
void cm_line_map_clear(CmLineMap *map);
/* Records that row (the next one stored, rows ascending) is at line. */
void cm_line_map_add(CmLineMap *map, guint32 row, guint line);
guint cm_line_map_line(const CmLineMap *map, guint32 row);

/* Rows kept in fixed-size blocks, so that a second thread's rows can be moved onto the
 * dataset's array block by block without holding two copies of them. */
typedef struct {
  GPtrArray *blocks; /* CmSupply[CM_ROW_BLOCK] */
  guint len;
} CmRowBlocks;
#define CM_ROW_BLOCK 262144u /* 6 MiB: three whole huge pages */

void cm_row_blocks_init(CmRowBlocks *b);
void cm_row_blocks_append(CmRowBlocks *b, const CmSupply *row);
/* Moves every row to the end of rows and empties b. */
void cm_row_blocks_move_to(CmRowBlocks *b, GArray *rows);
void cm_row_blocks_clear(CmRowBlocks *b);

/* A duplicate row: its line and the line of the first row with its key. */
typedef struct {
  guint32 line;
  guint32 first_line;
} CmDuplicate;

/* The hash of a row's key (supplier, buyer, segment, year). The duplicate pass splits the keys
 * into parts by its top bits; the readers note each row's part as they store it. */
static inline guint64
cm_supply_key_hash(const CmSupply *s)
{
  guint64 h = ((guint64)s->supplier << 32 | s->buyer) * 0x9E3779B97F4A7C15ull;
  h ^= ((guint64)s->segment << 32 | (guint32)s->year) * 0xC2B2AE3D27D4EB4Full;
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 29);
}
#define CM_SUPPLY_KEY_PARTS 4
static inline guint8
cm_supply_key_part(const CmSupply *s)
{
  return (guint8)(cm_supply_key_hash(s) >> 62);
}

/* The key part of each stored row, two bits a row (the duplicate pass reads only its part's
 * rows). */
typedef struct {
  GByteArray *bits;
  guint32 n;
} CmKeyParts;

void cm_key_parts_init(CmKeyParts *p);
void cm_key_parts_clear(CmKeyParts *p);
static inline void
cm_key_parts_add(CmKeyParts *p, guint8 part)
{
  if (p->n % 4 == 0) {
    guint8 zero = 0;
    g_byte_array_append(p->bits, &zero, 1);
  }
  p->bits->data[p->n / 4] |= (guint8)(part << (2 * (p->n % 4)));
  p->n++;
}
static inline guint8
cm_key_parts_get(const CmKeyParts *p, guint32 row)
{
  return (p->bits->data[row / 4] >> (2 * (row % 4))) & 3;
}
/* Adds the parts of src after those of dst. */
void cm_key_parts_append(CmKeyParts *dst, const CmKeyParts *src);

/* Merges rows of ds->supply with the same (supplier, buyer, segment, year) into the first one,
 * in file order, drops the others (and their extra values), and returns the duplicates in line
 * order. key_parts holds the part of every row. */
GArray *cm_supply__merge_duplicates(CmDataset *ds, const CmLineMap *lines,
                                    const CmKeyParts *key_parts);
