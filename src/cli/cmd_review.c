/* review: walks the answers of a session with the model answers and key
 * points of the bank, marks the key terms used and missed, and asks for a
 * rating (1-5) and a note, saving after each one. */
#include "cli.h"
#include "../core/text.h"
#include "../core/duration.h"
#include "../core/take_compare.h"
#include "../core/transcript_md.h"
#include "../io/audio_api.h"
#include "../io/library.h"
#include "../io/playback.h"
#include "../io/player.h"
#include "../io/recording.h"
#include "../io/session_lock.h"
#include "../io/store.h"

#include <getopt.h>
#include <poll.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: rehearse review SESSION [--unrated]\n\n"
    "Walks the answers of SESSION (a full id, a unique prefix of one, or 'last'):\n"
    "the question, your answer (typed, or the recording's file, its machine\n"
    "transcription and what you typed while recording), then the model answer and\n"
    "its key points as the session recorded them from the bank, with the key terms\n"
    "your answer named and missed. Rate each answer 1-5 and add a note if you like; each\n"
    "rating is saved at once (before the note is asked for), onto session.json as it\n"
    "is then, so you can stop and continue later, and reviews of the same session in\n"
    "two terminals keep each other's ratings. While an interview of SESSION is going\n"
    "on (`run`, `resume`), review says by which process and exits.\n\n"
    "A follow-up question comes right after the answer it follows and is rated on\n"
    "its own; the question then counts with the lowest rating given to it and its\n"
    "follow-ups (in `stats`, `due` and `run --weakest`).\n\n"
    "At the rating prompt (which offers only what applies): 1-5 rates, Enter skips,\n"
    "the letter of a missed key term ([a], [b]...) marks it as named when your\n"
    "answer did name it in words the matching missed (saved at once, and counted\n"
    "in the grade from then on), p plays the recording (p1, p2... the earlier\n"
    "takes of an answer taken again), t shows the takes side by side (time, words,\n"
    "key terms named and missed, pace and fillers when analyzed; one under the\n"
    "other on a narrow screen), q stops. On a terminal the recording plays beside\n"
    "the prompt, which shows where it is and keeps taking keys; on an empty line\n"
    "the keys of `play` act on it: space pauses and resumes, the left and right\n"
    "arrows seek 5 s, q or Enter stops it. The same p key again stops it too,\n"
    "another p key plays that recording instead, and leaving the answer stops it\n"
    "(through a pipe it plays to its end). The walk ends with a summary: \"Rated\n"
    "5 of 5, average 3.8; 2 due tomorrow.\"\n\n"
    "Options:\n"
    "  -u, --unrated  only the answers not rated yet\n"
    "  -h, --help     show this help\n";

/* The line readline's callback interface handed over, and whether it did. */
static char *asked_line;
static int asked;

static void on_asked(char *line)
{
    asked_line = line;
    asked = 1;
    if (line == NULL)
        putchar('\n'); /* Ctrl-D */
}

/* Stops what *playing plays, if anything; an error it ended with is said,
 * above the line being typed when `typing`. */
static void stop_playing(struct playback **playing, int typing)
{
    struct diag err;
    if (*playing != NULL && playback_stop(*playing, &err) != REH_OK) {
        if (typing)
            rl_clear_visible_line();
        cli_error("%s", err.message);
        if (typing)
            rl_forced_update_display();
    }
    *playing = NULL;
}

/* `prompt` led by the status of what plays and its keys, into out. */
static void playing_prompt(struct playback *playing, const char *prompt, char *out, size_t size)
{
    char status[64];
    if (playing != NULL && playback_status(playing, status, sizeof status) && status[0] != '\0')
        snprintf(out, size, "[%s; space pauses, left/right %.0f s, q or Enter stops] %s", status,
                 SOUND_SEEK_S, prompt);
    else
        snprintf(out, size, "%s", prompt);
}

/* The keys of a recording playing (as in `play`), which act on it while
 * the line is empty; each as player_key_action knows it, the binding it
 * had, and its sequence. */
static struct playing_key {
    int key;
    const char *seq;
    rl_command_func_t *unbound;
} playing_keys[] = {{' ', " ", NULL},      {'q', "q", NULL},      {'\r', "\r", NULL},
                    {'\n', "\n", NULL},    {'R', "\033[C", NULL}, {'R', "\033OC", NULL},
                    {'L', "\033[D", NULL}, {'L', "\033OD", NULL}};
