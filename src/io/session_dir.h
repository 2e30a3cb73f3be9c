/* session_dir: the sessions directory of a data home: listing the session ids
 * and resolving an id or a unique prefix of one to a session directory. Only real directories
 * count: symbolic links and stray files are ignored. */
#ifndef REHEARSE_SESSION_DIR_H
#define REHEARSE_SESSION_DIR_H

#include "../core/diag.h"
#include "../core/transcript.h"

#include <limits.h>
#include <stddef.h>

/* Called for each entry of the sessions directory that is not a session
 * directory (a stray file, a symbolic link), with its path. */
typedef void (*session_dir_foreign_fn)(const char *path, void *ctx);

/* The session ids under <home>/sessions, newest first, in a NULL-terminated
 * array the caller releases with session_dir_free. A missing directory is an
 * empty list. `foreign` may be NULL. Returns REH_OK, REH_EIO or
 * REH_ENOMEM. */
int session_dir_list(const char *home, char ***ids, size_t *count, session_dir_foreign_fn foreign,
                     void *ctx, struct diag *err);

void session_dir_free(char **ids);

/* The directory of the session `spec` names: a full id or a unique prefix of
 * one. Returns REH_OK, or REH_EDATA with a message for no match or an
 * ambiguous prefix. */
int session_dir_find(const char *home, const char *spec, char dir[PATH_MAX], struct diag *err);

/* The session `last` names: the newest whose session.json can be read
 * (damaged ones are passed over), its directory into `dir` and its record
 * into `t` (the caller's, released with transcript_free). Returns REH_OK,
 * REH_EIO when the sessions directory cannot be read, or REH_EDATA when no
 * session can be read (err says whether there are any). */
int session_dir_last(const char *home, char dir[PATH_MAX], struct transcript *t, struct diag *err);

#endif
