/* Internal to the tree (graph/, loaders/, render/): memory for the big arrays of a
 * national-scale dataset and its long reports. Their pages are touched once, in order, and a first
 * touch costs a page fault: on huge pages (transparent huge pages in "madvise" mode, Debian's
 * default) that is one fault per 2 MiB instead of one per 4 KiB: at 10M supply rows the faults were
 * a quarter of the load's CPU time (docs/performance.md, "Huge pages and room reserved once").
 * Where the system gives no huge pages the advice is ignored and nothing else changes. */
#pragma once

#include <glib.h>

/* Asks for huge pages on the whole 2 MiB pages within [p, p + size) (any memory the caller
 * owns and has not touched yet). */
void cm_memory__advise_huge(void *p, gsize size);

/* Grows the capacity of a (non-clearing) array to n elements in one step, on huge pages, so
 * that appending up to n elements neither copies nor faults page by page. Its length and
 * contents do not change. */
void cm_memory__reserve(GArray *array, gsize n);

/* g_malloc0(size) when zeroed, else g_malloc(size), for an array that is touched only after
 * this: on huge pages when it is big (a fresh block, as a big one is). Free with g_free. */
void *cm_memory__alloc(gsize size, gboolean zeroed);
#define cm_memory__new(type, n) ((type *)cm_memory__alloc(sizeof(type) * (gsize)(n), FALSE))
#define cm_memory__new0(type, n) ((type *)cm_memory__alloc(sizeof(type) * (gsize)(n), TRUE))

/* size bytes of zeroed memory aligned to 2 MiB, on huge pages where the system has them, or
 * NULL when there is no room; free with cm_memory__unmap and the same size. */
void *cm_memory__map(gsize size);
void cm_memory__unmap(void *p, gsize size);
