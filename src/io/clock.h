/* clock: the real clock of a session: CLOCK_MONOTONIC for every deadline,
 * local wall-clock time only for the dates written in transcripts. */
#ifndef REHEARSE_CLOCK_H
#define REHEARSE_CLOCK_H

#include "../core/engine.h"

/* Seconds of CLOCK_MONOTONIC. */
double clock_monotonic(void);

/* The session clock backed by the system clocks. */
struct engine_clock clock_system(void);

#endif
