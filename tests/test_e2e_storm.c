/* Interruptions at random moments, seeded: SIGINT, SIGTERM and SIGHUP
 * during typed and spoken answers (on a pseudo-terminal and through a pipe),
 * and kill -9. After each run every session.json parses, every recording
 * opens and holds the frames its answer says, the terminal is as it was, and
 * a killed recording misses at most a second of what reached the disk.
 * REHEARSE_STORM_SEED picks another sequence; REHEARSE_STORM_RUNS scales
 * the number of runs (default 100 with signals and 50 with kill -9). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/rng.h"
#include "e2e.h"

#include <glob.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>

#define STORM E2E "/storm.yaml"

static struct rng rng;
static size_t recordings, finished_answers; /* what the runs got to check */
static size_t early_signals;                /* signals that came before start-up ended */

/* A random time from lo to hi seconds, in milliseconds steps. */
static double between(double lo, double hi)
{
    return lo + (double)rng_below(&rng, (uint64_t)((hi - lo) * 1000) + 1) / 1000.0;
}

static size_t runs(size_t standard)
{
    const char *scale = getenv("REHEARSE_STORM_RUNS");
    return scale != NULL ? standard * (size_t)atoi(scale) / 100 : standard;
}

/* Like e2e_spawn_pty, but the parent keeps the terminal's slave side open
 * to look at its modes once the child has gone. */
static int spawn_on_terminal(struct child *c, struct termios *before)
{
    struct winsize ws = {.ws_row = 24, .ws_col = 100};
    int master, slave;
    memset(c, 0, sizeof *c);
    assert_int_equal(openpty(&master, &slave, NULL, NULL, &ws), 0);
    assert_int_equal(tcgetattr(slave, before), 0);
    c->pid = fork();
    assert_true(c->pid >= 0);
    if (c->pid == 0) {
        close(master);
        if (login_tty(slave) != 0)
            _exit(127);
        e2e_exec(STORM, e2e_home);
    }
    c->in = c->out = master;
    return slave;
}

/* Reads what the child prints until `until` (monotonic seconds). */
static void drain_until(struct child *c, double until)
{
    for (double left; (left = until - e2e_now()) > 0;) {
        struct pollfd p = {.fd = c->out, .events = POLLIN};
        if (poll(&p, 1, (int)(left * 1000) + 1) <= 0)
            continue;
        ssize_t n = read(c->out, c->buf + c->len, sizeof c->buf - 1 - c->len);
        if (n <= 0)
            return;
        c->len += (size_t)n;
        if (c->len > sizeof c->buf / 2) { /* only the recent output matters */
            memmove(c->buf, c->buf + c->len / 2, c->len - c->len / 2);
            c->len -= c->len / 2;
        }
    }
}

/* The wait status of a child on a terminal whose slave side the parent
 * holds: its output never ends, so it is read until the child has exited.
 * The master side stays open (the slave's modes can still be read). A child
 * that does not end within 20 s of its signal is killed and fails the run. */
static int finish_on_terminal(struct child *c)
{
    int status;
    pid_t done;
    double give_up = e2e_now() + 20;
    while ((done = waitpid(c->pid, &status, WNOHANG)) == 0) {
        if (e2e_now() > give_up) {
            kill(c->pid, SIGKILL);
            waitpid(c->pid, &status, 0);
            c->buf[c->len] = '\0';
            fail_msg("the interview did not end within 20 s of its signal; it printed:\n%s",
                     c->buf);
        }
        drain_until(c, e2e_now() + 0.05);
    }
    assert_int_equal(done, c->pid);
    return status;
}

/* Sends the answers of the storm scenario at random moments until the
 * interruption at `stop`: an answer, a spoken one stopped by Enter, the
 * start of a third. */
static void play_script(struct child *c, double start, double stop, const char *enter)
{
    static const char *const steps[] = {"one", "", "/done", "", "three", ""};
    double at = start;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        at += between(0.1, 0.7);
        if (at >= stop)
            break;
        drain_until(c, at);
        char line[32];
        snprintf(line, sizeof line, "%s%s", steps[i], enter);
        if (write(c->in, line, strlen(line)) < 0)
            break;
    }
    drain_until(c, stop);
}

/* The session directory, or "" when the run ended before making one. */
static void session_dir(char *out, size_t size)
{
    glob_t g;
    char pattern[128];
    snprintf(pattern, sizeof pattern, "%s/sessions/*", e2e_home);
    out[0] = '\0';
    if (glob(pattern, 0, NULL, &g) == 0) {
        assert_int_equal(g.gl_pathc, 1);
        snprintf(out, size, "%s", g.gl_pathv[0]);
    }
    globfree(&g);
}

