/* sessions: `rehearse sessions` over 1 000 sessions, as a ratio to `cat` of
 * the same session.json files (target: well under a second, ratio <= 3x),
 * with sessions-index.json in step (the usual case) and rebuilt (after an
 * upgrade or when it was deleted: every file parsed); `rehearse due` (the
 * schedule rebuilt from every session, and read back) and `rehearse stats`
 * over them, and again the listing, `due` and `stats` over 10 000 sessions,
 * as ratios to the listing from the index in the same run (target <= 1.5x);
 * and the session ids offered to shell completion, as a ratio to `ls` of the
 * directory.
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
#define MANY     10000
#define RUNS     10

static char fixture[1 << 16];
static size_t fixture_len;

/* Writes sessions `first` to n - 1 of the MANY of `home`, one a day, the
 * last on 2026-11-20, each its own id as if sat on its day; stores the paths
 * of the files in paths when not NULL. */
static void populate(const char *home, int first, int n, char **paths)
{
    char path[256];
    for (int i = first; i < n; i++) {
        char date[11];
        schedule_date(schedule_day("2026-11-20") - (MANY - 1) + i, date);
        snprintf(path, sizeof path, "%s/sessions/%.4s%.2s%.2s-100000-quick-15", home, date,
                 date + 5, date + 8);
        mkdir(path, 0700);
        char *id = strstr(fixture, "\"id\": \"");
        if (id != NULL)
            memcpy(id + 7, strrchr(path, '/') + 1, 15);
        strcat(path, "/session.json");
        FILE *out = fopen(path, "w");
        fwrite(fixture, 1, fixture_len, out);
        fclose(out);
        if (paths != NULL)
            paths[i - first] = strdup(path);
    }
}

/* A row for `argv` over n sessions as a ratio to the indexed listing. */
static void row_against(const char *figure, char *const argv[], int runs, double indexed)
{
    char baseline[64];
    double t = spawn_time(argv, runs) / runs;
    snprintf(baseline, sizeof baseline, "the listing from the index: %.2fx", t / indexed);
    bench_row(figure, "<= 1.5x", baseline, "%.1f ms", t * 1000);
}

int main(int argc, char **argv)
{
    char home[] = "/tmp/rehearse-bench-XXXXXX", path[256], cmd[512];
    static char *cat_argv[SESSIONS + 2];
    if (argc != 3 || mkdtemp(home) == NULL) {
        fprintf(stderr, "usage: sessions PATH/TO/rehearse FIXTURE.json\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "r");
    fixture_len = in ? fread(fixture, 1, sizeof fixture, in) : 0;
    if (in == NULL || fixture_len == 0)
        return 1;
    fclose(in);
    snprintf(path, sizeof path, "%s/sessions", home);
    mkdir(path, 0700);
    cat_argv[0] = "/bin/cat";
    populate(home, MANY - SESSIONS, MANY, cat_argv + 1);
    setenv("REHEARSE_HOME", home, 1);
    char *list_argv[] = {argv[1], "sessions", NULL}, *due_argv[] = {argv[1], "due", NULL},
         *stats_argv[] = {argv[1], "stats", NULL};
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

    snprintf(baseline, sizeof baseline, "cat of the files %.1f ms: %.2fx", cat * 1000,
             indexed / cat);
    bench_row("listing 1000 sessions (rehearse sessions)", "< 1 s; <= 3x", baseline, "%.1f ms",
              indexed * 1000);
    snprintf(baseline, sizeof baseline, "cat of the files: %.2fx", parsed / cat);
    bench_row("listing 1000 sessions, index rebuilt", "< 1 s", baseline, "%.1f ms", parsed * 1000);
    snprintf(baseline, sizeof baseline, "the listing from the index: %.2fx", rebuilt / indexed);
    bench_row("rehearse due, schedule rebuilt from 1000 sessions", "<= 1.5x", baseline, "%.1f ms",
              rebuilt * 1000);
    row_against("rehearse due, schedule.json in step", due_argv, RUNS, indexed);
    row_against("rehearse stats over 1000 sessions", stats_argv, RUNS, indexed);

    char sessions[300];
    snprintf(sessions, sizeof sessions, "%s/sessions", home);
    char *complete_argv[] = {argv[1], "--complete", "show", "", NULL},
         *ls_argv[] = {"/bin/ls", sessions, NULL};
    double complete = spawn_time(complete_argv, RUNS) / RUNS, ls = spawn_time(ls_argv, RUNS) / RUNS;
    snprintf(baseline, sizeof baseline, "ls of the sessions %.1f ms: %.2fx", ls * 1000,
             complete / ls);
    bench_row("completing a session id among 1000 (Tab)", "< 50 ms", baseline, "%.1f ms",
              complete * 1000);

    /* 10 000 sessions: the index and the schedule brought up to date once. */
    populate(home, 0, MANY - SESSIONS, NULL);
    spawn_time(list_argv, 1);
    spawn_time(due_argv, 1);
    indexed = spawn_time(list_argv, RUNS / 2) / (RUNS / 2);
    bench_row("listing 10000 sessions (rehearse sessions)", "< 1 s", "-", "%.1f ms",
              indexed * 1000);
    row_against("rehearse due over 10000 sessions", due_argv, RUNS / 2, indexed);
    row_against("rehearse stats over 10000 sessions", stats_argv, RUNS / 2, indexed);

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    return system(cmd) != 0;
}
