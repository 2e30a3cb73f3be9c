/* prelude: the intro's wait and each question's reading and think time. */
#include "prelude.h"
#include "command.h"
#include "countdown.h"
#include "quit.h"

#include <math.h>

/* Waits until `end` (INFINITY: for a line) for the user to go on: Enter, a
 * line of text or /done go on at once, /help lists the commands. A process
 * that stood still moves a finite `end` and the budget. Returns 1 when the
 * user left (/quit, the end of input, a signal). */
static int hold(struct engine *eng, double end)
{
    for (double t = eng->clock.now(eng->clock.ctx); t < end; t = eng->clock.now(eng->clock.ctx)) {
        struct input_event ev = {0};
        eng->input.wait(eng->input.ctx, end, &ev);
        if (ev.kind == INPUT_SUBMIT)
            return 0;
        if (ev.kind == INPUT_END || ev.kind == INPUT_INTERRUPT)
            return 1;
        if (ev.kind == INPUT_QUIT && quit_ask(eng, 1) == QUIT_END)
            return 1;
        if (ev.kind == INPUT_CONTINUE && isfinite(end)) {
            eng->t->paused_s += ev.stopped_s;
            eng->budget_deadline += ev.stopped_s;
            end += ev.stopped_s;
            engine_notice(eng, NOTICE_STOPPED, ev.stopped_s, NULL);
        }
        if (ev.kind != INPUT_LINE)
            continue;
        struct command_line c = command_parse(ev.line, PHASE_INTRO, 0);
        enum quit_verdict quit = quit_line(eng, ev.line, c.command);
        if (quit == QUIT_END)
            return 1;
        if (quit == QUIT_HELD)
            continue;
        if (c.command == COMMAND_TEXT || c.command == COMMAND_DONE)
            return 0;
        if (c.command == COMMAND_HELP)
            engine_notice(eng, NOTICE_HELP, 0, NULL);
        else
            engine_notice(eng, NOTICE_UNKNOWN_COMMAND, 0, c.arg);
    }
    return 0;
}

int prelude_intro(struct engine *eng)
{
    return eng->wait_for_start ? hold(eng, INFINITY) : 0;
}

int prelude_reveal(struct engine *eng, const struct transcript_answer *a)
{
    if (eng->sc->settings.reveal != REVEAL_AFTER_ANSWER || a->outcome == OUTCOME_ABORTED)
        return 0;
    double t = eng->clock.now(eng->clock.ctx);
    engine_notice(eng, NOTICE_REVEAL, eng->wait_for_start, NULL);
    if (!eng->wait_for_start)
        return 0;
    int left = hold(eng, INFINITY);
    double studied = eng->clock.now(eng->clock.ctx) - t; /* off the clock */
    eng->budget_deadline += studied;
    eng->t->paused_s += studied;
    return left;
}

int prelude_transition(struct engine *eng)
{
    double t = eng->clock.now(eng->clock.ctx);
    int after_time_up = eng->timed_out;
    eng->timed_out = 0;
    if (!after_time_up || eng->transition_s <= 0 || t >= eng->budget_deadline)
        return 0;
    engine_notice(eng, NOTICE_NEXT_SOON, eng->transition_s, NULL);
    return hold(eng, countdown_earliest(t + eng->transition_s, eng->budget_deadline));
}

/* Starts reading the question aloud; a voice that fails is said once and
 * stays silent from then on. */
static void start_voice(struct engine *eng, const struct transcript_answer *a)
{
    struct diag e;
    if (eng->voice.start != NULL && eng->voice.start(eng->voice.ctx, a->question, &e) != REH_OK) {
        engine_notice(eng, NOTICE_VOICE, 0, e.message);
        eng->voice.start = NULL;
    }
}

static int voice_speaking(const struct engine *eng)
{
    return eng->voice.start != NULL && eng->voice.speaking(eng->voice.ctx);
}

