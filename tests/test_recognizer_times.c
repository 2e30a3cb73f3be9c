/* Tests of the recogniser's word times and of what is left to decode when a
 * recording ends, on flite's speech with known silences between sentences:
 * a word after a pause starts where its sentence starts in the samples, the
 * words and times of a recording fed in 50 ms blocks are those of the same
 * samples decoded at once, and at the end only the last stretch of voice is
 * left to search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/audio/recognizer.h"
#include "io/audio/synth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE      16000
#define BLOCK     (RATE / 20) /* what an audio callback delivers at once: 50 ms */
#define ONSET     500         /* a sample this loud starts a sentence's voice */
#define TOLERANCE 0.2         /* seconds a word may start off its sentence's voice */

static const char *const SENTENCES[] = {
    "A data warehouse stores structured data for reporting.",
    "Data lakes keep raw files for analytics.",
};

static struct synth_audio spoken[2];

static int setup(void **state)
{
    (void)state;
    struct diag err;
    for (size_t i = 0; i < 2; i++)
        if (synth_text(SENTENCES[i], &spoken[i], &err) != REH_OK || spoken[i].sample_rate != RATE) {
            fprintf(stderr, "cannot synthesise the speech: %s\n", err.message);
            return -1;
        }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    synth_audio_free(&spoken[0]);
    synth_audio_free(&spoken[1]);
    return 0;
}

/* A recording of the sentences in turn, n_parts of them, `gap_s` of silence
 * between two; onsets[k] gets the second at which the voice of part k
 * starts. The caller frees the samples. */
static int16_t *recording(size_t n_parts, double gap_s, size_t *n, double *onsets)
{
    size_t gap = (size_t)(gap_s * RATE), total = 0;
    for (size_t k = 0; k < n_parts; k++)
        total += spoken[k % 2].n_frames + (k ? gap : 0);
    int16_t *samples = calloc(total, sizeof *samples);
    assert_non_null(samples);
    size_t at = 0;
    for (size_t k = 0; k < n_parts; k++) {
        const struct synth_audio *s = &spoken[k % 2];
        at += k ? gap : 0;
        memcpy(samples + at, s->samples, s->n_frames * sizeof *samples);
        size_t i = 0;
        while (i < s->n_frames && abs(s->samples[i]) < ONSET)
            i++;
        onsets[k] = (double)(at + i) / RATE;
        at += s->n_frames;
    }
    *n = total;
    return samples;
}

/* The first word starting at or after `from` seconds. */
static const struct analysis_word *first_from(const struct analysis_word *words, size_t n,
                                              double from)
{
    for (size_t i = 0; i < n; i++)
        if (words[i].start_s >= from)
            return &words[i];
    fail_msg("no word starts after %.2f s", from);
    return NULL;
}

/* A sentence, 3 s of silence, a sentence: the first word of each starts
 * within 0.2 s of where its voice starts in the samples. */
static void words_after_a_pause_keep_their_times(void **state)
{
    (void)state;
    struct diag err;
    struct analysis_word *words;
    size_t n, n_words;
    double onsets[2];
    int16_t *samples = recording(2, 3.0, &n, onsets);
    if (recognizer_run(samples, n, RATE, NULL, &words, &n_words, &err) != REH_OK)
        fail_msg("%s", err.message);
    for (size_t k = 0; k < 2; k++) {
        const struct analysis_word *w = first_from(words, n_words, k ? onsets[1] - 1.5 : 0);
        if (fabs(w->start_s - onsets[k]) > TOLERANCE)
            fail_msg("sentence %zu starts at %.2f s, its first word \"%s\" at %.2f s", k + 1,
                     onsets[k], w->word, w->start_s);
    }
    analysis_words_free(words, n_words);
    free(samples);
}

/* Decodes the n samples fed in blocks of BLOCK on a decoder of its own;
 * *pending_s (unless NULL) gets the seconds left to search once the last
 * block is in. */
static void decode_in_blocks(const int16_t *samples, size_t n, struct analysis_word **words,
                             size_t *n_words, double *pending_s)
{
    struct diag err;
    struct recognizer *r;
    if (recognizer_open(&r, NULL, &err) != REH_OK)
        fail_msg("%s", err.message);
    recognizer_start(r);
    for (size_t at = 0; at < n; at += BLOCK)
        recognizer_feed(r, samples + at, n - at < BLOCK ? n - at : BLOCK);
    if (pending_s != NULL)
        *pending_s = recognizer_pending_s(r);
    assert_int_equal(recognizer_finish(r, words, n_words, &err), REH_OK);
    recognizer_close(r);
}

/* Fed in 50 ms blocks as while it is recorded, a recording with pauses has
 * the words and times of its file decoded at once. */
static void blocks_and_the_whole_file_agree(void **state)
{
    (void)state;
    struct diag err;
    struct analysis_word *live, *file;
    size_t n, n_live, n_file;
    double onsets[3];
    int16_t *samples = recording(3, 1.0, &n, onsets);
    decode_in_blocks(samples, n, &live, &n_live, NULL);
    if (recognizer_run(samples, n, RATE, NULL, &file, &n_file, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_true(n_live >= 15);
    assert_int_equal(n_live, n_file);
    for (size_t i = 0; i < n_live; i++) {
        assert_string_equal(live[i].word, file[i].word);
        assert_true(live[i].start_s == file[i].start_s);
        assert_true(live[i].end_s == file[i].end_s);
    }
    analysis_words_free(live, n_live);
    analysis_words_free(file, n_file);
    free(samples);
}

/* Four sentences a second apart, over 15 s: when the last sample is in,
 * what is left to search is the last sentence and its margins, not the
 * recording; its words are all there. */
static void only_the_last_stretch_is_left_at_the_end(void **state)
{
    (void)state;
    struct analysis_word *words;
    size_t n, n_words;
    double onsets[4], pending_s;
    int16_t *samples = recording(4, 1.0, &n, onsets);
    double last_s = (double)n / RATE - onsets[3];
    assert_true((double)n / RATE > 15);
    decode_in_blocks(samples, n, &words, &n_words, &pending_s);
    if (pending_s < last_s || pending_s > last_s + 0.5)
        fail_msg("%.2f s left to search; the last sentence is %.2f s of the %.2f s", pending_s,
                 last_s, (double)n / RATE);
    assert_true(n_words >= 20);
    assert_true(first_from(words, n_words, onsets[3] - 0.5)->start_s < onsets[3] + TOLERANCE);
    analysis_words_free(words, n_words);
    free(samples);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_after_a_pause_keep_their_times),
        cmocka_unit_test(blocks_and_the_whole_file_agree),
        cmocka_unit_test(only_the_last_stretch_is_left_at_the_end),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
