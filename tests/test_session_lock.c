/* Tests of the session lock and of the store's atomic writes from several
 * processes: a held lock is refused naming its holder, a holder killed with
 * SIGKILL blocks no one, and two processes replacing one file 200 times
 * each leave it whole, with no temporary file behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/session_lock.h"
#include "io/store.h"
#include "scratch.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define WRITES 200
#define BIG    (64 * 1024)

struct fixture {
    char dir[SCRATCH_MAX];
    struct store st;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct diag err;
    assert_non_null(f);
    assert_int_equal(scratch_make(f->dir, "lock"), 0);
    assert_int_equal(store_open(&f->st, f->dir, &err), REH_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(&f->st);
    scratch_remove(f->dir);
    free(f);
    return 0;
}

/* The lock file's text. */
static void read_lock_file(const struct fixture *f, char *buf, size_t size)
{
    char path[SCRATCH_MAX + 16];
    snprintf(path, sizeof path, "%s/" SESSION_LOCK_FILE, f->dir);
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    size_t n = fread(buf, 1, size - 1, in);
    buf[n] = '\0';
    fclose(in);
}

static void held_lock_is_refused_naming_its_holder(void **state)
{
    struct fixture *f = *state;
    struct session_lock mine, other;
    struct session_lock_holder holder;
    struct diag err;
    char text[160], want[160], since[16], path[SCRATCH_MAX + 16];
    struct stat st;
    time_t before = time(NULL);

    assert_int_equal(session_lock_try(&mine, f->st.dirfd, f->dir, "run", &holder, &err), REH_OK);
    snprintf(path, sizeof path, "%s/" SESSION_LOCK_FILE, f->dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* A second open file, even in the same process, is another writer. */
    assert_int_equal(session_lock_try(&other, f->st.dirfd, f->dir, "review", &holder, &err),
                     SESSION_LOCK_BUSY);
    assert_int_equal(other.fd, -1);
    assert_int_equal(holder.pid, getpid());
    assert_string_equal(holder.command, "run");
    assert_true(holder.since >= before && holder.since <= time(NULL));
    assert_true(session_lock_sitting(&holder));
    strftime(since, sizeof since, "%H:%M:%S", localtime(&holder.since));
    snprintf(want, sizeof want, "`rehearse run` (pid %ld) since %s", (long)getpid(), since);
    assert_string_equal(session_lock_describe(&holder, text, sizeof text), want);

    /* Released: the record is cleared and the next one takes it. */
    session_lock_release(&mine);
    read_lock_file(f, text, sizeof text);
    assert_string_equal(text, "");
    assert_int_equal(session_lock_try(&other, f->st.dirfd, f->dir, "review", &holder, &err),
                     REH_OK);
    session_lock_release(&other);
}

/* Forks a process that takes the lock for `command`, holds it `hold_us`
 * microseconds (0: until killed) and exits; returns once it holds it. */
static pid_t hold_in_child(const struct fixture *f, const char *command, useconds_t hold_us)
{
    int ready[2];
    char c;
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct session_lock held;
        struct session_lock_holder ignored;
        struct diag err;
        if (session_lock_try(&held, f->st.dirfd, f->dir, command, &ignored, &err) != REH_OK ||
            write(ready[1], "x", 1) != 1)
            _exit(1);
        if (hold_us == 0)
            for (;;)
                pause();
        usleep(hold_us);
        _exit(0);
    }
    close(ready[1]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    return pid;
}

static void holder_killed_blocks_no_one(void **state)
{
    struct fixture *f = *state;
    struct session_lock lk;
    struct session_lock_holder holder;
    struct diag err;
    char text[160];
    int status;

    pid_t pid = hold_in_child(f, "resume", 0);
    assert_int_equal(session_lock_try(&lk, f->st.dirfd, f->dir, "review", &holder, &err),
                     SESSION_LOCK_BUSY);
    assert_int_equal(holder.pid, pid);
    assert_string_equal(holder.command, "resume");

    kill(pid, SIGKILL);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    read_lock_file(f, text, sizeof text);
    assert_int_equal(atol(text), pid); /* its record stays */
    assert_int_equal(session_lock_try(&lk, f->st.dirfd, f->dir, "review", &holder, &err), REH_OK);
    read_lock_file(f, text, sizeof text);
    assert_int_equal(atol(text), getpid()); /* and is replaced by ours */
    assert_non_null(strstr(text, " review "));
    session_lock_release(&lk);
}

static void wait_takes_the_lock_when_the_holder_ends(void **state)
{
    struct fixture *f = *state;
    struct session_lock lk;
    struct diag err;
    struct timespec a, b;
    int status;

    pid_t pid = hold_in_child(f, "run", 200000);
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(session_lock_wait(&lk, f->st.dirfd, f->dir, "analyze", &err), REH_OK);
    clock_gettime(CLOCK_MONOTONIC, &b);
    assert_true((double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9 >= 0.15);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    session_lock_release(&lk);
}

/* Entries of the directory other than `keep`: what a write left behind. */
static size_t others(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    size_t n = 0;
    assert_non_null(d);
    while ((ent = readdir(d)) != NULL)
        n += strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0 &&
             strcmp(ent->d_name, keep) != 0;
    closedir(d);
    return n;
}

static void two_writers_of_one_file_leave_it_whole(void **state)
{
    struct fixture *f = *state;
    char *text[2], path[SCRATCH_MAX + 16];
    pid_t pids[2];
    for (int w = 0; w < 2; w++) {
        text[w] = malloc(BIG);
        assert_non_null(text[w]);
        memset(text[w], 'a' + w, BIG);
    }
    for (int w = 0; w < 2; w++) {
        pids[w] = fork();
        assert_true(pids[w] >= 0);
        if (pids[w] == 0) {
            int failed = 0;
            struct diag err;
            for (int i = 0; i < WRITES; i++)
                failed += store_write_file(&f->st, "session.json", text[w], BIG, &err) != REH_OK;
            _exit(failed > 0);
        }
    }
    for (int w = 0; w < 2; w++) {
        int status;
        assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0); /* every write succeeded */
    }
    snprintf(path, sizeof path, "%s/session.json", f->dir);
    FILE *in = fopen(path, "rb");
    char *got = malloc(BIG + 1);
    assert_non_null(in);
    assert_int_equal(fread(got, 1, BIG + 1, in), BIG);
    fclose(in);
    assert_true(memcmp(got, text[0], BIG) == 0 || memcmp(got, text[1], BIG) == 0);
    assert_int_equal(others(f->dir, "session.json"), 0);
    free(got);
    free(text[0]);
    free(text[1]);
}

static void failed_rename_leaves_no_temporary_file(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    char sub[SCRATCH_MAX + 32], want[SCRATCH_MAX + 96];
    /* A directory that is not empty cannot be replaced by a file. */
    snprintf(sub, sizeof sub, "%s/transcript.md", f->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/transcript.md/x", f->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(store_write_file(&f->st, "transcript.md", "text", 4, &err), REH_EIO);
    snprintf(want, sizeof want, "cannot write %s/transcript.md: Is a directory", f->dir);
    assert_string_equal(err.message, want);
    assert_int_equal(others(f->dir, "transcript.md"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(held_lock_is_refused_naming_its_holder, setup, teardown),
        cmocka_unit_test_setup_teardown(holder_killed_blocks_no_one, setup, teardown),
        cmocka_unit_test_setup_teardown(wait_takes_the_lock_when_the_holder_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(two_writers_of_one_file_leave_it_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_rename_leaves_no_temporary_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
