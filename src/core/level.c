/* level: dBFS = 20 log10(amplitude / 32768). */
#include "level.h"

#include <math.h>

static double to_db(double amplitude)
{
    if (amplitude <= 0)
        return LEVEL_FLOOR_DB;
    double db = 20.0 * log10(amplitude / 32768.0);
    return db < LEVEL_FLOOR_DB ? LEVEL_FLOOR_DB : db;
}

struct level level_measure(const int16_t *samples, size_t n)
{
    int peak = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        int v = samples[i] < 0 ? -samples[i] : samples[i];
        if (v > peak)
            peak = v;
        sum += (double)samples[i] * samples[i];
    }
    struct level l = {to_db(peak), to_db(n ? sqrt(sum / (double)n) : 0)};
    return l;
}

void level_track_silence(const int16_t *samples, size_t n, size_t *zero_run)
{
    size_t i = n;
    while (i > 0 && samples[i - 1] == 0)
        i--;
    *zero_run = i == 0 ? *zero_run + n : n - i;
}

void level_bar(double db, char *out, size_t width)
{
    double fraction = (db + 60.0) / 60.0;
    size_t filled = fraction <= 0 ? 0 : fraction >= 1 ? width : (size_t)(fraction * width + 0.5);
    for (size_t i = 0; i < width; i++)
        out[i] = i < filled ? '#' : '-';
    out[width] = '\0';
}

void level_check_feed(struct level_check *c, const int16_t *samples, size_t n, unsigned rate)
{
    struct level l = level_measure(samples, n);
    if (c->samples == 0 || l.peak_db > c->peak_db)
        c->peak_db = l.peak_db;
    for (size_t i = 0; i < n; i++)
        c->clipped += samples[i] >= INT16_MAX || samples[i] <= -INT16_MAX;
    c->samples += n;
    if (l.rms_db >= LEVEL_VOICE_DB && rate > 0)
        c->voiced_s += (double)n / rate;
}

enum level_verdict level_check_verdict(const struct level_check *c)
{
    if (c->clipped >= 16 && c->clipped * 1000 >= c->samples)
        return LEVEL_CLIPPING;
    if (c->samples == 0 || c->peak_db < LEVEL_FAINT_DB)
        return LEVEL_SILENT;
    return c->voiced_s >= 0.3 ? LEVEL_HEARD : LEVEL_FAINT;
}
