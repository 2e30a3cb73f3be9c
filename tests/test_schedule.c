/* Tests of the spaced-repetition schedule: SM-2 steps, grades of answers,
 * loading items, and the choice of a session's questions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/diag.h"
#include "core/schedule.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EPS 1e-9

/* One review and the state it leads to. */
struct step {
    int day, grade;
    double ease;
    int reps, interval, due;
};

static void run_steps(const char *id, const struct step *steps, size_t n)
{
    struct schedule s;
    schedule_init(&s);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(schedule_review(&s, id, steps[i].day, steps[i].grade, 0), REH_OK);
        const struct schedule_item *it = schedule_find(&s, id);
        assert_non_null(it);
        if (fabs(it->ease - steps[i].ease) > EPS || it->reps != steps[i].reps ||
            it->interval_days != steps[i].interval || it->due_day != steps[i].due)
            fail_msg("step %zu: ease %.2f reps %d interval %d due %d; expected %.2f %d %d %d", i,
                     it->ease, it->reps, it->interval_days, it->due_day, steps[i].ease,
                     steps[i].reps, steps[i].interval, steps[i].due);
        assert_int_equal(it->last_day, steps[i].day);
        assert_int_equal(it->last_grade, steps[i].grade);
        assert_int_equal(it->first_day, steps[0].day);
        assert_int_equal(it->reviews, (int)i + 1);
    }
    assert_int_equal(s.n, 1);
    schedule_free(&s);
}

static void perfect_grades_lengthen_intervals(void **state)
{
    (void)state;
    static const struct step steps[] = {
        {100, 5, 2.6, 1, 1, 101},   {101, 5, 2.7, 2, 6, 107},
        {107, 5, 2.8, 3, 17, 124},  /* 6 * 2.8 = 16.8 */
        {124, 5, 2.9, 4, 49, 173},  /* 17 * 2.9 = 49.3 */
        {173, 5, 3.0, 5, 147, 320}, /* 49 * 3.0 */
    };
    run_steps("q", steps, sizeof steps / sizeof steps[0]);
}

static void poor_grades_restart(void **state)
{
    (void)state;
    static const struct step steps[] = {
        {0, 4, 2.5, 1, 1, 1},     {1, 3, 2.36, 2, 6, 7},
        {7, 4, 2.36, 3, 14, 21}, /* 6 * 2.36 = 14.16 */
        {21, 2, 2.04, 0, 1, 22}, /* restart, ease - 0.32 */
        {22, 5, 2.14, 1, 1, 23},  {23, 5, 2.24, 2, 6, 29},
        {29, 3, 2.10, 3, 13, 42},                         /* 6 * 2.10 = 12.6 */
        {42, 1, 1.56, 0, 1, 43},                          /* ease - 0.54 */
        {43, 0, 1.3, 0, 1, 44},                           /* 1.56 - 0.8, held at 1.3 */
        {44, 3, 1.3, 1, 1, 45},                           /* 1.3 - 0.14, held */
        {45, 4, 1.3, 2, 6, 51},   {51, 4, 1.3, 3, 8, 59}, /* 6 * 1.3 = 7.8 */
        {59, 5, 1.4, 4, 11, 70},                          /* 8 * 1.4 = 11.2 */
    };
    run_steps("q", steps, sizeof steps / sizeof steps[0]);
}

static void ease_never_below_minimum(void **state)
{
    (void)state;
    struct schedule s;
    schedule_init(&s);
    for (int day = 0; day < 30; day++)
        assert_int_equal(schedule_review(&s, "q", day, 0, 0), REH_OK);
    const struct schedule_item *it = schedule_find(&s, "q");
    assert_true(fabs(it->ease - SCHEDULE_EASE_MIN) < EPS);
    assert_int_equal(it->reps, 0);
    assert_int_equal(it->interval_days, 1);
    assert_int_equal(it->due_day, 30);
    assert_int_equal(it->reviews, 30);
    schedule_free(&s);
}

