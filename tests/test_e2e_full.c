/* End-to-end tests of the default 45-minute interview on the real binary,
 * with its follow-ups: typed through a pipe, and as shipped (typed and
 * spoken) and all spoken through the virtual microphone. Every question and
 * follow-up is shown in order, answered, and stored threaded under its
 * question; each spoken one has a recording of its own, whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* What seed 7 draws from the shipped bank, in order, each question followed
 * by the follow-up an answer naming none of its key terms gets. The sections
 * marked spoken are spoken as shipped. */
struct step {
    const char *heading;
    const char *file; /* its recording when spoken */
    int spoken;       /* as shipped */
};

static const struct step STEPS[] = {
    {"[1/10] Warm-up - 3:00\nExplain the difference between a data warehouse and a data lake.\n",
     "01-arch-warehouse-vs-lake.wav", 0},
    {"[1/10] Follow-up (1 of 1) - 1:00\nAnalysts complain that the lake has become a swamp",
     "01-arch-warehouse-vs-lake-f1.wav", 0},
    {"[2/10] Architecture and design - 6:00\nHow would you design a scalable and "
     "fault-tolerant data pipeline",
     "02-arch-realtime-pipeline.wav", 1},
    {"[2/10] Follow-up (1 of 1) - 2:00\nEvents can arrive hours late.",
     "02-arch-realtime-pipeline-f1.wav", 1},
    {"[3/10] Data modelling - 4:00\n", NULL, 0},
    {"[3/10] Follow-up (1 of 1) - 1:20\nA new event attribute shows up every week.", NULL, 0},
    {"[4/10] ETL/ELT pipelines - 4:00\n", NULL, 0},
    {"[5/10] Storage and databases - 4:00\n", NULL, 0},
    {"[5/10] Follow-up (1 of 1) - 1:20\nTwo years in, one shard holds a third", NULL, 0},
    {"[6/10] Cloud and big data - 4:00\n", NULL, 0},
    {"[6/10] Follow-up (1 of 1) - 1:20\nThe cloud bill doubled last month.", NULL, 0},
    {"[7/10] Governance and security - 3:00\n", NULL, 0},
    {"[7/10] Follow-up (1 of 1) - 1:00\nA user asks to be forgotten.", NULL, 0},
    {"[8/10] Performance - 4:00\n", NULL, 0},
    {"[8/10] Follow-up (1 of 1) - 1:20\nA dashboard runs the same heavy aggregate", NULL, 0},
    {"[9/10] Case study - 7:00\nSuppose you are given a dataset containing billions of rows",
     "09-case-billions-transactions.wav", 1},
    {"[9/10] Follow-up (1 of 1) - 2:20\nA merchant sends corrected transactions three days late.",
     "09-case-billions-transactions-f1.wav", 1},
    {"[10/10] Your questions - 2:00\nWhat would you like to ask us", NULL, 0},
};
#define N_STEPS (sizeof STEPS / sizeof *STEPS)

enum modes { TYPED, AS_SHIPPED, SPOKEN };

static int is_spoken(const struct step *s, enum modes modes)
{
    return modes == SPOKEN || (modes == AS_SHIPPED && s->spoken);
}

/* Answers each step in turn: a typed line naming no key term, or a second
 * of silence recorded; then checks the summary. */