/* Every recording a session.json names opens and has its frames. */
static void recordings_match(const char *dir, json_t *root)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(root, "answers"), i, a)
    {
        json_t *audio = json_object_get(a, "audio");
        if (!json_is_object(audio))
            continue;
        char path[512];
        SF_INFO info = {0};
        snprintf(path, sizeof path, "%s/%s", dir,
                 json_string_value(json_object_get(audio, "file")));
        SNDFILE *f = sf_open(path, SFM_READ, &info);
        if (f == NULL)
            fail_msg("%s does not open: %s", path, sf_strerror(NULL));
        sf_close(f);
        json_int_t frames = json_integer_value(json_object_get(audio, "frames"));
        if (info.frames != frames)
            fail_msg("%s has %lld frames, session.json says %lld", path, (long long)info.frames,
                     (long long)frames);
        recordings++;
    }
}

static json_t *load_json(const char *dir)
{
    char path[300];
    json_error_t error;
    snprintf(path, sizeof path, "%s/session.json", dir);
    json_t *root = json_load_file(path, 0, &error);
    if (root == NULL)
        fail_msg("%s:%d: %s", path, error.line, error.text);
    return root;
}

static void no_temporary_files(const char *dir)
{
    glob_t g;
    char pattern[300];
    snprintf(pattern, sizeof pattern, "%s/.*.tmp", dir);
    assert_int_equal(glob(pattern, 0, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
}

static void same_modes(const struct termios *a, const struct termios *b)
{
    const tcflag_t lflags = ICANON | ECHO | ISIG | IEXTEN, iflags = ICRNL | IXON;
    if ((a->c_lflag & lflags) != (b->c_lflag & lflags) ||
        (a->c_iflag & iflags) != (b->c_iflag & iflags) ||
        (a->c_oflag & OPOST) != (b->c_oflag & OPOST))
        fail_msg("the terminal was left in other modes (lflag %#x, was %#x)", (unsigned)b->c_lflag,
                 (unsigned)a->c_lflag);
}

static void one_signal_run(size_t run, int on_terminal)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    int sig = signals[rng_below(&rng, 3)], slave = -1, status;
    struct termios before, after;
    struct child c;
    char dir[256];
    double start = e2e_now(), stop = start + between(0.0, 3.0);

    assert_int_equal(e2e_run("rm -rf '%s/sessions'", e2e_home), 0);
    if (on_terminal) {
        slave = spawn_on_terminal(&c, &before);
        e2e_send(&c, "\r"); /* the intro waits for Enter */
    } else {
        e2e_spawn_pipe(&c, STORM, e2e_home);
    }
    play_script(&c, start, stop, on_terminal ? "\r" : "\n");
    kill(c.pid, sig);
    status = on_terminal ? finish_on_terminal(&c) : e2e_finish(&c);
    if (on_terminal) {
        assert_int_equal(tcgetattr(slave, &after), 0);
        close(slave);
        close(c.out);
        same_modes(&before, &after);
    }
    session_dir(dir, sizeof dir);
    if (WIFSIGNALED(status) && WTERMSIG(status) == sig && dir[0] == '\0') {
        early_signals++; /* it landed before the program took signals over */
        return;
    }
    if (!WIFEXITED(status) || (WEXITSTATUS(status) != 128 + sig && WEXITSTATUS(status) != 0))
        fail_msg("run %zu: signal %d after %.3f s: wait status %#x", run, sig, stop - start,
                 (unsigned)status);
    if (dir[0] == '\0')
        fail_msg("run %zu: no session directory", run);
    json_t *root = load_json(dir);
    const char *s = json_string_value(json_object_get(root, "status"));
    const char *want = WEXITSTATUS(status) == 0 ? "completed" : "aborted";
    if (s == NULL || strcmp(s, want) != 0) {
        c.buf[c.len] = '\0';
        fail_msg(
            "run %zu (%s): signal %d after %.3f s: exit %d, status %s, not %s; it printed:\n%s",
            run, on_terminal ? "terminal" : "pipe", sig, stop - start, WEXITSTATUS(status),
            s ? s : "none", want, c.buf);
    }
    recordings_match(dir, root);
    no_temporary_files(dir);
    json_decref(root);
}

static void signals_at_random_moments(void **state)
{
    (void)state;
    e2e_use_pulse();
    setenv("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", 1); /* PulseAudio's plugin */
    size_t n = runs(100);
    for (size_t i = 0; i < n; i++)
        one_signal_run(i, (int)(i % 2));
    printf("%zu runs interrupted by signals (seed %s): every session intact, %zu recordings "
           "checked, %zu signals before start-up ended\n",
           n, getenv("REHEARSE_STORM_SEED") ? getenv("REHEARSE_STORM_SEED") : "default", recordings,
           early_signals);
    assert_true(n > 0);
    assert_true(early_signals * 10 <= n); /* the runs reached the sessions they test */
    assert_true(recordings * 5 >= n);     /* and often a recording (35 in 100 runs) */
}

/* Frames of audio on disk after the header's count: what a player would
 * not play of a killed recording. */
static long unplayed_frames(const char *path)
{
    unsigned char head[4096];
    struct stat st;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    assert_int_equal(stat(path, &st), 0);
    for (size_t i = 12; i + 8 <= n; i++)
        if (memcmp(head + i, "data", 4) == 0) {
            long declared =
                head[i + 4] | head[i + 5] << 8 | head[i + 6] << 16 | (long)head[i + 7] << 24;
            return ((long)st.st_size - (long)(i + 8) - declared) / 2;
        }
    fail_msg("%s has no data chunk", path);
    return -1;
}

static void one_kill_run(size_t run)
{
    struct child c;
    char dir[256], pattern[300];
    double start = e2e_now(), stop = start + between(0.0, 4.0);
    int finished = 0; /* the first answer was done before the kill */

    assert_int_equal(e2e_run("rm -rf '%s/sessions'", e2e_home), 0);
    e2e_spawn_pipe(&c, STORM, e2e_home);
    e2e_send(&c, "one\n/done\n");
    drain_until(&c, stop);
    c.buf[c.len] = '\0';
    finished = strstr(c.buf, "[2/3]") != NULL;
    kill(c.pid, SIGKILL);
    int status = e2e_finish(&c);
    assert_true(WIFSIGNALED(status));
    session_dir(dir, sizeof dir);
    if (dir[0] == '\0') {
        assert_false(finished);
        return;
    }
    char path[300];
    snprintf(path, sizeof path, "%s/session.json", dir);
    if (access(path, F_OK) != 0) {
        assert_false(finished); /* killed before the first save */
        return;
    }
    json_t *root = load_json(dir);
    if (finished) {
        finished_answers++;
        assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
        assert_string_equal(e2e_answer_str(root, 0, "text"), "one");
    }
    json_decref(root);
    glob_t g;
    snprintf(pattern, sizeof pattern, "%s/*.wav", dir);
    if (glob(pattern, 0, NULL, &g) == 0)
        for (size_t i = 0; i < g.gl_pathc; i++) {
            SF_INFO info = {0};
            SNDFILE *f = sf_open(g.gl_pathv[i], SFM_READ, &info);
            if (f == NULL)
                fail_msg("run %zu: %s does not open: %s", run, g.gl_pathv[i], sf_strerror(NULL));
            sf_close(f);
            long unplayed = unplayed_frames(g.gl_pathv[i]);
            recordings++;
            if (unplayed < 0 || unplayed > 16000)
                fail_msg("run %zu: %s misses %.2f s", run, g.gl_pathv[i], unplayed / 16000.0);
        }
    globfree(&g);
}

static void kill_9_at_random_moments(void **state)
{
    (void)state;
    e2e_use_pulse();
    size_t n = runs(50);
    recordings = 0;
    for (size_t i = 0; i < n; i++)
        one_kill_run(i);
    printf("%zu runs killed with SIGKILL: %zu finished answers kept, %zu recordings playable "
           "missing at most 1 s\n",
           n, finished_answers, recordings);
    /* Kills come late enough to test something (30 and 30 in 50 runs). */
    assert_true(n > 0 && finished_answers * 4 >= n && recordings * 4 >= n);
}

int main(void)
{
    const char *seed = getenv("REHEARSE_STORM_SEED");
    rng_seed(&rng, seed != NULL ? strtoull(seed, NULL, 10) : 20261125);
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(signals_at_random_moments, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(kill_9_at_random_moments, e2e_make_home, e2e_remove_home),
    };
    int failed = cmocka_run_group_tests(tests, e2e_mic_start, e2e_mic_stop);
    return failed;
}
