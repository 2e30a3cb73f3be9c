/* Table-driven tests of text from outside: the UTF-8 repair (exact bytes out,
 * one U+FFFD per maximal invalid subpart), the terminal form of control
 * characters and the Markdown form of a line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/text.h"

#include <stdlib.h>
#include <string.h>

#define FFFD "\xef\xbf\xbd"

static void repairs_invalid_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *out;
    } cases[] = {
        {"caf\xc3\xa9", 5, "caf\xc3\xa9"},        /* valid stays */
        {"caf\xe9 \xff", 6, "caf" FFFD " " FFFD}, /* Latin-1 bytes */
        {"a\x80\xbf"
         "b",
         4, "a" FFFD FFFD "b"},                       /* lone continuations */
        {"\xe2\x82", 2, FFFD},                        /* truncated: one subpart */
        {"\xe2\x82x", 3, FFFD "x"},                   /* cut short by ASCII */
        {"\xf0\x9f\x98", 3, FFFD},                    /* truncated 4-byte */
        {"\xc0\xaf", 2, FFFD FFFD},                   /* overlong '/' */
        {"\xe0\x80\xaf", 3, FFFD FFFD FFFD},          /* overlong 3-byte */
        {"\xf0\x80\x80\xaf", 4, FFFD FFFD FFFD FFFD}, /* overlong 4-byte */
        {"\xed\xa0\x80", 3, FFFD FFFD FFFD},          /* surrogate U+D800 */
        {"\xf4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD}, /* U+110000 */
        {"\xf5\x80", 2, FFFD FFFD},                   /* never a lead */
        {"\xf4\x8f\xbf\xbf", 4, "\xf4\x8f\xbf\xbf"},  /* U+10FFFF is fine */
        {"a\0b", 3, "a" FFFD "b"},                    /* NUL */
        {"\xe1\x80\xe2\xf0\x91\x92\xf1\xbf\x41", 9, FFFD FFFD FFFD FFFD "A"}, /* Unicode 3.9 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = text_valid_utf8(cases[i].in, cases[i].len);
        assert_non_null(out);
        assert_string_equal(out, cases[i].out);
        assert_true(text_utf8_valid(out, strlen(out)));
        assert_int_equal(text_utf8_valid(cases[i].in, cases[i].len), i == 0 || i == 12);
        free(out);
    }
}

static void shows_controls_visibly(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"x\033]52;c;aGk=\a\033[2J", "x^[]52;c;aGk=^G^[[2J"},
        {"tab\there\nnext line", "tab\there\nnext line"},
        {"cr\rdel\x7f", "cr^Mdel^?"},
        {"csi \xc2\x9b"
         "2J",
         "csi <U+009B>2J"},
        {"rtl \xe2\x80\xae"
         "cba",
         "rtl <U+202E>cba"},
        {"caf\xc3\xa9 \xe2\x9c\x93", "caf\xc3\xa9 \xe2\x9c\x93"},
        {"bad \xff", "bad " FFFD},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = text_for_terminal(cases[i].in);
        assert_non_null(out);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
}

static void escapes_markdown(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"```", "\\`\\`\\`"},
        {"---", "\\---"},
        {"# x", "\\# x"},
        {"  > quoted", "  \\> quoted"},
        {"<script>alert(1)</script>", "\\<script>alert(1)\\</script>"},
        {"<!-- hidden", "\\<!-- hidden"},
        {"1. first", "1\\. first"},
        {"2) second", "2\\) second"},
        {"+ item", "\\+ item"},
        {"===", "\\==="},
        {"~~~", "\\~~~"},
        {"a *b* _c_ [d](e) | f \\ g", "a \\*b\\* \\_c\\_ \\[d\\](e) \\| f \\\\ g"},
        {"real-time, 2.5 > 1 and 3 - 2", "real-time, 2.5 > 1 and 3 - 2"},
        {"esc \033[31m", "esc ^\\[\\[31m"},
        {"\033\035(javascript:x)", "^\\[^\\](javascript:x)"}, /* no link */
        {"\xc2\x9b", "\\<U+009B>"},
        {"two\nlines", "two lines"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = text_markdown_line(cases[i].in, strlen(cases[i].in));
        assert_non_null(out);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
    char *nul = text_markdown_line("\0# x", 4); /* a NUL is a control too */
    assert_non_null(nul);
    assert_string_equal(nul, "^@# x");
    free(nul);
}

static void fits_columns(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t columns;
        const char *out;
    } cases[] = {
        {"Quick drill", 11, "Quick drill"},                    /* fits exactly */
        {"Quick drill", 8, "Quick d\xe2\x80\xa6"},             /* cut, ellipsis */
        {"caf\xc3\xa9 au lait", 5, "caf\xc3\xa9\xe2\x80\xa6"}, /* by characters, not bytes */
        {"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, "\xe6\x97\xa5\xe2\x80\xa6"}, /* wide */
        {"abc", 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = text_fit(cases[i].in, cases[i].columns);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
    assert_int_equal(text_columns("e\xcc\x81t\xc3\xa9", 6), 3);      /* a combining accent */
    assert_int_equal(text_columns("\033[33maborted\033[0m", 16), 7); /* styling takes none */
}

static void wraps_at_words(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t width, indent;
        const char *out;
    } cases[] = {
        {"How would you design a pipeline?", 0, 4, "How would you design a pipeline?"},
        {"How would you design a pipeline?", 30, 4, "How would you design a\n    pipeline?"},
        {"How would you design a pipeline?", 20, 4, /* too narrow to hang */
         "How would you\ndesign a pipeline?"},
        {"Caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9"
         "e",
         30, 18, /* columns, not bytes */
         "Caf\xc3\xa9 cr\xc3\xa8me\nbr\xc3\xbbl\xc3\xa9"
         "e"},
        {"a  b\nc", 10, 0, "a b\nc"},                      /* spaces once, newlines kept */
        {"abcdefghijklmnop", 10, 2, "abcdefgh\nijklmnop"}, /* a long word breaks at the edge */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = text_wrap(cases[i].in, cases[i].width, cases[i].indent);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repairs_invalid_utf8), cmocka_unit_test(shows_controls_visibly),
        cmocka_unit_test(escapes_markdown),     cmocka_unit_test(fits_columns),
        cmocka_unit_test(wraps_at_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
