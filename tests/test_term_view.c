/* Tests of the interview screen against a fake terminal: the exact text of
 * the intro, the questions, the countdown prompt, every notice and the
 * recording's events. The fake terminal defines the functions of
 * io/terminal.h that the view calls, so the real one is not linked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/term_view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct terminal {
    int tty, color;
    char out[8192];
    size_t len;
};

void terminal_printf(struct terminal *term, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    term->len += (size_t)vsnprintf(term->out + term->len, sizeof term->out - term->len, fmt, ap);
    va_end(ap);
}

int terminal_color(const struct terminal *term)
{
    return term->color;
}

int terminal_interactive(const struct terminal *term)
{
    return term->tty;
}

void terminal_set_prompt(struct terminal *term, const char *prompt)
{
    terminal_printf(term, "[prompt %s]\n", prompt);
}

void terminal_command_keys(struct terminal *term, int on)
{
    terminal_printf(term, "[keys %s]\n", on ? "on" : "off");
}

void terminal_error(struct terminal *term, const char *message)
{
    terminal_printf(term, "[stderr rehearse: %s]\n", message);
}

static struct question Q1 = {.id = "q1", .text = "What is a join?"};
static struct question Q2 = {.id = "q2", .text = "Explain a lake\033[2J."};
static struct scenario_section SECTIONS[] = {{.title = "Warm-up"}};
static struct plan_item ITEMS[] = {
    {.section = 0, .q = &Q1, .limit_s = 120, .mode = MODE_TYPED},
    {.section = 0, .q = &Q2, .limit_s = 0, .mode = MODE_SPOKEN},
};

/* A scenario of two questions (a typed one of 2 minutes, a spoken one
 * without a limit), 10 minutes, warnings at 60 and 15 s, two takes. */
struct screen {
    struct terminal term;
    struct scenario sc;
    struct plan plan;
    struct transcript t;
    struct engine eng;
    struct term_view view;
    struct engine_view ops;
};

static void open_screen(struct screen *s, int tty, int color)
{
    memset(s, 0, sizeof *s);
    s->term = (struct terminal){.tty = tty, .color = color};
    s->sc = (struct scenario){.title = "Mock",
                              .description = "A short mock.",
                              .budget_s = 600,
                              .settings.overtime = OVERTIME_HARD,
                              .settings.warnings_s = {60, 15},
                              .settings.n_warnings = 2,
                              .settings.max_takes = 2,
                              .sections = SECTIONS,
                              .n_sections = 1};
    s->plan = (struct plan){.items = ITEMS, .n_items = 2};
    s->eng = (struct engine){.sc = &s->sc, .plan = &s->plan, .t = &s->t, .wait_for_start = 1};
    s->view = (struct term_view){.term = &s->term, .dir = "/home/s", .bell = 1};
    s->ops = term_view_ops(&s->view);
}

/* What was written since the last call, then forgotten. */
static const char *written(struct screen *s)
{
    static char copy[8192];
    snprintf(copy, sizeof copy, "%s", s->term.out);
    s->term.len = 0;
    s->term.out[0] = '\0';
    return copy;
}

static void tick(struct screen *s, struct engine_tick t)
{
    s->ops.tick(s->ops.ctx, &s->eng, &t);
}

static void notice(struct screen *s, enum engine_notice n, double value, const char *text)
{
    s->ops.notice(s->ops.ctx, &s->eng, n, value, text);
}

