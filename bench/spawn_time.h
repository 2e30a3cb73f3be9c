/* spawn_time: how long a command takes, start to exit, over many runs. */
#ifndef REHEARSE_BENCH_SPAWN_TIME_H
#define REHEARSE_BENCH_SPAWN_TIME_H

/* Seconds taken by `runs` runs of argv (argv[0] a path), each waited for,
 * with standard output sent to /dev/null. Exits on failure to start. */
double spawn_time(char *const argv[], int runs);

#endif
