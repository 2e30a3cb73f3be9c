/* Tests of where an interrupted session picks up (core/resume.h): which
 * sessions cannot be resumed, the answer cut off with nothing given that is
 * asked again, and the question and time left. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/plan.h"
#include "core/replay.h"
#include "core/resume.h"
#include "core/transcript.h"

#include <stdlib.h>
#include <string.h>

/* The scenario and plan of every test, loaded once; each test has its own
 * transcript of them. */
static struct bank bank;
static struct scenario sc;
static struct plan plan;

static int load_plan(void **state)
{
    struct diag err;
    (void)state;
    return bank_load(&bank, REHEARSE_TEST_DATA "/good/bank.yaml", &err) != REH_OK ||
                   scenario_load(&sc, REHEARSE_TEST_DATA "/good/scenario.yaml", &err) != REH_OK ||
                   scenario_resolve(&sc, &bank, &err) != REH_OK ||
                   plan_draw(&plan, &sc, &bank, 42, MODE_INHERIT, &err) != REH_OK
               ? -1
               : 0;
}

static int free_plan(void **state)
{
    (void)state;
    plan_free(&plan);
    scenario_free(&sc);
    bank_free(&bank);
    return 0;
}

static int setup(void **state)
{
    struct transcript *t = calloc(1, sizeof *t);
    if (t == NULL || transcript_init(t, "20261123-101500-test-scenario", &sc, &plan) != REH_OK)
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    transcript_free(*state);
    free(*state);
    return 0;
}

/* Answer n_answers + 1 with `outcome`, taking elapsed_s. */
static struct transcript_answer *answer(struct transcript *t, enum answer_outcome outcome,
                                        double elapsed_s)
{
    struct transcript_answer *a = transcript_begin_answer(t, &sc, &plan.items[t->n_answers]);
    assert_non_null(a);
    a->outcome = outcome;
    a->elapsed_s = elapsed_s;
    return a;
}

static void completed_is_not_resumed(void **state)
{
    struct transcript *t = *state;
    answer(t, OUTCOME_IN_PROGRESS, 0);
    t->status = SESSION_COMPLETED;
    assert_int_equal(resume_open(t, "weakest"), RESUME_COMPLETED);
    assert_int_equal(t->n_answers, 1); /* left as it was */
}

static void weakest_without_its_questions_is_not_resumed(void **state)
{
    struct transcript *t = *state;
    answer(t, OUTCOME_ABORTED, 0);
    assert_int_equal(transcript_set(&t->scenario_id, "weakest"), REH_OK);
    assert_int_equal(resume_open(t, "weakest"), RESUME_UNRECORDED);
    assert_int_equal(t->n_answers, 1);
    assert_int_equal(transcript_set(&t->based_on, "test-scenario"), REH_OK);
    assert_int_equal(resume_open(t, "weakest"), RESUME_GO);
    assert_int_equal(t->n_answers, 0);
}

/* Only a last answer cut off with nothing in any take is asked again. */
static void empty_tail_is_dropped(void **state)
{
    struct transcript *t = *state;
    answer(t, OUTCOME_ANSWERED, 30); /* empty, but answered: kept */
    answer(t, OUTCOME_IN_PROGRESS, 12);
    assert_int_equal(resume_open(t, "weakest"), RESUME_GO);
    assert_int_equal(t->n_answers, 1);
    assert_int_equal(resume_open(t, "weakest"), RESUME_GO);
    assert_int_equal(t->n_answers, 1);

    struct transcript_answer *a = answer(t, OUTCOME_ABORTED, 5);
    assert_int_equal(transcript_append_line(a, "half a thought"), REH_OK);
    assert_int_equal(resume_open(t, "weakest"), RESUME_GO);
    assert_int_equal(t->n_answers, 2);
}

static void empty_tail_with_a_take_or_a_recording_is_kept(void **state)
{
    struct transcript *t = *state;
    struct transcript_answer *a = answer(t, OUTCOME_ABORTED, 5);
    assert_int_equal(transcript_append_line(a, "first try"), REH_OK);
    assert_int_equal(transcript_new_take(a, 5), REH_OK);
    assert_int_equal(a->text_len, 0);
    assert_int_equal(resume_open(t, "weakest"), RESUME_GO);
    assert_int_equal(t->n_answers, 1);

    a = answer(t, OUTCOME_IN_PROGRESS, 3);
    assert_int_equal(transcript_set(&a->audio.file, "02-q.wav"), REH_OK);
    assert_int_equal(resume_open(t, "weakest"), RESUME_GO);
    assert_int_equal(t->n_answers, 2);
}