#define N_PLAYING_KEYS (sizeof playing_keys / sizeof playing_keys[0])
static struct playback **keyed; /* what they act on while the prompt reads */

/* Bound to the playing keys while a line is read beside a recording: on an
 * empty line the key acts on what plays; otherwise (or once it ended) it
 * does what it did before (types, enters, moves). */
static int on_playing_key(int count, int key)
{
    if (key == 'C' || key == 'D') /* the last of an arrow's sequence */
        key = key == 'C' ? 'R' : 'L';
    if (*keyed != NULL && rl_end == 0) {
        playback_act(*keyed, player_key_action(key, 0));
        return 0;
    }
    size_t i = 0;
    while (playing_keys[i].key != key) /* each arrow has the same binding in both sequences */
        i++;
    return playing_keys[i].unbound != NULL ? playing_keys[i].unbound(count, key) : 0;
}

/* Binds the playing keys to on_playing_key (`on`), or gives them back
 * their bindings. */
static void bind_playing_keys(int on)
{
    for (size_t i = 0; i < N_PLAYING_KEYS; i++) {
        struct playing_key *k = &playing_keys[i];
        if (on) {
            int type = ISFUNC;
            k->unbound = rl_function_of_keyseq(k->seq, NULL, &type);
            if (type != ISFUNC)
                k->unbound = NULL;
        }
        rl_bind_keyseq(k->seq, on ? on_playing_key : k->unbound);
    }
}

/* The prompt as it is now, redrawn when it changed since `shown`; once the
 * playing ends it is stopped (an error said) and the prompt is as asked. */
static void follow_playing(const char *prompt, struct playback **playing, char *shown, size_t size)
{
    char status[8], now[512];
    if (*playing != NULL && !playback_status(*playing, status, sizeof status))
        stop_playing(playing, 1);
    playing_prompt(*playing, prompt, now, sizeof now);
    if (strcmp(now, shown) != 0) {
        snprintf(shown, size, "%s", now);
        rl_set_prompt(shown);
        rl_forced_update_display();
    }
}

/* One line read by readline while a recording plays: the prompt shows
 * where it is, redrawn every 200 ms and after each key, until the line is
 * entered; on an empty line the keys of `play` act on the recording.
 * Ctrl-C and SIGTERM give the terminal back and end review as at any
 * prompt. */
static char *ask_playing(const char *prompt, struct playback **playing)
{
    char shown[512];
    playing_prompt(*playing, prompt, shown, sizeof shown);
    asked = 0;
    asked_line = NULL;
    keyed = playing;
    rl_persistent_signal_handlers = 1; /* caught while polling too */
    rl_callback_handler_install(shown, on_asked);
    bind_playing_keys(1);
    while (!asked) {
        struct pollfd fd = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&fd, 1, 200);
        rl_check_signals();
        if (ready > 0)
            rl_callback_read_char();
        if (!asked)
            follow_playing(prompt, playing, shown, sizeof shown);
    }
    bind_playing_keys(0);
    rl_callback_handler_remove();
    rl_persistent_signal_handlers = 0;
    return asked_line;
}

/* One line of input, from readline on a terminal (beside what *playing
 * plays, if anything) or the pipe; NULL at the end. The caller frees it. */
static char *ask(const char *prompt, int tty, struct playback **playing)
{
    if (tty && *playing != NULL)
        return ask_playing(prompt, playing);
    if (tty)
        return readline(prompt);
    char *line = NULL;
    size_t cap = 0;
    fputs(prompt, stdout);
    fflush(stdout);
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    char *valid = text_valid_utf8(line, (size_t)n); /* a NUL byte too becomes U+FFFD */
    free(line);
    fputc('\n', stdout);
    return valid;
}

/* The keys that mark missed term k as named at the rating prompt: a, b...,
 * without p, q and t, which play, stop and compare the takes. */
static const char TERM_KEYS[] = "abcdefghijklmnorsuvwxyz";
#define TERM_KEYS_N (sizeof TERM_KEYS - 1)

/* How many missed terms of answer a a key marks as named: those of its
 * coverage, at most TERM_KEYS_N. */
static size_t markable(const struct transcript_answer *a)
{
    return a->coverage.n_missed < TERM_KEYS_N ? a->coverage.n_missed : TERM_KEYS_N;
}

