/* End-to-end tests of /edit on the real binary through a pseudo-terminal:
 * the answer so far opened in $VISUAL (a script standing for the editor),
 * what it saves taken back, an editor that fails or is missing, the time
 * running out while editing; and refused through a pipe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIX "; set VISUAL or EDITOR to an editor that works, e.g. export VISUAL=nano."

/* Writes an executable script `name` into e2e_home with `body`, its path
 * into `path`. */
static void script(char *path, size_t size, const char *name, const char *body)
{
    snprintf(path, size, "%s/%s", e2e_home, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n%s", body);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, 0700), 0);
}

/* Reads the first line of a file of e2e_home into `out`. */
static void first_line(const char *name, char *out, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", e2e_home, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(out, (int)size, f));
    out[strcspn(out, "\n")] = '\0';
    fclose(f);
}

/* Starts `scenario` on a terminal and waits for its first question. */
static size_t start(struct child *c, const char *scenario)
{
    e2e_spawn_pty(c, scenario);
    size_t at = e2e_expect(c, 0, "Press Enter to start.", 5);
    e2e_send(c, "\r");
    return e2e_expect(c, at, "[1/", 5);
}

static void ends_with_status(struct child *c, int code)
{
    int status = e2e_finish(c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), code);
}

/* Waits for the second question of long.yaml and ends the interview there. */
static void quit_at_the_second(struct child *c, size_t at)
{
    at = e2e_expect(c, at, "[2/2]", 5);
    e2e_send(c, "/quit\r");
    e2e_expect(c, at, "End the interview?", 5);
    e2e_send(c, "y\r");
    ends_with_status(c, 0);
}

/* $VISUAL (before $EDITOR) gets the answer so far in a file of $TMPDIR
 * only the user can read, removed afterwards; what it saves is the answer,
 * shown, and typing goes on after it. */
static void edit_takes_back_what_is_saved(void **state)
{
    (void)state;
    char editor[256], tmp[256];
    script(editor, sizeof editor, "append",
           "dir=$(dirname \"$0\")\n"
           "stat -c %a \"$1\" > \"$dir/mode\"\n"
           "printf '%s\\n' \"$1\" > \"$dir/path\"\n"
           "printf 'added by the editor\\n' >> \"$1\"\n");
    snprintf(tmp, sizeof tmp, "%s/tmp", e2e_home);
    assert_int_equal(mkdir(tmp, 0700), 0);
    setenv("VISUAL", editor, 1);
    setenv("EDITOR", "false", 1);
    setenv("TMPDIR", tmp, 1);
    struct child c;
    size_t at = start(&c, E2E "/long.yaml");
    e2e_send(&c, "first line\r/edit\r");
    at = e2e_expect(&c, at, "Your answer so far, as saved in the editor:\r\n", 5);
    at = e2e_expect(&c, at, "first line\r\nadded by the editor\r\n", 5);
    at = e2e_expect(&c, at, "(Go on typing, or /done submits it.)\r\n", 5);
    e2e_send(&c, "after\r/done\r");
    quit_at_the_second(&c, at);
    unsetenv("VISUAL");
    unsetenv("EDITOR");
    unsetenv("TMPDIR");
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), "first line\nadded by the editor\nafter");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
    json_decref(root);
    char mode[16], path[256];
    first_line("mode", mode, sizeof mode);
    assert_string_equal(mode, "600");
    first_line("path", path, sizeof path);
    assert_memory_equal(path, tmp, strlen(tmp));
    assert_int_equal(access(path, F_OK), -1); /* removed */
}

/* An editor that fails, or is not found, leaves the answer as it was, with
 * one line naming the editor and the fix. */
static void a_failing_editor_keeps_the_answer(void **state)
{
    (void)state;
    char editor[256], expected[512];
    script(editor, sizeof editor, "fails", "echo garbage >> \"$1\"\nexit 1\n");
    setenv("VISUAL", editor, 1);
    struct child c;
    size_t at = start(&c, E2E "/long.yaml");
    e2e_send(&c, "kept as typed\r/edit\r");
    snprintf(expected, sizeof expected,
             "Not edited, the answer is as it was: the editor %s exited with status 1" FIX, editor);
    at = e2e_expect(&c, at, expected, 5);
    e2e_send(&c, "/done\r");
    quit_at_the_second(&c, at);
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), "kept as typed");
    json_decref(root);

    unsetenv("VISUAL");
    setenv("EDITOR", "/nonexistent/editor", 1);
    at = start(&c, E2E "/short.yaml");
    e2e_send(&c, "/edit\r");
    e2e_expect(&c, at,
               "Not edited, the answer is as it was: the editor /nonexistent/editor was not "
               "found" FIX,
               5);
    e2e_send(&c, "/quit\r");
    e2e_send(&c, "y\r");
    ends_with_status(&c, 0);
    unsetenv("EDITOR");
}

/* The clock runs on while editing: an answer whose time ran out in the
 * editor is what was saved there, timed out. */
static void time_runs_out_while_editing(void **state)
{
    (void)state;
    char editor[256];
    script(editor, sizeof editor, "slow", "printf 'saved late\\n' >> \"$1\"\nsleep 4\n");
    setenv("VISUAL", editor, 1);
    struct child c;
    size_t at = start(&c, E2E "/short.yaml");
    e2e_send(&c, "typed first\r/edit\r");
    at = e2e_expect(&c, at, "typed first\r\nsaved late\r\n", 8);
    at = e2e_expect(&c, at,
                    "The time ran out while you were in the editor: what you saved is your "
                    "answer.\r\n",
                    2);
    at = e2e_expect(&c, at, "-- Time is up. --", 2);
    at = e2e_expect(&c, at, "[3/3]", 15);
    e2e_send(&c, "/skip\r");
    ends_with_status(&c, 0);
    unsetenv("VISUAL");
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), "typed first\nsaved late");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "timed-out");
    json_decref(root);
}

/* Through a pipe there is no terminal for an editor: /edit says so and the
 * answer goes on. */
static void edit_needs_a_terminal(void **state)
{
    (void)state;
    struct child c;
    setenv("VISUAL", "false", 1);
    e2e_spawn_pipe(&c, E2E "/long.yaml", e2e_home);
    e2e_send(&c, "piped\n/edit\nmore\n/done\n/skip\n");
    e2e_expect(&c, 0, "/edit needs a terminal: here the answer comes from a pipe.\n", 5);
    ends_with_status(&c, 0);
    unsetenv("VISUAL");
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), "piped\nmore");
    json_decref(root);
}

int main(void)
{
    e2e_no_color = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(edit_takes_back_what_is_saved, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_failing_editor_keeps_the_answer, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(time_runs_out_while_editing, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(edit_needs_a_terminal, e2e_make_home, e2e_remove_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
