/* show: prints the transcript of a session: coloured and through a pager on
 * a terminal, plain when piped. */
#include "cli.h"
#include "../core/text.h"
#include "../core/transcript_md.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: rehearse show SESSION\n\n"
    "Prints the transcript of SESSION (a full id, a unique prefix of one, or 'last').\n"
    "On a terminal it is coloured and shown through $PAGER (default `less -R`) when\n"
    "longer than the screen; into a pipe it is plain Markdown.\n\n"
    "Options:\n"
    "  -h, --help  show this help\n";

/* Writes the Markdown, headings in bold and quotes dimmed when `color`. */
static void render(FILE *out, const char *md, int color)
{
    while (*md != '\0') {
        size_t n = strcspn(md, "\n");
        const char *sgr = !color ? NULL : md[0] == '#' ? "1" : md[0] == '>' ? "36" : NULL;
        if (sgr != NULL)
            fprintf(out, "\033[%sm%.*s\033[0m\n", sgr, (int)n, md);
        else
            fprintf(out, "%.*s\n", (int)n, md);
        md += n + (md[n] == '\n');
    }
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += *s == '\n';
    return n;
}

static int show_exec(int argc, char **argv)
{
    struct cli_session s;
    int rc = cli_simple_options(&cmd_show_entry, argc, argv, NULL, 1);
    if (rc != CLI_PARSED ||
        (rc = cli_session_open(&s, &cmd_show_entry, argc, argv, NULL)) != CLI_OK)
        return rc;
    char *markdown = transcript_markdown(&s.t);
    char *md = markdown != NULL ? text_for_terminal(markdown) : NULL; /* never raw controls */
    free(markdown);
    cli_session_close(&s);
    if (md == NULL) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    int color = cli_color(stdout);
    struct winsize ws;
    FILE *pager = NULL;
    if (color && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && count_lines(md) >= ws.ws_row) {
        const char *cmd = getenv("PAGER");
        signal(SIGPIPE, SIG_IGN); /* quitting the pager early is fine */
        pager = popen(cmd != NULL && *cmd != '\0' ? cmd : "less -R", "w");
    }
    render(pager != NULL ? pager : stdout, md, color);
    if (pager != NULL)
        pclose(pager);
    free(md);
    return CLI_OK;
}

const struct cli_command cmd_show_entry = {
    .name = "show",
    .summary = "print the transcript of a session",
    .usage = USAGE,
    .exec = show_exec,
};
