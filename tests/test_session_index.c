/* Tests of the sessions index: the listing of the data home is the same
 * whether it comes from the session files or from the index, the index is
 * read for unchanged sessions and refreshed for changed, new and removed
 * ones, and a damaged, foreign or unwritable index costs nothing but time.
 * The schedule and the stats computed from the index are those computed
 * from the session files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/stats.h"
#include "core/transcript.h"
#include "io/schedule_store.h"
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

/* The grade of a rubric (the mean of its scores, rounded) is kept in the
 * index with each answer, and rates only the answers the user has not rated
 * when the schedule counts rubrics. */
static void a_rubric_rates_only_unrated_answers(void **state)
{
    struct fixture *f = *state;
    char dir[128];
    struct transcript t;
    struct store st;
    struct diag err;
    struct rubric low = {{{1, "No."}, {1, "No."}, {1, "No."}, {2, "Some."}}};
    struct rubric mid = {{{4, "Yes."}, {2, "Thin."}, {3, "Fair."}, {5, "Clear."}}};
    snprintf(dir, sizeof dir, "%s/sessions/%s", f->home, NEWER);
    assert_int_equal(store_load(dir, &t, &err), REH_OK);
    assert_true(t.answers[0].rating > 0);
    int rated = t.answers[0].rating;
    t.answers[1].rating = 0;
    assert_int_equal(transcript_set_rubric(&t.answers[0], &low, "m"), REH_OK);
    assert_int_equal(transcript_set_rubric(&t.answers[1], &mid, "m"), REH_OK);
    assert_int_equal(store_open(&st, dir, &err), REH_OK);
    assert_int_equal(store_save(&st, &t, &err), REH_OK);
    store_close(&st);
    transcript_free(&t);
    for (int pass = 0; pass < 2; pass++) { /* from the file, then from the index */
        struct transcript_summary *list;
        size_t n;
        assert_int_equal(session_index_list(f->home, &list, &n, NULL, NULL, &err), REH_OK);
        assert_string_equal(list[0].id, NEWER);
        assert_int_equal(list[0].marks[0].rubric, 1);
        assert_int_equal(list[0].marks[1].rubric, 4); /* 3.5 rounded */
        assert_int_equal(list[0].marks[1].rating, 0);
        transcript_rate_by_rubric(&list[0]);
        assert_int_equal(list[0].marks[0].rating, rated);
        assert_int_equal(list[0].marks[1].rating, 4);
        session_index_free(list, n);
    }
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
        "{\"format\": 1, \"sessions\": {}}", /* earlier formats */
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
        assert_int_equal(json_integer_value(json_object_get(root, "format")), 4);
        json_decref(root);
    }

    /* An entry with values out of range is read from its file again. */
    edit_index(f, NEWER, "status", "finished-somehow");
    edit_index(f, OLDER, "title", "From the index");
    struct transcript_summary *list = list_two(f, "Quick drill, 15 minutes");
    assert_string_equal(list[1].scenario_title, "From the index");
    session_index_free(list, 2);
}

/* The summaries of the two readable sessions made from their files. */
static void summarize_files(struct fixture *f, struct transcript_summary out[2])
{
    static const char *const ids[] = {NEWER, OLDER};
    for (size_t i = 0; i < 2; i++) {
        char dir[128];
        struct transcript t;
        struct diag err;
        snprintf(dir, sizeof dir, "%s/sessions/%s", f->home, ids[i]);
        assert_int_equal(store_load(dir, &t, &err), REH_OK);
        memset(&out[i], 0, sizeof out[i]);
        assert_int_equal(transcript_summarize(&t, &out[i]), REH_OK);
        transcript_free(&t);
    }
}

static void assert_same_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void assert_same_stats(const struct stats *a, const struct stats *b)
{
    assert_int_equal(a->sessions, b->sessions);
    assert_true(a->seconds == b->seconds);
    assert_int_equal(a->n_categories, b->n_categories);
    for (size_t i = 0; i < a->n_categories; i++) {
        const struct stats_category *x = &a->categories[i], *y = &b->categories[i];
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->answers, y->answers);
        assert_int_equal(x->rated, y->rated);
        assert_int_equal(x->covered, y->covered);
        assert_true(x->rating == y->rating && x->coverage == y->coverage);
        assert_true(x->time_ratio == y->time_ratio);
        assert_int_equal(x->n_trend, y->n_trend);
        assert_memory_equal(x->trend, y->trend, sizeof x->trend);
    }
    assert_int_equal(a->n_weakest, b->n_weakest);
    for (size_t i = 0; i < a->n_weakest; i++) {
        const struct stats_question *x = &a->weakest[i], *y = &b->weakest[i];
        assert_string_equal(x->id, y->id);
        assert_same_text(x->text, y->text);
        assert_int_equal(x->answers, y->answers);
        assert_int_equal(x->rated, y->rated);
        assert_int_equal(x->covered, y->covered);
        assert_true(x->rating == y->rating && x->coverage == y->coverage);
    }
}

/* The text of question `id` in the newest session file that asked it, read
 * here from the files themselves. */
