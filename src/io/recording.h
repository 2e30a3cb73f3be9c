/* recording: the recordings of a session directory, read only as regular
 * files directly inside it: never through a symbolic link (which could lead
 * out of the directory), never a FIFO or a device (reading one would block or
 * have effects). */
#ifndef REHEARSE_RECORDING_H
#define REHEARSE_RECORDING_H

#include "../core/diag.h"
#include "../core/transcript.h"

#include <stddef.h>

/* Checks, without blocking, that the recording `name` of the session
 * directory `dir` is a regular file directly inside it, and writes
 * "dir/name" into `path` (of `size` bytes). Returns REH_OK, or REH_EIO with
 * a one-line reason naming the file. */
int recording_path(const char *dir, const char *name, char *path, size_t size, struct diag *err);

/* recording_path for every recording of `t` (answers, earlier takes and
 * follow-ups) that is there: a missing one is not an error here. */
int recording_check_all(const char *dir, const struct transcript *t, struct diag *err);

/* Copies the recording `name` of the session directory `dir` into the
 * directory `to` under the same name, readable by its owner only. A file of
 * that name already there is kept when it holds the same bytes (an earlier
 * copy), else it is an error. Returns REH_OK, or REH_EIO with a one-line
 * reason naming the file; a copy cut short is removed. */
int recording_copy(const char *dir, const char *name, const char *to, struct diag *err);

#endif
