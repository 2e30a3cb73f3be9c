/* json_file: the JSON files of the data home that are not a session
 * (sessions-index.json, schedule.json): read whole and parsed in one go,
 * replaced atomically (io/atomic_file.h), and the range checks of what is
 * read back. */
#ifndef REHEARSE_JSON_FILE_H
#define REHEARSE_JSON_FILE_H

#include "../core/diag.h"

#include <jansson.h>

/* The largest count (questions, answers, words) and duration in seconds a
 * file may hold; anything beyond, or negative, is damage. */
#define JSON_FILE_MAX_COUNT   100000
#define JSON_FILE_MAX_SECONDS (7 * 24 * 3600)

/* Whether a number read from a file is from lo to hi. */
static inline int json_file_in_range(json_int_t v, json_int_t lo, json_int_t hi)
{
    return v >= lo && v <= hi;
}

/* Parses the JSON file at `path` (at most 64 MiB) with jansson's `flags`,
 * read in one go: several times faster than jansson's reading of a FILE.
 * Returns REH_OK with *root a new reference, or NULL when there is no such
 * file; REH_EIO when it cannot be read, or REH_EDATA with
 * "PATH:LINE:COL: message" when it is not JSON (*root is then NULL). */
int json_file_read(const char *path, size_t flags, json_t **root, struct diag *err);

/* Replaces <home>/<name> by `root` dumped with jansson's `flags`,
 * atomically and mode 0600, creating home as needed (home itself may be a
 * symbolic link). Returns REH_OK, REH_ENOMEM, or REH_EIO naming the file
 * (the previous version is intact). */
int json_file_write(const char *home, const char *name, const json_t *root, size_t flags,
                    struct diag *err);

#endif
