/* sessions: lists past sessions, newest first, as a table or JSON. Damaged
 * or foreign entries are reported on stderr, one line each, and skipped. */
#include "cli.h"
#include "../core/duration.h"
#include "../core/table.h"
#include "../io/session_index.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "Usage: rehearse sessions [--limit N] [--json]\n\n"
    "Lists past sessions, newest first: id, date, scenario title, answer mode,\n"
    "questions answered of those planned, time used of the budget, average rating\n"
    "and status. Rows fit the screen: on a narrow one the title is shortened and\n"
    "the date, mode, rating, time and title columns are dropped, in that order.\n"
    "A pipe gets whole rows (unless COLUMNS is set). On a terminal, only the\n"
    "newest sessions that fit its height are listed, with a line saying how many\n"
    "more there are; a pipe gets them all (unless LINES is set).\n"
    "Damaged or foreign files in the sessions directory are reported on stderr and\n"
    "skipped.\n\n"
    "Options:\n"
    "  -n, --limit N  list the newest N sessions only (0: all of them)\n"
    "  --json         print a JSON array (id, status, scenario, title, started_at,\n"
    "                 mode, answered, planned, used_s, budget_s, rating)\n"
    "  -h, --help     show this help\n";

static const char *mode_of(const struct transcript_totals *tt)
{
    return tt->spoken && tt->typed ? "mixed" : tt->spoken ? "spoken" : "typed";
}

static json_t *session_json(const struct transcript_summary *s)
{
    const struct transcript_totals *tt = &s->totals;
    return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:i, s:I, s:f, s:I, s:o}", "id", s->id,
                     "status", session_status_names[s->status], "scenario", s->scenario_id, "title",
                     s->scenario_title, "started_at", s->started_at, "mode", mode_of(tt),
                     "answered", tt->outcomes[OUTCOME_ANSWERED], "planned",
                     (json_int_t)s->n_planned, "used_s", tt->used_s, "budget_s",
                     (json_int_t)s->budget_s, "rating",
                     tt->rated ? json_real(tt->rating_sum / tt->rated) : json_null());
}

/* The columns of the table; the least useful are dropped first on a narrow
 * screen: the date (the id starts with it), the mode, the rating, the time,
 * then the scenario's title, which is shortened before that. */
enum {
    COL_ID,
    COL_DATE,
    COL_SCENARIO,
    COL_MODE,
    COL_DONE,
    COL_TIME,
    COL_RATING,
    COL_STATUS,
    N_COLS
};

static const struct table_column COLUMNS[N_COLS] = {
    [COL_ID] = {.heading = "ID"},
    [COL_DATE] = {.heading = "DATE", .drop = 5},
    [COL_SCENARIO] = {.heading = "SCENARIO", .min = 12, .drop = 1},
    [COL_MODE] = {.heading = "MODE", .drop = 4},
    [COL_DONE] = {.heading = "DONE", .right = 1},
    [COL_TIME] = {.heading = "TIME", .drop = 2, .right = 1},
    [COL_RATING] = {.heading = "RATING", .drop = 3, .right = 1},
    [COL_STATUS] = {.heading = "STATUS"},
};

/* The cells of the row of s, formatted into the buffers of `row`. */
struct row {
    char date[20], answered[32], rating[8], time[40];
    const char *cells[N_COLS];
};

