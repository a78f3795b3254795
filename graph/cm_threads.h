/* Internal to the tree (graph/, render/): a piece of work of national size done in two halves,
 * the second on a thread of its own (the machines this runs on have two cores or more). */
#pragma once

#include <glib.h>

/* Runs func(first) on the calling thread and func(second) on another, and returns when both are
 * done; second may be NULL (nothing else to do). Without a thread to be had, the calling thread
 * runs both, first then second, so the result is the same. */
void cm_threads__run_halves(const char *name, GThreadFunc func, gpointer first, gpointer second);
