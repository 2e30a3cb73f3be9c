/* duration: parsing and formatting of the durations written in scenario and
 * bank files ("90s", "4m", "1m30s", "1h", or plain seconds) and of the
 * countdown clocks shown on screen. */
#ifndef REHEARSE_DURATION_H
#define REHEARSE_DURATION_H

#include <stddef.h>

#define DURATION_MAX_S (24u * 3600u)

/* Parses `text` into whole seconds. Units h, m, s may each appear once, in
 * that order ("1h30m", "2m15s"); a bare number is seconds. Returns REH_OK, or
 * REH_EDATA with `*why` pointing at a static explanation for zero, negative,
 * malformed or longer-than-24h durations. */
int duration_parse(const char *text, unsigned *seconds, const char **why);

/* Writes the shortest unit form of `seconds` ("45m", "1m30s", "1h5m", "0s")
 * into buf and returns buf. Eight bytes hold any duration up to 24h, but
 * larger values are truncated safely. */
char *duration_format(unsigned seconds, char *buf, size_t size);

/* Writes a countdown clock, "m:ss" below an hour and "h:mm:ss" above, of the
 * whole seconds in `seconds` (rounded down; negative values are written as
 * their magnitude) and returns buf. */
char *duration_clock(double seconds, char *buf, size_t size);

/* A question's limit as duration_clock writes it, or "no limit" for 0. */
char *duration_limit(unsigned seconds, char *buf, size_t size);

#endif
