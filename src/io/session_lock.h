/* session_lock: one writer per session directory. An advisory lock (flock)
 * on <session dir>/.lock, whose file says who holds it: pid, command and
 * since when, so that a process refused or waiting can name the holder. The
 * lock vanishes with the process that holds it, so a dead holder never
 * blocks anyone; its stale record is overwritten by the next holder. */
#ifndef REHEARSE_SESSION_LOCK_H
#define REHEARSE_SESSION_LOCK_H

#include "../core/diag.h"

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#define SESSION_LOCK_FILE ".lock"

/* What session_lock_try returns when another process holds the lock. */
#define SESSION_LOCK_BUSY REH_EBUSY

struct session_lock {
    int fd; /* the open lock file while held, else -1 */
};

/* Who holds a lock, as its file tells; pid 0 when it does not tell (the
 * holder has not written it yet). */
struct session_lock_holder {
    pid_t pid;
    char command[24]; /* "run", "review"... */
    time_t since;
};

/* Takes the lock of the session directory open as `dirfd` (`dir` names it
 * in messages) for `command`, without waiting. Returns REH_OK (release with
 * session_lock_release), SESSION_LOCK_BUSY with *holder filled in, or REH_EIO
 * when the lock file cannot be opened or locked (err says why). */
int session_lock_try(struct session_lock *lk, int dirfd, const char *dir, const char *command,
                     struct session_lock_holder *holder, struct diag *err);

/* The same, waiting for as long as another process holds it. */
int session_lock_wait(struct session_lock *lk, int dirfd, const char *dir, const char *command,
                      struct diag *err);

/* Whether the holder is sitting an interview (`run` or `resume`), which
 * holds the lock until the interview ends. */
int session_lock_sitting(const struct session_lock_holder *holder);

/* Writes "`rehearse run` (pid 1234) since 10:15:02" (with the date when it
 * is not today) into buf, or "another rehearse process" when the holder is
 * unknown. Returns buf. */
const char *session_lock_describe(const struct session_lock_holder *holder, char *buf, size_t size);

/* Clears the record and releases the lock; does nothing when not held. */
void session_lock_release(struct session_lock *lk);

#endif
