/* analyze: offline speech analysis of the recorded answers of a session:
 * machine transcription, pace, fillers, pauses, speaking ratio, time to the
 * first word and key-term coverage, stored in session.json. */
#include "cli.h"
#include "../io/session_lock.h"
#include "../io/store.h"

#include <getopt.h>
#include <stdlib.h>

static const char USAGE[] =
    "Usage: rehearse analyze SESSION [N]\n\n"
    "Analyses the recorded answers of SESSION (a full id, a unique prefix of one, or\n"
    "'last'), or only answer N, on this machine: a machine transcription (which\n"
    "becomes the answer's text when nothing was typed), words per minute of speaking\n"
    "time, fillers (the list in fillers.txt), pauses over 2 s, the share of time\n"
    "spent speaking, the time to the first word, and the key terms named. The\n"
    "figures are saved in session.json and shown by show, review and export.\n"
    "While an interview of SESSION is going on (`run`, `resume`), analyze says so\n"
    "and waits for it to end.\n\n"
    "Options:\n"
    "  -h, --help  show this help\n";

static int analyze_exec(int argc, char **argv)
{
    char dir[PATH_MAX];
    struct transcript t;
    struct store st;
    struct session_lock lock;
    unsigned long only = 0;
    int parsed = cli_simple_options(&cmd_analyze_entry, argc, argv, NULL, 1);
    if (parsed != CLI_PARSED)
        return parsed;
    if (optind == argc || optind + 2 < argc)
        return cli_usage_error(&cmd_analyze_entry, "give a session (an id or 'last') and N");
    if (optind + 1 < argc) {
        char *end;
        only = strtoul(argv[optind + 1], &end, 10);
        if (*end != '\0' || only == 0 || only > 10000)
            return cli_usage_error(&cmd_analyze_entry, "N must be an answer number");
    }
    int rc = cli_open_session(argv[optind], dir, &t);
    if (rc != CLI_OK)
        return rc;
    /* After an interview of this session is over: its lock is waited for. */
    if ((rc = cli_lock_reload(&st, &lock, dir, &t, "analyze", 1, "cannot analyse")) != CLI_OK)
        return rc;
    rc = cli_analyze_answers(dir, &t, (unsigned)only, 0, 1);
    session_lock_release(&lock);
    store_close(&st);
    transcript_free(&t);
    return rc;
}

const struct cli_command cmd_analyze_entry = {
    .name = "analyze",
    .summary = "offline speech analysis of the recordings",
    .usage = USAGE,
    .exec = analyze_exec,
};
