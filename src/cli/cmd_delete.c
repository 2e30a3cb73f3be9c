/* delete: removes a session (its record, transcript and recordings) after
 * asking, under the session lock, and drops it from the sessions index. */
#include "cli.h"
#include "../io/paths.h"
#include "../io/session_index.h"
#include "../io/session_remove.h"

#include <getopt.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: rehearse delete SESSION [--yes]\n\n"
    "Deletes a session: its record, its transcript and its recordings, and its\n"
    "line in `rehearse sessions`. SESSION is an id, a unique prefix of one, or\n"
    "'last'. On a terminal it asks first (y/N); from a script give --yes, without\n"
    "which it refuses when its input is not a terminal. A session whose interview\n"
    "is running (`rehearse run` or `resume`) is not deleted.\n"
    "Exit status: 0 deleted, 1 not deleted (declined, or in use), 2 usage error\n"
    "(no --yes without a terminal), 65 no such session.\n\n"
    "Options:\n"
    "  -y, --yes   delete without asking\n"
    "  -h, --help  show this help\n";

/* The number of recordings of t: answers and earlier takes with audio. */
static size_t recordings(const struct transcript *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct transcript_answer *a = &t->answers[i];
        n += a->audio.file != NULL;
        for (size_t k = 0; k < a->n_takes; k++)
            n += a->takes[k].audio.file != NULL;
    }
    return n;
}

/* Asks on the terminal; whether the answer is yes. */
static int confirmed(const struct transcript *t)
{
    char line[64];
    size_t n = recordings(t);
    printf("Delete session %s (%s, %zu answer%s, %zu recording%s)? [y/N] ", cli_text(t->id),
           cli_text(t->scenario_title != NULL ? t->scenario_title : t->scenario_id), t->n_answers,
           t->n_answers == 1 ? "" : "s", n, n == 1 ? "" : "s");
    fflush(stdout);
    if (fgets(line, sizeof line, stdin) == NULL) {
        fputc('\n', stdout);
        return 0;
    }
    line[strcspn(line, "\n")] = '\0';
    return strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 || strcmp(line, "yes") == 0;
}

static int delete_exec(int argc, char **argv)
{
    static const struct option options[] = {
        {"yes", no_argument, NULL, 'y'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    int yes = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "yh", options, NULL)) != -1) {
        if (c == 'y')
            yes = 1;
        else
            return cli_other_option(&cmd_delete_entry, c);
    }
    if (!yes && !isatty(STDIN_FILENO))
        return cli_usage_error(&cmd_delete_entry,
                               "not deleting without asking: give --yes to delete from a script");
    struct cli_session s;
    char home[PATH_MAX];
    struct diag err;
    int rc = cli_session_open(&s, &cmd_delete_entry, argc, argv, NULL);
    if (rc != CLI_OK)
        return rc;
    if ((rc = cli_session_lock(&s, "delete", 0, "cannot delete")) != CLI_OK)
        goto done;
    if (!yes && !confirmed(&s.t)) {
        printf("Kept %s.\n", cli_text(s.t.id));
        rc = CLI_FAILURE;
        goto done;
    }
    if (session_remove(s.dir, &err) != REH_OK) {
        cli_error("%s", err.message);
        rc = CLI_FAILURE;
        goto done;
    }
    printf("Deleted %s.\n", cli_text(s.t.id));
    if (paths_home(home, &err) == REH_OK && session_index_forget(home, s.t.id, &err) != REH_OK)
        cli_error("%s (`rehearse sessions` rebuilds it)", err.message);
done:
    cli_session_close(&s);
    return rc;
}

const struct cli_command cmd_delete_entry = {
    .name = "delete",
    .summary = "delete a session and its recordings",
    .usage = USAGE,
    .exec = delete_exec,
};
