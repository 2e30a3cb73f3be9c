/* clock: clock_gettime(CLOCK_MONOTONIC) and ISO 8601 local times. */
#include "clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

double clock_monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double system_now(void *ctx)
{
    (void)ctx;
    return clock_monotonic();
}

/* "2026-11-23T10:15:00+01:00": strftime's %z lacks the colon. */
static void system_wall(void *ctx, char out[ENGINE_TIME_STRING])
{
    time_t now = time(NULL);
    struct tm tm;
    char zone[8];
    (void)ctx;
    localtime_r(&now, &tm);
    size_t n = strftime(out, ENGINE_TIME_STRING, "%Y-%m-%dT%H:%M:%S", &tm);
    if (strftime(zone, sizeof zone, "%z", &tm) == 5)
        snprintf(out + n, ENGINE_TIME_STRING - n, "%.3s:%.2s", zone, zone + 3);
}

struct engine_clock clock_system(void)
{
    return (struct engine_clock){.now = system_now, .wall = system_wall, .ctx = NULL};
}
