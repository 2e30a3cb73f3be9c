/* paths: where rehearse finds its files. Built-in scenarios and banks come
 * from $REHEARSE_DATA_DIR, the install prefix next to the executable, or the
 * source tree it was built from; user files from $XDG_CONFIG_HOME/rehearse
 * and $REHEARSE_HOME; sessions live under $REHEARSE_HOME. */
#ifndef REHEARSE_PATHS_H
#define REHEARSE_PATHS_H

#include "../core/diag.h"

#include <limits.h>
#include <stddef.h>

enum paths_kind {
    PATHS_SCENARIOS,
    PATHS_BANKS,
};

#define PATHS_MAX_DIRS 3

/* The directories searched for scenarios or banks, most specific first (user
 * configuration, REHEARSE_HOME, built-in). Writes up to PATHS_MAX_DIRS
 * strings into dirs and returns how many. Directories may not exist. */
size_t paths_search_dirs(enum paths_kind kind, char dirs[PATHS_MAX_DIRS][PATH_MAX]);

/* The data home: $REHEARSE_HOME, else $XDG_DATA_HOME/rehearse, else
 * ~/.local/share/rehearse. Returns REH_OK, or REH_EIO when no home can be
 * found (none of them is set, or the path is too long; err says which). */
int paths_home(char out[PATH_MAX], struct diag *err);

/* The cache directory, $XDG_CACHE_HOME/rehearse else ~/.cache/rehearse
 * (derived files: deleting it loses nothing); 0 when there is none. */
int paths_cache(char out[PATH_MAX]);

/* Finds "<id>.yaml" in the search directories of `kind`. Returns REH_OK and
 * the path, or REH_EDATA when no directory has it (err names the file and
 * the directories searched). */
int paths_find(enum paths_kind kind, const char *id, char out[PATH_MAX], struct diag *err);

/* Finds the built-in data file `name` (fillers.txt, ...): in
 * $REHEARSE_DATA_DIR, <exe>/../share/rehearse, the install directory, or the
 * source tree's assets/. Returns REH_OK, or REH_EIO when none has it (err
 * names the file and says how to point at the data). */
int paths_find_data(const char *name, char out[PATH_MAX], struct diag *err);

/* Whether a command-line argument names a file rather than an id: it
 * contains a '/' or ends in ".yaml" or ".yml". */
int paths_is_file(const char *arg);

#endif
