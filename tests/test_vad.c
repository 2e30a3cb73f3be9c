/* Tests of the voice activity detector on synthetic signals with exact
 * boundaries: tones of speech-like level between stretches of silence, and
 * flite's speech with silence spliced between its sentences at known
 * places, clean or under white noise at a known signal-to-noise ratio. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/rng.h"
#include "core/vad.h"
#include "io/audio/synth.h"

#include <math.h>
#include <stdlib.h>

#define RATE 16000

/* Builds a signal from (seconds, amplitude) pieces: a 300 Hz tone, or
 * digital silence for amplitude 0. */
static int16_t *signal_of(const double (*pieces)[2], size_t n_pieces, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < n_pieces; i++)
        total += (size_t)(pieces[i][0] * RATE);
    int16_t *s = calloc(total, sizeof *s);
    size_t at = 0;
    for (size_t i = 0; i < n_pieces; i++)
        for (size_t k = 0; k < (size_t)(pieces[i][0] * RATE); k++, at++)
            s[at] = (int16_t)(pieces[i][1] * sin(2 * M_PI * 300 * (double)at / RATE));
    *n = total;
    return s;
}

static void finds_speech_and_pauses(void **state)
{
    (void)state;
    static const double pieces[][2] = {{1.0, 0}, {2.0, 8000}, {3.0, 0}, {1.5, 8000},
                                       {0.2, 0}, {0.5, 8000}, {0.8, 0}};
    size_t n;
    int16_t *s = signal_of(pieces, 7, &n);
    struct vad_result r;
    assert_int_equal(vad_analyze(s, n, RATE, &r), 0);
    assert_int_equal(r.n_segments, 2); /* the 0.2 s gap is bridged */
    assert_true(fabs(r.segments[0].start_s - 1.0) < 1e-9);
    assert_true(fabs(r.segments[0].end_s - 3.0) < 1e-9);
    assert_true(fabs(r.segments[1].start_s - 6.0) < 1e-9);
    assert_true(fabs(r.segments[1].end_s - 8.2) < 1e-9);
    assert_int_equal(r.n_pauses, 1);
    assert_true(fabs(r.pauses[0].start_s - 3.0) < 1e-9 && fabs(r.pauses[0].end_s - 6.0) < 1e-9);
    assert_true(fabs(r.longest_pause_s - 3.0) < 1e-9);
    assert_true(fabs(r.time_to_first_word_s - 1.0) < 1e-9);
    assert_true(fabs(r.duration_s - 9.0) < 1e-9);
    assert_true(fabs(r.voiced_s - 4.2) < 1e-9);
    assert_true(fabs(r.speaking_ratio - 4.2 / 9.0) < 1e-9);
    vad_free(&r);
    free(s);
}

static void ignores_blips_and_quiet_noise(void **state)
{
    (void)state;
    /* a 60 ms click is not speech; a tone at -60 dBFS is below the floor */
    static const double pieces[][2] = {{1.0, 0}, {0.06, 20000}, {1.0, 0}, {2.0, 30}};
    size_t n;
    int16_t *s = signal_of(pieces, 4, &n);
    struct vad_result r;
    assert_int_equal(vad_analyze(s, n, RATE, &r), 0);
    assert_int_equal(r.n_segments, 0);
    assert_int_equal(r.n_pauses, 0);
    assert_true(r.speaking_ratio == 0);
    assert_true(fabs(r.time_to_first_word_s - r.duration_s) < 1e-9);
    vad_free(&r);
    free(s);
}

static void empty_signal(void **state)
{
    (void)state;
    struct vad_result r;
    int16_t none[1] = {0};
    assert_int_equal(vad_analyze(none, 0, RATE, &r), 0);
    assert_int_equal(r.n_segments, 0);
    assert_true(r.duration_s == 0 && r.speaking_ratio == 0);
    vad_free(&r);
}

/* Three sentences of flite's speech, each trimmed to its first and last
 * audible sample, with silence around and between them. */
static const char *const SENTENCES[] = {
    "A data lake keeps raw files in cheap storage.",
    "A warehouse keeps modelled tables for analysts.",
    "The lakehouse puts both in one place.",
};
static const double GAPS_S[] = {1.0, 3.0, 2.5, 1.5}; /* before, between and after them */

struct spliced {
    int16_t *samples;
    size_t n;
    struct vad_segment speech[3]; /* where each sentence is */
    double speech_s;
};

/* Builds the recording, with white noise from a seeded generator under it
 * at snr_db to the mean power of the sentences (none when snr_db is
 * INFINITY). */
