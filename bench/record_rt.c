/* record_rt: half a minute recorded in real time by the path of a spoken
 * answer (the PortAudio callback, the ring, the writer thread, libsndfile)
 * from the virtual microphone's PulseAudio route, against arecord recording
 * the same route as long: CPU time per minute of audio (target <= 1.2x).
 * Unlike record45, which runs faster than real time, this is the cost of an
 * interview.
 *   record_rt DIR   (with XDG_RUNTIME_DIR naming the virtual microphone's) */
#include "cpu.h"
#include "report.h"
#include "io/audio/sound.h"
#include "io/audio/recorder.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define RATE    16000
#define SECONDS 30

/* CPU seconds of this process while SECONDS of audio are recorded. */
static double ours(const char *dir, unsigned long long *frames)
{
    struct diag err;
    struct rusage before, after;
    struct recorder_stats st;
    int device, dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct sound_capture *cap = NULL;
    struct recorder *rec = NULL;
    if (sound_open(&err) != REH_OK || sound_find_input(NULL, &device, &err) != REH_OK ||
        (cap = sound_capture_start(device, RATE, &err)) == NULL ||
        (rec = recorder_open(dirfd, dir, "rt.wav", RATE, NULL, &err)) == NULL) {
        fprintf(stderr, "record_rt: %s\n", err.message);
        exit(1);
    }
    getrusage(RUSAGE_SELF, &before);
    sound_capture_attach(cap, rec);
    nanosleep(&(struct timespec){SECONDS, 0}, NULL);
    sound_capture_detach(cap);
    if (recorder_close(rec, &st, &err) != REH_OK) {
        fprintf(stderr, "record_rt: %s\n", err.message);
        exit(1);
    }
    getrusage(RUSAGE_SELF, &after);
    sound_capture_stop(cap, &err);
    sound_close();
    close(dirfd);
    *frames = st.frames;
    return bench_cpu_s(&after) - bench_cpu_s(&before);
}

int main(int argc, char **argv)
{
    unsigned long long frames;
    if (argc != 2) {
        fprintf(stderr, "usage: record_rt DIR\n");
        return 2;
    }
    char out[512];
    snprintf(out, sizeof out, "%s/arecord-rt.wav", argv[1]);
    double us = ours(argv[1], &frames), them = bench_arecord_cpu(out, 0, SECONDS);
    char baseline[64];
    snprintf(baseline, sizeof baseline, "arecord %.1f ms: %.2fx", them * 60 / SECONDS * 1000,
             us / them);
    bench_row("CPU per minute of audio recorded in real time", "<= 1.2x", baseline,
              "%.1f ms (%llu frames in %d s)", us * 60 / SECONDS * 1000, frames, SECONDS);
    return 0;
}
