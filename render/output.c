#include "cm_output.h"
#include "output_private.h"
#include "cm_i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK(cm_render_error, cm_render_error)

gboolean
cm_output__write_all(int fd, const void *data, gsize len)
{
  const char *p = data;
  while (len > 0) {
    gssize n = write(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    p += n;
    len -= (gsize)n;
  }
  return TRUE;
}

static gboolean
write_stdout(const void *data, gsize len, GError **error)
{
  if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
    int e = errno;
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE,
                _("cannot write to standard output: %s"), g_strerror(e));
    return FALSE;
  }
  return TRUE;
}

/* A device or pipe (/dev/stdout, /dev/full, a FIFO) is written in place: renaming a temporary
 * file over it would replace the device node itself. */
static gboolean
write_special(const char *path, const void *data, gsize len, GError **error)
{
  int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  gboolean ok = fd >= 0 && cm_output__write_all(fd, data, len);
  int e = errno;
  if (fd >= 0 && close(fd) != 0 && ok) {
    ok = FALSE;
    e = errno;
  }
  if (!ok)
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot write %s: %s"), path,
                g_strerror(e));
  return ok;
}

/* Temporary file beside path, then rename over it. old, when path is a regular file now, gives
 * the mode and group to keep: a 0600 report stays 0600. */
static gboolean
write_atomic(const char *path, const void *data, gsize len, const struct stat *old, GError **error)
{
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  g_autofree char *tmp = g_strdup_printf("%s/.%s" CM_OUTPUT_TMP_MARK "XXXXXX", dir, base);
  int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0666 & ~0022);
  if (fd < 0) {
    int e = errno;
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot write %s: %s"), path,
                g_strerror(e));
    return FALSE;
  }
  if (old) {
    /* the group first, since chown may clear set-id bits that fchmod puts back; a group we are
     * not in cannot be kept, which is no reason to fail the write */
    if (fchown(fd, (uid_t)-1, old->st_gid) != 0) {
      /* kept as made */
    }
    if (fchmod(fd, old->st_mode & 07777) != 0) {
      /* kept as made */
    }
  }
  gboolean ok = cm_output__write_all(fd, data, len) && fsync(fd) == 0;
  int e = errno;
  if (close(fd) != 0 && ok) {
    ok = FALSE;
    e = errno;
  }
  if (ok && rename(tmp, path) != 0) {
    ok = FALSE;
    e = errno;
  }
  if (!ok) {
    g_unlink(tmp);
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot write %s: %s"), path,
                g_strerror(e));
  }
  return ok;
}

static gboolean
refuse_folder(const char *path, GError **error)
{
  g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot write %s: %s"), path,
              g_strerror(EISDIR));
  return FALSE;
}

gboolean
cm_output_write(const char *path, const void *data, gsize len, GError **error)
{
  if (!path || strcmp(path, "-") == 0)
    return write_stdout(data, len, error);
  struct stat st;
  gboolean exists = stat(path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    return refuse_folder(path, error);
  if (exists && !S_ISREG(st.st_mode))
    return write_special(path, data, len, error);
  return write_atomic(path, data, len, exists ? &st : NULL, error);
}

gboolean
cm_output_write_replace(const char *path, const void *data, gsize len, GError **error)
{
  g_return_val_if_fail(path != NULL, FALSE);
  /* lstat: a symlink, FIFO or device planted at path is replaced by the rename, never opened */
  struct stat st;
  gboolean exists = lstat(path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    return refuse_folder(path, error);
  return write_atomic(path, data, len, exists && S_ISREG(st.st_mode) ? &st : NULL, error);
}

guint
cm_output_clean_stale(const char *dir)
{
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  if (!d)
    return 0;
  guint removed = 0;
  const char *name;
  while ((name = g_dir_read_name(d))) {
    if (name[0] != '.' || !strstr(name, CM_OUTPUT_TMP_MARK))
      continue;
    g_autofree char *p = g_build_filename(dir, name, NULL);
    if (g_file_test(p, G_FILE_TEST_IS_REGULAR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK) &&
        g_unlink(p) == 0)
      removed++;
  }
  return removed;
}
