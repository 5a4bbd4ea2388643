/* sl-file.c: reading and replacing a user's file without losing it (see
 * sl-file.h).
 *
 * Why not g_file_replace_contents() alone: GIO (2.74, Debian 12) keeps
 * the mode and owner and follows a symbolic link, but for a link or a
 * file with other hard links it truncates the file and writes it in place,
 * so a full disk leaves it cut short; and run as root it overwrites a 0444
 * file without a word (root may open any file for writing).  Here a link
 * is resolved first and its target replaced atomically, a hard-linked file
 * is written in place only after fallocate() has reserved its space, and a
 * read-only mode is refused by its bits, not by open()'s verdict.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-file.h"

#define MAX_LINKS_FOLLOWED 40   /* Linux's own limit (MAXSYMLINKS) */

G_DEFINE_QUARK (sl-file-error-quark, sl_file_error)

const char *
sl_file_describe_mode (guint st_mode)
{
  if (S_ISREG (st_mode))
    return NULL;
  if (S_ISDIR (st_mode))
    return "a folder";
  if (S_ISFIFO (st_mode))
    return "a named pipe (FIFO)";
  if (S_ISCHR (st_mode) || S_ISBLK (st_mode))
    return "a device";
  if (S_ISSOCK (st_mode))
    return "a socket";
  return "not a regular file";
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *what = g_strdup_printf (format, display);

  g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_IO, "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
refuse_type (GError     **error,
             guint        st_mode)
{
  g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_NOT_REGULAR, "%s, not a regular file",
               sl_file_describe_mode (st_mode));
  return FALSE;
}

GBytes *
sl_file_read_regular (const char  *path,
                      gsize        max_size,
                      GError     **error)
{
  struct stat st;
  g_autofree char *buffer = NULL;
  gsize total = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* Refuse by type before open(): opening a FIFO for reading waits for a
   * writer, and opening some devices does something. */
  if (g_stat (path, (GStatBuf *) &st) != 0)
    {
      set_errno_error (error, errno, "cannot read %s", path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      refuse_type (error, st.st_mode);
      return NULL;
    }
  /* O_NONBLOCK: if it became a FIFO since, open() still returns at once. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, "cannot open %s", path);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved = errno;

      if (S_ISREG (st.st_mode))
        set_errno_error (error, saved, "cannot read %s", path);
      else
        refuse_type (error, st.st_mode);
      close (fd);
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_TOO_BIG,
                   "the file is %" G_GUINT64_FORMAT " bytes, more than the limit of %" G_GSIZE_FORMAT " bytes",
                   (guint64) st.st_size, max_size);
      close (fd);
      return NULL;
    }
  /* Read at most one byte past the limit: the file may be growing. */
  buffer = g_malloc (max_size + 1);
  for (;;)
    {
      ssize_t n = read (fd, buffer + total, max_size + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, "cannot read %s", path);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      total += n;
      if (total > max_size)
        {
          g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_TOO_BIG,
                       "the file is more than the limit of %" G_GSIZE_FORMAT " bytes", max_size);
          close (fd);
          return NULL;
        }
    }
  close (fd);
  return g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), total ? total : 1), total);
}

/* `path` with every symbolic link along its last component followed: the
 * file a write through the link reaches.  A dangling link gives the path
 * it points to (the file is then created there, as open() would). */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *target = g_strdup (path);

  for (guint i = 0; i < MAX_LINKS_FOLLOWED; i++)
    {
      struct stat st;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *link = NULL;

      if (g_lstat (target, (GStatBuf *) &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&target);
      if (!(link = g_file_read_link (target, &local_error)))
        {
          g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_IO, "%s", local_error->message);
          return NULL;
        }
      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (target);

          g_free (target);
          target = g_build_filename (dir, link, NULL);
        }
      else
        {
          g_free (target);
          target = g_steal_pointer (&link);
        }
    }
  set_errno_error (error, ELOOP, "cannot follow %s", path);
  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           goffset      offset)
{
  while (length > 0)
    {
      ssize_t n = pwrite (fd, data, MIN (length, (gsize) G_MAXSSIZE), offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
      offset += n;
    }
  return TRUE;
}

/* Writes over the file itself, keeping its inode (and so every hard link
 * to it).  fallocate() first: on a full disk it fails before any byte of
 * the old contents changes. */
static gboolean
replace_in_place (const char         *target,
                  const struct stat  *before,
                  const char         *data,
                  gsize               length,
                  GError            **error)
{
  struct stat st;
  int fd = g_open (target, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0);

  if (fd < 0)
    return set_errno_error (error, errno, "cannot write %s", target);
  if (fstat (fd, &st) != 0 || st.st_ino != before->st_ino || st.st_dev != before->st_dev ||
      !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_IO,
                   "%s changed while it was being saved; nothing was written", target);
      return FALSE;
    }
  if (length > 0 && fallocate (fd, 0, 0, length) != 0 &&
      errno != EOPNOTSUPP && errno != ENOSYS)
    {
      int saved = errno;

      close (fd);
      return set_errno_error (error, saved, "cannot write %s", target);
    }
  if (!write_all (fd, data, length, 0) || ftruncate (fd, length) != 0 || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      return set_errno_error (error, saved, "cannot write %s", target);
    }
  if (close (fd) != 0)
    return set_errno_error (error, errno, "cannot write %s", target);
  return TRUE;
}

