/* Tests of the voice activity detector on synthetic signals with exact
 * boundaries: tones of speech-like level between stretches of silence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/vad.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_speech_and_pauses),
        cmocka_unit_test(ignores_blips_and_quiet_noise),
        cmocka_unit_test(empty_signal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
