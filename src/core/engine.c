/* engine: the interview loop. Every wait is for an absolute deadline on the
 * monotonic clock (start + limit + paused time), so delays in one wake-up
 * never accumulate over a 45-minute session. */
#include "engine.h"
#include "command.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const unsigned BUDGET_WARNINGS_S[] = {300, 60};
#define N_BUDGET_WARNINGS (sizeof BUDGET_WARNINGS_S / sizeof BUDGET_WARNINGS_S[0])

enum ask_result {
    ASK_NEXT,   /* go on with the next question */
    ASK_STOP,   /* the session ends: quit, interrupt or end of input */
    ASK_FAILED, /* saving failed; err is set */
};

/* The answer being asked. */
struct asking {
    struct transcript_answer *a;
    double start;        /* monotonic time the question was shown */
    double paused_total; /* pauses so far */
    double pause_start;
    int paused;
    unsigned warned; /* bit i: scenario warning i was given */
    int over_noticed;
    int recording;  /* a spoken answer being recorded */
    double takes_s; /* answering time used by the earlier takes */
    double tick_s;  /* how often the view is redrawn */
    double next_tick, next_save;
};

/* The time this run of the session has (less than the scenario's budget
 * when resumed). */
static double budget_of(const struct engine *eng)
{
    return eng->budget_s > 0 ? eng->budget_s : eng->sc->budget_s;
}

static void notice(struct engine *eng, enum engine_notice n, double value, const char *text)
{
    eng->view.notice(eng->view.ctx, eng, n, value, text);
}

/* The end of the answer: its limit, or the budget's end when it has none. */
static double deadline(const struct engine *eng, const struct asking *as)
{
    if (as->a->limit_s == 0)
        return eng->budget_deadline;
    return as->start + as->a->limit_s + as->paused_total;
}

/* The clock as the user sees it: frozen while paused. */
static double frozen(const struct asking *as, double t)
{
    return as->paused ? as->pause_start : t;
}

static void tick(struct engine *eng, const struct asking *as, double t, int asked)
{
    double f = frozen(as, t);
    struct engine_tick st = {.remaining_s = as->a->limit_s ? deadline(eng, as) - f : INFINITY,
                             .budget_left_s = eng->budget_deadline - f,
                             .paused = as->paused,
                             .asked = asked,
                             .recording = as->recording,
                             .meter = {{LEVEL_FLOOR_DB, LEVEL_FLOOR_DB}, 0}};
    if (as->recording && eng->recorder.meter != NULL)
        st.meter = eng->recorder.meter(eng->recorder.ctx);
    eng->view.tick(eng->view.ctx, eng, &st);
}

static void recording_event(struct engine *eng, enum engine_recording what)
{
    if (eng->view.recording != NULL)
        eng->view.recording(eng->view.ctx, eng, what);
}

/* Pauses or resumes the recorder, and tells the view. */
static void pause_recording(struct engine *eng, int paused)
{
    eng->recorder.pause(eng->recorder.ctx, paused);
    recording_event(eng, paused ? RECORDING_PAUSED : RECORDING_RESUMED);
}

static void pause_clock(struct engine *eng, struct asking *as, double t)
{
    if (as->recording)
        pause_recording(eng, 1);
    as->paused = 1;
    as->pause_start = t;
    notice(eng, NOTICE_PAUSED, 0, NULL);
}

/* Adds d seconds of pause to the answer, the session and the budget. */
static void add_pause(struct engine *eng, struct asking *as, double d)
{
    as->paused_total += d;
    as->a->paused_s += d;
    eng->t->paused_s += d;
    eng->budget_deadline += d;
}

static void resume_clock(struct engine *eng, struct asking *as, double t, int quiet)
{
    double d = t - as->pause_start;
    if (as->recording)
        pause_recording(eng, 0);
    as->paused = 0;
    add_pause(eng, as, d);
    if (!quiet)
        notice(eng, NOTICE_RESUMED, d, NULL);
}

/* The process is about to stand still (Ctrl-Z): the recording pauses first,
 * so that nothing of the stopped time is recorded or counted as lost. */
static void about_to_stop(struct engine *eng, const struct asking *as)
{
    if (as->recording && !as->paused)
        pause_recording(eng, 1);
}

/* The process stood still for d seconds (stopped, then continued): that time
 * is a pause that has already ended, unless a pause under way covers it. The
 * recording resumes from now (paused first when the stop came from outside,
 * unannounced), so that nothing captured before is kept. */
