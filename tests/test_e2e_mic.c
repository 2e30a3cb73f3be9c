/* End-to-end tests of the microphone check on the real binary, through the
 * virtual microphone of scripts/virtual-mic (a PulseAudio null sink, paced
 * in real time, its default source the sink's monitor): before the first
 * spoken question, a check that hears speech, one that hears nothing and
 * warns, one that hears a level that clips and warns, one skipped with a
 * key; `rehearse mic` ending on a key on a terminal, and through a pipe a
 * line a second with no escape sequence. */
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
#include <sys/wait.h>
#include <unistd.h>

#define SPOKEN E2E "/spoken.yaml"

#define SILENT_WARNING                                                                             \
    "Warning: nothing comes in from default. Is it muted, or the wrong input? `rehearse devices` " \
    "lists the inputs; --device picks one.\n"

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

/* Through a pipe: the device, then (after the three seconds of audio the
 * check takes) its verdict, with neither a meter nor an escape sequence;
 * then the intro. */
static void check_hears_speech(void **state)
{
    (void)state;
    char speech[128];
    make_speech(speech, sizeof speech);
    no_leak_check();
    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    size_t at = e2e_expect(&c, 0, "Microphone check on default: say something.\n", 15);
    double started = e2e_now();
    play_into_mic(speech);
    at = e2e_expect(&c, at, "Microphone OK: it hears you (peak -8 dB).\nEnd-to-end, spoken\n", 10);
    double took = e2e_now() - started;
    if (took < 2.5 || took > 6)
        fail_msg("the check took %.2f s", took);
    finish_interview(&c, at, "\n");
    assert_null(strchr(c.buf, '\033'));
    assert_null(strchr(c.buf, '\r'));
    assert_null(strstr(c.buf, "mic #"));
    assert_null(strstr(c.buf, "mic -"));
}

/* Nothing comes in (the sink plays only silence): a plain warning naming
 * the device and what to do, before the intro. */
static void check_warns_of_silence(void **state)
{
    (void)state;
    no_leak_check();
    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    size_t at = e2e_expect(
        &c, 0,
        "Microphone check on default: say something.\n" SILENT_WARNING "End-to-end, spoken\n", 15);
    finish_interview(&c, at, "\n");
    assert_null(strchr(c.buf, '\033'));
}

/* A level that clips, on a terminal: the meter is drawn in the prompt, and
 * the warning is in colour, with the share of samples at full scale. */
static void check_warns_of_clipping(void **state)
{
    (void)state;
    char clipping[128];
    make_clipping(clipping, sizeof clipping);
    no_leak_check();
    struct child c;
    e2e_spawn_pty(&c, SPOKEN);
    size_t at = e2e_expect(&c, 0, "Microphone check on default: say something. s skips.", 15);
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
    no_leak_check();
    struct child c;
    e2e_spawn_pty(&c, SPOKEN);
    size_t at = e2e_expect(&c, 0, "Microphone check on default: say something. s skips.", 15);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(check_hears_speech, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(check_warns_of_silence, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(check_warns_of_clipping, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(check_is_skipped_with_a_key, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(mic_command_ends_on_a_key, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(mic_command_through_a_pipe, e2e_make_home, e2e_remove_home),
    };
    return cmocka_run_group_tests(tests, e2e_mic_start, e2e_mic_stop);
}
