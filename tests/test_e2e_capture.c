/* Tests of where a recording starts and ends, through the virtual
 * microphone of scripts/virtual-mic (a PulseAudio null sink whose monitor is
 * the default input), with the audio module's own capture and recorder:
 * clicks played into the sink at known stream times land at their frame
 * (within 10 ms) of the file, one played just after the end is not in it,
 * and a recording has exactly round(length x rate) frames, for lengths that
 * are not whole host buffers. The stream runs for WARM_S first, as it does
 * before the first question (a sound server's times settle in its first
 * seconds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"
#include "io/audio/recorder.h"
#include "io/audio/sound.h"
#include "scratch.h"

#include <fcntl.h>
#include <math.h>
#include <portaudio.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RATE      16000
#define WARM_S    3.0
#define CLICKS    5
#define CLICK_LEN 16    /* frames at full scale */
#define TOLERANCE 160   /* frames: 10 ms */
#define HEARD     15000 /* a sample this loud is a click */

/* The clicks to play, at stream times, set before `n_clicks` is stored. */
static double click_at[CLICKS];
static atomic_int n_clicks;
static atomic_int played; /* the clicks written out so far */

static struct sound_capture *cap;
static PaStream *out;
static char dir[SCRATCH_MAX];

/* The output callback: silence, and each click at the frame that the
 * stream's DAC time says plays at its time. */
static int play_clicks(const void *input, void *output, unsigned long frames,
                       const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags,
                       void *user)
{
    int16_t *samples = output;
    (void)input, (void)flags, (void)user;
    memset(samples, 0, frames * sizeof *samples);
    int n = atomic_load(&n_clicks);
    for (int c = atomic_load(&played); c < n; c = atomic_load(&played)) {
        double k = ceil((click_at[c] - time->outputBufferDacTime) * RATE);
        if (k >= (double)frames)
            break;
        for (unsigned long i = k < 0 ? 0 : (unsigned long)k; i < frames && i < k + CLICK_LEN; i++)
            samples[i] = 30000;
        atomic_store(&played, c + 1);
    }
    return paContinue;
}

static int setup(void **state)
{
    struct diag err;
    int device;
    if (e2e_mic_start(state) != 0 || scratch_make(dir, "capture") != 0)
        return -1;
    e2e_use_pulse();
    if (sound_open(&err) != REH_OK || sound_find_input(NULL, &device, &err) != REH_OK ||
        (cap = sound_capture_start(device, RATE, &err)) == NULL) {
        fprintf(stderr, "cannot record from the virtual microphone: %s\n", err.message);
        return -1;
    }
    PaStreamParameters p = {.device = Pa_GetDefaultOutputDevice(),
                            .channelCount = 1,
                            .sampleFormat = paInt16,
                            .suggestedLatency = 0.05};
    if (p.device == paNoDevice ||
        Pa_OpenStream(&out, NULL, &p, RATE, paFramesPerBufferUnspecified, paClipOff, play_clicks,
                      NULL) != paNoError ||
        Pa_StartStream(out) != paNoError) {
        fprintf(stderr, "cannot play into the virtual microphone\n");
        return -1;
    }
    nanosleep(&(struct timespec){(time_t)WARM_S, 0}, NULL);
    return 0;
}

static int teardown(void **state)
{
    struct diag err;
    if (out != NULL)
        Pa_CloseStream(out);
    if (cap != NULL)
        sound_capture_stop(cap, &err);
    sound_close();
    scratch_remove(dir);
    return e2e_mic_stop(state);
}

static void sleep_s(double s)
{
    nanosleep(&(struct timespec){(time_t)s, (long)((s - floor(s)) * 1e9)}, NULL);
}

/* Records `name` for `length_s` seconds with clicks at `offsets` seconds
 * from its start (n of them, scheduled before it, some maybe before it);
 * sets expected[i] to the frame of click i, returns the samples (the caller
 * frees them) and their number. */
static size_t record(const char *name, double length_s, const double *offsets, int n,
                     double *expected, int16_t **samples)
{
    struct diag err;
    struct recorder_stats st;
    char path[SCRATCH_MAX + 64];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct recorder *rec = recorder_open(dirfd, dir, name, RATE, NULL, &err);
    assert_non_null(rec);
    /* the clicks are given to the output well ahead of their time */
    double planned = Pa_GetStreamTime(out) + 0.3;
    atomic_store(&played, 0);
    for (int i = 0; i < n; i++)
        click_at[i] = planned + offsets[i];
    atomic_store(&n_clicks, n);
    sleep_s(planned - Pa_GetStreamTime(out));
    /* the start is the moment of attaching, between these two */
    double before = Pa_GetStreamTime(out);
    sound_capture_attach(cap, rec);
    double start = (before + Pa_GetStreamTime(out)) / 2;
    for (int i = 0; i < n; i++)
        expected[i] = (click_at[i] - start) * RATE;
    sleep_s(length_s);
    sound_capture_detach(cap, (uint64_t)llround(length_s * RATE));
    assert_int_equal(recorder_close(rec, &st, &err), REH_OK);
    close(dirfd);
    assert_int_equal(st.dropped_frames, 0);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t frames = e2e_read_samples(path, samples);
    assert_int_equal(frames, st.frames);
    return frames;
}

/* The frames at which a click starts, in order (at most max). */
static int clicks_in(const int16_t *samples, size_t n, long *at, int max)
{
    int found = 0;
    for (size_t i = 0; i < n && found < max; i++)
        if (abs(samples[i]) >= HEARD) {
            at[found++] = (long)i;
            i += CLICK_LEN * 4;
        }
    return found;
}

/* Clicks 30 ms before the start and after the end: not recorded; 20 ms
 * after the start, in the middle and 20 ms before the end: each at its
 * frame, within 10 ms. */
static void clicks_land_at_their_frames(void **state)
{
    (void)state;
    const double length = 1.5;
    const double offsets[] = {-0.030, 0.020, 0.75, length - 0.020, length + 0.030};
    double expected[5];
    int16_t *samples;
    long at[CLICKS];
    size_t frames = record("clicks.wav", length, offsets, 5, expected, &samples);
    int found = clicks_in(samples, frames, at, CLICKS);
    free(samples);
    assert_int_equal(frames, 24000);
    for (int i = 0; i < found; i++)
        printf("click at frame %ld; expected %.0f\n", at[i], expected[i + 1]);
    assert_int_equal(found, 3);
    for (int i = 0; i < 3; i++)
        if (fabs((double)at[i] - expected[i + 1]) > TOLERANCE)
            fail_msg("click %d at frame %ld, expected %.0f", i + 1, at[i], expected[i + 1]);
}

/* Lengths that are no multiple of a host buffer, nor of a block of the
 * writer: exactly round(length x rate) frames, each time. */
static void a_recording_is_as_long_as_its_answer(void **state)
{
    (void)state;
    const double lengths[] = {0.4371, 1.01234, 0.26303};
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        char name[32];
        int16_t *samples;
        snprintf(name, sizeof name, "length%zu.wav", i);
        size_t frames = record(name, lengths[i], NULL, 0, NULL, &samples);
        free(samples);
        assert_int_equal(frames, (size_t)llround(lengths[i] * RATE));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clicks_land_at_their_frames),
        cmocka_unit_test(a_recording_is_as_long_as_its_answer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
