/* Tests of the live transcription of a recording on its writer's path, with
 * flite's speech pushed as an audio callback would push it and no sound
 * card: the words decoded while recording are those decoded from the file
 * afterwards, take after take on one decoder; a recogniser that falls
 * behind gives the take up without costing the file a frame; what was
 * queued past a recording's end is not transcribed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/lm.h"
#include "io/audio/recognizer.h"
#include "io/audio/recorder.h"
#include "io/audio/synth.h"
#include "io/audio/transcription.h"
#include "scratch.h"

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RATE  16000
#define BLOCK (RATE / 20) /* what a callback delivers at once: 50 ms */

static const char SPEECH[] = "A data warehouse stores structured data for reporting. A data lake "
                             "keeps raw data in its raw form for analytics.";

static char dir[SCRATCH_MAX];
static struct synth_audio speech;

static int setup(void **state)
{
    (void)state;
    struct diag err;
    if (synth_text(SPEECH, &speech, &err) != REH_OK || speech.sample_rate != RATE) {
        fprintf(stderr, "cannot synthesise the speech: %s\n", err.message);
        return -1;
    }
    return scratch_make(dir, "transcription");
}

static int teardown(void **state)
{
    (void)state;
    synth_audio_free(&speech);
    return scratch_remove(dir);
}

/* Pushes `total` samples of the speech (repeated as needed) into the
 * recorder a block at a time, 1 ms apart, as fast as the recogniser decodes
 * them when `tr` is given (with never more than half a second queued), else
 * `fast` times as fast as a microphone. */
static void push(struct recorder *rec, struct transcription *tr, size_t total, long fast)
{
    for (size_t at = 0; at < total;) {
        size_t from = at % speech.n_frames;
        size_t n = total - at < BLOCK ? total - at : BLOCK;
        if (n > speech.n_frames - from)
            n = speech.n_frames - from;
        while (tr != NULL && transcription_queued(tr) > RATE / 2)
            nanosleep(&(struct timespec){0, 1000000L}, NULL);
        recorder_push(rec, speech.samples + from, n);
        at += n;
        nanosleep(&(struct timespec){0, tr != NULL ? 1000000L : 50000000L / fast}, NULL);
    }
}

/* Checks that the file holds exactly the `total` samples pushed, and
 * returns them. */
