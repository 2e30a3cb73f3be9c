/* Tests of the recording path without a sound card: the lock-free ring
 * (wrap-around, full, empty, a two-thread stress with a checksum), the level
 * meter and the microphone check's verdicts, and the recorder fed by a fake capture source
 * producing a known ramp: exact frames and content in the WAV, a valid header while recording,
 * every dropped sample counted, and a writer woken for each write, not by a timer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/level.h"
#include "core/ring.h"
#include "io/audio/recorder.h"
#include "scratch.h"

#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RATE 16000

static int16_t ramp(uint64_t i)
{
    return (int16_t)(i * 7 % 65536 - 32768);
}

static void ring_wraps_fills_and_empties(void **state)
{
    (void)state;
    struct ring r;
    int16_t in[10], out[10];
    assert_int_equal(ring_init(&r, 5), 0);
    assert_int_equal(ring_capacity(&r), 8);
    assert_int_equal(ring_read(&r, out, 10), 0); /* empty */
    for (int i = 0; i < 10; i++)
        in[i] = (int16_t)(i + 1);
    assert_int_equal(ring_write(&r, in, 6), 6);
    assert_int_equal(ring_read(&r, out, 4), 4);
    assert_memory_equal(out, in, 4 * sizeof *in);
    assert_int_equal(ring_write(&r, in, 10), 6); /* 2 left + 6 = full, across the wrap */
    assert_int_equal(ring_used(&r), 8);
    assert_int_equal(ring_write(&r, in, 1), 0); /* full */
    assert_int_equal(ring_read(&r, out, 10), 8);
    static const int16_t expected[] = {5, 6, 1, 2, 3, 4, 5, 6};
    assert_memory_equal(out, expected, sizeof expected);
    assert_int_equal(ring_used(&r), 0);
    ring_free(&r);
}

struct stress {
    struct ring ring;
    uint64_t total;
    uint64_t sum_in, sum_out;
};

static void *stress_producer(void *arg)
{
    struct stress *s = arg;
    int16_t chunk[257];
    uint64_t i = 0;
    while (i < s->total) {
        size_t n = 0;
        while (n < sizeof chunk / sizeof chunk[0] && i + n < s->total) {
            chunk[n] = ramp(i + n);
            n++;
        }
        size_t done = 0;
        while (done < n) {
            size_t w = ring_write(&s->ring, chunk + done, n - done);
            if (w == 0)
                sched_yield(); /* full: let the consumer run (a must under valgrind) */
            done += w;
        }
        for (size_t k = 0; k < n; k++)
            s->sum_in = s->sum_in * 31 + (uint16_t)chunk[k];
        i += n;
    }
    return NULL;
}

static void ring_survives_two_threads(void **state)
{
    (void)state;
    struct stress s = {.total = 10000000};
    pthread_t producer;
    int16_t buf[1000];
    uint64_t got = 0;
    assert_int_equal(ring_init(&s.ring, 4096), 0);
    assert_int_equal(pthread_create(&producer, NULL, stress_producer, &s), 0);
    while (got < s.total) {
        size_t n = ring_read(&s.ring, buf, sizeof buf / sizeof buf[0]);
        if (n == 0)
            sched_yield(); /* empty: let the producer run */
        for (size_t k = 0; k < n; k++) {
            if (buf[k] != ramp(got + k))
                fail_msg("sample %llu is %d, expected %d", (unsigned long long)(got + k), buf[k],
                         ramp(got + k));
            s.sum_out = s.sum_out * 31 + (uint16_t)buf[k];
        }
        got += n;
    }
    pthread_join(producer, NULL);
    assert_true(s.sum_in == s.sum_out);
    assert_int_equal(ring_used(&s.ring), 0);
    ring_free(&s.ring);
}

