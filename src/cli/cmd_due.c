/* due: the questions of a bank due for practice today, and why. */
#include "cli.h"
#include "../io/library.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "Usage: rehearse due [--bank ID] [--json]\n\n"
    "Lists the questions due for practice today, weakest first, and the new ones\n"
    "that would be started today (3 a day), with the reason for each.\n"
    "`rehearse run --weakest` practises them. On a day with nothing due it says\n"
    "why: how many new questions were started today (or that none is left) and\n"
    "how many come due next, and when.\n\n"
    "Each answered, timed-out or skipped answer of your sessions is a review: your\n"
    "rating 1-5 when you gave one in `rehearse review`, else the share of the key\n"
    "terms it named (times 5), else 3 for an answer and 0 for none; a grade that is\n"
    "not your rating is provisional until you rate the answer. A question\n"
    "rated 3 or more comes back after 1 day, then 6, then ever longer (the interval\n"
    "times an ease that rises with good ratings); rated below 3 it starts again at\n"
    "1 day. The schedule is kept in $REHEARSE_HOME/schedule.json and rebuilt from\n"
    "the sessions when that file is missing or damaged. Set REHEARSE_TODAY=YYYY-MM-DD\n"
    "to see the schedule of another day.\n\n"
    "Options:\n"
    "  --bank ID   the question bank (default: " CLI_DEFAULT_BANK ")\n"
    "  --json      print JSON: {today, bank, due: [{question_id, category, reason,\n"
    "              due, days_late, interval_days, ease, reps, last_grade, provisional,\n"
    "              reviews}], later, next_due}\n"
    "  -h, --help  show this help\n";

static json_t *pick_json(const struct bank *bank, const struct schedule *s,
                         const struct schedule_pick *p, int today)
{
    const struct schedule_item *it = schedule_find(s, p->id);
    const struct question *q = bank_find(bank, p->id);
    char due[11];
    if (it == NULL)
        return json_pack("{s:s, s:s?, s:s, s:n, s:n, s:n, s:n, s:n, s:n, s:n, s:i}", "question_id",
                         p->id, "category", q->category, "reason", schedule_reason_name(p->reason),
                         "due", "days_late", "interval_days", "ease", "reps", "last_grade",
                         "provisional", "reviews", 0);
    return json_pack("{s:s, s:s?, s:s, s:s, s:i, s:i, s:f, s:i, s:i, s:b, s:i}", "question_id",
                     p->id, "category", q->category, "reason", schedule_reason_name(p->reason),
                     "due", schedule_date(it->due_day, due), "days_late", today - it->due_day,
                     "interval_days", it->interval_days, "ease", it->ease, "reps", it->reps,
                     "last_grade", it->last_grade, "provisional", it->provisional, "reviews",
                     it->reviews);
}

static void print_pick(const struct bank *bank, const struct schedule *s,
                       const struct schedule_pick *p, int today)
{
    const struct schedule_item *it = schedule_find(s, p->id);
    const struct question *q = bank_find(bank, p->id);
    char due[11], why[160];
    int late = it != NULL ? today - it->due_day : 0;
    const char *provisional = it != NULL && it->provisional ? " (provisional: not rated)" : "";
    if (it == NULL)
        snprintf(why, sizeof why, "new: never answered");
    else if (late == 0)
        snprintf(why, sizeof why, "due today, last grade %d/5%s, ease %.2f", it->last_grade,
                 provisional, it->ease);
    else
        snprintf(why, sizeof why, "due %s (%d day%s late), last grade %d/5%s, ease %.2f",
                 schedule_date(it->due_day, due), late, late == 1 ? "" : "s", it->last_grade,
                 provisional, it->ease);
    printf("  %-28s %-14s %s\n", p->id, q->category ? q->category : "-", why);
}

/* What the schedule holds beyond today for the questions of the bank. */
struct outlook {
    size_t later;     /* due after today */
    int next;         /* the soonest of those days, -1 when none */
    size_t next_due;  /* how many are due that day */
    size_t started;   /* first answered today */
    size_t unstarted; /* never answered */
};

static void outlook_of(const struct bank *bank, const struct schedule *s, int today,
                       struct outlook *o)
{
    memset(o, 0, sizeof *o);
    o->next = -1;
    for (size_t i = 0; i < bank->n_questions; i++) {
        const struct schedule_item *it = schedule_find(s, bank->questions[i].id);
        o->unstarted += it == NULL;
        if (it == NULL)
            continue;
        o->started += it->first_day == today;
        if (it->due_day <= today)
            continue;
        o->later++;
        if (o->next < 0 || it->due_day < o->next) {
            o->next = it->due_day;
            o->next_due = 0;
        }
        o->next_due += it->due_day == o->next;
    }
}