static int16_t *read_back(const char *name, size_t total)
{
    char path[SCRATCH_MAX + 64];
    struct diag err;
    int16_t *samples;
    size_t n;
    unsigned rate;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (recognizer_read_wav(path, &samples, &n, &rate, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_int_equal(rate, RATE);
    assert_int_equal(n, total);
    for (size_t i = 0; i < n; i++)
        if (samples[i] != speech.samples[i % speech.n_frames])
            fail_msg("sample %zu of %s is not the one pushed", i, name);
    return samples;
}

/* Records `total` samples into `name` with the live transcription on, at
 * the recogniser's pace or `fast` times a microphone's (see push), and
 * checks that every frame is in the file. */
static int record(struct transcription *tr, const char *name, size_t total, long fast,
                  struct analysis_word **words, size_t *n_words, struct diag *err)
{
    struct recorder_stats st;
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    assert_int_equal(transcription_start(tr, err), REH_OK);
    struct recorder *rec = recorder_open(dirfd, dir, name, RATE, tr, err);
    if (rec == NULL)
        fail_msg("%s", err->message);
    push(rec, fast ? NULL : tr, total, fast);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(recorder_close(rec, &st, err), REH_OK);
    int rc = transcription_finish(tr, words, n_words, err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(dirfd);
    assert_int_equal(st.frames, total);
    assert_int_equal(st.dropped_frames, 0);
    double took = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (rc == REH_OK && !fast) /* how soon is bench/run's figure: a test judges no speed */
        print_message("the words came %.2f s after the recording stopped\n", took);
    return rc;
}

/* The same words at the same times. */
static void assert_same_words(const struct analysis_word *a, size_t n_a,
                              const struct analysis_word *b, size_t n_b)
{
    assert_int_equal(n_a, n_b);
    for (size_t i = 0; i < n_a; i++) {
        assert_string_equal(a[i].word, b[i].word);
        assert_true(fabs(a[i].start_s - b[i].start_s) <= 1e-9);
        assert_true(fabs(a[i].end_s - b[i].end_s) <= 1e-9);
    }
}

/* Writes the domain model of a text of data words, some missing from the
 * dictionary, into path. */
static void write_domain(char path[PATH_MAX])
{
    struct diag err;
    char *arpa;
    assert_int_equal(lm_arpa("A lakehouse on S3 feeds BigQuery. A data warehouse stores "
                             "structured data for reporting and analytics.",
                             &arpa, &err),
                     REH_OK);
    snprintf(path, PATH_MAX, "%s/domain.arpa", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(arpa, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    free(arpa);
}

static void check_live_words(const char *domain)
{
    struct diag err;
    struct transcription *tr = transcription_open(domain, &err);
    if (tr == NULL)
        fail_msg("%s", err.message);
    static const char *const general[] = {"01-take.wav", "01-take2.wav"};
    static const char *const adapted[] = {"03-take.wav", "03-take2.wav"};
    const char *const *names = domain != NULL ? adapted : general;
    for (size_t take = 0; take < 2; take++) {
        struct analysis_word *live, *after;
        size_t n_live, n_after;
        if (record(tr, names[take], speech.n_frames, 0, &live, &n_live, &err) != REH_OK)
            fail_msg("take %zu: %s", take + 1, err.message);
        int16_t *samples = read_back(names[take], speech.n_frames);
        assert_int_equal(
            recognizer_run(samples, speech.n_frames, RATE, domain, &after, &n_after, &err), REH_OK);
        assert_same_words(live, n_live, after, n_after);
        assert_true(n_live >= 15);
        assert_string_equal(live[1].word, "data");
        assert_string_equal(live[2].word, "warehouse");
        assert_string_equal(live[n_live - 1].word, "analytics");
        analysis_words_free(live, n_live);
        analysis_words_free(after, n_after);
        free(samples);
    }
    transcription_close(tr);
}

/* Pushed at the recogniser's pace, two takes in a row on one decoder, with
 * the general model and adapted to a domain model: each take's words are
 * those of its file decoded afterwards by a decoder of its own, at the same
 * times, and they name what was said: nothing of the first take's sound
 * carries into the second. */
static void live_words_are_the_file_s(void **state)
{
    (void)state;
    char domain[PATH_MAX];
    write_domain(domain);
    check_live_words(NULL);
    check_live_words(domain);
}

/* Pushed twelve times faster than a microphone, 30 s of speech outrun the
 * recogniser: the take is given up, the file still has every frame, and the
 * next take is transcribed again. */
static void a_recogniser_behind_gives_the_take_up(void **state)
{
    (void)state;
    struct diag err;
    struct analysis_word *words;
    size_t n_words, total = 30 * RATE;
    struct transcription *tr = transcription_open(NULL, &err);
    if (tr == NULL)
        fail_msg("%s", err.message);
    assert_int_equal(record(tr, "02-fast.wav", total, 12, &words, &n_words, &err), REH_EIO);
    assert_string_equal(err.message, "the speech recogniser fell behind the recording");
    assert_null(words);
    free(read_back("02-fast.wav", total));

    if (record(tr, "02-fast-take2.wav", speech.n_frames, 0, &words, &n_words, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_string_equal(words[n_words - 1].word, "analytics");
    analysis_words_free(words, n_words);
    transcription_close(tr);
}

/* A recording cut at its end after more was queued (a route that captures
 * faster than real time, its end known only when it stops): 3 s pushed at
 * 20 times a microphone's pace while the recogniser still loads, 1.5 s kept.
 * The live words are those of the 1.5 s in the file, nothing after. */
static void frames_past_the_end_are_not_transcribed(void **state)
{
    (void)state;
    struct diag err;
    struct recorder_stats st;
    struct analysis_word *live, *after;
    size_t n_live, n_after, total = 3 * RATE, kept = 3 * RATE / 2;
    struct transcription *tr = transcription_open(NULL, &err);
    if (tr == NULL)
        fail_msg("%s", err.message);
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    assert_int_equal(transcription_start(tr, &err), REH_OK);
    struct recorder *rec = recorder_open(dirfd, dir, "05-cut.wav", RATE, tr, &err);
    if (rec == NULL)
        fail_msg("%s", err.message);
    push(rec, NULL, total, 20);
    recorder_limit(rec, kept);
    assert_int_equal(recorder_close(rec, &st, &err), REH_OK);
    close(dirfd);
    assert_int_equal(st.frames, kept);
    if (transcription_finish(tr, &live, &n_live, &err) != REH_OK)
        fail_msg("%s", err.message);
    int16_t *samples = read_back("05-cut.wav", kept);
    assert_int_equal(recognizer_run(samples, kept, RATE, NULL, &after, &n_after, &err), REH_OK);
    assert_true(n_after > 0);
    assert_same_words(live, n_live, after, n_after);
    analysis_words_free(live, n_live);
    analysis_words_free(after, n_after);
    free(samples);
    transcription_close(tr);
}

/* The recogniser loads on a thread of its own: a model it cannot read
 * leaves each take untranscribed, saying why, and the file still has every
 * frame. */
static void a_model_that_cannot_load_is_told(void **state)
{
    (void)state;
    struct diag err;
    struct analysis_word *words;
    size_t n_words;
    char missing[PATH_MAX];
    snprintf(missing, sizeof missing, "%s/no-such-model.arpa", dir);
    struct transcription *tr = transcription_open(missing, &err);
    if (tr == NULL)
        fail_msg("%s", err.message);
    for (int take = 0; take < 2; take++) {
        const char *name = take == 0 ? "04-missing.wav" : "04-missing-take2.wav";
        assert_int_equal(record(tr, name, RATE, 0, &words, &n_words, &err), REH_EIO);
        char want[PATH_MAX + 64];
        snprintf(want, sizeof want, "cannot read the language model %s: No such file or directory",
                 missing);
        assert_string_equal(err.message, want);
        assert_null(words);
        free(read_back(name, RATE));
    }
    transcription_close(tr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(live_words_are_the_file_s),
        cmocka_unit_test(a_recogniser_behind_gives_the_take_up),
        cmocka_unit_test(a_model_that_cannot_load_is_told),
        cmocka_unit_test(frames_past_the_end_are_not_transcribed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
