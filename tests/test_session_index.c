/* Tests of the sessions index: the listing of the data home is the same
 * whether it comes from the session files or from the index, the index is
 * read for unchanged sessions and refreshed for changed, new and removed
 * ones, and a damaged, foreign or unwritable index costs nothing but time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/transcript.h"
#include "io/session_index.h"
#include "io/store.h"
#include "scratch.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA    REHEARSE_TEST_DATA
#define NEWER   "20261121-090000-quick-15"
#define OLDER   "20261120-100000-fundamentals"
#define SKIPPED 3 /* notes.txt, a damaged and a future session.json */

struct fixture {
    char home[SCRATCH_MAX], index[128];
    char skipped[8][PATH_MAX + 128];
    size_t n_skipped;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char cmd[256];
    assert_int_equal(scratch_make(f->home, "index"), 0);
    snprintf(f->index, sizeof f->index, "%s/sessions-index.json", f->home);
    snprintf(cmd, sizeof cmd, "cp -r '%s/sessions' '%s/'", DATA, f->home);
    assert_int_equal(system(cmd), 0);
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

static void record_skip(const char *why, void *ctx)
{
    struct fixture *f = ctx;
    assert_true(f->n_skipped < 8);
    snprintf(f->skipped[f->n_skipped++], sizeof f->skipped[0], "%s", why);
}

/* Lists the home and checks the two readable sessions of the test data,
 * newest first, and the three skipped entries. */
static struct transcript_summary *list_two(struct fixture *f, const char *newer_title)
{
    struct transcript_summary *list;
    size_t n;
    struct diag err;
    f->n_skipped = 0;
    assert_int_equal(session_index_list(f->home, &list, &n, record_skip, f, &err), REH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(f->n_skipped, SKIPPED);
    assert_string_equal(list[0].id, NEWER);
    assert_string_equal(list[0].scenario_id, "quick-15");
    assert_string_equal(list[0].scenario_title, newer_title);
    assert_string_equal(list[0].started_at, "2026-11-21T09:00:00+01:00");
    assert_int_equal(list[0].status, SESSION_COMPLETED);
    assert_int_equal(list[0].budget_s, 900);
    assert_int_equal(list[0].n_planned, 5);
    assert_int_equal(list[0].totals.outcomes[OUTCOME_ANSWERED], 3);
    assert_int_equal(list[0].totals.outcomes[OUTCOME_SKIPPED], 2);
    assert_int_equal(list[0].totals.typed, 5);
    assert_int_equal(list[0].totals.spoken, 0);
    assert_int_equal(list[0].totals.rated, 3);
    assert_float_equal(list[0].totals.rating_sum, 10.0, 0);
    assert_float_equal(list[0].totals.used_s, 363.5, 1e-9);
    assert_string_equal(list[1].id, OLDER);
    assert_int_equal(list[1].status, SESSION_ABORTED);
    assert_int_equal(list[1].n_planned, 12);
    assert_int_equal(list[1].totals.outcomes[OUTCOME_ANSWERED], 2);
    assert_int_equal(list[1].totals.rated, 0);
    return list;
}

/* Changes a string of the index entry of `id` (its file unchanged). */
static void edit_index(struct fixture *f, const char *id, const char *key, const char *value)
{
    json_error_t jerr;
    json_t *root = json_load_file(f->index, 0, &jerr);
    assert_non_null(root);
    json_t *entry = json_object_get(json_object_get(root, "sessions"), id);
    assert_non_null(entry);
    json_object_set_new(entry, key, json_string(value));
    assert_int_equal(json_dump_file(root, f->index, 0), 0);
    json_decref(root);
}

static void write_text(const char *path, const char *text)
{
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

static void lists_the_same_from_files_and_from_the_index(void **state)
{
    struct fixture *f = *state;
    struct stat st;
    session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);
    assert_int_equal(stat(f->index, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);

    /* The second listing came from the index: an edit there shows. */
    edit_index(f, NEWER, "title", "From the index");
    session_index_free(list_two(f, "From the index"), 2);
}

static void a_saved_session_is_read_again(void **state)
{
    struct fixture *f = *state;
    char dir[128];
    struct transcript t;
    struct store st;
    struct diag err;
    session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);
    edit_index(f, NEWER, "title", "From the index");

    /* A rating given later: session.json is replaced, the entry is stale. */
    snprintf(dir, sizeof dir, "%s/sessions/%s", f->home, NEWER);
    assert_int_equal(store_load(dir, &t, &err), REH_OK);
    t.answers[1].rating = 0;
    assert_int_equal(store_open(&st, dir, &err), REH_OK);
    assert_int_equal(store_save(&st, &t, &err), REH_OK);
    store_close(&st);
    transcript_free(&t);
    struct transcript_summary *list;
    size_t n;
    assert_int_equal(session_index_list(f->home, &list, &n, NULL, NULL, &err), REH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].scenario_title, "Quick drill, 15 minutes");
    assert_int_equal(list[0].totals.rated, 2);
    session_index_free(list, n);
}

static void removed_sessions_leave_the_index(void **state)
{
    struct fixture *f = *state;
    char cmd[256];
    struct transcript_summary *list;
    size_t n;
    struct diag err;
    session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);
    snprintf(cmd, sizeof cmd, "rm -r '%s/sessions/%s'", f->home, OLDER);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(session_index_list(f->home, &list, &n, NULL, NULL, &err), REH_OK);
    assert_int_equal(n, 1);
    session_index_free(list, n);

