/* Tests of the progress figures: stats_compute over summaries made by hand,
 * whose every average, trend and rank is worked out in the comments, and
 * the sparkline characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/stats.h"

#include <stdio.h>
#include <string.h>

#define EPS 1e-9

/* A mark of the summaries below; the strings are only read. */
static struct transcript_mark mark(const char *question, const char *category, int rating,
                                   size_t n_terms, size_t n_found, unsigned limit_s,
                                   double elapsed_s)
{
    return (struct transcript_mark){.question_id = (char *)question,
                                    .category = (char *)category,
                                    .outcome = OUTCOME_ANSWERED,
                                    .rating = rating,
                                    .n_terms = n_terms,
                                    .n_found = n_found,
                                    .limit_s = limit_s,
                                    .elapsed_s = elapsed_s,
                                    .has_text = 1};
}

/* Two sessions, newest first:
 *   newest: a-one (alpha) rated 4, 1 of 2 terms, 50 s of 100
 *           b-one (beta)  rated 2, no terms,    100 s of 200
 *           own           no category, unrated, 30 s, no limit
 *   oldest: a-one (alpha) rated 2, 2 of 2 terms, 150 s of 100
 *           a-two (alpha) unrated, 1 of 4 terms, 30 s of 60 */
static void figures_of_two_sessions(void **state)
{
    (void)state;
    struct transcript_mark newest[] = {mark("a-one", "alpha", 4, 2, 1, 100, 50),
                                       mark("b-one", "beta", 2, 0, 0, 200, 100),
                                       mark("own", NULL, 0, 0, 0, 0, 30)};
    struct transcript_mark oldest[] = {mark("a-one", "alpha", 2, 2, 2, 100, 150),
                                       mark("a-two", "alpha", 0, 4, 1, 60, 30)};
    const struct transcript_summary ts[] = {{.marks = newest, .n_marks = 3},
                                            {.marks = oldest, .n_marks = 2}};
    struct stats st;
    assert_int_equal(stats_compute(&st, ts, 2), REH_OK);

    assert_int_equal(st.sessions, 2);
    assert_float_equal(st.seconds, 50 + 100 + 30 + 150 + 30, EPS);
    assert_int_equal(st.n_categories, 2); /* in the order first met; `own` has none */

    const struct stats_category *alpha = &st.categories[0];
    assert_string_equal(alpha->id, "alpha");
    assert_int_equal(alpha->answers, 3);
    assert_int_equal(alpha->rated, 2);
    assert_int_equal(alpha->covered, 3);
    assert_float_equal(alpha->rating, (4 + 2) / 2.0, EPS);
    assert_float_equal(alpha->coverage, (0.5 + 1.0 + 0.25) / 3, EPS);
    assert_float_equal(alpha->time_ratio, (0.5 + 1.5 + 0.5) / 3, EPS);
    assert_int_equal(alpha->n_trend, 2);
    assert_float_equal(alpha->trend[0], 2, EPS); /* the oldest session first */
    assert_float_equal(alpha->trend[1], 4, EPS);

    const struct stats_category *beta = &st.categories[1];
    assert_string_equal(beta->id, "beta");
    assert_int_equal(beta->answers, 1);
    assert_int_equal(beta->rated, 1);
    assert_int_equal(beta->covered, 0);
    assert_float_equal(beta->rating, 2, EPS);
    assert_float_equal(beta->coverage, 0, EPS);
    assert_float_equal(beta->time_ratio, 0.5, EPS);
    assert_int_equal(beta->n_trend, 2);
    assert_float_equal(beta->trend[0], 0, EPS); /* not asked in the oldest */
    assert_float_equal(beta->trend[1], 2, EPS);

    /* Rated before unrated, lower rating first, then lower coverage. */
    assert_int_equal(st.n_weakest, 4);
    assert_string_equal(st.weakest[0].id, "b-one");
    assert_float_equal(st.weakest[0].rating, 2, EPS);
    assert_string_equal(st.weakest[1].id, "a-one");
    assert_int_equal(st.weakest[1].answers, 2);
    assert_int_equal(st.weakest[1].rated, 2);
    assert_int_equal(st.weakest[1].covered, 2);
    assert_float_equal(st.weakest[1].rating, 3, EPS);
    assert_float_equal(st.weakest[1].coverage, 0.75, EPS);
    assert_string_equal(st.weakest[2].id, "own");
    assert_int_equal(st.weakest[2].rated, 0);
    assert_float_equal(st.weakest[2].coverage, 0, EPS);
    assert_string_equal(st.weakest[3].id, "a-two");
    assert_int_equal(st.weakest[3].covered, 1);
    assert_float_equal(st.weakest[3].coverage, 0.25, EPS);
    for (size_t i = 0; i < st.n_weakest; i++)
        assert_null(st.weakest[i].text);
    stats_free(&st);
    assert_int_equal(st.n_categories, 0);
    assert_null(st.categories);
}

/* Twelve sessions of one question each: the trend keeps the last ten, oldest
 * first, and six questions give five weakest. */
