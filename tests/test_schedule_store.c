/* Tests of schedule.json: made from the session history when missing,
 * read back as saved and brought up to date, rebuilt when damaged or of
 * another bank, and a schedule that cannot be saved is complete all the
 * same, with a message naming the data home. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/atomic_file.h"
#include "io/schedule_store.h"
#include "io/session_index.h"
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA REHEARSE_TEST_DATA
#define BANK "data-engineering"

struct fixture {
    char home[SCRATCH_MAX], path[SCRATCH_MAX + 16];
    struct transcript_summary *list;
    size_t n;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char cmd[256];
    struct diag err;
    assert_int_equal(scratch_make(f->home, "schedule"), 0);
    snprintf(f->path, sizeof f->path, "%s/schedule.json", f->home);
    snprintf(cmd, sizeof cmd, "cp -r '%s/sessions' '%s/'", DATA, f->home);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(session_index_list(f->home, &f->list, &f->n, NULL, NULL, &err), REH_OK);
    assert_int_equal(f->n, 2);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    session_index_free(f->list, f->n);
    int rc = scratch_remove(f->home);
    free(f);
    return rc;
}

/* Syncs a new schedule from f's history: returns what happened. */
static enum schedule_rebuilt sync(struct fixture *f, const char *home, struct schedule *s)
{
    enum schedule_rebuilt rebuilt;
    struct diag err;
    schedule_init(s);
    if (schedule_store_sync(home, BANK, f->list, f->n, s, &rebuilt, &err) != REH_OK)
        fail_msg("%s", err.message);
    return rebuilt;
}

static void same_schedule(const struct schedule *a, const struct schedule *b)
{
    assert_true(a->n > 0);
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const struct schedule_item *x = &a->items[i], *y = &b->items[i];
        assert_string_equal(x->id, y->id);
        assert_true(x->ease == y->ease);
        assert_int_equal(x->reps, y->reps);
        assert_int_equal(x->interval_days, y->interval_days);
        assert_int_equal(x->due_day, y->due_day);
        assert_int_equal(x->last_day, y->last_day);
        assert_int_equal(x->first_day, y->first_day);
        assert_int_equal(x->last_grade, y->last_grade);
        assert_int_equal(x->provisional, y->provisional);
        assert_int_equal(x->reviews, y->reviews);
    }
}

static char *read_text(const char *path)
{
    char *text;
    size_t len;
    struct diag err;
    if (atomic_file_read(path, &text, &len, &err) != REH_OK)
        fail_msg("%s", err.message);
    return text;
}

/* Made when missing, then read back as saved: the same items, the file
 * left as it was. */
static void round_trips(void **state)
{
    struct fixture *f = *state;
    struct schedule made, read;
    assert_int_equal(sync(f, f->home, &made), SCHEDULE_REBUILT);
    char *saved = read_text(f->path);
    assert_int_equal(sync(f, f->home, &read), SCHEDULE_KEPT);
    same_schedule(&made, &read);
    char *again = read_text(f->path);
    assert_string_equal(again, saved);
    free(again);
    free(saved);
    schedule_free(&made);
    schedule_free(&read);
}

/* The grade of an answer not rated is provisional, measured from its key
 * terms (etl-best-practices: 56% of them, 3), and so marked in the file;
 * a rating is not (mon-pipeline-health: 5). */
static void marks_provisional_grades(void **state)
{
    struct fixture *f = *state;
    struct schedule made;
    assert_int_equal(sync(f, f->home, &made), SCHEDULE_REBUILT);
    const struct schedule_item *measured = schedule_find(&made, "etl-best-practices");
    assert_int_equal(measured->last_grade, 3);
    assert_true(measured->provisional);
    assert_int_equal(schedule_find(&made, "mon-pipeline-health")->last_grade, 5);
    assert_false(schedule_find(&made, "mon-pipeline-health")->provisional);
    char *saved = read_text(f->path);
    assert_non_null(strstr(saved, "\"last_grade\": 3,\n      \"provisional\": true,"));
    free(saved);
    schedule_free(&made);
}

