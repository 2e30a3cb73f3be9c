/* End-to-end tests of typed interviews on the real binary: through a pipe
 * (timeouts, skips, signals, kill -9) and through a pseudo-terminal
 * (readline editing keys, the countdown ticking in the prompt). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void piped_interview(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pipe(&c, E2E "/short.yaml", e2e_home);
    e2e_send(&c, "my first answer\nsecond line\n/done\n");
    size_t at = e2e_expect(&c, 0, "[2/3]", 5);
    at = e2e_expect(&c, at, "-- 0:01 left --", 5);
    at = e2e_expect(&c, at, "[3/3]", 5); /* the second question timed out */
    e2e_send(&c, "/skip\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strchr(c.buf, '\033')); /* plain text into a pipe */
    assert_non_null(strstr(c.buf, "Interview completed: 1 answered, 1 timed out, 1 skipped"));

    json_t *root = e2e_load_session();
    assert_int_equal(json_integer_value(json_object_get(root, "format")), 1);
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "my first answer\nsecond line");
    assert_string_equal(e2e_answer_str(root, 0, "question_id"), "first");
    assert_string_equal(e2e_answer_str(root, 1, "outcome"), "timed-out");
    assert_string_equal(e2e_answer_str(root, 1, "text"), "");
    double elapsed = e2e_answer_num(root, 1, "elapsed_s");
    if (fabs(elapsed - 2.0) > 0.25)
        fail_msg("timed-out answer took %.3f s, limit 2 s", elapsed);
    assert_string_equal(e2e_answer_str(root, 2, "outcome"), "skipped");
    json_decref(root);

    char dir[256], path[300];
    e2e_session_dir(dir, sizeof dir);
    e2e_mode_is(dir, 0700);
    snprintf(path, sizeof path, "%s/session.json", dir);
    e2e_mode_is(path, 0600);
    snprintf(path, sizeof path, "%s/transcript.md", dir);
    e2e_mode_is(path, 0600);
    FILE *f = fopen(path, "r");
    char md[8192];
    assert_non_null(f);
    md[fread(md, 1, sizeof md - 1, f)] = '\0';
    fclose(f);
    assert_non_null(strstr(md, "my first answer  \nsecond line\n"));
    assert_non_null(strstr(md, "Say something about first things."));
}

/* A line typed while paused is refused with its reason: nothing is
 * answered off the clock. */
static void nothing_is_answered_while_paused(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pipe(&c, E2E "/long.yaml", e2e_home);
    e2e_send(&c, "/pause\noff the clock\n/pause\non it\n/done\n/quit\n");
    size_t at = e2e_expect(&c, 0, "Paused: the clocks are stopped. /pause again to resume.", 5);
    e2e_expect(&c, at,
               "Not taken: answers are given on the clock, which is paused; /pause resumes it.", 5);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), "on it");
    json_decref(root);
}

static void kill_9_keeps_finished_answers(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pipe(&c, E2E "/long.yaml", e2e_home);
    e2e_send(&c, "answer one\n/done\n");
    e2e_expect(&c, 0, "[2/2]", 5);
    e2e_send(&c, "typing two\n");
    usleep(5600 * 1000); /* past the first autosave of the second answer */
    kill(c.pid, SIGKILL);
    int status = e2e_finish(&c);
    assert_true(WIFSIGNALED(status));

    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "in-progress");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "answer one");
    assert_string_equal(e2e_answer_str(root, 1, "outcome"), "in-progress");
    assert_string_equal(e2e_answer_str(root, 1, "text"), "typing two");
    json_decref(root);
}

static void sigterm_ends_cleanly(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pipe(&c, E2E "/long.yaml", e2e_home);
    e2e_send(&c, "half of it\n");
    e2e_expect(&c, 0, "[1/2]", 5);
    usleep(300 * 1000);
    kill(c.pid, SIGTERM);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 128 + SIGTERM);
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "aborted");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "aborted");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "half of it");
    assert_true(json_is_string(json_object_get(root, "ended_at")));
    json_decref(root);
}

static void unwritable_home_fails_before_the_interview(void **state)
{
    (void)state;
    struct child c;
    char file[128], bad[160];
    snprintf(file, sizeof file, "%s/a-file", e2e_home);
    fclose(fopen(file, "w"));
    snprintf(bad, sizeof bad, "%s/e2e_home", file);
    e2e_spawn_pipe(&c, E2E "/short.yaml", bad);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_non_null(strstr(c.buf, "rehearse: cannot create "));
    assert_null(strstr(c.buf, "[1/3]"));
}

