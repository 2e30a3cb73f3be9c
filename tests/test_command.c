/* Tests of the grammar of what is typed during an interview: every command
 * in every phase, with and without the single keys of a recording. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/command.h"

#include <string.h>

#define T COMMAND_TEXT
#define U COMMAND_UNKNOWN

static const char *const NAMES[] = {"text",   "done", "skip",   "quit", "repeat", "pause",
                                    "resume", "time", "retake", "help", "unknown"};

/* One line: what it is in the intro, the prelude (question read, think
 * time) and the answer, and the text of a TEXT or UNKNOWN result. */
static const struct {
    const char *line;
    int keys;
    enum command in[3];
    const char *arg;
} CASES[] = {
    /* every command: the intro takes /done, /quit and /help, the prelude
     * also /skip and /repeat, the answer all */
    {"/done", 0, {COMMAND_DONE, COMMAND_DONE, COMMAND_DONE}, NULL},
    {"/skip", 0, {U, COMMAND_SKIP, COMMAND_SKIP}, "/skip"},
    {"/quit", 0, {COMMAND_QUIT, COMMAND_QUIT, COMMAND_QUIT}, NULL},
    {"/repeat", 0, {U, COMMAND_REPEAT, COMMAND_REPEAT}, "/repeat"},
    {"/pause", 0, {U, U, COMMAND_PAUSE}, "/pause"},
    {"/resume", 0, {U, U, COMMAND_RESUME}, "/resume"},
    {"/time", 0, {U, U, COMMAND_TIME}, "/time"},
    {"/retake", 0, {U, U, COMMAND_RETAKE}, "/retake"},
    {"/edit", 0, {U, U, COMMAND_EDIT}, "/edit"},
    {"/help", 0, {COMMAND_HELP, COMMAND_HELP, COMMAND_HELP}, NULL},
    /* whitespace after the name is no argument */
    {"/done  ", 0, {COMMAND_DONE, COMMAND_DONE, COMMAND_DONE}, NULL},
    {"/quit\t", 0, {COMMAND_QUIT, COMMAND_QUIT, COMMAND_QUIT}, NULL},
    /* a command with text after it, or a name of no command, is unknown
     * in every phase, as typed */
    {"/skip now", 0, {U, U, U}, "/skip now"},
    {"/quit now", 0, {U, U, U}, "/quit now"},
    {"/quitting", 0, {U, U, U}, "/quitting"},
    {"/q", 0, {U, U, U}, "/q"},
    {"/Done", 0, {U, U, U}, "/Done"},
    {"/", 0, {U, U, U}, "/"},
    {"/frobnicate now", 0, {U, U, U}, "/frobnicate now"},
    /* text; "//" types a single '/' */
    {"plain text", 0, {T, T, T}, "plain text"},
    {"", 0, {T, T, T}, ""},
    {" /done", 0, {T, T, T}, " /done"},
    {"//etc is a path", 0, {T, T, T}, "/etc is a path"},
    {"//", 0, {T, T, T}, "/"},
    {"s", 0, {T, T, T}, "s"},
    {"q", 0, {T, T, T}, "q"},
    /* the single keys: Enter stops, s skips, p pauses, r takes again, q
     * quits; a key whose command the phase does not take is that command,
     * unknown */
    {"", 1, {COMMAND_DONE, COMMAND_DONE, COMMAND_DONE}, NULL},
    {"s", 1, {U, COMMAND_SKIP, COMMAND_SKIP}, "/skip"},
    {"p", 1, {U, U, COMMAND_PAUSE}, "/pause"},
    {"r", 1, {U, U, COMMAND_RETAKE}, "/retake"},
    {"q", 1, {COMMAND_QUIT, COMMAND_QUIT, COMMAND_QUIT}, NULL},
    /* the commands keep working, other text stays text */
    {"/skip", 1, {U, COMMAND_SKIP, COMMAND_SKIP}, "/skip"},
    {"/q", 1, {U, U, U}, "/q"},
    {"x", 1, {T, T, T}, "x"},
    {"ss", 1, {T, T, T}, "ss"},
    {"S", 1, {T, T, T}, "S"},
    {"//note", 1, {T, T, T}, "/note"},
};

static void every_command_in_every_phase(void **state)
{
    (void)state;
    static const enum command_phase phases[] = {PHASE_INTRO, PHASE_PRELUDE, PHASE_ANSWER};
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        for (size_t p = 0; p < 3; p++) {
            struct command_line c = command_parse(CASES[i].line, phases[p], CASES[i].keys);
            enum command want = CASES[i].in[p];
            if (c.command != want)
                fail_msg("'%s' (keys %d) in phase %zu: %s, expected %s", CASES[i].line,
                         CASES[i].keys, p, NAMES[c.command], NAMES[want]);
            if (want == T || want == U)
                assert_string_equal(c.arg, CASES[i].arg);
            else
                assert_null(c.arg);
        }
    }
}

static void the_single_keys_come_from_the_table(void **state)
{
    (void)state;
    char keys[COMMAND_KEYS_MAX];
    command_keys(keys);
    assert_string_equal(keys, "sqpr");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_command_in_every_phase),
        cmocka_unit_test(the_single_keys_come_from_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
