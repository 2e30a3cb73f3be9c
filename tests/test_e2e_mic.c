/* End-to-end tests of the microphone check on the real binary, through the
 * virtual microphone of scripts/virtual-mic (a PulseAudio null sink, paced
 * in real time, its default source the sink's monitor): before the first
 * spoken question on a terminal, a check that hears speech, one that hears
 * nothing and warns, one that hears a level that clips and warns, one
 * skipped with a key, and none through a pipe; `rehearse mic` ending on a
 * key on a terminal, and through a pipe a line a second with no escape
 * sequence; and the keys and status line of a recording played, in `play`
 * and beside `review`'s prompt, ending there by Ctrl-C or SIGTERM with the
 * terminal restored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"

#include <regex.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define SPOKEN E2E "/spoken.yaml"

#define SILENT_WARNING                                                                             \
    "Warning: nothing comes in from default. Is it muted, or the wrong input? `rehearse devices` " \
    "lists the inputs; --device picks one.\r\n"

/* PulseAudio's ALSA plugin leaves allocations at exit that LeakSanitizer
 * cannot attribute (see test_e2e_spoken.c): the children of these tests are
 * not checked for leaks. */
static void no_leak_check(void)
{
    setenv("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", 1);
    e2e_use_pulse();
}

/* Plays `wav` into the microphone, in the background. */
static void play_into_mic(const char *wav)
{
    assert_int_equal(e2e_run("XDG_RUNTIME_DIR='%s' paplay -d fakesink '%s' &", e2e_pulse_dir, wav),
                     0);
}

static void make_speech(char *path, size_t size)
{
    snprintf(path, size, "%s/speech.wav", e2e_home);
    assert_int_equal(
        e2e_run("flite -voice rms -t 'Testing the microphone, one two three.' -o '%s'", path), 0);
}