static void terminal_editing_and_countdown(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pty(&c, E2E "/long.yaml");
    size_t at = e2e_expect(&c, 0, "Press Enter to start.", 5);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[1/2]", 5);
    at = e2e_expect(&c, at, "[0:29 | ", 3); /* the countdown ticks in the prompt */
    at = e2e_expect(&c, at, "[0:28 | ", 3);
    e2e_send(&c, "helo wrld");
    e2e_send(&c, "\002\002\002o");       /* Ctrl-B three times, then insert: "helo world" */
    e2e_send(&c, "\001\006\006\006l\r"); /* Ctrl-A, Ctrl-F three times: "hello" */
    e2e_send(&c, "/done\r");
    at = e2e_expect(&c, at, "[2/2]", 5);
    e2e_send(&c, "/quit\r");
    at = e2e_expect(&c, at, "End the interview? /quit again or y to end; Enter to go on.", 3);
    e2e_send(&c, "y\r");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), "hello world");
    assert_string_equal(json_string_value(json_object_get(root, "status")), "aborted");
    json_decref(root);
}

/* Tab completes a /command at the start of a line, and does nothing in a
 * line of text. */
static void tab_completes_commands(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pty(&c, E2E "/long.yaml");
    size_t at = e2e_expect(&c, 0, "Press Enter to start.", 5);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[1/2]", 5);
    at = e2e_expect(&c, at, "] > ", 3);
    e2e_send(&c, "/sk\t");
    at = e2e_expect(&c, at, "/skip", 3);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[2/2]", 5);
    at = e2e_expect(&c, at, "] > ", 3);
    e2e_send(&c, "one\ttwo\r/d\t");
    at = e2e_expect(&c, at, "onetwo", 3);
    at = e2e_expect(&c, at, "/done", 3);
    e2e_send(&c, "\r");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strstr(c.buf, "\a")); /* no bell either */
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "skipped");
    assert_string_equal(e2e_answer_str(root, 1, "text"), "onetwo");
    assert_string_equal(e2e_answer_str(root, 1, "outcome"), "answered");
    json_decref(root);
}

/* Enter cuts the think time short, /retake keeps the first take, and a
 * question left alone thinks for its 2 s, then times out. */
static void think_time_and_retakes_through_a_pipe(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pipe(&c, E2E "/practice.yaml", e2e_home);
    e2e_send(&c, "\nfirst take\n/retake\nsecond take\n/done\n");
    size_t at = e2e_expect(&c, 0, "-- Take 2: start again", 5);
    at = e2e_expect(&c, at, "[2/2]", 5);
    at = e2e_expect(&c, at, "Take 2s to think", 5);
    at = e2e_expect(&c, at, "-- Answer now. --", 5);
    at = e2e_expect(&c, at, "-- Time is up. --", 10);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strstr(c.buf, "\a"));    /* no bell into a pipe */
    assert_null(strstr(c.buf, "\033[")); /* nor colour */
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), "second take");
    json_t *takes = json_object_get(json_array_get(json_object_get(root, "answers"), 0), "takes");
    assert_int_equal(json_array_size(takes), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(takes, 0), "text")),
                        "first take");
    assert_true(e2e_answer_num(root, 0, "think_s") < 1);
    double think = e2e_answer_num(root, 1, "think_s");
    assert_true(think >= 1.9 && think <= 2.5);
    assert_string_equal(e2e_answer_str(root, 1, "outcome"), "timed-out");
    assert_true(fabs(e2e_answer_num(root, 1, "elapsed_s") - 5) < 0.3);
    json_decref(root);
}

/* On a terminal the countdown turns amber at the first warning and red at
 * the last, and the bell rings at each warning and at the limit. */
static void countdown_colours_and_bell(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pty(&c, E2E "/practice.yaml");
    size_t at = e2e_expect(&c, 0, "Press Enter to start.", 5);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[1/2]", 5);
    at = e2e_expect(&c, at, "[think ", 3);
    e2e_send(&c, "\r/done\r");
    at = e2e_expect(&c, at, "[2/2]", 5);
    at = e2e_expect(&c, at, "-- Answer now. --", 5);
    size_t amber = e2e_expect(&c, at, "\033[38;5;214m0:03", 5);
    size_t red = e2e_expect(&c, amber, "\033[31m0:01", 5);
    e2e_expect(&c, red, "Time is up.", 5);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    /* Three bells on the second question: 3 s left, 1 s left, time up. */
    size_t bells = 0;
    for (const char *p = c.buf + at; (p = strchr(p, '\a')) != NULL; p++)
        bells++;
    assert_int_equal(bells, 3);
}

/* A scenario of the user's, given by a path: two bank questions and one of
 * its own. */
static const char MINE[] = "id: e2e-mine\ntitle: Mine\nbank: test-bank\nbudget: 5m\nsections:\n"
                           "  - title: Mine\n    limit: 1m\n    questions:\n"
                           "      - a-one\n      - b-one\n      - id: own\n"
                           "        text: My own question, %s version.\n";

static void write_scenario(const char *path, const char *version)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, MINE, version);
    assert_int_equal(fclose(f), 0);
}

/* Runs `rehearse run ./mine.yaml` in e2e_home/work, answers the first
 * question and quits. Fills the absolute path of the scenario file and the
 * session's id. */
