/* engine: the interview loop. Every wait is for an absolute deadline on the
 * monotonic clock (core/countdown.h), so delays in one wake-up never
 * accumulate over a 45-minute session. What comes before each answer's
 * clock is core/prelude.c; the answer itself, its commands, its recording
 * and its saves are here. */
#include "engine.h"
#include "command.h"
#include "countdown.h"
#include "follow_up.h"
#include "prelude.h"
#include "quit.h"
#include "take.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const unsigned BUDGET_WARNINGS_S[] = {300, 60};
#define N_BUDGET_WARNINGS (sizeof BUDGET_WARNINGS_S / sizeof BUDGET_WARNINGS_S[0])

/* The answer being asked. */
struct asking {
    struct transcript_answer *a;
    struct countdown clock;
    unsigned warned; /* bit i: scenario warning i was given */
    int over_noticed;
    int recording;  /* a spoken answer being recorded */
    double takes_s; /* answering time used by the earlier takes */
    double next_tick, next_save;
    int ended; /* the answer is over */
    int stop;  /* and the session ends with it: quit, interrupt or end of input */
};

/* The time this run has: less than the scenario's budget when resumed. */
static double budget_of(const struct engine *eng)
{
    return eng->budget_s > 0 ? eng->budget_s : eng->sc->budget_s;
}

void engine_notice(struct engine *eng, enum engine_notice n, double value, const char *text)
{
    eng->view.notice(eng->view.ctx, eng, n, value, text);
}

static int out_of_memory(struct diag *err)
{
    return diag_set(err, REH_ENOMEM, "out of memory");
}

static double deadline(const struct engine *eng, const struct asking *as)
{
    return countdown_deadline(&as->clock, eng->budget_deadline);
}

static void tick(struct engine *eng, const struct asking *as, double t, int asked)
{
    double f = countdown_frozen(&as->clock, t);
    struct engine_tick st = {.remaining_s = as->a->limit_s ? deadline(eng, as) - f : INFINITY,
                             .budget_left_s = eng->budget_deadline - f,
                             .paused = as->clock.paused,
                             .asked = asked,
                             .recording = as->recording};
    if (as->recording)
        st.meter = take_meter(eng);
    eng->view.tick(eng->view.ctx, eng, &st);
}

/* How often the view is redrawn: the meter of a recording more often. */
static double tick_period(const struct asking *as)
{
    return as->recording ? ENGINE_METER_S : ENGINE_TICK_S;
}

/* Counts d seconds of pause in the answer, the session and the budget. */
static void count_pause(struct engine *eng, struct transcript_answer *a, double d)
{
    a->paused_s += d;
    eng->t->paused_s += d;
    eng->budget_deadline += d;
}

static void pause_clock(struct engine *eng, struct asking *as, double t)
{
    if (as->recording)
        take_pause(eng, 1);
    countdown_pause(&as->clock, t);
    engine_notice(eng, NOTICE_PAUSED, as->recording, NULL);
}

static void resume_clock(struct engine *eng, struct asking *as, double t, int quiet)
{
    if (as->recording)
        take_pause(eng, 0);
    double d = countdown_resume(&as->clock, t);
    count_pause(eng, as->a, d);
    if (!quiet)
        engine_notice(eng, NOTICE_RESUMED, d, NULL);
}

/* The process is about to stand still (Ctrl-Z): the recording pauses first,
 * so that nothing of the stopped time is recorded or counted as lost. */
static void about_to_stop(struct engine *eng, const struct asking *as)
{
    if (as->recording && !as->clock.paused)
        take_pause(eng, 1);
}

/* The process stood still for d seconds (stopped, then continued): that time
 * is a pause that has already ended, unless a pause under way covers it. The
 * recording resumes from now (paused first when the stop came from outside,
 * unannounced), so that nothing captured before is kept. */
static void stood_still(struct engine *eng, struct asking *as, double d)
{
    if (!as->clock.paused) {
        as->clock.paused_total += d;
        count_pause(eng, as->a, d);
        if (as->recording) {
            take_pause(eng, 1);
            take_pause(eng, 0);
        }
    }
    engine_notice(eng, NOTICE_STOPPED, d, NULL);
}

static void account(struct engine *eng, struct asking *as, double t)
{
    struct transcript_answer *a = as->a;
    a->elapsed_s = countdown_elapsed(&as->clock, t);
    a->overtime_s =
        eng->sc->settings.overtime == OVERTIME_SOFT && a->limit_s > 0 && a->elapsed_s > a->limit_s
            ? a->elapsed_s - a->limit_s
            : 0;
}

