/* stats: progress across sessions: time practised, per category the average
 * rating, key-term coverage and time used against the limits, the trend of
 * ratings over the last sessions, and the weakest questions. */
#ifndef REHEARSE_STATS_H
#define REHEARSE_STATS_H

#include "transcript.h"

#include <stddef.h>

#define STATS_TREND   10 /* sessions in a trend */
#define STATS_WEAKEST 5

struct stats_category {
    char *id;
    size_t answers;
    size_t rated, covered;
    double rating;             /* average of the rated answers; 0 when none */
    double coverage;           /* average key-term fraction; 0 when none */
    double time_ratio;         /* average elapsed / limit */
    double trend[STATS_TREND]; /* average rating per session, oldest first; 0: none */
    size_t n_trend;
};

struct stats_question {
    char *id;
    char *text; /* NULL from stats_compute: the caller names the question */
    size_t answers, rated, covered;
    double rating, coverage;
};

struct stats {
    size_t sessions;
    double seconds; /* answering time, all sessions */
    struct stats_category *categories;
    size_t n_categories;
    struct stats_question weakest[STATS_WEAKEST];
    size_t n_weakest;
};

/* Computes the figures of the summaries of n sessions given newest first.
 * The weakest questions get no text (the summaries do not hold it): the
 * caller may set it, a string stats_free releases. Returns REH_OK or REH_ENOMEM; release with
 * stats_free either way. */
int stats_compute(struct stats *st, const struct transcript_summary *ts, size_t n);

void stats_free(struct stats *st);

/* The sparkline character (UTF-8) of a rating from 1 to 5, or a middle dot
 * for 0 (no rating). */
const char *stats_spark(double rating);

#endif
