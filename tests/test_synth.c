/* Tests of speech synthesis into memory: a question is audible and about as
 * long as it takes to say, blank text gives no audio, a long text is longer in
 * proportion, and flite prints nothing on the way. No audio device is used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/audio/synth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <valgrind/valgrind.h>
#include <time.h>
#include <unistd.h>

static const char QUESTION[] = "Tell me about a data pipeline you are proud of.";

/* About 600 characters, with the Markdown and line breaks a bank may hold. */
static const char LONG_TEXT[] =
    "## Design a pipeline\n"
    "Your team ingests *click events* from a mobile app: about two million a day, "
    "arriving late and sometimes twice. Walk me through how you would land them in "
    "the warehouse so that analysts can trust the daily numbers by nine in the "
    "morning.\n"
    "- How do you deduplicate events that arrive twice?\n"
    "- What happens when a batch fails halfway through the night?\n"
    "- How would you backfill a week of data after a bug in the parser?\n"
    "Finally, tell me which metrics you would watch, who gets paged when they go "
    "wrong, and what you would change first if the volume grew ten times in a year.";

/* Level of the whole buffer and of its loudest sample, in dB full scale. */
static void levels(const struct synth_audio *a, double *rms_db, double *peak_db)
{
    double sum = 0, peak = 0;
    for (size_t i = 0; i < a->n_frames; i++) {
        double s = a->samples[i] / 32768.0;
        sum += s * s;
        if (fabs(s) > peak)
            peak = fabs(s);
    }
    *rms_db = 10 * log10(sum / (double)a->n_frames + 1e-20);
    *peak_db = 20 * log10(peak + 1e-10);
}

static double seconds(const struct synth_audio *a)
{
    return (double)a->n_frames / a->sample_rate;
}

/* Synthesises `text` with standard output and error sent to a file, and
 * returns how many bytes were written there. */
static long synth_quietly(const char *text, struct synth_audio *out, struct diag *err, int *rc)
{
    FILE *sink = tmpfile();
    assert_non_null(sink);
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
    assert_true(saved_out >= 0 && saved_err >= 0);
    assert_true(dup2(fileno(sink), STDOUT_FILENO) >= 0 && dup2(fileno(sink), STDERR_FILENO) >= 0);
    *rc = synth_text(text, out, err);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, STDOUT_FILENO);
    dup2(saved_err, STDERR_FILENO);
    close(saved_out);
    close(saved_err);
    long printed = lseek(fileno(sink), 0, SEEK_END);
    fclose(sink);
    return printed;
}

static void speaks_a_question(void **state)
{
    (void)state;
    struct synth_audio a;
    struct diag err = {{0}};
    int rc;
    /* The first call also loads the voice: nothing may be printed then either. */
    long printed = synth_quietly(QUESTION, &a, &err, &rc);
    assert_int_equal(rc, REH_OK);
    assert_int_equal(printed, 0);
    assert_non_null(a.samples);
    assert_true(a.sample_rate >= 8000);
    double rms_db, peak_db;
    levels(&a, &rms_db, &peak_db);
    print_message("question: %.2f s at %u Hz, RMS %.1f dBFS, peak %.1f dBFS\n", seconds(&a),
                  a.sample_rate, rms_db, peak_db);
    if (seconds(&a) < 1.5 || seconds(&a) > 6)
        fail_msg("%.2f s of speech for a 10-word question", seconds(&a));
    if (rms_db < -40 || peak_db < -20)
        fail_msg("too quiet: RMS %.1f dBFS, peak %.1f dBFS", rms_db, peak_db);
    synth_audio_free(&a);
    assert_null(a.samples);
    assert_int_equal(a.n_frames, 0);
    synth_audio_free(&a); /* twice is harmless */
}

static void blank_text_is_silent(void **state)
{
    (void)state;
    static const char *const blank[] = {"", " ", "\n\n", " \t\r\n"};
    for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++) {
        struct synth_audio a;
        struct diag err = {{0}};
        assert_int_equal(synth_text(blank[i], &a, &err), REH_OK);
        assert_int_equal(a.n_frames, 0);
        assert_null(a.samples);
        assert_true(a.sample_rate > 0);
        synth_audio_free(&a);
    }
}

static void long_text_is_longer(void **state)
{
    (void)state;
    struct synth_audio q, l;
    struct diag err = {{0}};
    int rc;
    assert_true(strlen(LONG_TEXT) > 550 && strlen(LONG_TEXT) < 650);
    assert_int_equal(synth_text(QUESTION, &q, &err), REH_OK);
    long printed = synth_quietly(LONG_TEXT, &l, &err, &rc);
    assert_int_equal(rc, REH_OK);
    assert_int_equal(printed, 0);
    assert_int_equal(l.sample_rate, q.sample_rate);
    double rms_db, peak_db;
    levels(&l, &rms_db, &peak_db);
    /* Seconds a character, which should be about the same for both texts. */
    double per_char_q = seconds(&q) / (double)strlen(QUESTION);
    double per_char_l = seconds(&l) / (double)strlen(LONG_TEXT);
    print_message("long text: %zu characters, %.2f s (%.0f ms a character; question %.0f ms), "
                  "RMS %.1f dBFS\n",
                  strlen(LONG_TEXT), seconds(&l), 1000 * per_char_l, 1000 * per_char_q, rms_db);
    if (per_char_l < 0.5 * per_char_q || per_char_l > 2 * per_char_q)
        fail_msg("%.2f s for %zu characters, %.2f s for %zu", seconds(&l), strlen(LONG_TEXT),
                 seconds(&q), strlen(QUESTION));
    if (rms_db < -40 || peak_db < -20)
        fail_msg("too quiet: RMS %.1f dBFS, peak %.1f dBFS", rms_db, peak_db);
    synth_audio_free(&q);
    synth_audio_free(&l);
}

