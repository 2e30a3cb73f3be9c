/* The interviewer against a fake chat endpoint run in this process (a thread
 * serving one scripted HTTP reply on 127.0.0.1): the follow-up and the rubric
 * of a good reply, exactly what the request carries, and the exact message of
 * each failure (slow, refused, malformed, huge, HTTP errors, control
 * characters and invalid UTF-8 cleaned, too long, empty); the loopback
 * policy; and the interviewer's settings in config.yaml. */
#define _GNU_SOURCE /* strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/config.h"
#include "io/interviewer.h"
#include "fake_chat.h"
#include "scratch.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FFFD "\xef\xbf\xbd"

/* Settings as config.yaml would give them, the url at line 2, column 8. */
static struct config_interviewer settings(const char *url, unsigned timeout_ms)
{
    return (struct config_interviewer){.url = url,
                                       .model = "test-model",
                                       .timeout_ms = timeout_ms,
                                       .rubric = 1,
                                       .file = "config.yaml",
                                       .line = 2,
                                       .column = 8};
}

static const char *key_points[] = {"partition by event time", "watermarks for late data"};
static const struct question QUESTION = {
    .id = "stream-late",
    .text = "How do you handle late events in a streaming pipeline?",
    .model_answer = "Window by event time and keep state open until a watermark passes.",
    .key_points = key_points,
    .n_key_points = 2,
};
static char ANSWER_TEXT[] = "I would buffer events for five minutes.";
static const struct transcript_answer ANSWER = {
    .n = 1, .question_id = "stream-late", .text = ANSWER_TEXT, .text_len = sizeof ANSWER_TEXT - 1};

/* Runs one follow-up against a fake replying `status` and `body` (of len
 * bytes, or strlen), after delay_ms; returns the status, with the text or the
 * message in out (which the caller frees), and the url asked in url. */
static int ask(struct fake *f, unsigned timeout_ms, char **out, char url[64])
{
    struct interviewer *itv = NULL;
    struct diag err;
    char *text = NULL;
    snprintf(url, 64, "http://127.0.0.1:%u/v1", f->port);
    struct config_interviewer s = settings(url, timeout_ms);
    assert_int_equal(interviewer_open(&s, &itv, &err), REH_OK);
    int rc = interviewer_follow_up(itv, &QUESTION, &ANSWER, &text, &err);
    interviewer_close(itv);
    fake_join(f);
    *out = rc == REH_OK ? text : strdup(err.message);
    return rc;
}

/* The message of a follow-up from a fake replying status and body. */
static void assert_failure(int status, const char *body, size_t len, const char *expected)
{
    struct fake *f = fake_start(status, body);
    char url[64], *message, want[512];
    f->body_len = len;
    assert_int_equal(ask(f, 5000, &message, url), REH_EIO);
    fake_stop(f);
    snprintf(want, sizeof want, "the interviewer at %s %s", url, expected);
    assert_string_equal(message, want);
    free(message);
}

static void follow_up_of_a_good_reply(void **state)
{
    (void)state;
    struct fake *f = fake_start(200, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{"
                                     "\"role\":\"assistant\",\"content\":\"  \\\"Follow-up: How "
                                     "would you\\nhandle events that arrive an hour late?\\\" "
                                     "\"},\"finish_reason\":\"stop\"}]}");
    char url[64], *text;
    assert_int_equal(ask(f, 5000, &text, url), REH_OK);
    assert_string_equal(text, "How would you handle events that arrive an hour late?");
    free(text);

    /* What was sent: one POST of the chat format to <url>/chat/completions. */
    assert_memory_equal(f->request, "POST /v1/chat/completions HTTP/1.1\r\n", 36);
    assert_non_null(strcasestr(f->request, "\r\nContent-Type: application/json\r\n"));
    assert_null(strcasestr(f->request, "\r\nExpect:"));
    json_t *req = json_loads(f->request_body, 0, NULL);
    assert_non_null(req);
    assert_string_equal(json_string_value(json_object_get(req, "model")), "test-model");
    assert_int_equal(json_integer_value(json_object_get(req, "max_tokens")), 120);
    assert_true(json_is_false(json_object_get(req, "stream")));
    assert_null(json_object_get(req, "response_format"));
    json_t *messages = json_object_get(req, "messages");
    assert_int_equal(json_array_size(messages), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(messages, 0), "role")),
                        "system");
    assert_string_equal(json_string_value(json_object_get(json_array_get(messages, 1), "role")),
                        "user");
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(messages, 1), "content")),
        "Question: How do you handle late events in a streaming pipeline?\n"
        "\nModel answer: Window by event time and keep state open until a watermark passes.\n"
        "\nKey points:\n- partition by event time\n- watermarks for late data\n"
        "\nCandidate's answer:\nI would buffer events for five minutes.\n");
    json_decref(req);
    fake_stop(f);
}