/* Two seconds of a 250 Hz square wave at full scale: every sample clips. */
static void make_clipping(char *path, size_t size)
{
    SF_INFO info = {.samplerate = 16000, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
    static short samples[32000];
    for (size_t i = 0; i < 32000; i++)
        samples[i] = (short)(i % 64 < 32 ? 32767 : -32768);
    snprintf(path, size, "%s/clipping.wav", e2e_home);
    SNDFILE *f = sf_open(path, SFM_WRITE, &info);
    assert_non_null(f);
    assert_int_equal(sf_write_short(f, samples, 32000), 32000);
    sf_close(f);
}

/* Ends the interview of SPOKEN once it records: Enter stops the answer. */
static void finish_interview(struct child *c, size_t at, const char *enter)
{
    at = e2e_expect(c, at, "Recording:", 10);
    e2e_send(c, enter);
    e2e_expect(c, at, "Interview completed", 10);
    int status = e2e_finish(c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* Starts an interview of SPOKEN on a terminal, up to its microphone check;
 * returns the offset past the check's first line. */
static size_t start_check(struct child *c)
{
    no_leak_check();
    e2e_spawn_pty(c, SPOKEN);
    return e2e_expect(c, 0, "Microphone check on default: say something. s skips.", 15);
}

/* On a terminal: the device, then (after the three seconds of audio the
 * check takes) its verdict, then the intro. */
static void check_hears_speech(void **state)
{
    (void)state;
    char speech[128];
    make_speech(speech, sizeof speech);
    struct child c;
    size_t at = start_check(&c);
    double started = e2e_now();
    play_into_mic(speech);
    at = e2e_expect(&c, at, "Microphone OK: it hears you (peak -8 dB).\r\n", 10);
    double took = e2e_now() - started;
    if (took < 2.5 || took > 6)
        fail_msg("the check took %.2f s", took);
    at = e2e_expect(&c, at, "End-to-end, spoken", 5);
    e2e_send(&c, "\r"); /* the intro waits for Enter */
    finish_interview(&c, at, "\r");
}

/* Nothing comes in (the sink plays only silence): a plain warning naming
 * the device and what to do, before the intro; with NO_COLOR, no colour. */
static void check_warns_of_silence(void **state)
{
    (void)state;
    e2e_no_color = 1;
    struct child c;
    size_t at = start_check(&c);
    e2e_no_color = 0;
    at = e2e_expect(&c, at, SILENT_WARNING, 10);
    at = e2e_expect(&c, at, "End-to-end, spoken", 5);
    e2e_send(&c, "\r");
    finish_interview(&c, at, "\r");
    assert_null(strstr(c.buf, "\033[33m"));
    assert_null(strstr(c.buf, "\033[1m"));
}

/* Through a pipe no one is there to speak and the lines piped in are the
 * interview's: no check, nothing read, no escape sequence. */
static void no_check_through_a_pipe(void **state)
{
    (void)state;
    no_leak_check();
    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    size_t at = e2e_expect(&c, 0, "End-to-end, spoken\n", 15);
    finish_interview(&c, at, "\n");
    assert_null(strstr(c.buf, "Microphone"));
    assert_null(strchr(c.buf, '\033'));
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
    json_decref(root);
}

/* A level that clips, on a terminal: the meter is drawn in the prompt, and
 * the warning is in colour, with the share of samples at full scale. */
static void check_warns_of_clipping(void **state)
{
    (void)state;
    char clipping[128];
    make_clipping(clipping, sizeof clipping);
    struct child c;
    size_t at = start_check(&c);
    play_into_mic(clipping);
    at = e2e_expect(&c, at, "[mic ", 5);
    at = e2e_expect(&c, at, "\033[33mWarning: the level clips (", 10);
    size_t end = e2e_expect(&c, at,
                            "% of the samples at full scale): lower the input level, or move back "
                            "from the microphone.\033[0m",
                            1);
    regex_t re;
    assert_int_equal(regcomp(&re, "^[0-9]+\\.[0-9]%", REG_EXTENDED), 0);
    assert_int_equal(regexec(&re, c.buf + at, 0, NULL, 0), 0);
    regfree(&re);
    e2e_send(&c, "\r"); /* the intro waits for Enter */
    finish_interview(&c, end, "\r");
}

/* s skips the check at once, and the interview goes on. */
static void check_is_skipped_with_a_key(void **state)
{
    (void)state;
    struct child c;
    size_t at = start_check(&c);
    double pressed = e2e_now();
    e2e_send(&c, "s");
    at = e2e_expect(&c, at, "Microphone check skipped.\r\n", 5);
    if (e2e_now() - pressed > 1.0)
        fail_msg("s took %.2f s to skip the check", e2e_now() - pressed);
    assert_null(strstr(c.buf, "Warning:"));
    at = e2e_expect(&c, at, "Press Enter to start.", 5);
    e2e_send(&c, "\r");
    finish_interview(&c, at, "\r");
}

/* `rehearse mic` on a terminal: the meter until q, then the verdict of all
 * it heard; with NO_COLOR, the same words without colour. */
static void mic_command_ends_on_a_key(void **state)
{
    (void)state;
    for (int no_color = 0; no_color <= 1; no_color++) {
        no_leak_check();
        e2e_no_color = no_color;
        struct child c;
        e2e_spawn_pty_args(&c, (char *const[]){"rehearse", "mic", NULL});
        e2e_no_color = 0;
        size_t at = e2e_expect(&c, 0, "Listening to default: say something. q stops.", 15);
        at = e2e_expect(&c, at, "[mic --------------------  -96 dB] q stops > ", 5);
        usleep(1500 * 1000); /* it meters until a key, however long */
        assert_int_equal(waitpid(c.pid, NULL, WNOHANG), 0);
        double pressed = e2e_now();
        e2e_send(&c, "q");
        at = e2e_expect(&c, at,
                        no_color ? "Warning: nothing comes in from default."
                                 : "\033[33mWarning: nothing comes in from default.",
                        5);
        int status = e2e_finish(&c);
        if (e2e_now() - pressed > 2.0)
            fail_msg("q took %.2f s to end the check", e2e_now() - pressed);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
        if (no_color) /* readline's own sequences stay: they are not colour */
            assert_true(strstr(c.buf, "\033[33m") == NULL && strstr(c.buf, "\033[1m") == NULL);
    }
}

/* `rehearse mic` through a pipe: a level line a second (no redraw, no
 * escape sequence), ended by a line, then the verdict. */
static void mic_command_through_a_pipe(void **state)
{
    (void)state;
    char speech[128], out[256];
    make_speech(speech, sizeof speech);
    no_leak_check();
    struct child c;
    e2e_spawn_args(&c, NULL, e2e_home, (char *const[]){"rehearse", "mic", NULL});
    size_t at = e2e_expect(
        &c, 0, "Listening to default: say something. A line or the end of input stops.\n", 15);
    play_into_mic(speech);
    e2e_expect(&c, at, "\nmic ", 5);
    usleep(3500 * 1000); /* the speech lasts 2.7 s */
    e2e_send(&c, "\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strchr(c.buf, '\033'));
    assert_null(strchr(c.buf, '\r'));
    snprintf(out, sizeof out, "%s/mic.txt", e2e_home);
    FILE *f = fopen(out, "w");
    assert_non_null(f);
    fputs(c.buf, f);
    fclose(f);
    /* the first line, then only level lines, then the verdict */
    assert_int_equal(e2e_run("sed -n '2,$p' '%s' | sed '$d' | grep -cvE '^mic [#-]{20} +-?[0-9]+ "
                             "dB$' | grep -qx 0",
                             out),
                     0);
    assert_int_equal(e2e_run("test $(sed -n '2,$p' '%s' | sed '$d' | wc -l) -ge 3", out), 0);
    assert_int_equal(e2e_run("grep -c '^mic #####' '%s' | grep -qvx 0", out), 0);
    assert_int_equal(
        e2e_run("tail -n 1 '%s' | grep -qx 'Microphone OK: it hears you (peak -8 dB).'", out), 0);
}

/* Runs `rehearse ARGS...` on a terminal until `needle`, then sends `keys`. */
static size_t on_terminal(struct child *c, char *const *args, const char *needle)
{
    no_leak_check();
    e2e_spawn_pty_args(c, args);
    return e2e_expect(c, 0, needle, 15);
}

#define REVIEW_KEYS "; space pauses, left/right 5 s, q or Enter stops"
#define PLAY_KEYS   "space pauses, left/right 5 s, n next, q or Enter stops"

/* A recording of 6 s (the answer times out) plays with its keys: on a
 * terminal `play` shows them on its status line, space pauses, the arrows
 * seek 5 s (paused too), q stops at once; through a pipe there is no status
 * line. In `review`, p plays it beside the prompt, its place shown there and
 * kept up to date: p again stops it, and a rating typed while it plays is
 * taken and saved. */
static void playback_has_keys_and_a_status_line(void **state)
{
    (void)state;
    no_leak_check();
    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    finish_interview(&c, 0, "");
    char home[96], out[128];
    snprintf(home, sizeof home, "%s", e2e_home);

    size_t at = on_terminal(&c, (char *const[]){"rehearse", "play", "last", "1", NULL},
                            " playing  " PLAY_KEYS);
    e2e_send(&c, " ");
    at = e2e_expect(&c, at, "\r  0:00 / 0:0", 5); /* the length is 5.9 to 6 s */
    at = e2e_expect(&c, at, " paused   " PLAY_KEYS, 5);
    e2e_send(&c, "\033[C");
    at = e2e_expect(&c, at, "\r  0:05 / 0:0", 5); /* the length is 5.9 to 6 s */
    at = e2e_expect(&c, at, " paused   " PLAY_KEYS, 5);
    e2e_send(&c, "\033[D");
    at = e2e_expect(&c, at, "\r  0:00 / 0:0", 5); /* the length is 5.9 to 6 s */
    at = e2e_expect(&c, at, " paused   " PLAY_KEYS, 5);
    e2e_send(&c, " ");
    at = e2e_expect(&c, at, " playing  " PLAY_KEYS, 5);
    double pressed = e2e_now();
    e2e_send(&c, "q");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    if (e2e_now() - pressed > 2.0)
        fail_msg("q took %.2f s to stop the playing", e2e_now() - pressed);

    snprintf(out, sizeof out, "%s/play.txt", home);
    assert_int_equal(e2e_run("REHEARSE_HOME='%s' '%s' play last 1 </dev/null >'%s' 2>&1", home,
                             REHEARSE_BIN, out),
                     0);
    assert_int_equal(e2e_run("grep -qx 'Say something about data lakes.' '%s'", out), 0);
    assert_int_equal(e2e_run("! grep -q 'space pauses' '%s' && ! grep -q $'\\r' '%s'", out, out),
                     0);

    at = on_terminal(&c, (char *const[]){"rehearse", "review", "last", NULL},
                     "Rating 1-5 (Enter skips, p plays, q stops): ");
    e2e_send(&c, "p\r");
    at = e2e_expect(&c, at, "[p playing 0:00 / 0:0", 5);
    at = e2e_expect(&c, at, REVIEW_KEYS "] Rating 1-5 (Enter skips, p plays, q stops): ", 5);
    at = e2e_expect(&c, at, "[p playing 0:01 / 0:0", 5); /* kept up to date */
    e2e_send(&c, "p\r");                                 /* the same key stops it */
    at = e2e_expect(&c, at, "\033[?2004hRating 1-5 (Enter skips, p plays, q stops): ", 5);
    usleep(1500 * 1000);
    c.buf[c.len] = '\0';
    assert_null(strstr(c.buf + at, "playing"));
    e2e_send(&c, "p\r");
    at = e2e_expect(&c, at, "[p playing 0:01 / 0:0", 5);
    e2e_send(&c, "4\r"); /* rated while it plays */
    at = e2e_expect(&c, at, "Note (optional): ", 5);
    e2e_send(&c, "while playing\r");
    at = e2e_expect(&c, at, "Rated 1 of 1, average 4.0", 5);
    status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_int_equal((int)e2e_answer_num(root, 0, "rating"), 4);
    assert_string_equal(e2e_answer_str(root, 0, "note"), "while playing");
    json_decref(root);
}

/* Whether the terminal is in its cooked mode (line editing and echo by the
 * terminal), as a shell expects it, within 3 s. */
static int terminal_cooked_soon(int fd)
{
    struct termios t;
    for (int i = 0; i < 30; i++) {
        assert_int_equal(tcgetattr(fd, &t), 0);
        if ((t.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO))
            return 1;
        usleep(100 * 1000);
    }
    return 0;
}

/* Starts `review` on a terminal after an interview and p plays its
 * recording; returns where its status shows. */
static size_t review_playing(struct child *c)
{
    no_leak_check();
    e2e_spawn_pipe(c, SPOKEN, e2e_home);
    finish_interview(c, 0, "");
    size_t at = on_terminal(c, (char *const[]){"rehearse", "review", "last", NULL},
                            "Rating 1-5 (Enter skips, p plays, q stops): ");
    e2e_send(c, "p\r");
    return e2e_expect(c, at, "[p playing 0:00 / 0:0", 5);
}

/* Reads what the child writes for 1.5 s. */
static void read_a_while(struct child *c)
{
    double end = e2e_now() + 1.5;
    struct pollfd fd = {.fd = c->out, .events = POLLIN};
    while (e2e_now() < end && c->len < sizeof c->buf - 1)
        if (poll(&fd, 1, 50) > 0) {
            ssize_t n = read(c->out, c->buf + c->len, sizeof c->buf - 1 - c->len);
            assert_true(n > 0);
            c->len += (size_t)n;
        }
    c->buf[c->len] = '\0';
}

/* The text after `at` has no status of a recording for 1.5 s. */
static void no_status_after(struct child *c, size_t at)
{
    read_a_while(c);
    assert_null(strstr(c->buf + at, "[p "));
}

/* In `review` the keys of `play` act on the recording playing beside an
 * empty line: space pauses (the position stands still) and resumes, the
 * right arrow seeks 5 s, q stops it and the prompt is as before, Enter
 * stops it too; the answer is then rated as usual. */
static void review_playing_takes_the_keys_of_play(void **state)
{
    (void)state;
    struct child c;
    size_t at = review_playing(&c);
    e2e_send(&c, " ");
    at = e2e_expect(&c, at, "[p paused 0:00 / 0:0", 5);
    at = e2e_expect(&c, at, REVIEW_KEYS "] Rating 1-5 (Enter skips, p plays, q stops): ", 5);
    read_a_while(&c);
    assert_null(strstr(c.buf + at, "[p playing"));
    assert_null(strstr(c.buf + at, "[p paused 0:01"));
    e2e_send(&c, "\033[C");
    at = e2e_expect(&c, at, "[p paused 0:05 / 0:0", 5);
    e2e_send(&c, " ");
    at = e2e_expect(&c, at, "[p playing 0:05 / 0:0", 5);
    e2e_send(&c, "\033[D");
    at = e2e_expect(&c, at, "[p playing 0:00 / 0:0", 5);
    e2e_send(&c, "q");
    at = e2e_expect(&c, at, "Rating 1-5 (Enter skips, p plays, q stops): ", 5);
    no_status_after(&c, at);
    e2e_send(&c, "p\r");
    at = e2e_expect(&c, at, "[p playing 0:00 / 0:0", 5);
    e2e_send(&c, "\r");
    at = e2e_expect(&c, at, "Rating 1-5 (Enter skips, p plays, q stops): ", 5);
    no_status_after(&c, at);
    e2e_send(&c, "3\r");
    at = e2e_expect(&c, at, "Note (optional): ", 5);
    e2e_send(&c, "\r");
    e2e_expect(&c, at, "Rated 1 of 1, average 3.0", 5);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_int_equal((int)e2e_answer_num(root, 0, "rating"), 3);
    json_decref(root);
}

/* `review` playing a recording ends by signal `sig`, sent as `key` when
 * not NULL, with the terminal given back in its own modes. */
static void review_playing_ends_by(int sig, const char *key)
{
    struct child c;
    review_playing(&c);
    if (key != NULL)
        e2e_send(&c, key);
    else
        kill(c.pid, sig);
    assert_true(terminal_cooked_soon(c.in));
    int status = e2e_finish(&c);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);
}

/* Ctrl-C while a recording plays in `review` ends it as at any prompt,
 * with the terminal given back in its own modes. */
static void review_playing_ends_on_ctrl_c_with_the_terminal_restored(void **state)
{
    (void)state;
    review_playing_ends_by(SIGINT, "\003");
}

/* SIGTERM while a recording plays in `review` gives the terminal back too. */
static void review_playing_ends_on_sigterm_with_the_terminal_restored(void **state)
{
    (void)state;
    review_playing_ends_by(SIGTERM, NULL);
}

/* Without an output device, p in `review` says why it cannot play, in one
 * line above the prompt, and the prompt goes on: the rating is saved. */
static void review_goes_on_without_an_output_device(void **state)
{
    (void)state;
    no_leak_check();
    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    finish_interview(&c, 0, "");
    char conf[128], runtime[128];
    snprintf(conf, sizeof conf, "%s/none.conf", e2e_home);
    snprintf(runtime, sizeof runtime, "%s/no-pulse", e2e_home);
    assert_int_equal(e2e_run("printf 'pcm.!default { type hw; card 99 }\\nctl.!default { type "
                             "hw; card 99 }\\n' > '%s' && mkdir '%s'",
                             conf, runtime),
                     0);
    setenv("ALSA_CONFIG_PATH", conf, 1);
    setenv("XDG_RUNTIME_DIR", runtime, 1);
    e2e_spawn_pty_args(&c, (char *const[]){"rehearse", "review", "last", NULL});
    size_t at = e2e_expect(&c, 0, "Rating 1-5 (Enter skips, p plays, q stops): ", 15);
    e2e_send(&c, "p\r");
    at = e2e_expect(&c, at, "rehearse: cannot play through the default output: ", 10);
    at = e2e_expect(&c, at, "Rating 1-5 (Enter skips, p plays, q stops): ", 5);
    e2e_send(&c, "3\r");
    at = e2e_expect(&c, at, "Note (optional): ", 5);
    e2e_send(&c, "\r");
    e2e_expect(&c, at, "Rated 1 of 1, average 3.0", 5);
    int status = e2e_finish(&c);
    e2e_use_pulse();
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_int_equal((int)e2e_answer_num(root, 0, "rating"), 3);
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(check_hears_speech, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(check_warns_of_silence, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(no_check_through_a_pipe, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(check_warns_of_clipping, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(check_is_skipped_with_a_key, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(mic_command_ends_on_a_key, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(mic_command_through_a_pipe, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(playback_has_keys_and_a_status_line, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(review_playing_takes_the_keys_of_play, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(review_playing_ends_on_ctrl_c_with_the_terminal_restored,
                                        e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(review_playing_ends_on_sigterm_with_the_terminal_restored,
                                        e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(review_goes_on_without_an_output_device, e2e_make_home,
                                        e2e_remove_home),
    };
    return cmocka_run_group_tests(tests, e2e_mic_start, e2e_mic_stop);
}
