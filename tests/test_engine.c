/* Tests of the engine, the interview state machine, with a fake clock,
 * scripted input and a view that logs what it is asked to show: whole
 * interviews in microseconds, with exact deadlines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/engine.h"
#include "core/follow_up.h"
#include "io/answer_recorder.h"
#include "scratch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#define DATA REHEARSE_TEST_DATA

struct step {
    double at;
    enum input_kind kind;
    const char *line; /* for INPUT_CONTINUE, the seconds stood still */
};

struct fake {
    double now;
    const struct step *steps;
    size_t n_steps, next;
    char log[8192];
    size_t log_len;
    unsigned ticks;
    struct engine_tick last_tick;
    unsigned saves;
    unsigned fail_save_at; /* 0: never */
    int fail_with;         /* REH_EIO when 0 */
    const char *partial;   /* the line being typed */
    char saved_text[256];  /* the first answer's text at the first autosave */
    char saved_note[256];  /* and its typed note */
    double reading_s;      /* how long the fake voice reads a question */
    double read_until;     /* when the reading under way ends */
    char read_text[128];   /* what was read last */
    double writing_s;      /* how long the fake interviewer takes */
    const char *written;   /* what it writes; NULL: it fails */
    struct bank bank;
    struct scenario sc;
    struct plan plan;
    struct transcript t;
    struct engine eng;
};

static void logf_(struct fake *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct fake *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    f->log_len += (size_t)vsnprintf(f->log + f->log_len, sizeof f->log - f->log_len, fmt, ap);
    va_end(ap);
}

static double fake_now(void *ctx)
{
    return ((struct fake *)ctx)->now;
}

static void fake_wall(void *ctx, char out[ENGINE_TIME_STRING])
{
    snprintf(out, ENGINE_TIME_STRING, "T+%.1f", ((struct fake *)ctx)->now);
}

/* The next scripted input if it comes before the deadline, else a timeout
 * exactly at the deadline: time only moves forward. A continue comes
 * whatever the deadline: the process stood still until then. */
static void fake_wait(void *ctx, double deadline, struct input_event *ev)
{
    struct fake *f = ctx;
    assert_true(deadline >= f->now);
    if (f->next < f->n_steps &&
        (f->steps[f->next].at <= deadline || f->steps[f->next].kind == INPUT_CONTINUE)) {
        const struct step *st = &f->steps[f->next++];
        if (st->at > f->now)
            f->now = st->at;
        ev->kind = st->kind;
        ev->line = st->line;
        ev->stopped_s = st->kind == INPUT_CONTINUE ? atof(st->line) : 0;
        return;
    }
    if (isinf(deadline)) {
        ev->kind = INPUT_END;
        return;
    }
    f->now = deadline;
    ev->kind = INPUT_TIMEOUT;
}

/* The script's "partial" steps set the text typed but not entered. */
static const char *fake_partial(void *ctx, int take)
{
    struct fake *f = ctx;
    const char *p = f->partial;
    if (take)
        f->partial = NULL;
    return p;
}

static void view_intro(void *ctx, const struct engine *eng)
{
    (void)eng;
    logf_(ctx, "intro;");
}

static void view_question(void *ctx, const struct engine *eng, int repeat)
{
    struct fake *f = ctx;
    if (eng->follow_up != NULL)
        logf_(f, "%s %zu.%u of %u @%g;", repeat ? "repeat" : "follow-up", eng->index + 1,
              eng->follow_up->follow_up, eng->follow_ups_most, f->now);
    else
        logf_(f, "%s %zu @%g;", repeat ? "repeat" : "question", eng->index + 1, f->now);
}

static void view_tick(void *ctx, const struct engine *eng, const struct engine_tick *tick)
{
    struct fake *f = ctx;
    (void)eng;
    f->ticks++;
    f->last_tick = *tick;
    if (tick->asked)
        logf_(f, "time %g/%g;", tick->remaining_s, tick->budget_left_s);
}

static void view_notice(void *ctx, const struct engine *eng, enum engine_notice n, double value,
                        const char *text)
{
    static const char *const names[] = {
        "warning",       "time-up",      "next-soon",   "overtime",        "budget",
        "budget-over",   "paused",       "resumed",     "still-paused",    "unknown",
        "help",          "spoken-typed", "save-failed", "recording",       "think",
        "answer-now",    "retake",       "no-retake",   "voice",           "stopped",
        "confirm-quit",  "going-on",     "generating",  "generate-failed", "no-interviewer",
        "untranscribed", "reveal"};
    struct fake *f = ctx;
    (void)eng;
    logf_(f, "%s", names[n]);
    if (value != 0)
        logf_(f, " %g", value);
    if (text != NULL)
        logf_(f, " '%s'", text);
    logf_(f, " @%g;", f->now);
}

static void view_answer_end(void *ctx, const struct engine *eng, const struct transcript_answer *a)
{
    (void)eng;
    if (a->follow_up > 0)
        logf_(ctx, "end %u.%u %s;", a->n, a->follow_up, answer_outcome_names[a->outcome]);
    else
        logf_(ctx, "end %u %s;", a->n, answer_outcome_names[a->outcome]);
}

static void view_summary(void *ctx, const struct engine *eng)
{
    logf_(ctx, "summary %s;", session_status_names[eng->t->status]);
}

static int fake_save(void *ctx, const struct transcript *t, struct diag *err)
{
    struct fake *f = ctx;
    if (f->saves == 1 && t->n_answers > 0) { /* the first autosave */
        snprintf(f->saved_text, sizeof f->saved_text, "%s", t->answers[0].text);
        snprintf(f->saved_note, sizeof f->saved_note, "%s",
                 t->answers[0].typed_note ? t->answers[0].typed_note : "(none)");
    }
    if (++f->saves == f->fail_save_at && f->fail_with == REH_ENOMEM)
        return diag_set(err, REH_ENOMEM, "out of memory while saving");
    if (f->saves == f->fail_save_at)
        return diag_set(err, REH_EIO, "cannot write session.json: No space left on device");
    return REH_OK;
}

/* Sets up a session of the scenario text over the test bank, driven by the
 * given script. */
