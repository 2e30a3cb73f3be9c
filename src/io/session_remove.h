/* session_remove: deleting a session directory with everything in it (its
 * record, transcript and recordings). The directory is first renamed to a
 * hidden name beside it, which listings skip, so the session disappears at
 * once; its files are removed after, and a removal cut short leaves only
 * that hidden directory, which the next removal of the same id clears. */
#ifndef REHEARSE_SESSION_REMOVE_H
#define REHEARSE_SESSION_REMOVE_H

#include "../core/diag.h"

/* The prefix of the hidden name a session directory is removed under. */
#define SESSION_REMOVE_PREFIX ".deleting-"

/* Removes the session directory `dir` (<home>/sessions/<id>), which holds
 * only files. The caller holds its lock. Returns REH_OK, or REH_EIO naming
 * what could not be removed. */
int session_remove(const char *dir, struct diag *err);

#endif
