/* sessions: `rehearse sessions` over 1 000 sessions, as a ratio to `cat` of
 * the same session.json files (target: well under a second, ratio <= 3x).
 *   sessions PATH/TO/rehearse FIXTURE.json */
#include "spawn_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SESSIONS 1000
#define RUNS     10

int main(int argc, char **argv)
{
    char home[] = "/tmp/rehearse-bench-XXXXXX", path[256], cmd[512];
    static char *cat_argv[SESSIONS + 2];
    if (argc != 3 || mkdtemp(home) == NULL) {
        fprintf(stderr, "usage: sessions PATH/TO/rehearse FIXTURE.json\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "r");
    static char fixture[1 << 16];
    size_t len = in ? fread(fixture, 1, sizeof fixture, in) : 0;
    if (in == NULL || len == 0)
        return 1;
    fclose(in);
    snprintf(path, sizeof path, "%s/sessions", home);
    mkdir(path, 0700);
    cat_argv[0] = "/bin/cat";
    for (int i = 0; i < SESSIONS; i++) {
        snprintf(path, sizeof path, "%s/sessions/2026%04d-100000-quick-15", home, i);
        mkdir(path, 0700);
        strcat(path, "/session.json");
        FILE *out = fopen(path, "w");
        fwrite(fixture, 1, len, out);
        fclose(out);
        cat_argv[i + 1] = strdup(path);
    }
    setenv("REHEARSE_HOME", home, 1);
    char *list_argv[] = {argv[1], "sessions", NULL};
    spawn_time(list_argv, 1); /* warm the page cache */
    double cat = spawn_time(cat_argv, RUNS) / RUNS, ours = spawn_time(list_argv, RUNS) / RUNS;
    printf("sessions: listing %d sessions %.1f ms, cat of their session.json %.1f ms, ratio "
           "%.2fx (target <= 3x)\n",
           SESSIONS, ours * 1000, cat * 1000, ours / cat);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    return system(cmd) != 0;
}