static void stood_still(struct engine *eng, struct asking *as, double d)
{
    if (!as->paused) {
        add_pause(eng, as, d);
        if (as->recording) {
            pause_recording(eng, 1);
            pause_recording(eng, 0);
        }
    }
    notice(eng, NOTICE_STOPPED, d, NULL);
}

static void account(struct engine *eng, struct asking *as, double t)
{
    double elapsed = frozen(as, t) - as->start - as->paused_total;
    struct transcript_answer *a = as->a;
    a->elapsed_s = elapsed > 0 ? elapsed : 0;
    a->overtime_s = eng->sc->overtime == OVERTIME_SOFT && a->limit_s > 0 && elapsed > a->limit_s
                        ? elapsed - a->limit_s
                        : 0;
}

/* The line typed but not entered, or NULL. */
static const char *partial(struct engine *eng, int take)
{
    const char *p = eng->input.partial ? eng->input.partial(eng->input.ctx, take) : NULL;
    return p != NULL && *p != '\0' ? p : NULL;
}

/* Appends a typed line to the answer's text, or to the typed note beside a
 * spoken answer's recording, which keeps its text for the transcription. */
static int add_line(struct transcript_answer *a, int recording, const char *line)
{
    return recording ? transcript_append_note(a, line) : transcript_append_line(a, line);
}

static void keep_line(struct engine *eng, struct transcript_answer *a, int recording,
                      const char *line)
{
    if (add_line(a, recording, line) != REH_OK)
        notice(eng, NOTICE_SAVE_FAILED, 0, "out of memory: the last line was not kept");
}

/* Ends the recording of the answer, filling its audio fields (what was
 * recorded is kept whatever it returns), and tells the view. */
static int end_recording(struct engine *eng, struct asking *as, struct diag *err)
{
    as->recording = 0;
    int rc = eng->recorder.stop(eng->recorder.ctx, as->a, err);
    recording_event(eng, RECORDING_STOPPED);
    return rc;
}

static void stop_recording(struct engine *eng, struct asking *as)
{
    struct diag e;
    if (end_recording(eng, as, &e) != REH_OK)
        notice(eng, NOTICE_RECORDING, 0, e.message);
}

static void finish(struct engine *eng, struct asking *as, double t, enum answer_outcome outcome)
{
    const char *unentered = partial(eng, 1);
    if (unentered != NULL)
        keep_line(eng, as->a, as->recording, unentered);
    if (as->paused)
        resume_clock(eng, as, t, 1);
    if (as->recording)
        stop_recording(eng, as);
    account(eng, as, t);
    as->a->outcome = outcome;
    const struct question *q = eng->plan->items[eng->index].q;
    if (q->n_key_terms > 0 &&
        transcript_measure_coverage(as->a, q->key_terms, q->n_key_terms) != REH_OK)
        notice(eng, NOTICE_SAVE_FAILED, 0, "out of memory: key terms not measured");
}

static int save(struct engine *eng, struct diag *err)
{
    int rc = eng->sink.save(eng->sink.ctx, eng->t, err);
    if (rc != REH_OK)
        notice(eng, NOTICE_SAVE_FAILED, 0, err->message);
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
    int appended = unentered != NULL && add_line(a, as->recording, unentered) == REH_OK;
    int rc = save(eng, err);
    if (appended && as->recording && had_note) {
        a->typed_note[note_len] = '\0';
    } else if (appended && as->recording) {
        free(a->typed_note);
        a->typed_note = NULL;
    } else if (appended) {
        a->text[len] = '\0';
        a->text_len = len;
    }
    return rc;
}

/* Gives the warnings due at time t and reports whether the answer's time is
 * over (hard limit, or soft overtime past the budget). */