/* Prints key term `name` in colour `sgr`, with its other spellings when q
 * has some: "scale horizontally (or horizontal scaling, scale out)". */
static void print_term(const struct question *q, const char *name, const char *sgr)
{
    char *spellings = transcript_term_spellings(q, name);
    fputs(cli_style(stdout, sgr, cli_text(name)), stdout);
    if (spellings != NULL) /* out of memory: the name alone */
        fputs(cli_text(spellings), stdout);
    free(spellings);
}

/* The key terms the answer named, those you marked as named among them,
 * and those it missed, each missed one with its other spellings and the
 * key that marks it. */
static void print_terms(const struct transcript_answer *a, const struct question *q)
{
    const struct transcript_coverage *c = &a->coverage;
    if (c->n_terms > 0) {
        printf("Key terms named (%zu of %zu):", c->n_found, c->n_terms);
        for (size_t i = 0; i < c->n_found; i++) {
            printf("%s", i ? ", " : " ");
            print_term(NULL, c->found[i], "32");
            const char *heard = transcript_heard_as(c, c->found[i]);
            if (heard != NULL)
                printf(TRANSCRIPT_HEARD_AS, cli_text(heard));
            for (size_t k = 0; k < a->n_terms_confirmed; k++)
                if (strcmp(a->terms_confirmed[k], c->found[i]) == 0)
                    printf(" (marked by you)");
        }
        printf("\nKey terms missed:");
        for (size_t i = 0; i < c->n_missed; i++) {
            if (i < markable(a))
                printf("%s[%c] ", i ? "  " : " ", TERM_KEYS[i]);
            else
                printf("%s", i ? ", " : " ");
            print_term(q, c->missed[i], "31");
        }
        printf("\n");
    } else if (q != NULL && q->n_key_terms > 0) {
        printf("Key terms:");
        for (size_t i = 0; i < q->n_key_terms; i++) {
            int named = question_names_term(q, i, a->text);
            printf(" %s", named ? "+" : "-");
            print_term(q, q->key_terms[i], named ? "32" : "31");
        }
        printf("\n");
    }
}

static void show_answer(const struct transcript *t, const struct transcript_answer *a,
                        const struct question *q)
{
    printf("\n%s\n", cli_style(stdout, "1", "------------------------------------------------"));
    if (a->follow_up > 0) {
        char *origin = transcript_follow_up_origin(a);
        printf("[%u/%zu] Follow-up %u\n%s\n%s\n\n", a->n, t->n_answers, a->follow_up,
               cli_text(a->question), origin != NULL ? cli_text(origin) : "");
        free(origin);
    } else {
        printf("[%u/%zu] %s\n%s\n\n", a->n, t->n_answers, cli_text(a->section),
               cli_text(a->question));
    }
    printf("%s (%s, %s)\n", cli_style(stdout, "1", "Your answer"), answer_mode_names[a->mode],
           answer_outcome_names[a->outcome]);
    if (a->audio.file != NULL)
        printf("Recording: %s (p plays it)\n", cli_text(a->audio.file));
    if (a->machine_text)
        printf("(machine transcription)\n");
    printf("%s\n", a->text_len ? cli_text(a->text) : "(no text)");
    if (a->typed_note != NULL)
        printf("%s\n%s\n", cli_style(stdout, "1", "Typed while recording (a note)"),
               cli_text(a->typed_note));
    for (size_t k = 0; k < a->n_takes; k++) {
        char used[16];
        const struct transcript_take *take = &a->takes[k];
        printf("\n%s (%s, not counted)\n", cli_style(stdout, "2", "Earlier take"),
               duration_clock(take->elapsed_s, used, sizeof used));
        if (take->audio.file != NULL)
            printf("Recording: %s (p%zu plays it)\n", cli_text(take->audio.file), k + 1);
        printf("%s\n", take->text[0] ? cli_text(take->text) : "(no text)");
    }
    if (q != NULL && q->model_answer != NULL) {
        printf("\n%s\n%s", cli_style(stdout, "1", "Model answer"), cli_text(q->model_answer));
        if (q->n_key_points > 0) {
            printf("\n%s\n", cli_style(stdout, "1", "Key points"));
            for (size_t i = 0; i < q->n_key_points; i++)
                printf("  - %s\n", cli_text(q->key_points[i]));
        }
    }
    printf("\n");
    if (a->analysis != NULL) {
        char hints[512], figures[256];
        const struct analysis *an = a->analysis;
        analysis_figures(an, figures, sizeof figures);
        printf("Speech: %s\n", figures);
        analysis_hints(an, hints, sizeof hints);
        fputs(hints, stdout);
    }
    print_terms(a, q);
    if (a->rubric != NULL) {
        printf("The interviewer (%s) thought, the model's opinion beside yours:\n",
               cli_text(a->rubric_model));
        for (int i = 0; i < RUBRIC_ASPECTS; i++)
            printf("  %s %d/5 - %s\n", rubric_aspect_name((enum rubric_aspect)i),
                   a->rubric->marks[i].score, cli_text(a->rubric->marks[i].why));
    }
    if (a->rating > 0)
        printf("Rated %d/5 before%s%s.\n", a->rating, a->note ? ": " : "",
               a->note ? cli_text(a->note) : "");
}

