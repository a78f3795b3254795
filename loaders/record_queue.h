/* Records held back a few places before they are processed, so that the index slots of their ids
 * can be prefetched long before they are looked up: the enterprise index of a big dataset is far
 * bigger than the caches, and a lookup that waits for memory costs more than the rest of a row.
 * Records are processed in file order (diagnostics keep their order); the queue is drained by
 * cm_record_queue_flush, which the CSV source's flush callback must call (before the text of
 * stable records goes, and before a framing problem is reported). */
#pragma once

#include "loader_private.h"

/* Slots are prefetched a burst at a time, two bursts ahead of processing: the keys of a burst
 * are made first, then their prefetches issued back to back. Measured on 10M rows (two reading
 * threads): bursts of 8 beat bursts of 16 by about 10 % and a prefetch per record as it came;
 * more prefetches in flight at once hid fewer misses. */
#define CM_RECORD_QUEUE_BURST 8
#define CM_RECORD_QUEUE_DEPTH (3 * CM_RECORD_QUEUE_BURST)
#define CM_RECORD_QUEUE_MAX_COLUMNS 8

#define CM_RECORD_QUEUE_MAX_KEYS 2

/* Processes one record: its physical line, the fields of the queue's columns ("" when absent)
 * and the keys make_keys made for it. */
typedef void (*CmQueuedRecordFunc)(gpointer user_data, guint line, const char *const *fields,
                                   const CmIdKey *keys);
/* Makes the keys of the ids that processing the record will look up (see
 * cm_dataset__enterprise_key); returns how many. */
typedef guint (*CmRecordKeyFunc)(gpointer user_data, const char *const *fields, CmIdKey *keys);

typedef struct {
  guint line;
  const char *field[CM_RECORD_QUEUE_MAX_COLUMNS]; /* NULL: at[] in the arena (it may move) */
  gsize at[CM_RECORD_QUEUE_MAX_COLUMNS];
  CmIdKey keys[CM_RECORD_QUEUE_MAX_KEYS];
  guint n_keys;
} CmQueuedRecord;

typedef struct {
  const CmColumn *columns; /* where each field is in a record */
  guint n_columns;
  CmQueuedRecordFunc process;
  CmRecordKeyFunc make_keys;
  gpointer user_data;
  CmQueuedRecord ring[CM_RECORD_QUEUE_DEPTH];
  guint head, len;
  guint unfetched; /* the newest records whose slots are not prefetched yet */
  GString *arena;  /* fields of records that are not stable, NUL-terminated */
} CmRecordQueue;

void cm_record_queue_init(CmRecordQueue *q, const CmColumn *columns, guint n_columns,
                          CmQueuedRecordFunc process, CmRecordKeyFunc make_keys,
                          gpointer user_data);
void cm_record_queue_clear(CmRecordQueue *q);
/* Queues a record; every CM_RECORD_QUEUE_BURST records, prefetches the slots of the newest
 * burst and processes the oldest burst. */
void cm_record_queue_push(CmRecordQueue *q, const CmCsvRecord *rec);
/* Processes every queued record. */
void cm_record_queue_flush(CmRecordQueue *q);