static int check_time(struct engine *eng, struct asking *as, double t)
{
    const struct scenario *sc = eng->sc;
    double dl = deadline(eng, as);
    if (as->paused)
        return 0;
    for (size_t i = 0; i < sc->n_warnings; i++) {
        unsigned w = sc->warnings_s[i];
        if (!(as->warned & 1u << i) && w < as->a->limit_s && t >= dl - w) {
            as->warned |= 1u << i;
            if (t < dl)
                notice(eng, NOTICE_WARNING, w, NULL);
        }
    }
    for (size_t i = 0; i < N_BUDGET_WARNINGS; i++) {
        unsigned b = BUDGET_WARNINGS_S[i];
        if (!(eng->budget_warned & 1u << i) && budget_of(eng) > b &&
            t >= eng->budget_deadline - b) {
            eng->budget_warned |= 1u << i;
            if (t < eng->budget_deadline)
                notice(eng, NOTICE_BUDGET, b, NULL);
        }
    }
    if (!(eng->budget_warned & 1u << N_BUDGET_WARNINGS) && t >= eng->budget_deadline) {
        eng->budget_warned |= 1u << N_BUDGET_WARNINGS;
        notice(eng, NOTICE_BUDGET_OVER, 0, NULL);
    }
    if (t < dl)
        return 0;
    if (sc->overtime == OVERTIME_SOFT && t < eng->budget_deadline) {
        if (!as->over_noticed)
            notice(eng, NOTICE_OVERTIME, 0, NULL);
        as->over_noticed = 1;
        return 0;
    }
    notice(eng, NOTICE_TIME_UP, 0, NULL);
    finish(eng, as, t, OUTCOME_TIMED_OUT);
    return 1;
}

static double earliest(double a, double b)
{
    return a < b ? a : b;
}

/* The next moment something is due: a tick, a save, a warning, the limit. */
static double next_wake(const struct engine *eng, const struct asking *as, double t)
{
    double next = earliest(as->next_tick, as->next_save), dl = deadline(eng, as);
    if (as->paused)
        return next;
    if (t < dl)
        next = earliest(next, dl);
    else
        next = earliest(next, eng->budget_deadline); /* soft overtime ends with the budget */
    for (size_t i = 0; i < eng->sc->n_warnings; i++)
        if (!(as->warned & 1u << i) && eng->sc->warnings_s[i] < as->a->limit_s)
            next = earliest(next, dl - eng->sc->warnings_s[i]);
    for (size_t i = 0; i < N_BUDGET_WARNINGS; i++)
        if (!(eng->budget_warned & 1u << i) && budget_of(eng) > BUDGET_WARNINGS_S[i])
            next = earliest(next, eng->budget_deadline - BUDGET_WARNINGS_S[i]);
    return next;
}

/* How a submitted answer ends: a spoken one is answered by what was said,
 * a typed one only by some text. */
static enum answer_outcome submitted(const struct asking *as)
{
    return as->a->text_len > 0 || as->recording ? OUTCOME_ANSWERED : OUTCOME_SKIPPED;
}

/* Starts recording a spoken answer; returns 1 when it is recorded, 0 when
 * it is to be answered typed instead (and says why). */
static int start_recording(struct engine *eng, struct transcript_answer *a)
{
    struct diag e;
    if (a->mode != MODE_SPOKEN)
        return 0;
    if (eng->recorder.start == NULL) {
        notice(eng, NOTICE_SPOKEN_TYPED, 0, NULL);
    } else if (eng->recorder.start(eng->recorder.ctx, a, &e) != REH_OK) {
        notice(eng, NOTICE_RECORDING, 0, e.message);
    } else {
        recording_event(eng, RECORDING_STARTED);
        return 1;
    }
    a->mode = MODE_TYPED;
    return 0;
}

/* /retake: the answer so far becomes an earlier take and the answer starts
 * afresh, within the same limit (its clock runs on). */
static void retake(struct engine *eng, struct asking *as, double t)
{
    struct transcript_answer *a = as->a;
    if (a->n_takes + 1 >= eng->sc->max_takes) {
        notice(eng, NOTICE_NO_RETAKE, eng->sc->max_takes, NULL);
        return;
    }
    if (as->paused) {
        notice(eng, NOTICE_STILL_PAUSED, 0, NULL);
        return;
    }
    const char *unentered = partial(eng, 1);
    if (unentered != NULL)
        keep_line(eng, a, as->recording, unentered);
    int was_recording = as->recording;
    if (as->recording)
        stop_recording(eng, as);
    account(eng, as, t);
    if (transcript_new_take(a, a->elapsed_s - as->takes_s) != REH_OK) {
        notice(eng, NOTICE_SAVE_FAILED, 0, "out of memory: the answer was not taken again");
        return;
    }
    as->takes_s = a->elapsed_s;
    notice(eng, NOTICE_RETAKE, (double)a->n_takes + 1, NULL);
    if (was_recording) {
        as->recording = start_recording(eng, a);
        as->tick_s = as->recording ? ENGINE_METER_S : ENGINE_TICK_S;
    }
}

