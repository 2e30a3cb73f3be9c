/* cli: the table entry every command exports, and the helpers the command
 * files share (option parsing conventions, messages, colour). */
#ifndef REHEARSE_CLI_H
#define REHEARSE_CLI_H

#include "../core/plan.h"
#include "../core/schedule.h"
#include "../core/transcript.h"
#include "../io/session_lock.h"
#include "../io/store.h"

#include <limits.h>
#include <stdio.h>

/* Exit codes of the contract. */
enum cli_exit {
    CLI_OK = 0,
    CLI_FAILURE = 1,
    CLI_USAGE = 2,
    CLI_DATAERR = 65,
};

struct cli_command {
    const char *name;
    const char *summary;                /* one line for `rehearse --help` */
    const char *usage;                  /* the whole text of `rehearse NAME --help` */
    int (*exec)(int argc, char **argv); /* argv[0] is the command name */
};

extern const struct cli_command cmd_run_entry;
extern const struct cli_command cmd_scenarios_entry;
extern const struct cli_command cmd_bank_entry;
extern const struct cli_command cmd_check_entry;
extern const struct cli_command cmd_devices_entry;
extern const struct cli_command cmd_mic_entry;
extern const struct cli_command cmd_play_entry;
extern const struct cli_command cmd_sessions_entry;
extern const struct cli_command cmd_show_entry;
extern const struct cli_command cmd_export_entry;
extern const struct cli_command cmd_review_entry;
extern const struct cli_command cmd_stats_entry;
extern const struct cli_command cmd_resume_entry;
extern const struct cli_command cmd_analyze_entry;
extern const struct cli_command cmd_due_entry;
extern const struct cli_command cmd_delete_entry;

/* Finds the session `spec` names (an id, a unique prefix, `last`) and reads
 * it into t (released with transcript_free when this returns CLI_OK). On
 * failure prints why and returns the exit code. */
int cli_open_session(const char *spec, char dir[PATH_MAX], struct transcript *t);

/* The session a command is given (its SESSION argument): its directory,
 * its record and, from cli_session_lock on, the directory open and the
 * session lock. */
struct cli_session {
    char dir[PATH_MAX];
    struct transcript t;
    struct store st;          /* dirfd -1 until cli_session_lock */
    struct session_lock lock; /* fd -1 unless held */
};

/* Checks the arguments of cmd after its options (from optind): one SESSION
 * and, when `only` is not NULL, an optional answer number N (1 to 10000),
 * set into *only (0 without). Then finds and reads the session into s
 * (cli_open_session). Returns CLI_OK (release s with cli_session_close), or
 * the exit code after saying what is wrong (CLI_USAGE for the arguments),
 * with nothing to release. */
int cli_session_open(struct cli_session *s, const struct cli_command *cmd, int argc, char **argv,
                     unsigned *only);

/* Opens the directory of s, takes its lock for `command` as
 * cli_lock_session does, and reads session.json afresh into s->t, replacing
 * what it held: a copy read before the lock is never written back. Returns
 * CLI_OK or the exit code after printing why; cli_session_close releases s
 * either way. */
int cli_session_lock(struct cli_session *s, const char *command, int patient, const char *what);

/* Releases the lock of s when held; its directory stays open. */
void cli_session_unlock(struct cli_session *s);

/* Releases the lock, closes the directory and frees the record of s. */
void cli_session_close(struct cli_session *s);

/* The summaries of every session of the data home, newest first, from the
 * sessions index (io/session_index.h), reporting damaged and foreign entries
 * on stderr ("skipping ...", one line each) and skipping them.
 * The caller releases the array with session_index_free. Returns CLI_OK or
 * the exit code of a failure. */
int cli_list_sessions(struct transcript_summary **list, size_t *count);

/* The text of question `question_id` as the newest session of list (from
 * cli_list_sessions) that asked it has it: session_index_question in the
 * data home. Returns CLI_OK, or prints why and returns the exit code. */
int cli_question_text(const struct transcript_summary *list, size_t count, const char *question_id,
                      char **text);

/* The bank of the default scenario, and of the commands given none. */
#define CLI_DEFAULT_BANK "data-engineering"

/* Prints the candidates for completing the last of the words `argv` (what
 * follows "rehearse" on the command line), one a line; a first line
 * "@files" asks the shell to offer file names too. Returns CLI_OK. */
int cli_complete(const struct cli_command *const *commands, size_t n_commands, int argc,
                 char **argv);

/* The question answer `a` of session t answers: as the session recorded it
 * (filled into *recorded), else as `bank` has it now (NULL: no bank), else
 * NULL. */
const struct question *cli_question(const struct transcript *t, const struct transcript_answer *a,
                                    const struct bank *bank, struct question *recorded);

/* The scenario id and section title of a session of `run --weakest`. */
#define CLI_WEAKEST_ID      "weakest"
#define CLI_WEAKEST_SECTION "Weakest first"

/* Today as a day number (core/schedule.h): $REHEARSE_TODAY (YYYY-MM-DD)
 * when set, else the local date. Returns CLI_OK, or CLI_USAGE after saying
 * what is wrong with REHEARSE_TODAY. */
int cli_today(int *day);

/* Fills the empty schedule s of bank `bank_id` from the session history and
 * $REHEARSE_HOME/schedule.json (saved back when it changed; a failure to
 * save is reported and not fatal). Returns CLI_OK or the exit code. */