static void slow_reply_times_out(void **state)
{
    (void)state;
    struct fake *f = fake_start(200, "{\"choices\":[{\"message\":{\"content\":\"late\"}}]}");
    struct timespec t0, t1;
    char url[64], *message, want[128];
    f->delay_ms = 5000;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(ask(f, 300, &message, url), REH_EIO);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fake_stop(f);
    snprintf(want, sizeof want, "the interviewer at %s did not answer within 0.3 s", url);
    assert_string_equal(message, want);
    free(message);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(s >= 0.3 && s < 2.0);
}

static void refused_connection(void **state)
{
    (void)state;
    struct fake closed = {0};
    char url[64], *message, want[128];
    close(fake_socket(&closed.port, 0)); /* a port nobody listens on */
    assert_int_equal(ask(&closed, 5000, &message, url), REH_EIO);
    snprintf(want, sizeof want, "the interviewer at %s refused the connection", url);
    assert_string_equal(message, want);
    free(message);
}

static void malformed_and_incomplete_replies(void **state)
{
    (void)state;
    assert_failure(200, "{\"choices\": [{\"message\": ", 0, "sent invalid JSON");
    assert_failure(200, "", 0, "sent invalid JSON");
    assert_failure(200, "{\"choices\":[],\"choices\":[]}", 0, "sent invalid JSON");
    assert_failure(200, "{\"choices\":[]}", 0, "sent no text (choices[0].message.content)");
    assert_failure(200, "{\"choices\":[{\"message\":{\"content\":42}}]}", 0,
                   "sent no text (choices[0].message.content)");
    assert_failure(200, "{\"choices\":[{\"message\":{\"content\":\" \\\"\\\" \\n\"}}]}", 0,
                   "sent an empty follow-up");
    assert_failure(200, "{\"choices\":[{\"message\":{\"content\":\"\\u001b[2J\\u0007\"}}]}", 0,
                   "sent an empty follow-up");
}

static void http_errors(void **state)
{
    (void)state;
    assert_failure(500, "boom", 0, "answered HTTP 500");
    assert_failure(404,
                   "{\"error\":{\"message\":\"model \\\"test-model\\\" not found, try "
                   "pulling it first\\u001b[2J\",\"type\":\"api_error\"}}",
                   0, "answered HTTP 404: model \"test-model\" not found, try pulling it first");
    assert_failure(503, "{\"error\":\"loading\\nmodel\"}", 0, "answered HTTP 503: loading model");
}

static void huge_reply_is_refused(void **state)
{
    (void)state;
    size_t len = INTERVIEWER_MAX_REPLY + 4096;
    char *body = malloc(len);
    assert_non_null(body);
    memset(body, ' ', len);
    body[0] = '{';
    assert_failure(200, body, len, "sent more than 256 KiB");
    free(body);
}

/* The follow-up from a fake replying 200 and body. */
static void assert_follow_up(const char *body, const char *expected)
{
    struct fake *f = fake_start(200, body);
    char url[64], *text;
    assert_int_equal(ask(f, 5000, &text, url), REH_OK);
    fake_stop(f);
    assert_string_equal(text, expected);
    free(text);
}

static void escapes_and_invalid_utf8_are_cleaned(void **state)
{
    (void)state;
    /* ESC [ ... m, an OSC title ended by BEL, CSI as U+009B, a tab, CR LF,
     * NUL, DEL, a bidirectional override, and raw invalid bytes in the
     * body. */
    assert_follow_up("{\"choices\":[{\"message\":{\"content\":\"Why\\u001b[31m not"
                     "\\u001b]0;pwned\\u0007 use\\r\\n\\tKafka \\u009b2Jhere\\u0000\\u007f"
                     "\\u202e, caf\xe9 \xff?\"}}]}",
                     "Why not use Kafka here" FFFD ", caf" FFFD " " FFFD "?");
}

