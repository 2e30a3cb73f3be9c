/* diag: status codes shared by every module and the one-message error record
 * that loaders and the engine fill in ("FILE:LINE:COL: message"). */
#ifndef REHEARSE_DIAG_H
#define REHEARSE_DIAG_H

#include <stddef.h>

enum reh_status {
    REH_OK = 0,
    REH_EDATA = -1,  /* invalid input file or value; exit 65 */
    REH_EIO = -2,    /* a file could not be read or written; errno says why */
    REH_ENOMEM = -3, /* out of memory */
    REH_EBUSY = -4,  /* held by another process (a session's lock) */
};

#define DIAG_MAX 512

/* A single human-readable error message. Functions taking a `struct diag *`
 * fill it in exactly when they return a non-zero status. */
struct diag {
    char message[DIAG_MAX];
};

/* Sets the message to "FILE:LINE:COL: <fmt...>" (1-based line and column) and
 * returns REH_EDATA, so callers can write `return diag_at(...)`. */
int diag_at(struct diag *d, const char *file, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Sets the message to the formatted text and returns `status`. */
int diag_set(struct diag *d, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Maps a status to the process exit code of the contract: 65 for invalid
 * input, 1 for any other failure, 0 for REH_OK. */
int diag_exit_code(int status);

#endif
