/* play: plays the recorded answers of a session, with the question shown, a
 * status line, and keys (io/player.h): space pauses, the arrows seek, n goes
 * to the next, q or Enter quits. */
#include "cli.h"
#include "../core/duration.h"
#include "../io/audio_api.h"
#include "../io/player.h"
#include "../io/recording.h"

static const char USAGE[] =
    "Usage: rehearse play SESSION [N]\n\n"
    "Plays the recorded answers of SESSION (a full id, a unique prefix of one, or\n"
    "'last'), or only answer N, through the default output: every take of an\n"
    "answer, oldest first, the earlier ones marked as not counted, then its\n"
    "follow-ups.\n\n"
    "Keys while playing (on a terminal), shown on its status line: space pauses\n"
    "and resumes, the left and right arrows seek 5 s back and forward, n skips to\n"
    "the next recording, q or Enter quits.\n\n"
    "Options:\n"
    "  -h, --help  show this help\n";

/* The audio module and the keys of the playing. */
struct playing {
    const struct audio_api *api;
    struct player keys;
};

/* Plays one recording, headed by the answer (and the take when the answer
 * was taken again). Returns play_file's result, or the error of a
 * recording that cannot be played. */
static int play_one(const char *dir, const struct transcript *t, const struct transcript_answer *a,
                    size_t take, struct playing *p, struct diag *err)
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
    rc = p->api->play_file(path, player_control, &p->keys, err);
    player_done(&p->keys);
    return rc;
}

/* Plays the recordings of every take of answer a (unless `only` is
 * non-zero and another number), oldest take first, then those of its
 * follow-ups; counts them in *played. Returns REH_OK, SOUND_QUIT, or an
 * error with err set. */
static int play_answer(const char *dir, const struct transcript *t,
                       const struct transcript_answer *a, unsigned only, struct playing *p,
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
static int play_all(const char *dir, const struct transcript *t, unsigned only, struct playing *p)
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
    struct playing p = {.api = audio_api_load(&err)};
    if (p.api == NULL || p.api->open(&err) != REH_OK) {
        cli_error("%s", err.message);
        cli_session_close(&s);
        return CLI_FAILURE;
    }
    player_open(&p.keys, 1);
    rc = play_all(s.dir, &s.t, only, &p);
    player_close(&p.keys);
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
