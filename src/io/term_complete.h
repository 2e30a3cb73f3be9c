/* term_complete: Tab in readline completes the name of a /command (the
 * names of core/command.h); a line of text gets no completion, neither
 * words nor file names. */
#ifndef REHEARSE_TERM_COMPLETE_H
#define REHEARSE_TERM_COMPLETE_H

/* Binds Tab in readline's keymap (after readline is set up). */
void term_complete_install(void);

#endif
