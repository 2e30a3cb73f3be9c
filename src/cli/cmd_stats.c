/* stats: progress across sessions. */
#include "cli.h"
#include "../core/duration.h"
#include "../core/stats.h"
#include "../io/session_index.h"

#include <jansson.h>
#include <stdlib.h>

static const char USAGE[] =
    "Usage: rehearse stats [--json]\n\n"
    "Progress across all sessions: sessions and minutes practised; per category the\n"
    "average rating, key-term coverage and time used against the limits, with a\n"
    "sparkline of the average rating over the last 10 sessions (oldest first, '.'\n"
    "where a session had no rated answer in it); and the 5 weakest questions, an\n"
    "unrated one with the share of key terms it named, its provisional grade until\n"
    "you rate it in `rehearse review`.\n"
    "An answer aborted with nothing typed or recorded is not counted.\n\n"
    "Options:\n"
    "  --json      print JSON: {sessions, minutes, categories: [{category, answers,\n"
    "              rating, coverage, time_ratio, trend}], weakest: [{question_id,\n"
    "              question, answers, rating, coverage}]}\n"
    "  -h, --help  show this help\n";

static json_t *maybe(double value, size_t count)
{
    return count ? json_real(value) : json_null();
}

static json_t *stats_json(const struct stats *st)
{
    json_t *cats = json_array(), *weak = json_array();
    for (size_t i = 0; i < st->n_categories; i++) {
        const struct stats_category *c = &st->categories[i];
        json_t *trend = json_array();
        for (size_t k = 0; k < c->n_trend; k++)
            json_array_append_new(trend, c->trend[k] > 0 ? json_real(c->trend[k]) : json_null());
        json_array_append_new(cats, json_pack("{s:s, s:I, s:o, s:o, s:f, s:o}", "category", c->id,
                                              "answers", (json_int_t)c->answers, "rating",
                                              maybe(c->rating, c->rated), "coverage",
                                              maybe(c->coverage, c->covered), "time_ratio",
                                              c->time_ratio, "trend", trend));
    }
    for (size_t i = 0; i < st->n_weakest; i++) {
        const struct stats_question *q = &st->weakest[i];
        json_array_append_new(
            weak, json_pack("{s:s, s:s?, s:I, s:o, s:o}", "question_id", q->id, "question", q->text,
                            "answers", (json_int_t)q->answers, "rating", maybe(q->rating, q->rated),
                            "coverage", maybe(q->coverage, q->covered)));
    }
    return json_pack("{s:I, s:f, s:o, s:o}", "sessions", (json_int_t)st->sessions, "minutes",
                     st->seconds / 60.0, "categories", cats, "weakest", weak);
}

static void print_stats(const struct stats *st)
{
    char used[16];
    printf("%zu sessions, %s of answers.\n\n", st->sessions,
           duration_clock(st->seconds, used, sizeof used));
    printf("%s\n",
           cli_style(stdout, "1", "CATEGORY        ANSWERS RATING COVERAGE  TIME USED  LAST 10"));
    for (size_t i = 0; i < st->n_categories; i++) {
        const struct stats_category *c = &st->categories[i];
        char rating[8] = "-", coverage[8] = "-";
        if (c->rated)
            snprintf(rating, sizeof rating, "%.1f", c->rating);
        if (c->covered)
            snprintf(coverage, sizeof coverage, "%.0f%%", c->coverage * 100);
        printf("%-15s %7zu %6s %8s %9.0f%%  ", cli_text(c->id), c->answers, rating, coverage,
               c->time_ratio * 100);
        for (size_t k = 0; k < c->n_trend; k++)
            fputs(stats_spark(c->trend[k]), stdout);
        putchar('\n');
    }
    if (st->n_weakest > 0)
        printf("\n%s\n", cli_style(stdout, "1", "Weakest questions"));
    for (size_t i = 0; i < st->n_weakest; i++) {
        const struct stats_question *q = &st->weakest[i];
        char rating[16] = "unrated", coverage[40] = "";
        if (q->rated)
            snprintf(rating, sizeof rating, "rated %.1f", q->rating);
        if (q->covered)
            snprintf(coverage, sizeof coverage, ", %.0f%% of terms%s", q->coverage * 100,
                     q->rated ? "" : " (a provisional grade)");
        printf("  %-30s %s%s\n", cli_text(q->id), rating, coverage);
    }
}

static int stats_exec(int argc, char **argv)
{
    struct transcript_summary *list;
    size_t n;
    int json = 0;
    int parsed = cli_simple_options(&cmd_stats_entry, argc, argv, &json, 0);
    if (parsed != CLI_PARSED)
        return parsed;
    int rc = cli_list_sessions(&list, &n);
    if (rc != CLI_OK)
        return rc;
    struct stats st;
    if (stats_compute(&st, list, n) != REH_OK) {
        cli_error("out of memory");
        rc = CLI_FAILURE;
    }
    /* Only the JSON gives the text of the weakest questions. */
    for (size_t i = 0; rc == CLI_OK && json && i < st.n_weakest; i++)
        rc = cli_question_text(list, n, st.weakest[i].id, &st.weakest[i].text);
    if (rc == CLI_OK && json) {
        json_t *root = stats_json(&st);
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
        fputc('\n', stdout);
        json_decref(root);
    } else if (rc == CLI_OK && n == 0) {
        printf("No sessions yet. Start one with `rehearse run`.\n");
    } else if (rc == CLI_OK) {
        print_stats(&st);
    }
    stats_free(&st);
    session_index_free(list, n);
    return rc;
}

const struct cli_command cmd_stats_entry = {
    .name = "stats",
    .summary = "progress across sessions",
    .usage = USAGE,
    .exec = stats_exec,
};
