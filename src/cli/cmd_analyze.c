/* analyze: offline speech analysis of the recorded answers of a session:
 * machine transcription, pace, fillers, pauses, speaking ratio, time to the
 * first word and key-term coverage, stored in session.json. */
#include "cli.h"

static const char USAGE[] =
    "Usage: rehearse analyze SESSION [N]\n\n"
    "Analyzes the recorded answers of SESSION (a full id, a unique prefix of one, or\n"
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
    struct cli_session s;
    unsigned only;
    int rc = cli_simple_options(&cmd_analyze_entry, argc, argv, NULL, 1);
    if (rc != CLI_PARSED ||
        (rc = cli_session_open(&s, &cmd_analyze_entry, argc, argv, &only)) != CLI_OK)
        return rc;
    /* After an interview of this session is over: its lock is waited for. */
    if ((rc = cli_session_lock(&s, "analyze", 1, "cannot analyze")) == CLI_OK)
        rc = cli_analyze_answers(s.dir, &s.t, only, 0, 1);
    cli_session_close(&s);
    return rc;
}

const struct cli_command cmd_analyze_entry = {
    .name = "analyze",
    .summary = "offline speech analysis of the recordings",
    .usage = USAGE,
    .exec = analyze_exec,
};
