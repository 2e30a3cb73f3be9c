/* export: writes a session as Markdown, one self-contained HTML page, or
 * JSON, to standard output or a file. */
#include "cli.h"
#include "../core/html.h"
#include "../core/transcript_md.h"
#include "../io/audio_api.h"
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
    "Usage: rehearse export SESSION --format md|html|json [-o FILE|DIR/]\n\n"
    "Writes SESSION (a full id, a unique prefix of one, or 'last') as Markdown, as\n"
    "one self-contained HTML page (inline style, audio players for the recordings\n"
    "by relative path with a waveform of each, speech figures and hints, ratings,\n"
    "the interviewer's rubric, key terms, the model answers the session recorded,\n"
    "a chart of the time used), or as the session's JSON.\n\n"
    "Options:\n"
    "  -f, --format F  md, html or json (required)\n"
    "  -o, --output F  write to F instead of standard output (a new name in a\n"
    "                  session directory: none of its files is replaced)\n"
    "  -o DIR/         html: write DIR/SESSION.html with copies of the recordings\n"
    "                  beside it, a folder to zip and send (DIR is made if need be)\n"
    "  -h, --help      show this help\n\n"
    "An HTML page written anywhere but a session directory or DIR/ names the\n"
    "recordings instead of showing players that cannot find them.\n";

/* What reading the waveforms of a session's recordings needs. */
struct waving {
    const struct audio_api *api;
    int loaded; /* api was asked for: it is NULL when it failed to load */
    const char *dir;
    struct waveform *waves;
    size_t n;
};

static int wave_of(const struct transcript_audio *audio, void *ctx)
{
    struct waving *w = ctx;
    char path[4096];
    int16_t *samples = NULL;
    size_t n;
    unsigned rate;
    struct diag err;
    if (!w->loaded && (w->loaded = 1) && (w->api = audio_api_load(&err)) == NULL)
        fprintf(stderr, "rehearse export: the page has no waveforms: %s\n", err.message);
    struct waveform *more = realloc(w->waves, (w->n + 1) * sizeof *more);
    if (more == NULL)
        return -1;
    w->waves = more;
    /* A recording that cannot be read has no strip; its player says why. */
    if (w->api != NULL && recording_path(w->dir, audio->file, path, sizeof path, &err) == REH_OK &&
        w->api->read_wav(path, &samples, &n, &rate, &err) == REH_OK) {
        int rc = waveform_compute(&w->waves[w->n], audio->file, samples, n, rate);
        free(samples);
        if (rc != 0)
            return -1;
        w->n++;
    }
    return 0;
}

/* The page of t with the model answer of each question (as the session
 * recorded it, else, for a session of the earlier shape, from its bank) and
 * the waveform of each recording in dir. */
static char *page(const struct transcript *t, const char *dir, int recordings_elsewhere)
{
    struct bank bank;
    struct diag err;
    struct question *recorded = calloc(t->n_answers + 1, sizeof *recorded);
    const struct question **questions = calloc(t->n_answers + 1, sizeof *questions);
    int have_bank = t->plan == NULL && t->bank_id != NULL &&
                    library_open_bank(t->bank_id, &bank, &err) == REH_OK;
    struct waving w = {.dir = dir};
    char *doc = NULL;
    if (recorded != NULL && questions != NULL && transcript_each_recording(t, wave_of, &w) == 0) {
        for (size_t i = 0; i < t->n_answers; i++)
            questions[i] = cli_question(t, &t->answers[i], have_bank ? &bank : NULL, &recorded[i]);
        struct html_sources src = {questions, w.waves, w.n, recordings_elsewhere};
        doc = html_page(t, &src);
    }
    if (have_bank)
        bank_free(&bank);
    for (size_t i = 0; i < w.n; i++)
        waveform_free(&w.waves[i]);
    free(w.waves);
    free(questions);
    free(recorded);
    return doc;
}

static char *render(const struct transcript *t, const char *format, const char *dir,
                    int recordings_elsewhere)
{
    if (strcmp(format, "md") == 0)
        return transcript_markdown(t);
    if (strcmp(format, "html") == 0)
        return page(t, dir, recordings_elsewhere);
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

/* Whether a page written to `output` is in the session directory `dir`,
 * beside the recordings its players point at. */
static int beside(const char *output, const char *dir)
{
    char full[PATH_MAX], real[PATH_MAX];
    if (session_of(output, full) == NULL || realpath(dir, real) == NULL)
        return 0;
    size_t len = strlen(real);
    return strncmp(full, real, len) == 0 && full[len] == '/' && strchr(full + len + 1, '/') == NULL;
}

struct copying {
    const char *from, *to;
    struct diag err;
};

static int copy_one(const struct transcript_audio *audio, void *ctx)
{
    struct copying *c = ctx;
    return recording_copy(c->from, audio->file, c->to, &c->err);
}

/* Makes the folder `folder` (when missing) and copies the recordings of the
 * session in `dir` into it, unless it is that directory; fills page with
 * the path of the page in it. Returns CLI_OK or CLI_FAILURE, said. */
static int fill_folder(const char *folder, const char *dir, const struct transcript *t,
                       char page_path[PATH_MAX])
{
    char to[PATH_MAX], real[PATH_MAX], session[PATH_MAX];
    size_t len = strlen(folder);
    while (len > 1 && folder[len - 1] == '/') /* "report/" names the folder report */
        len--;
    if (snprintf(to, sizeof to, "%.*s", (int)len, folder) >= PATH_MAX ||
        snprintf(page_path, PATH_MAX, "%s/%s.html", to, t->id) >= PATH_MAX) {
        cli_error("cannot write into %s: its path is too long", folder);
        return CLI_FAILURE;
    }
    struct copying c = {.from = dir, .to = to};
    if (mkdir(folder, 0700) != 0 && errno != EEXIST) {
        cli_error("cannot make the folder %s: %s", folder, strerror(errno));
        return CLI_FAILURE;
    }
    if (realpath(folder, real) != NULL && realpath(dir, session) != NULL &&
        strcmp(real, session) == 0)
        return CLI_OK;
    if (transcript_each_recording(t, copy_one, &c) != REH_OK) {
        cli_error("%s", c.err.message);
        return CLI_FAILURE;
    }
    return CLI_OK;
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
    if (output != NULL && output[0] == '\0')
        return cli_usage_error(&cmd_export_entry, "-o needs a file or a folder/ to write to");
    struct stat st;
    int slash = output != NULL && output[strlen(output) - 1] == '/';
    int folder = output != NULL && format != NULL && strcmp(format, "html") == 0 &&
                 (slash || (stat(output, &st) == 0 && S_ISDIR(st.st_mode)));
    if (slash && !folder)
        return cli_usage_error(&cmd_export_entry, "-o DIR/ is for --format html; name a file");
    int rc = cli_session_open(&s, &cmd_export_entry, argc, argv, NULL);
    if (rc != CLI_OK)
        return rc;
    struct diag err;
    char page_path[PATH_MAX];
    if (recording_check_all(s.dir, &s.t, &err) != REH_OK) {
        cli_error("%s", err.message);
        cli_session_close(&s);
        return CLI_FAILURE;
    }
    if (folder && fill_folder(output, s.dir, &s.t, page_path) != CLI_OK) {
        cli_session_close(&s);
        return CLI_FAILURE;
    }
    if (folder)
        output = page_path;
    char *doc = render(&s.t, format, s.dir, output == NULL || (!folder && !beside(output, s.dir)));
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