static void splice(double snr_db, struct spliced *out)
{
    struct synth_audio said[3];
    size_t from[3], to[3], total = 0;
    double power = 0;
    struct diag err;
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(synth_text(SENTENCES[i], &said[i], &err), REH_OK);
        assert_int_equal(said[i].sample_rate, RATE);
        from[i] = 0;
        to[i] = said[i].n_frames;
        while (from[i] < to[i] && abs(said[i].samples[from[i]]) < 300)
            from[i]++;
        while (to[i] > from[i] && abs(said[i].samples[to[i] - 1]) < 300)
            to[i]--;
        for (size_t k = from[i]; k < to[i]; k++)
            power += (double)said[i].samples[k] * said[i].samples[k];
        total += to[i] - from[i];
    }
    power /= (double)total;
    out->speech_s = (double)total / RATE;
    for (size_t i = 0; i < 4; i++)
        total += (size_t)(GAPS_S[i] * RATE);
    out->samples = calloc(total, sizeof *out->samples);
    out->n = total;
    size_t at = 0;
    for (size_t i = 0; i < 3; i++) {
        at += (size_t)(GAPS_S[i] * RATE);
        out->speech[i].start_s = (double)at / RATE;
        for (size_t k = from[i]; k < to[i]; k++)
            out->samples[at++] = said[i].samples[k];
        out->speech[i].end_s = (double)at / RATE;
        synth_audio_free(&said[i]);
    }
    if (isinf(snr_db))
        return;
    /* uniform noise in [-a, a] has the power a * a / 3 */
    double a = sqrt(3 * power / pow(10, snr_db / 10));
    struct rng rng;
    rng_seed(&rng, 42);
    for (size_t k = 0; k < total; k++) {
        double v = out->samples[k] + a * (2.0 * (double)rng_below(&rng, 1u << 20) / (1u << 20) - 1);
        out->samples[k] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
}

/* The pauses spliced between the sentences are found within 0.2 s, the
 * speaking time is the sentences' within 5%, and the signal-to-noise
 * ratio is estimated within 1.5 dB: in a quiet recording and in noise 10 dB
 * under the speech, where a threshold fixed at 15 dB over the noise found
 * almost no speech. */
static void finds_spliced_pauses(double snr_db)
{
    struct spliced sp;
    struct vad_result r;
    splice(snr_db, &sp);
    assert_int_equal(vad_analyze(sp.samples, sp.n, RATE, &r), 0);
    print_message("at %.0f dB: %zu stretches, %.2f s of speech (%.2f s said), SNR %.1f dB\n",
                  snr_db, r.n_segments, r.voiced_s, sp.speech_s, r.snr_db);
    assert_int_equal(r.n_pauses, 2);
    for (size_t i = 0; i < 2; i++)
        if (fabs(r.pauses[i].start_s - sp.speech[i].end_s) > 0.2 ||
            fabs(r.pauses[i].end_s - sp.speech[i + 1].start_s) > 0.2)
            fail_msg("pause %zu found at %.2f-%.2f s, spliced at %.2f-%.2f s", i + 1,
                     r.pauses[i].start_s, r.pauses[i].end_s, sp.speech[i].end_s,
                     sp.speech[i + 1].start_s);
    assert_true(fabs(r.longest_pause_s - GAPS_S[1]) < 0.2);
    assert_true(fabs(r.time_to_first_word_s - GAPS_S[0]) < 0.2);
    if (fabs(r.voiced_s - sp.speech_s) > 0.05 * sp.speech_s)
        fail_msg("%.2f s of speech found, %.2f s spliced", r.voiced_s, sp.speech_s);
    if (isinf(snr_db))
        assert_true(r.snr_db > 40);
    else if (fabs(r.snr_db - snr_db) > 1.5)
        fail_msg("SNR estimated at %.1f dB, spliced at %.0f dB", r.snr_db, snr_db);
    vad_free(&r);
    free(sp.samples);
}

static void finds_pauses_in_quiet_speech(void **state)
{
    (void)state;
    finds_spliced_pauses(INFINITY);
}

static void finds_pauses_in_noisy_speech(void **state)
{
    (void)state;
    finds_spliced_pauses(20);
    finds_spliced_pauses(10);
}

/* Steady noise, however loud, is not speech. */
static void noise_alone_is_no_speech(void **state)
{
    (void)state;
    size_t n = 5 * RATE;
    int16_t *s = malloc(n * sizeof *s);
    struct rng rng;
    rng_seed(&rng, 7);
    for (size_t k = 0; k < n; k++)
        s[k] = (int16_t)((int)rng_below(&rng, 4001) - 2000);
    struct vad_result r;
    assert_int_equal(vad_analyze(s, n, RATE, &r), 0);
    assert_int_equal(r.n_segments, 0);
    assert_true(r.voiced_s == 0 && isnan(r.snr_db));
    vad_free(&r);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_speech_and_pauses),
        cmocka_unit_test(ignores_blips_and_quiet_noise),
        cmocka_unit_test(empty_signal),
        cmocka_unit_test(finds_pauses_in_quiet_speech),
        cmocka_unit_test(finds_pauses_in_noisy_speech),
        cmocka_unit_test(noise_alone_is_no_speech),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