/* Why nothing is due today: the new questions of the day are done (or none
 * is left), and when the next ones come due. */
static void print_empty_day(const struct outlook *o, int today)
{
    char date[11], when[40];
    printf("Nothing is due today (%s): ", schedule_date(today, date));
    if (o->unstarted == 0)
        printf("every question of the bank has been started");
    else
        printf("today's %zu new question%s done", o->started, o->started == 1 ? " is" : "s are");
    if (o->next < 0) {
        printf("; nothing else is scheduled.\n");
        return;
    }
    if (o->next == today + 1)
        snprintf(when, sizeof when, "tomorrow");
    else
        snprintf(when, sizeof when, "on %s", schedule_date(o->next, date));
    printf("; %zu come%s due %s.\n", o->next_due, o->next_due == 1 ? "s" : "", when);
}

static int parse(int argc, char **argv, const char **bank_id, int *json)
{
    static const struct option options[] = {{"bank", required_argument, NULL, 'b'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c == 'h') {
            fputs(USAGE, stdout);
            return CLI_OK;
        }
        if (c == 'b')
            *bank_id = optarg;
        else if (c == 'j')
            *json = 1;
        else
            return cli_usage_error(&cmd_due_entry, "unknown option");
    }
    if (optind < argc)
        return cli_usage_error(&cmd_due_entry, "unexpected argument '%s'", argv[optind]);
    return CLI_PARSED;
}

static int due_exec(int argc, char **argv)
{
    const char *bank_id = CLI_DEFAULT_BANK;
    int json = 0, today;
    struct bank bank;
    struct schedule s;
    struct diag err;
    size_t n = 0;
    int rc = parse(argc, argv, &bank_id, &json);
    if (rc != CLI_PARSED)
        return rc;
    if ((rc = cli_today(&today)) != CLI_OK)
        return rc;
    if ((rc = library_open_bank(bank_id, &bank, &err)) != REH_OK) {
        cli_error("%s", err.message);
        return diag_exit_code(rc);
    }
    schedule_init(&s);
    struct schedule_pick *picks = calloc(bank.n_questions + 1, sizeof *picks);
    if (picks == NULL) {
        cli_error("out of memory");
        rc = CLI_FAILURE;
        goto done;
    }
    rc = cli_schedule(bank.id, &s);
    if (rc == CLI_OK)
        rc = cli_pick(&bank, &s, today, bank.n_questions, (uint64_t)today, picks, &n);
    if (rc != CLI_OK)
        goto done;
    while (n > 0 && picks[n - 1].reason == SCHEDULE_AHEAD)
        n--;
    struct outlook o;
    outlook_of(&bank, &s, today, &o);
    char date[11], next_date[11];
    schedule_date(today, date);
    if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(list, pick_json(&bank, &s, &picks[i], today));
        json_t *root = json_pack("{s:s, s:s, s:o, s:I, s:s?}", "today", date, "bank", bank.id,
                                 "due", list, "later", (json_int_t)o.later, "next_due",
                                 o.next >= 0 ? schedule_date(o.next, next_date) : NULL);
        json_dumpf(root, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(root);
        goto done;
    }
    if (n == 0) {
        print_empty_day(&o, today);
        goto done;
    }
    printf("%s\n", cli_style(stdout, "1", "Due today, weakest first"));
    for (size_t i = 0; i < n; i++)
        print_pick(&bank, &s, &picks[i], today);
    if (o.later > 0)
        printf("%zu more question%s due later; the next on %s.\n", o.later,
               o.later == 1 ? " is" : "s are", schedule_date(o.next, next_date));
    if (strcmp(bank.id, CLI_DEFAULT_BANK) == 0)
        printf("`rehearse run --weakest %zu` practises %s.\n", n < 8 ? n : 8,
               n <= 8 ? "them" : "the first 8");
    else
        printf("`rehearse run SCENARIO --weakest %zu`, with a scenario of bank '%s', practises "
               "%s.\n",
               n < 8 ? n : 8, bank.id, n <= 8 ? "them" : "the first 8");
done:
    free(picks);
    schedule_free(&s);
    bank_free(&bank);
    return rc;
}

const struct cli_command cmd_due_entry = {
    .name = "due",
    .summary = "questions due for practice today, weakest first",
    .usage = USAGE,
    .exec = due_exec,
};
