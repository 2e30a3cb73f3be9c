/* term_view: what an interview shows on the terminal (or writes to a pipe as
 * plain text): intro, questions, think time, countdown (amber after the
 * first warning, red after the last) with the level meter of a recording,
 * warnings with the bell, summary. */
#ifndef REHEARSE_TERM_VIEW_H
#define REHEARSE_TERM_VIEW_H

#include "../core/engine.h"
#include "terminal.h"

struct term_view {
    struct terminal *term;
    const char *dir;  /* the session directory, shown at the start and the end */
    int silence_told; /* "no signal" was said for this take */
    int bell;         /* ring the terminal bell at warnings and the limit */
    /* Why questions asked to be read aloud cannot be, said in the intro;
     * NULL when they can or were not asked to be. */
    const char *voice_off;
};

/* Prints one line made like printf, in the colour `sgr` (an SGR code such
 * as "33", or NULL) when allowed. Its text may come from a file or from
 * what was typed: its control characters are shown, never sent. */
void term_view_say(struct terminal *term, const char *sgr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The engine_view table drawing through `view`, which must outlive it. */
struct engine_view term_view_ops(struct term_view *view);

#endif
