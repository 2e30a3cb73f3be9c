/* Tests of duration parsing and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/diag.h"
#include "core/duration.h"

static void parses_every_form(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned seconds;
    } cases[] = {{"90s", 90},     {"4m", 240},      {"1m30s", 90},  {"1h", 3600}, {"90", 90},
                 {"1h30m", 5400}, {"2h0m5s", 7205}, {"45m", 2700},  {"1", 1},     {"24h", 86400},
                 {"0h1s", 1},     {"59s", 59},      {"1m59s", 119}, {"90m", 5400}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned s = 0;
        const char *why = NULL;
        assert_int_equal(duration_parse(cases[i].text, &s, &why), REH_OK);
        assert_int_equal(s, cases[i].seconds);
    }
}

static void rejects_bad_durations(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *why;
    } cases[] = {
        {"0", "a duration must be longer than zero"},
        {"0m", "a duration must be longer than zero"},
        {"-5s", "a duration cannot be negative"},
        {"", "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds"},
        {"m", "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds"},
        {"5x", "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds"},
        {"30s1m", "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds"},
        {"1m1m", "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds"},
        {"1.5m", "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds"},
        {"1m 30s", "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds"},
        {"25h", "a duration cannot be longer than 24h"},
        {"99999999999999999999", "a duration cannot be longer than 24h"},
        {"1440m1s", "a duration cannot be longer than 24h"},
        {"1m60s", "seconds after minutes or hours must be below 60; carry them over (1m60s is 2m)"},
        {"1h0m75s",
         "seconds after minutes or hours must be below 60; carry them over (1m60s is 2m)"},
        {"1h60m", "minutes after hours must be below 60; carry them over (1h60m is 2h)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned s = 12345;
        const char *why = NULL;
        assert_int_equal(duration_parse(cases[i].text, &s, &why), REH_EDATA);
        assert_string_equal(why, cases[i].why);
        assert_int_equal(s, 12345);
    }
}

static void formats_shortest_form(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(duration_format(0, buf, sizeof buf), "0s");
    assert_string_equal(duration_format(90, buf, sizeof buf), "1m30s");
    assert_string_equal(duration_format(2700, buf, sizeof buf), "45m");
    assert_string_equal(duration_format(3605, buf, sizeof buf), "1h5s");
    assert_string_equal(duration_format(86400, buf, sizeof buf), "24h");
    char tiny[3];
    assert_string_equal(duration_format(3661, tiny, sizeof tiny), "1h");
}

static void formats_clocks(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(duration_clock(0, buf, sizeof buf), "0:00");
    assert_string_equal(duration_clock(59.99, buf, sizeof buf), "0:59");
    assert_string_equal(duration_clock(212.4, buf, sizeof buf), "3:32");
    assert_string_equal(duration_clock(-12.5, buf, sizeof buf), "0:12");
    assert_string_equal(duration_clock(3725, buf, sizeof buf), "1:02:05");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_every_form),
        cmocka_unit_test(rejects_bad_durations),
        cmocka_unit_test(formats_shortest_form),
        cmocka_unit_test(formats_clocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