static void picks_up_with_the_time_left(void **state)
{
    struct transcript *t = *state;
    struct resume_point at = {99, 99};
    struct transcript_answer *a = answer(t, OUTCOME_ANSWERED, 100.5);
    a->think_s = 20; /* thinking counts against the budget too */
    answer(t, OUTCOME_SKIPPED, 0);
    assert_int_equal(resume_point(t, plan.n_items, 1200, &at), RESUME_GO);
    assert_int_equal(at.from, 2);
    assert_true(at.budget_s == 1200 - 120.5);
}

static void no_question_left(void **state)
{
    struct transcript *t = *state;
    struct resume_point at = {99, 99};
    while (t->n_answers < plan.n_items)
        answer(t, OUTCOME_ANSWERED, 1);
    assert_int_equal(resume_point(t, plan.n_items, 1200, &at), RESUME_NO_QUESTION);
    assert_int_equal(at.from, 99); /* untouched */
}

static void no_time_left(void **state)
{
    struct transcript *t = *state;
    struct resume_point at = {99, 99};
    answer(t, OUTCOME_TIMED_OUT, 600);
    assert_int_equal(resume_point(t, plan.n_items, 600, &at), RESUME_NO_TIME);
    assert_int_equal(resume_point(t, plan.n_items, 601, &at), RESUME_GO);
    assert_true(at.budget_s == 1);
}

/* Cut off in a follow-up (or after it): the question and its follow-up are
 * kept, and the session goes on with the next planned question; the
 * follow-up's time counts against the budget. */
static void cut_off_in_a_follow_up(void **state)
{
    struct transcript *t = *state;
    struct resume_point at = {99, 99};
    struct transcript_answer *a = answer(t, OUTCOME_ANSWERED, 100);
    struct transcript_answer *f =
        transcript_begin_follow_up(a, "And late data?", 60, FOLLOW_UPS_AUTHORED, NULL, 0);
    assert_non_null(f);
    f->outcome = OUTCOME_ABORTED;
    f->elapsed_s = 20;
    assert_int_equal(resume_open(t, "weakest"), RESUME_GO);
    assert_int_equal(t->n_answers, 1);
    assert_int_equal(t->answers[0].n_follow_ups, 1);
    assert_int_equal(resume_point(t, plan.n_items, 1200, &at), RESUME_GO);
    assert_int_equal(at.from, 1);
    assert_true(at.budget_s == 1200 - 120);
}

/* The questions a session resumes with carry the follow-ups it recorded. */
static void resumed_questions_keep_their_follow_ups(void **state)
{
    struct transcript *t = *state;
    struct scenario again;
    struct plan replayed;
    struct diag err;
    struct transcript_planned *p = &t->plan[1];
    char *terms[] = {strdup("late data"), strdup("watermark")};
    assert_non_null(p->follow_ups = calloc(1, sizeof *p->follow_ups));
    p->n_follow_ups = 1;
    p->follow_ups[0] = (struct transcript_planned_follow_up){
        .text = strdup("And late data?"), .limit_s = 45, .n_when_missing = 2};
    assert_non_null(p->follow_ups[0].when_missing = calloc(2, sizeof(char *)));
    memcpy(p->follow_ups[0].when_missing, terms, sizeof terms);
    assert_int_equal(replay_open(t, &again, &replayed, &err), REH_OK);
    const struct question *q = replayed.items[1].q;
    assert_int_equal(q->n_follow_ups, 1);
    assert_string_equal(q->follow_ups[0].text, "And late data?");
    assert_int_equal(q->follow_ups[0].limit_s, 45);
    assert_int_equal(q->follow_ups[0].n_when_missing, 2);
    assert_string_equal(q->follow_ups[0].when_missing[1], "watermark");
    assert_int_equal(replayed.items[0].q->n_follow_ups, 0);
    plan_free(&replayed);
    scenario_free(&again);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(completed_is_not_resumed, setup, teardown),
        cmocka_unit_test_setup_teardown(weakest_without_its_questions_is_not_resumed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(empty_tail_is_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_tail_with_a_take_or_a_recording_is_kept, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(picks_up_with_the_time_left, setup, teardown),
        cmocka_unit_test_setup_teardown(no_question_left, setup, teardown),
        cmocka_unit_test_setup_teardown(no_time_left, setup, teardown),
        cmocka_unit_test_setup_teardown(cut_off_in_a_follow_up, setup, teardown),
        cmocka_unit_test_setup_teardown(resumed_questions_keep_their_follow_ups, setup, teardown),
    };
    return cmocka_run_group_tests(tests, load_plan, free_plan);
}