static void start(struct fake *f, const char *yaml, const struct step *steps, size_t n_steps)
{
    struct ydoc doc;
    struct diag err;
    memset(f, 0, sizeof *f);
    f->now = 1000.0; /* the monotonic clock does not start at zero */
    f->steps = steps;
    f->n_steps = n_steps;
    if (bank_load(&f->bank, DATA "/good/bank.yaml", &err) != REH_OK ||
        ydoc_load_buffer(&doc, "t.yaml", (const unsigned char *)yaml, strlen(yaml), &err) != REH_OK)
        fail_msg("%s", err.message);
    int rc = scenario_from_doc(&f->sc, &doc, &err);
    ydoc_free(&doc);
    if (rc != REH_OK || scenario_resolve(&f->sc, &f->bank, &err) != REH_OK ||
        plan_draw(&f->plan, &f->sc, &f->bank, 1, MODE_INHERIT, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_int_equal(transcript_init(&f->t, "test-session", &f->sc, &f->plan), REH_OK);
    f->eng = (struct engine){
        .sc = &f->sc,
        .plan = &f->plan,
        .t = &f->t,
        .clock = {fake_now, fake_wall, f},
        .input = {fake_wait, fake_partial, NULL, f},
        .view = {view_intro, view_question, view_tick, view_notice, view_answer_end, view_summary,
                 NULL, f},
        .sink = {fake_save, f},
    };
}

static void stop(struct fake *f)
{
    transcript_free(&f->t);
    plan_free(&f->plan);
    scenario_free(&f->sc);
    bank_free(&f->bank);
}

static int run(struct fake *f)
{
    struct diag err;
    int rc = engine_run(&f->eng, &err);
    if (rc != REH_OK)
        logf_(f, "error '%s';", err.message);
    return rc;
}

#define STEPS(...)  ((const struct step[]){__VA_ARGS__})
#define N(...)      (sizeof((const struct step[]){__VA_ARGS__}) / sizeof(struct step))
#define SCRIPT(...) STEPS(__VA_ARGS__), N(__VA_ARGS__)

static const char TWO[] = "id: two\ntitle: Two\nbank: test-bank\nbudget: 10m\n"
                          "warnings: [60, 15s]\nsections:\n"
                          "  - title: S\n    questions: [a-one, b-one]\n    limit: 4m\n";

static void typed_answers_are_recorded(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "first line"}, {11, INPUT_LINE, "second line"},
                 {12.5, INPUT_LINE, "/done"}, {20, INPUT_LINE, "x"}, {25, INPUT_SUBMIT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;question 2 @12.5;"
                               "end 2 answered;summary completed;");
    assert_int_equal(f.t.n_answers, 2);
    const struct transcript_answer *a = &f.t.answers[0];
    assert_string_equal(a->text, "first line\nsecond line");
    assert_string_equal(a->question_id, "a-one");
    assert_string_equal(a->section, "S");
    assert_int_equal(a->limit_s, 240);
    assert_true(a->elapsed_s == 12.5);
    assert_true(a->overtime_s == 0);
    assert_true(f.t.answers[1].elapsed_s == 12.5);
    assert_string_equal(f.t.answers[1].text, "x");
    assert_int_equal(f.t.status, SESSION_COMPLETED);
    assert_string_equal(f.t.started_at, "T+0.0");
    assert_string_equal(f.t.ended_at, "T+25.0");
    /* start, after each answer, at the end, and autosaves at 5 and 10 s */
    assert_int_equal(f.saves, 1 + 2 + 1 + 2 + 2);
    stop(&f);
}

static void hard_limit_times_out_exactly_with_each_warning_once(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({100, INPUT_LINE, "partial"}, {250, INPUT_LINE, "/skip"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;warning 60 @180;warning 15 @225;"
                               "time-up @240;end 1 timed-out;question 2 @240;end 2 skipped;"
                               "summary completed;");
    assert_true(f.t.answers[0].elapsed_s == 240);
    assert_string_equal(f.t.answers[0].text, "partial"); /* kept */
    assert_int_equal(f.t.answers[0].outcome, OUTCOME_TIMED_OUT);
    assert_true(f.t.answers[1].elapsed_s == 10);
    /* a tick every second of the first answer, and one when each question starts */
    assert_int_equal(f.ticks, 241 + 10);
    stop(&f);
}

/* After a time-out, the next question comes after a transition: the budget
 * runs during it, the question's own clock starts when it is shown. Enter
 * cuts the transition short; none comes after the last question. */
static void a_transition_follows_a_time_out(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({250, INPUT_LINE, "/time"}, {260, INPUT_LINE, "/skip"}));
    f.eng.transition_s = ENGINE_NEXT_S;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;warning 60 @180;warning 15 @225;"
                               "time-up @240;end 1 timed-out;next-soon 3 @240;question 2 @243;"
                               "time 233/350;end 2 skipped;summary completed;");
    assert_true(f.t.answers[1].elapsed_s == 17);
    stop(&f);

    start(&f, TWO, SCRIPT({241, INPUT_LINE, ""}, {480, INPUT_LINE, "/time"}));
    f.eng.transition_s = ENGINE_NEXT_S;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(
        f.log, "intro;question 1 @0;warning 60 @180;warning 15 @225;"
               "time-up @240;end 1 timed-out;next-soon 3 @240;question 2 @241;budget 300 @300;"
               "warning 60 @421;warning 15 @466;time 1/120;time-up @481;"
               "end 2 timed-out;summary completed;");
    stop(&f);
}

static void soft_overtime_counts_on(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: soft\ntitle: Soft\nbank: test-bank\nbudget: 10m\novertime: soft\n"
          "warnings: [30s]\nsections:\n  - title: S\n    questions: [a-one]\n    limit: 1m\n",
          SCRIPT({72, INPUT_LINE, "late"}, {73.5, INPUT_LINE, "/time"}, {80, INPUT_LINE, "/done"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;warning 30 @30;overtime @60;"
                               "time -13.5/526.5;end 1 answered;summary completed;");
    assert_true(f.t.answers[0].elapsed_s == 80);
    assert_true(f.t.answers[0].overtime_s == 20);
    stop(&f);
}

static void pause_freezes_question_clock_and_budget(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "/pause"}, {30, INPUT_LINE, "typed while paused"},
                 {70, INPUT_LINE, "/time"}, {70, INPUT_LINE, "/pause"}, {80, INPUT_LINE, "/quit"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;paused @10;still-paused @30;"
                               "time 230/590;resumed 60 @70;end 1 aborted;summary aborted;");
    const struct transcript_answer *a = &f.t.answers[0];
    assert_true(a->elapsed_s == 20);
    assert_true(a->paused_s == 60);
    assert_true(f.t.paused_s == 60);
    assert_string_equal(a->text, ""); /* refused: nothing is answered off the clock */
    assert_true(f.eng.budget_deadline == 600 + 60);
    stop(&f);
}

static void pause_moves_the_deadline(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "/pause"}, {70, INPUT_LINE, "/resume"},
                 {301, INPUT_INTERRUPT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;paused @10;resumed 60 @70;"
                               "warning 60 @240;warning 15 @285;time-up @300;end 1 timed-out;"
                               "question 2 @300;end 2 aborted;summary aborted;");
    assert_true(f.t.answers[0].elapsed_s == 240);
    assert_true(f.t.answers[1].elapsed_s == 1);
    stop(&f);
}

static void budget_ends_the_session_after_the_hard_stop(void **state)
{
    (void)state;
    struct fake f;
    /* Soft overtime on the first answer eats the budget: the session ends at
     * the budget, the second question is not reached. */
    start(&f,
          "id: b\ntitle: B\nbank: test-bank\nbudget: 6m\novertime: soft\nwarnings: []\n"
          "sections:\n  - title: S\n    questions: [a-one, b-one]\n    limit: 2m\n",
          SCRIPT({5, INPUT_LINE, "going on and on"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;budget 300 @60;overtime @120;"
                               "budget 60 @300;budget-over @360;time-up @360;"
                               "end 1 timed-out;summary completed;");
    assert_int_equal(f.t.n_answers, 1);
    assert_int_equal(f.eng.not_reached, 1);
    assert_true(f.t.answers[0].overtime_s == 240);
    assert_int_equal(f.t.status, SESSION_COMPLETED);
    stop(&f);
}

static void unentered_line_is_kept(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({2, INPUT_LINE, "entered"}, {250, INPUT_LINE, "/skip"}));
    f.partial = "still typing";
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    /* The autosaves had it, and the timed-out answer keeps it. */
    assert_string_equal(f.t.answers[0].text, "entered\nstill typing");
    assert_int_equal(f.t.answers[0].outcome, OUTCOME_TIMED_OUT);
    assert_null(f.partial);
    assert_string_equal(f.t.answers[1].text, "");
    stop(&f);

    start(&f, TWO, SCRIPT({2, INPUT_LINE, "entered"}, {7, INPUT_INTERRUPT, NULL}));
    f.partial = "half";
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.saved_text, "entered\nhalf");
    assert_string_equal(f.t.answers[0].text, "entered\nhalf"); /* once */
    stop(&f);
}

