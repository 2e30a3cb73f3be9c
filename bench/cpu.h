/* cpu: CPU time of this process and of arecord, the baseline of the
 * recording benchmarks. */
#ifndef REHEARSE_BENCH_CPU_H
#define REHEARSE_BENCH_CPU_H

#include <sys/resource.h>

/* User and system seconds of a resource usage. */
double bench_cpu_s(const struct rusage *ru);

/* CPU seconds arecord takes to record 16 kHz mono from the default ALSA
 * device into `out`, for `frames` frames (when seconds is 0) or `seconds`
 * seconds, with a buffer and a period of so many microseconds (0: its
 * defaults). Exits when arecord fails. */
double bench_arecord_cpu(const char *out, unsigned long long frames, unsigned seconds,
                         unsigned buffer_us, unsigned period_us);

#endif
