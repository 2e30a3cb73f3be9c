/* cli_session: what the commands that take a SESSION share: finding it in
 * the data home, reading its session.json, and writing it back under the
 * session lock. */
#include "cli.h"
#include "../io/paths.h"
#include "../io/session_index.h"
#include "../io/session_lock.h"
#include "../io/session_dir.h"
#include "../io/store.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How often a process waiting for a save of another one tries the lock, and
 * after how many tries it says that it is waiting. */
#define LOCK_POLL_NS     10000000
#define LOCK_QUIET_TRIES 100

static int data_home(char home[PATH_MAX])
{
    struct diag err;
    if (paths_home(home, &err) == REH_OK)
        return CLI_OK;
    cli_error("%s", err.message);
    return CLI_FAILURE;
}

int cli_open_session(const char *spec, char dir[PATH_MAX], struct transcript *t)
{
    char home[PATH_MAX];
    struct diag err;
    if (spec[0] == '\0') {
        cli_error("the session is empty: give an id, a unique prefix of one, or 'last'");
        return CLI_USAGE;
    }
    if (data_home(home) != CLI_OK)
        return CLI_FAILURE;
    int rc = strcmp(spec, "last") == 0 ? session_dir_last(home, dir, t, &err)
                                       : session_dir_find(home, spec, dir, &err);
    if (rc == REH_OK && strcmp(spec, "last") != 0 && (rc = store_load(dir, t, &err)) != REH_OK)
        transcript_free(t);
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return diag_exit_code(rc);
    }
    return CLI_OK;
}

static void report_skipped(const char *why, void *ctx)
{
    (void)ctx;
    cli_error("skipping %s", why);
}

int cli_list_sessions(struct transcript_summary **list, size_t *count)
{
    char home[PATH_MAX];
    struct diag err;
    *list = NULL;
    *count = 0;
    if (data_home(home) != CLI_OK)
        return CLI_FAILURE;
    if (session_index_list(home, list, count, report_skipped, NULL, &err) != REH_OK) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    return CLI_OK;
}

int cli_question_text(const struct transcript_summary *list, size_t count, const char *question_id,
                      char **text)
{
    char home[PATH_MAX];
    *text = NULL;
    if (data_home(home) != CLI_OK)
        return CLI_FAILURE;
    if (session_index_question(home, list, count, question_id, text) != REH_OK) {
        cli_error("out of memory");
        return CLI_FAILURE;
    }
    return CLI_OK;
}

int cli_lock_session(struct session_lock *lk, const struct store *st, const char *command,
                     int patient, const char *what)
{
    struct session_lock_holder holder;
    struct diag err;
    char who[160];
    for (unsigned tries = 0;; tries++) {
        int rc = session_lock_try(lk, st->dirfd, st->dir, command, &holder, &err);
        if (rc == REH_OK) {
            store_remove_temporaries(st); /* left by a writer that was killed */
            return CLI_OK;
        }
        if (rc != SESSION_LOCK_BUSY) {
            cli_error("%s", err.message);
            return CLI_FAILURE;
        }
        session_lock_describe(&holder, who, sizeof who);
        if (!patient && session_lock_sitting(&holder)) {
            cli_error("%s %s: held by %s; try again when it has finished", what, st->id, who);
            return CLI_FAILURE;
        }
        if (patient || tries == LOCK_QUIET_TRIES)
            cli_error("waiting for %s to finish with %s...", who, st->id);
        if (patient) {
            if (session_lock_wait(lk, st->dirfd, st->dir, command, &err) == REH_OK) {
                store_remove_temporaries(st);
                return CLI_OK;
            }
            cli_error("%s", err.message);
            return CLI_FAILURE;
        }
        nanosleep(&(struct timespec){0, LOCK_POLL_NS}, NULL);
    }
}

int cli_session_open(struct cli_session *s, const struct cli_command *cmd, int argc, char **argv,
                     unsigned *only)
{
    if (only == NULL && optind + 1 != argc)
        return cli_usage_error(cmd, "give one session: an id or 'last'");
    if (only != NULL) {
        if (optind == argc || optind + 2 < argc)
            return cli_usage_error(cmd, "give a session (an id or 'last') and N");
        const char *n = optind + 1 < argc ? argv[optind + 1] : NULL;
        char *end = NULL;
        unsigned long number = n != NULL ? strtoul(n, &end, 10) : 0;
        if (n != NULL && (*end != '\0' || number == 0 || number > 10000))
            return cli_usage_error(cmd, "N must be an answer number (found '%s')", n);
        *only = (unsigned)number;
    }
    s->st.dirfd = -1;
    s->lock.fd = -1;
    return cli_open_session(argv[optind], s->dir, &s->t);
}

int cli_session_lock(struct cli_session *s, const char *command, int patient, const char *what)
{
    struct diag err;
    if (store_open(&s->st, s->dir, &err) != REH_OK) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    int rc = cli_lock_session(&s->lock, &s->st, command, patient, what);
    if (rc != CLI_OK)
        return rc;
    transcript_free(&s->t);
    if ((rc = store_load(s->dir, &s->t, &err)) != REH_OK) {
        cli_error("%s", err.message);
        return diag_exit_code(rc);
    }
    return CLI_OK;
}

void cli_session_unlock(struct cli_session *s)
{
    session_lock_release(&s->lock);
}

void cli_session_close(struct cli_session *s)
{
    session_lock_release(&s->lock);
    store_close(&s->st);
    transcript_free(&s->t);
}

int cli_save_session(struct store *st, const struct transcript *t)
{
    sigset_t ending, before;
    struct diag err;
    sigemptyset(&ending);
    sigaddset(&ending, SIGINT);
    sigaddset(&ending, SIGTERM);
    sigaddset(&ending, SIGHUP);
    sigaddset(&ending, SIGQUIT);
    sigprocmask(SIG_BLOCK, &ending, &before);
    int rc = store_save(st, t, &err);
    sigprocmask(SIG_SETMASK, &before, NULL);
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    return CLI_OK;
}

int cli_update_session(struct store *st, const char *command, const char *what,
                       int (*change)(struct transcript *t, void *ctx), void *ctx)
{
    struct session_lock lk;
    struct transcript t;
    struct diag err;
    int rc = cli_lock_session(&lk, st, command, 0, what);
    if (rc != CLI_OK)
        return rc;
    if ((rc = store_load(st->dir, &t, &err)) != REH_OK) {
        cli_error("%s", err.message);
        rc = diag_exit_code(rc);
    } else if ((rc = change(&t, ctx)) == CLI_OK) {
        rc = cli_save_session(st, &t);
    }
    transcript_free(&t);
    session_lock_release(&lk);
    return rc;
}

const struct question *cli_question(const struct transcript *t, const struct transcript_answer *a,
                                    const struct bank *bank, struct question *recorded)
{
    const struct question *q = transcript_recorded_question(t, a, recorded);
    return q != NULL || bank == NULL ? q : bank_find(bank, a->question_id);
}