static void commands_and_escapes(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({1, INPUT_LINE, "/repeat"}, {2, INPUT_LINE, "/frobnicate now"},
                 {3, INPUT_LINE, "//etc is a path"}, {4, INPUT_LINE, "/help"},
                 {5, INPUT_LINE, "/done"}, {6, INPUT_LINE, "/done"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;repeat 1 @1;unknown '/frobnicate now' @2;"
                               "help @4;end 1 answered;question 2 @5;end 2 skipped;"
                               "summary completed;");
    assert_string_equal(f.t.answers[0].text, "/etc is a path");
    assert_string_equal(f.t.answers[1].text, "");
    stop(&f);
}

static void interrupt_keeps_the_answer_in_progress(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({3, INPUT_LINE, "half an answer"}, {4, INPUT_INTERRUPT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 aborted;summary aborted;");
    assert_string_equal(f.t.answers[0].text, "half an answer");
    assert_true(f.t.answers[0].elapsed_s == 4);
    assert_int_equal(f.t.status, SESSION_ABORTED);
    assert_non_null(f.t.ended_at);
    stop(&f);
}

/* With confirm_quit (a terminal), /quit and Ctrl-C ask first: Enter goes on
 * (and submits nothing), another line is handled as usual, y or a second
 * /quit ends; each Ctrl-C asks again. */
static void quit_asks_first_on_a_terminal(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({1, INPUT_LINE, "/quit"}, {2, INPUT_LINE, ""}, {3, INPUT_LINE, "text"},
                 {4, INPUT_QUIT, NULL}, {5, INPUT_QUIT, NULL}, {6, INPUT_LINE, "/done"},
                 {7, INPUT_LINE, "/quit"}, {8, INPUT_LINE, "y"}));
    f.eng.confirm_quit = 1;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;confirm-quit @1;going-on @2;"
                               "confirm-quit 1 @4;confirm-quit 1 @5;end 1 answered;"
                               "question 2 @6;confirm-quit @7;end 2 aborted;summary aborted;");
    assert_string_equal(f.t.answers[0].text, "text");
    stop(&f);

    /* without it (a pipe), /quit ends at once */
    start(&f, TWO, SCRIPT({1, INPUT_LINE, "/quit"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 aborted;summary aborted;");
    stop(&f);
}

static void end_of_input(void **state)
{
    (void)state;
    struct fake f;
    /* The pipe closes after the first answer's text: it counts as answered,
     * and the session ends unfinished. */
    start(&f, TWO, SCRIPT({3, INPUT_LINE, "all I had"}, {4, INPUT_END, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;summary aborted;");
    stop(&f);
}

static void intro_waits_for_enter(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({30, INPUT_LINE, ""}, {40, INPUT_LINE, "/quit"}));
    f.eng.wait_for_start = 1;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @30;end 1 aborted;summary aborted;");
    assert_true(f.t.answers[0].elapsed_s == 10);
    assert_true(f.eng.budget_deadline == 30 + 600); /* the budget starts with the first question */
    stop(&f);

    start(&f, TWO, SCRIPT({5, INPUT_LINE, "/quit"}));
    f.eng.wait_for_start = 1;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;summary aborted;");
    assert_int_equal(f.t.n_answers, 0);
    assert_int_equal(f.saves, 1); /* the final state is still written */
    stop(&f);
}

static void failed_save_ends_the_session(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({3, INPUT_LINE, "kept in memory"}));
    f.fail_save_at = 3; /* start, autosave at 5 s, then this one at 10 s */
    f.now = 0;
    assert_int_equal(run(&f), REH_EIO);
    assert_string_equal(f.log, "intro;question 1 @0;save-failed 'cannot write session.json: "
                               "No space left on device' @10;end 1 aborted;summary aborted;"
                               "error 'cannot write session.json: No space left on device';");
    assert_int_equal(f.saves, 4); /* and a last try of the record as far as it goes */
    stop(&f);
}

/* Running out of memory ends the session at once, as a failed save does,
 * but is no notice of a failed save: the error says it. */
static void out_of_memory_ends_the_session(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({3, INPUT_LINE, "kept in memory"}));
    f.fail_save_at = 2; /* the autosave at 5 s */
    f.fail_with = REH_ENOMEM;
    f.now = 0;
    assert_int_equal(run(&f), REH_ENOMEM);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 aborted;summary aborted;"
                               "error 'out of memory while saving';");
    assert_string_equal(f.t.answers[0].text, "kept in memory");
    assert_true(f.t.answers[0].elapsed_s == 5);
    assert_int_equal(f.saves, 3); /* and a last try of the record as far as it goes */
    stop(&f);
}

static void spoken_questions_fall_back_to_typed(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nsections:\n"
          "  - title: S\n    questions: [a-one]\n",
          SCRIPT({1, INPUT_SUBMIT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;spoken-typed @0;end 1 skipped;"
                               "summary completed;");
    assert_int_equal(f.t.answers[0].mode, MODE_TYPED);
    stop(&f);
}

static const char THINK[] = "id: think\ntitle: Think\nbank: test-bank\nthink: 30s\n"
                            "sections:\n  - title: S\n    questions: [a-one, b-one, g-one]\n"
                            "    limit: 2m\n  - title: T\n    questions: [a-two]\n"
                            "    limit: 1m\n    think: none\n";

static void think_time_comes_before_the_answer_clock(void **state)
{
    (void)state;
    struct fake f;
    /* 1: the whole 30 s of thinking; 2: Enter after 5 s; 3: a line of text
     * after 2 s starts the answer with it; 4: no think time in section T. */
    start(&f, THINK,
          SCRIPT({40, INPUT_LINE, "/done"}, {45, INPUT_LINE, ""}, {50, INPUT_SUBMIT, NULL},
                 {52, INPUT_LINE, "straight in"}, {53, INPUT_SUBMIT, NULL},
                 {54, INPUT_SUBMIT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;think 30 @0;answer-now @30;end 1 skipped;"
                               "question 2 @40;think 30 @40;answer-now @45;end 2 skipped;"
                               "question 3 @50;think 30 @50;answer-now @52;end 3 answered;"
                               "question 4 @53;end 4 skipped;summary completed;");
    const struct transcript_answer *a = f.t.answers;
    assert_true(a[0].think_s == 30 && a[0].elapsed_s == 10);
    assert_true(a[1].think_s == 5 && a[1].elapsed_s == 5);
    assert_true(a[2].think_s == 2 && a[2].elapsed_s == 1);
    assert_string_equal(a[2].text, "straight in");
    assert_true(a[3].think_s == 0);
    stop(&f);
}

/* One grammar in every phase: a command with text after it, or a name of no
 * command, is unknown before the first question, in the think time and in
 * the answer alike; the intro lists the commands, and starts on Enter. */
static void commands_read_alike_in_every_phase(void **state)
{
    (void)state;
    struct fake f;
    start(&f, THINK,
          SCRIPT({1, INPUT_LINE, "/quitting"}, {2, INPUT_LINE, "/skip"}, {3, INPUT_LINE, "/help"},
                 {4, INPUT_LINE, ""}, {5, INPUT_LINE, "/skip now"}, {6, INPUT_LINE, "/time"},
                 {7, INPUT_LINE, "/q"}, {8, INPUT_LINE, ""}, {9, INPUT_LINE, "/skip now"},
                 {10, INPUT_LINE, "/quit now"}, {11, INPUT_LINE, "/quit"}));
    f.eng.wait_for_start = 1;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;unknown '/quitting' @1;unknown '/skip' @2;help @3;"
                               "question 1 @4;think 30 @4;unknown '/skip now' @5;"
                               "unknown '/time' @6;unknown '/q' @7;answer-now @8;"
                               "unknown '/skip now' @9;unknown '/quit now' @10;end 1 aborted;"
                               "summary aborted;");
    assert_string_equal(f.t.answers[0].text, "");
    stop(&f);
}

static int fake_read(void *ctx, const char *text, struct diag *err)
{
    struct fake *f = ctx;
    (void)err;
    snprintf(f->read_text, sizeof f->read_text, "%s", text);
    f->read_until = f->now + f->reading_s;
    logf_(f, "read @%g;", f->now);
    return REH_OK;
}

static int fake_speaking(void *ctx)
{
    struct fake *f = ctx;
    return f->now < f->read_until;
}

static void fake_cut(void *ctx)
{
    struct fake *f = ctx;
    f->read_until = f->now;
    logf_(f, "cut @%g;", f->now);
}

static void reading_comes_before_the_think_time(void **state)
{
    (void)state;
    struct fake f;
    /* 1: read in full (8 s), then thought over until Enter; 2: Enter cuts the
     * reading, the think time follows; 3: a line of text during the reading
     * starts the answer with it at once. */
    start(&f, THINK,
          SCRIPT({20, INPUT_LINE, ""}, {21, INPUT_LINE, "/skip"}, {24, INPUT_LINE, ""},
                 {30, INPUT_LINE, ""}, {31, INPUT_LINE, "/skip"}, {33, INPUT_LINE, "at once"},
                 {34, INPUT_SUBMIT, NULL}, {35, INPUT_LINE, "/quit"}));
    f.eng.voice = (struct engine_voice){fake_read, fake_speaking, fake_cut, &f};
    f.reading_s = 8;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    /* The end of the reading is seen at the next look, a tenth of a second
     * later. */
    assert_string_equal(f.log, "intro;question 1 @0;read @0;think 30 @8.1;answer-now @20;"
                               "end 1 skipped;question 2 @21;read @21;cut @24;think 30 @24;"
                               "answer-now @30;end 2 skipped;question 3 @31;read @31;cut @33;"
                               "answer-now @33;end 3 answered;question 4 @34;read @34;cut @35;"
                               "end 4 aborted;summary aborted;");
    const struct transcript_answer *a = f.t.answers;
    assert_true(fabs(a[0].think_s - 11.9) < 1e-9 && a[1].think_s == 6 && a[2].think_s == 0);
    assert_string_equal(a[2].text, "at once");
    /* The think time is time used of the budget. */
    assert_true(fabs(transcript_count(&f.t).used_s - (11.9 + 1 + 6 + 1 + 0 + 1)) < 1e-9);
    stop(&f);
}

static void think_time_answers_the_limit_from_its_end(void **state)
{
    (void)state;
    struct fake f;
    /* The limit of 2 m counts from the end of the think time: time up at 150. */
    start(&f, THINK, SCRIPT({160, INPUT_LINE, "/quit"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;think 30 @0;answer-now @30;warning 60 @90;"
                               "warning 15 @135;time-up @150;end 1 timed-out;"
                               "question 2 @150;think 30 @150;end 2 aborted;summary aborted;");
    stop(&f);
}

static const char RETAKES[] = "id: r\ntitle: R\nbank: test-bank\nbudget: 10m\nmax_takes: 2\n"
                              "sections:\n"
                              "  - title: S\n    questions: [a-one]\n    limit: 2m\n";

static void retakes_keep_every_take_within_the_limit(void **state)
{
    (void)state;
    struct fake f;
    start(&f, RETAKES,
          SCRIPT({10, INPUT_LINE, "take one"}, {20, INPUT_LINE, "/retake"},
                 {30, INPUT_LINE, "take two"}, {35, INPUT_LINE, "/retake"},
                 {40, INPUT_LINE, "/done"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;retake 2 @20;no-retake 2 @35;end 1 answered;"
                               "summary completed;");
    const struct transcript_answer *a = &f.t.answers[0];
    assert_int_equal(a->n_takes, 1);
    assert_string_equal(a->takes[0].text, "take one");
    assert_true(a->takes[0].elapsed_s == 20);
    assert_string_equal(a->text, "take two");
    assert_true(a->elapsed_s == 40);
    stop(&f);
}

static void retake_keeps_the_limit_running(void **state)
{
    (void)state;
    struct fake f;
    start(&f, RETAKES, SCRIPT({100, INPUT_LINE, "/retake"}, {110, INPUT_LINE, "short"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;warning 60 @60;retake 2 @100;"
                               "warning 15 @105;time-up @120;end 1 timed-out;summary completed;");
    assert_string_equal(f.t.answers[0].takes[0].text, "");
    assert_string_equal(f.t.answers[0].text, "short");
    stop(&f);
}

static void retake_needs_max_takes(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({5, INPUT_LINE, "/retake"}, {6, INPUT_LINE, "/quit"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;no-retake 1 @5;end 1 aborted;"
                               "summary aborted;");
    assert_int_equal(f.t.answers[0].n_takes, 0);
    stop(&f);
}

static void no_limit_runs_until_the_budget(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: n\ntitle: N\nbank: test-bank\nbudget: 10m\nsections:\n"
          "  - title: S\n    questions: [a-one, b-one]\n    limit: none\n",
          SCRIPT({500, INPUT_LINE, "/time"}, {510, INPUT_SUBMIT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;budget 300 @300;time inf/100;end 1 skipped;"
                               "question 2 @510;budget 60 @540;budget-over @600;time-up @600;"
                               "end 2 timed-out;summary completed;");
    assert_int_equal(f.t.answers[0].limit_s, 0);
    assert_true(f.t.answers[1].elapsed_s == 90);
    stop(&f);
}

static int rec_start(void *ctx, struct transcript_answer *a, struct diag *err)
{
    (void)ctx, (void)err;
    a->audio.sample_rate = 16000;
    return transcript_set(&a->audio.file, "01-a-one.wav");
}

static void rec_pause(void *ctx, int paused)
{
    struct fake *f = ctx;
    logf_(f, "%s @%g;", paused ? "rec-pause" : "rec-resume", f->now);
}

static int rec_check(void *ctx, struct diag *err)
{
    (void)ctx, (void)err;
    return REH_OK;
}

/* The disk fills up 3 s into the recording. */
static int rec_written(void *ctx, struct diag *err)
{
    struct fake *f = ctx;
    if (f->now < 3)
        return REH_OK;
    return diag_set(err, REH_EIO, "cannot write 01-a-one.wav: No space left on device");
}

static int rec_stop(void *ctx, struct transcript_answer *a, double length_s, struct diag *err)
{
    struct fake *f = ctx;
    (void)err, (void)length_s;
    a->audio.frames = (uint64_t)(f->now * 16000);
    logf_(f, "stop @%g;", f->now);
    return REH_OK;
}

static void unwritable_recording_ends_the_session(void **state)
{
    (void)state;
    struct fake f;
    struct diag err;
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nsections:\n"
          "  - title: S\n    questions: [a-one, b-one]\n    limit: 1m\n",
          SCRIPT({30, INPUT_LINE, ""}));
    f.eng.recorder = (struct engine_recorder){
        rec_start, rec_pause, rec_check, rec_written, rec_stop, NULL, NULL, NULL, &f};
    f.now = 0;
    assert_int_equal(engine_run(&f.eng, &err), REH_EIO);
    assert_string_equal(err.message, "cannot write 01-a-one.wav: No space left on device");
    assert_string_equal(f.log, "intro;question 1 @0;stop @3;end 1 aborted;summary aborted;");
    assert_int_equal(f.t.answers[0].audio.frames, 48000);
    assert_int_equal(f.t.status, SESSION_ABORTED);
    assert_int_equal(f.saves, 2); /* at the start, and the record as far as it goes */
    stop(&f);
}

/* Lines typed while an answer is recorded are a note beside the recording,
 * never its text (left for the machine transcription): the autosave has
 * the line being typed in the note, and the note is as it was after it. */
static void lines_typed_while_recording_are_a_note(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nsections:\n"
          "  - title: S\n    questions: [a-one, b-one]\n    limit: 1m\n",
          SCRIPT({2, INPUT_LINE, "x"}, {3, INPUT_LINE, "//slash note"}, {9, INPUT_LINE, ""},
                 {10, INPUT_LINE, "q"}));
    f.eng.recorder = (struct engine_recorder){rec_start, rec_pause, rec_check, rec_check, rec_stop,
                                              NULL,      NULL,      NULL,      &f};
    f.partial = "half a note";
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.saved_text, "");
    assert_string_equal(f.saved_note, "x\n/slash note\nhalf a note");
    const struct transcript_answer *a = &f.t.answers[0];
    assert_int_equal(a->mode, MODE_SPOKEN);
    assert_int_equal(a->outcome, OUTCOME_ANSWERED);
    assert_string_equal(a->text, "");
    assert_int_equal(a->text_len, 0);
    assert_string_equal(a->typed_note, "x\n/slash note\nhalf a note");
    assert_string_equal(a->audio.file, "01-a-one.wav");
    assert_null(f.t.answers[1].typed_note);
    assert_int_equal(f.t.answers[1].outcome, OUTCOME_ABORTED);
    stop(&f);
}

static void view_recording(void *ctx, const struct engine *eng, enum engine_recording what)
{
    static const char *const names[] = {"started", "paused", "resumed", "stopped"};
    struct fake *f = ctx;
    (void)eng;
    logf_(f, "recording %s @%g;", names[what], f->now);
}

static struct engine_meter rec_meter(void *ctx)
{
    (void)ctx;
    return (struct engine_meter){.level = {.peak_db = -6, .rms_db = -20}, .silence_s = 2.5};
}

/* The view is told when each take's recording starts, pauses, resumes and
 * stops, and every tick of a recording carries its meter. */
static void the_view_follows_the_recording(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nmax_takes: 2\nsections:\n"
          "  - title: S\n    questions: [a-one, b-one]\n    limit: 1m\n",
          SCRIPT({2, INPUT_LINE, "p"}, {3, INPUT_LINE, "p"}, {4, INPUT_LINE, "r"},
                 {6, INPUT_LINE, ""}, {7, INPUT_LINE, "/quit"}));
    f.eng.recorder = (struct engine_recorder){rec_start, rec_pause, rec_check, rec_check, rec_stop,
                                              rec_meter, NULL,      NULL,      &f};
    f.eng.view.recording = view_recording;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;recording started @0;"
                               "rec-pause @2;recording paused @2;paused 1 @2;"
                               "rec-resume @3;recording resumed @3;resumed 1 @3;"
                               "stop @4;recording stopped @4;retake 2 @4;recording started @4;"
                               "stop @6;recording stopped @6;end 1 answered;"
                               "question 2 @6;recording started @6;"
                               "stop @7;recording stopped @7;end 2 aborted;summary aborted;");
    assert_true(f.last_tick.recording);
    assert_true(f.last_tick.meter.level.peak_db == -6 && f.last_tick.meter.level.rms_db == -20);
    assert_true(f.last_tick.meter.silence_s == 2.5);
    stop(&f);

    /* a typed answer's ticks have no meter */
    start(&f, TWO, SCRIPT({3, INPUT_LINE, "/quit"}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_false(f.last_tick.recording);
    stop(&f);
}

/* Whether the take that stopped at 4 s was transcribed live: it was not. */
static const char *rec_untranscribed(void *ctx)
{
    struct fake *f = ctx;
    return f->now == 4 ? "the speech recogniser fell behind the recording" : NULL;
}

/* A take the recorder could not transcribe while it was recorded is told
 * once, after its recording stops; the other takes are not. */
static void an_untranscribed_take_is_told(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nmax_takes: 2\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 1m\n",
          SCRIPT({4, INPUT_LINE, "r"}, {6, INPUT_LINE, ""}));
    f.eng.recorder = (struct engine_recorder){
        rec_start, rec_pause, rec_check, rec_check, rec_stop, NULL, rec_untranscribed, NULL, &f};
    f.eng.view.recording = view_recording;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;recording started @0;"
                               "stop @4;recording stopped @4;"
                               "untranscribed 'the speech recogniser fell behind the recording' @4;"
                               "retake 2 @4;recording started @4;"
                               "stop @6;recording stopped @6;end 1 answered;summary completed;");
    stop(&f);
}

static void stop_pauses_the_clocks_exactly(void **state)
{
    (void)state;
    struct fake f;
    /* Ctrl-Z at 20 s, continued at 50 s: 30 s stood still. */
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "half"}, {20, INPUT_STOP, NULL}, {50, INPUT_CONTINUE, "30"},
                 {70, INPUT_LINE, "/time"}, {80, INPUT_LINE, "/done"},
                 {81, INPUT_INTERRUPT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;stopped 30 @50;time 200/560;end 1 answered;"
                               "question 2 @80;end 2 aborted;summary aborted;");
    const struct transcript_answer *a = &f.t.answers[0];
    assert_true(a->elapsed_s == 50);
    assert_true(a->paused_s == 30);
    assert_true(f.t.paused_s == 30);
    assert_true(f.eng.budget_deadline == 600 + 30);
    assert_string_equal(a->text, "half");
    stop(&f);
}

static void stop_pauses_the_recording_and_a_pause_covers_it(void **state)
{
    (void)state;
    struct fake f;
    /* A stop while recording pauses the recorder before the process stands
     * still; a stop during /pause adds nothing to the pause. */
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 1m\n",
          SCRIPT({1, INPUT_STOP, NULL}, {2.5, INPUT_CONTINUE, "1.5"}, {4, INPUT_LINE, "p"},
                 {5, INPUT_STOP, NULL}, {9, INPUT_CONTINUE, "4"}, {10, INPUT_LINE, "p"},
                 {12, INPUT_LINE, ""}));
    f.eng.recorder = (struct engine_recorder){
        rec_start, rec_pause, rec_check, rec_written, rec_stop, NULL, NULL, NULL, &f};
    f.now = 0;
    f.eng.recorder.written = rec_check; /* the disk does not fill up here */
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;rec-pause @1;rec-pause @2.5;rec-resume @2.5;"
                               "stopped 1.5 @2.5;"
                               "rec-pause @4;paused 1 @4;stopped 4 @9;rec-resume @10;resumed 6 @10;"
                               "stop @12;end 1 answered;summary completed;");
    const struct transcript_answer *a = &f.t.answers[0];
    assert_true(a->paused_s == 7.5);
    assert_true(a->elapsed_s == 4.5);
    stop(&f);
}

static int rec_stop_length(void *ctx, struct transcript_answer *a, double length_s,
                           struct diag *err)
{
    struct fake *f = ctx;
    (void)a, (void)err;
    logf_(f, "stop @%g length %g;", f->now, length_s);
    return REH_OK;
}

/* Each take is stopped with its length on the answer clock, pauses aside,
 * which its recording then has to the frame: 4 s of the first (7 s less a
 * pause of 3), 3 s of the second. */
static void each_take_stops_with_its_length(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nmax_takes: 2\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 1m\n",
          SCRIPT({2, INPUT_LINE, "p"}, {5, INPUT_LINE, "p"}, {7, INPUT_LINE, "r"},
                 {10, INPUT_LINE, ""}));
    f.eng.recorder = (struct engine_recorder){
        rec_start, rec_pause, rec_check, rec_check, rec_stop_length, NULL, NULL, NULL, &f};
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;rec-pause @2;paused 1 @2;rec-resume @5;"
                               "resumed 3 @5;stop @7 length 4;retake 2 @7;stop @10 length 3;"
                               "end 1 answered;summary completed;");
    assert_true(f.t.answers[0].elapsed_s == 7);
    stop(&f);
}

static void stop_before_the_answer_clock_is_not_thinking_time(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: k\ntitle: K\nbank: test-bank\nbudget: 10m\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 1m\n    think: 30s\n",
          SCRIPT({10, INPUT_STOP, NULL}, {110, INPUT_CONTINUE, "100"}, {150, INPUT_SUBMIT, NULL}));
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;think 30 @0;stopped 100 @110;answer-now @130;"
                               "end 1 skipped;summary completed;");
    assert_true(f.t.answers[0].think_s == 30);
    assert_true(f.t.answers[0].elapsed_s == 20);
    assert_true(f.t.paused_s == 100);
    stop(&f);
}

/* Follow-ups of the test bank's questions. */
static const char *LATE_TERMS[] = {"late data", "watermark"};
static const char *ONCE_TERMS[] = {"exactly once"};
static const struct follow_up FOLLOW_UPS[] = {
    {.text = "And data that arrives late?", .when_missing = LATE_TERMS, .n_when_missing = 2},
    {.text = "Is each event counted once?", .when_missing = ONCE_TERMS, .n_when_missing = 1},
    {.text = "What would you monitor?"},
};

/* Gives question `id` the first n of FOLLOW_UPS, asked from `source`, at
 * most `most` after each answer. */
static void give_follow_ups(struct fake *f, const char *id, size_t n, unsigned most,
                            enum follow_up_source source)
{
    struct question *q = (struct question *)bank_find(&f->bank, id);
    q->follow_ups = FOLLOW_UPS;
    q->n_follow_ups = n;
    f->sc.settings.max_follow_ups = most;
    f->sc.settings.follow_ups = source;
}

static void a_follow_up_comes_after_an_answer_missing_its_terms(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "windows and triggers"}, {12, INPUT_LINE, "/done"},
                 {20, INPUT_LINE, "/repeat"}, {30, INPUT_LINE, "a side output"},
                 {31, INPUT_SUBMIT, NULL}, {40, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 3, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;follow-up 1.1 of 1 @12;"
                               "repeat 1.1 of 1 @20;end 1.1 answered;question 2 @31;"
                               "end 2 aborted;summary aborted;");
    const struct transcript_answer *a = &f.t.answers[0];
    assert_int_equal(f.t.n_answers, 2);
    assert_int_equal(a->n_follow_ups, 1);
    const struct transcript_answer *fu = &a->follow_ups[0];
    assert_int_equal(fu->n, 1);
    assert_int_equal(fu->follow_up, 1);
    assert_string_equal(fu->question, "And data that arrives late?");
    assert_string_equal(fu->question_id, "a-one");
    assert_int_equal(fu->source, FOLLOW_UPS_AUTHORED);
    assert_int_equal(fu->n_trigger, 2);
    assert_string_equal(fu->trigger[0], "late data");
    assert_string_equal(fu->trigger[1], "watermark");
    assert_int_equal(fu->limit_s, 80); /* a third of the question's 4 m */
    assert_string_equal(fu->text, "a side output");
    assert_int_equal(fu->outcome, OUTCOME_ANSWERED);
    assert_true(fu->elapsed_s == 19);
    assert_int_equal(fu->coverage.n_terms, 0); /* the key terms are the question's */
    assert_int_equal(a->coverage.n_terms, 2);
    /* the follow-up's time is time used of the budget */
    assert_true(transcript_count(&f.t).used_s == 12 + 19 + 9);
    stop(&f);
}