static void intro_and_questions(void **state)
{
    (void)state;
    struct screen s;
    open_screen(&s, 0, 0);
    s.ops.intro(s.ops.ctx, &s.eng);
    assert_string_equal(written(&s),
                        "Mock\n"
                        "A short mock.\n"
                        "2 questions, budget 10m, overtime hard, answers typed and spoken.\n"
                        "Type your answer; Enter starts a new line. /done (or Ctrl-D on an empty "
                        "line) submits it.\n"
                        "Speak your answer while it records; Enter (or /done) submits it, s "
                        "skips, p pauses, q quits.\n"
                        "Commands: /skip /repeat /pause /time /retake /quit /help\n"
                        "/retake starts the answer again within its limit, up to 2 takes.\n"
                        "Saving to /home/s\n"
                        "Press Enter to start.\n");
    s.ops.question(s.ops.ctx, &s.eng, 0);
    assert_string_equal(written(&s), "\n[1/2] Warm-up - 2:00\nWhat is a join?\n");
    s.eng.index = 1;
    s.ops.question(s.ops.ctx, &s.eng, 1); /* /repeat: no blank line; controls shown */
    assert_string_equal(written(&s), "[2/2] Warm-up - no limit\nExplain a lake^[[2J.\n");

    /* in colour: bold title, dim path */
    open_screen(&s, 1, 1);
    s.sc.settings.max_takes = 1;
    s.sc.description = NULL;
    s.ops.intro(s.ops.ctx, &s.eng);
    assert_string_equal(written(&s),
                        "\033[1mMock\033[0m\n"
                        "2 questions, budget 10m, overtime hard, answers typed and spoken.\n"
                        "Type your answer; Enter starts a new line. /done (or Ctrl-D on an empty "
                        "line) submits it.\n"
                        "Speak your answer while it records; Enter (or /done) submits it, s "
                        "skips, p pauses, q quits.\n"
                        "Commands: /skip /repeat /pause /time /quit /help\n"
                        "\033[2mSaving to /home/s\033[0m\n"
                        "\033[1mPress Enter to start.\033[0m\n");
}

/* The intro explains only the modes the plan asks for. */
static void intro_of_one_mode(void **state)
{
    (void)state;
    struct screen s;
    open_screen(&s, 0, 0);
    s.sc.description = NULL;
    s.sc.settings.max_takes = 1;
    s.eng.wait_for_start = 0;
    s.plan.items = &ITEMS[1]; /* spoken only */
    s.plan.n_items = 1;
    s.ops.intro(s.ops.ctx, &s.eng);
    assert_string_equal(written(&s),
                        "Mock\n"
                        "1 questions, budget 10m, overtime hard, answers spoken.\n"
                        "Speak your answer while it records; Enter (or /done) submits it, s "
                        "skips, p pauses, q quits.\n"
                        "Commands: /skip /repeat /pause /time /quit /help\n"
                        "Saving to /home/s\n");
    s.plan.items = &ITEMS[0]; /* typed only, and the voice asked for cannot speak */
    s.view.voice_off = "there is no sound output device";
    s.ops.intro(s.ops.ctx, &s.eng);
    assert_string_equal(written(&s),
                        "Mock\n"
                        "1 questions, budget 10m, overtime hard, answers typed.\n"
                        "Type your answer; Enter starts a new line. /done (or Ctrl-D on an empty "
                        "line) submits it.\n"
                        "Commands: /skip /repeat /pause /time /quit /help\n"
                        "Questions will not be read aloud: there is no sound output device.\n"
                        "Saving to /home/s\n");
}

static void the_countdown_prompt(void **state)
{
    (void)state;
    struct screen s;
    open_screen(&s, 0, 0);
    tick(&s, (struct engine_tick){.remaining_s = 83.2, .budget_left_s = 500});
    tick(&s, (struct engine_tick){.remaining_s = 30, .budget_left_s = 600, .thinking = 1});
    tick(&s, (struct engine_tick){.remaining_s = 83.2, .budget_left_s = 500, .paused = 1});
    tick(&s, (struct engine_tick){.remaining_s = -12.5, .budget_left_s = 500});
    assert_string_equal(written(&s), "[prompt [1:24 | 8:20] > ]\n"
                                     "[prompt [think 0:30 | 10:00] Enter to answer > ]\n"
                                     "[prompt [paused] > ]\n"
                                     "[prompt [+0:12 | 8:20] > ]\n");
    /* /time says it in full */
    tick(&s, (struct engine_tick){.remaining_s = 83.2, .budget_left_s = 500, .asked = 1});
    tick(&s,
         (struct engine_tick){.remaining_s = 83.2, .budget_left_s = 500, .asked = 1, .paused = 1});
    tick(&s, (struct engine_tick){.remaining_s = -12.5, .budget_left_s = 500, .asked = 1});
    tick(&s, (struct engine_tick){.remaining_s = INFINITY, .budget_left_s = 500, .asked = 1});
    assert_string_equal(written(&s), "1:24 left on this question, 8:20 of the interview.\n"
                                     "1:24 left on this question, 8:20 of the interview (paused).\n"
                                     "0:12 over the limit, 8:20 of the interview left.\n"
                                     "No limit on this question; 8:20 of the interview left.\n");
    /* in colour: amber from the first warning, red from the last */
    open_screen(&s, 1, 1);
    tick(&s, (struct engine_tick){.remaining_s = 61, .budget_left_s = 500});
    tick(&s, (struct engine_tick){.remaining_s = 50, .budget_left_s = 500});
    tick(&s, (struct engine_tick){.remaining_s = 10, .budget_left_s = 500});
    assert_string_equal(written(&s),
                        "[prompt [1:01 | 8:20] > ]\n"
                        "[prompt [\001\033[38;5;214m\0020:50\001\033[0m\002 | 8:20] > ]\n"
                        "[prompt [\001\033[31m\0020:10\001\033[0m\002 | 8:20] > ]\n");
}

