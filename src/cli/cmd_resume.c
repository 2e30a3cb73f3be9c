/* resume: continues an interrupted session at its first unanswered question
 * with the time that was left of its budget; the same session.json grows. */
#include "cli.h"
#include "../core/duration.h"
#include "../core/follow_up.h"
#include "../core/replay.h"
#include "../core/resume.h"
#include "../io/library.h"
#include "../io/session_lock.h"
#include "../io/answer_recorder.h"
#include "../io/store.h"

#include <getopt.h>
#include <string.h>

static const char USAGE[] =
    "Usage: rehearse resume SESSION [--device NAME|INDEX] [--voice] [--no-bell]\n\n"
    "Continues SESSION (a full id, a unique prefix of one, or 'last'), stopped by\n"
    "/quit, Ctrl-C or a crash, at its first unanswered question, with the time that\n"
    "was left of its budget. The questions and settings the session recorded when\n"
    "it started are asked, whether its scenario file or bank has changed since or\n"
    "is gone (a line says so). A session of an earlier version, which did not\n"
    "record them, draws them again from its scenario with its seed. An answer cut\n"
    "off with nothing typed is asked again; one with text is kept. A follow-up cut\n"
    "off is kept as it is and not asked again. A session being\n"
    "sat already (another `resume` of it) is not resumed twice: the second says by\n"
    "which process, and since when. It first says where it picks up: the answers\n"
    "kept, and whether the question cut off is asked again or kept.\n\n"
    "Options:\n"
    "  --device NAME|INDEX  input device for spoken answers\n"
    "  --voice              read each question aloud (as the scenario's `voice: true`)\n"
    "  --no-bell            no terminal bell at the warnings and the limit\n"
    "  -h, --help           show this help\n";

/* Says where the interview picks up, and why: the answers kept, and the
 * question cut off, asked again (`dropped`) or kept with what was given. */
static void say_where(const struct transcript *t, const struct resume_point *at, int dropped,
                      size_t n_items)
{
    char left[16];
    size_t kept = t->n_answers;
    enum answer_outcome last =
        kept > 0 ? follow_up_last(&t->answers[kept - 1])->outcome : OUTCOME_ANSWERED;
    printf("Resuming %s at question %zu of %zu, with %s of its time left.\n", t->id, kept + 1,
           n_items, duration_format((unsigned)(at->budget_s + 0.5), left, sizeof left));
    if (kept == 1)
        printf("Answer 1 is kept.\n");
    else if (kept > 1)
        printf("Answers 1-%zu are kept.\n", kept);
    if (dropped)
        printf("Question %zu was cut off before anything was given: it is asked again.\n",
               kept + 1);
    else if (kept > 0 && t->answers[kept - 1].outcome == OUTCOME_ABORTED)
        printf("Question %zu was cut off; what was given is kept.\n", kept);
    else if (kept > 0 && t->answers[kept - 1].n_follow_ups > 0 &&
             (last == OUTCOME_ABORTED || last == OUTCOME_IN_PROGRESS))
        printf("The follow-up to question %zu was cut off; it is kept as it is and not asked "
               "again.\n",
               kept);
}

/* The scenario and bank session t was sat with: its scenario, or for one
 * based on another (the questions of `run --weakest`), the base asking the
 * questions t recorded. */
static int open_scenario(const struct transcript *t, struct scenario *sc, struct bank *bank,
                         struct diag *err)
{
    struct scenario base;
    if (t->based_on == NULL)
        return library_open(t->scenario_id, sc, bank, err);
    int rc = library_open(t->based_on, &base, bank, err);
    if (rc != REH_OK)
        return rc;
    rc = scenario_of_questions(sc, &base, t->scenario_id, t->scenario_title, CLI_WEAKEST_SECTION,
                               (const char *const *)t->question_ids, t->n_planned, err);
    if (rc == REH_OK)
        rc = scenario_resolve(sc, bank, err);
    scenario_free(&base);
    if (rc != REH_OK) {
        scenario_free(sc);
        bank_free(bank);
    }
    return rc;
}

/* Checks that the plan drawn again asks what the session asked. */
static int same_questions(const struct transcript *t, const struct plan *plan)
{
    if (plan->n_items != t->n_planned || t->n_answers > plan->n_items)
        return 0;
    for (size_t i = 0; i < t->n_answers; i++)
        if (strcmp(plan->items[i].q->id, t->answers[i].question_id) != 0)
            return 0;
    return 1;
}

/* Says when the scenario file the session was drawn from has changed or
 * cannot be read since; the recorded questions are asked either way. */
