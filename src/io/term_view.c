/* term_view: text of the interview screen. Colour only on a terminal and
 * without NO_COLOR; the countdown lives in the readline prompt, so it ticks
 * without disturbing what is typed. */
#include "term_view.h"
#include "../core/duration.h"
#include "../core/strbuf.h"
#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOLD   "1"
#define YELLOW "33"
#define AMBER  "38;5;214"
#define RED    "31"
#define DIM    "2"

/* Prints one line of the interview through term_view_say. */
#define say(v, sgr, ...) term_view_say((v)->term, (sgr), __VA_ARGS__)

void term_view_say(struct terminal *term, const char *sgr, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *shown = text_for_terminal(text);
    if (shown == NULL)
        return; /* out of memory: nothing is shown rather than raw text */
    if (sgr != NULL && terminal_color(term))
        terminal_printf(term, "\033[%sm%s\033[0m\n", sgr, shown);
    else
        terminal_printf(term, "%s\n", shown);
    free(shown);
}

/* An error message on stderr, its control characters shown. */
static void warn(struct term_view *v, const char *message)
{
    char *shown = text_for_terminal(message);
    terminal_error(v->term, shown != NULL ? shown : "out of memory");
    free(shown);
}

/* Whether the plan asks typed answers, spoken ones, or both. */
static void plan_modes(const struct engine *eng, int *typed, int *spoken)
{
    *typed = *spoken = 0;
    for (size_t i = 0; i < eng->plan->n_items; i++) {
        *typed |= eng->plan->items[i].mode == MODE_TYPED;
        *spoken |= eng->plan->items[i].mode == MODE_SPOKEN;
    }
}

static void view_intro(void *ctx, const struct engine *eng)
{
    struct term_view *v = ctx;
    char budget[16];
    int typed, spoken;
    plan_modes(eng, &typed, &spoken);
    say(v, BOLD, "%s", eng->sc->title);
    if (eng->sc->description != NULL)
        say(v, NULL, "%s", eng->sc->description);
    say(v, NULL, "%zu questions, budget %s, overtime %s, answers %s.", eng->plan->n_items,
        duration_format(eng->sc->budget_s, budget, sizeof budget),
        overtime_names[eng->sc->settings.overtime],
        typed && spoken ? "typed and spoken"
        : spoken        ? "spoken"
                        : "typed");
    if (typed)
        say(v, NULL,
            "Type your answer; Enter starts a new line. /done (or Ctrl-D on an empty line) "
            "submits it.");
    if (spoken)
        say(v, NULL,
            "Speak your answer while it records; Enter (or /done) submits it, s skips, "
            "p pauses, q quits.");
    say(v, NULL, "Commands: /skip /repeat /pause /time%s /quit /help",
        eng->sc->settings.max_takes > 1 ? " /retake" : "");
    if (eng->sc->settings.max_takes > 1)
        say(v, NULL, "/retake starts the answer again within its limit, up to %u takes.",
            eng->sc->settings.max_takes);
    if (v->voice_off != NULL)
        say(v, YELLOW, "Questions will not be read aloud: %s.", v->voice_off);
    say(v, DIM, "Saving to %s", v->dir);
    if (eng->wait_for_start)
        say(v, BOLD, "Press Enter to start.");
}

static void view_question(void *ctx, const struct engine *eng, int repeat)
{
    struct term_view *v = ctx;
    const struct plan_item *it = &eng->plan->items[eng->index];
    const struct transcript_answer *f = eng->follow_up;
    char limit[16];
    if (!repeat)
        say(v, NULL, "%s", "");
    if (f != NULL) { /* under its question's number */
        say(v, BOLD, "[%zu/%zu] Follow-up (%u of %u) - %s", eng->index + 1, eng->plan->n_items,
            f->follow_up, eng->follow_ups_most, duration_limit(f->limit_s, limit, sizeof limit));
        say(v, NULL, "%s", f->question);
        return;
    }
    say(v, BOLD, "[%zu/%zu] %s - %s", eng->index + 1, eng->plan->n_items,
        eng->sc->sections[it->section].title, duration_limit(it->limit_s, limit, sizeof limit));
    say(v, NULL, "%s", it->q->text);
}

/* Each take's recording binds the single keys while it lasts; its pauses
 * show in the prompt ("[paused]"), where p resumes. */