static void row_cells(const struct transcript_summary *s, struct row *r)
{
    const struct transcript_totals *tt = &s->totals;
    char used[16], budget[16];
    r->date[0] = '\0';
    if (s->started_at != NULL)
        snprintf(r->date, sizeof r->date, "%.10s %.5s", s->started_at, s->started_at + 11);
    snprintf(r->answered, sizeof r->answered, "%u/%zu", tt->outcomes[OUTCOME_ANSWERED],
             s->n_planned);
    snprintf(r->rating, sizeof r->rating, "-");
    if (tt->rated)
        snprintf(r->rating, sizeof r->rating, "%.1f", tt->rating_sum / tt->rated);
    snprintf(r->time, sizeof r->time, "%s/%s", duration_clock(tt->used_s, used, sizeof used),
             duration_clock(s->budget_s, budget, sizeof budget));
    r->cells[COL_ID] = cli_text(s->id);
    r->cells[COL_DATE] = cli_text(r->date);
    r->cells[COL_SCENARIO] =
        cli_text(s->scenario_title != NULL ? s->scenario_title : s->scenario_id);
    r->cells[COL_MODE] = mode_of(tt);
    r->cells[COL_DONE] = r->answered;
    r->cells[COL_TIME] = r->time;
    r->cells[COL_RATING] = r->rating;
    r->cells[COL_STATUS] = s->status == SESSION_COMPLETED
                               ? session_status_names[s->status]
                               : cli_style(stdout, "33", session_status_names[s->status]);
}

/* Prints the table of the n sessions of list, fitted to the screen. */
static int print_table(const struct transcript_summary *list, size_t n)
{
    struct table_column cols[N_COLS];
    size_t shown[N_COLS];
    struct row r;
    memcpy(cols, COLUMNS, sizeof cols);
    for (size_t i = 0; i < n; i++) {
        row_cells(&list[i], &r);
        table_measure(cols, N_COLS, r.cells);
    }
    table_layout(cols, N_COLS, cli_columns(stdout), shown);
    for (size_t i = 0; i <= n; i++) {
        if (i != 0)
            row_cells(&list[i - 1], &r);
        char *line = table_row(cols, N_COLS, shown, i != 0 ? r.cells : NULL);
        if (line == NULL) {
            cli_error("out of memory");
            return CLI_FAILURE;
        }
        printf("%s\n", i != 0 ? line : cli_style(stdout, "1", line));
        free(line);
    }
    return CLI_OK;
}

/* The rows a screen of `rows` lines shows: all but the heading, the line
 * saying how many more and the shell's prompt; 0 (no screen): all. */
static size_t rows_that_fit(size_t rows)
{
    return rows == 0 ? 0 : rows > 4 ? rows - 3 : 1;
}

static int sessions_exec(int argc, char **argv)
{
    static const struct option options[] = {{"json", no_argument, NULL, 'j'},
                                            {"limit", required_argument, NULL, 'n'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    int json = 0, limited = 0, c;
    size_t limit = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:h", options, NULL)) != -1) {
        char *end;
        if (c == 'j') {
            json = 1;
        } else if (c == 'n') {
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || errno != 0 || v < 0 || v > 1000000)
                return cli_usage_error(&cmd_sessions_entry,
                                       "--limit must be a number of sessions, 0 for all "
                                       "(found '%s')",
                                       optarg);
            limit = (size_t)v;
            limited = 1;
        } else {
            return cli_other_option(&cmd_sessions_entry, c);
        }
    }
    if (optind < argc)
        return cli_usage_error(&cmd_sessions_entry, "unexpected argument '%s'", argv[optind]);
    if (!limited && !json)
        limit = rows_that_fit(cli_rows(stdout));
    struct transcript_summary *list;
    size_t n;
    int rc = cli_list_sessions(&list, &n);
    if (rc != CLI_OK)
        return rc;
    size_t shown = limit != 0 && limit < n ? limit : n;
    json_t *array = json_array();
    for (size_t i = 0; json && i < shown; i++)
        json_array_append_new(array, session_json(&list[i]));
    if (!json && shown != 0)
        rc = print_table(list, shown);
    if (json) {
        json_dumpf(array, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
    } else if (n == 0) {
        printf("No sessions yet. Start one with `rehearse run` (45 minutes) or "
               "`rehearse run quick-15`.\n");
    } else if (shown < n) {
        printf("%zu more session%s; `rehearse sessions --limit 0` lists them all.\n", n - shown,
               n - shown == 1 ? "" : "s");
    }
    json_decref(array);
    session_index_free(list, n);
    return rc;
}

const struct cli_command cmd_sessions_entry = {
    .name = "sessions",
    .summary = "list past sessions, newest first",
    .usage = USAGE,
    .exec = sessions_exec,
};
