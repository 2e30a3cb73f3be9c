/* vad: frame levels, an adaptive threshold, then run-length smoothing. */
#include "vad.h"
#include "level.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define VAD_ABOVE_FLOOR_DB     15.0 /* at most, in a quiet room */
#define VAD_MIN_ABOVE_FLOOR_DB 3.0  /* at least, however noisy */
#define VAD_MIN_DB             (-50.0)
#define VAD_BRIDGE_S           0.3
#define VAD_MIN_SPEECH_S       0.1

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Appends a segment to a growing array. */
static int push(struct vad_segment **list, size_t *n, double start, double end)
{
    struct vad_segment *grown = realloc(*list, (*n + 1) * sizeof **list);
    if (grown == NULL)
        return REH_ENOMEM;
    grown[*n].start_s = start;
    grown[*n].end_s = end;
    *list = grown;
    ++*n;
    return REH_OK;
}

double vad_threshold_db(double floor_db, double speech_db)
{
    double margin = (speech_db - floor_db) / 2;
    if (margin > VAD_ABOVE_FLOOR_DB)
        margin = VAD_ABOVE_FLOOR_DB;
    if (margin < VAD_MIN_ABOVE_FLOOR_DB)
        margin = VAD_MIN_ABOVE_FLOOR_DB;
    return floor_db + margin > VAD_MIN_DB ? floor_db + margin : VAD_MIN_DB;
}

/* The level a frame must reach to be voiced, from the sorted frame levels. */
static double threshold_of(const double *sorted, size_t n_frames)
{
    if (n_frames == 0)
        return VAD_MIN_DB;
    return vad_threshold_db(sorted[n_frames / 10], sorted[n_frames * VAD_SPEECH_PERCENTILE / 100]);
}

/* The signal-to-noise ratio in dB: the mean power of the frames in voiced
 * stretches, less the noise under them, over the mean power of the other
 * frames (the floor's when there is none); NAN without speech. */
static double snr_of(const double *db, size_t n_frames, double floor_db, const struct vad_result *r)
{
    double voiced = 0, quiet = 0;
    size_t n_voiced = 0, n_quiet = 0, seg = 0;
    for (size_t f = 0; f < n_frames; f++) {
        double mid = (f + 0.5) * VAD_FRAME_S, power = pow(10, db[f] / 10);
        while (seg < r->n_segments && mid >= r->segments[seg].end_s)
            seg++;
        if (seg < r->n_segments && mid >= r->segments[seg].start_s) {
            voiced += power;
            n_voiced++;
        } else {
            quiet += power;
            n_quiet++;
        }
    }
    if (n_voiced == 0)
        return NAN;
    double noise = n_quiet ? quiet / n_quiet : pow(10, floor_db / 10);
    double speech = voiced / n_voiced - noise;
    return 10 * log10((speech > noise / 100 ? speech : noise / 100) / noise);
}

int vad_analyze(const int16_t *samples, size_t n, unsigned rate, struct vad_result *out)
{
    size_t frame = (size_t)(rate * VAD_FRAME_S), n_frames = frame ? n / frame : 0;
    double *db = malloc((n_frames ? n_frames : 1) * sizeof *db);
    double *sorted = malloc((n_frames ? n_frames : 1) * sizeof *sorted);
    int rc = REH_ENOMEM;

    memset(out, 0, sizeof *out);
    out->duration_s = (double)n / rate;
    out->snr_db = NAN;
    if (db == NULL || sorted == NULL)
        goto done;
    for (size_t f = 0; f < n_frames; f++)
        db[f] = sorted[f] = level_measure(samples + f * frame, frame).rms_db;
    qsort(sorted, n_frames, sizeof *sorted, compare_double);
    double floor_db = n_frames ? sorted[n_frames / 10] : LEVEL_FLOOR_DB;
    double threshold = threshold_of(sorted, n_frames);

    /* voiced runs, joining those separated by less than VAD_BRIDGE_S */
    for (size_t f = 0; f < n_frames;) {
        if (db[f] < threshold) {
            f++;
            continue;
        }
        size_t start = f;
        while (f < n_frames && db[f] >= threshold)
            f++;
        double s = start * VAD_FRAME_S, e = f * VAD_FRAME_S;
        struct vad_segment *last = out->n_segments ? &out->segments[out->n_segments - 1] : NULL;
        if (last != NULL && s - last->end_s < VAD_BRIDGE_S)
            last->end_s = e;
        else if (push(&out->segments, &out->n_segments, s, e) != REH_OK)
            goto done;
    }
    /* drop blips */
    size_t kept = 0;
    for (size_t i = 0; i < out->n_segments; i++)
        if (out->segments[i].end_s - out->segments[i].start_s >= VAD_MIN_SPEECH_S)
            out->segments[kept++] = out->segments[i];
    out->n_segments = kept;

    out->time_to_first_word_s = kept ? out->segments[0].start_s : out->duration_s;
    for (size_t i = 0; i < kept; i++) {
        out->voiced_s += out->segments[i].end_s - out->segments[i].start_s;
        if (i == 0)
            continue;
        double gap = out->segments[i].start_s - out->segments[i - 1].end_s;
        if (gap > VAD_PAUSE_S && push(&out->pauses, &out->n_pauses, out->segments[i - 1].end_s,
                                      out->segments[i].start_s) != REH_OK)
            goto done;
        if (gap > out->longest_pause_s)
            out->longest_pause_s = gap;
    }
    out->speaking_ratio = out->duration_s > 0 ? out->voiced_s / out->duration_s : 0;
    out->snr_db = snr_of(db, n_frames, floor_db, out);
    rc = REH_OK;
done:
    free(db);
    free(sorted);
    if (rc != REH_OK)
        vad_free(out);
    return rc;
}

void vad_free(struct vad_result *r)
{
    free(r->segments);
    free(r->pauses);
    r->segments = r->pauses = NULL;
    r->n_segments = r->n_pauses = 0;
}
