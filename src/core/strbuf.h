/* strbuf: a growing NUL-terminated string for building a document. A failed
 * allocation sticks, so a writer appends without checking each step and
 * asks once, at the end, whether it has its document. */
#ifndef REHEARSE_STRBUF_H
#define REHEARSE_STRBUF_H

#include <stddef.h>

/* Zeroed, an empty string. */
struct strbuf {
    char *data; /* NULL until something is appended */
    size_t len, cap;
    int failed; /* an allocation failed: everything since is dropped */
};

/* Appends the n bytes at s. */
void strbuf_append(struct strbuf *b, const char *s, size_t n);

/* Appends the formatted text. */
void strbuf_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The string built, which the caller frees, or NULL when an allocation failed
 * or nothing was appended; b is empty again either way. */
char *strbuf_finish(struct strbuf *b);

#endif
