/* Tests of the sessions directory of a data home: the listing (newest
 * first; symbolic links and stray files reported, not listed) and what a
 * SESSION argument resolves to (a full id, a unique prefix, an ambiguous
 * or unknown one, and `last`: the newest session that reads). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/session_dir.h"
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
    char home[SCRATCH_MAX];
    char foreign[512]; /* the entries reported, one per line */
};

static void make(struct fixture *f, const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/sessions/%s", f->home, name);
    assert_int_equal(mkdir(path, 0700), 0);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char path[PATH_MAX];
    assert_int_equal(scratch_make(f->home, "sessiondir"), 0);
    snprintf(path, sizeof path, "%s/sessions", f->home);
    assert_int_equal(mkdir(path, 0700), 0);
    make(f, "20261121-090000-quick-15");
    make(f, "20261123-101500-data-engineering-45");
    make(f, "20261123-101500-data-engineering-45-2");
    make(f, "20261122-080000-broken");
    make(f, ".hidden");
    snprintf(path, sizeof path, "%s/sessions/notes.txt", f->home);
    fclose(fopen(path, "w"));
    snprintf(path, sizeof path, "%s/sessions/20261124-000000-linked", f->home);
    assert_int_equal(symlink("20261121-090000-quick-15", path), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    int rc = scratch_remove(f->home);
    free(f);
    return rc;
}

static void note_foreign(const char *path, void *ctx)
{
    struct fixture *f = ctx;
    const char *name = strrchr(path, '/') + 1;
    strcat(f->foreign, name);
    strcat(f->foreign, "\n");
}

/* Only real directories, newest first; the link and the file are reported,
 * the hidden entry is passed over. */
static void lists_sessions_newest_first(void **state)
{
    struct fixture *f = *state;
    char **ids;
    size_t n;
    struct diag err;
    assert_int_equal(session_dir_list(f->home, &ids, &n, note_foreign, f, &err), REH_OK);
    assert_int_equal(n, 4);
    assert_string_equal(ids[0], "20261123-101500-data-engineering-45-2");
    assert_string_equal(ids[1], "20261123-101500-data-engineering-45");
    assert_string_equal(ids[2], "20261122-080000-broken");
    assert_string_equal(ids[3], "20261121-090000-quick-15");
    assert_null(ids[4]);
    assert_true(strcmp(f->foreign, "notes.txt\n20261124-000000-linked\n") == 0 ||
                strcmp(f->foreign, "20261124-000000-linked\nnotes.txt\n") == 0);
    session_dir_free(ids);
}

/* A home without a sessions directory has no sessions, and says how to
 * start one when asked for one. */
static void a_new_home_has_none(void **state)
{
    struct fixture *f = *state;
    char home[PATH_MAX], dir[PATH_MAX], **ids;
    size_t n;
    struct diag err;
    snprintf(home, sizeof home, "%s/new", f->home);
    assert_int_equal(session_dir_list(home, &ids, &n, NULL, NULL, &err), REH_OK);
    assert_int_equal(n, 0);
    assert_null(ids[0]);
    session_dir_free(ids);
    assert_int_equal(session_dir_find(home, "2026", dir, &err), REH_EDATA);
    assert_string_equal(err.message,
                        "no session '2026': there are no sessions yet; `rehearse run` starts one");
}

static void finds_by_id_or_unique_prefix(void **state)
{
    struct fixture *f = *state;
    char dir[PATH_MAX], want[PATH_MAX];
    struct diag err;
    assert_int_equal(session_dir_find(f->home, "20261122", dir, &err), REH_OK);
    snprintf(want, sizeof want, "%s/sessions/20261122-080000-broken", f->home);
    assert_string_equal(dir, want);
    /* A full id wins over the longer one it is a prefix of. */
    assert_int_equal(session_dir_find(f->home, "20261123-101500-data-engineering-45", dir, &err),
                     REH_OK);
    snprintf(want, sizeof want, "%s/sessions/20261123-101500-data-engineering-45", f->home);
    assert_string_equal(dir, want);
}

static void ambiguous_and_unknown_prefixes_are_errors(void **state)
{
    struct fixture *f = *state;
    char dir[PATH_MAX];
    struct diag err;
    assert_int_equal(session_dir_find(f->home, "20261123", dir, &err), REH_EDATA);
    assert_string_equal(err.message, "'20261123' matches 2 sessions; give more of the id");
    assert_int_equal(session_dir_find(f->home, "2026112", dir, &err), REH_EDATA);
    assert_string_equal(err.message, "'2026112' matches 4 sessions; give more of the id");
    /* Neither the link nor the stray file is a session. */
    assert_int_equal(session_dir_find(f->home, "20261124", dir, &err), REH_EDATA);
    assert_string_equal(err.message, "no session '20261124'; `rehearse sessions` lists them");
    assert_int_equal(session_dir_find(f->home, "notes", dir, &err), REH_EDATA);
    assert_string_equal(err.message, "no session 'notes'; `rehearse sessions` lists them");
}

/* A sessions path that is a file cannot be read, and says so. */
static void an_unreadable_directory_is_named(void **state)
{
    struct fixture *f = *state;
    char home[PATH_MAX], path[PATH_MAX + 16], want[PATH_MAX + 64], **ids;
    size_t n;
    struct diag err;
    snprintf(home, sizeof home, "%s/other", f->home);
    assert_int_equal(mkdir(home, 0700), 0);
    snprintf(path, sizeof path, "%s/sessions", home);
    fclose(fopen(path, "w"));
    assert_int_equal(session_dir_list(home, &ids, &n, NULL, NULL, &err), REH_EIO);
    assert_null(ids);
    snprintf(want, sizeof want, "cannot read %s: Not a directory", path);
    assert_string_equal(err.message, want);
}

/* `last` passes over the damaged sessions (a broken session.json, one of
 * an unknown format) to the newest that reads. */
static void last_is_the_newest_that_reads(void **state)
{
    struct fixture *f = *state;
    char home[PATH_MAX], cmd[3 * PATH_MAX], dir[PATH_MAX], want[2 * PATH_MAX];
    struct transcript t;
    struct diag err;
    snprintf(home, sizeof home, "%s/data", f->home);
    assert_int_equal(mkdir(home, 0700), 0);
    snprintf(cmd, sizeof cmd, "cp -r '%s/sessions' '%s/'", REHEARSE_TEST_DATA, home);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(session_dir_last(home, dir, &t, &err), REH_OK);
    snprintf(want, sizeof want, "%s/sessions/20261121-090000-quick-15", home);
    assert_string_equal(dir, want);
    assert_string_equal(t.id, "20261121-090000-quick-15");
    transcript_free(&t);

    snprintf(cmd, sizeof cmd,
             "rm -r '%s/sessions/20261121-090000-quick-15' "
             "'%s/sessions/20261120-100000-fundamentals'",
             home, home);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(session_dir_last(home, dir, &t, &err), REH_EDATA);
    assert_string_equal(err.message,
                        "no session can be read; `rehearse sessions` says what is wrong");
    snprintf(home, sizeof home, "%s/empty", f->home);
    assert_int_equal(session_dir_last(home, dir, &t, &err), REH_EDATA);
    assert_string_equal(err.message,
                        "no session 'last': there are no sessions yet; `rehearse run` starts one");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(lists_sessions_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(a_new_home_has_none, setup, teardown),
        cmocka_unit_test_setup_teardown(finds_by_id_or_unique_prefix, setup, teardown),
        cmocka_unit_test_setup_teardown(ambiguous_and_unknown_prefixes_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unreadable_directory_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(last_is_the_newest_that_reads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