static void say_source(const struct transcript *t)
{
    char path[PATH_MAX], sha256[LIBRARY_SHA256_HEX];
    struct diag err;
    if (t->source_path == NULL)
        return;
    if (library_source(t->source_path, path, sha256, &err) != REH_OK)
        printf("%s; asking the questions %s recorded\n", err.message, t->id);
    else if (t->source_sha256 == NULL || strcmp(sha256, t->source_sha256) != 0)
        printf("scenario file %s has changed since %s was sat; asking the recorded questions\n",
               t->source_path, t->id);
}

/* The scenario and plan to go on with: those the session recorded, or for
 * a session of the earlier shape, its scenario and bank drawn again with its
 * seed, which must ask what it asked (the plan is then recorded). Returns
 * the exit code after saying what failed; sc, bank and plan are released
 * with scenario_free, bank_free and plan_free either way. */
static int open_plan(struct transcript *t, struct scenario *sc, struct bank *bank,
                     struct plan *plan)
{
    struct diag err;
    memset(bank, 0, sizeof *bank);
    memset(plan, 0, sizeof *plan);
    if (t->plan != NULL) {
        say_source(t);
        if (replay_open(t, sc, plan, &err) == REH_OK)
            return CLI_OK;
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    int rc = open_scenario(t, sc, bank, &err);
    if (rc != REH_OK) {
        memset(sc, 0, sizeof *sc);
        cli_error("cannot resume %s: %s", t->id, err.message);
        return diag_exit_code(rc);
    }
    if (plan_draw(plan, sc, bank, t->seed, MODE_INHERIT, &err) != REH_OK) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    if (!same_questions(t, plan)) {
        cli_error("scenario '%s' has changed since %s was sat; it cannot be resumed", sc->id,
                  t->id);
        return CLI_FAILURE;
    }
    if (transcript_record_plan(t, sc, plan) != REH_OK) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    return CLI_OK;
}

static int resume_exec(int argc, char **argv)
{
    static const struct option options[] = {{"device", required_argument, NULL, 'd'},
                                            {"voice", no_argument, NULL, 'v'},
                                            {"no-bell", no_argument, NULL, 'b'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *device = NULL;
    int voice = 0, no_bell = 0;
    struct cli_session s;
    struct transcript *t = &s.t;
    struct scenario sc;
    struct bank bank;
    struct plan plan;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c == 'd')
            device = optarg;
        else if (c == 'v')
            voice = 1;
        else if (c == 'b')
            no_bell = 1;
        else
            return cli_other_option(&cmd_resume_entry, c);
    }
    int rc = cli_interview_settings();
    if (rc == CLI_OK)
        rc = cli_session_open(&s, &cmd_resume_entry, argc, argv, NULL);
    if (rc != CLI_OK)
        return rc;
    /* Held for the whole interview; the session is read again under it. */
    if ((rc = cli_session_lock(&s, "resume", 0, "cannot resume")) != CLI_OK)
        goto close;
    rc = CLI_FAILURE;
    int dropped = transcript_last_unanswered(t); /* resume_open drops it */
    enum resume_decision decision = resume_open(t, CLI_WEAKEST_ID);
    if (decision == RESUME_COMPLETED) {
        cli_error("%s is completed; `rehearse run %s` starts a new one", t->id, t->scenario_id);
        goto close;
    }
    if (decision == RESUME_UNRECORDED) {
        cli_error("%s cannot be resumed: it does not record the questions the practice schedule "
                  "chose; `rehearse run --weakest` starts a new one",
                  t->id);
        goto close;
    }
    rc = open_plan(t, &sc, &bank, &plan);
    if (rc != CLI_OK)
        goto done;
    rc = CLI_FAILURE;
    struct resume_point at;
    decision = resume_point(t, plan.n_items, sc.budget_s, &at);
    if (decision == RESUME_NO_QUESTION)
        cli_error("%s has no question left to answer", t->id);
    else if (decision == RESUME_NO_TIME)
        cli_error("%s has no time left of its %u-second budget", t->id, sc.budget_s);
    else {
        say_where(t, &at, dropped, plan.n_items);
        rc = cli_interview(&(struct interview){.sc = &sc,
                                               .plan = &plan,
                                               .store = &s.st,
                                               .t = t,
                                               .resume_from = at.from,
                                               .budget_s = at.budget_s,
                                               .device = device,
                                               .sample_rate = ANSWER_RECORDER_DEFAULT_RATE,
                                               .no_bell = no_bell,
                                               .voice = voice || sc.settings.voice});
    }
done:
    plan_free(&plan);
    scenario_free(&sc);
    bank_free(&bank);
close:
    cli_session_close(&s);
    return rc;
}

const struct cli_command cmd_resume_entry = {
    .name = "resume",
    .summary = "continue an interrupted session",
    .usage = USAGE,
    .exec = resume_exec,
};
