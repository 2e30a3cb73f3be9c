/* vad: an energy-based voice activity detector. The signal is cut into
 * 20 ms frames; a frame is voiced when its RMS is above -50 dBFS and over the
 * noise floor (the 10th percentile of frame levels) by half the gap between
 * that floor and the speech level (the 95th percentile), at least 3 dB and at
 * most 15 dB: a quiet room gets the full 15 dB, a noisy one a threshold that
 * its speech still passes. Voiced runs closer than 300 ms are joined, runs
 * shorter than 100 ms dropped. The ratio of the power of the voiced frames
 * (less the noise in them) to that of the others estimates the recording's
 * signal-to-noise ratio. */
#ifndef REHEARSE_VAD_H
#define REHEARSE_VAD_H

#include "diag.h"

#include <stddef.h>
#include <stdint.h>

#define VAD_FRAME_S 0.02
#define VAD_PAUSE_S 2.0 /* a silence longer than this is a pause */

struct vad_segment {
    double start_s, end_s;
};

struct vad_result {
    struct vad_segment *segments; /* voiced stretches, in order; owned */
    size_t n_segments;
    struct vad_segment *pauses; /* silences longer than VAD_PAUSE_S between voiced stretches */
    size_t n_pauses;
    double duration_s;
    double voiced_s;
    double speaking_ratio;       /* voiced / duration */
    double time_to_first_word_s; /* start of the first voiced stretch; the duration if none */
    double longest_pause_s;      /* the longest gap between voiced stretches, a pause or not */
    double snr_db;               /* speech over noise, estimated; NAN when no speech is found */
};

/* Analyzes n mono samples at `rate`. Returns REH_OK, or REH_ENOMEM.
 * Release with vad_free. */
int vad_analyze(const int16_t *samples, size_t n, unsigned rate, struct vad_result *out);

void vad_free(struct vad_result *r);

#define VAD_SPEECH_PERCENTILE 95 /* of frame levels: the speech level */

/* The level in dBFS a frame must reach to be voiced, given the noise floor
 * (the 10th percentile of frame levels) and the speech level (the
 * VAD_SPEECH_PERCENTILE-th): halfway from one to the other, at least 3 dB
 * and at most 15 dB over the floor, and at least -50 dBFS. */
double vad_threshold_db(double floor_db, double speech_db);

#endif
