/* Tests of the terminal's input grammar (io/term_line.h): a pipe's input
 * cut into lines as a terminal enters them, and what a single key does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/term_line.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes `bytes` into a pipe and reads them (and, when `close_it`, the end
 * of input) into p. */
static void feed(struct term_pipe *p, const char *bytes, size_t n, int close_it)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], bytes, n), (ssize_t)n);
    if (close_it)
        close(fds[1]);
    term_pipe_read(p, fds[0]);
    if (close_it)
        term_pipe_read(p, fds[0]);
    else
        close(fds[1]);
    close(fds[0]);
}

static void expect_line(struct term_pipe *p, const char *want)
{
    char *line = term_pipe_line(p);
    if (want == NULL) {
        assert_null(line);
        return;
    }
    assert_non_null(line);
    assert_string_equal(line, want);
    free(line);
}

static void a_pipe_is_cut_into_lines(void **state)
{
    (void)state;
    static const char input[] = "one\ntwo\r\n\ncaf\xe9 \0x\n/done\nhalf";
    struct term_pipe p = {0};
    feed(&p, input, sizeof input - 1, 0);
    expect_line(&p, "one");
    expect_line(&p, "two"); /* \r\n too */
    expect_line(&p, "");
    expect_line(&p, "caf\xef\xbf\xbd \xef\xbf\xbdx"); /* invalid UTF-8 and NUL: U+FFFD */
    expect_line(&p, "/done");
    expect_line(&p, NULL); /* "half" is still being typed */
    char *partial = term_pipe_partial(&p, 0);
    assert_string_equal(partial, "half");
    free(partial);
    assert_false(p.eof);
    feed(&p, " more", 5, 1); /* then the end of input: the rest is a line */
    assert_true(p.eof);
    expect_line(&p, "half more");
    expect_line(&p, NULL);
    assert_null(term_pipe_partial(&p, 0));
    free(p.buf);

    /* the text being typed can be taken out */
    p = (struct term_pipe){0};
    feed(&p, "a\nbc", 4, 0);
    partial = term_pipe_partial(&p, 0);
    assert_null(partial); /* a whole line waits first */
    expect_line(&p, "a");
    partial = term_pipe_partial(&p, 1);
    assert_string_equal(partial, "bc");
    free(partial);
    assert_int_equal(p.len, 0);
    free(p.buf);
}

static void a_line_too_long_is_cut(void **state)
{
    (void)state;
    struct term_pipe p = {.buf = malloc(TERM_LINE_MAX), .len = TERM_LINE_MAX - 1};
    assert_non_null(p.buf);
    p.cap = TERM_LINE_MAX;
    memset(p.buf, 'a', TERM_LINE_MAX);
    expect_line(&p, NULL); /* one byte short: it waits */
    p.len = TERM_LINE_MAX;
    char *line = term_pipe_line(&p);
    assert_non_null(line);
    assert_int_equal(strlen(line), TERM_LINE_MAX);
    assert_int_equal(p.len, 0);
    free(line);
    free(p.buf);
}

static void single_keys(void **state)
{
    (void)state;
    static const struct {
        const char *keys;
        size_t line_len;
        int key;
        enum term_key does;
    } cases[] = {
        {"sqpr", 0, 's', TERM_KEY_LINE},  {"sqpr", 0, 'r', TERM_KEY_LINE},
        {"sqpr", 3, 's', TERM_KEY_TYPED}, {"sqpr", 0, 'x', TERM_KEY_TYPED},
        {"sqpr", 0, 'S', TERM_KEY_TYPED}, {"sqpr", 0, 0, TERM_KEY_TYPED},
        {"sqpr", 0, 200, TERM_KEY_TYPED}, {"", 0, 's', TERM_KEY_TYPED},
        {"\033", 0, 27, TERM_KEY_LINE},   {"\033", 2, 27, TERM_KEY_ESCAPE},
        {"sqpr", 2, 27, TERM_KEY_ESCAPE}, {"sqpr", 0, 27, TERM_KEY_TYPED},
        {"\033", 0, 's', TERM_KEY_TYPED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum term_key does = term_line_key(cases[i].keys, cases[i].line_len, cases[i].key);
        if (does != cases[i].does)
            fail_msg("key %d on a line of %zu with keys \"%s\": %d, expected %d", cases[i].key,
                     cases[i].line_len, cases[i].keys, does, cases[i].does);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_pipe_is_cut_into_lines),
        cmocka_unit_test(a_line_too_long_is_cut),
        cmocka_unit_test(single_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
