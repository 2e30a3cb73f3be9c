/* e2e: running the real rehearse binary from tests, through a pipe or a
 * pseudo-terminal, and reading back what it wrote. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"

#include <glob.h>
#include <sndfile.h>
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

#define MIC REHEARSE_SOURCE_DIR "/scripts/virtual-mic"

char e2e_home[64];
char e2e_pulse_dir[64];
int e2e_no_color;
static int pulse_up;

double e2e_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int e2e_make_home(void **state)
{
    (void)state;
    snprintf(e2e_home, sizeof e2e_home, "/tmp/rehearse-e2e-XXXXXX");
    assert_non_null(mkdtemp(e2e_home));
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/config/rehearse/banks' && cp '%s/good/bank.yaml' "
             "'%s/config/rehearse/banks/test-bank.yaml'",
             e2e_home, REHEARSE_TEST_DATA, e2e_home);
    return system(cmd);
}

int e2e_remove_home(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", e2e_home);
    return system(cmd);
}

/* In a child: runs `rehearse ARGS...` with REHEARSE_HOME=rehearse_home and
 * the test bank; never returns. */
static void __attribute__((noreturn)) exec_args(const char *rehearse_home, char *const *args)
{
    char config[128];
    snprintf(config, sizeof config, "%s/config", e2e_home);
    setenv("XDG_CONFIG_HOME", config, 1); /* where the test bank is */
    setenv("REHEARSE_HOME", rehearse_home, 1);
    setenv("TERM", "xterm", 1);
    /* as from an interactive shell: a test started in the background by a
     * script ignores these, and a program inherits what is ignored */
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    if (e2e_no_color)
        setenv("NO_COLOR", "1", 1);
    else
        unsetenv("NO_COLOR");
    execv(REHEARSE_BIN, args);
    _exit(127);
}

void e2e_exec(const char *scenario, const char *rehearse_home)
{
    exec_args(rehearse_home, (char *const[]){"rehearse", "run", (char *)scenario, NULL});
}

void e2e_spawn_args(struct child *c, const char *cwd, const char *rehearse_home, char *const *args)
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
        if (cwd != NULL && chdir(cwd) != 0)
            _exit(126);
        exec_args(rehearse_home, args);
    }
    close(in[0]);
    close(out[1]);
    c->in = in[1];
    c->out = out[0];
}

void e2e_spawn_pipe(struct child *c, const char *scenario, const char *rehearse_home)
{
    e2e_spawn_args(c, NULL, rehearse_home,
                   (char *const[]){"rehearse", "run", (char *)scenario, NULL});
}

/* PulseAudio's ALSA plugin leaves allocations at exit that LeakSanitizer
 * cannot attribute once the plugin is unloaded, so a child whose sound goes
 * through PulseAudio is not checked for leaks; the other tests check
 * rehearse itself. Returns the ASAN_OPTIONS to put back. */
static char *leak_check_off(void)
{
    char *asan = getenv("ASAN_OPTIONS") ? strdup(getenv("ASAN_OPTIONS")) : NULL;
    setenv("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", 1);
    return asan;
}

static void leak_check_back(char *asan)
{
    if (asan != NULL)
        setenv("ASAN_OPTIONS", asan, 1);
    else
        unsetenv("ASAN_OPTIONS");
    free(asan);
}

void e2e_spawn_pulse(struct child *c, const char *scenario, int on_terminal)
{
    char *asan = leak_check_off();
    if (on_terminal)
        e2e_spawn_pty(c, scenario);
    else
        e2e_spawn_pipe(c, scenario, e2e_home);
    leak_check_back(asan);
}

void e2e_spawn_pulse_args(struct child *c, char *const *args)
{
    char *asan = leak_check_off();
    e2e_spawn_args(c, NULL, e2e_home, args);
    leak_check_back(asan);
}

/* In the pseudo-terminal's session leader, which stands for a shell with job
 * control: rehearse runs in a process group of its own, the terminal's
 * foreground one, whose parent is in the same session, so that Ctrl-Z stops
 * it (the kernel discards stop signals to an orphaned process group). The
 * leader exits with rehearse's exit status, or 128 + the signal that killed
 * it. */
static void exec_as_job(const char *scenario) __attribute__((noreturn));
static void exec_as_job(const char *scenario)
{
    pid_t job = fork();
    if (job == 0) {
        setpgid(0, 0);
        signal(SIGTTOU, SIG_IGN); /* to take the terminal from the background */
        tcsetpgrp(STDIN_FILENO, getpid());
        signal(SIGTTOU, SIG_DFL);
        e2e_exec(scenario, e2e_home);
    }
    int status = 0;
    while (job > 0 && waitpid(job, &status, 0) < 0)
        ;
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

/* Forks with a new pseudo-terminal of 24 by 100 as the child's. */
static void fork_pty(struct child *c)
{
    struct winsize ws = {.ws_row = 24, .ws_col = 100};
    int master;
    memset(c, 0, sizeof *c);
    c->pid = forkpty(&master, NULL, NULL, &ws);
    assert_true(c->pid >= 0);
    c->in = c->out = master;
}

static void spawn_pty(struct child *c, const char *scenario, int as_job)
{
    fork_pty(c);
    if (c->pid == 0 && as_job)
        exec_as_job(scenario);
    if (c->pid == 0)
        e2e_exec(scenario, e2e_home);
}

void e2e_spawn_pty_args(struct child *c, char *const *args)
{
    fork_pty(c);
    if (c->pid == 0)
        exec_args(e2e_home, args);
}

void e2e_spawn_pty(struct child *c, const char *scenario)
{
    spawn_pty(c, scenario, 0);
}

pid_t e2e_spawn_pty_job(struct child *c, const char *scenario)
{
    spawn_pty(c, scenario, 1);
    /* The job is the leader's only child. */
    char path[64];
    long job = 0;
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)c->pid, (int)c->pid);
    for (double end = e2e_now() + 5; job == 0 && e2e_now() < end;
         nanosleep(&(struct timespec){0, 10000000}, NULL)) {
        FILE *f = fopen(path, "r");
        if (f != NULL && fscanf(f, "%ld", &job) != 1)
            job = 0;
        if (f != NULL)
            fclose(f);
    }
    assert_true(job > 0);
    return (pid_t)job;
}

