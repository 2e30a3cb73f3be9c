/* End to end: `rehearse run` of a scenario with generated follow-ups through
 * a pipe, config.yaml naming the fake chat endpoint of this process: the
 * interviewer's follow-up asked and stored as generated; an endpoint that
 * fails, or a url off this machine, said once and the authored follow-up
 * asked instead; the line saying that answers leave the machine; the
 * rubric of each answer asked after the interview, stored and shown, and
 * one that fails said once with the session kept as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"
#include "fake_chat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>

#define SCENARIO E2E "/generated-follow-ups.yaml"

/* Writes config.yaml of the test's home. */
static void write_config(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void write_config(const char *fmt, ...)
{
    char path[128];
    va_list ap;
    snprintf(path, sizeof path, "%s/config/rehearse/config.yaml", e2e_home);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    assert_int_equal(fclose(f), 0);
}

/* Answers the first question, then its follow-up (`follow_up` is what the
 * screen shows of it), skips the second; the run ends with status 0. */
static void sit(struct child *c, const char *follow_up)
{
    size_t at =
        e2e_expect(c, 0, "[1/2] Streams - 0:30\nHow do you build a streaming pipeline?\n", 5);
    e2e_send(c, "Kafka into Flink\n/done\n");
    at = e2e_expect(c, at, follow_up, 10);
    e2e_send(c, "by user id\n/done\n");
    at = e2e_expect(c, at, "[2/2] Streams - 0:30\nWhat comes next?\n", 5);
    e2e_send(c, "/skip\n");
    int status = e2e_finish(c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* The follow-up stored under the first answer: its question and source. */
static void assert_follow_up(const char *question, const char *source)
{
    json_t *root = e2e_load_session();
    json_t *fus =
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "follow_ups");
    assert_int_equal(json_array_size(fus), 1);
    json_t *f = json_array_get(fus, 0);
    assert_string_equal(json_string_value(json_object_get(f, "question")), question);
    assert_string_equal(json_string_value(json_object_get(f, "source")), source);
    assert_string_equal(json_string_value(json_object_get(f, "text")), "by user id");
    json_decref(root);
}

static void the_interviewer_writes_the_follow_up(void **state)
{
    (void)state;
    struct fake *f = fake_start(200, "{\"choices\":[{\"message\":{\"content\":\"Follow-up: Which "
                                     "key partitions the stream?\"}}]}");
    struct child c;
    write_config("interviewer:\n  url: http://127.0.0.1:%u/v1\n  model: e2e-model\n  rubric: "
                 "false\n",
                 f->port);
    e2e_spawn_pipe(&c, SCENARIO, e2e_home);
    sit(&c, "The interviewer is thinking...\n\n[1/2] Follow-up (1 of 1) - 1:00\nWhich key "
            "partitions the stream?\n");
    assert_follow_up("Which key partitions the stream?", "generated");
    fake_join(f);
    assert_non_null(strstr(f->request_body, "\"model\":\"e2e-model\""));
    assert_non_null(strstr(f->request_body, "How do you build a streaming pipeline?"));
    assert_non_null(strstr(f->request_body, "Kafka into Flink"));
    fake_stop(f);
}

static void a_failing_endpoint_leaves_the_authored_follow_up(void **state)
{
    (void)state;
    struct fake *f = fake_start(500, "boom");
    struct child c;
    char expected[512];
    write_config("interviewer:\n  url: http://127.0.0.1:%u/v1\n  model: e2e-model\n  rubric: "
                 "false\n",
                 f->port);
    e2e_spawn_pipe(&c, SCENARIO, e2e_home);
    snprintf(expected, sizeof expected,
             "No follow-up from the local model: the interviewer at "
             "http://127.0.0.1:%u/v1 answered HTTP 500. The scenario's own follow-ups are "
             "asked instead.\n\n[1/2] Follow-up (1 of 1) - 1:00\nAnd what if the consumer lags two "
             "hours?\n",
             f->port);
    sit(&c, expected);
    assert_follow_up("And what if the consumer lags two hours?", "authored");
    fake_stop(f);
}

static void a_url_off_this_machine_is_refused(void **state)
{
    (void)state;
    struct child c;
    char expected[512];
    write_config("interviewer:\n  url: http://example.com/v1\n  model: e2e-model\n");
    e2e_spawn_pipe(&c, SCENARIO, e2e_home);
    snprintf(expected, sizeof expected,
             "No follow-up from the local model: %s/config/rehearse/config.yaml:2:8: the "
             "interviewer's url names example.com, which is not this machine; set allow_remote: "
             "true to send answers to example.com. The scenario's own follow-ups are asked "
             "instead.\n\n[1/2] Follow-up (1 of 1) - 1:00\nAnd what if the consumer lags two "
             "hours?\n",
             e2e_home);
    sit(&c, expected);
    assert_follow_up("And what if the consumer lags two hours?", "authored");
}

/* allow_remote: said once before the interview; nothing is asked of the
 * endpoint when no answer is given. */
static void answers_leaving_the_machine_are_told(void **state)
{
    (void)state;
    struct child c;
    write_config("interviewer:\n  url: http://example.com/v1\n  model: m\n  allow_remote: true\n");
    e2e_spawn_pipe(&c, SCENARIO, e2e_home);
    size_t at = e2e_expect(&c, 0,
                           "rehearse: answers go to the interviewer at example.com, beyond this "
                           "machine (allow_remote: true in config.yaml)\n",
                           5);
    at = e2e_expect(&c, at, "How do you build a streaming pipeline?\n", 5);
    e2e_send(&c, "/skip\n/skip\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const char *first = strstr(c.buf, "answers go to");
    assert_null(strstr(first + 1, "answers go to")); /* once */
    assert_null(strstr(c.buf, "The interviewer"));   /* never asked */
}

#define RUBRIC_SCENARIO E2E "/short.yaml"

/* Answers the first question of short.yaml, lets the second time out
 * unanswered and skips the third, with the endpoint of fake f; returns the
 * output. */
static const char *sit_graded(struct child *c, const struct fake *f, const char *rubric_line)
{
    write_config("interviewer:\n  url: http://127.0.0.1:%u/v1\n  model: llama3.1:8b\n", f->port);
    e2e_spawn_pipe(c, RUBRIC_SCENARIO, e2e_home);
    size_t at = e2e_expect(c, 0, "Say something about first things.\n", 5);
    e2e_send(c, "Firsts come first\n/done\n");
    at = e2e_expect(c, at, "This one will time out.\n", 5);
    at = e2e_expect(c, at, "This one is skipped.\n", 5);
    e2e_send(c, "/skip\n");
    at = e2e_expect(c, at, "\nAsking the interviewer for a rubric of 1 answer...\n", 5);
    e2e_expect(c, at, rubric_line, 10);
    int status = e2e_finish(c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    return c->buf;
}

/* The rubric of the one answer with text: in session.json with the model
 * that wrote it, beside the rating it leaves alone, and in `show last`. */
static void the_interviewer_grades_each_answer(void **state)
{
    (void)state;
    struct fake *f = fake_start(
        200, "{\"choices\":[{\"message\":{\"content\":\"{\\\"accuracy\\\": {\\\"score\\\": 4, "
             "\\\"comment\\\": \\\"Right.\\\"}, \\\"depth\\\": {\\\"score\\\": 2, "
             "\\\"comment\\\": \\\"Says no why.\\\"}, \\\"structure\\\": {\\\"score\\\": 3, "
             "\\\"comment\\\": \\\"One line.\\\"}, \\\"communication\\\": {\\\"score\\\": 5, "
             "\\\"comment\\\": \\\"Plain.\\\"}}\"}}]}");
    struct child c;
    sit_graded(&c, f, "Next: `rehearse review last`");
    assert_null(strstr(c.buf, "no rubric"));
    fake_join(f);
    assert_non_null(strstr(f->request_body, "Firsts come first"));
    fake_stop(f);

    json_t *root = e2e_load_session();
    json_t *answers = json_object_get(root, "answers");
    json_t *r = json_object_get(json_array_get(answers, 0), "rubric");
    assert_string_equal(json_string_value(json_object_get(r, "model")), "llama3.1:8b");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "accuracy"), "score")),
                     4);
    assert_string_equal(json_string_value(json_object_get(json_object_get(r, "depth"), "comment")),
                        "Says no why.");
    assert_true(json_is_null(json_object_get(json_array_get(answers, 0), "rating")));
    assert_null(json_object_get(json_array_get(answers, 1), "rubric"));
    json_decref(root);

    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "show", "last", NULL});
    e2e_expect(&c, 0,
               "The interviewer (llama3.1:8b) thought, the model's opinion:\n\n"
               "- accuracy 4/5 - Right.\n- depth 2/5 - Says no why.\n- structure 3/5 - One "
               "line.\n- communication 5/5 - Plain.\n",
               5);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The grade `rehearse due --json` gives bank question a-one, with
 * rubric_in_schedule set as `in_schedule` says. */