static void trend_and_weakest_are_bounded(void **state)
{
    (void)state;
    static const char *const ids[] = {"q0", "q1", "q2", "q3", "q4", "q5"};
    struct transcript_mark marks[12];
    struct transcript_summary ts[12];
    for (size_t s = 0; s < 12; s++) { /* session s is the s-th newest */
        marks[s] = mark(ids[s % 6], "alpha", (int)(s % 5) + 1, 0, 0, 60, 60);
        ts[s] = (struct transcript_summary){.marks = &marks[s], .n_marks = 1};
    }
    struct stats st;
    assert_int_equal(stats_compute(&st, ts, 12), REH_OK);
    assert_int_equal(st.sessions, 12);
    assert_float_equal(st.seconds, 12 * 60, EPS);
    assert_int_equal(st.n_categories, 1);
    assert_int_equal(st.categories[0].answers, 12);
    assert_float_equal(st.categories[0].time_ratio, 1, EPS);
    assert_int_equal(st.categories[0].n_trend, STATS_TREND);
    for (size_t k = 0; k < STATS_TREND; k++) /* session 9 down to session 0 */
        assert_float_equal(st.categories[0].trend[k], (double)((9 - k) % 5) + 1, EPS);
    /* q0: sessions 0 and 6 rated 1 and 2; q1: 2 and 3; q2: 3 and 4; q3: 4
     * and 5; q4: 5 and 1 (3.0); q5: 1 and 2 (1.5). */
    assert_int_equal(st.n_weakest, STATS_WEAKEST);
    static const char *const order[] = {"q0", "q5", "q1", "q4", "q2"};
    static const double ratings[] = {1.5, 1.5, 2.5, 3, 3.5};
    for (size_t i = 0; i < STATS_WEAKEST; i++) {
        if (i < 2) /* q0 and q5 tie: both 1.5, no coverage */
            assert_true(strcmp(st.weakest[i].id, "q0") == 0 || strcmp(st.weakest[i].id, "q5") == 0);
        else
            assert_string_equal(st.weakest[i].id, order[i]);
        assert_float_equal(st.weakest[i].rating, ratings[i], EPS);
    }
    stats_free(&st);
}

static void no_sessions(void **state)
{
    (void)state;
    struct stats st;
    assert_int_equal(stats_compute(&st, NULL, 0), REH_OK);
    assert_int_equal(st.sessions, 0);
    assert_float_equal(st.seconds, 0, EPS);
    assert_int_equal(st.n_categories, 0);
    assert_int_equal(st.n_weakest, 0);
    stats_free(&st);
}

static void sparkline(void **state)
{
    (void)state;
    assert_string_equal(stats_spark(0), "\u00b7");
    assert_string_equal(stats_spark(0.99), "\u00b7");
    assert_string_equal(stats_spark(1), "\u2581");
    assert_string_equal(stats_spark(2.4), "\u2582");
    assert_string_equal(stats_spark(2.5), "\u2583");
    assert_string_equal(stats_spark(4), "\u2585");
    assert_string_equal(stats_spark(5), "\u2587");
    assert_string_equal(stats_spark(7), "\u2587");
}

/* One session, with three aborted answers: one with nothing typed or
 * recorded, which is left out (its time, its category, its question), one
 * with text and one with a recording, which count.
 *   a-one (alpha) rated 4, 1 of 2 terms, 50 s of 100
 *   a-two (alpha) aborted, nothing said, 40 s of 100      left out
 *   empty (gamma) aborted, nothing said, 20 s of 60       left out
 *   b-one (beta)  aborted, typed text, 1 of 4 terms, 30 s of 60
 *   b-two (beta)  aborted, recorded, no text, 90 s of 60 */
static void aborted_without_a_word_is_left_out(void **state)
{
    (void)state;
    struct transcript_mark marks[] = {
        mark("a-one", "alpha", 0, 2, 1, 100, 50), mark("a-two", "alpha", 0, 2, 0, 100, 40),
        mark("empty", "gamma", 0, 0, 0, 60, 20),  mark("b-one", "beta", 0, 4, 1, 60, 30),
        mark("b-two", "beta", 0, 0, 0, 60, 90),
    };
    marks[0].rating = 4;
    for (size_t i = 1; i < 5; i++)
        marks[i].outcome = OUTCOME_ABORTED;
    marks[1].has_text = marks[2].has_text = 0;
    marks[4].has_text = 0;
    marks[4].said = 1;
    const struct transcript_summary ts[] = {{.marks = marks, .n_marks = 5}};
    struct stats st;
    assert_int_equal(stats_compute(&st, ts, 1), REH_OK);

    assert_int_equal(st.sessions, 1);
    assert_float_equal(st.seconds, 50 + 30 + 90, EPS);
    assert_int_equal(st.n_categories, 2); /* gamma had only the empty abort */
    const struct stats_category *alpha = &st.categories[0];
    assert_string_equal(alpha->id, "alpha");
    assert_int_equal(alpha->answers, 1);
    assert_int_equal(alpha->covered, 1);
    assert_float_equal(alpha->coverage, 0.5, EPS);
    assert_float_equal(alpha->time_ratio, 0.5, EPS);
    const struct stats_category *beta = &st.categories[1];
    assert_string_equal(beta->id, "beta");
    assert_int_equal(beta->answers, 2);
    assert_int_equal(beta->covered, 1);
    assert_float_equal(beta->coverage, 0.25, EPS);
    assert_float_equal(beta->time_ratio, (0.5 + 1.5) / 2, EPS);

    /* a-one (rated) first, then b-two (no coverage) before b-one (0.25). */
    assert_int_equal(st.n_weakest, 3);
    assert_string_equal(st.weakest[0].id, "a-one");
    assert_string_equal(st.weakest[1].id, "b-two");
    assert_string_equal(st.weakest[2].id, "b-one");
    stats_free(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures_of_two_sessions),
        cmocka_unit_test(trend_and_weakest_are_bounded),
        cmocka_unit_test(no_sessions),
        cmocka_unit_test(aborted_without_a_word_is_left_out),
        cmocka_unit_test(sparkline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
