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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repairs_invalid_utf8),
        cmocka_unit_test(shows_controls_visibly),
        cmocka_unit_test(escapes_markdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