static void sit(struct child *c, enum modes modes)
{
    size_t at = 0;
    for (size_t i = 0; i < N_STEPS; i++) {
        at = e2e_expect(c, at, STEPS[i].heading, 20);
        if (is_spoken(&STEPS[i], modes)) {
            at = e2e_expect(c, at, "Recording:", 10);
            usleep(1000 * 1000);
            e2e_send(c, "\n");
        } else {
            e2e_send(c, "I would ask around first.\n/done\n");
        }
    }
    at = e2e_expect(c, at,
                    "Interview completed: 10 answered, 0 timed out, 0 skipped, of 10 questions.\n"
                    "Follow-ups: 8 asked, 8 answered, 0 timed out, 0 skipped.\n",
                    60);
    int status = e2e_finish(c);
    unsetenv("XDG_RUNTIME_DIR");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void check_answer(json_t *a, const struct step *s, enum modes modes)
{
    int spoken = is_spoken(s, modes);
    assert_string_equal(json_string_value(json_object_get(a, "outcome")), "answered");
    assert_string_equal(json_string_value(json_object_get(a, "mode")), spoken ? "spoken" : "typed");
    json_t *audio = json_object_get(a, "audio");
    if (!spoken) {
        assert_string_equal(json_string_value(json_object_get(a, "text")),
                            "I would ask around first.");
        assert_false(json_is_object(audio));
        return;
    }
    char dir[256], path[600];
    e2e_session_dir(dir, sizeof dir);
    const char *file = json_string_value(json_object_get(audio, "file"));
    if (s->file != NULL)
        assert_string_equal(file, s->file);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    int16_t *rec;
    size_t frames = e2e_read_samples(path, &rec);
    free(rec);
    assert_true(frames >= 16000 / 2);
    assert_true(json_number_value(json_object_get(audio, "frames")) == frames);
    assert_true(json_number_value(json_object_get(audio, "dropped_frames")) == 0);
    assert_string_equal(json_string_value(json_object_get(a, "text_source")), "machine");
}

/* session.json: ten answers in the plan's order, each step's follow-up
 * threaded under its question, authored, with the trigger that fired. */
static void check_session(enum modes modes)
{
    json_t *root = e2e_load_session();
    assert_string_equal(json_string_value(json_object_get(root, "status")), "completed");
    json_t *answers = json_object_get(root, "answers");
    assert_int_equal(json_array_size(answers), 10);
    size_t n = 0;
    for (size_t i = 0; i < N_STEPS; i++) {
        int follow_up = strstr(STEPS[i].heading, "Follow-up") != NULL;
        json_t *a = json_array_get(answers, follow_up ? n - 1 : n);
        if (follow_up) {
            json_t *fus = json_object_get(a, "follow_ups");
            assert_int_equal(json_array_size(fus), 1);
            a = json_array_get(fus, 0);
            assert_string_equal(json_string_value(json_object_get(a, "source")), "authored");
            assert_true(json_array_size(json_object_get(a, "trigger")) > 0);
            const char *shown = strchr(STEPS[i].heading, '\n') + 1;
            assert_memory_equal(json_string_value(json_object_get(a, "question")), shown,
                                strlen(shown));
        } else {
            assert_int_equal(json_integer_value(json_object_get(a, "n")), (json_int_t)++n);
            json_t *fus = json_object_get(a, "follow_ups");
            if (i + 1 < N_STEPS && strstr(STEPS[i + 1].heading, "Follow-up") == NULL)
                assert_int_equal(json_array_size(fus), 0);
        }
        check_answer(a, &STEPS[i], modes);
    }
    assert_int_equal(n, 10);
    json_decref(root);
}

static void typed_through_a_pipe(void **state)
{
    (void)state;
    struct child c;
    e2e_spawn_args(&c, NULL, e2e_home,
                   (char *const[]){"rehearse", "run", "--mode", "typed", "--seed", "7", NULL});
    sit(&c, TYPED);
    check_session(TYPED);
}

static void as_shipped_through_the_microphone(void **state)
{
    (void)state;
    e2e_use_pulse();
    struct child c;
    e2e_spawn_pulse_args(&c, (char *const[]){"rehearse", "run", "--seed", "7", NULL});
    sit(&c, AS_SHIPPED);
    check_session(AS_SHIPPED);
}

static void spoken_through_the_microphone(void **state)
{
    (void)state;
    e2e_use_pulse();
    struct child c;
    e2e_spawn_pulse_args(
        &c, (char *const[]){"rehearse", "run", "--mode", "spoken", "--seed", "7", NULL});
    sit(&c, SPOKEN);
    check_session(SPOKEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(typed_through_a_pipe, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(as_shipped_through_the_microphone, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(spoken_through_the_microphone, e2e_make_home,
                                        e2e_remove_home),
    };
    return cmocka_run_group_tests(tests, e2e_mic_start, e2e_mic_stop);
}
