/* store: the session directory under $REHEARSE_HOME/sessions and the files in
 * it. Directories are 0700 and files 0600 (answers and recordings are
 * personal); every file is replaced atomically (io/atomic_file.h), so a
 * crash leaves either the previous or the new version, never a torn one.
 * session.json is encoded and decoded by io/session_codec.h. */
#ifndef REHEARSE_STORE_H
#define REHEARSE_STORE_H

#include "../core/diag.h"
#include "../core/transcript.h"

#include <limits.h>
#include <time.h>

#define STORE_ID_MAX 128

struct store {
    char id[STORE_ID_MAX]; /* "YYYYMMDD-HHMMSS-<scenario>[-N]" */
    char dir[PATH_MAX];    /* the session directory */
    int dirfd;             /* open on dir; files are written relative to it */
};

/* Creates <home>/sessions/<id>/ for a session of `scenario_id` started at
 * `now` (local time), with -2, -3... appended when the name is taken, and
 * the parent directories as needed. Returns REH_OK, or REH_EIO with a
 * message naming the directory and what to do. Release with store_close. */
int store_create(struct store *st, const char *home, const char *scenario_id, time_t now,
                 struct diag *err);

/* Opens the existing session directory `dir` (not through a symbolic link)
 * to save into it again. Release with store_close. */
int store_open(struct store *st, const char *dir, struct diag *err);

/* Writes session.json and transcript.md of `t`, each atomically. Returns
 * REH_OK, REH_ENOMEM, REH_EDATA naming a field of t that cannot be written
 * (a text that is not valid UTF-8), or REH_EIO naming the file and the
 * system's reason; the previous versions are then intact. */
int store_save(struct store *st, const struct transcript *t, struct diag *err);

/* Replaces file `name` of the session directory by `len` bytes of `data`
 * atomically (atomic_file_write). */
int store_write_file(struct store *st, const char *name, const char *data, size_t len,
                     struct diag *err);

/* Reads <dir>/session.json into `t` (released with transcript_free either
 * way). Returns REH_OK, REH_EIO when it cannot be read, REH_ENOMEM, or
 * REH_EDATA with "FILE:LINE:COL: message" for a damaged file or an unknown
 * format. */
int store_load(const char *dir, struct transcript *t, struct diag *err);

/* Removes the temporary files (".NAME.XXXXXX.tmp") that a writer killed in
 * the middle of a write left in the session directory. Call it holding the
 * session's lock, when no one else writes there. Returns how many it
 * removed. */
size_t store_remove_temporaries(const struct store *st);

void store_close(struct store *st);

#endif