/* Handles one line; returns 1 when it ends the answer. */
static int on_line(struct engine *eng, struct asking *as, const char *line, double t, int *stop)
{
    struct command_line c = command_parse(line, PHASE_ANSWER, as->recording);
    switch (c.command) {
    case COMMAND_TEXT:
        keep_line(eng, as->a, as->recording, c.arg);
        if (as->paused)
            notice(eng, NOTICE_STILL_PAUSED, 0, NULL);
        return 0;
    case COMMAND_DONE:
        finish(eng, as, t, submitted(as));
        return 1;
    case COMMAND_SKIP:
        finish(eng, as, t, OUTCOME_SKIPPED);
        return 1;
    case COMMAND_QUIT:
        finish(eng, as, t, OUTCOME_ABORTED);
        *stop = 1;
        return 1;
    case COMMAND_REPEAT:
        eng->view.question(eng->view.ctx, eng, 1);
        return 0;
    case COMMAND_PAUSE:
        if (as->paused)
            resume_clock(eng, as, t, 0);
        else
            pause_clock(eng, as, t);
        return 0;
    case COMMAND_RESUME:
        if (as->paused)
            resume_clock(eng, as, t, 0);
        return 0;
    case COMMAND_TIME:
        tick(eng, as, t, 1);
        return 0;
    case COMMAND_RETAKE:
        retake(eng, as, t);
        return 0;
    case COMMAND_HELP:
        notice(eng, NOTICE_HELP, 0, NULL);
        return 0;
    case COMMAND_UNKNOWN:
        break;
    }
    notice(eng, NOTICE_UNKNOWN_COMMAND, 0, c.arg);
    return 0;
}

/* A failed device ends the recording and the answer goes on typed; a
 * recording that cannot be written ends the session, as a failed save does.
 * Returns REH_OK, or REH_EIO with err set. */
static int check_recording(struct engine *eng, struct asking *as, struct diag *err)
{
    struct diag e;
    if (!as->recording)
        return REH_OK;
    if (eng->recorder.written(eng->recorder.ctx, err) != REH_OK) {
        end_recording(eng, as, &e); /* keeps what was written; err says why */
        return REH_EIO;
    }
    if (eng->recorder.check(eng->recorder.ctx, &e) == REH_OK)
        return REH_OK;
    notice(eng, NOTICE_RECORDING, 0, e.message);
    stop_recording(eng, as);
    as->a->mode = MODE_TYPED;
    as->tick_s = ENGINE_TICK_S;
    return REH_OK;
}

/* Starts reading the question aloud; a voice that fails is said once and
 * stays silent from then on. */
static void start_voice(struct engine *eng, const struct transcript_answer *a)
{
    struct diag e;
    if (eng->voice.start != NULL && eng->voice.start(eng->voice.ctx, a->question, &e) != REH_OK) {
        notice(eng, NOTICE_VOICE, 0, e.message);
        eng->voice.start = NULL;
    }
}

static int voice_speaking(const struct engine *eng)
{
    return eng->voice.start != NULL && eng->voice.speaking(eng->voice.ctx);
}

/* A line before the answer clock starts: Enter (or Ctrl-D) starts the answer
 * early, a line of text starts it with that line, and /skip, /quit, /repeat
 * and /help work. Returns 1 when the prelude is over. */
static int prelude_line(struct engine *eng, struct transcript_answer *a, const char *line,
                        enum answer_outcome *outcome)
{
    struct command_line c = command_parse(line, PHASE_PRELUDE, a->mode == MODE_SPOKEN);
    switch (c.command) {
    case COMMAND_TEXT:
        if (c.arg[0] != '\0') /* a spoken answer's recording starts next */
            keep_line(eng, a, a->mode == MODE_SPOKEN, c.arg);
        return 1;
    case COMMAND_SKIP:
        *outcome = OUTCOME_SKIPPED;
        return 1;
    case COMMAND_QUIT:
        *outcome = OUTCOME_ABORTED;
        return 1;
    case COMMAND_DONE:
        return 1;
    case COMMAND_REPEAT:
        eng->view.question(eng->view.ctx, eng, 1);
        return 0;
    case COMMAND_HELP:
        notice(eng, NOTICE_HELP, 0, NULL);
        return 0;
    default: /* unknown, or a command of the answer (the phase does not accept it) */
        notice(eng, NOTICE_UNKNOWN_COMMAND, 0, c.arg);
        return 0;
    }
}