/* The path of the recording of the answer, or of its earlier take `take`
 * (1-based; 0 for the answer itself), into path. Returns 1, or 0 after
 * saying why there is none. */
static int recording_of(const char *dir, const struct transcript_answer *a, size_t take, char *path,
                        size_t size)
{
    struct diag err;
    const char *file = take == 0            ? a->audio.file
                       : take <= a->n_takes ? a->takes[take - 1].audio.file
                                            : NULL;
    if (file == NULL) {
        printf(take == 0 ? "This answer has no recording.\n" : "That take has no recording.\n");
        return 0;
    }
    if (recording_path(dir, file, path, size, &err) != REH_OK) {
        cli_error("%s", err.message);
        return 0;
    }
    return 1;
}

/* Plays that recording to its end, with the keys and status line of
 * io/player.h (through a pipe: no keys, no status line). */
static void play(const char *dir, const struct transcript_answer *a, size_t take)
{
    struct diag err;
    char path[PATH_MAX + 160];
    if (!recording_of(dir, a, take, path, sizeof path))
        return;
    const struct audio_api *api = audio_api_load(&err);
    if (api == NULL || api->open(&err) != REH_OK) {
        cli_error("%s", err.message);
        return;
    }
    struct player keys;
    player_open(&keys, 0);
    int rc = api->play_file(path, player_control, &keys, &err);
    player_done(&keys);
    player_close(&keys);
    if (rc != REH_OK && rc != SOUND_QUIT)
        cli_error("%s", err.message);
    api->close();
}

/* On a terminal the recording that `key` ("p", "p1"...) names plays in the
 * background while the prompt takes keys; what played before stops, and
 * the key of what plays stops it. */
static void play_beside(const char *dir, const struct transcript_answer *a, const char *key,
                        struct playback **playing)
{
    struct diag err;
    char path[PATH_MAX + 160];
    int again = *playing != NULL && strcmp(playback_what(*playing), key) == 0;
    stop_playing(playing, 0);
    if (again || !recording_of(dir, a, strtoul(key + 1, NULL, 10), path, sizeof path))
        return;
    if (playback_start(playing, path, key, &err) != REH_OK)
        cli_error("%s", err.message);
}

/* Where an answer being rated is: an answer of the session, or a follow-up
 * under one, reached through the follow-ups at path[0], path[1]... */
struct place {
    size_t path[SCENARIO_MAX_FOLLOW_UPS];
    size_t depth;
};

/* A rating or a note to set on an answer of the session as it is on disk,
 * or a key term to mark as named. */
struct verdict {
    const struct transcript_answer *a; /* the answer as shown */
    const struct place *at;
    int rating;
    const char *note; /* NULL: the note is left as it is */
    const char *term; /* not NULL: marks this term named; rating and note are left */
};

/* The answer at `at` under answer a (a itself at depth 0), when it is still
 * the question that was shown; else NULL. */
static struct transcript_answer *answer_at(struct transcript_answer *a, const struct place *at,
                                           const struct transcript_answer *shown)
{
    for (size_t d = 0; a != NULL && d < at->depth; d++)
        a = at->path[d] < a->n_follow_ups ? &a->follow_ups[at->path[d]] : NULL;
    return a != NULL && strcmp(a->question, shown->question) == 0 ? a : NULL;
}

