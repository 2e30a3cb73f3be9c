/* term_keys: the single keys of readline: while asked for, a key typed on an
 * empty line is entered at once as a line of its own (the keys of a
 * recording), Esc among them as an empty line; with text on the line each
 * key is typed, and Esc keeps its binding (the arrows edit). Only one
 * terminal exists, so the state is this module's. */
#ifndef REHEARSE_TERM_KEYS_H
#define REHEARSE_TERM_KEYS_H

/* From now on each of `keys` ("" or NULL for none, at most 7) acts alone
 * on an empty line. Binds them in readline's keymap. */
void term_keys_set(const char *keys);

/* After each character read: Esc is a key of its own only while the line is
 * empty. */
void term_keys_follow_line(void);

/* Whether the line just entered was a single key (not a line of the answer,
 * so not for the history); clears that. */
int term_keys_entered(void);

#endif
