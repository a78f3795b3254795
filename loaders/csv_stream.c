#include "csv_private.h"
#include "cm_i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

gssize
cm_byte_stream_read(CmByteStream *s, char *buf, gsize cap)
{
  if (s->src->data) {
    gsize n = MIN(cap, s->src->data_len - s->mem_pos);
    memcpy(buf, s->src->data + s->mem_pos, n);
    s->mem_pos += n;
    return (gssize)n;
  }
  for (;;) {
    gssize n = read(s->fd, buf, cap);
    if (n >= 0 || errno != EINTR)
      return n;
  }
}

gboolean
cm_byte_stream_open(CmByteStream *s, const CmCsvSource *src)
{
  s->src = src;
  s->mem_pos = 0;
  s->fd = -1;
  if (src->data)
    return TRUE;
  s->fd = open(src->path, O_RDONLY | O_CLOEXEC);
  if (s->fd < 0) {
    cm_diagnostics_add(src->diags, src->display, 0, CM_SEVERITY_ERROR, _("cannot read file: %s"),
                       g_strerror(errno));
    return FALSE;
  }
  return TRUE;
}

gboolean
cm_byte_stream_open_part(CmByteStream *s, const CmCsvSource *src)
{
  if (!cm_byte_stream_open(s, src))
    return FALSE;
  if (src->part_start == 0)
    return TRUE;
  if (src->data) {
    s->mem_pos = MIN((gsize)src->part_start, src->data_len);
    return TRUE;
  }
  if (lseek(s->fd, src->part_start, SEEK_SET) < 0) {
    cm_diagnostics_add(src->diags, src->display, 0, CM_SEVERITY_ERROR, _("cannot read file: %s"),
                       g_strerror(errno));
    cm_byte_stream_close(s);
    return FALSE;
  }
  return TRUE;
}

void
cm_byte_stream_close(CmByteStream *s)
{
  if (s->fd >= 0)
    close(s->fd);
  s->fd = -1;
}

void
cm_csv__read_failed(const CmCsvSource *src)
{
  cm_diagnostics_add(src->diags, src->display, 0, CM_SEVERITY_ERROR, _("cannot read file: %s"),
                     g_strerror(errno));
}

gboolean
cm_csv__starts_with(const char *p, gsize len, const char *magic, gsize n)
{
  return len >= n && memcmp(p, magic, n) == 0;
}
