/* Memory for big arrays (see cm_memory.h). */
#include "cm_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((gsize)2 << 20)

/* size rounded up to whole pages, as munmap needs */
static gsize
whole_pages(gsize size)
{
  gsize page = (gsize)sysconf(_SC_PAGESIZE);
  return (size + page - 1) / page * page;
}

void
cm_memory__advise_huge(void *p, gsize size)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr)p + HUGE_PAGE - 1) & ~(guintptr)(HUGE_PAGE - 1);
  guintptr end = ((guintptr)p + size) & ~(guintptr)(HUGE_PAGE - 1);
  if (end > start)
    madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
  (void)p;
  (void)size;
#endif
}

void
cm_memory__reserve(GArray *array, gsize n)
{
  guint len = array->len;
  if (n <= len || n > G_MAXUINT)
    return;
  /* g_array_set_size allocates room for n at once; the array does not clear, so no page of the
   * new room is touched before the advice */
  g_array_set_size(array, (guint)n);
  g_array_set_size(array, len);
  cm_memory__advise_huge(array->data, n * g_array_get_element_size(array));
}

void *
cm_memory__alloc(gsize size, gboolean zeroed)
{
  void *p = zeroed ? g_malloc0(size) : g_malloc(size);
  if (size >= HUGE_PAGE) /* zeroed too: calloc takes a big block fresh from the system */
    cm_memory__advise_huge(p, size);
  return p;
}

void *
cm_memory__map(gsize size)
{
  size = whole_pages(size);
  /* map a huge page more and trim, so that every huge page of the block is whole */
  gsize span = size + HUGE_PAGE;
  char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  char *start = (char *)(((guintptr)p + HUGE_PAGE - 1) & ~(guintptr)(HUGE_PAGE - 1));
  if (start > p)
    munmap(p, (gsize)(start - p));
  gsize tail = (gsize)(p + span - (start + size));
  if (tail > 0)
    munmap(start + size, tail);
  cm_memory__advise_huge(start, size);
  return start;
}

void
cm_memory__unmap(void *p, gsize size)
{
  if (p)
    munmap(p, whole_pages(size));
}