/* A line before the answer clock starts: Enter (or /done) starts the answer
 * early, a line of text starts it with that line, and /skip, /quit, /repeat
 * and /help work. Returns 1 when the prelude is over. */
static int prelude_line(struct engine *eng, const struct transcript_answer *a, const char *line,
                        enum answer_outcome *outcome, const char **text)
{
    struct command_line c = command_parse(line, PHASE_PRELUDE, a->mode == MODE_SPOKEN);
    enum quit_verdict quit = quit_line(eng, line, c.command);
    if (quit == QUIT_HELD)
        return 0;
    if (quit == QUIT_END) {
        *outcome = OUTCOME_ABORTED;
        return 1;
    }
    switch (c.command) {
    case COMMAND_TEXT:
        *text = c.arg[0] != '\0' ? c.arg : NULL;
        return 1;
    case COMMAND_SKIP:
        *outcome = OUTCOME_SKIPPED;
        return 1;
    case COMMAND_QUIT: /* quit_line has it */
        return 0;
    case COMMAND_DONE:
        return 1;
    case COMMAND_REPEAT:
        eng->view.question(eng->view.ctx, eng, 1);
        return 0;
    case COMMAND_HELP:
        engine_notice(eng, NOTICE_HELP, 0, NULL);
        return 0;
    default: /* unknown, or a command of the answer (the phase does not accept it) */
        engine_notice(eng, NOTICE_UNKNOWN_COMMAND, 0, c.arg);
        return 0;
    }
}

enum answer_outcome prelude_run(struct engine *eng, struct transcript_answer *a, const char **line)
{
    /* a follow-up is answered at once, as in an interview */
    unsigned think_s = a->follow_up ? 0 : eng->plan->items[eng->index].think_s;
    double t = eng->clock.now(eng->clock.ctx), think_start = t, think_end = t;
    enum answer_outcome outcome = OUTCOME_IN_PROGRESS;
    int thinking = 0, done = 0;

    *line = NULL;
    start_voice(eng, a);
    while (!done) {
        if (!thinking && !voice_speaking(eng)) {
            if (think_s == 0 || t >= eng->budget_deadline)
                break;
            thinking = 1;
            think_start = t;
            think_end = countdown_earliest(t + think_s, eng->budget_deadline);
            engine_notice(eng, NOTICE_THINK, think_s, NULL);
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
        double wake =
            thinking ? countdown_earliest(think_end, t + ENGINE_TICK_S) : t + ENGINE_METER_S;
        struct input_event ev = {0};
        eng->input.wait(eng->input.ctx, wake, &ev);
        t = eng->clock.now(eng->clock.ctx);
        if (ev.kind == INPUT_LINE && ev.line[0] == '\0' && voice_speaking(eng))
            eng->voice.stop(eng->voice.ctx); /* Enter cuts the reading; the think time follows */
        else if (ev.kind == INPUT_LINE)
            done = prelude_line(eng, a, ev.line, &outcome, line);
        else if (ev.kind == INPUT_SUBMIT)
            done = 1;
        else if (ev.kind == INPUT_END || ev.kind == INPUT_INTERRUPT ||
                 (ev.kind == INPUT_QUIT && quit_ask(eng, 1) == QUIT_END))
            done = 1, outcome = OUTCOME_ABORTED;
        else if (ev.kind == INPUT_CONTINUE) {
            /* the stopped time counts neither as thinking nor against the budget */
            eng->t->paused_s += ev.stopped_s;
            eng->budget_deadline += ev.stopped_s;
            think_start += ev.stopped_s;
            think_end += ev.stopped_s;
            engine_notice(eng, NOTICE_STOPPED, ev.stopped_s, NULL);
        }
    }
    if (voice_speaking(eng))
        eng->voice.stop(eng->voice.ctx);
    if (thinking)
        a->think_s = t - think_start;
    if (think_s > 0 && outcome == OUTCOME_IN_PROGRESS)
        engine_notice(eng, NOTICE_ANSWER_NOW, 0, NULL);
    return outcome;
}