static void sit_first_question(char path[PATH_MAX], char *id, size_t id_size)
{
    struct child c;
    char work[128], dir[256];
    snprintf(work, sizeof work, "%s/work", e2e_home);
    assert_int_equal(mkdir(work, 0700), 0);
    snprintf(dir, sizeof dir, "%s/mine.yaml", work);
    write_scenario(dir, "first");
    assert_non_null(realpath(dir, path));
    e2e_spawn_args(&c, work, e2e_home, (char *const[]){"rehearse", "run", "./mine.yaml", NULL});
    e2e_send(&c, "first answer\n/done\n/quit\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    e2e_session_dir(dir, sizeof dir);
    snprintf(id, id_size, "%s", strrchr(dir, '/') + 1);
}

/* Resumes the last session from another directory, answering the two
 * questions left; returns the output. */
static void resume_last(struct child *c)
{
    e2e_spawn_args(c, "/", e2e_home, (char *const[]){"rehearse", "resume", "last", NULL});
    e2e_send(c, "second answer\n/done\nthird answer\n/done\n");
    int status = e2e_finish(c);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("resume failed:\n%s", c->buf);
}

/* The session asked the questions recorded at its start, in order. */
static void asked_the_first_versions(const struct child *c)
{
    assert_non_null(strstr(c->buf, "[2/3] Mine - 1:00\nTell me about beta.\n"));
    assert_non_null(strstr(c->buf, "[3/3] Mine - 1:00\nMy own question, first version.\n"));
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "first answer");
    assert_string_equal(e2e_answer_str(root, 1, "question"), "Tell me about beta.");
    assert_string_equal(e2e_answer_str(root, 1, "text"), "second answer");
    assert_string_equal(e2e_answer_str(root, 2, "question_id"), "own");
    assert_string_equal(e2e_answer_str(root, 2, "question"), "My own question, first version.");
    assert_string_equal(e2e_answer_str(root, 2, "text"), "third answer");
    json_decref(root);
}

/* A scenario given by a relative path, changed after /quit, and a bank
 * changed too: resume (from elsewhere) says so in one line and asks the
 * questions the session recorded. */
static void resume_asks_the_recorded_questions_of_a_changed_scenario(void **state)
{
    (void)state;
    struct child c;
    char path[PATH_MAX], id[128], notice[PATH_MAX + 256];
    sit_first_question(path, id, sizeof id);
    write_scenario(path, "second");
    assert_int_equal(e2e_run("sed -i -e 's/Tell me about beta\\./Beta, rewritten./' "
                             "-e 's/Alpha is the first letter\\./Alpha, rewritten./' "
                             "'%s/config/rehearse/banks/test-bank.yaml'",
                             e2e_home),
                     0);
    assert_int_equal(
        e2e_run("grep -q 'Beta, rewritten.' '%s/config/rehearse/banks/test-bank.yaml'", e2e_home),
        0);
    resume_last(&c);
    snprintf(notice, sizeof notice,
             "scenario file %s has changed since %s was sat; asking the recorded questions\n", path,
             id);
    if (strstr(c.buf, notice) == NULL)
        fail_msg("no '%s' in:\n%s", notice, c.buf);
    assert_null(strstr(c.buf, "second version"));
    assert_null(strstr(c.buf, "Beta, rewritten."));
    asked_the_first_versions(&c);

    /* review and export show the model answer the session recorded. */
    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "review", "last", NULL});
    e2e_send(&c, "\n\n\n");
    assert_int_equal(e2e_finish(&c), 0);
    assert_non_null(strstr(c.buf, "Model answer\nAlpha is the first letter.\n- It comes first.\n"));
    assert_null(strstr(c.buf, "rewritten"));
    e2e_spawn_args(&c, NULL, e2e_home,
                   (char *const[]){"rehearse", "export", "last", "--format", "html", NULL});
    assert_int_equal(e2e_finish(&c), 0);
    assert_non_null(strstr(c.buf, "<details><summary>Model answer</summary>\n<p class=\"answer\">"
                                  "Alpha is the first letter.\n- It comes first.\n</p>\n"
                                  "<ul><li>It comes first.</li></ul>\n</details>\n"));
}

/* The same with the scenario file deleted. */
static void resume_asks_the_recorded_questions_of_a_deleted_scenario(void **state)
{
    (void)state;
    struct child c;
    char path[PATH_MAX], id[128], notice[PATH_MAX + 256];
    sit_first_question(path, id, sizeof id);
    assert_int_equal(unlink(path), 0);
    resume_last(&c);
    snprintf(notice, sizeof notice,
             "cannot read %s: No such file or directory; asking the questions %s recorded\n", path,
             id);
    if (strstr(c.buf, notice) == NULL)
        fail_msg("no '%s' in:\n%s", notice, c.buf);
    asked_the_first_versions(&c);
}

/* A session written before sessions recorded their plan resumes as it did:
 * its scenario draws the questions again; the plan is recorded from then on. */
