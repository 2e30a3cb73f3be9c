/* term_line: a pipe's lines, a terminal's single keys. */
#include "term_line.h"
#include "../core/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ESC 27

void term_pipe_read(struct term_pipe *p, int fd)
{
    if (p->cap - p->len < 4096) {
        size_t cap = p->cap ? p->cap * 2 : 8192;
        char *b = realloc(p->buf, cap);
        if (b == NULL)
            return;
        p->buf = b;
        p->cap = cap;
    }
    ssize_t n = read(fd, p->buf + p->len, p->cap - p->len);
    if (n > 0)
        p->len += (size_t)n;
    else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        p->eof = 1;
}

char *term_pipe_line(struct term_pipe *p)
{
    const char *nl = p->len > 0 ? memchr(p->buf, '\n', p->len) : NULL;
    size_t n;
    if (nl != NULL)
        n = (size_t)(nl - p->buf);
    else if (p->len > 0 && (p->eof || p->len >= TERM_LINE_MAX))
        n = p->len;
    else
        return NULL;
    char *line = text_valid_utf8(p->buf, n > 0 && p->buf[n - 1] == '\r' ? n - 1 : n);
    if (line == NULL)
        return NULL;
    size_t used = nl != NULL ? n + 1 : n;
    memmove(p->buf, p->buf + used, p->len - used);
    p->len -= used;
    return line;
}

char *term_pipe_partial(struct term_pipe *p, int take)
{
    if (p->len == 0 || memchr(p->buf, '\n', p->len) != NULL)
        return NULL;
    char *partial = strndup(p->buf, p->len);
    if (take)
        p->len = 0;
    return partial;
}

enum term_key term_line_key(const char *keys, size_t line_len, int key)
{
    if (key == ESC && line_len != 0)
        return TERM_KEY_ESCAPE;
    if (line_len != 0 || key <= 0 || key > 127 || strchr(keys, key) == NULL)
        return TERM_KEY_TYPED;
    return TERM_KEY_LINE;
}
