/* One big table on two threads (see two_halves.h). */
#include "two_halves.h"

#include <string.h>

gboolean
cm_two_halves_read_first(CmTwoHalves *h, const CmCsvSource *src, CmCsvRecordFunc func,
                         gpointer user_data)
{
  memset(h, 0, sizeof *h);
  return cm_csv_read_first_half(src, CM_TWO_HALVES_MIN_BYTES, &h->split, func, user_data, &h->end);
}

gboolean
cm_two_halves_may_start(const CmTwoHalves *h)
{
  return h->split > 0 && !h->past_split && !h->second;
}

void
cm_two_halves_start(CmTwoHalves *h, const char *name, GThreadFunc func, gpointer data)
{
  g_return_if_fail(cm_two_halves_may_start(h));
  h->second = g_thread_new(name, func, data);
}

void
cm_two_halves_cancel(CmTwoHalves *h)
{
  g_atomic_int_set(&h->cancel, 1);
}

gboolean
cm_two_halves_join(CmTwoHalves *h, gboolean ok)
{
  if (!h->second)
    return FALSE;
  gboolean fits = ok && h->end.stopped;
  if (!fits)
    cm_two_halves_cancel(h); /* a record ran across the split: the first half reads on alone */
  g_thread_join(h->second);
  h->second = NULL;
  return fits;
}

gboolean
cm_two_halves_read_rest_needed(CmTwoHalves *h, gboolean ok, gboolean used_second)
{
  if (!ok || !h->end.stopped || used_second)
    return FALSE;
  h->past_split = TRUE;
  return TRUE;
}
