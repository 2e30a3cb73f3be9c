/* sessions: `rehearse sessions` over 1 000 sessions, as a ratio to `cat` of
 * the same session.json files (target: well under a second, ratio <= 3x),
 * with sessions-index.json in step (the usual case) and rebuilt (after an
 * upgrade or when it was deleted: every file parsed); and `rehearse due`
 * over them, rebuilding the schedule from every session and reading it
 * back, as ratios to the listing that parses every file; and the session
 * ids offered to shell completion, as a ratio to `ls` of the directory.
 *   sessions PATH/TO/rehearse FIXTURE.json */
#include "core/schedule.h"
#include "report.h"
#include "spawn_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
        char date[11]; /* one session a day, ending on 2026-11-20 */
        schedule_date(schedule_day("2026-11-20") - SESSIONS + i, date);
        snprintf(path, sizeof path, "%s/sessions/%.4s%.2s%.2s-100000-quick-15", home, date,
                 date + 5, date + 8);
        mkdir(path, 0700);
        /* Each its own id, as if sat on its day. */
        char *id = strstr(fixture, "\"id\": \"");
        if (id != NULL)
            memcpy(id + 7, strrchr(path, '/') + 1, 15);
        strcat(path, "/session.json");
        FILE *out = fopen(path, "w");
        fwrite(fixture, 1, len, out);
        fclose(out);
        cat_argv[i + 1] = strdup(path);
    }
    setenv("REHEARSE_HOME", home, 1);
    char *list_argv[] = {argv[1], "sessions", NULL}, *due_argv[] = {argv[1], "due", NULL};
    char index[300], schedule[300], baseline[64];
    snprintf(index, sizeof index, "%s/sessions-index.json", home);
    snprintf(schedule, sizeof schedule, "%s/schedule.json", home);
    spawn_time(list_argv, 1); /* warm the page cache */
    double cat = spawn_time(cat_argv, RUNS) / RUNS, indexed = spawn_time(list_argv, RUNS) / RUNS;
    double parsed = 0, rebuilt = 0;
    for (int i = 0; i < RUNS; i++) {
        unlink(index);
        parsed += spawn_time(list_argv, 1) / RUNS;
        unlink(schedule);
        rebuilt += spawn_time(due_argv, 1) / RUNS;
    }
    double kept = spawn_time(due_argv, RUNS) / RUNS;

    snprintf(baseline, sizeof baseline, "cat of the files %.1f ms: %.2fx", cat * 1000,
             indexed / cat);
    bench_row("listing 1000 sessions (rehearse sessions)", "< 1 s; <= 3x", baseline, "%.1f ms",
              indexed * 1000);
    snprintf(baseline, sizeof baseline, "cat of the files: %.2fx", parsed / cat);
    bench_row("listing 1000 sessions, index rebuilt", "< 1 s", baseline, "%.1f ms", parsed * 1000);
    snprintf(baseline, sizeof baseline, "the listing, index rebuilt: %.2fx", rebuilt / parsed);
    bench_row("rehearse due, schedule rebuilt from 1000 sessions", "<= 1.5x", baseline, "%.1f ms",
              rebuilt * 1000);
    snprintf(baseline, sizeof baseline, "the listing, index rebuilt: %.2fx", kept / parsed);
    bench_row("rehearse due, schedule.json in step", "<= 1.5x", baseline, "%.1f ms", kept * 1000);
    char sessions[300];
    snprintf(sessions, sizeof sessions, "%s/sessions", home);
    char *complete_argv[] = {argv[1], "--complete", "show", "", NULL},
         *ls_argv[] = {"/bin/ls", sessions, NULL};
    double complete = spawn_time(complete_argv, RUNS) / RUNS, ls = spawn_time(ls_argv, RUNS) / RUNS;
    snprintf(baseline, sizeof baseline, "ls of the sessions %.1f ms: %.2fx", ls * 1000,
             complete / ls);
    bench_row("completing a session id among 1000 (Tab)", "< 50 ms", baseline, "%.1f ms",
              complete * 1000);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    return system(cmd) != 0;
}