static void an_old_session_still_resumes(void **state)
{
    (void)state;
    struct child c;
    assert_int_equal(e2e_run("mkdir -p '%s/config/rehearse/scenarios' && "
                             "cp '%s/long.yaml' '%s/config/rehearse/scenarios/e2e-long.yaml' && "
                             "mkdir -p -m 700 '%s/sessions/20261120-100000-e2e-long' && "
                             "cp '%s/old-session.json' "
                             "'%s/sessions/20261120-100000-e2e-long/session.json'",
                             e2e_home, E2E, e2e_home, e2e_home, E2E, e2e_home),
                     0);
    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "resume", "last", NULL});
    e2e_send(&c, "the second\n/done\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_non_null(strstr(c.buf, "[2/2] Long - 0:30\nThe second long question.\n"));
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "answered before this version");
    assert_string_equal(e2e_answer_str(root, 1, "text"), "the second");
    json_t *plan = json_object_get(root, "plan");
    assert_int_equal(json_array_size(plan), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(plan, 1), "text")),
                        "The second long question.");
    json_decref(root);
}

/* A session from another machine: neither its scenario file nor its bank is
 * here. show and review take everything from it, a line typed while
 * recording shows as a note under the machine transcription, and it
 * resumes with its recorded questions. */
static void a_session_needs_nothing_but_itself(void **state)
{
    (void)state;
    struct child c;
    static const char id[] = "20261125-100000-e2e-long";
    assert_int_equal(e2e_run("rm '%s/config/rehearse/banks/test-bank.yaml' && "
                             "mkdir -p -m 700 '%s/sessions/%s' && "
                             "cp '%s/planned-session.json' '%s/sessions/%s/session.json'",
                             e2e_home, e2e_home, id, E2E, e2e_home, id),
                     0);
    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "show", (char *)id, NULL});
    assert_int_equal(e2e_finish(&c), 0);
    assert_non_null(strstr(c.buf, "**Your answer** (spoken, machine transcription)\n\n"
                                  "the transcription\n\nWords: 2\n\n"
                                  "**Typed while recording** (a note, not the answer)\n\nx\n"));
    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "review", (char *)id, NULL});
    e2e_send(&c, "\n");
    assert_int_equal(e2e_finish(&c), 0);
    assert_non_null(strstr(c.buf, "(machine transcription)\nthe transcription\n"
                                  "Typed while recording (a note)\nx\n"));
    assert_non_null(strstr(c.buf, "Model answer\nThe first answer.\nKey points\n  - First.\n"));
    assert_null(strstr(c.buf, "no model answers"));

    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "resume", (char *)id, NULL});
    e2e_send(&c, "the second\n/done\n");
    int status = e2e_finish(&c);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("resume failed:\n%s", c.buf);
    assert_non_null(strstr(c.buf, "cannot read /home/someone/my.yaml: No such file or directory; "
                                  "asking the questions 20261125-100000-e2e-long recorded\n"));
    assert_non_null(strstr(c.buf, "[2/2] Long - 0:30\nThe second long question.\n"));
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(e2e_answer_str(root, 0, "typed_note"), "x");
    assert_string_equal(e2e_answer_str(root, 1, "text"), "the second");
    json_decref(root);
}

/* Starts the interview of long.yaml on a terminal, up to its first
 * question; returns the offset of the output past it. */
static size_t first_question_on_a_terminal(struct child *c)
{
    e2e_spawn_pty(c, E2E "/long.yaml");
    size_t at = e2e_expect(c, 0, "Press Enter to start.", 5);
    e2e_send(c, "\r");
    return e2e_expect(c, at, "[1/2]", 5);
}

/* The interview ended by signal `sig`: exit 128 + sig, saved as aborted
 * with `text` in its first answer. */
static void ended_by(struct child *c, int sig, const char *text)
{
    int status = e2e_finish(c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 128 + sig);
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "aborted");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "aborted");
    assert_string_equal(e2e_answer_str(root, 0, "text"), text);
    json_decref(root);
}

/* A signal that ends the interview on a terminal, with a line typed and not
 * entered: the session is saved as aborted, with that line. `key` is typed
 * to send it, or NULL to send it with kill. */
static void ending_signal_keeps_the_line(int sig, const char *key)
{
    struct child c;
    size_t at = first_question_on_a_terminal(&c);
    e2e_send(&c, "not entered yet");
    e2e_expect(&c, at, "not entered yet", 3);
    if (key != NULL)
        e2e_send(&c, key);
    else
        kill(c.pid, sig);
    ended_by(&c, sig, "not entered yet");
}

/* On a terminal /quit and Ctrl-C ask once before ending: Enter goes on,
 * a Ctrl-C more than 2 s after the last asks again, one within 2 s ends the
 * interview (exit 130), with what was typed. A SIGINT sent from outside
 * ends it at once. */
