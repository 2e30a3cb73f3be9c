/* record45: 45 minutes of audio through the recording path, faster than real
 * time. The source is the ALSA file plugin reading a raw file (the virtual
 * microphone's file route), read with PortAudio and pushed into the recorder
 * (ring, writer thread, libsndfile), exactly as spoken answers are written.
 * Prints frames expected and written (must be equal) and peak RSS (target
 * <= 16 MiB); then, over ROUNDS rounds of ROUND_MINUTES, the three
 * interleaved so that all see the same load, the CPU time per minute of
 * audio (median and range) as a ratio of medians to `arecord` writing the
 * same source to a WAV with its defaults, which the reader here matches
 * (target <= 1.5x); and, to tell the costs apart, the CPU time of the
 * recorder alone fed from the raw file.
 *   record45 DIR RAW   (with ALSA_CONFIG_PATH naming the file route over RAW)
 * With --live, the cost of the live transcription instead: MINUTES of
 * speech (SPEECH looped) fed to the recorder with it off, then on, waiting
 * for the pipeline as the raw file's feed does; prints the CPU time per
 * minute of each, and the frames expected and written with it on (must be
 * equal, and every one transcribed).
 *   record45 --live DIR SPEECH.wav MINUTES */
#include "cpu.h"
#include "report.h"
#include "io/audio/sound.h"
#include "io/clock.h"
#include "io/audio/recognizer.h"
#include "io/audio/recorder.h"
#include "io/audio/transcription.h"

#include <fcntl.h>
#include <portaudio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define RATE          16000
#define MINUTES       45
#define FRAMES        ((unsigned long long)MINUTES * 60 * RATE)
#define ROUNDS        5
#define ROUND_MINUTES 9
#define ROUND_FRAMES  ((unsigned long long)ROUND_MINUTES * 60 * RATE)
/* The reader reads as arecord does with its defaults: 125 ms periods in a
 * 500 ms buffer. */
#define CHUNK  2000
#define BUFFER 0.5
/* How long the reader sleeps while the writer drains a backlog: long enough
 * for it to drain the whole ring, so that the waiting, which real capture
 * never does, costs one wake-up per drain. */
#define WAIT_NS 10000000L

/* Waits, when more than 1.5 s of the `pushed` frames (of the ring's 2 s) is
 * not written yet, until half a second is left: the writer sleeps with up
 * to 0.4 s, less than a write, in the ring. */
static void wait_for_writer(struct recorder *rec, unsigned long long pushed)
{
    struct recorder_stats st;
    recorder_stats(rec, &st);
    if (pushed - st.frames > RATE * 3 / 2)
        for (; pushed - st.frames > RATE / 2; recorder_stats(rec, &st))
            nanosleep(&(struct timespec){0, WAIT_NS}, NULL);
}

/* Waits, when more than a second of audio is queued for the live
 * transcription, until half a second is left; before the `last` block,
 * until none is, as a microphone leaves it when an answer ends (in real
 * time the recogniser keeps up: it decodes at about a fifth of real time). */
static void wait_for_transcription(struct transcription *tr, int last)
{
    if (tr != NULL && (last || transcription_queued(tr) > RATE))
        while (transcription_queued(tr) > (last ? 0 : RATE / 2))
            nanosleep(&(struct timespec){0, WAIT_NS}, NULL);
}

/* Records `frames` frames into DIR/name; returns the frames written. */
static unsigned long long record(const char *dir, const char *name, unsigned long long frames)
{
    struct diag err;
    PaStream *stream;
    int16_t buf[CHUNK];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct recorder *rec = recorder_open(dirfd, dir, name, RATE, NULL, &err);
    PaStreamParameters in = {.device = Pa_GetDefaultInputDevice(),
                             .channelCount = 1,
                             .sampleFormat = paInt16,
                             .suggestedLatency = BUFFER};
    if (rec == NULL || in.device == paNoDevice ||
        Pa_OpenStream(&stream, &in, NULL, RATE, CHUNK, paClipOff, NULL, NULL) != paNoError ||
        Pa_StartStream(stream) != paNoError) {
        fprintf(stderr, "record45: cannot record: %s\n", rec ? "no input device" : err.message);
        exit(1);
    }
    unsigned long long pushed = 0;
    while (pushed < frames) {
        unsigned long n = frames - pushed < CHUNK ? (unsigned long)(frames - pushed) : CHUNK;
        PaError pe = Pa_ReadStream(stream, buf, n);
        if (pe != paNoError && pe != paInputOverflowed) {
            fprintf(stderr, "record45: %s\n", Pa_GetErrorText(pe));
            exit(1);
        }
        /* This reader is not a real-time callback: it may wait for the writer,
         * so that the figure is the pipeline's cost, not a count of drops. */
        wait_for_writer(rec, pushed);
        recorder_push(rec, buf, n);
        pushed += n;
    }
    Pa_StopStream(stream);
    Pa_CloseStream(stream);
    struct recorder_stats st;
    if (recorder_close(rec, &st, &err) != REH_OK) {
        fprintf(stderr, "record45: %s\n", err.message);
        exit(1);
    }
    close(dirfd);
    if (st.dropped_frames != 0)
        fprintf(stderr, "record45: %llu frames dropped\n", (unsigned long long)st.dropped_frames);
    return st.frames;
}

