/* Tests of Markdown laid out for a terminal: exact lines at a given width,
 * with and without colour, for the shapes transcript.md holds (headings,
 * bold labels, quotes, lists, links, escapes, code) and nested ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/term_markdown.h"

#include <stdlib.h>
#include <string.h>

static void renders(const char *md, unsigned width, int color, const char *want)
{
    char *got = term_markdown(md, width, color);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("rendered\n%s---\nexpected\n%s---", got, want);
    free(got);
}

static void a_transcript_without_colour(void **state)
{
    (void)state;
    renders("# Quick drill\n\n- Session: 1\n- Status: completed\n\n"
            "## 1. Design: q-one\n\n> Why would you \\*ever\\* use a queue here?\n\n"
            "**Your answer** (typed)\n\nUse a queue, with retries and a dead letter topic.\n\n"
            "Recording: [01-q.wav](01-q.wav), 0:10\n",
            30, 0,
            "Quick drill\n\n\u2022 Session: 1\n\u2022 Status: completed\n\n"
            "1. Design: q-one\n\n\u2502 Why would you *ever* use a\n\u2502 queue here?\n\n"
            "Your answer (typed)\n\nUse a queue, with retries and\na dead letter topic.\n\n"
            "Recording: 01-q.wav, 0:10\n");
}

static void styles_with_colour(void **state)
{
    (void)state;
    renders("# Title\n\n**Your answer** (typed) and *this* and `code`\n\n> quoted\n", 40, 1,
            "\033[1;4mTitle\033[0m\n\n\033[1mYour answer\033[0m (typed) and \033[3mthis\033[0m "
            "and \033[33mcode\033[0m\n\n\033[36m\u2502 \033[0mquoted\n");
}

/* A word longer than the line has a line of its own; a hard break breaks;
 * words glued to bold text stay one word. */
static void long_words_breaks_and_glued_words(void **state)
{
    (void)state;
    renders("a supercalifragilisticexpialidocious b\\\nc x**y**z\n", 20, 0,
            "a\nsupercalifragilisticexpialidocious\nb\nc xyz\n");
}

/* Lists in quotes, numbered lists, loose items, code blocks and rules. */
static void nested_blocks(void **state)
{
    (void)state;
    renders("> - one two three four five\n> - six\n\n3. first\n\n4. second\n\n"
            "```\ncode  line\n```\n\n---\n",
            20, 0,
            "\u2502 \u2022 one two three\n\u2502   four five\n\u2502 \u2022 six\n\n"
            "3. first\n\n4. second\n\ncode  line\n\n"
            "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500"
            "\u2500\u2500\u2500\u2500\u2500\u2500\n");
}

/* Wide characters take two columns each: the first two words, 12 + 1 + 8
 * columns, do not fit in 20, although all three are only 16 characters. */
static void wide_characters_take_two_columns(void **state)
{
    (void)state;
    renders("\u6570\u636e\u6570\u636e\u6570\u636e \u6e56\u6e56\u6e56\u6e56 "
            "\u4ed3\u5e93\u4ed3\u5e93\n",
            20, 0,
            "\u6570\u636e\u6570\u636e\u6570\u636e\n"
            "\u6e56\u6e56\u6e56\u6e56 \u4ed3\u5e93\u4ed3\u5e93\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_transcript_without_colour),       cmocka_unit_test(styles_with_colour),
        cmocka_unit_test(long_words_breaks_and_glued_words), cmocka_unit_test(nested_blocks),
        cmocka_unit_test(wide_characters_take_two_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