static void level_of_known_signals(void **state)
{
    (void)state;
    int16_t block[1000];
    for (int i = 0; i < 1000; i++)
        block[i] = (int16_t)(i % 2 ? 16384 : -16384); /* a square wave at half scale */
    struct level l = level_measure(block, 1000);
    assert_true(l.peak_db > -6.03 && l.peak_db < -6.01);
    assert_true(l.rms_db > -6.03 && l.rms_db < -6.01);
    memset(block, 0, sizeof block);
    l = level_measure(block, 1000);
    assert_true(l.peak_db == LEVEL_FLOOR_DB && l.rms_db == LEVEL_FLOOR_DB);

    size_t run = 0;
    level_track_silence(block, 1000, &run);
    level_track_silence(block, 500, &run);
    assert_int_equal(run, 1500);
    block[10] = 3;
    level_track_silence(block, 1000, &run);
    assert_int_equal(run, 989);

    char bar[11];
    level_bar(-30, bar, 10);
    assert_string_equal(bar, "#####-----");
    level_bar(-90, bar, 10);
    assert_string_equal(bar, "----------");
    level_bar(3, bar, 10);
    assert_string_equal(bar, "##########");
}

struct fake_source {
    struct recorder *rec;
    uint64_t frames;
    unsigned chunk; /* samples per callback, as a sound card delivers them */
    int paced;      /* sleep between chunks like a real device */
};

/* The microphone check's verdicts, block by block as the meter reads them:
 * a voice (a 1 kHz tone at -20 dB), a room's faint noise, exact zeros, and
 * a signal that clips. */
static void level_check_verdicts(void **state)
{
    (void)state;
    int16_t voice[1600], faint[1600], zero[1600] = {0}, clip[1600];
    for (size_t i = 0; i < 1600; i++) {
        voice[i] = (int16_t)(3277 * sin(2 * 3.14159265358979 * 1000 * (double)i / 16000));
        faint[i] = (int16_t)(i % 2 ? 20 : -20); /* -64 dB */
        clip[i] = (int16_t)(i % 16 < 8 ? 32767 : -32768);
    }
    struct level_check c = {0};
    assert_int_equal(level_check_verdict(&c), LEVEL_SILENT);
    for (int i = 0; i < 30; i++)
        level_check_feed(&c, zero, 1600, 16000);
    assert_int_equal(level_check_verdict(&c), LEVEL_SILENT);
    level_check_feed(&c, faint, 1600, 16000);
    assert_int_equal(level_check_verdict(&c), LEVEL_SILENT);
    faint[0] = 200; /* a click at -44 dB: something comes in, but no voice */
    level_check_feed(&c, faint, 1600, 16000);
    assert_int_equal(level_check_verdict(&c), LEVEL_FAINT);
    level_check_feed(&c, voice, 1600, 16000);
    level_check_feed(&c, voice, 1600, 16000);
    assert_int_equal(level_check_verdict(&c), LEVEL_FAINT); /* 0.2 s of voice */
    level_check_feed(&c, voice, 1600, 16000);
    assert_int_equal(level_check_verdict(&c), LEVEL_HEARD);
    assert_true(fabs(c.voiced_s - 0.3) < 1e-9);
    assert_true(fabs(c.peak_db + 20) < 0.1);
    /* 16 clipped samples of 56016 are a click, not clipping; 1 in 1000 is */
    level_check_feed(&c, clip, 16, 16000);
    assert_int_equal(level_check_verdict(&c), LEVEL_HEARD);
    level_check_feed(&c, clip, 80, 16000);
    assert_int_equal(c.clipped, 96);
    assert_int_equal(level_check_verdict(&c), LEVEL_CLIPPING);
}

static void *fake_capture(void *arg)
{
    struct fake_source *src = arg;
    int16_t chunk[512];
    for (uint64_t i = 0; i < src->frames; i += src->chunk) {
        unsigned n = src->chunk;
        if (i + n > src->frames)
            n = (unsigned)(src->frames - i);
        for (unsigned k = 0; k < n; k++)
            chunk[k] = ramp(i + k);
        recorder_push(src->rec, chunk, n);
        if (src->paced) {
            struct timespec t = {0, 1000000}; /* 1 ms */
            nanosleep(&t, NULL);
        }
    }
    return NULL;
}