static void the_recording_and_its_meter(void **state)
{
    (void)state;
    struct screen s;
    struct engine_meter speech = {.level = {.peak_db = -6, .rms_db = -20}};
    struct engine_meter silent = {.level = {LEVEL_FLOOR_DB, LEVEL_FLOOR_DB}, .silence_s = 5};
    open_screen(&s, 0, 0);
    s.ops.recording(s.ops.ctx, &s.eng, RECORDING_STARTED);
    tick(&s, (struct engine_tick){
                 .remaining_s = 83.2, .budget_left_s = 500, .recording = 1, .meter = speech});
    s.ops.recording(s.ops.ctx, &s.eng, RECORDING_PAUSED);
    s.ops.recording(s.ops.ctx, &s.eng, RECORDING_RESUMED);
    tick(&s, (struct engine_tick){
                 .remaining_s = INFINITY, .budget_left_s = 500, .recording = 1, .meter = speech});
    tick(&s, (struct engine_tick){
                 .remaining_s = 83.2, .budget_left_s = 500, .recording = 1, .meter = silent});
    tick(&s, (struct engine_tick){
                 .remaining_s = 82.2, .budget_left_s = 499, .recording = 1, .meter = silent});
    s.ops.recording(s.ops.ctx, &s.eng, RECORDING_STOPPED);
    assert_string_equal(
        written(&s),
        "[keys on]\n"
        "Recording: speak your answer. Enter stops, s skips, p pauses, r takes it again, q "
        "quits.\n"
        "[prompt [REC 1:24 | 8:20] #############-------   -6 dB > ]\n"
        "[prompt [REC 8:20 left] #############-------   -6 dB > ]\n"
        "No signal from the microphone for 5 s: is it muted?\n" /* once a take, into a pipe */
        "[prompt [REC 1:24 | 8:20] no signal > ]\n"
        "[prompt [REC 1:23 | 8:19] no signal > ]\n"
        "[keys off]\n");
    /* the next take says it again */
    s.sc.settings.max_takes = 1;
    s.ops.recording(s.ops.ctx, &s.eng, RECORDING_STARTED);
    tick(&s, (struct engine_tick){
                 .remaining_s = 83.2, .budget_left_s = 500, .recording = 1, .meter = silent});
    assert_string_equal(written(&s),
                        "[keys on]\n"
                        "Recording: speak your answer. Enter stops, s skips, p pauses, q quits.\n"
                        "No signal from the microphone for 5 s: is it muted?\n"
                        "[prompt [REC 1:24 | 8:20] no signal > ]\n");

    struct transcript_answer a = {.elapsed_s = 83.5,
                                  .outcome = OUTCOME_ANSWERED,
                                  .audio = {.file = "01-q2.wav", .duration_s = 80.5}};
    s.ops.answer_end(s.ops.ctx, &s.eng, &a);
    assert_string_equal(written(&s), "[prompt > ]\nRecorded 1:20 into 01-q2.wav.\n"
                                     "Answered in 1:23.\n");
}