static int set_verdict(struct transcript *t, void *ctx)
{
    const struct verdict *v = ctx;
    for (size_t i = 0; i < t->n_answers; i++) {
        struct transcript_answer *a = &t->answers[i];
        if (a->n != v->a->n || strcmp(a->question_id, v->a->question_id) != 0 ||
            (a = answer_at(a, v->at, v->a)) == NULL)
            continue;
        if (v->term != NULL) { /* EDATA: no longer missed there, nothing to do */
            if (transcript_confirm_term(a, v->term) != REH_ENOMEM)
                return CLI_OK;
            cli_error("out of memory");
            return CLI_FAILURE;
        }
        a->rating = v->rating;
        if (v->note != NULL && transcript_set(&a->note, v->note) != REH_OK) {
            cli_error("out of memory");
            return CLI_FAILURE;
        }
        return CLI_OK;
    }
    if (v->a->follow_up > 0)
        cli_error("follow-up %u of answer %u of %s is no longer in its session.json; nothing was "
                  "saved",
                  v->a->follow_up, v->a->n, t->id);
    else
        cli_error("answer %u of %s is no longer in its session.json; nothing was saved", v->a->n,
                  t->id);
    return CLI_FAILURE;
}

/* Saves the verdict onto the file as it is now, under the session lock, and
 * onto the answer shown. Returns CLI_OK, or CLI_FAILURE after saying why. */
static int save_verdict(struct store *st, struct transcript_answer *a, const struct place *at,
                        int rating, const char *note)
{
    char what[96];
    struct verdict v = {.a = a, .at = at, .rating = rating, .note = note};
    if (a->follow_up > 0)
        snprintf(what, sizeof what, "cannot save the rating of follow-up %u of answer %u of",
                 a->follow_up, a->n);
    else
        snprintf(what, sizeof what, "cannot save the rating of answer %u of", a->n);
    if (cli_update_session(st, "review", what, set_verdict, &v) != CLI_OK)
        return CLI_FAILURE;
    a->rating = rating;
    if (note != NULL && transcript_set(&a->note, note) != REH_OK) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    return CLI_OK;
}

/* Marks missed key term `term` of the answer shown as named, onto the file
 * as it is now, under the session lock, and onto the answer shown; its
 * grade counts it from now on. Returns CLI_OK, or CLI_FAILURE after saying
 * why. */
static int save_term(struct store *st, struct transcript_answer *a, const struct place *at,
                     const char *term)
{
    char what[96];
    struct verdict v = {.a = a, .at = at, .term = term};
    snprintf(what, sizeof what, "cannot save the key terms of answer %u of", a->n);
    if (cli_update_session(st, "review", what, set_verdict, &v) != CLI_OK)
        return CLI_FAILURE;
    if (transcript_confirm_term(a, term) == REH_ENOMEM) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    return CLI_OK;
}

/* Whether the answer or one of its earlier takes has a recording to play. */
static int recorded(const struct transcript_answer *a)
{
    for (size_t k = 0; k < a->n_takes; k++)
        if (a->takes[k].audio.file != NULL)
            return 1;
    return a->audio.file != NULL;
}

/* The rating prompt of answer a, with only the actions that apply to it. */
static void prompt_of(const struct transcript_answer *a, char *out, size_t cap)
{
    char terms[64] = "";
    size_t n = markable(a);
    if (n == 1)
        snprintf(terms, sizeof terms, ", a marks the missed term named");
    else if (n > 1)
        snprintf(terms, sizeof terms, ", a-%c marks a missed term named", TERM_KEYS[n - 1]);
    snprintf(out, cap, "Rating 1-5 (Enter skips%s%s%s, q stops): ", terms,
             recorded(a) ? ", p plays" : "", a->n_takes > 0 ? ", t compares the takes" : "");
}

/* Prints the takes of answer a side by side, fitted to the screen. */
static void compare_takes(const struct transcript_answer *a, const struct question *q)
{
    char *shown = take_compare(a, q, cli_columns(stdout));
    if (shown == NULL) {
        cli_error("out of memory");
        return;
    }
    printf("%s", shown);
    free(shown);
}

/* What comes after an answer is rated. */
enum rated {
    RATED_NEXT,   /* the next answer */
    RATED_STOP,   /* the user stopped */
    RATED_FAILED, /* saving failed, after saying why */
};

/* Asks for the rating (and note) of one answer; the rating is saved before
 * the note is asked for, so that leaving at the note keeps it. */
