/* record_rt: half a minute recorded in real time by the path of a spoken
 * answer (the PortAudio callback, the ring, the writer thread, libsndfile)
 * from the virtual microphone's PulseAudio route, against arecord recording
 * the same route as long: CPU time per minute of audio (target <= 1.2x).
 * Unlike record45, which runs faster than real time, this is the cost of an
 * interview.
 *   record_rt DIR   (with XDG_RUNTIME_DIR naming the virtual microphone's) */
#include "report.h"
#include "io/audio.h"
#include "io/recorder.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RATE    16000
#define SECONDS 30

static double cpu_s(const struct rusage *ru)
{
    return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 + (double)ru->ru_stime.tv_sec +
           ru->ru_stime.tv_usec / 1e6;
}

/* CPU seconds of this process while SECONDS of audio are recorded. */
static double ours(const char *dir, unsigned long long *frames)
{
    struct diag err;
    struct rusage before, after;
    struct recorder_stats st;
    int device, dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct audio_capture *cap = NULL;
    struct recorder *rec = NULL;
    if (audio_open(&err) != REH_OK || audio_find_input(NULL, &device, &err) != REH_OK ||
        (cap = audio_capture_start(device, RATE, &err)) == NULL ||
        (rec = recorder_open(dirfd, dir, "rt.wav", RATE, &err)) == NULL) {
        fprintf(stderr, "record_rt: %s\n", err.message);
        exit(1);
    }
    getrusage(RUSAGE_SELF, &before);
    audio_capture_attach(cap, rec);
    nanosleep(&(struct timespec){SECONDS, 0}, NULL);
    audio_capture_detach(cap);
    if (recorder_close(rec, &st, &err) != REH_OK) {
        fprintf(stderr, "record_rt: %s\n", err.message);
        exit(1);
    }
    getrusage(RUSAGE_SELF, &after);
    audio_capture_stop(cap, &err);
    audio_close();
    close(dirfd);
    *frames = st.frames;
    return cpu_s(&after) - cpu_s(&before);
}

/* CPU seconds arecord takes for as long a recording. */
static double theirs(const char *dir)
{
    char out[512], seconds[16];
    snprintf(out, sizeof out, "%s/arecord-rt.wav", dir);
    snprintf(seconds, sizeof seconds, "%d", SECONDS);
    pid_t pid = fork();
    if (pid == 0) {
        execlp("arecord", "arecord", "-q", "-D", "default", "-f", "S16_LE", "-r", "16000", "-c",
               "1", "-t", "wav", "-d", seconds, out, (char *)NULL);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        fprintf(stderr, "record_rt: arecord failed (apt-get install alsa-utils)\n");
        exit(1);
    }
    return cpu_s(&ru);
}

int main(int argc, char **argv)
{
    unsigned long long frames;
    if (argc != 2) {
        fprintf(stderr, "usage: record_rt DIR\n");
        return 2;
    }
    double us = ours(argv[1], &frames), them = theirs(argv[1]);
    char baseline[64];
    snprintf(baseline, sizeof baseline, "arecord %.1f ms: %.2fx", them * 60 / SECONDS * 1000,
             us / them);
    bench_row("CPU per minute of audio recorded in real time", "<= 1.2x", baseline,
              "%.1f ms (%llu frames in %d s)", us * 60 / SECONDS * 1000, frames, SECONDS);
    return 0;
}
