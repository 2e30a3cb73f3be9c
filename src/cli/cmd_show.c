/* show: prints the transcript of a session: rendered and through a pager on
 * a terminal, plain Markdown when piped or asked for. */
#include "cli.h"
#include "../core/text.h"
#include "../core/transcript_md.h"
#include "../io/term_markdown.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: rehearse show [--raw] SESSION\n\n"
    "Prints the transcript of SESSION (a full id, a unique prefix of one, or 'last').\n"
    "On a terminal its Markdown is rendered (headings and your answer's label in\n"
    "bold, quotes behind a bar, lists with bullets, lines wrapped at word\n"
    "boundaries to the screen's width; coloured unless NO_COLOR is set) and shown\n"
    "through $PAGER (default `less -R`) when longer than the screen; into a pipe,\n"
    "or with --raw, it is the plain Markdown of transcript.md.\n\n"
    "Options:\n"
    "  -r, --raw   the Markdown as it is, even on a terminal\n"
    "  -h, --help  show this help\n";

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += *s == '\n';
    return n;
}

/* The Markdown of the session, rendered for the terminal unless `raw`; a
 * new string, or NULL when out of memory. */
static char *document(const struct transcript *t, int raw)
{
    char *markdown = transcript_markdown(t);
    char *md = markdown != NULL ? text_for_terminal(markdown) : NULL; /* never raw controls */
    free(markdown);
    if (md == NULL || raw)
        return md;
    char *shown = term_markdown(md, (unsigned)cli_columns(stdout), cli_color(stdout));
    free(md);
    return shown;
}

static int show_exec(int argc, char **argv)
{
    static const struct option options[] = {
        {"raw", no_argument, NULL, 'r'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    struct cli_session s;
    int raw = !isatty(STDOUT_FILENO), c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "rh", options, NULL)) != -1) {
        if (c == 'r')
            raw = 1;
        else
            return cli_other_option(&cmd_show_entry, c);
    }
    if ((rc = cli_session_open(&s, &cmd_show_entry, argc, argv, NULL)) != CLI_OK)
        return rc;
    char *doc = document(&s.t, raw);
    cli_session_close(&s);
    if (doc == NULL) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    FILE *pager = NULL;
    if (isatty(STDOUT_FILENO) && count_lines(doc) >= cli_rows(stdout)) {
        const char *cmd = getenv("PAGER");
        signal(SIGPIPE, SIG_IGN); /* quitting the pager early is fine */
        pager = popen(cmd != NULL && *cmd != '\0' ? cmd : "less -R", "w");
    }
    fputs(doc, pager != NULL ? pager : stdout);
    if (pager != NULL)
        pclose(pager);
    free(doc);
    return CLI_OK;
}

const struct cli_command cmd_show_entry = {
    .name = "show",
    .summary = "print the transcript of a session",
    .usage = USAGE,
    .exec = show_exec,
};