static void view_recording(void *ctx, const struct engine *eng, enum engine_recording what)
{
    struct term_view *v = ctx;
    if (what == RECORDING_STARTED) {
        v->silence_told = 0;
        terminal_command_keys(v->term, 1);
        say(v, BOLD, "Recording: speak your answer. Enter stops, s skips, p pauses,%s q quits.",
            eng->sc->settings.max_takes > 1 ? " r takes it again," : "");
    } else if (what == RECORDING_STOPPED) {
        terminal_command_keys(v->term, 0);
    }
}

/* The colour of the countdown: amber from the first warning the question
 * gives on (those shorter than its limit, as the engine gives them), red
 * from the last one and in overtime. */
static const char *countdown_color(const struct engine *eng, const struct engine_tick *tick)
{
    const struct scenario *sc = eng->sc;
    unsigned limit =
        eng->follow_up != NULL ? eng->follow_up->limit_s : eng->plan->items[eng->index].limit_s;
    size_t first = 0;
    while (first < sc->settings.n_warnings && sc->settings.warnings_s[first] >= limit)
        first++; /* warnings are largest first */
    if (tick->thinking || limit == 0 || first == sc->settings.n_warnings)
        return NULL;
    if (tick->remaining_s <= sc->settings.warnings_s[sc->settings.n_warnings - 1])
        return RED;
    return tick->remaining_s <= sc->settings.warnings_s[first] ? AMBER : NULL;
}

static void ring(struct term_view *v)
{
    if (v->bell && terminal_interactive(v->term))
        terminal_printf(v->term, "\a");
}

/* The level meter of the answer being recorded, or "" when none is. */
static void meter(struct term_view *v, const struct engine_tick *tick, char *out, size_t size)
{
    const struct engine_meter *m = &tick->meter;
    char bar[21];
    out[0] = '\0';
    if (!tick->recording)
        return;
    if (m->silence_s >= 5) {
        snprintf(out, size, " no signal ");
        if (!v->silence_told && !terminal_interactive(v->term))
            say(v, YELLOW, "No signal from the microphone for 5 s: is it muted?");
        v->silence_told = 1;
        return;
    }
    level_bar(m->level.rms_db, bar, sizeof bar - 1);
    snprintf(out, size, " %s %4.0f dB ", bar, m->level.peak_db);
}

static void view_tick(void *ctx, const struct engine *eng, const struct engine_tick *tick)
{
    struct term_view *v = ctx;
    char left[16], budget[16], prompt[192], level[48], on[24] = "", off[8] = "";
    const char *color = countdown_color(eng, tick);
    if (color != NULL && terminal_color(v->term)) {
        /* \001 and \002 tell readline the escape sequences take no room. */
        snprintf(on, sizeof on, "\001\033[%sm\002", color);
        snprintf(off, sizeof off, "\001\033[0m\002");
    }
    duration_clock(tick->remaining_s > 0 ? tick->remaining_s + 0.999 : tick->remaining_s, left,
                   sizeof left);
    duration_clock(tick->budget_left_s > 0 ? tick->budget_left_s + 0.999 : 0, budget,
                   sizeof budget);
    if (tick->asked) {
        if (isinf(tick->remaining_s))
            say(v, NULL, "No limit on this question; %s of the interview left%s.", budget,
                tick->paused ? " (paused)" : "");
        else if (tick->remaining_s >= 0)
            say(v, NULL, "%s left on this question, %s of the interview%s.", left, budget,
                tick->paused ? " (paused)" : "");
        else
            say(v, NULL, "%s over the limit, %s of the interview left.", left, budget);
        return;
    }
    meter(v, tick, level, sizeof level);
    if (tick->paused)
        snprintf(prompt, sizeof prompt, "[paused] > ");
    else if (tick->thinking)
        snprintf(prompt, sizeof prompt, "[think %s | %s] Enter to answer > ", left, budget);
    else if (isinf(tick->remaining_s))
        snprintf(prompt, sizeof prompt, "[%s%s left]%s> ", level[0] ? "REC " : "", budget,
                 level[0] ? level : " ");
    else
        snprintf(prompt, sizeof prompt, "[%s%s%s%s%s | %s]%s> ", level[0] ? "REC " : "", on,
                 tick->remaining_s < 0 ? "+" : "", left, off, budget, level[0] ? level : " ");
    terminal_set_prompt(v->term, prompt);
}

/* Text of any length, without its last line breaks, its control
 * characters shown. */