/* The state letter of a process in /proc/PID/stat (R, S, T...). */
char e2e_process_state(pid_t pid)
{
    char path[64], stat[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    stat[fread(stat, 1, sizeof stat - 1, f)] = '\0';
    fclose(f);
    const char *paren = strrchr(stat, ')');
    assert_non_null(paren);
    return paren[2];
}

void e2e_wait_state(pid_t pid, char want, double timeout)
{
    double end = e2e_now() + timeout;
    while (e2e_process_state(pid) != want) {
        if (e2e_now() > end)
            fail_msg("process %d not in state %c within %.1f s", (int)pid, want, timeout);
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
}

/* Reads what the child printed until `needle` appears after `from`, or the
 * timeout. Returns the offset just past the needle, or fails the test. */
size_t e2e_expect(struct child *c, size_t from, const char *needle, double timeout)
{
    double end = e2e_now() + timeout;
    for (;;) {
        c->buf[c->len] = '\0';
        char *hit = strstr(c->buf + from, needle);
        if (hit != NULL)
            return (size_t)(hit - c->buf) + strlen(needle);
        double left = end - e2e_now();
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

void e2e_send(struct child *c, const char *text)
{
    size_t len = strlen(text);
    assert_int_equal(write(c->in, text, len), (ssize_t)len);
}

/* Closes the input, reads the rest of the output and returns the wait status. */
int e2e_finish(struct child *c)
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

/* The one session directory under e2e_home. */
void e2e_session_dir(char *out, size_t size)
{
    glob_t g;
    char pattern[128];
    snprintf(pattern, sizeof pattern, "%s/sessions/*", e2e_home);
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, 1);
    snprintf(out, size, "%s", g.gl_pathv[0]);
    globfree(&g);
}

json_t *e2e_load_session(void)
{
    char dir[256], path[300];
    json_error_t error;
    e2e_session_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/session.json", dir);
    json_t *root = json_load_file(path, 0, &error);
    if (root == NULL)
        fail_msg("%s:%d: %s", path, error.line, error.text);
    return root;
}

const char *e2e_answer_str(json_t *root, size_t i, const char *key)
{
    return json_string_value(
        json_object_get(json_array_get(json_object_get(root, "answers"), i), key));
}

double e2e_answer_num(json_t *root, size_t i, const char *key)
{
    return json_number_value(
        json_object_get(json_array_get(json_object_get(root, "answers"), i), key));
}

void e2e_mode_is(const char *path, mode_t mode)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, mode);
}

int e2e_run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int e2e_mic_start(void **state)
{
    (void)state;
    snprintf(e2e_pulse_dir, sizeof e2e_pulse_dir, "/tmp/rehearse-mic-XXXXXX");
    if (mkdtemp(e2e_pulse_dir) == NULL)
        return -1;
    pulse_up = e2e_run("'%s' start '%s'", MIC, e2e_pulse_dir) == 0;
    if (!pulse_up) { /* a failure, not a skip: these tests must run */
        fprintf(stderr,
                "the virtual microphone could not start: see %s/pulseaudio.log "
                "(scripts/deps --test installs what it needs)\n",
                e2e_pulse_dir);
        return -1;
    }
    return 0;
}

int e2e_mic_stop(void **state)
{
    (void)state;
    if (pulse_up)
        e2e_run("'%s' stop '%s'", MIC, e2e_pulse_dir);
    return e2e_run("rm -rf '%s'", e2e_pulse_dir);
}

void e2e_use_pulse(void)
{
    setenv("XDG_RUNTIME_DIR", e2e_pulse_dir, 1);
    unsetenv("ALSA_CONFIG_PATH");
}

size_t e2e_read_samples(const char *path, int16_t **out)
{
    SF_INFO info = {0};
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    if (f == NULL)
        fail_msg("%s: %s", path, sf_strerror(NULL));
    assert_int_equal(info.channels, 1);
    *out = malloc((size_t)info.frames * sizeof **out + 1);
    assert_int_equal(sf_readf_short(f, *out, info.frames), info.frames);
    sf_close(f);
    return (size_t)info.frames;
}

int16_t *e2e_alsa_file_mic(size_t *n)
{
    char raw[128], conf[128];
    snprintf(raw, sizeof raw, "%s/noise.raw", e2e_home);
    snprintf(conf, sizeof conf, "%s/asound.conf", e2e_home);
    size_t n_src = 200 * 16000;
    int16_t *src = malloc(n_src * sizeof *src);
    uint32_t x = 12345;
    for (size_t i = 0; i < n_src; i++) {
        x = x * 1664525u + 1013904223u;
        src[i] = (int16_t)(x >> 16);
    }
    FILE *f = fopen(raw, "wb");
    assert_int_equal(fwrite(src, sizeof *src, n_src, f), n_src);
    fclose(f);
    assert_int_equal(e2e_run("'%s' alsa-file '%s' '%s'", MIC, raw, conf), 0);
    setenv("ALSA_CONFIG_PATH", conf, 1);
    *n = n_src;
    return src;
}
