/* resume: where an interrupted session picks up: whether it can be resumed
 * at all, the answer cut off before anything was given (asked again), and
 * the question and time left to go on with. Pure logic over the transcript;
 * the command (cli/cmd_resume.c) opens the plan and says why it stops. */
#ifndef REHEARSE_RESUME_H
#define REHEARSE_RESUME_H

#include "transcript.h"

#include <stddef.h>

enum resume_decision {
    RESUME_GO,          /* sit the rest: see struct resume_point */
    RESUME_COMPLETED,   /* the session was completed */
    RESUME_UNRECORDED,  /* a weakest-first session that did not record its questions */
    RESUME_NO_QUESTION, /* every question of the plan has an answer */
    RESUME_NO_TIME,     /* the budget is used up */
};

/* What resume_point finds. */
struct resume_point {
    size_t from;     /* the index of the first question to ask */
    double budget_s; /* the seconds left of the budget */
};

/* Whether session t can be resumed from what it records: RESUME_COMPLETED,
 * RESUME_UNRECORDED (its scenario id is `weakest_id` and it names no
 * scenario it was based on), else RESUME_GO, after dropping its last answer
 * when that was cut off (aborted or in progress) with nothing given in any
 * take: no text, no recording. */
enum resume_decision resume_open(struct transcript *t, const char *weakest_id);

/* Where session t, after resume_open, goes on in a plan of n_items
 * questions with a budget of budget_s seconds: RESUME_NO_QUESTION,
 * RESUME_NO_TIME (the answers used all of it), or RESUME_GO with *at set. */
enum resume_decision resume_point(const struct transcript *t, size_t n_items, unsigned budget_s,
                                  struct resume_point *at);

#endif
