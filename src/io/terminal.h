/* terminal: the session's input and output on stdin/stdout. On a terminal,
 * GNU readline's callback interface in a poll loop (line editing, history, a
 * prompt that can change while a line is being typed); otherwise a plain
 * line reader over the pipe. It also owns the signal handling of a session:
 * SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGALRM end it
 * cleanly; Ctrl-Z (SIGTSTP, also SIGTTIN and SIGTTOU) gives the terminal its
 * modes back before the process stops and takes it again on `fg`, the time
 * stood still (also after a SIGSTOP) reported as INPUT_CONTINUE; SIGWINCH
 * resizes. */
#ifndef REHEARSE_TERMINAL_H
#define REHEARSE_TERMINAL_H

#include "../core/engine.h"

#include <stdarg.h>

struct terminal;

/* Opens the terminal (only one at a time) into *out and installs the
 * signal handlers. Returns REH_OK, or REH_ENOMEM or REH_EIO (the self-pipe
 * cannot be made) with err set. */
int terminal_open(struct terminal **out, struct diag *err);

/* Holds the signals that end a session (SIGINT, SIGTERM, SIGHUP, SIGQUIT,
 * SIGUSR1, SIGUSR2, SIGALRM) until terminal_open has installed its
 * handlers, so that a signal that comes while a session is being set up
 * ends it cleanly (as aborted, saved) instead of killing the process. */
void terminal_hold_signals(void);

/* Restores the terminal and the previous signal handlers, frees `term`. */
void terminal_close(struct terminal *term);

/* Whether stdin is a terminal (readline) rather than a pipe. */
int terminal_interactive(const struct terminal *term);

/* The one colour rule: whether escape sequences may be written to `fd`: it
 * is a terminal, NO_COLOR is unset or empty, and TERM is set and not
 * "dumb". */
int terminal_color_allowed(int fd);

/* Whether escape sequences may be written: stdout is a terminal, NO_COLOR
 * is unset or empty, TERM is not "dumb". */
int terminal_color(const struct terminal *term);

/* The engine_input table reading from this terminal. */
struct engine_input terminal_input(struct terminal *term);

/* Replaces the prompt; on a terminal it is redrawn at once without
 * disturbing what is being typed. Ignored for pipes. */
void terminal_set_prompt(struct terminal *term, const char *prompt);

/* On a terminal, from now on each of `keys` typed on an empty line is
 * entered at once as a line of its own, without Enter (the keys of a
 * recording), and Esc ("\033") among them as an empty line, like Enter
 * (with text on the line Esc keeps its own meaning: the arrow keys edit);
 * NULL or "" ends that. At most 7 keys. Ignored for pipes, where a key is a
 * line anyway. */
void terminal_single_keys(struct terminal *term, const char *keys);

/* Binds (on 1) or unbinds (0) the single keys of a recording, those of
 * command_keys (core/command.h), as terminal_single_keys does. */
void terminal_command_keys(struct terminal *term, int on);

/* Prints above the line being edited, which is redrawn after. */
void terminal_printf(struct terminal *term, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "rehearse: <message>" on stderr above the line being edited,
 * which is redrawn after. */
void terminal_error(struct terminal *term, const char *message);

/* The signal that interrupted the session, or 0. */
int terminal_signal(const struct terminal *term);

#endif
