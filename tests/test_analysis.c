/* Tests of the speech figures: the filler list (the shipped one, read from
 * assets/fillers.txt), filler counting (table-driven), a transcriber's words,
 * pace over speaking time, and the hints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/analysis.h"
#include "core/bank.h"

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

/* The words of `text`, timed when `timed`: each word 0.3 s long, 0.05 s
 * after the one before, or 0.5 s after it past a "|" (a pause, not a word). */
static struct analysis_word *words_of(const char *text, int timed, size_t *n)
{
    struct analysis_word *words;
    size_t all, kept = 0;
    double at = 0, gap = 0.05;
    assert_int_equal(analysis_words(text, &words, &all), REH_OK);
    for (size_t i = 0; i < all; i++) {
        if (strcmp(words[i].word, "|") == 0) {
            free(words[i].word);
            gap = 0.5;
            continue;
        }
        words[kept] = words[i];
        words[kept].start_s = timed ? at + gap : 0;
        words[kept].end_s = timed ? at + gap + 0.3 : 0;
        at += gap + 0.3;
        gap = 0.05;
        kept++;
    }
    *n = kept;
    return words;
}

/* The fillers analysis_compute counts in words, with a minute of speech. */
static unsigned fillers_in(struct analysis_word *words, size_t n)
{
    struct vad_result vad = {.duration_s = 60, .voiced_s = 60, .snr_db = NAN};
    struct analysis a;
    assert_int_equal(analysis_compute(&a, &vad, words, n, FILLERS), REH_OK);
    unsigned count = a.filler_count;
    analysis_free(&a);
    return count;
}

/* Sounds count wherever they are said; the ordinary words of the list only
 * where they stand alone, between pauses told by punctuation (a
 * transcriber's text) or by the words' times (the recogniser's). */
static void counts_fillers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int timed;
        unsigned count;
    } cases[] = {
        {"um so uh the pipeline", 0, 2},
        {"UM, Uh... ER!", 0, 3},
        {"umbrella user", 0, 0},
        {"", 0, 0},
        {"tools like Apache Kafka", 0, 0},
        {"I like this", 0, 0},
        {"it likes me", 0, 0},
        {"so, like, we stream", 0, 1},
        {"Like, what?", 0, 1},
        {"it is, you know, fast", 0, 1},
        {"How do you know the backfill is complete", 0, 0},
        {"Basically, actually.", 0, 2},
        {"a kind of sort of answer", 0, 0},
        {"kindly sorted", 0, 0},
        {"tools like Apache Kafka", 1, 0},
        {"we stream | like | events", 1, 1},
        {"we stream | like events", 1, 0},
        {"we use Kafka you know | and Flink", 1, 0},
        {"| you know | the lake", 1, 1},
        {"um the lake", 1, 1},
        {"like", 1, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n;
        struct analysis_word *words = words_of(cases[i].text, cases[i].timed, &n);
        unsigned count = fillers_in(words, n);
        analysis_words_free(words, n);
        if (count != cases[i].count)
            fail_msg("\"%s\"%s: %u fillers, expected %u", cases[i].text,
                     cases[i].timed ? " (timed)" : "", count, cases[i].count);
    }
}

/* The model answers and key points of the shipped bank, read as answers,
 * have no fillers, though "like" stands in them as a preposition. */
static void clean_answers_have_no_fillers(void **state)
{
    (void)state;
    struct bank bank;
    struct diag err;
    size_t likes = 0;
    assert_int_equal(
        bank_load(&bank, REHEARSE_SOURCE_DIR "/assets/banks/data-engineering.yaml", &err), REH_OK);
    for (size_t q = 0; q < bank.n_questions; q++) {
        const struct question *qu = &bank.questions[q];
        for (size_t k = 0; k <= qu->n_key_points; k++) {
            const char *text = k == 0 ? qu->model_answer : qu->key_points[k - 1];
            size_t n;
            struct analysis_word *words;
            if (text == NULL)
                continue;
            assert_int_equal(analysis_words(text, &words, &n), REH_OK);
            for (size_t w = 0; w < n; w++)
                likes += strcmp(words[w].word, "like") == 0;
            if (fillers_in(words, n) != 0)
                fail_msg("%s: fillers in \"%s\"", qu->id, text);
            analysis_words_free(words, n);
        }
    }
    assert_true(likes >= 5);
    bank_free(&bank);
}

/* What a's figures line and hints say. */
static void told(const struct analysis *a, const char *figures, const char *hints)
{
    char text[512];
    analysis_figures(a, text, sizeof text);
    assert_string_equal(text, figures);
    analysis_hints(a, text, sizeof text);
    assert_string_equal(text, hints);
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
                             .longest_pause_s = 6,
                             .snr_db = 35};
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
    told(&a,
         "10 words a minute, 2.0 fillers a minute (2 in all), longest pause 6.0 s (1 over 2 s), "
         "speaking 50% of the time, first word after 1.5 s",
         "Pace 10 words a minute: a little slow; aim for 110-170.\n"
         "A pause of 6 s: say what you are thinking about while you think.\n");
    analysis_free(&a);
}

/* Too little speech for the words returned: no pace is shown, nor a hint
 * about it; a noisy recording says so with its signal-to-noise ratio; the
 * longest gap is shown when no pause passes 2 s. */
static void figures_that_cannot_be_trusted(void **state)
{
    (void)state;
    struct analysis_word words[49];
    for (size_t i = 0; i < 49; i++)
        words[i] = (struct analysis_word){"lake", 0, 0};
    struct vad_result vad = {
        .duration_s = 40, .voiced_s = 0.2, .speaking_ratio = 0.005, .snr_db = 9.6};
    struct analysis a;
    assert_int_equal(analysis_compute(&a, &vad, words, 49, FILLERS), REH_OK);
    assert_false(analysis_pace_known(&a));
    told(&a,
         "pace not known (too little speech heard for 49 words), 0.0 fillers a minute (0 in all), "
         "no pause, speaking 0% of the time, first word after 0.0 s",
         "Noisy recording: your speech is about 10 dB over the noise, so these figures are rough; "
         "a quieter room or a closer microphone helps.\n");
    analysis_free(&a);

    vad = (struct vad_result){.duration_s = 40,
                              .voiced_s = 19.6,
                              .longest_pause_s = 1.44,
                              .speaking_ratio = 0.49,
                              .snr_db = 31};
    assert_int_equal(analysis_compute(&a, &vad, words, 49, FILLERS), REH_OK);
    assert_true(analysis_pace_known(&a));
    told(&a,
         "150 words a minute, 0.0 fillers a minute (0 in all), longest pause 1.4 s (none over 2 "
         "s), speaking 49% of the time, first word after 0.0 s",
         "");
    analysis_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_the_shipped_list),
        cmocka_unit_test(parses_a_filler_list),
        cmocka_unit_test(splits_words),
        cmocka_unit_test(counts_fillers),
        cmocka_unit_test(clean_answers_have_no_fillers),
        cmocka_unit_test(computes_figures),
        cmocka_unit_test(figures_that_cannot_be_trusted),
    };
    return cmocka_run_group_tests(tests, setup_fillers, NULL);
}
