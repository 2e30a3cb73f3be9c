/* level: the level meter's arithmetic: peak and RMS of a block of samples in
 * dBFS, and the detector of digital silence (samples that are exactly zero). */
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

#endif
