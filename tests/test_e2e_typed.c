/* End-to-end tests of typed interviews on the real binary: through a pipe
 * (timeouts, skips, signals, kill -9) and through a pseudo-terminal
 * (readline editing keys, the countdown ticking in the prompt). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <jansson.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define E2E REHEARSE_TEST_DATA "/e2e"

struct child {
    pid_t pid;
    int in, out; /* the same descriptor for a pseudo-terminal */
    char buf[1 << 17];
    size_t len;
};

static char home[64];

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int make_home(void **state)
{
    (void)state;
    snprintf(home, sizeof home, "/tmp/rehearse-e2e-XXXXXX");
    assert_non_null(mkdtemp(home));
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/config/rehearse/banks' && cp '%s/good/bank.yaml' "
             "'%s/config/rehearse/banks/test-bank.yaml'",
             home, REHEARSE_TEST_DATA, home);
    return system(cmd);
}

static int remove_home(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    return system(cmd);
}

static void exec_rehearse(const char *scenario, const char *rehearse_home)
{
    char config[128];
    snprintf(config, sizeof config, "%s/config", home);
    setenv("XDG_CONFIG_HOME", config, 1); /* where the test bank is */
    setenv("REHEARSE_HOME", rehearse_home, 1);
    setenv("TERM", "xterm", 1);
    unsetenv("NO_COLOR");
    execl(REHEARSE_BIN, "rehearse", "run", scenario, (char *)NULL);
    _exit(127);
}

static void spawn_pipe(struct child *c, const char *scenario, const char *rehearse_home)
{
    int in[2], out[2];
    memset(c, 0, sizeof *c);
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    c->pid = fork();
    assert_true(c->pid >= 0);
    if (c->pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(out[1], STDERR_FILENO);
        close(in[1]);
        close(out[0]);
        exec_rehearse(scenario, rehearse_home);
    }
    close(in[0]);
    close(out[1]);
    c->in = in[1];
    c->out = out[0];
}

static void spawn_pty(struct child *c, const char *scenario)
{
    struct winsize ws = {.ws_row = 24, .ws_col = 100};
    int master;
    memset(c, 0, sizeof *c);
    c->pid = forkpty(&master, NULL, NULL, &ws);
    assert_true(c->pid >= 0);
    if (c->pid == 0)
        exec_rehearse(scenario, home);
    c->in = c->out = master;
}

/* Reads what the child printed until `needle` appears after `from`, or the
 * timeout. Returns the offset just past the needle, or fails the test. */
static size_t expect(struct child *c, size_t from, const char *needle, double timeout)
{
    double end = now_s() + timeout;
    for (;;) {
        c->buf[c->len] = '\0';
        char *hit = strstr(c->buf + from, needle);
        if (hit != NULL)
            return (size_t)(hit - c->buf) + strlen(needle);
        double left = end - now_s();
        if (left <= 0)
            fail_msg("'%s' not seen within %.1f s; output:\n%s", needle, timeout, c->buf);
        struct pollfd p = {.fd = c->out, .events = POLLIN};
        if (poll(&p, 1, (int)(left * 1000) + 1) > 0) {
            ssize_t n = read(c->out, c->buf + c->len, sizeof c->buf - 1 - c->len);
            if (n <= 0)
                fail_msg("output ended before '%s':\n%s", needle, c->buf);
            c->len += (size_t)n;
        }
    }
}

static void send_text(struct child *c, const char *text)
{
    size_t len = strlen(text);
    assert_int_equal(write(c->in, text, len), (ssize_t)len);
}

/* Closes the input, reads the rest of the output and returns the wait status. */
static int finish(struct child *c)
{
    int status;
    if (c->in != c->out)
        close(c->in);
    for (;;) {
        ssize_t n = read(c->out, c->buf + c->len, sizeof c->buf - 1 - c->len);
        if (n <= 0)
            break;
        c->len += (size_t)n;
    }
    c->buf[c->len] = '\0';
    close(c->out);
    assert_int_equal(waitpid(c->pid, &status, 0), c->pid);
    return status;
}

/* The one session directory under the home. */
static void session_dir(char *out, size_t size)
{
    glob_t g;
    char pattern[128];
    snprintf(pattern, sizeof pattern, "%s/sessions/*", home);
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, 1);
    snprintf(out, size, "%s", g.gl_pathv[0]);
    globfree(&g);
}

static json_t *load_session(void)
{
    char dir[256], path[300];
    json_error_t error;
    session_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/session.json", dir);
    json_t *root = json_load_file(path, 0, &error);
    if (root == NULL)
        fail_msg("%s:%d: %s", path, error.line, error.text);
    return root;
}

static const char *answer_str(json_t *root, size_t i, const char *key)
{
    return json_string_value(
        json_object_get(json_array_get(json_object_get(root, "answers"), i), key));
}

static double answer_num(json_t *root, size_t i, const char *key)
{
    return json_number_value(
        json_object_get(json_array_get(json_object_get(root, "answers"), i), key));
}

static void mode_is(const char *path, mode_t mode)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, mode);
}

