/* schedule_store: $REHEARSE_HOME/schedule.json, the spaced-repetition
 * schedule of a bank (core/schedule.h) kept in step with the session
 * history. The sessions added since it was saved are applied to it; when it
 * is missing, damaged, of another bank, or a session it counted has changed
 * since (a rating given later), it is rebuilt from the whole history. Every
 * answered, timed-out or skipped answer is a review on the day of its
 * session, graded by schedule_grade (a recorded answer not transcribed yet
 * counts as answered, its key terms unknown); the grade of an answer not
 * rated is provisional, and so marked. Written atomically, mode 0600. */
#ifndef REHEARSE_SCHEDULE_STORE_H
#define REHEARSE_SCHEDULE_STORE_H

#include "../core/diag.h"
#include "../core/schedule.h"
#include "../core/transcript.h"

enum schedule_rebuilt {
    SCHEDULE_KEPT,            /* the saved schedule was brought up to date */
    SCHEDULE_REBUILT,         /* missing, of another bank or out of step: rebuilt */
    SCHEDULE_REBUILT_DAMAGED, /* unreadable: rebuilt */
};

/* Fills the empty schedule s for bank `bank_id` from <home>/schedule.json
 * and `sessions` (the summaries of the history, newest first, as read by the
 * caller), and saves it back when it changed. Returns REH_OK, REH_ENOMEM, or
 * REH_EIO when the file could not be written (s is complete even then). */
int schedule_store_sync(const char *home, const char *bank_id,
                        const struct transcript_summary *sessions, size_t n_sessions,
                        struct schedule *s, enum schedule_rebuilt *rebuilt, struct diag *err);

#endif