static void length_of_a_follow_up(void **state)
{
    (void)state;
    char body[2048], expected[1024] = "";
    /* 300 characters of two bytes each fit; 301 do not. */
    for (int n = 300; n <= 301; n++) {
        int len = snprintf(body, sizeof body, "{\"choices\":[{\"message\":{\"content\":\"");
        for (int i = 0; i < n; i++)
            len += snprintf(body + len, sizeof body - (size_t)len, "\xc3\xa9");
        snprintf(body + len, sizeof body - (size_t)len, "\"}}]}");
        if (n == 300)
            assert_follow_up(body, memcpy(expected, body + len - 600, 600));
        else
            assert_failure(200, body, 0, "sent a follow-up of 301 characters (at most 300)");
    }
}

static void thinking_labels_and_quotes(void **state)
{
    (void)state;
    assert_follow_up("{\"choices\":[{\"message\":{\"content\":\"<think>The answer misses "
                     "watermarks.</think>\\n\\n**Question:** \\u201cWhat is a "
                     "watermark?\\u201d\"}}]}",
                     "What is a watermark?");
    assert_follow_up("{\"choices\":[{\"message\":{\"content\":\"\\\"Batch\\\" or "
                     "\\\"stream\\\"?\"}}]}",
                     "\"Batch\" or \"stream\"?");
}

/* A rubric from a fake replying content (a JSON string's inside). */
static int rubric_of(const char *content, struct rubric *r, char **message, struct fake **kept)
{
    char body[4096], url[64];
    struct interviewer *itv = NULL;
    struct diag err;
    snprintf(body, sizeof body, "{\"choices\":[{\"message\":{\"content\":\"%s\"}}]}", content);
    struct fake *f = fake_start(200, body);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/", f->port); /* a trailing slash */
    struct config_interviewer s = settings(url, 5000);
    assert_int_equal(interviewer_open(&s, &itv, &err), REH_OK);
    int rc = interviewer_rubric(itv, &QUESTION, &ANSWER, r, &err);
    interviewer_close(itv);
    *message = strdup(rc == REH_OK ? "" : err.message);
    if (kept != NULL) {
        fake_join(f);
        *kept = f;
    } else {
        fake_stop(f);
    }
    return rc;
}

#define ASPECT(name, score, why)                                                                   \
    "\\\"" name "\\\": {\\\"score\\\": " score ", \\\"comment\\\": \\\"" why "\\\"}"

static void rubric_of_a_good_reply(void **state)
{
    (void)state;
    struct rubric r;
    struct fake *f;
    char *message;
    /* In a code fence; the comments are JSON strings inside the JSON string. */
    static const char content[] =
        "```json\\n{" ASPECT("accuracy", "4", "Correct on event time.") ", " //
        ASPECT("depth", "2", "No word on watermarks.") ", "                  //
        ASPECT("structure", "3", "One idea,\\\\n stated.") ", "              //
        ASPECT("communication", "5", "Clear\\\\u001b[0m.") "}\\n```";
    assert_int_equal(rubric_of(content, &r, &message, &f), REH_OK);
    assert_string_equal(message, "");
    free(message);
    assert_int_equal(r.marks[RUBRIC_ACCURACY].score, 4);
    assert_string_equal(r.marks[RUBRIC_ACCURACY].why, "Correct on event time.");
    assert_int_equal(r.marks[RUBRIC_DEPTH].score, 2);
    assert_string_equal(r.marks[RUBRIC_DEPTH].why, "No word on watermarks.");
    assert_int_equal(r.marks[RUBRIC_STRUCTURE].score, 3);
    assert_string_equal(r.marks[RUBRIC_STRUCTURE].why, "One idea, stated.");
    assert_int_equal(r.marks[RUBRIC_COMMUNICATION].score, 5);
    assert_string_equal(r.marks[RUBRIC_COMMUNICATION].why, "Clear.");
    assert_string_equal(rubric_aspect_name(RUBRIC_COMMUNICATION), "communication");

    assert_memory_equal(f->request, "POST /v1/chat/completions HTTP/1.1\r\n", 36);
    json_t *req = json_loads(f->request_body, 0, NULL);
    assert_non_null(req);
    assert_string_equal(json_string_value(json_object_get(req, "model")), "test-model");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(req, "response_format"), "type")),
        "json_object");
    const char *user = json_string_value(
        json_object_get(json_array_get(json_object_get(req, "messages"), 1), "content"));
    assert_non_null(strstr(user, QUESTION.text));
    assert_non_null(strstr(user, ANSWER_TEXT));
    json_decref(req);
    fake_stop(f);
}