static char *text_in_files(struct fixture *f, const char *id)
{
    static const char *const ids[] = {NEWER, OLDER};
    char *text = NULL;
    for (size_t i = 0; i < 2 && text == NULL; i++) {
        char dir[128];
        struct transcript t;
        struct diag err;
        snprintf(dir, sizeof dir, "%s/sessions/%s", f->home, ids[i]);
        assert_int_equal(store_load(dir, &t, &err), REH_OK);
        for (size_t k = 0; k < t.n_answers && text == NULL; k++)
            if (strcmp(t.answers[k].question_id, id) == 0)
                text = strdup(t.answers[k].question);
        transcript_free(&t);
    }
    return text;
}

/* The schedule of the bank made from `list` in a home of its own. */
static void schedule_of(struct fixture *f, const char *name, const struct transcript_summary *list,
                        struct schedule *s)
{
    char home[128];
    struct diag err;
    enum schedule_rebuilt rebuilt;
    snprintf(home, sizeof home, "%s/%s", f->home, name);
    assert_int_equal(mkdir(home, 0700), 0);
    schedule_init(s);
    assert_int_equal(schedule_store_sync(home, "data-engineering", list, 2, s, &rebuilt, &err),
                     REH_OK);
    assert_int_equal(rebuilt, SCHEDULE_REBUILT);
}

static void schedule_and_stats_are_the_same_from_the_index(void **state)
{
    struct fixture *f = *state;
    struct transcript_summary files[2];
    struct stats from_files, from_index;
    struct schedule by_files, by_index;
    summarize_files(f, files);
    session_index_free(list_two(f, "Quick drill, 15 minutes"), 2);
    struct transcript_summary *list = list_two(f, "Quick drill, 15 minutes");

    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(list[i].bank_id, "data-engineering");
        assert_int_equal(list[i].n_marks, files[i].n_marks);
        for (size_t k = 0; k < files[i].n_marks; k++) {
            const struct transcript_mark *x = &files[i].marks[k], *y = &list[i].marks[k];
            assert_string_equal(x->question_id, y->question_id);
            assert_same_text(x->category, y->category);
            assert_int_equal(x->outcome, y->outcome);
            assert_int_equal(x->rating, y->rating);
            assert_int_equal(x->n_terms, y->n_terms);
            assert_int_equal(x->n_found, y->n_found);
            assert_int_equal(x->limit_s, y->limit_s);
            assert_true(x->elapsed_s == y->elapsed_s);
            assert_int_equal(x->has_text, y->has_text);
            assert_int_equal(x->said, y->said);
        }
    }
    assert_int_equal(files[0].n_marks, 5);
    assert_int_equal(files[0].marks[1].rating, 2);

    assert_int_equal(stats_compute(&from_files, files, 2), REH_OK);
    assert_int_equal(stats_compute(&from_index, list, 2), REH_OK);
    assert_int_equal(from_files.n_categories, 5);
    assert_int_equal(from_files.n_weakest, STATS_WEAKEST);
    json_error_t jerr;
    json_t *index = json_load_file(f->index, 0, &jerr);
    assert_non_null(index);
    assert_int_equal(json_integer_value(json_object_get(index, "format")), 4);
    char *dump = json_dumps(index, 0);
    for (size_t i = 0; i < from_files.n_weakest; i++) {
        from_files.weakest[i].text = text_in_files(f, from_files.weakest[i].id);
        assert_non_null(from_files.weakest[i].text);
        assert_null(strstr(dump, from_files.weakest[i].text)); /* not in the index */
        assert_int_equal(session_index_question(f->home, list, 2, from_index.weakest[i].id,
                                                &from_index.weakest[i].text),
                         REH_OK);
    }
    free(dump);
    json_decref(index);
    assert_same_stats(&from_files, &from_index);
    stats_free(&from_files);
    stats_free(&from_index);

    schedule_of(f, "by-files", files, &by_files);
    schedule_of(f, "by-index", list, &by_index);
    assert_true(by_files.n > 0);
    assert_int_equal(by_files.n, by_index.n);
    for (size_t i = 0; i < by_files.n; i++) {
        const struct schedule_item *x = &by_files.items[i], *y = &by_index.items[i];
        assert_string_equal(x->id, y->id);
        assert_true(x->ease == y->ease);
        assert_int_equal(x->due_day, y->due_day);
        assert_int_equal(x->last_grade, y->last_grade);
        assert_int_equal(x->reviews, y->reviews);
    }
    schedule_free(&by_files);
    schedule_free(&by_index);
    for (size_t i = 0; i < 2; i++)
        transcript_summary_free(&files[i]);
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
        cmocka_unit_test_setup_teardown(a_rubric_rates_only_unrated_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(removed_sessions_leave_the_index, setup, teardown),
        cmocka_unit_test_setup_teardown(a_damaged_index_is_rebuilt, setup, teardown),
        cmocka_unit_test_setup_teardown(schedule_and_stats_are_the_same_from_the_index, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_unwritable_index_still_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(an_empty_home_writes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