/* CPU seconds of the recorder alone (ring, writer thread, libsndfile) fed
 * `frames` frames read from the raw source file into DIR/name. */
static double recorder_only_cpu(const char *dir, const char *name, const char *raw,
                                unsigned long long frames)
{
    struct diag err;
    struct rusage before, after;
    int16_t buf[CHUNK];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY), fd = open(raw, O_RDONLY);
    getrusage(RUSAGE_SELF, &before);
    struct recorder *rec = recorder_open(dirfd, dir, name, RATE, NULL, &err);
    if (rec == NULL || fd < 0) {
        fprintf(stderr, "record45: cannot read %s or write in %s\n", raw, dir);
        exit(1);
    }
    unsigned long long pushed = 0;
    while (pushed < frames) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        wait_for_writer(rec, pushed);
        recorder_push(rec, buf, (size_t)n / sizeof buf[0]);
        pushed += (size_t)n / sizeof buf[0];
    }
    struct recorder_stats st;
    recorder_close(rec, &st, &err);
    getrusage(RUSAGE_SELF, &after);
    close(fd);
    close(dirfd);
    return bench_cpu_s(&after) - bench_cpu_s(&before);
}

/* CPU seconds of the recorder fed `frames` frames of the n samples of
 * `speech` (looped) into DIR/name, with the live transcription `tr` (NULL:
 * off; its model loaded, as it is once a session); *written gets the frames
 * written, *words the words recognised, *ready_s the seconds from the end of
 * the recording to its words. Exits when a write or the transcription
 * fails. */
static double speech_cpu(const char *dir, const char *name, const int16_t *speech, size_t n,
                         unsigned long long frames, struct transcription *tr,
                         unsigned long long *written, size_t *words, double *ready_s)
{
    struct diag err;
    struct rusage before, after;
    struct recorder_stats st;
    struct analysis_word *recognised = NULL;
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    getrusage(RUSAGE_SELF, &before);
    struct recorder *rec = NULL;
    if ((tr != NULL && transcription_start(tr, &err) != REH_OK) ||
        (rec = recorder_open(dirfd, dir, name, RATE, tr, &err)) == NULL) {
        fprintf(stderr, "record45: %s\n", err.message);
        exit(1);
    }
    for (unsigned long long pushed = 0; pushed < frames;) {
        size_t at = pushed % n, k = n - at < CHUNK ? n - at : CHUNK;
        if (k > frames - pushed)
            k = (size_t)(frames - pushed);
        wait_for_writer(rec, pushed);
        wait_for_transcription(tr, pushed + k == frames);
        recorder_push(rec, speech + at, k);
        pushed += k;
    }
    *words = 0;
    double end = clock_monotonic();
    if (recorder_close(rec, &st, &err) != REH_OK ||
        (tr != NULL && transcription_finish(tr, &recognised, words, &err) != REH_OK)) {
        fprintf(stderr, "record45: %s\n", err.message);
        exit(1);
    }
    *ready_s = clock_monotonic() - end;
    getrusage(RUSAGE_SELF, &after);
    analysis_words_free(recognised, *words);
    close(dirfd);
    *written = st.frames;
    return bench_cpu_s(&after) - bench_cpu_s(&before);
}

