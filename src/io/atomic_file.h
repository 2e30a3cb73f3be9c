/* atomic_file: files replaced whole and read whole. Directories are made
 * mode 0700 and files 0600 (answers and recordings are personal); a file is
 * replaced through a temporary file of its own in the same directory, so a
 * crash leaves either the previous or the new version, never a torn one. */
#ifndef REHEARSE_ATOMIC_FILE_H
#define REHEARSE_ATOMIC_FILE_H

#include "../core/diag.h"

#include <stddef.h>

/* The largest file atomic_file_read reads. */
#define ATOMIC_FILE_MAX_READ (64 << 20)

/* Creates the directory `path` and its parents as needed, each mode 0700.
 * Returns REH_OK, or REH_EIO with a message naming the directory. */
int atomic_file_make_dirs(const char *path, struct diag *err);

/* Opens the directory `dir` into *fd, with the extra open(2) `flags`
 * (O_NOFOLLOW, or 0 to follow a symbolic link the user made). Returns
 * REH_OK (the caller closes *fd), or REH_EIO naming it (*fd is -1). */
int atomic_file_open_dir(const char *dir, int flags, int *fd, struct diag *err);

/* Replaces file `name` of the directory open as `dirfd` (`dir` names it in
 * messages) by `len` bytes of `data`: a temporary file ".<name>.XXXXXX.tmp"
 * created with O_EXCL (so concurrent writers never share one), mode 0600,
 * fsync, rename, fsync of the directory. Returns REH_OK, or REH_EIO naming
 * the file and the system's reason; the temporary file is then removed and
 * the previous version is intact. */
int atomic_file_write(int dirfd, const char *dir, const char *name, const char *data, size_t len,
                      struct diag *err);

/* Removes the temporary files that a writer killed in the middle of a write
 * left in the directory open as `dirfd`. Call it when no one else writes
 * there. Returns how many it removed. */
size_t atomic_file_remove_temporaries(int dirfd);

/* Reads the whole file `path` (at most ATOMIC_FILE_MAX_READ bytes) into
 * *text, a new NUL-terminated buffer of *len bytes the caller frees.
 * Returns REH_OK, or REH_EIO with "cannot read PATH: reason" (*text is then
 * NULL and errno tells the reason: ENOENT when there is no such file). */
int atomic_file_read(const char *path, char **text, size_t *len, struct diag *err);

#endif