/* The line typed but not entered, or NULL. */
static const char *partial(struct engine *eng, int take)
{
    const char *p = eng->input.partial ? eng->input.partial(eng->input.ctx, take) : NULL;
    return p != NULL && *p != '\0' ? p : NULL;
}

/* Appends a typed line to the answer's text, or to the typed note beside a
 * spoken answer's recording, which keeps its text for the transcription.
 * Returns REH_OK or REH_ENOMEM (err set). */
static int keep_line(struct transcript_answer *a, int recording, const char *line, struct diag *err)
{
    int rc = recording ? transcript_append_note(a, line) : transcript_append_line(a, line);
    return rc == REH_OK ? REH_OK : out_of_memory(err);
}

/* The line typed but not entered, taken from the editor into the answer. */
static int keep_partial(struct engine *eng, struct asking *as, struct diag *err)
{
    const char *unentered = partial(eng, 1);
    return unentered != NULL ? keep_line(as->a, as->recording, unentered, err) : REH_OK;
}

/* Ends the answer with `outcome`: the line being typed is kept, the pause
 * and the recording end, the time used and the key terms named are
 * measured. Returns REH_OK or REH_ENOMEM; the answer is ended either way. */
static int finish(struct engine *eng, struct asking *as, double t, enum answer_outcome outcome,
                  struct diag *err)
{
    int rc = keep_partial(eng, as, err);
    if (as->clock.paused)
        resume_clock(eng, as, t, 1);
    account(eng, as, t);
    if (as->recording)
        take_stop(eng, as->a, &as->recording, as->a->elapsed_s - as->takes_s);
    as->a->outcome = outcome;
    as->ended = 1;
    const struct question *q = eng->plan->items[eng->index].q;
    if (rc == REH_OK && q->n_key_terms > 0 && as->a->follow_up == 0 &&
        transcript_measure_coverage(as->a, q, eng->recorder.lexicon) != REH_OK)
        rc = out_of_memory(err);
    return rc;
}

/* Saves through the sink; a failure the sink reports (not running out of
 * memory, which ends the session) is also shown. */
static int save(struct engine *eng, struct diag *err)
{
    int rc = eng->sink.save(eng->sink.ctx, eng->t, err);
    if (rc != REH_OK && rc != REH_ENOMEM)
        engine_notice(eng, NOTICE_SAVE_FAILED, 0, err->message);
    return rc;
}

/* Saves the answer in progress with the line being typed, which stays in the
 * editor: the answer's text (or typed note) is restored afterwards. */
static int autosave(struct engine *eng, struct asking *as, struct diag *err)
{
    struct transcript_answer *a = as->a;
    const char *unentered = partial(eng, 0);
    size_t len = a->text_len, note_len = a->typed_note ? strlen(a->typed_note) : 0;
    int had_note = a->typed_note != NULL;
    if (unentered != NULL && keep_line(a, as->recording, unentered, err) != REH_OK)
        return REH_ENOMEM;
    int rc = save(eng, err);
    if (unentered != NULL && as->recording && had_note) {
        a->typed_note[note_len] = '\0';
    } else if (unentered != NULL && as->recording) {
        free(a->typed_note);
        a->typed_note = NULL;
    } else if (unentered != NULL) {
        a->text[len] = '\0';
        a->text_len = len;
    }
    return rc;
}

/* Whether the answer's time is over at t: its limit is reached, and soft
 * overtime (which runs on until the budget ends) does not hold it. */
static int time_over(const struct engine *eng, const struct asking *as, double t)
{
    return t >= deadline(eng, as) &&
           !(eng->sc->settings.overtime == OVERTIME_SOFT && t < eng->budget_deadline);
}

/* Gives the warnings due at time t and ends the answer when its time is
 * over (hard limit, or soft overtime past the budget). */
