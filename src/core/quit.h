/* quit: how an interview ends at the candidate's wish. Where the engine is
 * told to confirm (on a terminal), /quit and Ctrl-C ask once before ending;
 * "y" or a second /quit ends, Enter goes on, any other line withdraws the
 * question and is handled as usual. */
#ifndef REHEARSE_QUIT_H
#define REHEARSE_QUIT_H

#include "command.h"
#include "engine.h"

enum quit_verdict {
    QUIT_PASS, /* the line is not about ending: handle it as usual */
    QUIT_END,  /* the session ends now */
    QUIT_HELD, /* the line is used up: the question to end was asked, or withdrawn by Enter */
};

/* /quit (by_interrupt 0) or Ctrl-C (1): QUIT_END when the session ends now
 * (no confirmation wanted, or /quit asked already), else asks: QUIT_HELD.
 * Each Ctrl-C asks again: a second one ends only within the terminal's
 * 2 s, as a signal. */
enum quit_verdict quit_ask(struct engine *eng, int by_interrupt);

/* A line, parsed as `command`, as far as ending goes. */
enum quit_verdict quit_line(struct engine *eng, const char *line, enum command command);

#endif