static enum rated rate(struct store *st, struct transcript_answer *a, const struct place *at,
                       const struct question *q, const char *dir, int tty,
                       struct playback **playing)
{
    for (;;) {
        char prompt[160];
        prompt_of(a, prompt, sizeof prompt);
        char *line = ask(prompt, tty, playing);
        const char *key = line != NULL && strlen(line) == 1 ? strchr(TERM_KEYS, line[0]) : NULL;
        if (line == NULL || strcmp(line, "q") == 0) {
            free(line);
            return RATED_STOP;
        }
        if (line[0] == '\0') {
            free(line);
            return RATED_NEXT;
        }
        if (key != NULL && (size_t)(key - TERM_KEYS) < markable(a)) {
            free(line);
            if (save_term(st, a, at, a->coverage.missed[key - TERM_KEYS]) != CLI_OK)
                return RATED_FAILED;
            print_terms(a, q);
            continue;
        }
        if (a->n_takes > 0 && strcmp(line, "t") == 0) {
            free(line);
            compare_takes(a, q);
            continue;
        }
        if (recorded(a) && line[0] == 'p' && strspn(line + 1, "0123456789") == strlen(line + 1)) {
            if (tty)
                play_beside(dir, a, line, playing);
            else
                play(dir, a, strtoul(line + 1, NULL, 10));
            free(line);
            continue;
        }
        if (strlen(line) != 1 || line[0] < '1' || line[0] > '5') {
            printf("A rating is a number from 1 to 5.\n");
            free(line);
            continue;
        }
        int rating = line[0] - '0', rc;
        free(line);
        if ((rc = save_verdict(st, a, at, rating, NULL)) != CLI_OK)
            return RATED_FAILED;
        char *note = ask("Note (optional): ", tty, playing);
        if (note != NULL && note[0] != '\0')
            rc = save_verdict(st, a, at, rating, note);
        free(note);
        return rc == CLI_OK ? RATED_NEXT : RATED_FAILED;
    }
}

/* Whether answer a or one of its follow-ups has a recording not analyzed. */
static int unanalyzed(const struct transcript_answer *a)
{
    if (a->audio.file != NULL && a->analysis == NULL)
        return 1;
    for (size_t k = 0; k < a->n_follow_ups; k++)
        if (unanalyzed(&a->follow_ups[k]))
            return 1;
    return 0;
}

/* What walking the answers needs besides the answer at hand. */
struct walk {
    struct cli_session *s;
    const struct bank *bank; /* NULL: the recorded plan, or no model answers */
    int unrated, tty;
    size_t shown;
    struct playback *playing; /* the recording playing beside the prompt, or NULL */
};

/* Shows and rates answer a at `at`, then each of its follow-ups, each
 * rated on its own (with --unrated, only those not rated yet). */
static enum rated walk_answer(struct walk *w, struct transcript_answer *a, struct place *at)
{
    enum rated step = RATED_NEXT;
    if (!w->unrated || a->rating == 0) {
        struct question recorded;
        const struct question *q =
            a->follow_up > 0 ? NULL : cli_question(&w->s->t, a, w->bank, &recorded);
        w->shown++;
        show_answer(&w->s->t, a, q);
        step = rate(&w->s->st, a, at, q, w->s->dir, w->tty, &w->playing);
        stop_playing(&w->playing, 0); /* leaving the answer */
    }
    for (size_t k = 0;
         k < a->n_follow_ups && at->depth < SCENARIO_MAX_FOLLOW_UPS && step == RATED_NEXT; k++) {
        at->path[at->depth++] = k;
        step = walk_answer(w, &a->follow_ups[k], at);
        at->depth--;
    }
    return step;
}

/* Counts answer a and its follow-ups into *n, those rated into *rated and
 * their ratings into *sum. */
static void count_rated(const struct transcript_answer *a, size_t *n, size_t *rated, int *sum)
{
    (*n)++;
    *rated += a->rating > 0;
    *sum += a->rating;
    for (size_t k = 0; k < a->n_follow_ups; k++)
        count_rated(&a->follow_ups[k], n, rated, sum);
}

/* When the questions of session t come due in the practice schedule of its
 * bank, as now rated: "; 1 due today, 2 due tomorrow", or "; next due on
 * DATE". Nothing for a session without a bank. */