/* Reviews on one day all count, and intervals stop at the maximum. */
static void same_day_reviews_count(void **state)
{
    (void)state;
    struct schedule s;
    schedule_init(&s);
    for (int i = 0; i < 3; i++)
        assert_int_equal(schedule_review(&s, "q", 10, 5, 0), REH_OK);
    const struct schedule_item *it = schedule_find(&s, "q");
    assert_int_equal(it->reps, 3);
    assert_int_equal(it->interval_days, 17);
    assert_int_equal(it->due_day, 27);
    assert_int_equal(it->reviews, 3);
    for (int i = 0; i < 40; i++)
        assert_int_equal(schedule_review(&s, "q", 10, 5, 0), REH_OK);
    it = schedule_find(&s, "q");
    assert_int_equal(it->interval_days, SCHEDULE_MAX_INTERVAL);
    assert_int_equal(it->due_day, 10 + SCHEDULE_MAX_INTERVAL);
    assert_true(fabs(it->ease - 6.8) < EPS);
    schedule_free(&s);
}

/* Ease in hundredths: the products land exactly on halves, which round up. */
static void halves_round_up(void **state)
{
    (void)state;
    static const struct {
        int reps, interval;
        double ease;
        int grade;
        double ease_after;
        int interval_after;
    } cases[] = {
        {3, 45, 2.8, 5, 2.9, 131},   /* 45 * 2.9 = 130.5 */
        {2, 6, 2.15, 5, 2.25, 14},   /* 6 * 2.25 = 13.5 */
        {4, 10, 2.5, 4, 2.5, 25},    /* ease unchanged by a 4 */
        {5, 50, 2.0, 3, 1.86, 93},   /* 50 * 1.86 */
        {5, 50, 1.4, 3, 1.3, 65},    /* 1.26 held at 1.3 */
        {3, 20, 2.537, 5, 2.64, 53}, /* a loaded ease is taken to hundredths */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct schedule s;
        schedule_init(&s);
        struct schedule_item item = {.id = "q",
                                     .ease = cases[i].ease,
                                     .reps = cases[i].reps,
                                     .interval_days = cases[i].interval,
                                     .due_day = 200,
                                     .last_day = 200 - cases[i].interval,
                                     .first_day = 1,
                                     .last_grade = 4,
                                     .reviews = cases[i].reps};
        assert_int_equal(schedule_set(&s, &item), REH_OK);
        assert_int_equal(schedule_review(&s, "q", 200, cases[i].grade, 0), REH_OK);
        const struct schedule_item *it = schedule_find(&s, "q");
        if (fabs(it->ease - cases[i].ease_after) > EPS ||
            it->interval_days != cases[i].interval_after)
            fail_msg("case %zu: ease %.4f interval %d", i, it->ease, it->interval_days);
        assert_int_equal(it->due_day, 200 + cases[i].interval_after);
        assert_int_equal(it->reps, cases[i].reps + 1);
        assert_int_equal(it->reviews, cases[i].reps + 1);
        assert_int_equal(it->first_day, 1);
        schedule_free(&s);
    }
}

static void rejects_grades_out_of_range(void **state)
{
    (void)state;
    struct schedule s;
    schedule_init(&s);
    assert_int_equal(schedule_review(&s, "q", 1, 6, 0), REH_EDATA);
    assert_int_equal(schedule_review(&s, "q", 1, -1, 0), REH_EDATA);
    assert_int_equal(s.n, 0);
    assert_null(schedule_find(&s, "q"));
    assert_int_equal(schedule_review(&s, "q", 1, 4, 0), REH_OK);
    assert_int_equal(schedule_review(&s, "q", 2, 6, 0), REH_EDATA);
    const struct schedule_item *it = schedule_find(&s, "q");
    assert_int_equal(it->reviews, 1);
    assert_int_equal(it->last_day, 1);
    schedule_free(&s);
}

