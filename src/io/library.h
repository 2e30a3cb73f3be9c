/* library: opens a scenario by id or path together with the bank it names,
 * resolved and ready to draw from. */
#ifndef REHEARSE_LIBRARY_H
#define REHEARSE_LIBRARY_H

#include "../core/bank.h"
#include "../core/diag.h"
#include "../core/scenario.h"

/* Loads the scenario `arg` (an id searched in the scenario directories, or a
 * file path) and its bank, then resolves it. On success both are the
 * caller's, released with scenario_free and bank_free; on failure neither
 * needs releasing. */
int library_open(const char *arg, struct scenario *sc, struct bank *bank, struct diag *err);

/* Loads the bank with this id from the bank directories. */
int library_open_bank(const char *id, struct bank *bank, struct diag *err);

#endif