static int check_time(struct engine *eng, struct asking *as, double t, struct diag *err)
{
    const struct scenario *sc = eng->sc;
    double dl = deadline(eng, as);
    size_t i;
    if (as->clock.paused)
        return REH_OK;
    while (countdown_due(sc->settings.warnings_s, sc->settings.n_warnings, as->a->limit_s, dl, t,
                         &as->warned, &i))
        if (t < dl)
            engine_notice(eng, NOTICE_WARNING, sc->settings.warnings_s[i], NULL);
    while (countdown_due(BUDGET_WARNINGS_S, N_BUDGET_WARNINGS, budget_of(eng), eng->budget_deadline,
                         t, &eng->budget_warned, &i))
        if (t < eng->budget_deadline)
            engine_notice(eng, NOTICE_BUDGET, BUDGET_WARNINGS_S[i], NULL);
    if (!(eng->budget_warned & 1u << N_BUDGET_WARNINGS) && t >= eng->budget_deadline) {
        eng->budget_warned |= 1u << N_BUDGET_WARNINGS;
        engine_notice(eng, NOTICE_BUDGET_OVER, 0, NULL);
    }
    if (t < dl)
        return REH_OK;
    if (!time_over(eng, as, t)) {
        if (!as->over_noticed)
            engine_notice(eng, NOTICE_OVERTIME, 0, NULL);
        as->over_noticed = 1;
        return REH_OK;
    }
    engine_notice(eng, NOTICE_TIME_UP, 0, NULL);
    return finish(eng, as, t, OUTCOME_TIMED_OUT, err);
}

/* The next moment something is due: a tick, a save, a warning, the limit. */
static double next_wake(const struct engine *eng, const struct asking *as, double t)
{
    double next = countdown_earliest(as->next_tick, as->next_save), dl = deadline(eng, as);
    if (as->clock.paused)
        return next;
    /* soft overtime ends with the budget */
    next = countdown_earliest(next, t < dl ? dl : eng->budget_deadline);
    next = countdown_next_warning(eng->sc->settings.warnings_s, eng->sc->settings.n_warnings,
                                  as->a->limit_s, dl, as->warned, next);
    return countdown_next_warning(BUDGET_WARNINGS_S, N_BUDGET_WARNINGS, budget_of(eng),
                                  eng->budget_deadline, eng->budget_warned, next);
}

/* How a submitted answer ends: a spoken one is answered by what was said,
 * a typed one only by some text. */
static enum answer_outcome submitted(const struct asking *as)
{
    return as->a->text_len > 0 || as->recording ? OUTCOME_ANSWERED : OUTCOME_SKIPPED;
}

/* /retake: the answer so far becomes an earlier take and the answer starts
 * afresh, within the same limit (its clock runs on). */
static int retake(struct engine *eng, struct asking *as, double t, struct diag *err)
{
    struct transcript_answer *a = as->a;
    if (a->n_takes + 1 >= eng->sc->settings.max_takes) {
        engine_notice(eng, NOTICE_NO_RETAKE, eng->sc->settings.max_takes, NULL);
        return REH_OK;
    }
    if (as->clock.paused) {
        engine_notice(eng, NOTICE_STILL_PAUSED, as->recording, NULL);
        return REH_OK;
    }
    if (keep_partial(eng, as, err) != REH_OK)
        return REH_ENOMEM;
    int was_recording = as->recording;
    account(eng, as, t);
    if (as->recording)
        take_stop(eng, as->a, &as->recording, a->elapsed_s - as->takes_s);
    if (transcript_new_take(a, a->elapsed_s - as->takes_s) != REH_OK)
        return out_of_memory(err);
    as->takes_s = a->elapsed_s;
    engine_notice(eng, NOTICE_RETAKE, (double)a->n_takes + 1, NULL);
    return was_recording ? take_start(eng, a, &as->recording, err) : REH_OK;
}

/* /edit: the answer so far, with the line being typed, is opened in the
 * user's editor while its clock runs on, and what is saved there becomes
 * the answer; when the time ran out meanwhile, that is what times out.
 * Returns REH_OK or REH_ENOMEM (err set). */
static int edit(struct engine *eng, struct asking *as, struct diag *err)
{
    struct transcript_answer *a = as->a;
    if (as->recording || eng->input.edit == NULL) {
        engine_notice(eng, NOTICE_NO_EDIT, as->recording, NULL);
        return REH_OK;
    }
    if (as->clock.paused) {
        engine_notice(eng, NOTICE_STILL_PAUSED, 0, NULL);
        return REH_OK;
    }
    if (keep_partial(eng, as, err) != REH_OK)
        return REH_ENOMEM;
    char *edited = NULL;
    struct diag why = {0};
    int rc = eng->input.edit(eng->input.ctx, a->text != NULL ? a->text : "", &edited, &why);
    if (rc == REH_ENOMEM)
        return out_of_memory(err);
    if (rc != REH_OK) {
        engine_notice(eng, NOTICE_EDIT_FAILED, 0, why.message);
        return REH_OK;
    }
    rc = transcript_set(&a->text, edited);
    free(edited);
    if (rc != REH_OK)
        return out_of_memory(err);
    a->text_len = strlen(a->text);
    engine_notice(eng, NOTICE_EDITED, time_over(eng, as, eng->clock.now(eng->clock.ctx)), a->text);
    return REH_OK;
}

