/* waveform: the loudness of a recording over time, drawn as a strip under
 * its answer in the exported page: the peak of each short stretch. */
#ifndef REHEARSE_WAVEFORM_H
#define REHEARSE_WAVEFORM_H

#include <stddef.h>
#include <stdint.h>

/* Peaks a second: one for each 50 ms of the recording. */
#define WAVEFORM_RATE 20

struct waveform {
    char *file;   /* the recording's name, as in its answer's audio; owned */
    float *peaks; /* 0..1, the largest sample of each 1/WAVEFORM_RATE s; owned */
    size_t n_peaks;
};

/* Fills w with the peaks of the n samples at `rate` and a copy of `file`.
 * Returns 0, or -1 when out of memory (w then holds nothing to free). */
int waveform_compute(struct waveform *w, const char *file, const int16_t *samples, size_t n,
                     unsigned rate);

void waveform_free(struct waveform *w);

#endif
