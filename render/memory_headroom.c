#include "memory_headroom.h"
#include "cm_error.h"
#include "cm_i18n.h"

#include <sys/mman.h>

#define BASE_BYTES ((gsize)128 << 20)
#define PER_OBJECT_BYTES ((gsize)16 << 10)

gsize
cm_render__headroom_bytes(guint n_objects)
{
  return BASE_BYTES + (gsize)n_objects * PER_OBJECT_BYTES;
}

gsize
cm_render__surface_bytes(double width_pt, double height_pt, double dpi)
{
  /* the map never exceeds 4096 px a side (SPEC section 5); cairo's image surface is 4 bytes a
   * pixel, and the PNG encoder's rows and the surface copy about double that */
  double w = MIN(MAX(width_pt, 1.0) * dpi / 72.0, 4096.0);
  double h = MIN(MAX(height_pt, 1.0) * dpi / 72.0, 4096.0);
  return (gsize)(w * h * 4.0 * 2.0);
}

gboolean
cm_render__check_headroom(gsize bytes, GError **error)
{
  /* an untouched private mapping costs no RAM: it only asks whether the address space (the
   * limit of ulimit -v) and the overcommit policy allow that much more */
  void *p =
      mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    g_set_error(error, CM_GRAPH_ERROR, CM_GRAPH_ERROR_NO_MEMORY,
                _("not enough memory to lay out and draw the map (about %lu MB more are needed)"),
                (unsigned long)(bytes >> 20));
    return FALSE;
  }
  munmap(p, bytes);
  return TRUE;
}
