/* Tests of the speech figures: the filler list (the shipped one, read from
 * assets/fillers.txt), filler counting (table-driven), a transcriber's words,
 * pace over speaking time, and the hints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/analysis.h"
#include "core/coverage.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The list rehearse ships (assets/fillers.txt), read by setup_fillers. */
static char fillers_text[4096];
static const char *FILLERS[ANALYSIS_FILLER_LIST_MAX + 1];

static int setup_fillers(void **state)
{
    (void)state;
    FILE *f = fopen(REHEARSE_FILLERS, "r");
    if (f == NULL)
        return -1;
    size_t len = fread(fillers_text, 1, sizeof fillers_text - 1, f);
    int failed = ferror(f) || !feof(f); /* read whole */
    fclose(f);
    fillers_text[len] = '\0';
    return failed || analysis_fillers(fillers_text, FILLERS) == 0 ? -1 : 0;
}

/* The shipped list gives phrases, not its comment lines; what they count
 * is the table of counts_fillers. */
static void reads_the_shipped_list(void **state)
{
    (void)state;
    size_t n = 0;
    for (; FILLERS[n] != NULL; n++)
        if (FILLERS[n][0] == '#' || FILLERS[n][0] == '\0' || strchr(FILLERS[n], '\n') != NULL)
            fail_msg("phrase %zu of %s is \"%s\"", n + 1, REHEARSE_FILLERS, FILLERS[n]);
    assert_in_range(n, 5, ANALYSIS_FILLER_LIST_MAX - 1); /* room to grow */
    assert_string_equal(FILLERS[0], "um");
}

/* Comment and empty lines are passed over; a line is kept as it is; the
 * list stops at ANALYSIS_FILLER_LIST_MAX phrases. */
static void parses_a_filler_list(void **state)
{
    (void)state;
    char text[] = "# comment\n\num\n\n\nyou know\n #not a comment\nlast";
    const char *list[ANALYSIS_FILLER_LIST_MAX + 1];
    assert_int_equal(analysis_fillers(text, list), 4);
    assert_string_equal(list[0], "um");
    assert_string_equal(list[1], "you know");
    assert_string_equal(list[2], " #not a comment");
    assert_string_equal(list[3], "last");
    assert_null(list[4]);

    char empty[] = "";
    assert_int_equal(analysis_fillers(empty, list), 0);
    assert_null(list[0]);

    char many[ANALYSIS_FILLER_LIST_MAX * 3 + 8] = "";
    for (int i = 0; i < ANALYSIS_FILLER_LIST_MAX + 5; i++)
        strcat(many, "x\n");
    assert_int_equal(analysis_fillers(many, list), ANALYSIS_FILLER_LIST_MAX);
    assert_null(list[ANALYSIS_FILLER_LIST_MAX]);
}

/* A transcriber's text becomes words with no times. */
static void splits_words(void **state)
{
    (void)state;
    struct analysis_word *words;
    size_t n;
    assert_int_equal(analysis_words("  the\tlake\r\nyou  know \n", &words, &n), REH_OK);
    assert_int_equal(n, 4);
    static const char *const expected[] = {"the", "lake", "you", "know"};
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(words[i].word, expected[i]);
        assert_true(words[i].start_s == 0 && words[i].end_s == 0);
    }
    analysis_words_free(words, n);
    assert_int_equal(analysis_words(" \t\n", &words, &n), REH_OK);
    assert_int_equal(n, 0);
    assert_null(words);
}

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
        cmocka_unit_test(reads_the_shipped_list), cmocka_unit_test(parses_a_filler_list),
        cmocka_unit_test(splits_words),           cmocka_unit_test(counts_fillers),
        cmocka_unit_test(computes_figures),
    };
    return cmocka_run_group_tests(tests, setup_fillers, NULL);
}
