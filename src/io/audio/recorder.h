/* recorder: takes samples from a real-time producer (the audio callback, or
 * a fake source in tests) and writes them to a mono 16-bit WAV file. The
 * producer's side, recorder_push, only copies into a lock-free ring, bumps
 * counters, publishes the level meter and wakes the writer when a write's
 * worth (0.4 s) is there; the writer thread drains the ring into libsndfile,
 * keeps the WAV header valid every half second of audio, and hands each
 * write to the live transcription when there is one. Every lost sample is
 * counted. */
#ifndef REHEARSE_RECORDER_H
#define REHEARSE_RECORDER_H

#include "../../core/diag.h"
#include "../../core/level.h"
#include "transcription.h"

#include <stddef.h>
#include <stdint.h>

#define RECORDER_RING_SECONDS 2

struct recorder;

struct recorder_stats {
    uint64_t frames;          /* written to the file */
    uint64_t dropped_frames;  /* lost because the ring was full */
    uint64_t input_overflows; /* reported by the audio system */
    struct level level;       /* of the last ~50 ms taken */
    double silence_s;         /* length of the current run of digital silence */
    int failed;               /* the file could not be written: see recorder_stop */
};

/* Creates the WAV file `name` (mode 0600, must not exist) in the directory
 * open as `dirfd` (`dir` is its path, for messages) and starts the writer
 * thread, which pushes every block it writes to `live` (NULL: none; its
 * transcription_start must come first). Returns NULL with err set on
 * failure. */
struct recorder *recorder_open(int dirfd, const char *dir, const char *name, unsigned sample_rate,
                               struct transcription *live, struct diag *err);

/* Producer side, real-time safe: no lock, allocation or I/O, and no system
 * call but the futex wake of a sleeping writer, about twice a second.
 * Copies n samples in (only as many as the limit leaves), counting those
 * that do not fit as dropped. Ignored while paused. */
void recorder_push(struct recorder *rec, const int16_t *samples, size_t n);

/* The recording has `frames` frames at most (pushed, paused aside): pushes
 * beyond are left out, and those taken before this call that lie beyond
 * are cut from the file when it is closed, and not transcribed. Unlimited
 * until called. */
void recorder_limit(struct recorder *rec, uint64_t frames);

/* Frames taken so far (written into the ring, or dropped), from any thread. */
uint64_t recorder_taken(struct recorder *rec);

/* Producer side, real-time safe: counts one input overflow, unless paused. */
void recorder_count_overflow(struct recorder *rec);

/* While paused (by /pause, or while the process is stopped), pushed samples
 * are not recorded (nor counted as dropped, nor are overflows counted);
 * the file is appended to again on resume. */
void recorder_set_paused(struct recorder *rec, int paused);

/* Producer side, real-time safe: how many times the recorder was resumed
 * after a pause, so that the producer can leave out what it captured before
 * the last resume. */
uint64_t recorder_resumes(struct recorder *rec);

/* A snapshot of the counters and the level, safe from any thread. */
void recorder_stats(struct recorder *rec, struct recorder_stats *out);

/* REH_OK while everything recorded reaches the file; REH_EIO with the
 * writer's message once a write has failed (a full or failing disk). */
int recorder_check(struct recorder *rec, struct diag *err);

/* Drains the ring, stops the writer, finalises and closes the file, fills
 * *out and frees `rec`. The producer must have stopped pushing. Returns
 * REH_OK, or REH_EIO when a write failed (what was written is kept). */
int recorder_close(struct recorder *rec, struct recorder_stats *out, struct diag *err);

#endif
