/* play: plays the recorded answers of a session, with the question shown, a
 * progress line, and keys: space pauses, n goes to the next, q quits. */
#include "cli.h"
#include "../core/duration.h"
#include "../io/audio_api.h"
#include "../io/recording.h"

#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: rehearse play SESSION [N]\n\n"
    "Plays the recorded answers of SESSION (a full id, a unique prefix of one, or\n"
    "'last'), or only answer N, through the default output: every take of an\n"
    "answer, oldest first, the earlier ones marked as not counted, then its\n"
    "follow-ups.\n\n"
    "Keys while playing (on a terminal): space pauses and resumes, n skips to the\n"
    "next answer, q quits.\n\n"
    "Options:\n"
    "  -h, --help  show this help\n";

struct player {
    const struct audio_api *api;
    int keys;     /* stdin is a terminal in raw mode */
    int progress; /* stdout is a terminal */
};

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static enum sound_play_action control(void *ctx, double position, double length, int paused)
{
    struct player *p = ctx;
    char pos[16], len[16], key = 0;
    if (interrupted)
        return PLAY_QUIT;
    if (p->progress) {
        printf("\r  %s / %s%s ", duration_clock(position, pos, sizeof pos),
               duration_clock(length, len, sizeof len), paused ? "  (paused)" : "          ");
        fflush(stdout);
    }
    struct pollfd fd = {.fd = STDIN_FILENO, .events = POLLIN};
    if (p->keys && poll(&fd, 1, 0) > 0 && read(STDIN_FILENO, &key, 1) == 1) {
        if (key == ' ')
            return PLAY_TOGGLE_PAUSE;
        if (key == 'n')
            return PLAY_NEXT;
        if (key == 'q')
            return PLAY_QUIT;
    }
    return PLAY_CONTINUE;
}

/* Plays one recording, headed by the answer (and the take when the answer
 * was taken again). Returns play_file's result, or the error of a
 * recording that cannot be played. */
static int play_one(const char *dir, const struct transcript *t, const struct transcript_answer *a,
                    size_t take, struct player *p, struct diag *err)
{
    const struct transcript_audio *audio = take < a->n_takes ? &a->takes[take].audio : &a->audio;
    char path[PATH_MAX + 160], len[16];
    if (a->follow_up > 0)
        printf("[%u/%zu] Follow-up %u (%s", a->n, t->n_answers, a->follow_up,
               duration_clock(audio->duration_s, len, sizeof len));
    else
        printf("[%u/%zu] %s (%s", a->n, t->n_answers, cli_text(a->section),
               duration_clock(audio->duration_s, len, sizeof len));
    if (a->n_takes > 0)
        printf(", take %zu of %zu%s", take + 1, a->n_takes + 1,
               take < a->n_takes ? ", not counted" : "");
    printf(")\n%s\n", cli_text(a->question));
    int rc = recording_path(dir, audio->file, path, sizeof path, err);
    if (rc != REH_OK)
        return rc;
    rc = p->api->play_file(path, control, p, err);
    if (p->progress)
        putchar('\n');
    return rc;
}

/* Plays the recordings of every take of answer a (unless `only` is
 * non-zero and another number), oldest take first, then those of its
 * follow-ups; counts them in *played. Returns REH_OK, SOUND_QUIT, or an
 * error with err set. */
static int play_answer(const char *dir, const struct transcript *t,
                       const struct transcript_answer *a, unsigned only, struct player *p,
                       size_t *played, struct diag *err)
{
    int rc = REH_OK;
    for (size_t k = 0; k <= a->n_takes && rc == REH_OK; k++) {
        const char *file = k < a->n_takes ? a->takes[k].audio.file : a->audio.file;
        if ((only && a->n != only) || file == NULL)
            continue;
        rc = play_one(dir, t, a, k, p, err);
        *played += rc == REH_OK || rc == SOUND_QUIT;
    }
    for (size_t k = 0; k < a->n_follow_ups && rc == REH_OK; k++)
        rc = play_answer(dir, t, &a->follow_ups[k], only, p, played, err);
    return rc;
}

/* Plays the recordings of the answers (only number `only` when non-zero)
 * and of their follow-ups, each right after the answer it follows. */
static int play_all(const char *dir, const struct transcript *t, unsigned only, struct player *p)
{
    struct diag err;
    size_t played = 0;
    int rc = REH_OK;
    for (size_t i = 0; i < t->n_answers && rc == REH_OK; i++)
        rc = play_answer(dir, t, &t->answers[i], only, p, &played, &err);
    if (rc != REH_OK && rc != SOUND_QUIT) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    if (played == 0) {
        if (only)
            cli_error("answer %u of %s has no recording", only, t->id);
        else
            cli_error("%s has no recorded answers", t->id);
        return CLI_FAILURE;
    }
    return CLI_OK;
}

static int play_exec(int argc, char **argv)
{
    struct cli_session s;
    struct diag err;
    unsigned only;
    int rc = cli_simple_options(&cmd_play_entry, argc, argv, NULL, 1);
    if (rc != CLI_PARSED ||
        (rc = cli_session_open(&s, &cmd_play_entry, argc, argv, &only)) != CLI_OK)
        return rc;
    if (recording_check_all(s.dir, &s.t, &err) != REH_OK) { /* before the audio system starts */
        cli_error("%s", err.message);
        cli_session_close(&s);
        return CLI_FAILURE;
    }
    struct player p = {.api = audio_api_load(&err),
                       .keys = isatty(STDIN_FILENO),
                       .progress = isatty(STDOUT_FILENO)};
    if (p.api == NULL || p.api->open(&err) != REH_OK) {
        cli_error("%s", err.message);
        cli_session_close(&s);
        return CLI_FAILURE;
    }
    struct termios saved, raw;
    if (p.keys && tcgetattr(STDIN_FILENO, &saved) == 0) {
        raw = saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    } else {
        p.keys = 0;
    }
    struct sigaction sa = {.sa_handler = on_interrupt}, old_int, old_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    rc = play_all(s.dir, &s.t, only, &p);
    if (p.keys)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    p.api->close();
    cli_session_close(&s);
    return rc;
}

const struct cli_command cmd_play_entry = {
    .name = "play",
    .summary = "play the recorded answers of a session",
    .usage = USAGE,
    .exec = play_exec,
};
