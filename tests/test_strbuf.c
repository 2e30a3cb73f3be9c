/* Tests of the growing string: appends and formatted text across many
 * reallocations, and a failed allocation that sticks until the end (realloc
 * is wrapped at link time to fail on demand). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail_realloc; /* the next reallocations fail */

void *__real_realloc(void *p, size_t size);
void *__wrap_realloc(void *p, size_t size);

void *__wrap_realloc(void *p, size_t size)
{
    return fail_realloc ? NULL : __real_realloc(p, size);
}

static void grows_across_many_appends(void **state)
{
    (void)state;
    struct strbuf b = {0};
    char expected[6000] = "";
    size_t len = 0;
    for (int i = 0; i < 1000; i++) {
        strbuf_printf(&b, "%d,", i);
        len += (size_t)snprintf(expected + len, sizeof expected - len, "%d,", i);
    }
    strbuf_append(&b, "end\0ignored", 3);
    strbuf_append(&b, "", 0);
    memcpy(expected + len, "end", 4);
    assert_int_equal(b.len, len + 3);
    char *s = strbuf_finish(&b);
    assert_string_equal(s, expected);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    free(s);
}

static void a_failure_sticks_to_the_end(void **state)
{
    (void)state;
    struct strbuf b = {0};
    strbuf_append(&b, "kept", 4);
    fail_realloc = 1;
    strbuf_printf(&b, "%0100d", 7); /* needs more room: fails */
    fail_realloc = 0;
    strbuf_append(&b, "x", 1); /* would fit, but the string is already short */
    assert_int_equal(b.failed, 1);
    assert_int_equal(b.len, 4);
    assert_null(strbuf_finish(&b));
    assert_int_equal(b.failed, 0); /* empty again, ready for another */
    strbuf_append(&b, "again", 5);
    char *s = strbuf_finish(&b);
    assert_string_equal(s, "again");
    free(s);
}

static void nothing_appended_is_no_string(void **state)
{
    (void)state;
    struct strbuf b = {0};
    assert_null(strbuf_finish(&b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grows_across_many_appends),
        cmocka_unit_test(a_failure_sticks_to_the_end),
        cmocka_unit_test(nothing_appended_is_no_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
