/* record_rt: recording in real time by the path of a spoken answer (the
 * PortAudio callback, the ring, the writer thread, libsndfile) from the
 * virtual microphone's PulseAudio route, against arecord recording the same
 * route as long, with the same buffer and period and with its defaults:
 * ROUNDS rounds of SECONDS each, the three interleaved, so that all see the
 * same load. Prints the CPU time per minute of audio of each (median and
 * range) and the ratio of the medians (target <= 1.5x); and the start
 * latency: from attaching the recorder (the moment "Recording" is shown) to
 * the first frame in the file (target < 50 ms). Unlike record45, which runs
 * faster than real time, this is the cost of an interview.
 *   record_rt DIR   (with XDG_RUNTIME_DIR naming the virtual microphone's) */
#include "cpu.h"
#include "report.h"
#include "io/audio/sound.h"
#include "io/audio/recorder.h"
#include "io/clock.h"

#include <fcntl.h>
#include <portaudio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define RATE    16000
#define SECONDS 10
#define ROUNDS  5

/* CPU seconds of this process while SECONDS of audio are recorded into
 * DIR/name from the running capture; *latency_s gets the time from
 * attaching to the first frame written, *frames the frames written. */
static double ours(struct sound_capture *cap, int dirfd, const char *dir, const char *name,
                   double *latency_s, unsigned long long *frames)
{
    struct diag err;
    struct rusage before, after;
    struct recorder_stats st;
    struct recorder *rec = recorder_open(dirfd, dir, name, RATE, NULL, &err);
    if (rec == NULL) {
        fprintf(stderr, "record_rt: %s\n", err.message);
        exit(1);
    }
    getrusage(RUSAGE_SELF, &before);
    double start = clock_monotonic();
    sound_capture_attach(cap, rec);
    /* polls for the first frame (1 ms steps, under a millisecond of CPU) */
    for (st.frames = 0; st.frames == 0 && clock_monotonic() - start < 1; recorder_stats(rec, &st))
        nanosleep(&(struct timespec){0, 1000000L}, NULL);
    *latency_s = clock_monotonic() - start;
    double left = SECONDS - *latency_s;
    nanosleep(&(struct timespec){(time_t)left, (long)((left - (time_t)left) * 1e9)}, NULL);
    sound_capture_detach(cap, (uint64_t)SECONDS * RATE); /* exactly SECONDS from attaching */
    if (recorder_close(rec, &st, &err) != REH_OK) {
        fprintf(stderr, "record_rt: %s\n", err.message);
        exit(1);
    }
    getrusage(RUSAGE_SELF, &after);
    *frames = st.frames;
    return bench_cpu_s(&after) - bench_cpu_s(&before);
}

int main(int argc, char **argv)
{
    struct diag err;
    int device;
    struct sound_capture *cap = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: record_rt DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dirfd < 0 || sound_open(&err) != REH_OK ||
        sound_find_input(NULL, &device, &err) != REH_OK ||
        (cap = sound_capture_start(device, RATE, &err)) == NULL) {
        fprintf(stderr, "record_rt: %s\n", dirfd < 0 ? dir : err.message);
        return 1;
    }
    /* the stream runs before the first question: a sound server's times
     * settle in its first seconds */
    nanosleep(&(struct timespec){3, 0}, NULL);
    double us[ROUNDS], same[ROUNDS], defaults[ROUNDS], latency[ROUNDS];
    unsigned long long frames[ROUNDS];
    /* what sound_capture_start asks PortAudio for */
    unsigned buffer_us = (unsigned)(Pa_GetDeviceInfo(device)->defaultHighInputLatency * 1e6);
    for (int r = 0; r < ROUNDS; r++) {
        char name[32], out[512];
        snprintf(name, sizeof name, "rt%d.wav", r);
        us[r] = ours(cap, dirfd, dir, name, &latency[r], &frames[r]);
        snprintf(out, sizeof out, "%s/arecord-rt%d.wav", dir, r);
        same[r] = bench_arecord_cpu(out, 0, SECONDS, buffer_us, buffer_us / 4);
        defaults[r] = bench_arecord_cpu(out, 0, SECONDS, 0, 0);
        fprintf(stderr,
                "record_rt round %d: rehearse %.1f ms, arecord %.1f ms, defaults %.1f ms, "
                "latency %.1f ms, %llu frames\n",
                r + 1, us[r] * 1000, same[r] * 1000, defaults[r] * 1000, latency[r] * 1000,
                frames[r]);
    }
    sound_capture_stop(cap, &err);
    sound_close();
    close(dirfd);
    char value[64], baseline[192], theirs[64], defaults_text[64];
    double m_us, m_same, m_defaults;
    unsigned long long fewest = frames[0], most = frames[0];
    for (int r = 1; r < ROUNDS; r++) {
        fewest = frames[r] < fewest ? frames[r] : fewest;
        most = frames[r] > most ? frames[r] : most;
    }
    m_us = bench_per_minute(value, sizeof value, us, ROUNDS, SECONDS / 60.0);
    m_same = bench_per_minute(theirs, sizeof theirs, same, ROUNDS, SECONDS / 60.0);
    m_defaults =
        bench_per_minute(defaults_text, sizeof defaults_text, defaults, ROUNDS, SECONDS / 60.0);
    snprintf(baseline, sizeof baseline, "arecord same buffer %s: %.2fx; defaults %s: %.2fx", theirs,
             m_us / m_same, defaults_text, m_us / m_defaults);
    char figure[128];
    snprintf(figure, sizeof figure,
             "CPU per minute recorded in real time (median, range of %d x %d s)", ROUNDS, SECONDS);
    bench_row(figure, "<= 1.5x", baseline, "%s, %llu-%llu frames of %d", value, fewest, most,
              SECONDS * RATE);
    double m_latency = bench_median(latency, ROUNDS);
    bench_row("start latency: Recording to the first frame in the file", "< 50 ms", "-",
              "%.1f ms (%.1f-%.1f)", m_latency * 1000, latency[0] * 1000,
              latency[ROUNDS - 1] * 1000);
    return 0;
}