static json_int_t due_grade(unsigned port, const char *in_schedule)
{
    struct child c;
    write_config("interviewer:\n  url: http://127.0.0.1:%u/v1\n  model: llama3.1:8b\n"
                 "  rubric_in_schedule: %s\n",
                 port, in_schedule);
    char later[16]; /* when the question answered today is due, whatever its grade */
    time_t month = time(NULL) + 30 * 86400;
    strftime(later, sizeof later, "%Y-%m-%d", localtime(&month));
    setenv("REHEARSE_TODAY", later, 1);
    e2e_spawn_args(&c, NULL, e2e_home,
                   (char *const[]){"rehearse", "due", "--bank", "test-bank", "--json", NULL});
    unsetenv("REHEARSE_TODAY");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    json_error_t error;
    json_t *root = json_loads(c.buf, 0, &error);
    if (root == NULL)
        fail_msg("due --json printed: %s", c.buf);
    json_int_t grade = -1;
    json_t *picks = json_object_get(root, "due");
    for (size_t i = 0; i < json_array_size(picks); i++) {
        json_t *p = json_array_get(picks, i);
        if (strcmp(json_string_value(json_object_get(p, "question_id")), "a-one") == 0)
            grade = json_integer_value(json_object_get(p, "last_grade"));
    }
    json_decref(root);
    if (grade < 0)
        fail_msg("a-one is not graded in: %s", c.buf);
    return grade;
}

