#include "cm_init.h"
#include "cm_error.h"

#include <igraph.h>

G_DEFINE_QUARK(cm_graph_error, cm_graph_error)

/* igraph in Debian is built without thread-local storage; chainmap uses it from one thread. */
static char last_reason[256];

static void
record_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
  if (reason && *reason)
    g_snprintf(last_reason, sizeof last_reason, "%s (%s)", reason, igraph_strerror(code));
  else
    g_strlcpy(last_reason, igraph_strerror(code), sizeof last_reason);
  IGRAPH_FINALLY_FREE();
}

static void
ignore_igraph_warning(const char *reason, const char *file, int line)
{
}

void
cm_init(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    igraph_set_error_handler(record_igraph_error);
    igraph_set_warning_handler(ignore_igraph_warning);
    g_once_init_leave(&done, 1);
  }
}

gboolean
cm_igraph_check(int code, const char *what, GError **error)
{
  if (code == IGRAPH_SUCCESS)
    return TRUE;
  g_set_error(error, CM_GRAPH_ERROR,
              code == IGRAPH_ENOMEM ? CM_GRAPH_ERROR_NO_MEMORY : CM_GRAPH_ERROR_IGRAPH,
              "%s failed: %s", what, last_reason[0] ? last_reason : igraph_strerror(code));
  last_reason[0] = '\0';
  return FALSE;
}
