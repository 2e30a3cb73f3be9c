/* sessions: lists past sessions, newest first, as a table or JSON. Damaged
 * or foreign entries are reported on stderr, one line each, and skipped. */
#include "cli.h"
#include "../core/duration.h"
#include "../io/session_index.h"

#include <jansson.h>
#include <string.h>

static const char USAGE[] =
    "Usage: rehearse sessions [--json]\n\n"
    "Lists past sessions, newest first: id, date, scenario, answer mode, questions\n"
    "answered of those planned, time used of the budget, average rating and status.\n"
    "Damaged or foreign files in the sessions directory are reported on stderr and\n"
    "skipped.\n\n"
    "Options:\n"
    "  --json      print a JSON array (id, status, scenario, title, started_at, mode,\n"
    "              answered, planned, used_s, budget_s, rating)\n"
    "  -h, --help  show this help\n";

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

static void print_row(const struct transcript_summary *s)
{
    const struct transcript_totals *tt = &s->totals;
    char used[16], budget[16], date[20] = "", answered[16], rating[8] = "-", time[40];
    if (s->started_at != NULL)
        snprintf(date, sizeof date, "%.10s %.5s", s->started_at, s->started_at + 11);
    snprintf(answered, sizeof answered, "%u/%zu", tt->outcomes[OUTCOME_ANSWERED], s->n_planned);
    if (tt->rated)
        snprintf(rating, sizeof rating, "%.1f", tt->rating_sum / tt->rated);
    snprintf(time, sizeof time, "%s/%s", duration_clock(tt->used_s, used, sizeof used),
             duration_clock(s->budget_s, budget, sizeof budget));
    printf("%-34s %-16s %-20s %-6s %5s %11s %6s  %s\n", cli_text(s->id), cli_text(date),
           cli_text(s->scenario_id), mode_of(tt), answered, time, rating,
           s->status == SESSION_COMPLETED
               ? session_status_names[s->status]
               : cli_style(stdout, "33", session_status_names[s->status]));
}

static int sessions_exec(int argc, char **argv)
{
    int json = 0;
    int parsed = cli_simple_options(&cmd_sessions_entry, argc, argv, &json, 0);
    if (parsed != CLI_PARSED)
        return parsed;
    struct transcript_summary *list;
    size_t n;
    int rc = cli_list_sessions(&list, &n);
    if (rc != CLI_OK)
        return rc;
    json_t *array = json_array();
    for (size_t i = 0; i < n; i++) {
        if (json) {
            json_array_append_new(array, session_json(&list[i]));
            continue;
        }
        if (i == 0)
            printf("%s\n", cli_style(stdout, "1",
                                     "ID                                 DATE             "
                                     "SCENARIO             MODE   DONE        TIME RATING  "
                                     "STATUS"));
        print_row(&list[i]);
    }
    if (json) {
        json_dumpf(array, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
    } else if (n == 0) {
        printf("No sessions yet. Start one with `rehearse run` (45 minutes) or "
               "`rehearse run quick-15`.\n");
    }
    json_decref(array);
    session_index_free(list, n);
    return CLI_OK;
}

const struct cli_command cmd_sessions_entry = {
    .name = "sessions",
    .summary = "list past sessions, newest first",
    .usage = USAGE,
    .exec = sessions_exec,
};