/* Handles one line of the answer. */
static int on_line(struct engine *eng, struct asking *as, const char *line, double t,
                   struct diag *err)
{
    struct command_line c = command_parse(line, PHASE_ANSWER, as->recording);
    enum quit_verdict quit = quit_line(eng, line, c.command);
    if (quit == QUIT_HELD)
        return REH_OK;
    if (quit == QUIT_END) {
        as->stop = 1;
        return finish(eng, as, t, OUTCOME_ABORTED, err);
    }
    switch (c.command) {
    case COMMAND_TEXT: /* refused while paused: answers are given on the clock */
        if (as->clock.paused)
            engine_notice(eng, NOTICE_STILL_PAUSED, as->recording, NULL);
        else if (keep_line(as->a, as->recording, c.arg, err) != REH_OK)
            return REH_ENOMEM;
        break;
    case COMMAND_DONE:
        return finish(eng, as, t, submitted(as), err);
    case COMMAND_SKIP:
        return finish(eng, as, t, OUTCOME_SKIPPED, err);
    case COMMAND_QUIT: /* quit_line has it */
        break;
    case COMMAND_REPEAT:
        eng->view.question(eng->view.ctx, eng, 1);
        break;
    case COMMAND_PAUSE:
        if (as->clock.paused)
            resume_clock(eng, as, t, 0);
        else
            pause_clock(eng, as, t);
        break;
    case COMMAND_RESUME:
        if (as->clock.paused)
            resume_clock(eng, as, t, 0);
        break;
    case COMMAND_TIME:
        tick(eng, as, t, 1);
        break;
    case COMMAND_RETAKE:
        return retake(eng, as, t, err);
    case COMMAND_EDIT:
        return edit(eng, as, err);
    case COMMAND_HELP:
        engine_notice(eng, NOTICE_HELP, 0, NULL);
        break;
    case COMMAND_UNKNOWN:
        engine_notice(eng, NOTICE_UNKNOWN_COMMAND, 0, c.arg);
        break;
    }
    return REH_OK;
}

/* Acts on one input event of the answer. */
static int on_input(struct engine *eng, struct asking *as, const struct input_event *ev, double t,
                    struct diag *err)
{
    switch (ev->kind) {
    case INPUT_TIMEOUT:
        break;
    case INPUT_LINE:
        return on_line(eng, as, ev->line, t, err);
    case INPUT_SUBMIT:
        return finish(eng, as, t, submitted(as), err);
    case INPUT_END:
        as->stop = 1;
        return finish(eng, as, t,
                      as->a->text_len > 0 || as->recording ? OUTCOME_ANSWERED : OUTCOME_ABORTED,
                      err);
    case INPUT_QUIT:
        if (quit_ask(eng, 1) == QUIT_HELD)
            break;
        /* fall through */
    case INPUT_INTERRUPT:
        as->stop = 1;
        return finish(eng, as, t, OUTCOME_ABORTED, err);
    case INPUT_STOP:
        about_to_stop(eng, as);
        break;
    case INPUT_CONTINUE:
        stood_still(eng, as, ev->stopped_s);
        break;
    }
    return REH_OK;
}

/* The ticks and autosaves due at t. */
static int on_time(struct engine *eng, struct asking *as, double t, struct diag *err)
{
    int rc = REH_OK;
    if (t >= as->next_tick) {
        as->next_tick = countdown_next_tick(as->next_tick, tick_period(as), t);
        rc = take_check(eng, as->a, &as->recording, err);
        if (rc == REH_OK)
            tick(eng, as, t, 0);
    }
    if (rc == REH_OK && t >= as->next_save) {
        as->next_save = t + ENGINE_AUTOSAVE_S;
        account(eng, as, t);
        rc = autosave(eng, as, err);
    }
    return rc;
}