/* record45 --live DIR SPEECH.wav MINUTES */
static int live(const char *dir, const char *path, unsigned minutes)
{
    struct diag err;
    int16_t *speech;
    size_t n, words_off, words_on;
    unsigned rate;
    unsigned long long frames = (unsigned long long)minutes * 60 * RATE, off_written, on_written;
    struct transcription *tr = NULL;
    if (minutes == 0 || recognizer_read_wav(path, &speech, &n, &rate, &err) != REH_OK ||
        rate != RATE || n == 0 || (tr = transcription_open(NULL, &err)) == NULL) {
        fprintf(stderr, "record45: %s\n",
                minutes && rate == RATE ? err.message : "needs MINUTES > 0 and 16 kHz speech");
        return 2;
    }
    /* The recogniser loads on a thread of its own: an empty take waits for
     * it, so that neither figure counts the loading. */
    struct analysis_word *none = NULL;
    size_t n_none = 0;
    if (transcription_start(tr, &err) != REH_OK ||
        transcription_finish(tr, &none, &n_none, &err) != REH_OK) {
        fprintf(stderr, "record45: %s\n", err.message);
        return 1;
    }
    analysis_words_free(none, n_none);
    double ready_off, ready_on;
    double off =
        speech_cpu(dir, "off.wav", speech, n, frames, NULL, &off_written, &words_off, &ready_off);
    double on = speech_cpu(dir, "on.wav", speech, n, frames, tr, &on_written, &words_on, &ready_on);
    transcription_close(tr);
    free(speech);
    char figure[128], baseline[64];
    snprintf(figure, sizeof figure, "%u minutes of speech recorded, live transcription on",
             minutes);
    bench_row(figure, "all frames", "-", "%llu of %llu frames, %zu words", on_written, frames,
              words_on);
    snprintf(baseline, sizeof baseline, "off %.1f ms: %.2fx", off / minutes * 1000, on / off);
    bench_row("CPU per minute recorded, live transcription on", "-", baseline, "%.1f ms",
              on / minutes * 1000);
    snprintf(baseline, sizeof baseline, "file closed %.2f s", ready_off);
    bench_row("words ready after the recording ends", "<= 1 s", baseline, "%.2f s", ready_on);
    return on_written == frames && off_written == frames ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct diag err;
    struct rusage after;
    if (argc == 5 && strcmp(argv[1], "--live") == 0)
        return live(argv[2], argv[3], (unsigned)atoi(argv[4]));
    if (argc != 3) {
        fprintf(stderr, "usage: record45 DIR RAW | record45 --live DIR SPEECH.wav MINUTES\n");
        return 2;
    }
    if (sound_open(&err) != REH_OK) {
        fprintf(stderr, "record45: %s\n", err.message);
        return 1;
    }
    double wall = clock_monotonic();
    unsigned long long written = record(argv[1], "rehearse.wav", FRAMES);
    wall = clock_monotonic() - wall;
    getrusage(RUSAGE_SELF, &after);
    double ours[ROUNDS], theirs[ROUNDS], alone[ROUNDS];
    int short_rounds = 0;
    for (int r = 0; r < ROUNDS; r++) {
        char name[32], out[512];
        struct rusage round_start, round_end;
        snprintf(name, sizeof name, "round%d.wav", r);
        getrusage(RUSAGE_SELF, &round_start);
        unsigned long long round_written = record(argv[1], name, ROUND_FRAMES);
        getrusage(RUSAGE_SELF, &round_end);
        ours[r] = bench_cpu_s(&round_end) - bench_cpu_s(&round_start);
        snprintf(out, sizeof out, "%s/arecord%d.wav", argv[1], r);
        theirs[r] = bench_arecord_cpu(out, ROUND_FRAMES, 0, 0, 0);
        snprintf(name, sizeof name, "alone%d.wav", r);
        alone[r] = recorder_only_cpu(argv[1], name, argv[2], ROUND_FRAMES);
        fprintf(stderr, "record45 round %d: rehearse %.1f ms, arecord %.1f ms, alone %.1f ms\n",
                r + 1, ours[r] * 1000, theirs[r] * 1000, alone[r] * 1000);
        if (round_written != ROUND_FRAMES) {
            fprintf(stderr, "record45: round %d wrote %llu of %llu frames\n", r + 1, round_written,
                    ROUND_FRAMES);
            short_rounds++;
        }
    }
    sound_close();
    char value[64], theirs_text[64], alone_text[64], baseline[128], figure[128];
    double m_ours = bench_per_minute(value, sizeof value, ours, ROUNDS, ROUND_MINUTES),
           m_theirs =
               bench_per_minute(theirs_text, sizeof theirs_text, theirs, ROUNDS, ROUND_MINUTES),
           m_alone = bench_per_minute(alone_text, sizeof alone_text, alone, ROUNDS, ROUND_MINUTES);
    bench_row("45 minutes recorded (ALSA file route)", "all frames", "-",
              "%llu of %llu frames, %.0fx real time", written, FRAMES, MINUTES * 60.0 / wall);
    bench_row("peak RSS while recording 45 minutes", "<= 16 MiB", "-", "%.1f MiB",
              after.ru_maxrss / 1024.0);
    snprintf(figure, sizeof figure,
             "CPU per minute of audio recorded (median, range of %d x %d min)", ROUNDS,
             ROUND_MINUTES);
    snprintf(baseline, sizeof baseline, "arecord %s: %.2fx", theirs_text, m_ours / m_theirs);
    bench_row(figure, "<= 1.5x", baseline, "%s", value);
    snprintf(baseline, sizeof baseline, "arecord: %.2fx", m_alone / m_theirs);
    bench_row("CPU per minute, recorder alone (ring, writer, libsndfile)", "-", baseline, "%s",
              alone_text);
    return written == FRAMES && short_rounds == 0 ? 0 : 1;
}