    json_error_t jerr;
    json_t *root = json_load_file(f->index, 0, &jerr);
    assert_non_null(root);
    json_t *sessions = json_object_get(root, "sessions");
    assert_int_equal(json_object_size(sessions), 1);
    assert_non_null(json_object_get(sessions, NEWER));
    json_decref(root);
}

static void a_damaged_index_is_rebuilt(void **state)
{
    static const char *const damaged[] = {
        "\x01\x02 not json",
        "{\"format\": 2, \"sessions\": {}}",
        "[1, 2, 3]",
    };
    struct fixture *f = *state;
    for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
        write_text(f->index, damaged[i]);
        session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);
        json_error_t jerr;
        json_t *root = json_load_file(f->index, 0, &jerr);
        assert_non_null(root);
        assert_int_equal(json_integer_value(json_object_get(root, "format")), 1);
        json_decref(root);
    }

    /* An entry with values out of range is read from its file again. */
    edit_index(f, NEWER, "status", "finished-somehow");
    edit_index(f, OLDER, "title", "From the index");
    struct transcript_summary *list = list_two(f, "Quick drill, 15 minutes");
    assert_string_equal(list[1].scenario_title, "From the index");
    session_index_free(list, 2);
}

static void an_unwritable_index_still_lists(void **state)
{
    struct fixture *f = *state;
    struct stat st;
    assert_int_equal(mkdir(f->index, 0700), 0); /* a rename over it fails */
    session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);
    session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);
    assert_int_equal(stat(f->index, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

static void an_empty_home_writes_nothing(void **state)
{
    struct fixture *f = *state;
    char home[128];
    struct transcript_summary *list;
    size_t n;
    struct diag err;
    snprintf(home, sizeof home, "%s/new-home", f->home);
    assert_int_equal(session_index_list(home, &list, &n, NULL, NULL, &err), REH_OK);
    assert_int_equal(n, 0);
    session_index_free(list, n);
    assert_int_equal(access(home, F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(lists_the_same_from_files_and_from_the_index, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_saved_session_is_read_again, setup, teardown),
        cmocka_unit_test_setup_teardown(removed_sessions_leave_the_index, setup, teardown),
        cmocka_unit_test_setup_teardown(a_damaged_index_is_rebuilt, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unwritable_index_still_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(an_empty_home_writes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