/* An answer left unrated is graded in the schedule by the key terms it
 * named (none of two: 0), and by its rubric (scores 4, 2, 3, 5: 4) only
 * once config.yaml says rubric_in_schedule: true; the rating field stays
 * empty either way. */
static void the_rubric_grades_the_schedule_only_when_asked(void **state)
{
    (void)state;
    struct fake *f = fake_start(
        200, "{\"choices\":[{\"message\":{\"content\":\"{\\\"accuracy\\\": {\\\"score\\\": 4, "
             "\\\"comment\\\": \\\"Right.\\\"}, \\\"depth\\\": {\\\"score\\\": 2, "
             "\\\"comment\\\": \\\"Thin.\\\"}, \\\"structure\\\": {\\\"score\\\": 3, "
             "\\\"comment\\\": \\\"Fine.\\\"}, \\\"communication\\\": {\\\"score\\\": 5, "
             "\\\"comment\\\": \\\"Plain.\\\"}}\"}}]}");
    struct child c;
    write_config("interviewer:\n  url: http://127.0.0.1:%u/v1\n  model: llama3.1:8b\n", f->port);
    e2e_spawn_pipe(&c, E2E "/rubric.yaml", e2e_home);
    size_t at = e2e_expect(&c, 0, "What is alpha: the first letter?\n", 5);
    e2e_send(&c, "Firsts come first\n/done\n");
    e2e_expect(&c, at, "Asking the interviewer for a rubric of 1 answer...\n", 5);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    unsigned port = f->port; /* config.yaml names it; due asks it nothing */
    fake_stop(f);
    json_t *root = e2e_load_session();
    json_t *a = json_array_get(json_object_get(root, "answers"), 0);
    assert_non_null(json_object_get(a, "rubric"));
    assert_true(json_is_null(json_object_get(a, "rating")));
    json_decref(root);

    assert_int_equal(due_grade(port, "false"), 0);
    assert_int_equal(due_grade(port, "true"), 4);
}

/* An endpoint failing (HTTP 500): one line with the reason, and
 * session.json as the interview left it, without a rubric. */
static void a_failing_rubric_keeps_the_session(void **state)
{
    (void)state;
    struct fake *f = fake_start(500, "boom");
    struct child c;
    char expected[256];
    snprintf(expected, sizeof expected,
             "rehearse: no rubric of your answers: the interviewer at http://127.0.0.1:%u/v1 "
             "answered HTTP 500; the session is kept as it was\n",
             f->port);
    sit_graded(&c, f, expected);
    const char *first = strstr(c.buf, "no rubric");
    assert_null(strstr(first + 1, "no rubric")); /* once */
    fake_stop(f);
    json_t *root = e2e_load_session();
    assert_null(json_object_get(json_array_get(json_object_get(root, "answers"), 0), "rubric"));
    assert_string_equal(e2e_answer_str(root, 0, "text"), "Firsts come first");
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_interviewer_writes_the_follow_up, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_failing_endpoint_leaves_the_authored_follow_up,
                                        e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_url_off_this_machine_is_refused, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(answers_leaving_the_machine_are_told, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(the_interviewer_grades_each_answer, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(the_rubric_grades_the_schedule_only_when_asked,
                                        e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_failing_rubric_keeps_the_session, e2e_make_home,
                                        e2e_remove_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