static void every_notice(void **state)
{
    (void)state;
    struct screen s;
    open_screen(&s, 0, 0);
    notice(&s, NOTICE_WARNING, 60, NULL);
    notice(&s, NOTICE_TIME_UP, 0, NULL);
    notice(&s, NOTICE_NEXT_SOON, 3, NULL);
    notice(&s, NOTICE_OVERTIME, 0, NULL);
    notice(&s, NOTICE_BUDGET, 300, NULL);
    notice(&s, NOTICE_BUDGET_OVER, 0, NULL);
    notice(&s, NOTICE_PAUSED, 0, NULL);
    notice(&s, NOTICE_PAUSED, 1, NULL); /* while recording */
    notice(&s, NOTICE_RESUMED, 75, NULL);
    notice(&s, NOTICE_STILL_PAUSED, 0, NULL);
    notice(&s, NOTICE_STILL_PAUSED, 1, NULL);
    notice(&s, NOTICE_UNKNOWN_COMMAND, 0, "/x\033[2J");
    notice(&s, NOTICE_SPOKEN_TYPED, 0, NULL);
    notice(&s, NOTICE_SAVE_FAILED, 0, "cannot write /home/s/session.json\033: disk full");
    notice(&s, NOTICE_RECORDING, 0, "no input device");
    notice(&s, NOTICE_THINK, 30, NULL);
    notice(&s, NOTICE_ANSWER_NOW, 0, NULL);
    notice(&s, NOTICE_RETAKE, 2, NULL);
    notice(&s, NOTICE_NO_RETAKE, 1, NULL);
    notice(&s, NOTICE_VOICE, 0, "no output device");
    notice(&s, NOTICE_STOPPED, 12, NULL);
    notice(&s, NOTICE_CONFIRM_QUIT, 0, NULL);
    notice(&s, NOTICE_CONFIRM_QUIT, 1, NULL); /* by Ctrl-C */
    notice(&s, NOTICE_GOING_ON, 0, NULL);
    assert_string_equal(
        written(&s),
        "-- 1:00 left --\n"
        "-- Time is up. --\n"
        "Next question in 3 s; Enter shows it now.\n"
        "-- Time is up: you are in overtime. /done when you have finished. --\n"
        "-- 5:00 left in the interview. --\n"
        "-- The interview time is over: this is the last question. --\n"
        "Paused: the clocks are stopped. /pause again to resume.\n"
        "Paused: the clocks are stopped. p again to resume.\n"
        "Resumed after a pause of 1:15.\n"
        "Not taken: answers are given on the clock, which is paused; /pause resumes it.\n"
        "Not taken: answers are given on the clock, which is paused; p resumes it.\n"
        "Unknown command /x^[[2J: /help lists the commands; start a line with // to type a "
        "'/'.\n"
        "(This question is meant to be spoken; recording is not available here, so answer it "
        "typed.)\n"
        "[stderr rehearse: cannot write /home/s/session.json^[: disk full]\n"
        "No recording: no input device. Type your answer instead.\n"
        "Take 30s to think; Enter starts your answer earlier.\n"
        "-- Answer now. --\n"
        "-- Take 2: start again; the earlier take is kept. --\n"
        "No retakes left: this scenario allows 1 take per answer.\n"
        "(Questions are not read aloud: no output device.)\n"
        "Stopped for 12 s; the clocks were paused.\n"
        "End the interview? /quit again or y to end; Enter to go on.\n"
        "End the interview? Ctrl-C again (within 2 s), /quit or y to end; Enter to go on.\n"
        "Going on.\n");
    notice(&s, NOTICE_HELP, 0, NULL);
    assert_string_equal(written(&s),
                        "/done submit the answer (or Ctrl-D on an empty line)   /skip skip it\n"
                        "/repeat show the question again   /pause stop or restart the clocks\n"
                        "/time time left   /quit end the interview, keeping everything\n"
                        "/retake start the answer again, when the scenario allows more takes\n"
                        "/edit open a typed answer in $VISUAL or $EDITOR (the clock runs on)\n"
                        "A line starting with // is typed with a single '/'.\n");
    notice(&s, NOTICE_EDITED, 0, "one\ntwo");
    notice(&s, NOTICE_EDITED, 1, "");
    notice(&s, NOTICE_EDIT_FAILED, 0, "the editor vi was not found");
    notice(&s, NOTICE_NO_EDIT, 0, NULL);
    notice(&s, NOTICE_NO_EDIT, 1, NULL);
    assert_string_equal(
        written(&s),
        "Your answer so far, as saved in the editor:\none\ntwo\n"
        "(Go on typing, or /done submits it.)\n"
        "Your answer so far, as saved in the editor:\n(nothing)\n"
        "The time ran out while you were in the editor: what you saved is your answer.\n"
        "Not edited, the answer is as it was: the editor vi was not found.\n"
        "/edit needs a terminal: here the answer comes from a pipe.\n"
        "/edit is for typed answers: this one is being recorded.\n");
    /* on a terminal, in colour: the bell rings at warnings and the limit */
    open_screen(&s, 1, 1);
    notice(&s, NOTICE_WARNING, 15, NULL);
    notice(&s, NOTICE_TIME_UP, 0, NULL);
    assert_string_equal(written(&s),
                        "\033[33m-- 0:15 left --\033[0m\n\a\033[31m-- Time is up. --\033[0m\n\a");
    s.view.bell = 0; /* --no-bell */
    notice(&s, NOTICE_WARNING, 15, NULL);
    assert_string_equal(written(&s), "\033[33m-- 0:15 left --\033[0m\n");
}

