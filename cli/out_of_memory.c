/* Out of memory is its own exit code (4), never "invalid data" (1) nor a bare abort: GLib's
 * g_malloc and our own g_error() on a failed allocation log at G_LOG_LEVEL_ERROR before they
 * abort, so a log handler can say so plainly and leave with CM_EXIT_NO_MEMORY. igraph's
 * IGRAPH_ENOMEM arrives as CM_GRAPH_ERROR_NO_MEMORY and goes through cm_cli_exit_code(). */
#include "cli.h"
#include "cm_error.h"
#include "cm_i18n.h"

#include <malloc.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static void
write_stderr(const char *text)
{
  gsize len = strlen(text);
  while (len > 0) {
    gssize n = write(STDERR_FILENO, text, len);
    if (n <= 0)
      return;
    text += n;
    len -= (gsize)n;
  }
}

static gboolean
is_allocation_failure(const char *message)
{
  /* a thread whose stack cannot be mapped is the same shortage (g_thread_new says so) */
  return message && (strstr(message, "failed to allocate") || strstr(message, "out of memory") ||
                     strstr(message, "Error creating thread"));
}

/* No allocation here: the heap is what failed. g_snprintf into a static buffer does not
 * allocate; dgettext falls back to the English text when it cannot. */
static void
on_fatal_log(const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if ((level & G_LOG_LEVEL_ERROR) && is_allocation_failure(message)) {
    static char buf[1024];
    g_snprintf(buf, sizeof buf,
               _("chainmap: out of memory (%s).\n"
                 "The dataset needs more memory than this machine or its limit (ulimit -v) "
                 "allows: free memory or raise the limit, then run again.\n"),
               message);
    write_stderr(buf);
    _exit(CM_EXIT_NO_MEMORY);
  }
  g_log_default_handler(domain, level, message, data);
}

void
cm_cli_install_out_of_memory_handler(void)
{
  /* Under an address-space limit (ulimit -v) glibc's per-thread malloc arenas reserve 64 MB
   * each, and the threads of pango and of the loader then fail for want of address space that
   * nothing uses: one arena keeps what is reserved close to what is used. */
  struct rlimit as;
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
    mallopt(M_ARENA_MAX, 1);
  g_log_set_default_handler(on_fatal_log, NULL);
  g_log_set_handler("GLib", G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL, on_fatal_log, NULL);
}

gboolean
cm_cli_is_out_of_memory(const GError *error)
{
  return g_error_matches(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_NO_MEMORY);
}

int
cm_cli_report_out_of_memory(const GError *error)
{
  /* cm_cli_context() names the program "chainmap COMMAND" */
  const char *prgname = g_get_prgname() ? g_get_prgname() : "chainmap";
  fprintf(stderr,
          _("%s: out of memory (%s).\n"
            "The dataset needs more memory than this machine or its limit (ulimit -v) allows: "
            "free memory or raise the limit, then run again.\n"),
          prgname, error->message);
  return CM_EXIT_NO_MEMORY;
}
