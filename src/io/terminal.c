/* terminal: readline callback mode or a pipe reader, multiplexed with a
 * self-pipe that the signal handlers write to. */
#include "terminal.h"
#include "clock.h"
#include "term_complete.h"
#include "term_editor.h"
#include "term_keys.h"
#include "term_line.h"
#include "../core/command.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

/* Those that end a session (the first N_ENDING), those of job control, and
 * SIGWINCH. */
static const int HANDLED_SIGNALS[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT, SIGUSR1, SIGUSR2,
                                      SIGALRM, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT, SIGWINCH};
#define N_SIGNALS (sizeof HANDLED_SIGNALS / sizeof HANDLED_SIGNALS[0])
#define N_ENDING  7

/* Written by the signal handler, read by the loop. */
static int self_pipe[2] = {-1, -1};
static volatile sig_atomic_t caught_signal;
static volatile sig_atomic_t caught_winch;
static volatile sig_atomic_t caught_stop;          /* SIGTSTP, SIGTTIN or SIGTTOU to act on */
static volatile sig_atomic_t caught_cont;          /* SIGCONT: the process stood still */
static volatile sig_atomic_t caught_key_interrupt; /* Ctrl-C typed on the terminal */
static volatile sig_atomic_t ask_on_interrupt;     /* Ctrl-C asks before ending: a terminal */

/* A second Ctrl-C within this many seconds ends the session. */
#define INTERRUPT_AGAIN_S 2.0

struct terminal {
    int tty;
    int color;
    struct sigaction saved[N_SIGNALS];
    /* readline mode */
    char *line;    /* the line handed out by the last wait, owned */
    int have_line; /* a line (or a submit when line is NULL) is pending */
    char prompt[256];
    /* pipe mode */
    struct term_pipe pipe;
    char *partial; /* copy handed out by partial(), owned */
    int stopping;  /* INPUT_STOP was handed out: the next wait stops the process */
    double awake;  /* monotonic time the process last went to wait: it ran until then */
    double asked;  /* monotonic time of the last Ctrl-C that asked to end, or 0 */
};

/* readline calls back with a whole line; only one terminal exists. */
static struct terminal *current;

/* A Ctrl-C typed on the terminal comes from the kernel; one sent by kill
 * (from outside) ends the session at once, as SIGTERM does. */
static void on_signal(int sig, siginfo_t *info, void *context)
{
    int saved = errno;
    (void)context;
    if (sig == SIGINT && ask_on_interrupt && info != NULL && info->si_code == SI_KERNEL)
        caught_key_interrupt = 1;
    else if (sig == SIGWINCH)
        caught_winch = 1;
    else if (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
        caught_stop = sig;
    else if (sig == SIGCONT)
        caught_cont = 1;
    else
        caught_signal = sig;
    ssize_t n = write(self_pipe[1], "", 1);
    (void)n; /* a full pipe already wakes the loop */
    errno = saved;
}

static void on_readline_line(char *line)
{
    current->line = line; /* NULL: Ctrl-D on an empty line */
    current->have_line = 1;
    if (!term_keys_entered() && line != NULL && *line != '\0')
        add_history(line);
    if (line == NULL)
        fputc('\n', stdout);
}

void terminal_single_keys(struct terminal *term, const char *keys)
{
    if (term->tty)
        term_keys_set(keys);
}

void terminal_command_keys(struct terminal *term, int on)
{
    char keys[COMMAND_KEYS_MAX] = "";
    if (on)
        command_keys(keys);
    terminal_single_keys(term, keys);
}

int terminal_interactive(const struct terminal *term)
{
    return term->tty;
}

int terminal_color(const struct terminal *term)
{
    return term->color;
}

int terminal_signal(const struct terminal *term)
{
    (void)term;
    return caught_signal;
}

/* Returns REH_OK, or REH_EIO (errno says why). */
static int set_nonblock_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    int failed = flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 ||
                 fcntl(fd, F_SETFD, FD_CLOEXEC) < 0;
    return failed ? REH_EIO : REH_OK;
}

/* The signals that end a session. */
static void ending_signals(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < N_ENDING; i++)
        sigaddset(set, HANDLED_SIGNALS[i]);
}

void terminal_hold_signals(void)
{
    sigset_t set;
    ending_signals(&set);
    sigprocmask(SIG_BLOCK, &set, NULL);
}

int terminal_color_allowed(int fd)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(fd) && (no_color == NULL || *no_color == '\0') && term != NULL &&
           strcmp(term, "dumb") != 0;
}