/* The checks of sl_file_replace_contents() that need no writing. */
static gboolean
check_target (const char   *path,
              const char   *target,
              struct stat  *st,
              gboolean     *exists,
              GError      **error)
{
  *exists = g_stat (target, (GStatBuf *) st) == 0;
  if (!*exists && errno != ENOENT)
    return set_errno_error (error, errno, "cannot write %s", target);
  if (!*exists)
    return TRUE;
  if (!S_ISREG (st->st_mode))
    return refuse_type (error, st->st_mode);
  /* A read-only file system, say: what the system says. */
  if (access (target, W_OK) != 0 && errno != EACCES)
    return set_errno_error (error, errno, "cannot write %s", target);
  /* By the mode's bits too: root's access() and open() would say yes. */
  if ((st->st_mode & 0222) == 0 || access (target, W_OK) != 0)
    {
      g_autofree char *display = g_filename_display_name (target);

      if (strcmp (path, target) != 0)
        g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_READ_ONLY,
                     "the file it links to, %s, is read-only (mode %04o); nothing was written",
                     display, (guint) (st->st_mode & 07777));
      else
        g_set_error (error, SL_FILE_ERROR, SL_FILE_ERROR_READ_ONLY,
                     "the file is read-only (mode %04o); nothing was written",
                     (guint) (st->st_mode & 07777));
      return FALSE;
    }
  return TRUE;
}

gboolean
sl_file_check_replaceable (const char  *path,
                           GError     **error)
{
  g_autofree char *target = NULL;
  struct stat st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, FALSE);

  return (target = resolve_links (path, error)) && check_target (path, target, &st, &exists, error);
}

gboolean
sl_file_replace_contents (const char  *path,
                          const void  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  struct stat st;
  gboolean exists;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!(target = resolve_links (path, error)))
    return FALSE;

  if (!check_target (path, target, &st, &exists, error))
    return FALSE;
  if (exists && st.st_nlink > 1)
    return replace_in_place (target, &st, data, length, error);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  /* A name that stays within NAME_MAX, hidden, beside the target. */
  if (strlen (base) <= 200)
    temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  else
    temp = g_strdup_printf ("%s/.slotlab-save.XXXXXX", dir);
  /* 0666 less the umask, as a new file gets from open(). */
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      /* A folder we may not write, holding a file we may: GIO's fallback. */
      if (exists && (saved == EACCES || saved == EPERM))
        return replace_in_place (target, &st, data, length, error);
      return set_errno_error (error, saved, "cannot create a temporary file in %s", dir);
    }
  if (exists &&
      ((fchown (fd, st.st_uid, st.st_gid) != 0 && (st.st_uid != geteuid () || st.st_gid != getegid ())) ||
       fchmod (fd, st.st_mode & 07777) != 0))
    {
      /* We may not give the new file the old one's owner: keep the old
       * file's inode instead, as GIO does. */
      close (fd);
      g_unlink (temp);
      return replace_in_place (target, &st, data, length, error);
    }
  if (!write_all (fd, data, length, 0) || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (temp);
      return set_errno_error (error, saved, "cannot write %s", target);
    }
  if (close (fd) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      return set_errno_error (error, saved, "cannot write %s", target);
    }
  if (g_rename (temp, target) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      return set_errno_error (error, saved, "cannot write %s", target);
    }
  /* The rename itself on disk: best effort, the data already is. */
  if ((fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)) >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}
