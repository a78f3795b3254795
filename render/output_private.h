/* Shared inside render/: low-level writing used by output.c and the batch pipes. */
#pragma once

#include <glib.h>

/* Writes all len bytes to fd, retrying on EINTR; FALSE (errno set) on failure. */
gboolean cm_output__write_all(int fd, const void *data, gsize len);