static void print_due(const struct transcript *t)
{
    struct schedule s;
    char date[11];
    size_t now = 0, tomorrow = 0;
    int today, next = -1;
    if (t->bank_id == NULL || cli_today(&today) != CLI_OK)
        return;
    schedule_init(&s);
    if (cli_schedule(t->bank_id, &s) != CLI_OK) {
        schedule_free(&s);
        return;
    }
    for (size_t i = 0; i < t->n_answers; i++) {
        const char *id = t->answers[i].question_id;
        size_t same = 0;
        while (same < i && strcmp(t->answers[same].question_id, id) != 0)
            same++;
        const struct schedule_item *it = same == i ? schedule_find(&s, id) : NULL;
        if (it == NULL)
            continue;
        now += it->due_day <= today;
        tomorrow += it->due_day == today + 1;
        if (it->due_day > today + 1 && (next < 0 || it->due_day < next))
            next = it->due_day;
    }
    schedule_free(&s);
    if (now > 0)
        printf("; %zu due today", now);
    if (tomorrow > 0)
        printf("%s %zu due tomorrow", now > 0 ? "," : ";", tomorrow);
    if (now + tomorrow == 0 && next >= 0)
        printf("; next due on %s", schedule_date(next, date));
}

/* The closing line of a review: "Rated 5 of 5, average 3.8; 2 due
 * tomorrow." (answers and follow-ups, each rated on its own). */
static void print_summary(const struct transcript *t)
{
    size_t n = 0, rated = 0;
    int sum = 0;
    for (size_t i = 0; i < t->n_answers; i++)
        count_rated(&t->answers[i], &n, &rated, &sum);
    printf("\nRated %zu of %zu", rated, n);
    if (rated > 0)
        printf(", average %.1f", (double)sum / (double)rated);
    fflush(stdout);
    print_due(t);
    printf(".\n");
}

static int review_exec(int argc, char **argv)
{
    static const struct option options[] = {
        {"unrated", no_argument, NULL, 'u'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    struct cli_session s;
    struct transcript *t = &s.t;
    struct bank bank;
    struct diag err;
    int unrated = 0, c, tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);

    optind = 1;
    while ((c = getopt_long(argc, argv, "uh", options, NULL)) != -1) {
        if (c == 'u')
            unrated = 1;
        else
            return cli_other_option(&cmd_review_entry, c);
    }
    int rc = cli_session_open(&s, &cmd_review_entry, argc, argv, NULL);
    if (rc != CLI_OK)
        return rc;
    if (recording_check_all(s.dir, t, &err) != REH_OK) {
        cli_error("%s", err.message);
        cli_session_close(&s);
        return CLI_FAILURE;
    }
    /* Refused while an interview holds the session; the lock is held again
     * for each rating saved. */
    if ((rc = cli_session_lock(&s, "review", 0, "cannot review")) != CLI_OK) {
        cli_session_close(&s);
        return rc;
    }
    /* Recordings left unanalyzed (the user left early) are analyzed now. */
    for (size_t i = 0; i < t->n_answers; i++)
        if (unanalyzed(&t->answers[i])) {
            cli_analyze_answers(s.dir, t, 0, 1, -1);
            break;
        }
    cli_session_unlock(&s);
    /* A session that recorded its plan has its model answers; one of the
     * earlier shape takes them from its bank as it is now. */
    int have_bank = t->plan == NULL && library_open_bank(t->bank_id ? t->bank_id : CLI_DEFAULT_BANK,
                                                         &bank, &err) == REH_OK;
    if (t->plan == NULL && !have_bank)
        cli_error("no model answers: %s", err.message);
    struct walk w = {.s = &s, .bank = have_bank ? &bank : NULL, .unrated = unrated, .tty = tty};
    enum rated step = RATED_NEXT;
    for (size_t i = 0; i < t->n_answers && step == RATED_NEXT; i++) {
        struct place at = {.depth = 0};
        step = walk_answer(&w, &t->answers[i], &at);
    }
    if (w.shown == 0)
        printf(unrated ? "Every answer of %s is rated.\n" : "%s has no answers to review.\n",
               t->id);
    if (t->n_answers > 0 && step != RATED_FAILED)
        print_summary(t);
    if (have_bank)
        bank_free(&bank);
    cli_session_close(&s);
    return step == RATED_FAILED ? CLI_FAILURE : CLI_OK;
}

const struct cli_command cmd_review_entry = {
    .name = "review",
    .summary = "rate your answers against the model answers",
    .usage = USAGE,
    .exec = review_exec,
};
