#include "record_queue.h"

#include <string.h>

void
cm_record_queue_init(CmRecordQueue *q, const CmColumn *columns, guint n_columns,
                     CmQueuedRecordFunc process, CmRecordKeyFunc make_keys, gpointer user_data)
{
  g_return_if_fail(n_columns <= CM_RECORD_QUEUE_MAX_COLUMNS);
  *q = (CmRecordQueue){.columns = columns,
                       .n_columns = n_columns,
                       .process = process,
                       .make_keys = make_keys,
                       .user_data = user_data,
                       .arena = g_string_sized_new(4096)};
}

void
cm_record_queue_clear(CmRecordQueue *q)
{
  if (q->arena)
    g_string_free(q->arena, TRUE);
  q->arena = NULL;
  q->len = 0;
}

/* Points the arena fields of a record at the arena as it is now. */
static void
resolve(CmRecordQueue *q, CmQueuedRecord *r)
{
  for (guint c = 0; c < q->n_columns; c++)
    if (!r->field[c])
      r->field[c] = q->arena->str + r->at[c];
}

static void
process_oldest(CmRecordQueue *q)
{
  CmQueuedRecord *r = &q->ring[q->head];
  resolve(q, r);
  q->head = (q->head + 1) % CM_RECORD_QUEUE_DEPTH;
  q->len--;
  q->process(q->user_data, r->line, r->field, r->keys);
}

/* Makes the keys of the records not fetched yet, then prefetches their slots back to back. */
static void
fetch_newest(CmRecordQueue *q)
{
  guint first = q->len - q->unfetched;
  for (guint k = first; k < q->len; k++) {
    CmQueuedRecord *r = &q->ring[(q->head + k) % CM_RECORD_QUEUE_DEPTH];
    /* not written back: the arena may still move before the record is processed */
    const char *field[CM_RECORD_QUEUE_MAX_COLUMNS];
    for (guint c = 0; c < q->n_columns; c++)
      field[c] = r->field[c] ? r->field[c] : q->arena->str + r->at[c];
    r->n_keys = q->make_keys(q->user_data, field, r->keys);
  }
  for (guint k = first; k < q->len; k++) {
    const CmQueuedRecord *r = &q->ring[(q->head + k) % CM_RECORD_QUEUE_DEPTH];
    for (guint j = 0; j < r->n_keys; j++)
      cm_dataset__key_prefetch(&r->keys[j]);
  }
  q->unfetched = 0;
}

void
cm_record_queue_push(CmRecordQueue *q, const CmCsvRecord *rec)
{
  g_assert(q->len < CM_RECORD_QUEUE_DEPTH);
  CmQueuedRecord *r = &q->ring[(q->head + q->len) % CM_RECORD_QUEUE_DEPTH];
  r->line = rec->line;
  for (guint c = 0; c < q->n_columns; c++) {
    const char *field = cm_loader__field(rec, &q->columns[c]);
    if (rec->stable) {
      r->field[c] = field;
      continue;
    }
    /* copied, and pointed to when used (the arena may move before) */
    r->field[c] = NULL;
    r->at[c] = q->arena->len;
    g_string_append_len(q->arena, field, (gssize)strlen(field) + 1);
  }
  q->len++;
  if (++q->unfetched < CM_RECORD_QUEUE_BURST)
    return;
  fetch_newest(q);
  while (q->len > CM_RECORD_QUEUE_DEPTH - CM_RECORD_QUEUE_BURST)
    process_oldest(q);
}

void
cm_record_queue_flush(CmRecordQueue *q)
{
  fetch_newest(q);
  while (q->len > 0)
    process_oldest(q);
  g_string_truncate(q->arena, 0);
}