static void piped_interview(void **state)
{
    (void)state;
    struct child c;
    spawn_pipe(&c, E2E "/short.yaml", home);
    send_text(&c, "my first answer\nsecond line\n/done\n");
    size_t at = expect(&c, 0, "[2/3]", 5);
    at = expect(&c, at, "-- 0:01 left --", 5);
    at = expect(&c, at, "[3/3]", 5); /* the second question timed out */
    send_text(&c, "/skip\n");
    int status = finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strchr(c.buf, '\033')); /* plain text into a pipe */
    assert_non_null(strstr(c.buf, "Interview completed: 1 answered, 1 timed out, 1 skipped"));

    json_t *root = load_session();
    assert_int_equal(json_integer_value(json_object_get(root, "format")), 1);
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    assert_string_equal(answer_str(root, 0, "outcome"), "answered");
    assert_string_equal(answer_str(root, 0, "text"), "my first answer\nsecond line");
    assert_string_equal(answer_str(root, 0, "question_id"), "first");
    assert_string_equal(answer_str(root, 1, "outcome"), "timed-out");
    assert_string_equal(answer_str(root, 1, "text"), "");
    double elapsed = answer_num(root, 1, "elapsed_s");
    if (fabs(elapsed - 2.0) > 0.25)
        fail_msg("timed-out answer took %.3f s, limit 2 s", elapsed);
    assert_string_equal(answer_str(root, 2, "outcome"), "skipped");
    json_decref(root);

    char dir[256], path[300];
    session_dir(dir, sizeof dir);
    mode_is(dir, 0700);
    snprintf(path, sizeof path, "%s/session.json", dir);
    mode_is(path, 0600);
    snprintf(path, sizeof path, "%s/transcript.md", dir);
    mode_is(path, 0600);
    FILE *f = fopen(path, "r");
    char md[8192];
    assert_non_null(f);
    md[fread(md, 1, sizeof md - 1, f)] = '\0';
    fclose(f);
    assert_non_null(strstr(md, "my first answer  \nsecond line\n"));
    assert_non_null(strstr(md, "Say something about first things."));
}

static void kill_9_keeps_finished_answers(void **state)
{
    (void)state;
    struct child c;
    spawn_pipe(&c, E2E "/long.yaml", home);
    send_text(&c, "answer one\n/done\n");
    expect(&c, 0, "[2/2]", 5);
    send_text(&c, "typing two\n");
    usleep(5600 * 1000); /* past the first autosave of the second answer */
    kill(c.pid, SIGKILL);
    int status = finish(&c);
    assert_true(WIFSIGNALED(status));

    json_t *root = load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "in-progress");
    assert_string_equal(answer_str(root, 0, "outcome"), "answered");
    assert_string_equal(answer_str(root, 0, "text"), "answer one");
    assert_string_equal(answer_str(root, 1, "outcome"), "in-progress");
    assert_string_equal(answer_str(root, 1, "text"), "typing two");
    json_decref(root);
}

static void sigterm_ends_cleanly(void **state)
{
    (void)state;
    struct child c;
    spawn_pipe(&c, E2E "/long.yaml", home);
    send_text(&c, "half of it\n");
    expect(&c, 0, "[1/2]", 5);
    usleep(300 * 1000);
    kill(c.pid, SIGTERM);
    int status = finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 128 + SIGTERM);
    json_t *root = load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "aborted");
    assert_string_equal(answer_str(root, 0, "outcome"), "aborted");
    assert_string_equal(answer_str(root, 0, "text"), "half of it");
    assert_true(json_is_string(json_object_get(root, "ended_at")));
    json_decref(root);
}

static void unwritable_home_fails_before_the_interview(void **state)
{
    (void)state;
    struct child c;
    char file[128], bad[160];
    snprintf(file, sizeof file, "%s/a-file", home);
    fclose(fopen(file, "w"));
    snprintf(bad, sizeof bad, "%s/home", file);
    spawn_pipe(&c, E2E "/short.yaml", bad);
    int status = finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_non_null(strstr(c.buf, "rehearse: cannot create "));
    assert_null(strstr(c.buf, "[1/3]"));
}

static void terminal_editing_and_countdown(void **state)
{
    (void)state;
    struct child c;
    spawn_pty(&c, E2E "/long.yaml");
    size_t at = expect(&c, 0, "Press Enter to start.", 5);
    send_text(&c, "\r");
    at = expect(&c, at, "[1/2]", 5);
    at = expect(&c, at, "[0:29 | ", 3); /* the countdown ticks in the prompt */
    at = expect(&c, at, "[0:28 | ", 3);
    send_text(&c, "helo wrld");
    send_text(&c, "\002\002\002o");       /* Ctrl-B three times, then insert: "helo world" */
    send_text(&c, "\001\006\006\006l\r"); /* Ctrl-A, Ctrl-F three times: "hello" */
    send_text(&c, "/done\r");
    at = expect(&c, at, "[2/2]", 5);
    send_text(&c, "/quit\r");
    int status = finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = load_session();
    assert_string_equal(answer_str(root, 0, "text"), "hello world");
    assert_string_equal(json_string_value(json_object_get(root, "status")), "aborted");
    json_decref(root);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(piped_interview, make_home, remove_home),
        cmocka_unit_test_setup_teardown(kill_9_keeps_finished_answers, make_home, remove_home),
        cmocka_unit_test_setup_teardown(sigterm_ends_cleanly, make_home, remove_home),
        cmocka_unit_test_setup_teardown(unwritable_home_fails_before_the_interview, make_home,
                                        remove_home),
        cmocka_unit_test_setup_teardown(terminal_editing_and_countdown, make_home, remove_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
