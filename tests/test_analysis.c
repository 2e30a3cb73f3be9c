/* Tests of the speech figures: filler counting (table-driven), pace over
 * speaking time, and the hints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/analysis.h"
#include "core/coverage.h"

#include <math.h>
#include <string.h>

static const char *const FILLERS[] = {"um",        "uh",       "er",      "like",    "you know",
                                      "basically", "actually", "sort of", "kind of", NULL};

static void counts_fillers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned count;
    } cases[] = {
        {"um so uh the pipeline", 2},
        {"you know it is you know fast", 2},
        {"I like this", 1}, /* a filler word counts wherever it stands */
        {"it likes me", 0}, /* but no other forms */
        {"basically actually", 2},
        {"a kind of sort of answer", 2},
        {"kindly sorted", 0},
        {"umbrella user", 0},
        {"", 0},
        {"UM, Uh... ER!", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned n = 0;
        for (size_t f = 0; FILLERS[f] != NULL; f++)
            n += (unsigned)coverage_count(cases[i].text, FILLERS[f]);
        if (n != cases[i].count)
            fail_msg("\"%s\": %u fillers, expected %u", cases[i].text, n, cases[i].count);
    }
}

static void computes_figures(void **state)
{
    (void)state;
    struct vad_segment pause = {3.0, 9.0};
    struct vad_result vad = {.pauses = &pause,
                             .n_pauses = 1,
                             .duration_s = 60,
                             .voiced_s = 30,
                             .speaking_ratio = 0.5,
                             .time_to_first_word_s = 1.5,
                             .longest_pause_s = 6};
    struct analysis_word words[] = {{"um", 1.5, 1.7},
                                    {"the", 1.8, 1.9},
                                    {"lake", 2.0, 2.4},
                                    {"you", 9.0, 9.1},
                                    {"know", 9.1, 9.3}};
    struct analysis a;
    assert_int_equal(analysis_compute(&a, &vad, words, 5, FILLERS), 0);
    assert_string_equal(a.transcript, "um the lake you know");
    assert_true(fabs(a.words_per_minute - 10.0) < 1e-9); /* 5 words in 30 s of speech */
    assert_int_equal(a.filler_count, 2);
    assert_true(fabs(a.fillers_per_min - 2.0) < 1e-9);
    assert_int_equal(a.n_pauses, 1);
    assert_true(a.pauses[0].start_s == 3.0 && a.pauses[0].end_s == 9.0);
    char hints[512];
    analysis_hints(&a, hints, sizeof hints);
    assert_string_equal(hints, "Pace 10 words a minute: a little slow; aim for 110-170.\n"
                               "A pause of 6 s: say what you are thinking about while you "
                               "think.\n");
    analysis_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_fillers),
        cmocka_unit_test(computes_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
