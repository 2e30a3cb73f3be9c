/* waveform: peaks of a recording for the strip under its answer. */
#include "waveform.h"

#include <stdlib.h>
#include <string.h>

int waveform_compute(struct waveform *w, const char *file, const int16_t *samples, size_t n,
                     unsigned rate)
{
    size_t per_peak = rate / WAVEFORM_RATE > 0 ? rate / WAVEFORM_RATE : 1;
    memset(w, 0, sizeof *w);
    w->n_peaks = (n + per_peak - 1) / per_peak;
    w->file = strdup(file);
    w->peaks = calloc(w->n_peaks + 1, sizeof *w->peaks);
    if (w->file == NULL || w->peaks == NULL) {
        waveform_free(w);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        float v = (float)abs(samples[i]) / 32768.0f;
        if (v > w->peaks[i / per_peak])
            w->peaks[i / per_peak] = v;
    }
    return 0;
}

void waveform_free(struct waveform *w)
{
    free(w->file);
    free(w->peaks);
    memset(w, 0, sizeof *w);
}
