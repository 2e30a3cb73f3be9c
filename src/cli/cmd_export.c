/* export: writes a session as Markdown, one self-contained HTML page, or
 * JSON, to standard output or a file. */
#include "cli.h"
#include "../core/html.h"
#include "../core/transcript_md.h"
#include "../io/library.h"
#include "../io/paths.h"
#include "../io/recording.h"
#include "../io/session_codec.h"
#include "../io/store.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: rehearse export SESSION --format md|html|json [-o FILE]\n\n"
    "Writes SESSION (a full id, a unique prefix of one, or 'last') as Markdown, as\n"
    "one self-contained HTML page (inline style, audio players for the recordings\n"
    "by relative path, ratings, key terms, the model answers the session recorded,\n"
    "a chart of the time used), or as the session's JSON.\n\n"
    "Options:\n"
    "  -f, --format F  md, html or json (required)\n"
    "  -o, --output F  write to F instead of standard output; for html, put F in\n"
    "                  the session directory for the audio players to find the WAVs\n"
    "                  (a new name: no file of a session directory is replaced)\n"
    "  -h, --help      show this help\n";

/* The page of t with the model answer of each question: as the session
 * recorded it, else (a session of the earlier shape) from its bank. */
static char *page(const struct transcript *t)
{
    struct bank bank;
    struct diag err;
    struct question *recorded = calloc(t->n_answers + 1, sizeof *recorded);
    const struct question **questions = calloc(t->n_answers + 1, sizeof *questions);
    int have_bank = t->plan == NULL && t->bank_id != NULL &&
                    library_open_bank(t->bank_id, &bank, &err) == REH_OK;
    char *doc = NULL;
    if (recorded != NULL && questions != NULL) {
        for (size_t i = 0; i < t->n_answers; i++)
            questions[i] = cli_question(t, &t->answers[i], have_bank ? &bank : NULL, &recorded[i]);
        doc = html_page(t, questions);
    }
    if (have_bank)
        bank_free(&bank);
    free(questions);
    free(recorded);
    return doc;
}

static char *render(const struct transcript *t, const char *format)
{
    if (strcmp(format, "md") == 0)
        return transcript_markdown(t);
    if (strcmp(format, "html") == 0)
        return page(t);
    json_t *root = NULL;
    struct diag err;
    char *s = session_codec_encode(t, &root, &err) == REH_OK
                  ? json_dumps(root, SESSION_CODEC_DUMP_FLAGS)
                  : NULL;
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

/* The session directory `path` would be in, or NULL: `path` is resolved
 * (symbolic links too, or its directory when it does not exist yet) and
 * compared with the data home's sessions. Returns a pointer into `full`. */
static const char *session_of(const char *path, char full[PATH_MAX])
{
    char home[PATH_MAX], sessions[PATH_MAX + 16], root[PATH_MAX], parent[PATH_MAX];
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    struct diag err;
    if (paths_home(home, &err) != REH_OK)
        return NULL;
    snprintf(sessions, sizeof sessions, "%s/sessions", home);
    if (realpath(sessions, root) == NULL)
        return NULL;
    if (realpath(path, full) == NULL) { /* a new file: where its directory is */
        if (slash == NULL)
            snprintf(parent, sizeof parent, ".");
        else
            snprintf(parent, sizeof parent, "%.*s", slash == path ? 1 : (int)(slash - path), path);
        if (realpath(parent, full) == NULL || strlen(full) + strlen(base) + 2 > PATH_MAX)
            return NULL;
        strcat(strcat(full, "/"), base);
    }
    size_t len = strlen(root);
    if (strncmp(full, root, len) != 0 || full[len] != '/' || strchr(full + len + 1, '/') == NULL)
        return NULL;
    return full + len + 1;
}

/* Opens the output file. A session directory may receive a new file (a
 * page beside the recordings), never a replacement for one it holds. */
static FILE *open_output(const char *output)
{
    char full[PATH_MAX];
    const char *session = session_of(output, full);
    int fd = open(output, O_WRONLY | O_CREAT | O_CLOEXEC | (session ? O_EXCL : O_TRUNC), 0600);
    if (fd < 0 && session != NULL && errno == EEXIST) {
        cli_error("refusing to replace %s: it is a file of session %.*s; choose a new name", output,
                  (int)strcspn(session, "/"), session);
        return NULL;
    }
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (out == NULL) {
        cli_error("cannot write %s: %s", output, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    return out;
}

static int export_exec(int argc, char **argv)
{
    static const struct option options[] = {{"format", required_argument, NULL, 'f'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *format = NULL, *output = NULL;
    struct cli_session s;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", options, NULL)) != -1) {
        if (c == 'f')
            format = optarg;
        else if (c == 'o')
            output = optarg;
        else
            return cli_other_option(&cmd_export_entry, c);
    }
    if (optind + 1 == argc && (format == NULL || (strcmp(format, "md") && strcmp(format, "html") &&
                                                  strcmp(format, "json"))))
        return cli_usage_error(&cmd_export_entry, "--format must be md, html or json");
    int rc = cli_session_open(&s, &cmd_export_entry, argc, argv, NULL);
    if (rc != CLI_OK)
        return rc;
    struct diag err;
    if (recording_check_all(s.dir, &s.t, &err) != REH_OK) {
        cli_error("%s", err.message);
        cli_session_close(&s);
        return CLI_FAILURE;
    }
    char *doc = render(&s.t, format);
    cli_session_close(&s);
    if (doc == NULL) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    /* Transcripts are personal: a new file is readable by its owner only. */
    FILE *out = output ? open_output(output) : stdout;
    if (out == NULL) {
        rc = CLI_FAILURE;
    } else {
        int failed = fputs(doc, out) < 0;
        if (output != NULL)
            failed |= fclose(out) != 0;
        if (failed) {
            cli_error("cannot write %s: %s", output ? output : "standard output", strerror(errno));
            rc = CLI_FAILURE;
        }
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