static void quit_and_ctrl_c_ask_on_a_terminal(void **state)
{
    (void)state;
    struct child c;
    size_t at = first_question_on_a_terminal(&c);
    e2e_send(&c, "/quit\r");
    at = e2e_expect(&c, at, "End the interview? /quit again or y to end; Enter to go on.", 3);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "Going on.", 3);
    e2e_send(&c, "kept\r");
    at = e2e_expect(&c, at, "kept", 3);
    usleep(300 * 1000); /* read before the Ctrl-C, which flushes what is not */
    e2e_send(&c, "\003");
    static const char asked[] =
        "End the interview? Ctrl-C again (within 2 s), /quit or y to end; Enter to go on.";
    at = e2e_expect(&c, at, asked, 3);
    usleep(2300 * 1000);
    e2e_send(&c, "\003"); /* too late to end: asks again */
    e2e_expect(&c, at, asked, 3);
    e2e_send(&c, "\003");
    ended_by(&c, SIGINT, "kept");
}

/* The summary gives the key terms each answer named and missed (a missed
 * one with its other spellings), then the next steps, with no prompt left
 * behind on the terminal. */
static void summary_names_the_key_terms_and_the_next_steps(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pty(&c, E2E "/terms.yaml");
    size_t at = e2e_expect(&c, 0, "Press Enter to start.", 5);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[1/1]", 5);
    e2e_send(&c, "Alpha is the first letter\r/done\r");
    at = e2e_expect(&c, at, "Key terms, answer by answer:\r\n", 5);
    at = e2e_expect(&c, at,
                    "  1. named 1 of 2: first letter; missed: alphabet (or ABC, abecedary)\r\n", 5);
    at = e2e_expect(&c, at, "/transcript.md\r\n", 5);
    size_t next = e2e_expect(&c, at,
                             "Next: `rehearse review last` rates your answers beside the "
                             "model answers; `rehearse due` lists what to practise next.",
                             5);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    c.buf[next] = '\0';
    assert_null(strchr(c.buf + at, '>')); /* no prompt between the two */
    assert_null(strstr(c.buf, "rehearse resume"));
}

/* Study: after an answer, its model answer, key points and the key terms
 * named and missed; on a terminal Enter goes on, and the minute spent
 * reading is not taken from the budget. A question without a model answer
 * says so. */
static void study_reveals_the_model_answer_off_the_clock(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pty(&c, E2E "/study.yaml");
    size_t at = e2e_expect(&c, 0, "Press Enter to start.", 5);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[1/2]", 5);
    e2e_send(&c, "Alpha is the first letter\r/done\r");
    at = e2e_expect(&c, at, "Model answer", 5);
    at = e2e_expect(&c, at, "Alpha is the first letter.\r\n- It comes first.\r\n", 5);
    at = e2e_expect(&c, at, "Key points", 5);
    at = e2e_expect(&c, at, "  - It comes first.\r\n", 5);
    at = e2e_expect(&c, at,
                    "Key terms: named 1 of 2: first letter; missed: alphabet (or ABC, "
                    "abecedary)\r\n",
                    5);
    at = e2e_expect(&c, at,
                    "Enter goes on to the next question (the clock is stopped while you read).", 5);
    sleep(2);
    assert_null(strstr(c.buf + at, "[2/2]")); /* it waits */
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[2/2]", 5);
    e2e_send(&c, "/skip\r");
    at = e2e_expect(&c, at, "Model answer", 5);
    at = e2e_expect(&c, at, "(The bank has none for this question.)\r\n", 5);
    e2e_send(&c, "\r");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(root, "scenario"), "reveal")),
        "after-answer");
    assert_true(json_number_value(json_object_get(root, "paused_s")) >= 2);
    json_decref(root);
}

/* Through a pipe, `run --study` shows the same without waiting, and the
 * session records it for resume. */
static void study_through_a_pipe(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_args(&c, NULL, e2e_home,
                   (char *const[]){"rehearse", "run", "--study", E2E "/terms.yaml", NULL});
    size_t at = e2e_expect(&c, 0, "[1/1]", 5);
    e2e_send(&c, "the alphabet\n/done\n");
    at = e2e_expect(&c, at,
                    "Model answer\nAlpha is the first letter.\n- It comes first.\nKey points\n"
                    "  - It comes first.\nKey terms: named 1 of 2: alphabet; missed: first "
                    "letter\n",
                    5);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strstr(c.buf, "Enter goes on"));
    json_t *root = e2e_load_session();
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(root, "scenario"), "reveal")),
        "after-answer");
    json_decref(root);
}

/* Writes a recording of two flite sentences (each trimmed to its first and
 * last audible sample) to path: 1 s of silence, the first, SPLICED_PAUSE_S
 * of silence, the second, 1 s of silence. Returns its length in frames, and
 * where the pause starts in *pause_s. */