/* A follow-up is shown under its question's number with its own limit, its
 * countdown coloured by that limit; the summary counts its time in its
 * question's section and says how the follow-ups ended. */
static void follow_ups_on_screen(void **state)
{
    (void)state;
    struct screen s;
    struct transcript_answer fu = {.n = 1,
                                   .follow_up = 1,
                                   .question = "And late data?\033[2J",
                                   .section = "Warm-up",
                                   .text = "",
                                   .limit_s = 60,
                                   .elapsed_s = 50,
                                   .outcome = OUTCOME_TIMED_OUT};
    struct transcript_answer a = {.n = 1,
                                  .section = "Warm-up",
                                  .text = "joins",
                                  .text_len = 5,
                                  .limit_s = 120,
                                  .elapsed_s = 100,
                                  .outcome = OUTCOME_ANSWERED,
                                  .follow_ups = &fu,
                                  .n_follow_ups = 1};
    open_screen(&s, 1, 1);
    s.eng.follow_up = &fu;
    s.eng.follow_ups_most = 2;
    s.ops.question(s.ops.ctx, &s.eng, 0);
    tick(&s, (struct engine_tick){.remaining_s = 50, .budget_left_s = 400});
    notice(&s, NOTICE_GENERATING, 0, NULL);
    notice(&s, NOTICE_GENERATE_FAILED, 0, "cannot reach 127.0.0.1:11434");
    notice(&s, NOTICE_NO_INTERVIEWER, 0, NULL);
    assert_string_equal(written(&s),
                        "\n\033[1m[1/2] Follow-up (1 of 2) - 1:00\033[0m\nAnd late data?^[[2J\n"
                        "[prompt [0:50 | 6:40] > ]\n"
                        "\033[2mThe interviewer is thinking...\033[0m\n"
                        "\033[33mNo follow-up from the local model: cannot reach "
                        "127.0.0.1:11434. The scenario's own follow-ups are asked instead."
                        "\033[0m\n"
                        "\033[2m(No interviewer is configured to write follow-ups: the "
                        "scenario's own are asked. See `interviewer:` in config.yaml.)\033[0m\n");
    s.eng.follow_up = NULL; /* the question's 2:00 is amber at 0:50 */
    tick(&s, (struct engine_tick){.remaining_s = 50, .budget_left_s = 400});
    assert_string_equal(written(&s),
                        "[prompt [\001\033[38;5;214m\0020:50\001\033[0m\002 | 6:40] > ]\n");

    open_screen(&s, 0, 0);
    s.t = (struct transcript){.id = "s1", .status = SESSION_ABORTED, .answers = &a, .n_answers = 1};
    s.ops.summary(s.ops.ctx, &s.eng);
    assert_string_equal(written(&s),
                        "[prompt ]\n\n"
                        "Interview aborted: 1 answered, 0 timed out, 0 skipped, of 2 questions.\n"
                        "Follow-ups: 1 asked, 0 answered, 1 timed out, 0 skipped.\n"
                        "Time used 2:30 of 10:00.\n"
                        "  Warm-up                          2:30 / 3:00\n"
                        "Transcript: /home/s/transcript.md\n"
                        "To go on where you stopped: rehearse resume s1\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intro_and_questions),  cmocka_unit_test(intro_of_one_mode),
        cmocka_unit_test(the_countdown_prompt), cmocka_unit_test(the_recording_and_its_meter),
        cmocka_unit_test(every_notice),         cmocka_unit_test(follow_ups_on_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
