/* main: the table of commands, global options and dispatch. */
#include "cli.h"
#include "../core/text.h"
#include "../io/terminal.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "version.h" /* made by the build: REHEARSE_VERSION_STRING */

static const struct cli_command *const COMMANDS[] = {
    &cmd_run_entry,     &cmd_scenarios_entry, &cmd_bank_entry,     &cmd_check_entry,
    &cmd_devices_entry, &cmd_mic_entry,       &cmd_sessions_entry, &cmd_show_entry,
    &cmd_review_entry,  &cmd_play_entry,      &cmd_export_entry,   &cmd_stats_entry,
    &cmd_resume_entry,  &cmd_analyze_entry,   &cmd_due_entry,      &cmd_delete_entry,
};
#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

void cli_error(const char *fmt, ...)
{
    char message[8192]; /* paths and a diagnostic */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    fprintf(stderr, "rehearse: %s\n", cli_text(message)); /* may quote a file */
}

const char *cli_text(const char *s)
{
    static char *shown[8];
    static unsigned next;
    char **slot = &shown[next++ % 8];
    free(*slot);
    *slot = text_for_terminal(s);
    return *slot != NULL ? *slot : "(out of memory)";
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "rehearse %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'rehearse %s --help'.\n", cmd->name);
    return CLI_USAGE;
}

int cli_other_option(const struct cli_command *cmd, int c)
{
    if (c != 'h')
        return cli_usage_error(cmd, "unknown option");
    fputs(cmd->usage, stdout);
    return CLI_OK;
}

int cli_simple_options(const struct cli_command *cmd, int argc, char **argv, int *json,
                       int positional)
{
    static const struct option with_json[] = {
        {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    const struct option *options = json != NULL ? with_json : with_json + 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c != 'j' || json == NULL)
            return cli_other_option(cmd, c);
        *json = 1;
    }
    if (!positional && optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return CLI_PARSED;
}

int cli_color(FILE *f)
{
    return terminal_color_allowed(fileno(f));
}

/* The screen's width (wide) or height of f: the terminal's size, else the
 * environment variable `name`, else 0. */
static size_t screen_size(FILE *f, int wide, const char *name)
{
    struct winsize ws;
    if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 &&
        (wide ? ws.ws_col : ws.ws_row) != 0)
        return wide ? ws.ws_col : ws.ws_row;
    const char *value = getenv(name);
    char *end;
    errno = 0;
    long n = value != NULL ? strtol(value, &end, 10) : 0;
    return value != NULL && *value != '\0' && *end == '\0' && errno == 0 && n > 0 && n < 100000
               ? (size_t)n
               : 0;
}

size_t cli_columns(FILE *f)
{
    return screen_size(f, 1, "COLUMNS");
}

size_t cli_rows(FILE *f)
{
    return screen_size(f, 0, "LINES");
}

const char *cli_style(FILE *f, const char *sgr, const char *s)
{
    static char buffers[4][512];
    static unsigned next;
    if (!cli_color(f))
        return s;
    char *b = buffers[next++ % 4];
    snprintf(b, sizeof buffers[0], "\033[%sm%s\033[0m", sgr, s);
    return b;
}

static void print_help(FILE *out)
{
    fprintf(out, "Usage: rehearse [COMMAND] [OPTIONS]\n\n"
                 "Timed mock interviews in the terminal. Without a command, sits the default\n"
                 "45-minute senior data-engineering interview (rehearse run).\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-11s %s\n", COMMANDS[i]->name, COMMANDS[i]->summary);
    fprintf(out, "\nOptions:\n"
                 "  -h, --help     show this help\n"
                 "  --version      print the version\n\n"
                 "'rehearse COMMAND --help' describes a command. Exit status: 0 success,\n"
                 "1 failure, 2 usage error, 65 invalid scenario or bank file.\n");
}

static const struct cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(COMMANDS[i]->name, name) == 0)
            return COMMANDS[i];
    return NULL;
}

/* Runs the command argv names (the default one without). */
static int dispatch(int argc, char **argv)
{
    static char *default_argv[] = {"run", NULL};
    if (argc < 2)
        return cmd_run_entry.exec(1, default_argv);
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 || strcmp(first, "help") == 0) {
        if (argc > 2 && find_command(argv[2]) != NULL) {
            fputs(find_command(argv[2])->usage, stdout);
            return CLI_OK;
        }
        print_help(stdout);
        return CLI_OK;
    }
    if (strcmp(first, "--complete") == 0)
        return cli_complete(COMMANDS, N_COMMANDS, argc - 2, argv + 2);
    if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
        printf("rehearse %s\n", REHEARSE_VERSION_STRING);
        return CLI_OK;
    }
    if (first[0] == '-') /* options of the default command */
        return cmd_run_entry.exec(argc, argv);
    const struct cli_command *cmd = find_command(first);
    if (cmd == NULL) {
        cli_error("unknown command '%s'; 'rehearse --help' lists the commands", first);
        return CLI_USAGE;
    }
    return cmd->exec(argc - 1, argv + 1);
}

/* What a command printed must have reached standard output: a full disk or
 * a closed pipe behind it is a failure, not a silent loss. */
static int flush_stdout(int rc)
{
    int flushed = fflush(stdout) == 0;
    if (flushed && !ferror(stdout))
        return rc;
    cli_error("cannot write standard output: %s", flushed ? "a write failed" : strerror(errno));
    return rc == CLI_OK ? CLI_FAILURE : rc;
}

int main(int argc, char **argv)
{
    return flush_stdout(dispatch(argc, argv));
}
