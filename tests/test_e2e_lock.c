/* Races of real rehearse processes on one data home, started together
 * through a barrier and repeated: reviews of one session keep each other's
 * ratings, two resumes of one session sit it once, review is refused and
 * analyze waits while an interview runs, and sessions, due and stats side
 * by side print nothing on stderr and leave their files whole.
 * REHEARSE_LOCK_ROUNDS sets the rounds of the review and resume races
 * (default 200; the others run a tenth or a quarter as many), and
 * REHEARSE_LOCK_BIN another rehearse to race (default: this build's). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS_DEFAULT 200
#define QUESTIONS      5
#define REVIEWERS      4
#define MAX_PROCS      6

static const char SCENARIO[] = "id: lock-race\n"
                               "title: Lock race\n"
                               "bank: test-bank\n"
                               "budget: 20m\n"
                               "mode: typed\n"
                               "sections:\n"
                               "  - title: Race\n"
                               "    limit: 2m\n"
                               "    questions:\n"
                               "      - {id: race-1, text: First question.}\n"
                               "      - {id: race-2, text: Second question.}\n"
                               "      - {id: race-3, text: Third question.}\n"
                               "      - {id: race-4, text: Fourth question.}\n"
                               "      - {id: race-5, text: Fifth question.}\n";

/* A rehearse process: its output through a pipe, its errors in a file. */
struct proc {
    struct child c;
    char err_path[128];
};

/* The sessions made once by `run`: all answered, and stopped after one. */
static char completed_id[128], aborted_id[128];

/* The rounds of a race: REHEARSE_LOCK_ROUNDS (or 200) divided by `share`,
 * never none. */
