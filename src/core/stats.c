/* stats: linear passes over the answers; questions are ranked by average
 * rating, then by coverage, rated ones first. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

struct tally {
    char *id;
    size_t answers, rated, covered;
    double rating_sum, coverage_sum, time_sum;
};

/* The tally of `id` in list (growing it), or NULL when out of memory. */
static struct tally *find(struct tally **list, size_t *n, const char *id)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i].id, id) == 0)
            return &(*list)[i];
    struct tally *grown = realloc(*list, (*n + 1) * sizeof **list);
    if (grown == NULL)
        return NULL;
    *list = grown;
    struct tally *t = &grown[(*n)++];
    memset(t, 0, sizeof *t);
    t->id = strdup(id);
    return t->id != NULL ? t : NULL;
}

/* An answer aborted before anything was typed or recorded says nothing of
 * the question: it is left out of every figure. */
static int said_nothing(const struct transcript_mark *a)
{
    return a->outcome == OUTCOME_ABORTED && !a->has_text && !a->said;
}

static void add(struct tally *t, const struct transcript_mark *a)
{
    t->answers++;
    if (a->rating > 0) {
        t->rated++;
        t->rating_sum += a->rating;
    }
    if (a->n_terms > 0) {
        t->covered++;
        t->coverage_sum += (double)a->n_found / (double)a->n_terms;
    }
    if (a->limit_s > 0)
        t->time_sum += a->elapsed_s / a->limit_s;
}

static double mean(double sum, size_t n)
{
    return n ? sum / (double)n : 0;
}

/* The counts and averages of tally t; returns its id, which the caller owns
 * from now on. */
static char *settle(struct tally *t, size_t *answers, size_t *rated, size_t *covered,
                    double *rating, double *coverage)
{
    char *id = t->id;
    t->id = NULL;
    *answers = t->answers;
    *rated = t->rated;
    *covered = t->covered;
    *rating = mean(t->rating_sum, t->rated);
    *coverage = mean(t->coverage_sum, t->covered);
    return id;
}

/* Weaker first: rated before unrated, lower rating, then lower coverage. */
static int weaker(const void *x, const void *y)
{
    const struct tally *a = x, *b = y;
    if ((a->rated > 0) != (b->rated > 0))
        return a->rated > 0 ? -1 : 1;
    double ra = mean(a->rating_sum, a->rated), rb = mean(b->rating_sum, b->rated);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    double ca = mean(a->coverage_sum, a->covered), cb = mean(b->coverage_sum, b->covered);
    return (ca > cb) - (ca < cb);
}

/* The average rating of category `id` in one session, 0 when none. */
static double session_rating(const struct transcript_summary *t, const char *id)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < t->n_marks; i++) {
        const struct transcript_mark *a = &t->marks[i];
        if (a->rating > 0 && a->category != NULL && strcmp(a->category, id) == 0) {
            sum += a->rating;
            n++;
        }
    }
    return mean(sum, n);
}

int stats_compute(struct stats *st, const struct transcript_summary *ts, size_t n)
{
    struct tally *cats = NULL, *questions = NULL;
    size_t n_cats = 0, n_questions = 0;
    int rc = REH_OK;

    memset(st, 0, sizeof *st);
    st->sessions = n;
    for (size_t s = 0; s < n && rc == REH_OK; s++) {
        for (size_t i = 0; i < ts[s].n_marks; i++) {
            const struct transcript_mark *a = &ts[s].marks[i];
            if (said_nothing(a))
                continue;
            struct tally *q = find(&questions, &n_questions, a->question_id);
            struct tally *c = a->category ? find(&cats, &n_cats, a->category) : NULL;
            if (q == NULL || (a->category != NULL && c == NULL)) {
                rc = REH_ENOMEM;
                break;
            }
            st->seconds += a->elapsed_s;
            add(q, a);
            if (c != NULL)
                add(c, a);
        }
    }
    st->categories = calloc(n_cats ? n_cats : 1, sizeof *st->categories);
    if (rc != REH_OK || st->categories == NULL) {
        rc = REH_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n_cats; i++) {
        struct stats_category *c = &st->categories[i];
        c->id = settle(&cats[i], &c->answers, &c->rated, &c->covered, &c->rating, &c->coverage);
        c->time_ratio = mean(cats[i].time_sum, cats[i].answers);
        c->n_trend = n < STATS_TREND ? n : STATS_TREND;
        for (size_t k = 0; k < c->n_trend; k++) /* oldest first */
            c->trend[k] = session_rating(&ts[c->n_trend - 1 - k], c->id);
    }
    st->n_categories = n_cats;
    if (n_questions > 0) /* questions is NULL when there are none */
        qsort(questions, n_questions, sizeof *questions, weaker);
    for (size_t i = 0; i < n_questions && st->n_weakest < STATS_WEAKEST; i++) {
        struct stats_question *w = &st->weakest[st->n_weakest++];
        w->id =
            settle(&questions[i], &w->answers, &w->rated, &w->covered, &w->rating, &w->coverage);
    }
done:
    for (size_t i = 0; i < n_cats; i++)
        free(cats[i].id);
    for (size_t i = 0; i < n_questions; i++)
        free(questions[i].id);
    free(cats);
    free(questions);
    return rc;
}

void stats_free(struct stats *st)
{
    for (size_t i = 0; i < st->n_categories; i++)
        free(st->categories[i].id);
    free(st->categories);
    for (size_t i = 0; i < st->n_weakest; i++) {
        free(st->weakest[i].id);
        free(st->weakest[i].text);
    }
    memset(st, 0, sizeof *st);
}

const char *stats_spark(double rating)
{
    static const char *const bars[] = {"\u2581", "\u2582", "\u2583", "\u2585", "\u2587"};
    if (rating < 1)
        return "\u00b7";
    int i = (int)(rating + 0.5) - 1;
    return bars[i > 4 ? 4 : i];
}