/* Before the answer clock starts: the question read aloud, then the think
 * time, each cut short by Enter (a line of text starts the answer at once).
 * Returns OUTCOME_IN_PROGRESS to go on with
 * the answer, or how it ended before it began (skipped, aborted). */
static enum answer_outcome prelude(struct engine *eng, struct transcript_answer *a)
{
    unsigned think_s = eng->plan->items[eng->index].think_s;
    double t = eng->clock.now(eng->clock.ctx), think_start = t, think_end = t;
    enum answer_outcome outcome = OUTCOME_IN_PROGRESS;
    int thinking = 0, done = 0;

    start_voice(eng, a);
    while (!done) {
        if (!thinking && !voice_speaking(eng)) {
            if (think_s == 0 || t >= eng->budget_deadline)
                break;
            thinking = 1;
            think_start = t;
            think_end = earliest(t + think_s, eng->budget_deadline);
            notice(eng, NOTICE_THINK, think_s, NULL);
        }
        if (thinking) {
            struct engine_tick st = {.remaining_s = think_end - t,
                                     .budget_left_s = eng->budget_deadline - t,
                                     .thinking = 1};
            if (t >= think_end)
                break;
            eng->view.tick(eng->view.ctx, eng, &st);
        }
        /* A wake-up every tick for the countdown, more often to see the
         * reading end. */
        double wake = thinking ? earliest(think_end, t + ENGINE_TICK_S) : t + ENGINE_METER_S;
        struct input_event ev = {0};
        eng->input.wait(eng->input.ctx, wake, &ev);
        t = eng->clock.now(eng->clock.ctx);
        if (ev.kind == INPUT_LINE && ev.line[0] == '\0' && voice_speaking(eng))
            eng->voice.stop(eng->voice.ctx); /* Enter cuts the reading; the think time follows */
        else if (ev.kind == INPUT_LINE)
            done = prelude_line(eng, a, ev.line, &outcome);
        else if (ev.kind == INPUT_SUBMIT)
            done = 1;
        else if (ev.kind == INPUT_END || ev.kind == INPUT_INTERRUPT)
            done = 1, outcome = OUTCOME_ABORTED;
        else if (ev.kind == INPUT_CONTINUE) {
            /* the stopped time counts neither as thinking nor against the budget */
            eng->t->paused_s += ev.stopped_s;
            eng->budget_deadline += ev.stopped_s;
            think_start += ev.stopped_s;
            think_end += ev.stopped_s;
            notice(eng, NOTICE_STOPPED, ev.stopped_s, NULL);
        }
    }
    if (voice_speaking(eng))
        eng->voice.stop(eng->voice.ctx);
    if (thinking)
        a->think_s = t - think_start;
    if (think_s > 0 && outcome == OUTCOME_IN_PROGRESS)
        notice(eng, NOTICE_ANSWER_NOW, 0, NULL);
    return outcome;
}

static enum ask_result ask(struct engine *eng, struct transcript_answer *a, struct diag *err)
{
    struct asking as = {.a = a};
    int stop = 0;

    eng->view.question(eng->view.ctx, eng, 0);
    enum answer_outcome before = prelude(eng, a);
    double t = eng->clock.now(eng->clock.ctx);
    as.start = t;
    if (before != OUTCOME_IN_PROGRESS) {
        finish(eng, &as, t, before);
        return before == OUTCOME_ABORTED ? ASK_STOP : ASK_NEXT;
    }
    as.recording = start_recording(eng, a);
    if (!as.recording && a->typed_note != NULL) {
        /* Not recorded after all: the line typed to start it is its text. */
        free(a->text);
        a->text = a->typed_note;
        a->text_len = strlen(a->text);
        a->typed_note = NULL;
    }
    as.tick_s = as.recording ? ENGINE_METER_S : ENGINE_TICK_S;
    as.next_tick = t + as.tick_s;
    as.next_save = t + ENGINE_AUTOSAVE_S;
    tick(eng, &as, t, 0);
    for (;;) {
        if (check_time(eng, &as, t))
            return ASK_NEXT;
        struct input_event ev = {0};
        eng->input.wait(eng->input.ctx, next_wake(eng, &as, t), &ev);
        t = eng->clock.now(eng->clock.ctx);
        switch (ev.kind) {
        case INPUT_TIMEOUT:
            break;
        case INPUT_LINE:
            if (on_line(eng, &as, ev.line, t, &stop))
                return stop ? ASK_STOP : ASK_NEXT;
            break;
        case INPUT_SUBMIT:
            finish(eng, &as, t, submitted(&as));
            return ASK_NEXT;
        case INPUT_END:
            finish(eng, &as, t,
                   a->text_len > 0 || as.recording ? OUTCOME_ANSWERED : OUTCOME_ABORTED);
            return ASK_STOP;
        case INPUT_INTERRUPT:
            finish(eng, &as, t, OUTCOME_ABORTED);
            return ASK_STOP;
        case INPUT_STOP:
            about_to_stop(eng, &as);
            break;
        case INPUT_CONTINUE:
            stood_still(eng, &as, ev.stopped_s);
            break;
        }
        if (t >= as.next_tick) {
            /* Whole periods after the start, skipping any that were missed. */
            as.next_tick += as.tick_s * ceil((t - as.next_tick + 1e-9) / as.tick_s);
            if (check_recording(eng, &as, err) != REH_OK) {
                finish(eng, &as, t, OUTCOME_ABORTED);
                return ASK_FAILED;
            }
            tick(eng, &as, t, 0);
        }
        if (t >= as.next_save) {
            as.next_save = t + ENGINE_AUTOSAVE_S;
            account(eng, &as, t);
            if (autosave(eng, &as, err) != REH_OK) {
                finish(eng, &as, t, OUTCOME_ABORTED);
                return ASK_FAILED;
            }
        }
    }
}

