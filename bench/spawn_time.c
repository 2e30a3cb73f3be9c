/* spawn_time: posix_spawn and waitpid around CLOCK_MONOTONIC. */
#include "spawn_time.h"
#include "io/clock.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

double spawn_time(char *const argv[], int runs)
{
    double start = clock_monotonic();
    for (int i = 0; i < runs; i++) {
        pid_t pid;
        int status;
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", 1, 0);
        if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
            fprintf(stderr, "bench: cannot start %s\n", argv[0]);
            exit(1);
        }
        waitpid(pid, &status, 0);
        posix_spawn_file_actions_destroy(&fa);
    }
    return clock_monotonic() - start;
}
