/* Work in two halves (see cm_threads.h). */
#include "cm_threads.h"

void
cm_threads__run_halves(const char *name, GThreadFunc func, gpointer first, gpointer second)
{
  GThread *helper = second ? g_thread_try_new(name, func, second, NULL) : NULL;
  func(first);
  if (helper)
    g_thread_join(helper);
  else if (second)
    func(second);
}
