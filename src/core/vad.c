/* vad: frame levels, an adaptive threshold, then run-length smoothing. */
#include "vad.h"
#include "level.h"

#include <stdlib.h>
#include <string.h>

#define VAD_ABOVE_FLOOR_DB 15.0
#define VAD_MIN_DB         (-50.0)
#define VAD_BRIDGE_S       0.3
#define VAD_MIN_SPEECH_S   0.1

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

int vad_analyze(const int16_t *samples, size_t n, unsigned rate, struct vad_result *out)
{
    size_t frame = (size_t)(rate * VAD_FRAME_S), n_frames = frame ? n / frame : 0;
    double *db = malloc((n_frames ? n_frames : 1) * sizeof *db);
    double *sorted = malloc((n_frames ? n_frames : 1) * sizeof *sorted);
    int rc = REH_ENOMEM;

    memset(out, 0, sizeof *out);
    out->duration_s = (double)n / rate;
    if (db == NULL || sorted == NULL)
        goto done;
    for (size_t f = 0; f < n_frames; f++)
        db[f] = sorted[f] = level_measure(samples + f * frame, frame).rms_db;
    qsort(sorted, n_frames, sizeof *sorted, compare_double);
    double floor_db = n_frames ? sorted[n_frames / 10] : LEVEL_FLOOR_DB;
    double threshold = floor_db + VAD_ABOVE_FLOOR_DB;
    if (threshold < VAD_MIN_DB)
        threshold = VAD_MIN_DB;

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
