/* schedule: spaced repetition of a bank's questions, a variant of SM-2, and
 * the choice of the questions for a practice session. Pure logic: days are
 * whole days since 1970-01-01, converted by the caller.
 *
 * Each question reviewed so far has an item: its ease (2.5 at first, never
 * below 1.3), the number of successful reviews in a row (reps), the interval
 * to its next review and the day it falls due, the days of its first and
 * last reviews, the last grade and the count of reviews.
 *
 * A review grades an answer from 0 (nothing) to 5 (perfect); with d = 5 -
 * grade, the ease moves by 0.1 - d * (0.08 + d * 0.02), at least to 1.3.
 * A grade below 3 restarts the question: reps 0, interval 1 day. A grade of
 * 3 or more adds a rep: the interval is 1 day after the first, 6 after the
 * second, then the previous interval times the new ease, rounded (halves
 * up), at most SCHEDULE_MAX_INTERVAL. The question falls due on the review
 * day plus the interval. Reviews are applied in chronological order (the
 * caller sorts them); several on one day all count.
 *
 * The ease is kept in hundredths, the unit of SM-2's steps, and intervals are
 * computed in integers, so that a schedule is the same on every machine. */
#ifndef REHEARSE_SCHEDULE_H
#define REHEARSE_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#define SCHEDULE_EASE_START   2.5
#define SCHEDULE_EASE_MIN     1.3
#define SCHEDULE_MAX_INTERVAL 36500 /* days: a hundred years */
#define SCHEDULE_NEW_PER_DAY  3     /* new questions started a day */

struct schedule_item {
    char *id; /* owned by the schedule */
    double ease;
    int reps;          /* successful reviews in a row */
    int interval_days; /* from the last review to the next */
    int due_day;
    int last_day;    /* day of the last review */
    int first_day;   /* day of the first review */
    int last_grade;  /* 0 to 5 */
    int provisional; /* the last grade was not a rating: measured from the answer */
    int reviews;     /* count of reviews */
};

/* The items, sorted by id (strcmp); a zeroed struct is an empty schedule. */
struct schedule {
    struct schedule_item *items;
    size_t n, cap;
};

enum schedule_reason {
    SCHEDULE_DUE,   /* known and due today or earlier */
    SCHEDULE_NEW,   /* never reviewed */
    SCHEDULE_AHEAD, /* known, due later: practised ahead of time */
};

struct schedule_pick {
    const char *id; /* borrowed from the caller's bank_ids */
    enum schedule_reason reason;
};

void schedule_init(struct schedule *s);

/* Releases the items and leaves an empty schedule. */
void schedule_free(struct schedule *s);

/* Applies a review of `id` with `grade` (0 to 5) on `day`, creating the item
 * (first_day = day) on the first review; `provisional` when the grade is not
 * a rating (schedule_grade measured it from the answer). Returns REH_OK,
 * REH_EDATA for a grade outside 0..5 or REH_ENOMEM; on failure the schedule
 * is unchanged. */
int schedule_review(struct schedule *s, const char *id, int day, int grade, int provisional);

/* The item of `id`, NULL when it was never reviewed. The pointer is valid
 * until the schedule next changes. */
const struct schedule_item *schedule_find(const struct schedule *s, const char *id);

/* Inserts a copy of *item, or replaces the item of the same id with it (the
 * schedule keeps its own copy of the id): for loading a saved schedule, whose
 * reader checks the values. Returns REH_OK or REH_ENOMEM (schedule unchanged). */
int schedule_set(struct schedule *s, const struct schedule_item *item);

/* The grade of an answer: the self-rating when one (1 to 5) was given; else,
 * when the question has key terms, the fraction of them covered times 5,
 * rounded; else 3 for an answer with text and 0 for none (skipped, or timed
 * out empty). */
int schedule_grade(int rating, int has_coverage, double coverage_fraction, int answered);

/* Chooses up to n_wanted of the n_bank distinct question ids for a session on
 * `today` and stores them in out (room for n_wanted), their count in *n_out:
 *   1. the due questions, weakest first: lower ease, then lower last grade,
 *      then earlier due day, then id;
 *   2. new questions, at most SCHEDULE_NEW_PER_DAY less those of the schedule
 *      first reviewed today, drawn from the bank order by a Fisher-Yates
 *      shuffle seeded with `seed`;
 *   3. questions due later, soonest first, then lower ease, then id.
 * Items whose id is not in bank_ids are never chosen. The same arguments give
 * the same picks. Returns REH_OK or REH_ENOMEM (then *n_out is 0). */
int schedule_pick(const struct schedule *s, const char *const *bank_ids, size_t n_bank, int today,
                  size_t n_wanted, uint64_t seed, struct schedule_pick *out, size_t *n_out);

/* The day number of a date written "YYYY-MM-DD" or "YYYYMMDD" (what
 * follows is ignored: a session id or an ISO 8601 time may be given), or -1
 * when it is not a valid date from 1970 to 9999. */
int schedule_day(const char *date);

/* Writes the day as "YYYY-MM-DD" into out and returns out. */
char *schedule_date(int day, char out[11]);

/* "due", "new" or "ahead": the name of one of the reasons above. */
const char *schedule_reason_name(enum schedule_reason reason);

#endif
