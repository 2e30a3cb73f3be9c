/* term_line: the terminal's input grammar apart from readline, so that it
 * is tested on its own: the reader of a pipe's input, cut into lines as a
 * terminal enters them, and what a key bound by terminal_single_keys does. */
#ifndef REHEARSE_TERM_LINE_H
#define REHEARSE_TERM_LINE_H

#include <stddef.h>

#define TERM_LINE_MAX (1u << 20) /* a longer line is cut at this size */

/* The input of a pipe: zero it before use, free `buf` after. */
struct term_pipe {
    char *buf;
    size_t len, cap;
    int eof; /* the end of input (or an error) was read */
};

/* Reads once what `fd` has into the buffer (nothing when out of memory). */
void term_pipe_read(struct term_pipe *p, int fd);

/* Takes the next line out of the buffer: up to a '\n' (without it, nor a
 * '\r' before it), or, with no '\n', the rest at the end of input or once
 * TERM_LINE_MAX bytes wait. A NUL byte or invalid UTF-8 becomes U+FFFD.
 * Returns it (the caller frees it), or NULL when no whole line is there yet
 * (or out of memory). */
char *term_pipe_line(struct term_pipe *p);

/* A copy of the text after the last whole line, if any (the caller frees
 * it); `take` also removes it from the buffer. NULL when there is none or
 * out of memory. */
char *term_pipe_partial(struct term_pipe *p, int take);

enum term_key {
    TERM_KEY_TYPED,  /* typed into the line, as any key */
    TERM_KEY_LINE,   /* entered at once as a line of its own (Esc: an empty line) */
    TERM_KEY_ESCAPE, /* Esc with text on the line: read again with its own binding */
};

/* What `key` does on a line of `line_len` bytes while `keys` act alone
 * (those of terminal_single_keys, "\033" for Esc among them). */
enum term_key term_line_key(const char *keys, size_t line_len, int key);

#endif