static size_t rounds(size_t share)
{
    const char *env = getenv("REHEARSE_LOCK_ROUNDS");
    size_t n = env != NULL && atoi(env) > 0 ? (size_t)atoi(env) : ROUNDS_DEFAULT;
    return n / share > 0 ? n / share : 1;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    text[fread(text, 1, (size_t)size, f)] = '\0';
    fclose(f);
    return text;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* Starts rehearse with argv after `gate` is closed by the parent (every
 * process of a race waits at it), with the test bank and scenario. */
static void spawn(struct proc *p, int gate[2], const char *const argv[])
{
    int in[2], out[2];
    static unsigned n;
    memset(p, 0, sizeof *p);
    snprintf(p->err_path, sizeof p->err_path, "%s/err-%u", e2e_home, n++);
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    p->c.pid = fork();
    assert_true(p->c.pid >= 0);
    if (p->c.pid == 0) {
        char config[128];
        int err = open(p->err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        close(in[1]);
        close(out[0]);
        snprintf(config, sizeof config, "%s/config", e2e_home);
        setenv("XDG_CONFIG_HOME", config, 1);
        setenv("REHEARSE_HOME", e2e_home, 1);
        setenv("REHEARSE_TODAY", "2026-11-25", 1);
        setenv("ASAN_OPTIONS", "detect_leaks=0", 1); /* leaks: the other tests */
        if (gate != NULL) {
            char c;
            close(gate[1]);
            if (read(gate[0], &c, 1) != 0)
                _exit(126);
        }
        const char *bin = getenv("REHEARSE_LOCK_BIN");
        execv(bin != NULL ? bin : REHEARSE_BIN, (char *const *)argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    p->c.in = in[1];
    p->c.out = out[0];
}

/* Lets every process waiting at the gate go at once. */
static void open_gate(int gate[2])
{
    close(gate[0]);
    close(gate[1]);
}

/* Ends p (input closed) and checks its exit status and its whole stderr. */
static void finish(struct proc *p, int status, const char *stderr_text)
{
    int ws = e2e_finish(&p->c);
    char *err = read_text(p->err_path);
    if (!WIFEXITED(ws) || WEXITSTATUS(ws) != status || strcmp(err, stderr_text) != 0)
        fail_msg("pid %d: wait status %#x (want exit %d), stderr:\n%s\nwanted:\n%s\nstdout:\n%s",
                 (int)p->c.pid, (unsigned)ws, status, err, stderr_text, p->c.buf);
    free(err);
    unlink(p->err_path);
}

/* The files of session `id` put back as they were made (saved/<id>). */
static void restore(const char *id)
{
    static const char *const files[] = {"session.json", "transcript.md"};
    for (int f = 0; f < 2; f++) {
        char from[256], to[256];
        snprintf(from, sizeof from, "%s/saved/%s/%s", e2e_home, id, files[f]);
        snprintf(to, sizeof to, "%s/sessions/%s/%s", e2e_home, id, files[f]);
        char *text = read_text(from);
        assert_non_null(text);
        write_text(to, text);
        free(text);
    }
}

/* The session directory that is neither of the saved sessions. */
static void new_session(char id[128])
{
    glob_t g;
    char pattern[128];
    snprintf(pattern, sizeof pattern, "%s/sessions/*", e2e_home);
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    id[0] = '\0';
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *name = strrchr(g.gl_pathv[i], '/') + 1;
        if (strcmp(name, completed_id) != 0 && strcmp(name, aborted_id) != 0)
            snprintf(id, 128, "%s", name);
    }
    globfree(&g);
    assert_true(id[0] != '\0');
}

/* Sits lock-race with `input`; id is the session it made. */
static void make_session(const char *input, char id[128])
{
    struct proc p;
    const char *argv[] = {"rehearse", "run", "lock-race", NULL};
    spawn(&p, NULL, argv);
    e2e_send(&p.c, input);
    finish(&p, 0, "");
    new_session(id);
}

static int setup(void **state)
{
    char path[256];
    if (e2e_make_home(state) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/config/rehearse/scenarios", e2e_home);
    assert_int_equal(e2e_run("mkdir -p '%s'", path), 0);
    strcat(path, "/lock-race.yaml");
    write_text(path, SCENARIO);
    make_session("one\n/done\ntwo\n/done\nthree\n/done\nfour\n/done\nfive\n/done\n", completed_id);
    make_session("one\n/done\n/quit\n", aborted_id);
    return e2e_run("cp -rp '%s/sessions' '%s/saved'", e2e_home, e2e_home);
}

static json_t *load(const char *id)
{
    char path[256];
    json_error_t error;
    snprintf(path, sizeof path, "%s/sessions/%s/session.json", e2e_home, id);
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
    if (root == NULL)
        fail_msg("%s:%d: %s", path, error.line, error.text);
    return root;
}

/* Every file of the session directory but the lock: no temporary file. */
static void only_session_files(const char *id)
{
    char pattern[256];
    glob_t g;
    snprintf(pattern, sizeof pattern, "%s/sessions/%s/.*.tmp", e2e_home, id);
    assert_int_equal(glob(pattern, 0, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
}

/* "rehearse: <what> <id>: held by `rehearse <cmd>` (pid N) since HH:MM:SS;
 * try again when it has finished\n" */
static void held_by(char *out, size_t size, const char *what, const char *id, const char *cmd,
                    pid_t pid, const char *err)
{
    const char *since = strstr(err, ") since ");
    int h = -1, m = -1, s = -1;
    if (since == NULL || sscanf(since, ") since %2d:%2d:%2d;", &h, &m, &s) != 3)
        fail_msg("no holder's start time in:\n%s", err);
    snprintf(out, size,
             "rehearse: %s %s: held by `rehearse %s` (pid %d) since %02d:%02d:%02d; try again "
             "when it has finished\n",
             what, id, cmd, (int)pid, h, m, s);
}

/* Four reviews of one session, each rating another answer, all saving at
 * the same moment: every rating and note is in the file. */
static void reviews_keep_each_others_ratings(void **state)
{
    (void)state;
    double start = e2e_now();
    const char *argv[] = {"rehearse", "review", completed_id, NULL};
    size_t n = rounds(1);
    for (size_t round = 0; round < n; round++) {
        struct proc p[REVIEWERS];
        int gate[2];
        char line[64];
        restore(completed_id);
        assert_int_equal(pipe(gate), 0);
        for (int k = 0; k < REVIEWERS; k++)
            spawn(&p[k], gate, argv);
        open_gate(gate);
        for (int k = 0; k < REVIEWERS; k++) {
            for (int skip = 0; skip < k; skip++)
                e2e_send(&p[k].c, "\n");
            snprintf(line, sizeof line, "[%d/%d]", k + 1, QUESTIONS);
            e2e_expect(&p[k].c, e2e_expect(&p[k].c, 0, line, 20), "Rating 1-5", 20);
        }
        for (int k = 0; k < REVIEWERS; k++) { /* the barrier: all rate at once */
            snprintf(line, sizeof line, "%d\nnote %d\nq\n", k + 1, k);
            e2e_send(&p[k].c, line);
        }
        for (int k = 0; k < REVIEWERS; k++)
            finish(&p[k], 0, "");
        json_t *root = load(completed_id);
        assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
        for (int k = 0; k < REVIEWERS; k++) {
            json_t *a = json_array_get(json_object_get(root, "answers"), (size_t)k);
            snprintf(line, sizeof line, "note %d", k);
            if (json_integer_value(json_object_get(a, "rating")) != k + 1 ||
                !json_is_string(json_object_get(a, "note")) ||
                strcmp(json_string_value(json_object_get(a, "note")), line) != 0)
                fail_msg("round %zu: answer %d lost its rating or note", round, k + 1);
        }
        assert_true(json_is_null(json_object_get(
            json_array_get(json_object_get(root, "answers"), REVIEWERS), "rating")));
        json_decref(root);
        char path[256];
        snprintf(path, sizeof path, "%s/sessions/%s/transcript.md", e2e_home, completed_id);
        char *md = read_text(path);
        for (int k = 0; k < REVIEWERS; k++) { /* transcript.md in step */
            snprintf(line, sizeof line, "Rating: %d/5\n\nNote: note %d\n", k + 1, k);
            if (strstr(md, line) == NULL)
                fail_msg("round %zu: transcript.md lacks '%s':\n%s", round, line, md);
        }
        free(md);
        only_session_files(completed_id);
    }
    printf("%zu rounds of %d reviews at once in %.1f s: every rating kept\n", n, REVIEWERS,
           e2e_now() - start);
}

/* Reads p's output until `needle` or its end; returns whether it came. */
static int output_has(struct proc *p, const char *needle)
{
    for (;;) {
        p->c.buf[p->c.len] = '\0';
        if (strstr(p->c.buf, needle) != NULL)
            return 1;
        ssize_t n = read(p->c.out, p->c.buf + p->c.len, sizeof p->c.buf - 1 - p->c.len);
        if (n <= 0)
            return 0;
        p->c.len += (size_t)n;
    }
}

/* Two `resume last` at once: one sits the session, the other says who does
 * and exits 1 without writing. */
static void two_resumes_sit_once(void **state)
{
    (void)state;
    double start = e2e_now();
    const char *argv[] = {"rehearse", "resume", "last", NULL};
    size_t n = rounds(1), firsts = 0;
    for (size_t round = 0; round < n; round++) {
        struct proc p[2];
        int gate[2];
        char want[512];
        restore(aborted_id);
        assert_int_equal(pipe(gate), 0);
        spawn(&p[0], gate, argv);
        spawn(&p[1], gate, argv);
        open_gate(gate);
        int sitting = output_has(&p[0], "[2/5]") ? 0 : 1;
        if (output_has(&p[1 - sitting], "[2/5]"))
            fail_msg("round %zu: both resumes sit the session", round);
        if (!output_has(&p[sitting], "[2/5]"))
            fail_msg("round %zu: no resume sits the session", round);
        firsts += sitting == 0;
        char *err = read_text(p[1 - sitting].err_path);
        held_by(want, sizeof want, "cannot resume", aborted_id, "resume", p[sitting].c.pid, err);
        free(err);
        finish(&p[1 - sitting], 1, want);
        e2e_send(&p[sitting].c, "two\n/done\n/quit\n");
        finish(&p[sitting], 0, "");
        json_t *root = load(aborted_id);
        json_t *answers = json_object_get(root, "answers");
        /* one, two, and the question /quit left */
        if (json_array_size(answers) != 3 || strcmp(e2e_answer_str(root, 0, "text"), "one") != 0 ||
            strcmp(e2e_answer_str(root, 1, "text"), "two") != 0 ||
            strcmp(e2e_answer_str(root, 1, "outcome"), "answered") != 0 ||
            strcmp(e2e_answer_str(root, 2, "outcome"), "aborted") != 0)
            fail_msg("round %zu: the answers are not one and two", round);
        json_decref(root);
        only_session_files(aborted_id);
    }
    printf("%zu rounds of two resumes at once in %.1f s: one sat each time (the first started "
           "%zu times)\n",
           n, e2e_now() - start, firsts);
}

/* While `run` sits a session: review is refused and writes nothing; analyze
 * waits and goes on when the interview is over. */
static void review_refused_and_analyze_waits_while_run_sits(void **state)
{
    (void)state;
    double start = e2e_now();
    const char *run[] = {"rehearse", "run", "lock-race", NULL};
    const char *review[] = {"rehearse", "review", "last", NULL};
    const char *analyze[] = {"rehearse", "analyze", "last", NULL};
    size_t n = rounds(10);
    for (size_t round = 0; round < n; round++) {
        struct proc sit, rev, ana;
        char dir[256], path[300], id[128], want[512];
        spawn(&sit, NULL, run);
        e2e_send(&sit.c, "one\n/done\n");
        e2e_expect(&sit.c, 0, "[2/5]", 20);
        new_session(id);
        snprintf(dir, sizeof dir, "%s/sessions/%s", e2e_home, id);
        snprintf(path, sizeof path, "%s/session.json", dir);
        char *before = read_text(path);

        spawn(&rev, NULL, review);
        e2e_send(&rev.c, "5\nlate\nq\n");
        char *err = NULL;
        int ws = e2e_finish(&rev.c);
        err = read_text(rev.err_path);
        held_by(want, sizeof want, "cannot review", id, "run", sit.c.pid, err);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 1 || strcmp(err, want) != 0)
            fail_msg("round %zu: review: wait status %#x, stderr:\n%s", round, (unsigned)ws, err);
        free(err);
        char *after = read_text(path);
        assert_string_equal(after, before); /* nothing written */
        free(after);
        free(before);

        if (round == 0) { /* analyze loads the audio module: once */
            spawn(&ana, NULL, analyze);
            usleep(300000);
            assert_int_equal(waitpid(ana.c.pid, &ws, WNOHANG), 0); /* waiting */
        }
        e2e_send(&sit.c, "two\n/done\nthree\n/done\nfour\n/done\nfive\n/done\n");
        finish(&sit, 0, "");
        if (round == 0) {
            char line[512];
            snprintf(line, sizeof line, "rehearse: waiting for `rehearse run` (pid %d) since ",
                     (int)sit.c.pid);
            ws = e2e_finish(&ana.c);
            err = read_text(ana.err_path);
            if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 1 || strncmp(err, line, strlen(line)) != 0 ||
                strstr(err, " to finish with ") == NULL ||
                strstr(err, "has no recorded answers\n") == NULL)
                fail_msg("analyze: wait status %#x, stderr:\n%s", (unsigned)ws, err);
            free(err);
        }
        json_t *root = load(id);
        assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
        assert_int_equal(json_array_size(json_object_get(root, "answers")), QUESTIONS);
        assert_true(json_is_null(json_object_get(
            json_array_get(json_object_get(root, "answers"), QUESTIONS - 1), "rating")));
        json_decref(root);
        only_session_files(id);
        assert_int_equal(e2e_run("rm -rf '%s'", dir), 0);
    }
    printf("%zu runs in %.1f s: review refused while each was sat, analyze waited\n", n,
           e2e_now() - start);
}

/* While `run` sits a session, `delete --yes` refuses it, naming the run,
 * and every file stays; once the interview is over it deletes it. */
static void delete_refused_while_run_sits(void **state)
{
    (void)state;
    const char *run[] = {"rehearse", "run", "lock-race", NULL};
    struct proc sit, del;
    char dir[256], id[128], want[512];
    spawn(&sit, NULL, run);
    e2e_send(&sit.c, "one\n/done\n");
    e2e_expect(&sit.c, 0, "[2/5]", 20);
    new_session(id);
    snprintf(dir, sizeof dir, "%s/sessions/%s", e2e_home, id);
    const char *del_argv[] = {"rehearse", "delete", id, "--yes", NULL};

    spawn(&del, NULL, del_argv);
    int ws = e2e_finish(&del.c);
    char *err = read_text(del.err_path);
    held_by(want, sizeof want, "cannot delete", id, "run", sit.c.pid, err);
    if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 1 || strcmp(err, want) != 0)
        fail_msg("delete: wait status %#x, stderr:\n%s", (unsigned)ws, err);
    free(err);
    assert_int_equal(e2e_run("test -f '%s/session.json' && test -f '%s/transcript.md'", dir, dir),
                     0);

    e2e_send(&sit.c, "two\n/done\nthree\n/done\nfour\n/done\nfive\n/done\n");
    finish(&sit, 0, "");
    spawn(&del, NULL, del_argv);
    finish(&del, 0, "");
    char out[256];
    snprintf(out, sizeof out, "Deleted %s.\n", id);
    assert_string_equal(del.c.buf, out);
    assert_int_equal(e2e_run("test ! -e '%s'", dir), 0);
}

/* A review waiting at its prompt when a resume starts: its rating is
 * refused, naming the resume, and nothing is written. */
static void rating_refused_once_an_interview_starts(void **state)
{
    (void)state;
    const char *review[] = {"rehearse", "review", aborted_id, NULL};
    const char *resume[] = {"rehearse", "resume", aborted_id, NULL};
    struct proc rev, sit;
    char want[512], what[128];
    restore(aborted_id);
    spawn(&rev, NULL, review);
    e2e_expect(&rev.c, 0, "Rating 1-5", 20);
    spawn(&sit, NULL, resume);
    e2e_expect(&sit.c, 0, "[2/5]", 20);
    e2e_send(&rev.c, "4\n");
    int ws = e2e_finish(&rev.c);
    char *err = read_text(rev.err_path);
    snprintf(what, sizeof what, "cannot save the rating of answer 1 of");
    held_by(want, sizeof want, what, aborted_id, "resume", sit.c.pid, err);
    if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 1 || strcmp(err, want) != 0)
        fail_msg("review: wait status %#x, stderr:\n%s", (unsigned)ws, err);
    free(err);
    e2e_send(&sit.c, "/quit\n");
    finish(&sit, 0, "");
    json_t *root = load(aborted_id);
    assert_true(json_is_null(
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "rating")));
    json_decref(root);
}

/* SIGTERM at random moments around a rating's save: never a temporary file
 * left, session.json and transcript.md always in step; and Ctrl-C at the
 * note prompt keeps the rating. */
static void signals_during_review_leave_files_in_step(void **state)
{
    (void)state;
    const char *argv[] = {"rehearse", "review", completed_id, NULL};
    size_t n = rounds(4), saved = 0;
    char path[256];
    snprintf(path, sizeof path, "%s/sessions/%s/transcript.md", e2e_home, completed_id);
    for (size_t round = 0; round < n; round++) {
        struct proc p;
        restore(completed_id);
        spawn(&p, NULL, argv);
        e2e_expect(&p.c, 0, "Rating 1-5", 20);
        e2e_send(&p.c, "3\n");
        usleep((useconds_t)(round * 7919 % 6000));
        kill(p.c.pid, SIGTERM);
        int ws = e2e_finish(&p.c);
        assert_true(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGTERM);
        json_t *root = load(completed_id);
        int rated = json_integer_value(json_object_get(
                        json_array_get(json_object_get(root, "answers"), 0), "rating")) == 3;
        json_decref(root);
        char *md = read_text(path);
        if ((strstr(md, "Rating: 3/5") != NULL) != rated)
            fail_msg("round %zu: session.json %s rated, transcript.md %s", round,
                     rated ? "is" : "is not", rated ? "is not" : "is");
        free(md);
        only_session_files(completed_id);
        saved += rated;
        unlink(p.err_path);
    }

    struct proc p;
    restore(completed_id);
    spawn(&p, NULL, argv);
    e2e_expect(&p.c, 0, "Rating 1-5", 20);
    e2e_send(&p.c, "2\n");
    e2e_expect(&p.c, 0, "Note (optional): ", 20);
    kill(p.c.pid, SIGINT);
    int ws = e2e_finish(&p.c);
    assert_true(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGINT);
    json_t *root = load(completed_id);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(root, "answers"), 0), "rating")),
                     2);
    json_decref(root);
    unlink(p.err_path);
    printf("%zu reviews ended by SIGTERM around a save (%zu had saved): files in step\n", n, saved);
}