static void say_text(struct term_view *v, const char *text)
{
    char *shown = text_for_terminal(text);
    size_t n = shown != NULL ? strlen(shown) : 0;
    while (n > 0 && shown[n - 1] == '\n')
        n--;
    if (shown != NULL)
        terminal_printf(v->term, "%.*s\n", (int)n, shown);
    free(shown);
}

/* Says what b holds followed by the key terms of c named and missed, the
 * missed ones with their other spellings in q (NULL: none), on one line:
 * "named 1 of 3: a; missed: b (or bee), c". */
static void say_terms(struct term_view *v, struct strbuf *b, const struct transcript_coverage *c,
                      const struct question *q)
{
    char *named = transcript_terms_named(c, q);
    if (named != NULL)
        strbuf_printf(b, "%s", named);
    free(named);
    char *line = named != NULL ? strbuf_finish(b) : NULL;
    if (line != NULL)
        say(v, NULL, "%s", line);
    free(line);
}

/* Study: the model answer, key points and key terms of the question just
 * answered; `wait`: Enter goes on. */
static void reveal(struct term_view *v, const struct engine *eng, int wait)
{
    const struct question *q = eng->plan->items[eng->index].q;
    const struct transcript_coverage *c = &eng->t->answers[eng->t->n_answers - 1].coverage;
    say(v, NULL, "%s", "");
    say(v, BOLD, "Model answer");
    say_text(v,
             q->model_answer != NULL ? q->model_answer : "(The bank has none for this question.)");
    if (q->n_key_points > 0)
        say(v, BOLD, "Key points");
    for (size_t i = 0; i < q->n_key_points; i++)
        say(v, NULL, "  - %s", q->key_points[i]);
    if (c->n_terms > 0) {
        struct strbuf b = {0};
        strbuf_printf(&b, "Key terms: ");
        say_terms(v, &b, c, q);
    }
    if (wait)
        say(v, DIM, "Enter goes on to the next question (the clock is stopped while you read).");
}