static void rubric_failures(void **state)
{
    (void)state;
    static const struct {
        const char *content, *expected;
    } cases[] = {
        {"not json", "sent a rubric that is not a JSON object"},
        {"[1, 2]", "sent a rubric that is not a JSON object"},
        {"{" ASPECT("accuracy", "4", "Fine.") "}",
         "sent a rubric without a score from 1 to 5 for depth"},
        {"{" ASPECT("accuracy", "6", "Fine.") "}",
         "sent a rubric without a score from 1 to 5 for accuracy"},
        {"{" ASPECT("accuracy", "\\\"4\\\"", "Fine.") "}",
         "sent a rubric without a score from 1 to 5 for accuracy"},
        {"{" ASPECT("accuracy", "4.5", "Fine.") "}",
         "sent a rubric without a score from 1 to 5 for accuracy"},
        {"{" ASPECT("accuracy", "4", " \\\\u0007 ") "}",
         "sent a rubric without a comment for accuracy"},
        {"{\\\"accuracy\\\": {\\\"score\\\": 3}}", "sent a rubric without a comment for accuracy"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct rubric r;
        char *message;
        assert_int_equal(rubric_of(cases[i].content, &r, &message, NULL), REH_EIO);
        const char *at = strstr(message, "/v1/ ");
        assert_non_null(at);
        assert_string_equal(at + 5, cases[i].expected);
        assert_int_equal(r.marks[RUBRIC_ACCURACY].score, 0);
        free(message);
    }
}

/* Opens an interviewer of url; returns the status, with the notice or the
 * message in out. */
static int open_url(const char *url, int allow_remote, char out[DIAG_MAX])
{
    struct interviewer *itv = NULL;
    struct diag err;
    struct config_interviewer s = settings(url, 1000);
    s.allow_remote = allow_remote;
    int rc = interviewer_open(&s, &itv, &err);
    if (rc == REH_OK) {
        const char *notice = interviewer_notice(itv);
        snprintf(out, DIAG_MAX, "%s", notice != NULL ? notice : "(none)");
    } else {
        snprintf(out, DIAG_MAX, "%s", err.message);
        assert_null(itv);
    }
    interviewer_close(itv);
    return rc;
}

static void loopback_policy(void **state)
{
    (void)state;
    char out[DIAG_MAX];
    static const char *const local[] = {"http://127.0.0.1:11434/v1", "http://127.1.2.3/v1",
                                        "http://[::1]:8080/v1/",     "http://localhost:11434/v1",
                                        "https://LocalHost/v1",      NULL};
    for (size_t i = 0; local[i] != NULL; i++) {
        assert_int_equal(open_url(local[i], 0, out), REH_OK);
        assert_string_equal(out, "(none)");
        assert_int_equal(open_url(local[i], 1, out), REH_OK);
        assert_string_equal(out, "(none)");
    }
    assert_int_equal(open_url("http://example.com/v1", 0, out), REH_EDATA);
    assert_string_equal(out, "config.yaml:2:8: the interviewer's url names example.com, which is "
                             "not this machine; set allow_remote: true to send answers to "
                             "example.com");
    assert_int_equal(open_url("http://10.0.0.7:11434/v1", 0, out), REH_EDATA);
    assert_string_equal(out, "config.yaml:2:8: the interviewer's url names 10.0.0.7, which is "
                             "not this machine; set allow_remote: true to send answers to "
                             "10.0.0.7");
    assert_int_equal(open_url("http://example.com/v1", 1, out), REH_OK);
    assert_string_equal(out, "answers go to the interviewer at example.com, beyond this machine "
                             "(allow_remote: true in config.yaml)");

    assert_int_equal(open_url("ftp://127.0.0.1/v1", 0, out), REH_EDATA);
    assert_string_equal(
        out, "config.yaml:2:8: the interviewer's url must start with http:// or https://");
    assert_int_equal(open_url("127.0.0.1:11434/v1", 0, out), REH_EDATA);
    assert_string_equal(
        out, "config.yaml:2:8: the interviewer's url must start with http:// or https://");
    assert_int_equal(open_url("http://127.0.0.1/v1?key=1", 0, out), REH_EDATA);
    assert_string_equal(out, "config.yaml:2:8: the interviewer's url must not have a query or a "
                             "fragment; give the base of the endpoint, such as "
                             "http://127.0.0.1:11434/v1");
    assert_int_equal(open_url("http://", 0, out), REH_EDATA);
    assert_string_equal(out, "config.yaml:2:8: the interviewer's url is not a URL (No host part "
                             "in the URL); give one such as http://127.0.0.1:11434/v1");
}

/* Through the engine's table, of an empty answer to a follow-up: a name is
 * asked at the addresses checked when opening (localhost reaches the fake
 * on 127.0.0.1) and through no proxy, and the prompt says which follow-up
 * was answered. */
static void engine_table_and_localhost(void **state)
{
    (void)state;
    struct fake *f = fake_start(200, "{\"choices\":[{\"message\":{\"content\":\"Why?\"}}]}");
    struct interviewer *itv = NULL;
    struct diag err;
    char url[64], *text = NULL, empty[] = "";
    struct transcript_answer a = {.n = 1,
                                  .question = "What about watermarks?",
                                  .text = empty,
                                  .follow_up = 1,
                                  .source = FOLLOW_UPS_GENERATED};
    snprintf(url, sizeof url, "http://localhost:%u/v1", f->port);
    struct config_interviewer s = settings(url, 5000);
    assert_int_equal(interviewer_open(&s, &itv, &err), REH_OK);
    struct engine_interviewer ops = interviewer_ops(itv);
    assert_ptr_equal(ops.ctx, itv);
    setenv("http_proxy", "http://127.0.0.1:9", 1); /* nothing listens there */
    assert_int_equal(ops.follow_up(ops.ctx, &QUESTION, &a, &text, &err), REH_OK);
    unsetenv("http_proxy");
    interviewer_close(itv);
    fake_join(f);
    assert_string_equal(text, "Why?");
    free(text);
    json_t *req = json_loads(f->request_body, 0, NULL);
    const char *user = json_string_value(
        json_object_get(json_array_get(json_object_get(req, "messages"), 1), "content"));
    assert_non_null(user);
    const char *tail = "\nFollow-up asked: What about watermarks?\n\nCandidate's answer:\n"
                       "(no answer)\n";
    assert_true(strlen(user) > strlen(tail));
    assert_string_equal(user + strlen(user) - strlen(tail), tail);
    json_decref(req);
    fake_stop(f);
}

/* config.yaml of `text` in a scratch XDG_CONFIG_HOME, loaded. */
static int load_config(const char *text, struct config *cfg, char message[DIAG_MAX])
{
    char dir[SCRATCH_MAX], path[SCRATCH_MAX + 64];
    struct diag err;
    assert_int_equal(scratch_make(dir, "config"), 0);
    snprintf(path, sizeof path, "%s/rehearse", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/rehearse/config.yaml", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    setenv("XDG_CONFIG_HOME", dir, 1);
    int rc = config_load(cfg, &err);
    if (rc != REH_OK) {
        const char *name = strstr(err.message, "/rehearse/config.yaml:");
        assert_non_null(name);
        snprintf(message, DIAG_MAX, "%s", name + strlen("/rehearse/"));
    }
    scratch_remove(dir);
    return rc;
}

static void config_of_the_interviewer(void **state)
{
    (void)state;
    struct config cfg;
    char message[DIAG_MAX];
    assert_int_equal(load_config("interviewer:\n  url: http://127.0.0.1:11434/v1\n"
                                 "  model: llama3.1:8b\n",
                                 &cfg, message),
                     REH_OK);
    assert_non_null(cfg.interviewer);
    assert_string_equal(cfg.interviewer->url, "http://127.0.0.1:11434/v1");
    assert_string_equal(cfg.interviewer->model, "llama3.1:8b");
    assert_int_equal(cfg.interviewer->timeout_ms, 10000);
    assert_int_equal(cfg.interviewer->allow_remote, 0);
    assert_int_equal(cfg.interviewer->rubric, 1);
    assert_int_equal(cfg.interviewer->rubric_in_schedule, 0);
    assert_int_equal(cfg.interviewer->line, 2);
    assert_int_equal(cfg.interviewer->column, 8);
    assert_non_null(strstr(cfg.interviewer->file, "/rehearse/config.yaml"));
    assert_null(cfg.transcriber);
    config_free(&cfg);

    assert_int_equal(load_config("transcriber: [whisper]\ninterviewer:\n"
                                 "  url: https://llm.example/v1\n  model: m\n  timeout: 1m30s\n"
                                 "  allow_remote: true\n  rubric: false\n"
                                 "  rubric_in_schedule: true\n",
                                 &cfg, message),
                     REH_OK);
    assert_int_equal(cfg.interviewer->timeout_ms, 90000);
    assert_int_equal(cfg.interviewer->allow_remote, 1);
    assert_int_equal(cfg.interviewer->rubric, 0);
    assert_int_equal(cfg.interviewer->rubric_in_schedule, 1);
    assert_string_equal(cfg.transcriber[0], "whisper");
    config_free(&cfg);

    assert_int_equal(load_config("transcriber: [whisper]\n", &cfg, message), REH_OK);
    assert_null(cfg.interviewer);
    config_free(&cfg);
}

static void invalid_config_of_the_interviewer(void **state)
{
    (void)state;
    static const struct {
        const char *text, *expected;
    } cases[] = {
        {"interviewer:\n  model: m\n", "config.yaml:2:3: missing key 'url' in interviewer"},
        {"interviewer:\n  url: http://127.0.0.1/v1\n",
         "config.yaml:2:3: missing key 'model' in interviewer"},
        {"interviewer:\n  url: http://127.0.0.1/v1\n  model: m\n  timeout: 10m\n",
         "config.yaml:4:12: 'timeout' must be at most 5m (found 10m)"},
        {"interviewer:\n  url: http://127.0.0.1/v1\n  model: m\n  timeout: soon\n",
         "config.yaml:4:12: 'timeout': expected a duration such as 90s, 4m, 1m30s, 1h or a number "
         "of seconds (found \"soon\")"},
        {"interviewer:\n  url: http://127.0.0.1/v1\n  model: m\n  allow_remote: yes\n",
         "config.yaml:4:17: 'allow_remote' must be one of false, true (found \"yes\")"},
        {"interviewer:\n  url: http://127.0.0.1/v1\n  model: m\n  temperature: 2\n",
         "config.yaml:4:3: unknown key 'temperature' in interviewer; expected one of: url, model, "
         "timeout, allow_remote, rubric, rubric_in_schedule"},
        {"interviewer: http://127.0.0.1/v1\n",
         "config.yaml:1:14: expected a mapping for interviewer, found text"},
        {"interviewer:\n  url: \"\"\n  model: m\n", "config.yaml:2:8: 'url' is empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct config cfg;
        char message[DIAG_MAX] = "";
        assert_int_equal(load_config(cases[i].text, &cfg, message), REH_EDATA);
        assert_string_equal(message, cases[i].expected);
        assert_null(cfg.interviewer);
        config_free(&cfg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(follow_up_of_a_good_reply),
        cmocka_unit_test(slow_reply_times_out),
        cmocka_unit_test(refused_connection),
        cmocka_unit_test(malformed_and_incomplete_replies),
        cmocka_unit_test(http_errors),
        cmocka_unit_test(huge_reply_is_refused),
        cmocka_unit_test(escapes_and_invalid_utf8_are_cleaned),
        cmocka_unit_test(length_of_a_follow_up),
        cmocka_unit_test(thinking_labels_and_quotes),
        cmocka_unit_test(rubric_of_a_good_reply),
        cmocka_unit_test(rubric_failures),
        cmocka_unit_test(loopback_policy),
        cmocka_unit_test(engine_table_and_localhost),
        cmocka_unit_test(config_of_the_interviewer),
        cmocka_unit_test(invalid_config_of_the_interviewer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