#define SPLICED_PAUSE_S 6.0
#define SAID_FIRST      "A data lake keeps raw files first, like, in cheap storage."
#define SAID_SECOND     "A warehouse uses tools like Apache Spark for analysts."
static size_t spliced_recording(const char *path, double *pause_s)
{
    char wav[2][128];
    int16_t *said[2];
    size_t n[2];
    static const char *const sentences[] = {SAID_FIRST, SAID_SECOND};
    for (int i = 0; i < 2; i++) {
        snprintf(wav[i], sizeof wav[i], "%s/said-%d.wav", e2e_home, i);
        assert_int_equal(e2e_run("flite -voice rms -t '%s' -o '%s'", sentences[i], wav[i]), 0);
        n[i] = e2e_read_samples(wav[i], &said[i]);
        size_t from = 0; /* trimmed to the first and last audible sample */
        while (from < n[i] && abs(said[i][from]) < 300)
            from++;
        while (n[i] > from && abs(said[i][n[i] - 1]) < 300)
            n[i]--;
        memmove(said[i], said[i] + from, (n[i] - from) * sizeof *said[i]);
        n[i] -= from;
    }
    size_t total = 16000 + n[0] + (size_t)(SPLICED_PAUSE_S * 16000) + n[1] + 16000, at = 16000;
    int16_t *all = calloc(total, sizeof *all);
    memcpy(all + at, said[0], n[0] * sizeof *all);
    *pause_s = (double)(at + n[0]) / 16000;
    at += n[0] + (size_t)(SPLICED_PAUSE_S * 16000);
    memcpy(all + at, said[1], n[1] * sizeof *all);
    SF_INFO info = {.samplerate = 16000, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
    SNDFILE *f = sf_open(path, SFM_WRITE, &info);
    if (f == NULL)
        fail_msg("%s: %s", path, sf_strerror(NULL));
    assert_int_equal(sf_writef_short(f, all, (sf_count_t)total), (sf_count_t)total);
    sf_close(f);
    free(all);
    free(said[0]);
    free(said[1]);
    return total;
}

/* A session ended after a spoken answer that was left to transcribe after
 * the interview (a flite recording with 6 s of silence spliced into it) is
 * resumed and finished: the closing summary analyzes the recording, then
 * gives its key terms named and missed, its pace, fillers a minute (the
 * "like" said alone, not the one of "tools like Apache Spark") and longest
 * pause (the spliced one) with the hints, then the next steps. The words
 * come from a transcriber of config.yaml that prints what was said, so that
 * the figures depend on the voice activity alone, not on a recogniser. */
static void summary_gives_the_speech_figures(void **state)
{
    (void)state;
    static const char id[] = "20261125-100000-e2e-long";
    char dir[256], path[320];
    snprintf(dir, sizeof dir, "%s/sessions/%s", e2e_home, id);
    assert_int_equal(e2e_run("mkdir -p -m 700 '%s'", dir), 0);
    snprintf(path, sizeof path, "%s/01-long-one.wav", dir);
    double pause_s;
    size_t frames = spliced_recording(path, &pause_s);

    json_error_t jerr;
    json_t *root = json_load_file(E2E "/planned-session.json", 0, &jerr);
    assert_non_null(root);
    json_t *first = json_array_get(json_object_get(root, "answers"), 0);
    json_t *audio = json_object_get(first, "audio");
    json_object_set_new(audio, "frames", json_integer((json_int_t)frames));
    json_object_set_new(audio, "duration_s", json_real(round(frames / 1600.0) / 10));
    json_object_set_new(first, "text", json_string(""));
    json_object_set_new(first, "text_source", json_string("typed"));
    json_object_set_new(first, "analysis", json_null());
    json_object_del(first, "typed_note");
    snprintf(path, sizeof path, "%s/session.json", dir);
    assert_int_equal(json_dump_file(root, path, JSON_INDENT(2)), 0);
    json_decref(root);

    assert_int_equal(e2e_run("printf 'transcriber: [echo, \"%%s %%s\"]\\n' '%s' '%s' "
                             ">'%s/config/rehearse/config.yaml'",
                             SAID_FIRST, SAID_SECOND, e2e_home),
                     0);
    struct child c;
    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "resume", (char *)id, NULL});
    e2e_send(&c, "the second\n/done\n");
    int status = e2e_finish(&c);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("resume failed:\n%s", c.buf);
    const char *summary = strstr(c.buf, "Analyzing answer 1...\n");
    if (summary == NULL ||
        strcmp(summary,
               "Analyzing answer 1...\n"
               "\n"
               "Speech, answer by answer:\n"
               "  1. 159 words a minute, 3.8 fillers a minute (1 in all), longest pause 6.0 s "
               "(1 over 2 s), speaking 50% of the time, first word after 1.0 s\n"
               "     Key terms: named 1 of 1: first\n"
               "     A pause of 6 s: say what you are thinking about while you think.\n"
               "Next: `rehearse review last` rates your answers beside the model answers; "
               "`rehearse due` lists what to practise next.\n") != 0)
        fail_msg("the summary ends:\n%s", summary ? summary : c.buf);
    root = e2e_load_session();
    json_t *pauses = json_object_get(
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "analysis"), "pauses");
    assert_int_equal(json_array_size(pauses), 1);
    double start = json_number_value(json_object_get(json_array_get(pauses, 0), "start_s"));
    double end = json_number_value(json_object_get(json_array_get(pauses, 0), "end_s"));
    if (fabs(start - pause_s) > 0.2 || fabs(end - (pause_s + SPLICED_PAUSE_S)) > 0.2)
        fail_msg("the pause found is %.1f-%.1f s, the one spliced %.2f-%.2f s", start, end, pause_s,
                 pause_s + SPLICED_PAUSE_S);
    json_decref(root);
}

