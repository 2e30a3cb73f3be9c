/* store: the session directory under $REHEARSE_HOME/sessions and the files in
 * it. Directories are 0700 and files 0600 (answers and recordings are
 * personal); every file is replaced atomically, so a crash leaves either the
 * previous or the new version, never a torn one. */
#ifndef REHEARSE_STORE_H
#define REHEARSE_STORE_H

#include "../core/diag.h"
#include "../core/transcript.h"

#include <jansson.h>
#include <limits.h>
#include <time.h>

#define STORE_ID_MAX 128

/* The largest count (questions, answers, words) and duration in seconds a
 * file may hold; anything beyond, or negative, is damage. */
#define STORE_MAX_COUNT   100000
#define STORE_MAX_SECONDS (7 * 24 * 3600)

/* Whether a number read from a file is from lo to hi. */
static inline int store_in_range(json_int_t v, json_int_t lo, json_int_t hi)
{
    return v >= lo && v <= hi;
}

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

/* Creates the directory `path` and its parents as needed, each mode 0700.
 * Returns REH_OK, or REH_EIO with a message naming the directory. */
int store_make_dirs(const char *path, struct diag *err);

/* Opens the existing session directory `dir` (not through a symbolic link)
 * to save into it again. Release with store_close. */
int store_open(struct store *st, const char *dir, struct diag *err);

/* Writes session.json and transcript.md of `t`, each atomically. Returns
 * REH_OK, REH_ENOMEM, REH_EDATA naming a text of t that is not valid UTF-8,
 * or REH_EIO naming the file and the system's reason; the previous versions
 * are then intact. */
int store_save(struct store *st, const struct transcript *t, struct diag *err);

/* Replaces file `name` of the session directory by `len` bytes of `data`
 * atomically: a temporary file of its own (".<name>.XXXXXX.tmp", created
 * with O_EXCL, so concurrent writers never share one), fsync, rename, fsync
 * of the directory. On failure the temporary file is removed and the
 * previous version is intact. */
int store_write_file(struct store *st, const char *name, const char *data, size_t len,
                     struct diag *err);

/* Replaces <home>/<name> by `root` dumped with jansson's `flags`,
 * atomically and mode 0600, creating home as needed (home itself may be a
 * symbolic link). Returns REH_OK,
 * REH_ENOMEM, or REH_EIO naming the file (the previous version is intact). */
int store_write_json(const char *home, const char *name, const json_t *root, size_t flags,
                     struct diag *err);

/* Parses the JSON file at `path` (at most 64 MiB), read in one go: several
 * times faster than jansson's reading of a FILE. Returns a new reference, or
 * NULL with errno set when it cannot be read (ENOENT: there is none) or with
 * errno 0 and the parser's message in *jerr when it is not JSON. */
json_t *store_read_json(const char *path, size_t flags, json_error_t *jerr);

/* A new reference to the session.json object of `t`, or NULL when out of
 * memory. */
json_t *store_transcript_json(const struct transcript *t);

/* Reads <dir>/session.json into `t` (released with transcript_free either
 * way). Returns REH_OK, REH_EIO when it cannot be read, or REH_EDATA with
 * "FILE:LINE:COL: message" for a damaged file or an unknown format. */
int store_load(const char *dir, struct transcript *t, struct diag *err);

/* The same from the text of a session.json; `path` names it in messages. */
int store_parse(const char *text, size_t len, const char *path, struct transcript *t,
                struct diag *err);

/* Removes the temporary files (".NAME.XXXXXX.tmp") that a writer killed in
 * the middle of a write left in the session directory. Call it holding the
 * session's lock, when no one else writes there. Returns how many it
 * removed. */
size_t store_remove_temporaries(const struct store *st);

void store_close(struct store *st);

#endif
