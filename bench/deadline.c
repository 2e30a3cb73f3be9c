/* deadline: how late the session's waits wake up. 200 short "questions" wait
 * on the terminal input (a pipe that stays silent) for an absolute
 * CLOCK_MONOTONIC deadline, the way the engine waits for each limit; the
 * error is the time between the deadline and the return. Target: p99 <= 20 ms.
 * Also the start-up time of `rehearse --version` as a ratio to /bin/true
 * (target <= 3x).
 *   deadline PATH/TO/rehearse */
#include "report.h"
#include "io/clock.h"
#include "io/terminal.h"
#include "spawn_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define QUESTIONS 200
#define STARTS    300

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    static double errors_ms[QUESTIONS];
    int fds[2];
    if (argc != 2) {
        fprintf(stderr, "usage: deadline PATH/TO/rehearse\n");
        return 2;
    }
    /* stdin: a pipe nobody writes to, as in a piped session between lines */
    if (pipe(fds) != 0 || dup2(fds[0], STDIN_FILENO) < 0)
        return 1;
    struct terminal *term;
    struct diag err;
    if (terminal_open(&term, &err) != REH_OK)
        return 1;
    struct engine_input in = terminal_input(term);
    for (int i = 0; i < QUESTIONS; i++) {
        double deadline = clock_monotonic() + 0.020 + 0.0003 * (i % 37);
        struct input_event ev;
        in.wait(in.ctx, deadline, &ev);
        errors_ms[i] = (clock_monotonic() - deadline) * 1000.0;
    }
    terminal_close(term);
    qsort(errors_ms, QUESTIONS, sizeof errors_ms[0], compare);
    bench_row("deadline error of 200 waits (p50 / p99 / max)", "p99 <= 20 ms", "-",
              "%.2f / %.2f / %.2f ms", errors_ms[QUESTIONS / 2], errors_ms[QUESTIONS * 99 / 100],
              errors_ms[QUESTIONS - 1]);

    char *version[] = {argv[1], "--version", NULL};
    char *truth[] = {"/bin/true", NULL};
    spawn_time(version, 10); /* warm the page cache */
    double t_true = spawn_time(truth, STARTS), t_rehearse = spawn_time(version, STARTS);
    char baseline[64];
    snprintf(baseline, sizeof baseline, "/bin/true %.2f ms: %.2fx", t_true / STARTS * 1000,
             t_rehearse / t_true);
    bench_row("start-up, rehearse --version", "<= 3x", baseline, "%.2f ms",
              t_rehearse / STARTS * 1000);
    return 0;
}