int terminal_open(struct terminal **out, struct diag *err)
{
    struct terminal *term = calloc(1, sizeof *term);
    int piped = term != NULL && pipe(self_pipe) == 0;
    *out = NULL;
    if (!piped || set_nonblock_cloexec(self_pipe[0]) != REH_OK ||
        set_nonblock_cloexec(self_pipe[1]) != REH_OK) {
        int rc = diag_set(err, term ? REH_EIO : REH_ENOMEM, "cannot set up the terminal: %s",
                          term ? strerror(errno) : "out of memory");
        if (piped)
            close(self_pipe[0]), close(self_pipe[1]);
        self_pipe[0] = self_pipe[1] = -1;
        free(term);
        return rc;
    }
    term->tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    term->color = terminal_color_allowed(STDOUT_FILENO);
    caught_signal = caught_winch = caught_stop = caught_cont = caught_key_interrupt = 0;
    ask_on_interrupt = term->tty;
    struct sigaction sa = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaction(HANDLED_SIGNALS[i], &sa, &term->saved[i]);
    sigset_t held;
    ending_signals(&held);
    sigprocmask(SIG_UNBLOCK, &held, NULL); /* a signal held until now is caught */
    current = term;
    term->awake = clock_monotonic();
    if (term->tty) {
        rl_catch_signals = 0;
        rl_catch_sigwinch = 0;
        rl_readline_name = "rehearse";
        snprintf(term->prompt, sizeof term->prompt, "> ");
        rl_callback_handler_install(term->prompt, on_readline_line);
        term_complete_install();
    }
    *out = term;
    return REH_OK;
}

void terminal_close(struct terminal *term)
{
    if (term == NULL)
        return;
    if (term->tty) {
        terminal_single_keys(term, NULL);
        rl_clear_visible_line();      /* no prompt is left behind */
        rl_callback_handler_remove(); /* restores the terminal modes */
    }
    fflush(stdout);
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaction(HANDLED_SIGNALS[i], &term->saved[i], NULL);
    close(self_pipe[0]);
    close(self_pipe[1]);
    self_pipe[0] = self_pipe[1] = -1;
    current = NULL;
    free(term->line);
    free(term->pipe.buf);
    free(term->partial);
    free(term);
}

void terminal_set_prompt(struct terminal *term, const char *prompt)
{
    if (!term->tty || strcmp(prompt, term->prompt) == 0)
        return;
    snprintf(term->prompt, sizeof term->prompt, "%s", prompt);
    rl_clear_visible_line();
    rl_set_prompt(term->prompt);
    rl_forced_update_display();
}

void terminal_printf(struct terminal *term, const char *fmt, ...)
{
    va_list ap;
    if (term->tty)
        rl_clear_visible_line();
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fflush(stdout);
    if (term->tty)
        rl_forced_update_display();
}

void terminal_error(struct terminal *term, const char *message)
{
    if (term->tty)
        rl_clear_visible_line();
    fprintf(stderr, "rehearse: %s\n", message);
    if (term->tty)
        rl_forced_update_display();
}

/* Moves one complete line (or, at end of input, the rest) out of the pipe
 * into term->line. Returns 1 when there was one. */
static int take_pipe_line(struct terminal *term)
{
    char *line = term_pipe_line(&term->pipe);
    if (line == NULL)
        return 0;
    free(term->line);
    term->line = line;
    return 1;
}

static void drain_self_pipe(void)
{
    char sink[64];
    while (read(self_pipe[0], sink, sizeof sink) > 0)
        ;
}

/* A pending line or submit, if any, into *ev. */
static int pending(struct terminal *term, struct input_event *ev)
{
    if (term->tty) {
        if (!term->have_line)
            return 0;
        term->have_line = 0;
        ev->kind = term->line != NULL ? INPUT_LINE : INPUT_SUBMIT;
        ev->line = term->line;
        return 1;
    }
    if (take_pipe_line(term)) {
        ev->kind = INPUT_LINE;
        ev->line = term->line;
        return 1;
    }
    if (term->pipe.eof) {
        ev->kind = INPUT_END;
        return 1;
    }
    return 0;
}

/* Whether this process is in the terminal's foreground process group. */
static int in_foreground(void)
{
    pid_t group = tcgetpgrp(STDIN_FILENO);
    return group < 0 || group == getpgrp();
}

/* Stops the process with `sig` the way its default action does. */
static void stop_by_default(int sig)
{
    struct sigaction dfl = {.sa_handler = SIG_DFL}, old;
    sigset_t set, prev;
    sigemptyset(&dfl.sa_mask);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigaction(sig, &dfl, &old);
    sigprocmask(SIG_UNBLOCK, &set, &prev);
    raise(sig); /* returns once continued */
    sigprocmask(SIG_SETMASK, &prev, NULL);
    sigaction(sig, &old, NULL);
}