/* `sessions`, `due` and `stats` at once, with the index and the schedule to
 * write: no message, and both files whole. */
static void listings_side_by_side(void **state)
{
    (void)state;
    double start = e2e_now();
    const char *sessions[] = {"rehearse", "sessions", NULL};
    const char *due[] = {"rehearse", "due", "--bank", "test-bank", NULL};
    const char *stats[] = {"rehearse", "stats", NULL};
    const char *const *argvs[] = {sessions, sessions, due, due, stats};
    static const char *const files[] = {"sessions-index.json", "schedule.json"};
    static const int formats[] = {4, 1};
    size_t n = rounds(4); /* test_session_lock races the same writes 200 times */
    for (size_t round = 0; round < n; round++) {
        struct proc p[5];
        int gate[2];
        for (int f = 0; f < 2; f++) {
            char path[256];
            snprintf(path, sizeof path, "%s/%s", e2e_home, files[f]);
            assert_true(unlink(path) == 0 || errno == ENOENT);
        }
        assert_int_equal(pipe(gate), 0);
        int procs = round % 4 == 0 ? 5 : 4; /* stats only reads: now and then */
        for (int k = 0; k < procs; k++)
            spawn(&p[k], gate, argvs[k]);
        open_gate(gate);
        for (int k = 0; k < procs; k++)
            finish(&p[k], 0, "");
        for (int f = 0; f < 2; f++) {
            char path[256];
            json_error_t error;
            snprintf(path, sizeof path, "%s/%s", e2e_home, files[f]);
            json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
            if (root == NULL)
                fail_msg("round %zu: %s:%d: %s", round, path, error.line, error.text);
            json_t *list = json_object_get(root, "sessions");
            if (json_integer_value(json_object_get(root, "format")) != formats[f] ||
                json_object_get(list, completed_id) == NULL ||
                json_object_get(list, aborted_id) == NULL)
                fail_msg("round %zu: %s lacks a session", round, path);
            json_decref(root);
        }
        glob_t g;
        char pattern[128];
        snprintf(pattern, sizeof pattern, "%s/.*.tmp", e2e_home);
        assert_int_equal(glob(pattern, 0, NULL, &g), GLOB_NOMATCH);
        globfree(&g);
    }
    printf("%zu rounds of sessions, due and stats at once in %.1f s: no message, files whole\n", n,
           e2e_now() - start);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reviews_keep_each_others_ratings),
        cmocka_unit_test(two_resumes_sit_once),
        cmocka_unit_test(review_refused_and_analyze_waits_while_run_sits),
        cmocka_unit_test(delete_refused_while_run_sits),
        cmocka_unit_test(rating_refused_once_an_interview_starts),
        cmocka_unit_test(signals_during_review_leave_files_in_step),
        cmocka_unit_test(listings_side_by_side),
    };
    return cmocka_run_group_tests(tests, setup, e2e_remove_home);
}