static void view_notice(void *ctx, const struct engine *eng, enum engine_notice n, double value,
                        const char *text)
{
    struct term_view *v = ctx;
    char t[16];
    (void)eng;
    duration_clock(value, t, sizeof t);
    switch (n) {
    case NOTICE_WARNING:
        say(v, YELLOW, "-- %s left --", t);
        ring(v);
        break;
    case NOTICE_TIME_UP:
        say(v, RED, "-- Time is up. --");
        ring(v);
        break;
    case NOTICE_NEXT_SOON:
        say(v, DIM, "Next question in %.0f s; Enter shows it now.", value);
        break;
    case NOTICE_OVERTIME:
        say(v, RED, "-- Time is up: you are in overtime. /done when you have finished. --");
        ring(v);
        break;
    case NOTICE_THINK:
        say(v, DIM, "Take %s to think; Enter starts your answer earlier.",
            duration_format((unsigned)value, t, sizeof t));
        break;
    case NOTICE_ANSWER_NOW:
        say(v, BOLD, "-- Answer now. --");
        break;
    case NOTICE_RETAKE:
        say(v, BOLD, "-- Take %.0f: start again; the earlier take is kept. --", value);
        break;
    case NOTICE_NO_RETAKE:
        say(v, YELLOW, "No retakes left: this scenario allows %.0f take%s per answer.", value,
            value == 1 ? "" : "s");
        break;
    case NOTICE_VOICE:
        say(v, DIM, "(Questions are not read aloud: %s.)", text);
        break;
    case NOTICE_STOPPED:
        say(v, YELLOW, "Stopped for %.0f s; the clocks were paused.", value);
        break;
    case NOTICE_BUDGET:
        say(v, YELLOW, "-- %s left in the interview. --", t);
        break;
    case NOTICE_BUDGET_OVER:
        say(v, RED, "-- The interview time is over: this is the last question. --");
        break;
    case NOTICE_PAUSED:
        say(v, YELLOW, "Paused: the clocks are stopped. %s again to resume.",
            value > 0 ? "p" : "/pause");
        break;
    case NOTICE_RESUMED:
        say(v, NULL, "Resumed after a pause of %s.", t);
        break;
    case NOTICE_STILL_PAUSED:
        say(v, YELLOW, "Not taken: answers are given on the clock, which is paused; %s resumes it.",
            value > 0 ? "p" : "/pause");
        break;
    case NOTICE_UNKNOWN_COMMAND:
        say(v, YELLOW,
            "Unknown command %s: /help lists the commands; start a line with // to type a '/'.",
            text);
        break;
    case NOTICE_HELP:
        say(v, NULL,
            "/done submit the answer (or Ctrl-D on an empty line)   /skip skip it\n"
            "/repeat show the question again   /pause stop or restart the clocks\n"
            "/time time left   /quit end the interview, keeping everything\n"
            "/retake start the answer again, when the scenario allows more takes\n"
            "/edit open a typed answer in $VISUAL or $EDITOR (the clock runs on)\n"
            "A line starting with // is typed with a single '/'.");
        break;
    case NOTICE_SPOKEN_TYPED:
        say(v, DIM,
            "(This question is meant to be spoken; recording is not available here, so "
            "answer it typed.)");
        break;
    case NOTICE_RECORDING:
        say(v, RED, "No recording: %s. Type your answer instead.", text);
        break;
    case NOTICE_SAVE_FAILED:
        warn(v, text);
        break;
    case NOTICE_CONFIRM_QUIT:
        say(v, YELLOW, "End the interview? %s or y to end; Enter to go on.",
            value > 0 ? "Ctrl-C again (within 2 s), /quit" : "/quit again");
        break;
    case NOTICE_GOING_ON:
        say(v, NULL, "Going on.");
        break;
    case NOTICE_GENERATING:
        say(v, DIM, "The interviewer is thinking...");
        break;
    case NOTICE_GENERATE_FAILED:
        say(v, YELLOW,
            "No follow-up from the local model: %s. The scenario's own follow-ups are "
            "asked instead.",
            text);
        break;
    case NOTICE_NO_INTERVIEWER:
        say(v, DIM,
            "(No interviewer is configured to write follow-ups: the scenario's own are asked. "
            "See `interviewer:` in config.yaml.)");
        break;
    case NOTICE_UNTRANSCRIBED:
        say(v, DIM, "(This answer is transcribed after the interview: %s.)", text);
        break;
    case NOTICE_REVEAL:
        reveal(v, eng, value > 0);
        break;
    case NOTICE_EDITED:
        say(v, DIM, "Your answer so far, as saved in the editor:");
        say_text(v, *text != '\0' ? text : "(nothing)");
        if (value > 0)
            say(v, YELLOW,
                "The time ran out while you were in the editor: what you saved is "
                "your answer.");
        else
            say(v, DIM, "(Go on typing, or /done submits it.)");
        break;
    case NOTICE_EDIT_FAILED:
        say(v, YELLOW, "Not edited, the answer is as it was: %s.", text);
        break;
    case NOTICE_NO_EDIT:
        say(v, YELLOW, "%s",
            value > 0 ? "/edit is for typed answers: this one is being recorded."
                      : "/edit needs a terminal: here the answer comes from a "
                        "pipe.");
        break;
    }
}

static void view_answer_end(void *ctx, const struct engine *eng, const struct transcript_answer *a)
{
    struct term_view *v = ctx;
    char used[16];
    (void)eng;
    terminal_set_prompt(v->term, "> ");
    duration_clock(a->elapsed_s, used, sizeof used);
    if (a->audio.file != NULL) {
        char len[16];
        say(v, DIM, "Recorded %s into %s.", duration_clock(a->audio.duration_s, len, sizeof len),
            a->audio.file);
        if (a->audio.dropped_frames > 0 || a->audio.input_overflows > 0)
            say(v, YELLOW, "Warning: %llu frames of audio were lost (%llu input overflows).",
                (unsigned long long)a->audio.dropped_frames,
                (unsigned long long)a->audio.input_overflows);
    }
    switch (a->outcome) {
    case OUTCOME_ANSWERED:
        say(v, DIM, "Answered in %s.", used);
        break;
    case OUTCOME_TIMED_OUT:
        say(v, DIM, "Timed out after %s; what you typed is kept.", used);
        break;
    case OUTCOME_SKIPPED:
        say(v, DIM, "Skipped.");
        break;
    default:
        say(v, DIM, "Stopped after %s; what you typed is kept.", used);
        break;
    }
}

/* Whether answer a gave something to look for its key terms in. */
static int has_key_terms(const struct transcript_answer *a)
{
    return a->coverage.n_terms > 0 && (a->text_len > 0 || a->audio.file != NULL);
}

/* The key terms answer a of t named and missed, on one line. A recording
 * has no text to look in until it is transcribed. */