static void sigint_from_outside_ends_at_once(void **state)
{
    (void)state;
    ending_signal_keeps_the_line(SIGINT, NULL);
}

static void ctrl_backslash_ends_cleanly(void **state)
{
    (void)state;
    ending_signal_keeps_the_line(SIGQUIT, "\034");
}

static void sigusr1_ends_cleanly(void **state)
{
    (void)state;
    ending_signal_keeps_the_line(SIGUSR1, NULL);
}

static void sigusr2_ends_cleanly(void **state)
{
    (void)state;
    ending_signal_keeps_the_line(SIGUSR2, NULL);
}

static void sigalrm_ends_cleanly(void **state)
{
    (void)state;
    ending_signal_keeps_the_line(SIGALRM, NULL);
}

/* Whether the terminal is in its cooked mode (line editing and echo by the
 * terminal), as a shell expects it, rather than readline's. */
static int terminal_cooked(int fd)
{
    struct termios t;
    assert_int_equal(tcgetattr(fd, &t), 0);
    return (t.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO);
}

/* Ctrl-Z stops the interview with the terminal given back in its own modes;
 * continued, readline takes it again with the line typed before, and the
 * time stood still is a pause. A SIGSTOP from outside is a pause too. */
static void ctrl_z_stops_with_the_terminal_restored(void **state)
{
    (void)state;
    struct child c;
    pid_t job = e2e_spawn_pty_job(&c, E2E "/long.yaml");
    size_t at = e2e_expect(&c, 0, "Press Enter to start.", 5);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "[1/2]", 5);
    e2e_send(&c, "typed before");
    at = e2e_expect(&c, at, "typed before", 3);
    assert_false(terminal_cooked(c.in));
    e2e_send(&c, "\032"); /* Ctrl-Z */
    e2e_wait_state(job, 'T', 3);
    assert_true(terminal_cooked(c.in));
    usleep(2000 * 1000);
    assert_int_equal(e2e_process_state(job), 'T');
    kill(job, SIGCONT);
    at = e2e_expect(&c, at, "Stopped for 2 s; the clocks were paused.", 3);
    assert_false(terminal_cooked(c.in));
    e2e_send(&c, " and after\r/done\r");
    at = e2e_expect(&c, at, "[2/2]", 5);

    kill(job, SIGSTOP);
    e2e_wait_state(job, 'T', 3);
    usleep(1500 * 1000);
    kill(job, SIGCONT);
    at = e2e_expect(&c, at, "; the clocks were paused.", 3);
    e2e_send(&c, "second\r/done\r");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "typed before and after");
    double paused = e2e_answer_num(root, 0, "paused_s");
    if (paused < 2.0 || paused > 2.5)
        fail_msg("a stop of 2 s paused the first answer for %.3f s", paused);
    paused = e2e_answer_num(root, 1, "paused_s");
    if (paused < 1.5 || paused > 2.7)
        fail_msg("a SIGSTOP of 1.5 s paused the second answer for %.3f s", paused);
    assert_true(e2e_answer_num(root, 0, "elapsed_s") < 2.5);
    json_decref(root);
}

/* Bytes that are not UTF-8, and a NUL, in a line from a pipe: the interview
 * goes on and session.json holds U+FFFD for each invalid part. */