/* The intro: waits for a line when asked to (Enter, text or /done start,
 * /help lists the commands); returns 0 to start, 1 when the user left
 * before the first question. */
static int wait_for_start(struct engine *eng)
{
    while (eng->wait_for_start) {
        struct input_event ev = {0};
        eng->input.wait(eng->input.ctx, INFINITY, &ev);
        if (ev.kind == INPUT_SUBMIT)
            return 0;
        if (ev.kind == INPUT_END || ev.kind == INPUT_INTERRUPT)
            return 1;
        if (ev.kind != INPUT_LINE)
            continue;
        struct command_line c = command_parse(ev.line, PHASE_INTRO, 0);
        if (c.command == COMMAND_TEXT || c.command == COMMAND_DONE)
            return 0;
        if (c.command == COMMAND_QUIT)
            return 1;
        if (c.command == COMMAND_HELP)
            notice(eng, NOTICE_HELP, 0, NULL);
        else
            notice(eng, NOTICE_UNKNOWN_COMMAND, 0, c.arg);
    }
    return 0;
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
        return diag_set(err, rc, "out of memory");
    t->status = SESSION_IN_PROGRESS;

    eng->view.intro(eng->view.ctx, eng);
    stopped = wait_for_start(eng);
    eng->budget_deadline = eng->clock.now(eng->clock.ctx) + budget_of(eng);
    rc = stopped ? REH_OK : save(eng, err);
    for (eng->index = eng->resume_from; rc == REH_OK && !stopped && eng->index < eng->plan->n_items;
         eng->index++) {
        if (eng->clock.now(eng->clock.ctx) >= eng->budget_deadline) {
            eng->not_reached = eng->plan->n_items - eng->index;
            break;
        }
        struct transcript_answer *a =
            transcript_begin_answer(t, eng->sc, &eng->plan->items[eng->index]);
        if (a == NULL) {
            rc = diag_set(err, REH_ENOMEM, "out of memory");
            break;
        }
        enum ask_result r = ask(eng, a, err);
        eng->view.answer_end(eng->view.ctx, eng, a);
        if (r == ASK_FAILED) {
            rc = REH_EIO;
            break;
        }
        stopped = r == ASK_STOP;
        rc = save(eng, err);
    }
    int complete = rc == REH_OK && t->n_answers > 0 &&
                   t->answers[t->n_answers - 1].outcome != OUTCOME_ABORTED &&
                   (t->n_answers == eng->plan->n_items || eng->not_reached > 0);
    t->status = complete ? SESSION_COMPLETED : SESSION_ABORTED;
    if (set_wall(eng, &t->ended_at) != REH_OK && rc == REH_OK)
        rc = diag_set(err, REH_ENOMEM, "out of memory");
    if (rc == REH_OK) {
        rc = save(eng, err);
    } else {
        struct diag ignored;                        /* err keeps the first failure */
        eng->sink.save(eng->sink.ctx, t, &ignored); /* the record as far as it goes, if it can */
    }
    eng->view.summary(eng->view.ctx, eng);
    return rc;
}