static void key_terms(struct term_view *v, const struct transcript *t,
                      const struct transcript_answer *a)
{
    const struct transcript_coverage *c = &a->coverage;
    struct question recorded;
    struct strbuf b = {0};
    if (a->audio.file != NULL && a->text_len == 0) {
        say(v, NULL, "  %u. recorded: named below, once it is transcribed", a->n);
        return;
    }
    strbuf_printf(&b, "  %u. ", a->n);
    say_terms(v, &b, c, transcript_recorded_question(t, a, &recorded));
}

/* Adds the time answer a and its follow-ups used, and their limits, to
 * *used and *limit; *unlimited is set when one of them has no limit. */
static void add_time(const struct transcript_answer *a, double *used, double *limit, int *unlimited)
{
    *used += a->elapsed_s;
    *limit += a->limit_s;
    *unlimited |= a->limit_s == 0;
    for (size_t k = 0; k < a->n_follow_ups; k++)
        add_time(&a->follow_ups[k], used, limit, unlimited);
}

/* How the follow-ups asked ended, on one line; nothing when none was. */
static void follow_ups_line(struct term_view *v, const struct transcript *t)
{
    unsigned asked = 0, counts[OUTCOME_ABORTED + 1] = {0};
    for (size_t i = 0; i < t->n_answers; i++)
        for (size_t k = 0; k < t->answers[i].n_follow_ups; k++, asked++)
            counts[t->answers[i].follow_ups[k].outcome]++;
    if (asked > 0)
        say(v, NULL, "Follow-ups: %u asked, %u answered, %u timed out, %u skipped.", asked,
            counts[OUTCOME_ANSWERED], counts[OUTCOME_TIMED_OUT], counts[OUTCOME_SKIPPED]);
}

static void view_summary(void *ctx, const struct engine *eng)
{
    struct term_view *v = ctx;
    const struct transcript *t = eng->t;
    struct transcript_totals totals = transcript_count(t);
    const unsigned *counts = totals.outcomes;
    char a[16], b[16];
    terminal_set_prompt(v->term, ""); /* the interview is over: nothing is typed */
    say(v, NULL, "%s", "");
    say(v, BOLD, "Interview %s: %u answered, %u timed out, %u skipped, of %zu questions.",
        session_status_names[t->status], counts[OUTCOME_ANSWERED], counts[OUTCOME_TIMED_OUT],
        counts[OUTCOME_SKIPPED], eng->plan->n_items);
    follow_ups_line(v, t);
    if (eng->not_reached > 0)
        say(v, NULL, "The time budget ran out: %zu question%s not reached.", eng->not_reached,
            eng->not_reached == 1 ? " was" : "s were");
    say(v, NULL, "Time used %s of %s.", duration_clock(totals.used_s, a, sizeof a),
        duration_clock(eng->sc->budget_s, b, sizeof b));
    for (size_t i = 0; i < t->n_answers; i++) {
        const char *section = t->answers[i].section;
        double sec_used = 0, sec_limit = 0;
        int first = 1, unlimited = 0;
        for (size_t j = 0; j < t->n_answers; j++) {
            if (strcmp(t->answers[j].section, section) != 0)
                continue;
            first &= j >= i;
            add_time(&t->answers[j], &sec_used, &sec_limit, &unlimited);
        }
        if (first)
            say(v, NULL, "  %-32s %s / %s", section, duration_clock(sec_used, a, sizeof a),
                duration_limit(unlimited ? 0 : (unsigned)sec_limit, b, sizeof b));
    }
    int terms = 0;
    for (size_t i = 0; i < t->n_answers; i++)
        terms |= has_key_terms(&t->answers[i]);
    if (terms)
        say(v, NULL, "Key terms, answer by answer:");
    for (size_t i = 0; i < t->n_answers; i++)
        if (has_key_terms(&t->answers[i]))
            key_terms(v, t, &t->answers[i]);
    say(v, NULL, "Transcript: %s/transcript.md", v->dir);
    if (t->status == SESSION_ABORTED &&
        (t->n_answers < eng->plan->n_items || transcript_last_unanswered(t)))
        say(v, BOLD, "To go on where you stopped: rehearse resume %s", t->id);
}

struct engine_view term_view_ops(struct term_view *view)
{
    return (struct engine_view){
        .intro = view_intro,
        .question = view_question,
        .tick = view_tick,
        .notice = view_notice,
        .answer_end = view_answer_end,
        .summary = view_summary,
        .recording = view_recording,
        .ctx = view,
    };
}
