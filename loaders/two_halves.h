/* Reading one big table on two threads, the one scheme of enterprises.c, supply.c and the
 * encoding scan (csv_encoding.c): a UTF-8 file of at least CM_TWO_HALVES_MIN_BYTES is split at
 * a line end near its middle (cm_csv_find_split); the calling thread reads the first half, a
 * second thread the rest. The second half's result is used only when the first half stopped at
 * a record boundary at the split (no quoted field ran across it); otherwise, or when the reader
 * of the second half gave up (it met something whose report needs the file order), the calling
 * thread reads the rest itself, in order, so the result and the diagnostics are those of one
 * sequential pass.
 *
 *   CmTwoHalves h;
 *   ok = cm_two_halves_read_first(&h, &src, on_record, data);   // header: cm_two_halves_start
 *   use = cm_two_halves_join(&h, ok) && <the second half did not give up>;
 *   if (cm_two_halves_read_rest_needed(&h, ok, use)) ok = cm_csv_read_part(<from h.split>);
 */
#pragma once

#include "cm_csv.h"

#include <glib.h>

/* Smaller files are read on one thread: measured at national scale (docs/performance.md), below
 * this a second thread costs more than it saves. */
#define CM_TWO_HALVES_MIN_BYTES ((goffset)8 << 20)

typedef struct {
  goffset split;       /* where the second half starts; 0 when the file is read whole */
  gboolean past_split; /* the calling thread reads on from the split itself */
  gint cancel;         /* atomic: stop the second half (its source's cancel points here) */
  GThread *second;
  CmCsvPartEnd end; /* where the first half stopped */
} CmTwoHalves;

/* Checks the encoding and reads src (or its first half, when it is big) with func. FALSE as
 * cm_csv_read. */
gboolean cm_two_halves_read_first(CmTwoHalves *h, const CmCsvSource *src, CmCsvRecordFunc func,
                                  gpointer user_data);

/* TRUE when a second half may start now: the file was split and nothing reads it in order yet. */
gboolean cm_two_halves_may_start(const CmTwoHalves *h);
/* Starts reading the second half on a thread of its own (func reads from h->split). */
void cm_two_halves_start(CmTwoHalves *h, const char *name, GThreadFunc func, gpointer data);
/* Asks the second half to stop (its reader gave up). */
void cm_two_halves_cancel(CmTwoHalves *h);

/* Waits for the second half. TRUE when there was one and it read exactly what the first left
 * (ok, and the first half stopped at the split); it is stopped first when it cannot be used. */
gboolean cm_two_halves_join(CmTwoHalves *h, gboolean ok);

/* TRUE when the calling thread must read the rest from h->split (line h->end.line) itself:
 * the first half stopped at the split and the second half's result is not used. Marks the rest
 * as read in order (a header found there starts no second half). */
gboolean cm_two_halves_read_rest_needed(CmTwoHalves *h, gboolean ok, gboolean used_second);