static void grades_answers(void **state)
{
    (void)state;
    static const struct {
        int rating, has_coverage;
        double fraction;
        int answered, grade;
    } cases[] = {
        {4, 1, 0.0, 1, 4}, /* the rating wins over coverage */
        {1, 1, 1.0, 1, 1},     {5, 0, 0.0, 0, 5}, {0, 1, 1.0, 1, 5}, {0, 1, 0.75, 1, 4}, /* 3.75 */
        {0, 1, 0.5, 1, 3},                                           /* 2.5 rounds up */
        {0, 1, 2.0 / 3, 1, 3},                                       /* 3.33 */
        {0, 1, 1.0 / 3, 1, 2},                                       /* 1.67 */
        {0, 1, 0.25, 1, 1},                                          /* 1.25 */
        {0, 1, 0.1, 1, 1},                                           /* 0.5 rounds up */
        {0, 1, 0.0, 1, 0},                                           /* answered, no term named */
        {0, 1, 0.0, 0, 0},     {0, 1, 1.5, 1, 5},                    /* clamped */
        {0, 1, -0.2, 1, 0},    {0, 1, NAN, 1, 0}, {0, 0, 0.0, 1, 3}, /* no key terms: answered */
        {0, 0, 0.0, 0, 0}, /* skipped or timed out empty */
        {6, 0, 0.0, 1, 3}, /* not a rating */
        {-1, 0, 0.0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int g = schedule_grade(cases[i].rating, cases[i].has_coverage, cases[i].fraction,
                               cases[i].answered);
        if (g != cases[i].grade)
            fail_msg("case %zu: grade %d, expected %d", i, g, cases[i].grade);
    }
}

static void sets_items_in_id_order(void **state)
{
    (void)state;
    static const char *const order[] = {"a", "c", "m", "x"};
    struct schedule s;
    char id[8];
    schedule_init(&s);
    static const char *const ids[] = {"m", "c", "x", "a"};
    for (size_t i = 0; i < 4; i++) {
        strcpy(id, ids[i]); /* the schedule keeps its own copy */
        struct schedule_item item = {.id = id, .ease = 2.0 + (double)i, .due_day = (int)i};
        assert_int_equal(schedule_set(&s, &item), REH_OK);
    }
    strcpy(id, "zz");
    assert_int_equal(s.n, 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(s.items[i].id, order[i]);
    assert_true(schedule_find(&s, "x")->ease == 4.0);
    assert_null(schedule_find(&s, "zz"));
    assert_null(schedule_find(&s, "b"));

    const char *kept = schedule_find(&s, "c")->id;
    struct schedule_item item = {.id = "c",
                                 .ease = 1.5,
                                 .reps = 2,
                                 .interval_days = 6,
                                 .due_day = 56,
                                 .last_day = 50,
                                 .first_day = 40,
                                 .last_grade = 3,
                                 .reviews = 7};
    assert_int_equal(schedule_set(&s, &item), REH_OK);
    assert_int_equal(s.n, 4);
    const struct schedule_item *it = schedule_find(&s, "c");
    assert_ptr_equal(it->id, kept);
    assert_true(it->ease == 1.5);
    assert_int_equal(it->reps, 2);
    assert_int_equal(it->interval_days, 6);
    assert_int_equal(it->due_day, 56);
    assert_int_equal(it->last_day, 50);
    assert_int_equal(it->first_day, 40);
    assert_int_equal(it->last_grade, 3);
    assert_int_equal(it->reviews, 7);

    /* reviews go on from the loaded state; new ids fall into order */
    assert_int_equal(schedule_review(&s, "c", 56, 5, 0), REH_OK);
    it = schedule_find(&s, "c");
    assert_int_equal(it->reps, 3);
    assert_int_equal(it->interval_days, 10); /* 6 * 1.6 = 9.6 */
    assert_int_equal(it->reviews, 8);
    assert_int_equal(it->first_day, 40);
    assert_int_equal(schedule_review(&s, "b", 56, 4, 0), REH_OK);
    assert_int_equal(s.n, 5);
    assert_string_equal(s.items[1].id, "b");
    assert_string_equal(s.items[2].id, "c");
    schedule_free(&s);
    assert_int_equal(s.n, 0);
    assert_null(s.items);
}

static void set_known(struct schedule *s, const char *id, double ease, int last_grade, int due_day)
{
    struct schedule_item item = {.id = (char *)id,
                                 .ease = ease,
                                 .reps = 2,
                                 .interval_days = 6,
                                 .due_day = due_day,
                                 .last_day = due_day - 6,
                                 .first_day = 500,
                                 .last_grade = last_grade,
                                 .reviews = 2};
    assert_int_equal(schedule_set(s, &item), REH_OK);
}

/* Checks out[0..n) against "reason:id" strings, and that each id is the
 * bank's own pointer. */
static void expect_picks(const struct schedule_pick *out, size_t n_out, const char *const *bank_ids,
                         size_t n_bank, const char *const *expected, size_t n)
{
    assert_int_equal(n_out, n);
    for (size_t i = 0; i < n; i++) {
        char got[64];
        snprintf(got, sizeof got, "%s:%s", schedule_reason_name(out[i].reason), out[i].id);
        if (strcmp(got, expected[i]) != 0)
            fail_msg("pick %zu: %s, expected %s", i, got, expected[i]);
        size_t j = 0;
        while (j < n_bank && bank_ids[j] != out[i].id)
            j++;
        assert_true(j < n_bank);
    }
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void picks_due_then_new_then_ahead(void **state)
{
    (void)state;
    static const char *const bank[] = {"d1", "a1", "d5", "new1", "d3",  "a3",
                                       "a2", "d4", "d2", "a4",   "new2"};
    struct schedule s;
    struct schedule_pick out[20];
    size_t n_out;
    schedule_init(&s);
    set_known(&s, "d1", 2.0, 3, 999);
    set_known(&s, "d2", 1.5, 4, 1000);
    set_known(&s, "d3", 2.0, 2, 1000);
    set_known(&s, "d4", 2.0, 3, 990);
    set_known(&s, "d5", 2.0, 3, 990);
    set_known(&s, "a1", 2.5, 4, 1001);
    set_known(&s, "a2", 1.8, 4, 1001);
    set_known(&s, "a3", 1.3, 1, 1005);
    set_known(&s, "a4", 1.8, 3, 1001);
    set_known(&s, "gone", 1.3, 0, 900); /* no longer in the bank */
    set_known(&s, "gone2", 1.3, 0, 1001);

    static const char *const four[] = {"due:d2", "due:d3", "due:d4", "due:d5"};
    assert_int_equal(schedule_pick(&s, bank, COUNT(bank), 1000, 4, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, COUNT(bank), four, COUNT(four));

    static const char *const all[] = {"due:d2",   "due:d3",   "due:d4",   "due:d5",
                                      "due:d1",   "new:new2", "new:new1", "ahead:a2",
                                      "ahead:a4", "ahead:a1", "ahead:a3"};
    assert_int_equal(schedule_pick(&s, bank, COUNT(bank), 1000, 20, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, COUNT(bank), all, COUNT(all));

    static const char *const seven[] = {"due:d2", "due:d3",   "due:d4",  "due:d5",
                                        "due:d1", "new:new2", "new:new1"};
    assert_int_equal(schedule_pick(&s, bank, COUNT(bank), 1000, 7, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, COUNT(bank), seven, COUNT(seven));

    /* only one new question fits */
    assert_int_equal(schedule_pick(&s, bank, COUNT(bank), 1000, 6, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, COUNT(bank), seven, 6);

    assert_int_equal(schedule_pick(&s, bank, COUNT(bank), 1000, 0, 7, out, &n_out), REH_OK);
    assert_int_equal(n_out, 0);
    assert_int_equal(schedule_pick(&s, bank, 0, 1000, 5, 7, out, &n_out), REH_OK);
    assert_int_equal(n_out, 0);
    schedule_free(&s);
}

static void paces_new_questions(void **state)
{
    (void)state;
    static const char *const bank[] = {"n1", "n2", "n3", "n4", "n5", "n6"};
    const int today = 20000;
    struct schedule s;
    struct schedule_pick out[10];
    size_t n_out;
    schedule_init(&s);

    static const char *const first[] = {"new:n4", "new:n6", "new:n5"};
    assert_int_equal(schedule_pick(&s, bank, 6, today, 10, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, 6, first, COUNT(first));

    /* one started today: two more new ones */
    assert_int_equal(schedule_review(&s, "n4", today, 4, 0), REH_OK);
    static const char *const second[] = {"new:n3", "new:n2", "ahead:n4"};
    assert_int_equal(schedule_pick(&s, bank, 6, today, 10, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, 6, second, COUNT(second));

    /* three started today: none */
    assert_int_equal(schedule_review(&s, "n3", today, 4, 0), REH_OK);
    assert_int_equal(schedule_review(&s, "n2", today, 4, 0), REH_OK);
    static const char *const third[] = {"ahead:n2", "ahead:n3", "ahead:n4"};
    assert_int_equal(schedule_pick(&s, bank, 6, today, 10, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, 6, third, COUNT(third));

    /* the next day: the three due, and three new */
    static const char *const next[] = {"due:n2", "due:n3", "due:n4", "new:n1", "new:n5", "new:n6"};
    assert_int_equal(schedule_pick(&s, bank, 6, today + 1, 10, 7, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, 6, next, COUNT(next));
    schedule_free(&s);
}

static void same_seed_same_picks(void **state)
{
    (void)state;
    static const char *const bank[] = {"n1", "n2", "n3", "n4", "n5", "n6"};
    static const char *const seed1[] = {"new:n6", "new:n1", "new:n5"};
    static const char *const seed2[] = {"new:n5", "new:n3", "new:n6"};
    struct schedule s;
    struct schedule_pick out[3];
    size_t n_out;
    schedule_init(&s);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(schedule_pick(&s, bank, 6, 100, 3, 1, out, &n_out), REH_OK);
        expect_picks(out, n_out, bank, 6, seed1, COUNT(seed1));
    }
    assert_int_equal(schedule_pick(&s, bank, 6, 100, 3, 2, out, &n_out), REH_OK);
    expect_picks(out, n_out, bank, 6, seed2, COUNT(seed2));
    schedule_free(&s);
}

static void names_reasons(void **state)
{
    (void)state;
    assert_string_equal(schedule_reason_name(SCHEDULE_DUE), "due");
    assert_string_equal(schedule_reason_name(SCHEDULE_NEW), "new");
    assert_string_equal(schedule_reason_name(SCHEDULE_AHEAD), "ahead");
}

static void dates_convert_both_ways(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(schedule_day("1970-01-01"), 0);
    assert_int_equal(schedule_day("2026-11-25"), 20782);
    assert_int_equal(schedule_day("20261125-101500-quick-15"), 20782);
    assert_int_equal(schedule_day("2026-11-25T10:15:00+01:00"), 20782);
    assert_int_equal(schedule_day("2000-02-29"), 11016);
    assert_int_equal(schedule_day("2026-02-29"), -1);
    assert_int_equal(schedule_day("1900-03-01"), -1);
    assert_int_equal(schedule_day("2026-13-01"), -1);
    assert_int_equal(schedule_day("2026-11-31"), -1);
    assert_int_equal(schedule_day("2026-1-5"), -1);
    assert_int_equal(schedule_day(""), -1);
    assert_string_equal(schedule_date(20782, out), "2026-11-25");
    assert_string_equal(schedule_date(11016, out), "2000-02-29");
    for (int day = 0; day < 40000; day++)
        assert_int_equal(schedule_day(schedule_date(day, out)), day);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(perfect_grades_lengthen_intervals),
        cmocka_unit_test(poor_grades_restart),
        cmocka_unit_test(ease_never_below_minimum),
        cmocka_unit_test(same_day_reviews_count),
        cmocka_unit_test(halves_round_up),
        cmocka_unit_test(rejects_grades_out_of_range),
        cmocka_unit_test(grades_answers),
        cmocka_unit_test(sets_items_in_id_order),
        cmocka_unit_test(picks_due_then_new_then_ahead),
        cmocka_unit_test(paces_new_questions),
        cmocka_unit_test(same_seed_same_picks),
        cmocka_unit_test(names_reasons),
        cmocka_unit_test(dates_convert_both_ways),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