/* Acts on a job-control stop: the terminal gets its own modes back, the
 * process stops, and when it is continued in the foreground (continued in
 * the background, it stops again at once, as a read would make it) readline
 * takes the terminal again and redraws the line being typed, which is kept.
 * Returns the seconds the process stood still. */
static double stop_process(struct terminal *term, int sig)
{
    double before = clock_monotonic();
    if (term->tty && in_foreground()) {
        fputc('\n', stdout);
        fflush(stdout);
        rl_deprep_terminal();
    }
    stop_by_default(sig);
    while (term->tty && !in_foreground())
        stop_by_default(SIGTTIN);
    if (term->tty) {
        rl_prep_terminal(1);
        rl_forced_update_display();
    }
    caught_cont = 0;
    return clock_monotonic() - before;
}

/* After a SIGCONT that this process did not stop itself for (SIGSTOP from
 * outside, which cannot be caught): the terminal modes may have been changed
 * meanwhile, so readline sets them up again. The time stood still is counted
 * from the last wait's start, so to within a wait (a tick of the prompt). */
static void continued(struct terminal *term)
{
    caught_cont = 0;
    if (term->tty && in_foreground()) {
        rl_deprep_terminal();
        rl_prep_terminal(1);
        rl_forced_update_display();
    }
}

static void terminal_wait(void *ctx, double deadline, struct input_event *ev)
{
    struct terminal *term = ctx;
    if (term->tty) {
        free(term->line);
        term->line = NULL;
    }
    for (;;) {
        if (caught_key_interrupt) {
            double now = clock_monotonic();
            caught_key_interrupt = 0;
            if (term->asked > 0 && now - term->asked < INTERRUPT_AGAIN_S)
                caught_signal = SIGINT;
            term->asked = now;
            ev->kind = caught_signal ? INPUT_INTERRUPT : INPUT_QUIT;
            return;
        }
        if (caught_signal) {
            ev->kind = INPUT_INTERRUPT;
            return;
        }
        if (term->stopping) {
            term->stopping = 0;
            ev->kind = INPUT_CONTINUE;
            ev->stopped_s = stop_process(term, caught_stop);
            caught_stop = 0;
            return;
        }
        if (caught_stop) {
            term->stopping = 1; /* first the session pauses what it records */
            ev->kind = INPUT_STOP;
            return;
        }
        if (caught_cont) {
            continued(term);
            ev->kind = INPUT_CONTINUE;
            ev->stopped_s = clock_monotonic() - term->awake;
            return;
        }
        if (pending(term, ev))
            return;
        if (caught_winch) {
            caught_winch = 0;
            if (term->tty)
                rl_resize_terminal();
        }
        double now = clock_monotonic();
        if (now >= deadline) {
            ev->kind = INPUT_TIMEOUT;
            return;
        }
        int timeout = isinf(deadline) ? -1 : (int)ceil((deadline - now) * 1000.0);
        struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
                                {.fd = self_pipe[0], .events = POLLIN}};
        term->awake = clock_monotonic();
        int n = poll(fds, 2, timeout);
        if (n < 0 && errno != EINTR) {
            ev->kind = INPUT_END;
            return;
        }
        if (n <= 0)
            continue;
        if (fds[1].revents & POLLIN)
            drain_self_pipe();
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (term->tty) {
                rl_callback_read_char();
                term_keys_follow_line();
            } else
                term_pipe_read(&term->pipe, STDIN_FILENO);
        }
    }
}

static const char *terminal_partial(void *ctx, int take)
{
    struct terminal *term = ctx;
    free(term->partial);
    term->partial = NULL;
    if (term->tty) {
        if (rl_end == 0)
            return NULL;
        term->partial = strdup(rl_line_buffer);
        if (take) {
            rl_replace_line("", 0);
            rl_point = rl_end = 0;
        }
    } else {
        term->partial = term_pipe_partial(&term->pipe, take);
    }
    return term->partial;
}

/* The editor has the terminal meanwhile: readline gives its modes back and
 * takes them again after, and the line is redrawn. A stop or a Ctrl-C while
 * the editor ran was the editor's (it stood still with it). */
static int terminal_edit(void *ctx, const char *text, char **edited, struct diag *err)
{
    (void)ctx;
    rl_clear_visible_line();
    fflush(stdout);
    rl_deprep_terminal();
    int rc = term_editor_run(text, edited, err);
    rl_prep_terminal(1);
    caught_key_interrupt = caught_stop = caught_cont = 0;
    rl_resize_terminal();
    rl_forced_update_display();
    return rc;
}

struct engine_input terminal_input(struct terminal *term)
{
    return (struct engine_input){.wait = terminal_wait,
                                 .partial = terminal_partial,
                                 .edit = term->tty ? terminal_edit : NULL,
                                 .ctx = term};
}
