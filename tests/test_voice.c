/* Tests of speech synthesis into memory: a question is audible and about as
 * long as it takes to say, blank text gives no audio, a long text is longer in
 * proportion, and flite prints nothing on the way. No audio device is used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/voice.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
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
static void levels(const struct voice_audio *a, double *rms_db, double *peak_db)
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

static double seconds(const struct voice_audio *a)
{
    return (double)a->n_frames / a->sample_rate;
}

/* Synthesises `text` with standard output and error sent to a file, and
 * returns how many bytes were written there. */
static long synth_quietly(const char *text, struct voice_audio *out, struct diag *err, int *rc)
{
    FILE *sink = tmpfile();
    assert_non_null(sink);
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
    assert_true(saved_out >= 0 && saved_err >= 0);
    assert_true(dup2(fileno(sink), STDOUT_FILENO) >= 0 && dup2(fileno(sink), STDERR_FILENO) >= 0);
    *rc = voice_synth(text, out, err);
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
    struct voice_audio a;
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
    voice_audio_free(&a);
    assert_null(a.samples);
    assert_int_equal(a.n_frames, 0);
    voice_audio_free(&a); /* twice is harmless */
}

static void blank_text_is_silent(void **state)
{
    (void)state;
    static const char *const blank[] = {"", " ", "\n\n", " \t\r\n"};
    for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++) {
        struct voice_audio a;
        struct diag err = {{0}};
        assert_int_equal(voice_synth(blank[i], &a, &err), REH_OK);
        assert_int_equal(a.n_frames, 0);
        assert_null(a.samples);
        assert_true(a.sample_rate > 0);
        voice_audio_free(&a);
    }
}

static void long_text_is_longer(void **state)
{
    (void)state;
    struct voice_audio q, l;
    struct diag err = {{0}};
    int rc;
    assert_true(strlen(LONG_TEXT) > 550 && strlen(LONG_TEXT) < 650);
    assert_int_equal(voice_synth(QUESTION, &q, &err), REH_OK);
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
    voice_audio_free(&q);
    voice_audio_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(speaks_a_question),
        cmocka_unit_test(blank_text_is_silent),
        cmocka_unit_test(long_text_is_longer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
