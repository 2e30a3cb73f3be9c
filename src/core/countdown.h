/* countdown: the arithmetic of an answer's clock, apart from the engine's
 * events. An answer's deadline is absolute (start + limit + pauses, or the
 * budget's end when it has no limit), so late wake-ups never add up; the
 * clock shown is frozen while paused; warnings fall due a number of seconds
 * before a deadline, each once. All times are monotonic seconds. */
#ifndef REHEARSE_COUNTDOWN_H
#define REHEARSE_COUNTDOWN_H

#include <stddef.h>

struct countdown {
    double start;        /* the answer clock started */
    unsigned limit_s;    /* 0: no limit */
    double paused_total; /* pauses so far */
    double pause_start;  /* while paused */
    int paused;
    int in_budget; /* the answer ends with the budget at the latest */
};

/* The end of the answer: start + limit + pauses, or `budget_end` when it
 * has no limit or that comes first for an answer in_budget. */
double countdown_deadline(const struct countdown *c, double budget_end);

/* The clock as the user sees it: t, or the start of the pause under way. */
double countdown_frozen(const struct countdown *c, double t);

/* The answering time used at t (pauses left out, never negative). */
double countdown_elapsed(const struct countdown *c, double t);

void countdown_pause(struct countdown *c, double t);

/* Ends the pause under way and returns its length, now counted in
 * paused_total. */
double countdown_resume(struct countdown *c, double t);

double countdown_earliest(double a, double b);

/* The next tick after t of a clock ticking every `period` from `next`:
 * whole periods, skipping those that were missed. */
double countdown_next_tick(double next, double period, double t);

/* Warnings `warnings_s[0..n)` fall due that many seconds before `deadline`,
 * those under `span_s` only (a warning as long as the question's limit, or
 * the whole budget, would come at its start); bit i of *given is set once
 * warning i was given. Whether one falls due at t that was not given yet:
 * the first such is marked given and its index written to *which. */
int countdown_due(const unsigned *warnings_s, size_t n, double span_s, double deadline, double t,
                  unsigned *given, size_t *which);

/* The earliest of `next` and the moments the warnings not yet given fall
 * due. */
double countdown_next_warning(const unsigned *warnings_s, size_t n, double span_s, double deadline,
                              unsigned given, double next);

#endif