static void invalid_bytes_are_stored_as_replacement(void **state)
{
    (void)state;
    struct child c;
    static const char typed[] = "caf\xe9 \xff\nnul\0byte\n/done\n";
    e2e_spawn_pipe(&c, E2E "/short.yaml", e2e_home);
    assert_int_equal(write(c.in, typed, sizeof typed - 1), (ssize_t)(sizeof typed - 1));
    size_t at = e2e_expect(&c, 0, "[2/3]", 5);
    e2e_send(&c, "/skip\n");
    e2e_expect(&c, at, "[3/3]", 5);
    e2e_send(&c, "/skip\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strstr(c.buf, "out of memory"));

    json_t *root = e2e_load_session(); /* jansson refuses invalid UTF-8 */
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
    assert_string_equal(e2e_answer_str(root, 0, "text"),
                        "caf\xef\xbf\xbd \xef\xbf\xbd\nnul\xef\xbf\xbd"
                        "byte");
    json_decref(root);
}

/* The follow-ups of an inline question, asked through a pipe after its
 * answer, shown under its number and stored threaded under it. */
static void follow_ups_through_a_pipe(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pipe(&c, E2E "/follow-ups.yaml", e2e_home);
    size_t at =
        e2e_expect(&c, 0, "[1/2] Streams - 0:30\nHow do you build a streaming pipeline?\n", 5);
    e2e_send(&c, "Kafka into Flink\n/done\n");
    at = e2e_expect(
        &c, at, "[1/2] Follow-up (1 of 2) - 0:20\nAnd what if the consumer lags two hours?\n", 5);
    e2e_send(&c, "replay from the offsets\n/done\n");
    at = e2e_expect(&c, at, "[1/2] Follow-up (2 of 2) - 1:00\nHow do you monitor it?\n", 5);
    e2e_send(&c, "/skip\n");
    at = e2e_expect(&c, at, "[2/2] Streams - 0:30\nWhat comes next?\n", 5);
    e2e_send(&c, "/skip\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_non_null(strstr(c.buf, "Interview completed: 1 answered, 0 timed out, 1 skipped, of 2 "
                                  "questions.\nFollow-ups: 2 asked, 1 answered, 0 timed out, 1 "
                                  "skipped.\n"));

    json_t *root = e2e_load_session();
    json_t *answers = json_object_get(root, "answers");
    assert_int_equal(json_array_size(answers), 2);
    json_t *fus = json_object_get(json_array_get(answers, 0), "follow_ups");
    assert_int_equal(json_array_size(fus), 2);
    json_t *f1 = json_array_get(fus, 0), *f2 = json_array_get(fus, 1);
    assert_string_equal(json_string_value(json_object_get(f1, "question")),
                        "And what if the consumer lags two hours?");
    assert_string_equal(json_string_value(json_object_get(f1, "text")), "replay from the offsets");
    assert_string_equal(json_string_value(json_object_get(f1, "outcome")), "answered");
    assert_string_equal(json_string_value(json_object_get(f1, "source")), "authored");
    assert_int_equal(json_integer_value(json_object_get(f1, "follow_up")), 1);
    assert_int_equal(json_integer_value(json_object_get(f1, "limit_s")), 20);
    json_t *trigger = json_object_get(f1, "trigger");
    assert_int_equal(json_array_size(trigger), 2);
    assert_string_equal(json_string_value(json_array_get(trigger, 1)), "consumer lag");
    assert_string_equal(json_string_value(json_object_get(f2, "question")),
                        "How do you monitor it?");
    assert_string_equal(json_string_value(json_object_get(f2, "outcome")), "skipped");
    assert_int_equal(json_integer_value(json_object_get(f2, "limit_s")), 60);
    assert_null(json_object_get(f2, "trigger"));
    json_decref(root);
}

/* Ended during a follow-up, a session resumes at the next planned
 * question, keeping the follow-up and saying so. */
static void a_follow_up_cut_off_is_not_asked_again(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_pipe(&c, E2E "/follow-ups.yaml", e2e_home);
    e2e_send(&c, "backpressure\n/done\n");
    size_t at = e2e_expect(&c, 0, "Follow-up (1 of 2) - 1:00\nHow do you monitor it?\n", 5);
    e2e_send(&c, "lag metrics\n/quit\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    (void)at;
    e2e_spawn_args(&c, "/", e2e_home, (char *const[]){"rehearse", "resume", "last", NULL});
    at = e2e_expect(&c, 0,
                    "Answer 1 is kept.\nThe follow-up to question 1 was cut off; it is kept as "
                    "it is and not asked again.\n",
                    5);
    at = e2e_expect(&c, at, "[2/2] Streams - 0:30\nWhat comes next?\n", 5);
    e2e_send(&c, "/skip\n");
    status = e2e_finish(&c);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    json_t *fus =
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "follow_ups");
    assert_int_equal(json_array_size(fus), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(fus, 0), "text")),
                        "lag metrics");
    assert_string_equal(json_string_value(json_object_get(json_array_get(fus, 0), "outcome")),
                        "aborted");
    assert_string_equal(e2e_answer_str(root, 1, "question_id"), "next");
    json_decref(root);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(piped_interview, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(study_reveals_the_model_answer_off_the_clock, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(study_through_a_pipe, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(invalid_bytes_are_stored_as_replacement, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(nothing_is_answered_while_paused, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(kill_9_keeps_finished_answers, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(sigterm_ends_cleanly, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(unwritable_home_fails_before_the_interview, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(terminal_editing_and_countdown, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(tab_completes_commands, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(think_time_and_retakes_through_a_pipe, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(countdown_colours_and_bell, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(resume_asks_the_recorded_questions_of_a_changed_scenario,
                                        e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(resume_asks_the_recorded_questions_of_a_deleted_scenario,
                                        e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(an_old_session_still_resumes, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_session_needs_nothing_but_itself, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(quit_and_ctrl_c_ask_on_a_terminal, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(summary_gives_the_speech_figures, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(summary_names_the_key_terms_and_the_next_steps,
                                        e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(sigint_from_outside_ends_at_once, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(ctrl_backslash_ends_cleanly, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(sigusr1_ends_cleanly, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(sigusr2_ends_cleanly, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(sigalrm_ends_cleanly, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(ctrl_z_stops_with_the_terminal_restored, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(follow_ups_through_a_pipe, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_follow_up_cut_off_is_not_asked_again, e2e_make_home,
                                        e2e_remove_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
