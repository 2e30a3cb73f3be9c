/* export: writes a session as Markdown, one self-contained HTML page, or
 * JSON, to standard output or a file. */
#include "cli.h"
#include "../core/html.h"
#include "../io/recording.h"
#include "../io/store.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: rehearse export SESSION --format md|html|json [-o FILE]\n\n"
    "Writes SESSION (a full id, a unique prefix of one, or 'last') as Markdown, as\n"
    "one self-contained HTML page (inline style, audio players for the recordings\n"
    "by relative path, ratings, key terms, a chart of the time used), or as the\n"
    "session's JSON.\n\n"
    "Options:\n"
    "  -f, --format F  md, html or json (required)\n"
    "  -o, --output F  write to F instead of standard output; for html, put F in\n"
    "                  the session directory for the audio players to find the WAVs\n"
    "  -h, --help      show this help\n";

static char *render(const struct transcript *t, const char *format)
{
    if (strcmp(format, "md") == 0)
        return transcript_markdown(t);
    if (strcmp(format, "html") == 0)
        return html_page(t);
    json_t *root = store_transcript_json(t);
    char *s = root ? json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(root);
    if (s != NULL) {
        char *line = realloc(s, strlen(s) + 2);
        if (line == NULL) {
            free(s);
            return NULL;
        }
        strcat(line, "\n");
        s = line;
    }
    return s;
}

static int export_exec(int argc, char **argv)
{
    static const struct option options[] = {{"format", required_argument, NULL, 'f'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *format = NULL, *output = NULL;
    char dir[PATH_MAX];
    struct transcript t;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", options, NULL)) != -1) {
        if (c == 'f')
            format = optarg;
        else if (c == 'o')
            output = optarg;
        else if (c == 'h') {
            fputs(USAGE, stdout);
            return CLI_OK;
        } else
            return cli_usage_error(&cmd_export_entry, "unknown option");
    }
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_export_entry, "give one session: an id or 'last'");
    if (format == NULL ||
        (strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "json")))
        return cli_usage_error(&cmd_export_entry, "--format must be md, html or json");
    int rc = cli_open_session(argv[optind], dir, &t);
    if (rc != CLI_OK)
        return rc;
    struct diag err;
    if (recording_check_all(dir, &t, &err) != REH_OK) {
        cli_error("%s", err.message);
        transcript_free(&t);
        return CLI_FAILURE;
    }
    char *doc = render(&t, format);
    transcript_free(&t);
    if (doc == NULL) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    /* Transcripts are personal: a new file is readable by its owner only. */
    int fd = output ? open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
    FILE *out = output ? (fd >= 0 ? fdopen(fd, "w") : NULL) : stdout;
    if (out == NULL || fputs(doc, out) < 0 || (output && fclose(out) != 0)) {
        cli_error("cannot write %s: %s", output ? output : "standard output", strerror(errno));
        if (out == NULL && fd >= 0)
            close(fd);
        rc = CLI_FAILURE;
    }
    free(doc);
    return rc;
}

const struct cli_command cmd_export_entry = {
    .name = "export",
    .summary = "write a session as Markdown, HTML or JSON",
    .usage = USAGE,
    .exec = export_exec,
};
