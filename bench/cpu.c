/* cpu: getrusage, wait4 around arecord, and the median of repeated runs. */
#include "cpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

double bench_cpu_s(const struct rusage *ru)
{
    return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 + (double)ru->ru_stime.tv_sec +
           ru->ru_stime.tv_usec / 1e6;
}

double bench_median(double *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double bench_per_minute(char *out, size_t size, double *cpu_s, int n, double minutes)
{
    double median = bench_median(cpu_s, n);
    snprintf(out, size, "%.1f ms (%.1f-%.1f)", median / minutes * 1000, cpu_s[0] / minutes * 1000,
             cpu_s[n - 1] / minutes * 1000);
    return median;
}

double bench_arecord_cpu(const char *out, unsigned long long frames, unsigned seconds,
                         unsigned buffer_us, unsigned period_us)
{
    char length[32], buffer[32], period[32];
    snprintf(length, sizeof length, "%llu", seconds ? seconds : frames);
    snprintf(buffer, sizeof buffer, "--buffer-time=%u", buffer_us);
    snprintf(period, sizeof period, "--period-time=%u", period_us);
    const char *argv[20] = {"arecord", "-q",    "-D", "default", "-f", "S16_LE",
                            "-r",      "16000", "-c", "1",       "-t", "wav"};
    int argc = 12;
    if (buffer_us > 0) {
        argv[argc++] = buffer;
        argv[argc++] = period;
    }
    argv[argc++] = seconds ? "-d" : "-s";
    argv[argc++] = length;
    argv[argc++] = out;
    argv[argc] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        execvp("arecord", (char *const *)argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: arecord failed (apt-get install alsa-utils)\n");
        exit(1);
    }
    return bench_cpu_s(&ru);
}
