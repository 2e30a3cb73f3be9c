/* level: the level meter's arithmetic: peak and RMS of a block of samples in
 * dBFS, the detector of digital silence (samples that are exactly zero), and
 * the verdict of a microphone check: heard, silent, faint or clipping. */
#ifndef REHEARSE_LEVEL_H
#define REHEARSE_LEVEL_H

#include <stddef.h>
#include <stdint.h>

#define LEVEL_FLOOR_DB (-96.0) /* what silence reads as */

struct level {
    double peak_db; /* of full scale, <= 0 */
    double rms_db;
};

/* Peak and RMS of n samples (n may be 0: both at the floor). */
struct level level_measure(const int16_t *samples, size_t n);

/* Counts trailing samples of exact zero across calls: feed each block, then
 * `*zero_run` is the length of the current run of digital silence. */
void level_track_silence(const int16_t *samples, size_t n, size_t *zero_run);

/* A bar of `width` cells for a level in dBFS over the range [-60, 0] dB,
 * written as '#' and '-' into out (width + 1 bytes). */
void level_bar(double db, char *out, size_t width);

/* What a microphone check heard, block by block. Zero it to start. */
struct level_check {
    uint64_t samples; /* measured */
    uint64_t clipped; /* at full scale, either way */
    double voiced_s;  /* in blocks whose RMS reached LEVEL_VOICE_DB */
    double peak_db;   /* the highest peak */
};

#define LEVEL_VOICE_DB (-40.0) /* a block this loud (RMS) is speech, not a room */
#define LEVEL_FAINT_DB (-60.0) /* peaks below this are nothing coming in */

enum level_verdict {
    LEVEL_HEARD,    /* a voice, at least 0.3 s of it, without clipping */
    LEVEL_SILENT,   /* nothing came in: every peak below LEVEL_FAINT_DB */
    LEVEL_FAINT,    /* a signal, but never as loud as a voice */
    LEVEL_CLIPPING, /* at least 0.1% of the samples (and 16) at full scale */
};

/* Adds a block of n samples at `rate` samples per second. */
void level_check_feed(struct level_check *c, const int16_t *samples, size_t n, unsigned rate);

/* The verdict of what was fed so far. */
enum level_verdict level_check_verdict(const struct level_check *c);

#endif