int cli_schedule(const char *bank_id, struct schedule *s);

/* Chooses up to n_wanted questions of `bank` for a session on `today`
 * (schedule_pick; out has room for n_wanted, ids point into the bank); the
 * new questions are drawn with `seed`, which is the day unless the user gave
 * one, so that `due` lists what `run --weakest` asks.
 * Returns CLI_OK or the exit code. */
int cli_pick(const struct bank *bank, const struct schedule *s, int today, size_t n_wanted,
             uint64_t seed, struct schedule_pick *out, size_t *n_out);

/* Takes the lock of the session open in st (io/session_lock.h) for
 * `command`. An interview (`run`, `resume`) holding it is refused at once
 * unless `patient`; other holders, which hold it only while they save, are
 * waited for, with one line on stderr when the wait lasts (at once when
 * patient). A refusal prints "<what> <id>: held by `rehearse run` (pid N)
 * since HH:MM:SS; ..." and returns CLI_FAILURE; else CLI_OK, the lock held. */
int cli_lock_session(struct session_lock *lk, const struct store *st, const char *command,
                     int patient, const char *what);

/* Saves t into st with SIGINT, SIGTERM, SIGHUP and SIGQUIT held back until
 * both files are written, so that neither a temporary file nor a
 * session.json out of step with transcript.md is left. Returns CLI_OK, or
 * CLI_FAILURE after printing why. */
int cli_save_session(struct store *st, const struct transcript *t);

/* One read-modify-write of the session in st: takes its lock (as
 * cli_lock_session, not patient), reads session.json as it is now, applies
 * change(t, ctx) (which returns an exit code, after printing why), saves
 * and releases. Returns the exit code. */
int cli_update_session(struct store *st, const char *command, const char *what,
                       int (*change)(struct transcript *t, void *ctx), void *ctx);

/* A live session to sit: a new one (resume_from 0) or the rest of one. */
struct interview {
    const struct scenario *sc;
    const struct plan *plan;
    struct store *store;  /* the session directory, open */
    struct transcript *t; /* its record, with the answers before resume_from */
    size_t resume_from;
    double budget_s;    /* 0: the scenario's budget */
    const char *device; /* NULL: the default microphone */
    unsigned sample_rate;
    int no_bell; /* no terminal bell at warnings and at the limit */
    int voice;   /* read the questions aloud */
};

/* Reads config.yaml, as an interview does before, during and after it:
 * CLI_OK, or (said, with the file, line and column) CLI_DATAERR for an
 * invalid file and CLI_FAILURE for one that cannot be read; run and resume
 * call it before they write anything. */
int cli_interview_settings(void);

/* Runs the interview with the terminal, the microphone (when needed) and
 * the real clock. Returns the exit code: CLI_USAGE for a --device that does
 * not exist (nothing was written), 128 + the signal that ended it. */
int cli_interview(const struct interview *iv);

/* The file of the language model of the questions of session t (its bank,
 * when it can be loaded, and the planned questions not in it), owned by d
 * (release with domain_lm_free), or NULL after saying why when none can be
 * written: speech is then recognised with the general model alone. */
struct domain_lm;
const char *cli_domain_lm(const struct transcript *t, struct domain_lm *d);

/* Analyzes the recorded answers of the session in `dir` (only answer `only`
 * when non-zero; with `missing_only`, those not analyzed yet), saving t
 * after each: the caller holds the session lock and read t under it.
 * verbose > 0 prints each answer's figures, < 0 a progress line. Returns the
 * exit code. */
int cli_analyze_answers(const char *dir, struct transcript *t, unsigned only, int missing_only,
                        int verbose);

/* Prints "rehearse: <message>" on stderr, through cli_text. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* What a command's getopt loop does with an option it does not handle:
 * -h or --help (c is 'h') prints cmd's usage and gives CLI_OK, anything else
 * is reported and gives CLI_USAGE. */
int cli_other_option(const struct cli_command *cmd, int c);

/* What cli_simple_options returns when the command should go on. */
#define CLI_PARSED (-1)

/* Parses the options of a command that takes only --help, and --json when
 * `json` is not NULL (setting *json). Arguments are refused unless
 * `positional` (they then start at optind). Returns CLI_PARSED to go on,
 * CLI_OK after printing the help, or CLI_USAGE after reporting a bad option
 * or argument. */
int cli_simple_options(const struct cli_command *cmd, int argc, char **argv, int *json,
                       int positional);

/* Reports a bad option or argument of `cmd` and returns CLI_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Whether escape sequences may be written to `f`: it is a terminal, NO_COLOR
 * is unset or empty, and TERM is not "dumb". */
int cli_color(FILE *f);

/* The width of the screen output to f is read on: the terminal's when f
 * is one, else $COLUMNS when set (a positive number), else 0: no limit, so
 * that what a script reads from a pipe never depends on a screen. */
size_t cli_columns(FILE *f);

/* The height of that screen, the same way from the terminal or $LINES. */
size_t cli_rows(FILE *f);

/* `s` as it may be written to a terminal (core/text.h: control characters
 * made visible). Text from a file, an answer or a transcription is printed
 * through it. Uses a rotating set of 8 strings: enough for one printf. */
const char *cli_text(const char *s);

/* Wraps `s` in bold (or another SGR code) when colour is on, else returns s
 * unchanged. Uses a rotating set of static buffers; for one-line output. */
const char *cli_style(FILE *f, const char *sgr, const char *s);

#endif
