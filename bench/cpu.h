/* cpu: CPU time of this process and of arecord, the baseline of the
 * recording benchmarks. */
#ifndef REHEARSE_BENCH_CPU_H
#define REHEARSE_BENCH_CPU_H

#include <stddef.h>
#include <sys/resource.h>

/* User and system seconds of a resource usage. */
double bench_cpu_s(const struct rusage *ru);

/* Sorts v (n values, n > 0) and returns its median. */
double bench_median(double *v, int n);

/* Writes "median ms (min-max)" per minute of audio of the CPU seconds of n
 * runs of `minutes` of audio each into out; returns the median in seconds
 * per run. Sorts cpu_s. */
double bench_per_minute(char *out, size_t size, double *cpu_s, int n, double minutes);

/* CPU seconds arecord takes to record 16 kHz mono from the default ALSA
 * device into `out`, for `frames` frames (when seconds is 0) or `seconds`
 * seconds, with a buffer and a period of so many microseconds (0: its
 * defaults). Exits when arecord fails. */
double bench_arecord_cpu(const char *out, unsigned long long frames, unsigned seconds,
                         unsigned buffer_us, unsigned period_us);

#endif
