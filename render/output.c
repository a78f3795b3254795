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

/* Where an output goes: standard output, a device or pipe written in place, or a temporary file
 * renamed over path when it is committed. */
struct _CmOutput {
  char *path; /* NULL for standard output */
  char *tmp;  /* the temporary file, when writing one */
  int fd;     /* -1 for standard output */
};

static gboolean
fail(GError **error, const char *path, int e)
{
  if (path)
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot write %s: %s"), path,
                g_strerror(e));
  else
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE,
                _("cannot write to standard output: %s"), g_strerror(e));
  return FALSE;
}

/* A device or pipe (/dev/stdout, /dev/full, a FIFO) is written in place: renaming a temporary
 * file over it would replace the device node itself. */
static CmOutput *
open_special(const char *path, GError **error)
{
  int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    fail(error, path, errno);
    return NULL;
  }
  CmOutput *out = g_new0(CmOutput, 1);
  out->path = g_strdup(path);
  out->fd = fd;
  return out;
}

/* A temporary file beside path, renamed over it on commit. old, when path is a regular file now,
 * gives the mode and group to keep: a 0600 report stays 0600. */
static CmOutput *
open_atomic(const char *path, const struct stat *old, GError **error)
{
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  char *tmp = g_strdup_printf("%s/.%s" CM_OUTPUT_TMP_MARK "XXXXXX", dir, base);
  int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0666 & ~0022);
  if (fd < 0) {
    fail(error, path, errno);
    g_free(tmp);
    return NULL;
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
  CmOutput *out = g_new0(CmOutput, 1);
  out->path = g_strdup(path);
  out->tmp = tmp;
  out->fd = fd;
  return out;
}

static gboolean
refuse_folder(const char *path, GError **error)
{
  return fail(error, path, EISDIR);
}

CmOutput *
cm_output_open(const char *path, GError **error)
{
  if (!path || strcmp(path, "-") == 0) {
    CmOutput *out = g_new0(CmOutput, 1);
    out->fd = -1;
    return out;
  }
  struct stat st;
  gboolean exists = stat(path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    refuse_folder(path, error);
    return NULL;
  }
  if (exists && !S_ISREG(st.st_mode))
    return open_special(path, error);
  return open_atomic(path, exists ? &st : NULL, error);
}

gboolean
cm_output_append(CmOutput *out, const void *data, gsize len, GError **error)
{
  g_return_val_if_fail(out != NULL, FALSE);
  if (out->fd < 0)
    return fwrite(data, 1, len, stdout) == len || fail(error, NULL, errno);
  return cm_output__write_all(out->fd, data, len) || fail(error, out->path, errno);
}

static void
output_free(CmOutput *out)
{
  g_free(out->path);
  g_free(out->tmp);
  g_free(out);
}

gboolean
cm_output_commit(CmOutput *out, GError **error)
{
  g_return_val_if_fail(out != NULL, FALSE);
  if (out->fd < 0) {
    gboolean ok = fflush(stdout) == 0 || fail(error, NULL, errno);
    output_free(out);
    return ok;
  }
  gboolean ok = !out->tmp || fsync(out->fd) == 0;
  int e = errno;
  if (close(out->fd) != 0 && ok) {
    ok = FALSE;
    e = errno;
  }
  out->fd = -1;
  if (ok && out->tmp && rename(out->tmp, out->path) != 0) {
    ok = FALSE;
    e = errno;
  }
  if (!ok) {
    if (out->tmp)
      g_unlink(out->tmp);
    fail(error, out->path, e);
  }
  output_free(out);
  return ok;
}

void
cm_output_abandon(CmOutput *out)
{
  if (!out)
    return;
  if (out->fd < 0) {
    fflush(stdout); /* what was written stays written: a pipe cannot take it back */
  } else {
    close(out->fd);
    if (out->tmp)
      g_unlink(out->tmp);
  }
  output_free(out);
}

static gboolean
write_whole(CmOutput *out, const void *data, gsize len, GError **error)
{
  if (!out)
    return FALSE;
  if (!cm_output_append(out, data, len, error)) {
    cm_output_abandon(out);
    return FALSE;
  }
  return cm_output_commit(out, error);
}

gboolean
cm_output_write(const char *path, const void *data, gsize len, GError **error)
{
  return write_whole(cm_output_open(path, error), data, len, error);
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
  return write_whole(open_atomic(path, exists && S_ISREG(st.st_mode) ? &st : NULL, error), data,
                     len, error);
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