static char dir[SCRATCH_MAX];

static int make_dir(void **state)
{
    (void)state;
    return scratch_make(dir, "audio");
}

static int remove_dir(void **state)
{
    (void)state;
    return scratch_remove(dir);
}

/* Reads the whole WAV back with libsndfile and checks it is the ramp. */
static void assert_wav_is_ramp(const char *path, uint64_t frames)
{
    SF_INFO info = {0};
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    if (f == NULL)
        fail_msg("%s: %s", path, sf_strerror(NULL));
    assert_int_equal(info.samplerate, RATE);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    assert_int_equal(info.frames, frames);
    int16_t buf[4096];
    uint64_t at = 0;
    sf_count_t n;
    while ((n = sf_read_short(f, buf, 4096)) > 0) {
        for (sf_count_t k = 0; k < n; k++)
            if (buf[k] != ramp(at + (uint64_t)k))
                fail_msg("frame %llu is %d, expected %d", (unsigned long long)(at + k), buf[k],
                         ramp(at + (uint64_t)k));
        at += (uint64_t)n;
    }
    assert_int_equal(at, frames);
    sf_close(f);
}

static void records_every_frame_of_a_ramp(void **state)
{
    (void)state;
    struct diag err;
    struct recorder_stats st;
    char path[128];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct recorder *rec = recorder_open(dirfd, dir, "01-ramp.wav", RATE, NULL, &err);
    if (rec == NULL)
        fail_msg("%s", err.message);
    struct fake_source src = {.rec = rec, .frames = 3 * RATE + 123, .chunk = 160, .paced = 1};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, fake_capture, &src), 0);
    pthread_join(t, NULL);
    assert_int_equal(recorder_close(rec, &st, &err), REH_OK);
    assert_int_equal(st.frames, 3 * RATE + 123);
    assert_int_equal(st.dropped_frames, 0);
    assert_int_equal(st.input_overflows, 0);
    snprintf(path, sizeof path, "%s/01-ramp.wav", dir);
    assert_wav_is_ramp(path, 3 * RATE + 123);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);

    /* The file exists now: a second recording never overwrites it. */
    assert_null(recorder_open(dirfd, dir, "01-ramp.wav", RATE, NULL, &err));
    char expected[256];
    snprintf(expected, sizeof expected, "cannot create %s: File exists", path);
    assert_string_equal(err.message, expected);
    close(dirfd);
}

static void header_is_valid_while_recording(void **state)
{
    (void)state;
    struct diag err;
    struct recorder_stats st;
    char path[128];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct recorder *rec = recorder_open(dirfd, dir, "02-crash.wav", RATE, NULL, &err);
    assert_non_null(rec);
    struct fake_source src = {.rec = rec, .frames = 2 * RATE + 500, .chunk = 500};
    fake_capture(&src);
    /* wait until the writer sleeps, less than a write of 0.4 s (6400
     * frames) left in the ring; its first write may have taken more than
     * the first push, so the rest need not be whole writes */
    for (int i = 0;; i++) {
        recorder_stats(rec, &st);
        if (src.frames - st.frames < 6400)
            break;
        if (i == 500)
            fail_msg("%llu of %llu frames written after 5 s", (unsigned long long)st.frames,
                     (unsigned long long)src.frames);
        usleep(10000);
    }
    /* As after kill -9 now: the header on disk counts all but less than half
     * a second of what was written. */
    snprintf(path, sizeof path, "%s/02-crash.wav", dir);
    SF_INFO info = {0};
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    assert_non_null(f);
    assert_true(info.frames <= (sf_count_t)st.frames);
    assert_true((sf_count_t)st.frames - info.frames < RATE / 2);
    sf_close(f);
    assert_int_equal(recorder_close(rec, &st, &err), REH_OK);
    assert_wav_is_ramp(path, 2 * RATE + 500);
    close(dirfd);
}