/* An answer naming one of the terms, in any of the forms key terms are
 * matched in, has no follow-up of them; one without terms is always due. */
static void no_follow_up_when_the_answer_names_a_term(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "late-arriving data goes to a side output"},
                 {12, INPUT_LINE, "/done"}, {20, INPUT_LINE, "Watermarks, per partition."},
                 {22, INPUT_LINE, "/done"}, {30, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_AUTHORED);
    give_follow_ups(&f, "b-one", 1, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;question 2 @12;"
                               "end 2 answered;summary completed;");
    assert_int_equal(f.t.answers[0].n_follow_ups, 0);
    assert_int_equal(f.t.answers[1].n_follow_ups, 0);
    stop(&f);

    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "late data goes to a side output"}, {12, INPUT_LINE, "/done"},
                 {20, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 3, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    /* the second is due (nothing said of counting once), not the third */
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;follow-up 1.1 of 1 @12;"
                               "end 1.1 aborted;summary aborted;");
    assert_string_equal(f.t.answers[0].follow_ups[0].question, "Is each event counted once?");
    assert_string_equal(f.t.answers[0].follow_ups[0].trigger[0], "exactly once");
    stop(&f);
}

static void no_follow_up_after_a_skip_or_a_quit(void **state)
{
    (void)state;
    struct fake f;
    /* /skip, and a submit with nothing typed (skipped), then /quit */
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "windows"}, {11, INPUT_LINE, "/skip"}, {12, INPUT_SUBMIT, NULL}));
    give_follow_ups(&f, "a-one", 3, 1, FOLLOW_UPS_AUTHORED);
    give_follow_ups(&f, "b-one", 3, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 skipped;question 2 @11;end 2 skipped;"
                               "summary completed;");
    stop(&f);

    start(&f, TWO, SCRIPT({10, INPUT_LINE, "windows"}, {11, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 3, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 aborted;summary aborted;");
    stop(&f);

    /* ended in the follow-up of the last question: the session is not complete */
    start(
        &f, "id: o\ntitle: O\nbank: test-bank\nsections:\n  - title: S\n    questions: [a-one]\n",
        SCRIPT({10, INPUT_LINE, "windows"}, {11, INPUT_LINE, "/done"}, {12, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 3, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;follow-up 1.1 of 1 @11;"
                               "end 1.1 aborted;summary aborted;");
    assert_int_equal(f.t.status, SESSION_ABORTED);
    stop(&f);

    start(&f, TWO, SCRIPT({10, INPUT_LINE, "windows"}, {11, INPUT_INTERRUPT, NULL}));
    give_follow_ups(&f, "a-one", 3, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 aborted;summary aborted;");
    assert_int_equal(f.t.answers[0].n_follow_ups, 0);
    stop(&f);
}

/* The second follow-up considers what the first one's answer said; a
 * skipped follow-up ends them; max_follow_ups 0 and `none` ask none. */
static void follow_ups_up_to_the_most_allowed(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "windows"}, {12, INPUT_LINE, "/done"},
                 {20, INPUT_LINE, "exactly-once sinks"}, {22, INPUT_LINE, "/done"},
                 {30, INPUT_LINE, "lag"}, {32, INPUT_LINE, "/done"}, {40, INPUT_LINE, "x"},
                 {41, INPUT_LINE, "/done"}, {50, INPUT_LINE, "/skip"}));
    give_follow_ups(&f, "a-one", 3, 2, FOLLOW_UPS_AUTHORED);
    give_follow_ups(&f, "b-one", 3, 2, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;follow-up 1.1 of 2 @12;"
                               "end 1.1 answered;follow-up 1.2 of 2 @22;end 1.2 answered;"
                               "question 2 @32;end 2 answered;follow-up 2.1 of 2 @41;"
                               "end 2.1 skipped;summary completed;");
    const struct transcript_answer *a = &f.t.answers[0];
    assert_string_equal(a->follow_ups[0].question, "And data that arrives late?");
    assert_string_equal(a->follow_ups[1].question, "What would you monitor?");
    assert_int_equal(a->follow_ups[1].follow_up, 2);
    assert_int_equal(a->follow_ups[1].n_trigger, 0);
    assert_int_equal(f.t.status, SESSION_COMPLETED);
    stop(&f);

    for (int none = 0; none <= 1; none++) {
        start(&f, TWO,
              SCRIPT({10, INPUT_LINE, "windows"}, {12, INPUT_LINE, "/done"},
                     {20, INPUT_LINE, "/quit"}));
        give_follow_ups(&f, "a-one", 3, none ? 1 : 0, none ? FOLLOW_UPS_NONE : FOLLOW_UPS_AUTHORED);
        f.now = 0;
        assert_int_equal(run(&f), REH_OK);
        assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;question 2 @12;"
                                   "end 2 aborted;summary aborted;");
        stop(&f);
    }
}

/* A timed-out answer is followed up; the follow-up has its own limit, a
 * third of the question's, at least 60 s, with the scenario's warnings. */
static void a_timed_out_answer_is_followed_up_with_its_own_limit(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO, SCRIPT({100, INPUT_LINE, "partial"}, {330, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;warning 60 @180;warning 15 @225;time-up @240;"
                               "end 1 timed-out;follow-up 1.1 of 1 @240;warning 60 @260;"
                               "budget 300 @300;warning 15 @305;time-up @320;end 1.1 timed-out;"
                               "question 2 @320;end 2 aborted;summary aborted;");
    assert_int_equal(f.t.answers[0].follow_ups[0].limit_s, 80);
    assert_true(f.t.answers[0].follow_ups[0].elapsed_s == 80);
    stop(&f);

    assert_int_equal(follow_up_limit(0, 240), 80);
    assert_int_equal(follow_up_limit(0, 200), 66);
    assert_int_equal(follow_up_limit(0, 90), 60); /* at least a minute */
    assert_int_equal(follow_up_limit(45, 240), 45);
    assert_int_equal(follow_up_limit(0, 0), 0); /* no limit, as its question */
    assert_int_equal(follow_up_limit(30, 0), 30);
}

/* A follow-up never takes the time of a question still to come: one whose
 * limit does not fit in the budget left beyond their limits is not asked,
 * one that fits is; and none is asked once the budget is out. */
static void follow_ups_stay_within_the_budget(void **state)
{
    (void)state;
    struct fake f;
    start(&f,
          "id: b\ntitle: B\nbank: test-bank\nbudget: 5m\nwarnings: [15s]\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 4m\n"
          "  - title: T\n    questions: [b-one]\n    limit: 1m\n",
          SCRIPT({220, INPUT_LINE, "windows"}, {230, INPUT_LINE, "/done"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;warning 15 @225;end 1 answered;"
                               "question 2 @230;budget 60 @240;warning 15 @275;time-up @290;"
                               "end 2 timed-out;summary completed;");
    assert_int_equal(f.t.answers[0].n_follow_ups, 0);
    assert_int_equal(f.eng.not_reached, 0);
    stop(&f);

    /* With two minutes more, its 80 s fit beside the next question's 60. */
    start(&f,
          "id: b\ntitle: B\nbank: test-bank\nbudget: 7m\nwarnings: [15s]\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 4m\n"
          "  - title: T\n    questions: [b-one]\n    limit: 1m\n",
          SCRIPT({220, INPUT_LINE, "windows"}, {230, INPUT_LINE, "/done"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;budget 300 @120;warning 15 @225;"
                               "end 1 answered;follow-up 1.1 of 1 @230;warning 15 @295;"
                               "time-up @310;end 1.1 timed-out;question 2 @310;warning 15 @355;"
                               "budget 60 @360;time-up @370;end 2 timed-out;summary completed;");
    assert_int_equal(f.eng.not_reached, 0);
    stop(&f);

    start(&f,
          "id: b\ntitle: B\nbank: test-bank\nbudget: 4m\nwarnings: []\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 4m\n",
          SCRIPT({10, INPUT_LINE, "windows"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_AUTHORED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;budget 60 @180;budget-over @240;"
                               "time-up @240;end 1 timed-out;summary completed;");
    assert_int_equal(f.t.answers[0].n_follow_ups, 0);
    stop(&f);
}

/* The fake interviewer takes writing_s and writes `written`, or fails. */
static int fake_interviewer(void *ctx, const struct question *q, const struct transcript_answer *a,
                            char **text, struct diag *err)
{
    struct fake *f = ctx;
    logf_(f, "interviewer %s '%s' @%g;", q->id, a->text, f->now);
    f->now += f->writing_s;
    if (f->written == NULL)
        return diag_set(err, REH_EIO, "cannot reach 127.0.0.1:11434: Connection refused");
    *text = strdup(f->written);
    return *text != NULL ? REH_OK : diag_set(err, REH_ENOMEM, "out of memory");
}

/* The interviewer writes each follow-up from the answer before it; the
 * session waits meanwhile (the budget runs), and the follow-up's clock
 * starts when it is shown. */
static void the_interviewer_writes_generated_follow_ups(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "windows"}, {12, INPUT_LINE, "/done"},
                 {20, INPUT_LINE, "more partitions"}, {22, INPUT_LINE, "/done"},
                 {40, INPUT_LINE, "/skip"}, {41, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 1, 2, FOLLOW_UPS_GENERATED);
    f.eng.interviewer = (struct engine_interviewer){fake_interviewer, &f};
    f.writing_s = 3;
    f.written = "And if it lags two hours?";
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;generating @12;"
                               "interviewer a-one 'windows' @12;follow-up 1.1 of 2 @15;"
                               "end 1.1 answered;generating @22;"
                               "interviewer a-one 'more partitions' @22;follow-up 1.2 of 2 @25;"
                               "end 1.2 skipped;question 2 @40;end 2 aborted;summary aborted;");
    const struct transcript_answer *fu = &f.t.answers[0].follow_ups[0];
    assert_string_equal(fu->question, "And if it lags two hours?");
    assert_int_equal(fu->source, FOLLOW_UPS_GENERATED);
    assert_int_equal(fu->n_trigger, 0);
    assert_int_equal(fu->limit_s, 80);
    assert_true(fu->elapsed_s == 7);
    assert_true(f.eng.budget_deadline == 600); /* the writing was not a pause */
    stop(&f);
}

/* An interviewer that fails leaves the authored follow-ups, said once with
 * why; asking for generated ones with none configured is said at the start. */
static void authored_follow_ups_when_the_interviewer_fails_or_is_missing(void **state)
{
    (void)state;
    struct fake f;
    start(&f, TWO,
          SCRIPT({10, INPUT_LINE, "windows"}, {12, INPUT_LINE, "/done"}, {20, INPUT_LINE, "/skip"},
                 {30, INPUT_LINE, "x"}, {31, INPUT_LINE, "/done"}, {40, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_GENERATED);
    give_follow_ups(&f, "b-one", 3, 1, FOLLOW_UPS_GENERATED);
    f.eng.interviewer = (struct engine_interviewer){fake_interviewer, &f};
    f.writing_s = 2;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;generating @12;"
                               "interviewer a-one 'windows' @12;generate-failed 'cannot reach "
                               "127.0.0.1:11434: Connection refused' @14;follow-up 1.1 of 1 @14;"
                               "end 1.1 skipped;question 2 @20;end 2 answered;generating @31;"
                               "interviewer b-one 'x' @31;follow-up 2.1 of 1 @33;end 2.1 aborted;"
                               "summary aborted;");
    assert_int_equal(f.t.answers[0].follow_ups[0].source, FOLLOW_UPS_AUTHORED);
    assert_int_equal(f.t.answers[0].follow_ups[0].n_trigger, 2);
    stop(&f);

    start(
        &f, TWO,
        SCRIPT({10, INPUT_LINE, "windows"}, {12, INPUT_LINE, "/done"}, {20, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_GENERATED);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;no-interviewer @0;question 1 @0;end 1 answered;"
                               "follow-up 1.1 of 1 @12;end 1.1 aborted;summary aborted;");
    assert_int_equal(f.t.answers[0].follow_ups[0].source, FOLLOW_UPS_AUTHORED);
    stop(&f);
}

/* A follow-up is read aloud when the voice is on, and has no think time:
 * its clock starts when the reading ends. */
static void a_follow_up_is_read_aloud_without_think_time(void **state)
{
    (void)state;
    struct fake f;
    start(&f, THINK,
          SCRIPT({5, INPUT_LINE, ""}, {6, INPUT_LINE, "windows"}, {7, INPUT_LINE, "/done"},
                 {20, INPUT_LINE, "/quit"}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_AUTHORED);
    f.eng.voice = (struct engine_voice){fake_read, fake_speaking, fake_cut, &f};
    f.reading_s = 2;
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;read @0;think 30 @2;answer-now @5;"
                               "end 1 answered;follow-up 1.1 of 1 @7;read @7;end 1.1 aborted;"
                               "summary aborted;");
    assert_string_equal(f.read_text, "And data that arrives late?");
    const struct transcript_answer *fu = &f.t.answers[0].follow_ups[0];
    assert_true(fu->think_s == 0);
    assert_true(fabs(fu->elapsed_s - 10.9) < 1e-6); /* from the end of the reading */
    stop(&f);
}

/* A fake audio module: the names of the WAV files opened, one a line. */
static char opened[256];
static char a_device, a_file;

static struct recorder *fake_recorder_open(int dirfd, const char *dir, const char *name,
                                           unsigned rate, struct transcription *live,
                                           struct diag *err)
{
    (void)dirfd, (void)dir, (void)rate, (void)live, (void)err;
    size_t len = strlen(opened);
    snprintf(opened + len, sizeof opened - len, "%s\n", name);
    return (struct recorder *)&a_file;
}

static int fake_capture_check(struct sound_capture *cap, struct diag *err)
{
    (void)cap, (void)err;
    return REH_OK;
}

static void fake_capture(struct sound_capture *cap, struct recorder *rec)
{
    (void)cap, (void)rec;
}

static void fake_detach(struct sound_capture *cap, uint64_t frames)
{
    (void)cap, (void)frames;
}

static void fake_paused(struct recorder *rec, int paused)
{
    (void)rec, (void)paused;
}

static int fake_recorder_check(struct recorder *rec, struct diag *err)
{
    (void)rec, (void)err;
    return REH_OK;
}

static void fake_stats(struct recorder *rec, struct recorder_stats *out)
{
    (void)rec;
    memset(out, 0, sizeof *out);
}

static int fake_recorder_close(struct recorder *rec, struct recorder_stats *out, struct diag *err)
{
    (void)err;
    fake_stats(rec, out);
    out->frames = 16000;
    return REH_OK;
}

/* A spoken question's follow-up is spoken too, recorded by the answer
 * recorder into a WAV of its own, named after its question and number. */
static void a_spoken_follow_up_is_recorded_into_its_own_file(void **state)
{
    (void)state;
    static const struct audio_api api = {
        .version = AUDIO_API_VERSION,
        .capture_attach = fake_capture,
        .capture_detach = fake_detach,
        .capture_check = fake_capture_check,
        .recorder_open = fake_recorder_open,
        .recorder_set_paused = fake_paused,
        .recorder_stats = fake_stats,
        .recorder_check = fake_recorder_check,
        .recorder_close = fake_recorder_close,
    };
    char dir[SCRATCH_MAX];
    assert_int_equal(scratch_make(dir, "follow-up"), 0);
    struct answer_recorder rec = {.api = &api,
                                  .rate = 16000,
                                  .dirfd = open(dir, O_RDONLY | O_DIRECTORY),
                                  .dir = dir,
                                  .cap = (struct sound_capture *)&a_device};
    assert_true(rec.dirfd >= 0);
    opened[0] = '\0';
    struct fake f;
    start(&f,
          "id: s\ntitle: S\nbank: test-bank\nmode: spoken\nmax_takes: 2\nsections:\n"
          "  - title: S\n    questions: [a-one]\n    limit: 3m\n",
          SCRIPT({5, INPUT_LINE, ""}, {7, INPUT_LINE, "r"}, {9, INPUT_LINE, ""}));
    give_follow_ups(&f, "a-one", 1, 1, FOLLOW_UPS_AUTHORED);
    f.eng.recorder = answer_recorder_ops(&rec);
    f.now = 0;
    assert_int_equal(run(&f), REH_OK);
    assert_string_equal(f.log, "intro;question 1 @0;end 1 answered;follow-up 1.1 of 1 @5;"
                               "retake 2 @7;end 1.1 answered;summary completed;");
    assert_string_equal(opened, "01-a-one.wav\n01-a-one-f1.wav\n01-a-one-f1-take2.wav\n");
    const struct transcript_answer *fu = &f.t.answers[0].follow_ups[0];
    assert_int_equal(fu->mode, MODE_SPOKEN);
    assert_int_equal(fu->limit_s, 60);
    assert_string_equal(fu->audio.file, "01-a-one-f1-take2.wav");
    assert_string_equal(fu->takes[0].audio.file, "01-a-one-f1.wav");
    stop(&f);
    close(rec.dirfd);
    assert_int_equal(scratch_remove(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typed_answers_are_recorded),
        cmocka_unit_test(hard_limit_times_out_exactly_with_each_warning_once),
        cmocka_unit_test(a_transition_follows_a_time_out),
        cmocka_unit_test(soft_overtime_counts_on),
        cmocka_unit_test(pause_freezes_question_clock_and_budget),
        cmocka_unit_test(pause_moves_the_deadline),
        cmocka_unit_test(budget_ends_the_session_after_the_hard_stop),
        cmocka_unit_test(unentered_line_is_kept),
        cmocka_unit_test(commands_and_escapes),
        cmocka_unit_test(interrupt_keeps_the_answer_in_progress),
        cmocka_unit_test(quit_asks_first_on_a_terminal),
        cmocka_unit_test(end_of_input),
        cmocka_unit_test(intro_waits_for_enter),
        cmocka_unit_test(commands_read_alike_in_every_phase),
        cmocka_unit_test(failed_save_ends_the_session),
        cmocka_unit_test(out_of_memory_ends_the_session),
        cmocka_unit_test(spoken_questions_fall_back_to_typed),
        cmocka_unit_test(think_time_comes_before_the_answer_clock),
        cmocka_unit_test(think_time_answers_the_limit_from_its_end),
        cmocka_unit_test(reading_comes_before_the_think_time),
        cmocka_unit_test(retakes_keep_every_take_within_the_limit),
        cmocka_unit_test(retake_keeps_the_limit_running),
        cmocka_unit_test(retake_needs_max_takes),
        cmocka_unit_test(no_limit_runs_until_the_budget),
        cmocka_unit_test(unwritable_recording_ends_the_session),
        cmocka_unit_test(lines_typed_while_recording_are_a_note),
        cmocka_unit_test(the_view_follows_the_recording),
        cmocka_unit_test(an_untranscribed_take_is_told),
        cmocka_unit_test(stop_pauses_the_clocks_exactly),
        cmocka_unit_test(stop_pauses_the_recording_and_a_pause_covers_it),
        cmocka_unit_test(each_take_stops_with_its_length),
        cmocka_unit_test(stop_before_the_answer_clock_is_not_thinking_time),
        cmocka_unit_test(a_follow_up_comes_after_an_answer_missing_its_terms),
        cmocka_unit_test(no_follow_up_when_the_answer_names_a_term),
        cmocka_unit_test(no_follow_up_after_a_skip_or_a_quit),
        cmocka_unit_test(follow_ups_up_to_the_most_allowed),
        cmocka_unit_test(a_timed_out_answer_is_followed_up_with_its_own_limit),
        cmocka_unit_test(follow_ups_stay_within_the_budget),
        cmocka_unit_test(the_interviewer_writes_generated_follow_ups),
        cmocka_unit_test(authored_follow_ups_when_the_interviewer_fails_or_is_missing),
        cmocka_unit_test(a_spoken_follow_up_is_recorded_into_its_own_file),
        cmocka_unit_test(a_follow_up_is_read_aloud_without_think_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
