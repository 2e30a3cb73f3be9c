/* session_lock: the advisory lock of a session directory and the record of
 * its holder (one line: pid, command, start time in seconds). */
#include "session_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* How long a refused process waits for the holder's record to appear: it
 * is written just after the lock is taken. */
#define RECORD_TRIES    5
#define RECORD_PAUSE_NS 2000000

/* Opens (creating it) the lock file into lk->fd. */
static int open_lock(struct session_lock *lk, int dirfd, const char *dir, struct diag *err)
{
    lk->fd = openat(dirfd, SESSION_LOCK_FILE, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (lk->fd < 0)
        return diag_set(err, REH_EIO,
                        "cannot open %s/" SESSION_LOCK_FILE
                        ": %s; check that the session directory is writable",
                        dir, strerror(errno));
    return REH_OK;
}

/* Writes who holds the lock; a failure only leaves the holder unnamed. */
static void write_record(int fd, const char *command)
{
    char line[96];
    int len = snprintf(line, sizeof line, "%ld %.23s %lld\n", (long)getpid(), command,
                       (long long)time(NULL));
    ssize_t wrote = pwrite(fd, line, (size_t)len, 0);
    int cut = wrote == len ? ftruncate(fd, len) : -1;
    (void)cut;
}

/* Reads the record of a live holder into h; pid 0 when there is none. */
static void read_record(int fd, struct session_lock_holder *h)
{
    for (int i = 0; i < RECORD_TRIES; i++) {
        char line[96];
        long pid = 0;
        long long since = 0;
        ssize_t n = pread(fd, line, sizeof line - 1, 0);
        line[n > 0 ? n : 0] = '\0';
        memset(h, 0, sizeof *h);
        if (sscanf(line, "%ld %23s %lld", &pid, h->command, &since) == 3 && pid > 0 &&
            (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
            h->pid = (pid_t)pid;
            h->since = (time_t)since;
            return;
        }
        nanosleep(&(struct timespec){0, RECORD_PAUSE_NS}, NULL);
    }
    memset(h, 0, sizeof *h);
}

int session_lock_try(struct session_lock *lk, int dirfd, const char *dir, const char *command,
                     struct session_lock_holder *holder, struct diag *err)
{
    if (open_lock(lk, dirfd, dir, err) != REH_OK)
        return REH_EIO;
    if (flock(lk->fd, LOCK_EX | LOCK_NB) == 0) {
        write_record(lk->fd, command);
        return REH_OK;
    }
    int busy = errno == EWOULDBLOCK;
    if (busy)
        read_record(lk->fd, holder);
    else
        diag_set(err, REH_EIO, "cannot lock %s/" SESSION_LOCK_FILE ": %s", dir, strerror(errno));
    close(lk->fd);
    lk->fd = -1;
    return busy ? SESSION_LOCK_BUSY : REH_EIO;
}

int session_lock_wait(struct session_lock *lk, int dirfd, const char *dir, const char *command,
                      struct diag *err)
{
    if (open_lock(lk, dirfd, dir, err) != REH_OK)
        return REH_EIO;
    int rc;
    while ((rc = flock(lk->fd, LOCK_EX)) != 0 && errno == EINTR)
        ;
    if (rc != 0) {
        diag_set(err, REH_EIO, "cannot lock %s/" SESSION_LOCK_FILE ": %s", dir, strerror(errno));
        close(lk->fd);
        lk->fd = -1;
        return REH_EIO;
    }
    write_record(lk->fd, command);
    return REH_OK;
}

int session_lock_sitting(const struct session_lock_holder *holder)
{
    return strcmp(holder->command, "run") == 0 || strcmp(holder->command, "resume") == 0;
}

const char *session_lock_describe(const struct session_lock_holder *holder, char *buf, size_t size)
{
    char since[32];
    struct tm then, today;
    time_t now = time(NULL);
    if (holder->pid == 0) {
        snprintf(buf, size, "another rehearse process");
        return buf;
    }
    localtime_r(&holder->since, &then);
    localtime_r(&now, &today);
    strftime(since, sizeof since,
             then.tm_year == today.tm_year && then.tm_yday == today.tm_yday ? "%H:%M:%S"
                                                                            : "%Y-%m-%d %H:%M:%S",
             &then);
    snprintf(buf, size, "`rehearse %s` (pid %ld) since %s", holder->command, (long)holder->pid,
             since);
    return buf;
}

void session_lock_release(struct session_lock *lk)
{
    if (lk->fd < 0)
        return;
    /* Cleared first, so that the next holder is never named after us; when
     * that fails, read_record passes over the record once we have exited. */
    int cleared = ftruncate(lk->fd, 0);
    (void)cleared;
    flock(lk->fd, LOCK_UN);
    close(lk->fd);
    lk->fd = -1;
}
