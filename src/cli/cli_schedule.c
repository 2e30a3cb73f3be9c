/* cli_schedule: today's date and the spaced-repetition schedule of a bank,
 * shared by `due` and `run --weakest`. */
#include "cli.h"
#include "../io/config.h"
#include "../io/paths.h"
#include "../io/schedule_store.h"
#include "../io/session_index.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int cli_today(int *day)
{
    const char *injected = getenv("REHEARSE_TODAY");
    char date[16];
    if (injected != NULL && injected[0] != '\0') {
        *day = strlen(injected) == 10 ? schedule_day(injected) : -1; /* YYYY-MM-DD only */
        if (*day < 0 || injected[4] != '-') {
            cli_error("REHEARSE_TODAY='%s' is not a date; write it as YYYY-MM-DD or unset it",
                      injected);
            return CLI_USAGE;
        }
        return CLI_OK;
    }
    time_t now = time(NULL);
    struct tm tm;
    strftime(date, sizeof date, "%Y-%m-%d", localtime_r(&now, &tm));
    *day = schedule_day(date);
    return CLI_OK;
}

/* Whether config.yaml lets rubrics grade the schedule (rubric_in_schedule:
 * true); an invalid config.yaml is said where it is used, not here. */
static int cli_rubric_in_schedule(void)
{
    struct config cfg;
    struct diag err;
    int on = config_load(&cfg, &err) == REH_OK && cfg.interviewer != NULL &&
             cfg.interviewer->rubric_in_schedule;
    config_free(&cfg);
    return on;
}

int cli_schedule(const char *bank_id, struct schedule *s)
{
    char home[PATH_MAX];
    struct transcript_summary *list;
    size_t n;
    struct diag err;
    enum schedule_rebuilt rebuilt;
    if (paths_home(home, &err) != REH_OK) {
        cli_error("no data home: set REHEARSE_HOME (or HOME)");
        return CLI_FAILURE;
    }
    int rc = cli_list_sessions(&list, &n);
    if (rc != CLI_OK)
        return rc;
    if (cli_rubric_in_schedule())
        for (size_t i = 0; i < n; i++)
            transcript_rate_by_rubric(&list[i]);
    rc = schedule_store_sync(home, bank_id, list, n, s, &rebuilt, &err);
    session_index_free(list, n);
    if (rebuilt == SCHEDULE_REBUILT_DAMAGED)
        cli_error("%s/schedule.json could not be read; it was rebuilt from your sessions", home);
    if (rc == REH_ENOMEM) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    if (rc != REH_OK) /* the schedule is right; only saving it failed */
        cli_error("%s", err.message);
    return CLI_OK;
}

int cli_pick(const struct bank *bank, const struct schedule *s, int today, size_t n_wanted,
             uint64_t seed, struct schedule_pick *out, size_t *n_out)
{
    const char **ids = calloc(bank->n_questions ? bank->n_questions : 1, sizeof *ids);
    if (ids == NULL) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    for (size_t i = 0; i < bank->n_questions; i++)
        ids[i] = bank->questions[i].id;
    int rc = schedule_pick(s, ids, bank->n_questions, today, n_wanted, seed, out, n_out);
    free(ids);
    if (rc != REH_OK) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    return CLI_OK;
}
