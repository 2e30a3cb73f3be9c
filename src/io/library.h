/* library: opens a scenario by id or path together with the bank it names,
 * resolved and ready to draw from. */
#ifndef REHEARSE_LIBRARY_H
#define REHEARSE_LIBRARY_H

#include "../core/bank.h"
#include "../core/diag.h"
#include "../core/scenario.h"

#include <limits.h>

/* Loads the scenario `arg` (an id searched in the scenario directories, or a
 * file path) and its bank, then resolves it. On success both are the
 * caller's, released with scenario_free and bank_free; on failure neither
 * needs releasing. */
int library_open(const char *arg, struct scenario *sc, struct bank *bank, struct diag *err);

#define LIBRARY_SHA256_HEX 65 /* 64 hex digits and a NUL */

/* The source of a loaded scenario file `path`: its absolute path and the
 * SHA-256 of its content in lower-case hex. Returns REH_OK, or REH_EIO when
 * the file cannot be read (err names it). */
int library_source(const char *path, char abs[PATH_MAX], char sha256[LIBRARY_SHA256_HEX],
                   struct diag *err);

/* Loads the bank with this id from the bank directories. */
int library_open_bank(const char *id, struct bank *bank, struct diag *err);

#endif