static void pieces_are_sentences_of_bounded_length(void **state)
{
    (void)state;
    assert_int_equal(synth_piece(""), 0);
    assert_int_equal(synth_piece("One. Two."), 4);
    assert_int_equal(synth_piece("Why? Because."), 4);
    assert_int_equal(synth_piece("3.5 million rows; then what"), 17);
    assert_int_equal(synth_piece("## A title\nthe text"), 11);
    assert_int_equal(synth_piece("no end at all"), 13);
    char words[400], letters[400];
    for (size_t i = 0; i < sizeof words - 1; i++)
        words[i] = i % 10 == 9 ? ' ' : 'a';
    words[sizeof words - 1] = '\0';
    assert_int_equal(synth_piece(words), 200); /* after the space at 199 */
    memset(letters, 'b', sizeof letters - 1);
    letters[sizeof letters - 1] = '\0';
    memcpy(letters + 199, "\xc3\xa9", 2); /* an "é" across the limit */
    assert_int_equal(synth_piece(letters), 199);
}

/* How long a step may take before the test calls it hung: generous, since
 * a loaded machine (and valgrind, tens of times slower) must not fail it;
 * the test prints how soon the reading started instead of judging it. */
static double hang_s(void)
{
    return RUNNING_ON_VALGRIND ? 200 : 10;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#ifdef __SANITIZE_ADDRESS__
size_t __sanitizer_get_current_allocated_bytes(void); /* the runtime's own */
#endif

/* Bytes allocated and not freed (AddressSanitizer's count when it keeps
 * freed blocks in quarantine). */
static size_t heap_in_use(void)
{
#ifdef __SANITIZE_ADDRESS__
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks;
#endif
}

/* An 876 KB question (flite alone took 600 MB and 100 s for it): the reading
 * starts before the whole text is synthesised, runs at most SYNTH_AHEAD_S ahead of the
 * player, keeps memory bounded, and stops at once. */
static void long_text_is_read_in_pieces(void **state)
{
    (void)state;
    size_t n = 876 * 1024 / strlen(LONG_TEXT) + 1, len = strlen(LONG_TEXT);
    char *huge = malloc(n * len + 1);
    struct diag err = {{0}};
    int16_t buf[4096];
    assert_non_null(huge);
    for (size_t i = 0; i < n; i++)
        memcpy(huge + i * len, LONG_TEXT, len);
    huge[n * len] = '\0';
    size_t heap_before = heap_in_use(), heap_peak = heap_before;
    double start = now_s();
    struct synth_reader *r = synth_reader_start(huge, &err);
    free(huge); /* the reader keeps its own copy */
    assert_non_null(r);
    assert_true(now_s() - start < hang_s());
    size_t got = 0;
    while (got == 0 && now_s() - start < hang_s())
        got = synth_reader_read(r, buf, sizeof buf / sizeof buf[0]);
    if (got == 0)
        fail_msg("no speech within %.0f s", hang_s());
    print_message("first speech after %.3f s\n", now_s() - start);
    /* Left alone, it synthesises no more than SYNTH_AHEAD_S ahead. */
    nanosleep(&(struct timespec){1, 500000000L}, NULL);
    size_t ahead = 0, k;
    while ((k = synth_reader_read(r, buf, sizeof buf / sizeof buf[0])) > 0)
        ahead += k;
    unsigned rate = synth_reader_rate(r);
    print_message("ahead %.2f s after 1.5 s idle\n", (double)ahead / rate);
    assert_true(ahead > 0 && ahead <= 2 * (size_t)SYNTH_AHEAD_S * rate);
    /* Drained as fast as it comes for 2 s: piece after piece. */
    double drain = now_s();
    while (now_s() - drain < 2) {
        got += synth_reader_read(r, buf, sizeof buf / sizeof buf[0]);
        size_t heap = heap_in_use();
        heap_peak = heap > heap_peak ? heap : heap_peak;
    }
    assert_false(synth_reader_done(r));
    size_t grown = (heap_peak - heap_before) / 1024;
    print_message("%.1f s of speech read, peak heap %zu KB above the start\n", (double)got / rate,
                  grown);
    if (grown > 16 * 1024)
        fail_msg("the heap grew by %zu KB while reading", grown);
    double stop = now_s();
    synth_reader_stop(r);
    assert_true(synth_reader_done(r));
    assert_int_equal(synth_reader_free(r, &err), REH_OK);
    print_message("stopped and joined in %.3f s\n", now_s() - stop);
    assert_true(now_s() - stop < hang_s());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(speaks_a_question),
        cmocka_unit_test(blank_text_is_silent),
        cmocka_unit_test(long_text_is_longer),
        cmocka_unit_test(pieces_are_sentences_of_bounded_length),
        cmocka_unit_test(long_text_is_read_in_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