/* Waits (at most 5 s) until the recorder has written `frames` frames. */
static void wait_written(struct recorder *rec, uint64_t frames)
{
    struct recorder_stats st;
    for (int i = 0; i < 500; i++) {
        recorder_stats(rec, &st);
        if (st.frames == frames)
            return;
        usleep(10000);
    }
    fail_msg("%llu frames written, expected %llu", (unsigned long long)st.frames,
             (unsigned long long)frames);
}

/* The writer writes the first frames at once, then sleeps until 0.4 s (6400
 * frames) is there to write, woken by the producer: no timer. The meter
 * shows what was pushed, written or not. */
static void writer_wakes_when_a_write_is_due(void **state)
{
    (void)state;
    struct diag err;
    struct recorder_stats st;
    char path[128];
    int16_t chunk[6400];
    uint64_t pushed = 0;
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct recorder *rec = recorder_open(dirfd, dir, "04-wake.wav", RATE, NULL, &err);
    assert_non_null(rec);
    for (size_t i = 0; i < 6400; i++)
        chunk[i] = ramp(i);
    recorder_push(rec, chunk, 100);
    wait_written(rec, 100);
    for (size_t i = 0; i < 6399; i++)
        chunk[i] = ramp(100 + i);
    recorder_push(rec, chunk, 6399);
    usleep(100000);
    recorder_stats(rec, &st);
    assert_int_equal(st.frames, 100); /* asleep: 6399 is not a write's worth */
    /* the meter: the last 50 ms pushed, not yet written */
    assert_true(fabs(st.level.peak_db - level_measure(chunk + 6399 - 800, 800).peak_db) < 0.01);
    chunk[0] = ramp(6499);
    recorder_push(rec, chunk, 1);
    wait_written(rec, 6500);
    /* The producer's pushes race the writer going to sleep: each write's
     * worth must wake it. */
    pushed = 6500;
    for (int round = 0; round < 200; round++) {
        for (size_t done = 0; done < 6400; done += 160) {
            for (size_t k = 0; k < 160; k++)
                chunk[k] = ramp(pushed + k);
            recorder_push(rec, chunk, 160);
            pushed += 160;
        }
        wait_written(rec, pushed);
    }
    assert_int_equal(recorder_close(rec, &st, &err), REH_OK);
    assert_int_equal(st.dropped_frames, 0);
    snprintf(path, sizeof path, "%s/04-wake.wav", dir);
    assert_wav_is_ramp(path, pushed);
    close(dirfd);
}

static void counts_dropped_frames_and_pauses(void **state)
{
    (void)state;
    struct diag err;
    struct recorder_stats st;
    char path[128];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct recorder *rec = recorder_open(dirfd, dir, "03-drop.wav", RATE, NULL, &err);
    assert_non_null(rec);
    size_t burst = 10 * RATE;
    int16_t *big = malloc(burst * sizeof *big);
    for (size_t i = 0; i < burst; i++)
        big[i] = ramp(i);
    recorder_push(rec, big, burst); /* 10 s at once into a 2 s ring */
    recorder_count_overflow(rec);
    recorder_set_paused(rec, 1);
    recorder_push(rec, big, 1000); /* not recorded, not lost */
    recorder_set_paused(rec, 0);
    assert_int_equal(recorder_close(rec, &st, &err), REH_OK);
    assert_int_equal(st.frames, 32768);
    assert_int_equal(st.dropped_frames, burst - 32768);
    assert_int_equal(st.input_overflows, 1);
    snprintf(path, sizeof path, "%s/03-drop.wav", dir);
    assert_wav_is_ramp(path, 32768);
    free(big);
    close(dirfd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ring_wraps_fills_and_empties),
        cmocka_unit_test(ring_survives_two_threads),
        cmocka_unit_test(level_of_known_signals),
        cmocka_unit_test(level_check_verdicts),
        cmocka_unit_test_setup_teardown(records_every_frame_of_a_ramp, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(header_is_valid_while_recording, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(counts_dropped_frames_and_pauses, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(writer_wakes_when_a_write_is_due, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