/* Damaged (cut short) or of another bank: rebuilt, the same as made. */
static void rebuilds_a_damaged_file(void **state)
{
    struct fixture *f = *state;
    struct schedule made, rebuilt;
    assert_int_equal(sync(f, f->home, &made), SCHEDULE_REBUILT);
    char *saved = read_text(f->path);
    FILE *file = fopen(f->path, "w");
    fputs("{\"format\": 1, \"bank\": ", file);
    fclose(file);
    assert_int_equal(sync(f, f->home, &rebuilt), SCHEDULE_REBUILT_DAMAGED);
    same_schedule(&made, &rebuilt);
    char *again = read_text(f->path);
    assert_string_equal(again, saved);
    free(again);
    schedule_free(&rebuilt);

    file = fopen(f->path, "w");
    fputs("{\"format\": 1, \"bank\": \"other\", \"sessions\": {}, \"items\": []}", file);
    fclose(file);
    assert_int_equal(sync(f, f->home, &rebuilt), SCHEDULE_REBUILT);
    same_schedule(&made, &rebuilt);
    free(saved);
    schedule_free(&made);
    schedule_free(&rebuilt);
}

/* A data home that is a file: the schedule is complete, the message names
 * the home and what to do. */
static void an_unwritable_home_still_gives_the_schedule(void **state)
{
    struct fixture *f = *state;
    struct schedule made, s;
    enum schedule_rebuilt rebuilt;
    struct diag err;
    char home[SCRATCH_MAX + 16], want[256];
    assert_int_equal(sync(f, f->home, &made), SCHEDULE_REBUILT);
    snprintf(home, sizeof home, "%s/a-file", f->home);
    fclose(fopen(home, "w"));
    schedule_init(&s);
    assert_int_equal(schedule_store_sync(home, BANK, f->list, f->n, &s, &rebuilt, &err), REH_EIO);
    snprintf(want, sizeof want,
             "cannot create %s: not a directory; set REHEARSE_HOME to a writable directory", home);
    assert_string_equal(err.message, want);
    same_schedule(&made, &s);
    schedule_free(&made);
    schedule_free(&s);
}

/* A follow-up is part of its question: not an answer of its own, and its
 * rating counts in the question's grade, the lowest rating given to the
 * answer and its follow-ups (store-cap-theorem: rated 4, its follow-ups 2
 * and none; arch-lakehouse: rated 3, no follow-ups). */
static void follow_ups_count_in_the_grade(void **state)
{
    (void)state;
    char home[SCRATCH_MAX], cmd[SCRATCH_MAX + 256];
    struct transcript_summary *list;
    size_t n;
    struct schedule s;
    enum schedule_rebuilt rebuilt;
    struct diag err;
    assert_int_equal(scratch_make(home, "follow-ups"), 0);
    snprintf(cmd, sizeof cmd, "cp -r '%s/follow-ups' '%s/sessions'", DATA, home);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(session_index_list(home, &list, &n, NULL, NULL, &err), REH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].n_marks, 2);
    assert_int_equal(list[0].marks[0].rating, 2);
    assert_int_equal(list[0].marks[1].rating, 3);
    assert_int_equal(list[0].totals.rated, 2);
    assert_true(list[0].totals.rating_sum == 5);
    assert_true(list[0].totals.used_s == 150 + 48 + 60 + 170); /* the follow-ups' time too */
    schedule_init(&s);
    assert_int_equal(schedule_store_sync(home, BANK, list, n, &s, &rebuilt, &err), REH_OK);
    assert_int_equal(s.n, 2);
    assert_int_equal(schedule_find(&s, "store-cap-theorem")->last_grade, 2);
    assert_int_equal(schedule_find(&s, "store-cap-theorem")->reviews, 1);
    assert_int_equal(schedule_find(&s, "arch-lakehouse")->last_grade, 3);
    schedule_free(&s);
    session_index_free(list, n);
    assert_int_equal(scratch_remove(home), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(round_trips, setup, teardown),
        cmocka_unit_test(follow_ups_count_in_the_grade),
        cmocka_unit_test_setup_teardown(marks_provisional_grades, setup, teardown),
        cmocka_unit_test_setup_teardown(rebuilds_a_damaged_file, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unwritable_home_still_gives_the_schedule, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