/* The answer clock, from the end of the prelude until the answer ends. */
static int answer(struct engine *eng, struct asking *as, double t, struct diag *err)
{
    int rc = take_start(eng, as->a, &as->recording, err);
    struct transcript_answer *a = as->a;
    if (!as->recording && a->typed_note != NULL) {
        /* Not recorded after all: the line typed to start it is its text. */
        free(a->text);
        a->text = a->typed_note;
        a->text_len = strlen(a->text);
        a->typed_note = NULL;
    }
    as->next_tick = t + tick_period(as);
    as->next_save = t + ENGINE_AUTOSAVE_S;
    if (rc == REH_OK)
        tick(eng, as, t, 0);
    while (rc == REH_OK && (rc = check_time(eng, as, t, err)) == REH_OK && !as->ended) {
        struct input_event ev = {0};
        eng->input.wait(eng->input.ctx, next_wake(eng, as, t), &ev);
        t = eng->clock.now(eng->clock.ctx);
        rc = on_input(eng, as, &ev, t, err);
        if (rc == REH_OK && !as->ended)
            rc = on_time(eng, as, t, err);
    }
    return rc;
}

int engine_ask(struct engine *eng, struct transcript_answer *a, int *stop, struct diag *err)
{
    const char *line;
    eng->quit_asked = 0;
    eng->view.question(eng->view.ctx, eng, 0);
    enum answer_outcome before = prelude_run(eng, a, &line);
    double t = eng->clock.now(eng->clock.ctx);
    struct asking as = {.a = a, .clock = {t, a->limit_s, .in_budget = a->follow_up > 0}};
    int rc = line != NULL ? keep_line(a, a->mode == MODE_SPOKEN, line, err) : REH_OK;
    if (rc == REH_OK && before != OUTCOME_IN_PROGRESS) {
        as.stop = before == OUTCOME_ABORTED;
        rc = finish(eng, &as, t, before, err);
    } else if (rc == REH_OK) {
        rc = answer(eng, &as, t, err);
    }
    if (!as.ended) {
        struct diag ignored; /* err keeps the first failure */
        finish(eng, &as, eng->clock.now(eng->clock.ctx), OUTCOME_ABORTED, &ignored);
    }
    *stop = as.stop;
    eng->timed_out = a->outcome == OUTCOME_TIMED_OUT;
    eng->view.answer_end(eng->view.ctx, eng, a);
    return rc == REH_OK ? save(eng, err) : rc;
}

static int set_wall(struct engine *eng, char **field)
{
    char now[ENGINE_TIME_STRING];
    eng->clock.wall(eng->clock.ctx, now);
    return transcript_set(field, now);
}

int engine_run(struct engine *eng, struct diag *err)
{
    struct transcript *t = eng->t;
    int rc = t->started_at == NULL ? set_wall(eng, &t->started_at) : REH_OK, stopped = 0;
    if (rc == REH_OK)
        rc = transcript_set(&t->ended_at, NULL);
    if (rc != REH_OK)
        return out_of_memory(err);
    t->status = SESSION_IN_PROGRESS;

    eng->view.intro(eng->view.ctx, eng);
    follow_up_intro(eng);
    stopped = prelude_intro(eng);
    eng->budget_deadline = eng->clock.now(eng->clock.ctx) + budget_of(eng);
    rc = stopped ? REH_OK : save(eng, err);
    for (eng->index = eng->resume_from; rc == REH_OK && !stopped && eng->index < eng->plan->n_items;
         eng->index++) {
        if (prelude_transition(eng)) {
            stopped = 1;
            break;
        }
        if (eng->clock.now(eng->clock.ctx) >= eng->budget_deadline) {
            eng->not_reached = eng->plan->n_items - eng->index;
            break;
        }
        struct transcript_answer *a =
            transcript_begin_answer(t, eng->sc, &eng->plan->items[eng->index]);
        if (a == NULL) {
            rc = out_of_memory(err);
            break;
        }
        rc = engine_ask(eng, a, &stopped, err);
        if (rc == REH_OK && !stopped)
            rc = follow_up_ask(eng, a, &stopped, err);
        if (rc == REH_OK && !stopped)
            stopped = prelude_reveal(eng, a);
    }
    int complete = rc == REH_OK && t->n_answers > 0 &&
                   follow_up_last(&t->answers[t->n_answers - 1])->outcome != OUTCOME_ABORTED &&
                   (t->n_answers == eng->plan->n_items || eng->not_reached > 0);
    t->status = complete ? SESSION_COMPLETED : SESSION_ABORTED;
    if (set_wall(eng, &t->ended_at) != REH_OK && rc == REH_OK)
        rc = out_of_memory(err);
    if (rc == REH_OK) {
        rc = save(eng, err);
    } else {
        struct diag ignored;                        /* err keeps the first failure */
        eng->sink.save(eng->sink.ctx, t, &ignored); /* the record as far as it goes, if it can */
    }
    eng->view.summary(eng->view.ctx, eng);
    return rc;
}
