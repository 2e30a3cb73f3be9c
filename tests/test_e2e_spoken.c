/* End-to-end tests of spoken answers on the real binary, with a virtual
 * microphone instead of a sound card (scripts/virtual-mic): speech played
 * into a PulseAudio null sink in real time must be in the WAV sample for
 * sample, with the recording as long as the answer and nothing dropped; the
 * ALSA file route gives exact content; no device at all gives a clear
 * message and a typed answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "e2e.h"

#include <math.h>
#include <signal.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* How long the next screen may take after the first take stops: its words
 * wait for the recogniser, which loads while the interview starts and may
 * still be loading on a loaded machine. */
#define AFTER_STOP_S 20
#define SPOKEN       E2E "/spoken.yaml"

/* Where `probe` (n samples) starts in `hay`, or -1. */
static long find(const int16_t *hay, size_t len, const int16_t *probe, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, probe, n * sizeof *probe) == 0)
            return (long)i;
    return -1;
}

static void recording_path(json_t *root, char *out, size_t size)
{
    char dir[256];
    json_t *audio = json_object_get(json_array_get(json_object_get(root, "answers"), 0), "audio");
    assert_true(json_is_object(audio));
    e2e_session_dir(dir, sizeof dir);
    snprintf(out, size, "%s/%s", dir, json_string_value(json_object_get(audio, "file")));
}

static double audio_num(json_t *root, const char *key)
{
    json_t *audio = json_object_get(json_array_get(json_object_get(root, "answers"), 0), "audio");
    return json_number_value(json_object_get(audio, key));
}

/* Answer 1 gets a spoken follow-up (a copy of its recording): `play last 1`
 * plays it after the answer, headed as a follow-up. */
static void play_follow_up(const char *out)
{
    char dir[256], path[300];
    e2e_session_dir(dir, sizeof dir);
    json_t *root = e2e_load_session();
    json_t *first = json_array_get(json_object_get(root, "answers"), 0);
    json_t *f = json_deep_copy(first), *audio = json_object_get(f, "audio");
    assert_non_null(audio);
    assert_int_equal(e2e_run("cp '%s/%s' '%s/01-follow-up.wav'", dir,
                             json_string_value(json_object_get(audio, "file")), dir),
                     0);
    assert_int_equal(json_object_set_new(audio, "file", json_string("01-follow-up.wav")), 0);
    assert_int_equal(json_object_set_new(f, "question", json_string("And in a lakehouse?")), 0);
    assert_int_equal(json_object_set_new(f, "follow_up", json_integer(1)), 0);
    assert_int_equal(json_object_set_new(f, "source", json_string("authored")), 0);
    assert_int_equal(json_object_set_new(first, "follow_ups", json_pack("[o]", f)), 0);
    snprintf(path, sizeof path, "%s/session.json", dir);
    assert_int_equal(json_dump_file(root, path, JSON_INDENT(2)), 0);
    json_decref(root);
    assert_int_equal(
        e2e_run("ASAN_OPTIONS=detect_leaks=0 REHEARSE_HOME='%s' '%s' play last 1 >'%s' 2>&1",
                e2e_home, REHEARSE_BIN, out),
        0);
    assert_int_equal(e2e_run("grep -qx 'Say something about data lakes.' '%s'", out), 0);
    assert_int_equal(e2e_run("grep -q '^\\[1/[0-9]*\\] Follow-up 1 (0:0[0-9])$' '%s'", out), 0);
    assert_int_equal(e2e_run("grep -qx 'And in a lakehouse?' '%s'", out), 0);
}

static void records_speech_in_real_time(void **state)
{
    (void)state;
    char speech[128];
    snprintf(speech, sizeof speech, "%s/speech.wav", e2e_home);
    assert_int_equal(e2e_run("flite -voice rms -t 'A data lake keeps raw data; a warehouse keeps "
                             "modelled data.' -o '%s'",
                             speech),
                     0);
    e2e_use_pulse();
    struct child c;
    e2e_spawn_pulse(&c, SPOKEN, 0);
    size_t at = e2e_expect(&c, 0, "Recording:", 10);
    assert_int_equal(e2e_run("XDG_RUNTIME_DIR='%s' paplay -d fakesink '%s'", e2e_pulse_dir, speech),
                     0);
    e2e_expect(&c, at, "Time is up", 10); /* the answer times out at 6 s */
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "mode"), "spoken");
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "timed-out");
    double elapsed = e2e_answer_num(root, 0, "elapsed_s");
    double duration = audio_num(root, "duration_s");
    if (fabs(duration - elapsed) > 0.1)
        fail_msg("recorded %.3f s for an answer of %.3f s", duration, elapsed);
    assert_true(audio_num(root, "dropped_frames") == 0);
    assert_true(audio_num(root, "sample_rate") == 16000);

    /* The speech is in the recording, sample for sample. */
    char path[512];
    int16_t *rec, *src;
    recording_path(root, path, sizeof path);
    size_t n_rec = e2e_read_samples(path, &rec), n_src = e2e_read_samples(speech, &src);
    assert_true(audio_num(root, "frames") == n_rec);
    assert_true(fabs((double)n_rec / 16000 - duration) <= 0.05 + 1e-9); /* written in tenths */
    size_t loud = 0;
    while (loud < n_src && abs(src[loud]) < 1000)
        loud++;
    long found = find(rec, n_rec, src + loud, 400);
    if (found < 0)
        fail_msg("the played speech is not in %s", path);
    long offset = found - (long)loud; /* where the speech starts in the recording */
    /* From the first loud sample on: the sound server may fade a new stream
     * in over its first few quiet samples. */
    size_t compared = 0, differ = 0;
    for (size_t i = loud; i < n_src; i++) {
        long j = offset + (long)i;
        if (j < 0 || j >= (long)n_rec)
            continue;
        compared++;
        differ += rec[j] != src[i];
    }
    assert_true(compared > (n_src - loud) * 9 / 10);
    /* The sound server may glitch for a moment on a loaded machine (as when
     * the suite runs under sanitizers in parallel): allow 1% of samples. */
    if (differ * 100 > compared)
        fail_msg("%zu of %zu samples differ from the speech played", differ, compared);
    free(rec);
    free(src);
    json_decref(root);

    /* It plays back through the default output, which is the null sink (the
     * same plugin, so the same leak check is left out). */
    char out[128];
    snprintf(out, sizeof out, "%s/play.txt", e2e_home);
    assert_int_equal(
        e2e_run("ASAN_OPTIONS=detect_leaks=0 REHEARSE_HOME='%s' '%s' play last 1 >'%s' 2>&1",
                e2e_home, REHEARSE_BIN, out),
        0);
    assert_int_equal(e2e_run("grep -qx 'Say something about data lakes.' '%s'", out), 0);
    assert_int_equal(
        e2e_run("ASAN_OPTIONS=detect_leaks=0 REHEARSE_HOME='%s' '%s' play last 2 >'%s' 2>&1",
                e2e_home, REHEARSE_BIN, out),
        1);
    assert_int_equal(e2e_run("grep -q '^rehearse: answer 2 of .* has no recording$' '%s'", out), 0);
    play_follow_up(out);
    assert_int_equal(
        e2e_run("ASAN_OPTIONS=detect_leaks=0 '%s' devices --json >'%s'", REHEARSE_BIN, out), 0);
    assert_int_equal(e2e_run("grep -q '\"default_input\": true' '%s'", out), 0);
}

static void alsa_file_route_is_exact(void **state)
{
    (void)state;
    size_t n_src;
    int16_t *src = e2e_alsa_file_mic(&n_src);
    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    e2e_expect(&c, 0, "Recording:", 10);
    /* the route reads faster than real time, but the recording keeps only
     * the answer's length of it: more than 32768 frames */
    usleep(2200 * 1000);
    e2e_send(&c, "\n"); /* Enter stops the recording */
    int status = e2e_finish(&c);
    unsetenv("ALSA_CONFIG_PATH");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
    char path[512];
    int16_t *rec;
    recording_path(root, path, sizeof path);
    size_t n_rec = e2e_read_samples(path, &rec);
    assert_true(n_rec >= 32768);
    assert_true(audio_num(root, "frames") == n_rec);
    /* The first ring-full is a contiguous, exact slice of the source. */
    long at = find(src, n_src, rec, 16);
    if (at < 0)
        fail_msg("the recording does not start with samples of the source");
    assert_true((size_t)at + 32768 <= n_src);
    assert_memory_equal(rec, src + at, 32768 * sizeof *rec);
    free(rec);
    free(src);
    json_decref(root);
}

static void no_microphone_means_typed(void **state)
{
    (void)state;
    char conf[128];
    snprintf(conf, sizeof conf, "%s/none.conf", e2e_home);
    FILE *f = fopen(conf, "w");
    fputs("pcm.!default { type hw; card 99 }\nctl.!default { type hw; card 99 }\n", f);
    fclose(f);
    setenv("ALSA_CONFIG_PATH", conf, 1);
    setenv("XDG_RUNTIME_DIR", e2e_home, 1); /* no PulseAudio there */

    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    size_t at = e2e_expect(&c, 0, "No recording: ", 10);
    e2e_expect(&c, at, "Type your answer instead.", 1);
    e2e_send(&c, "typed instead\n/done\n");
    int status = e2e_finish(&c);
    unsetenv("ALSA_CONFIG_PATH");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "mode"), "typed");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "typed instead");
    assert_true(json_is_null(
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "audio")));
    json_decref(root);
}

/* The questions are read aloud through the default output (the null sink,
 * paced in real time): the first in full before its think time, the second
 * cut short by Enter, which leads into its think time. */
static void questions_are_read_aloud(void **state)
{
    (void)state;
    e2e_use_pulse();
    struct child c;
    e2e_spawn_pulse(&c, REHEARSE_TEST_DATA "/e2e/voice.yaml", 0);
    size_t at = e2e_expect(&c, 0, "[1/2]", 10);
    double shown = e2e_now();
    at = e2e_expect(&c, at, "Take 1s to think", 15);
    double read = e2e_now() - shown;
    e2e_send(&c, "\n/done\n"); /* Enter ends the think time */
    at = e2e_expect(&c, at, "[2/2]", 10);
    shown = e2e_now();
    e2e_send(&c, "\n"); /* Enter cuts the reading short; the think time follows */
    at = e2e_expect(&c, at, "Take 1s to think", 10);
    double cut = e2e_now() - shown;
    e2e_send(&c, "\n/done\n");
    at = e2e_expect(&c, at, "Skipped.", 10);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strstr(c.buf, "not read aloud"));
    /* flite reads the first question in about 5 s. */
    if (read < 3 || read > 10)
        fail_msg("the first question was read for %.2f s", read);
    if (cut > 1.0)
        fail_msg("Enter took %.2f s to cut the reading short", cut);
    json_t *root = e2e_load_session();
    assert_true(e2e_answer_num(root, 1, "think_s") <= 0.2);
    json_decref(root);
}

/* On a terminal Esc on an empty line cuts the reading short too; with text
 * on the line Esc keeps its meaning, so the arrow keys edit, during the
 * reading and after it. */
static void escape_cuts_the_reading_on_a_terminal(void **state)
{
    (void)state;
    e2e_use_pulse();
    struct child c;
    e2e_spawn_pulse(&c, REHEARSE_TEST_DATA "/e2e/voice.yaml", 1);
    e2e_send(&c, "\r"); /* the intro waits for Enter */
    size_t at = e2e_expect(&c, 0, "[1/2]", 10);
    usleep(1500 * 1000); /* the reading has begun: it lasts about 5 s */
    double pressed = e2e_now();
    e2e_send(&c, "\033");
    at = e2e_expect(&c, at, "Take 1s to think", 10);
    double cut = e2e_now() - pressed;
    at = e2e_expect(&c, at, "-- Answer now. --", 10);
    e2e_send(&c, "/done\r");
    at = e2e_expect(&c, at, "Skipped.", 10);
    at = e2e_expect(&c, at, "[2/2]", 10);
    usleep(1500 * 1000);
    e2e_send(&c, "ab\033[DX\r"); /* the left arrow during the reading: "aXb" */
    at = e2e_expect(&c, at, "-- Answer now. --", 10);
    usleep(300 * 1000);
    e2e_send(&c, "cd\033[DX\r/done\r"); /* and after it: "cXd" */
    e2e_expect(&c, at, "Answered in", 10);
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    if (cut > 1.0)
        fail_msg("Esc took %.2f s to cut the reading short", cut);
    json_t *root = e2e_load_session();
    assert_null(strstr(c.buf, "not read aloud"));
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "skipped");
    assert_true(fabs(e2e_answer_num(root, 0, "think_s") - 1.0) <= 0.15);
    assert_string_equal(e2e_answer_str(root, 1, "text"), "aXb\ncXd");
    json_decref(root);
}

/* r takes a spoken answer again: the first take's recording is kept in its
 * own file, listed under takes with the last one. */
static void spoken_retake_keeps_both_recordings(void **state)
{
    (void)state;
    size_t n_src;
    free(e2e_alsa_file_mic(&n_src));
    struct child c;
    e2e_spawn_pipe(&c, E2E "/spoken-takes.yaml", e2e_home);
    size_t at = e2e_expect(&c, 0, "Recording:", 10);
    usleep(200 * 1000);
    e2e_send(&c, "r\n");
    at = e2e_expect(&c, at, "-- Take 2:", AFTER_STOP_S);
    at = e2e_expect(&c, at, "Recording:", 5);
    usleep(200 * 1000);
    e2e_send(&c, "\n");
    int status = e2e_finish(&c);
    unsetenv("ALSA_CONFIG_PATH");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    json_t *root = e2e_load_session();
    json_t *takes = json_object_get(json_array_get(json_object_get(root, "answers"), 0), "takes");
    assert_int_equal(json_array_size(takes), 2);
    char dir[256], path[512];
    e2e_session_dir(dir, sizeof dir);
    static const char *const files[] = {"01-say-it.wav", "01-say-it-take2.wav"};
    for (size_t i = 0; i < 2; i++) {
        json_t *audio = json_object_get(json_array_get(takes, i), "audio");
        assert_string_equal(json_string_value(json_object_get(audio, "file")), files[i]);
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        int16_t *rec;
        size_t frames = e2e_read_samples(path, &rec);
        free(rec);
        assert_true(frames > 0);
        assert_true(json_number_value(json_object_get(audio, "frames")) == frames);
    }
    assert_string_equal(
        json_string_value(json_object_get(
            json_object_get(json_array_get(json_object_get(root, "answers"), 0), "audio"), "file")),
        files[1]);
    json_decref(root);
}

/* On a terminal the keys of a recording act without Enter: p pauses (the
 * message names p) and resumes, r takes the answer again, s skips it. A line
 * typed while paused is refused, not kept as a note. */
static void keys_act_at_once_on_a_terminal(void **state)
{
    (void)state;
    size_t n_src;
    free(e2e_alsa_file_mic(&n_src));
    struct child c;
    e2e_spawn_pty(&c, E2E "/spoken-takes.yaml");
    e2e_send(&c, "s\r"); /* s skips the microphone check; the intro waits for Enter */
    size_t at = e2e_expect(&c, 0, "Recording:", 10);
    usleep(200 * 1000);
    e2e_send(&c, "p");
    at = e2e_expect(&c, at, "Paused: the clocks are stopped. p again to resume.", 5);
    e2e_send(&c, "off the clock\r");
    at = e2e_expect(&c, at,
                    "Not taken: answers are given on the clock, which is paused; p resumes it.", 5);
    usleep(300 * 1000);
    e2e_send(&c, "p");
    at = e2e_expect(&c, at, "Resumed after", 5);
    e2e_send(&c, "r");
    at = e2e_expect(&c, at, "-- Take 2:", AFTER_STOP_S);
    at = e2e_expect(&c, at, "Recording:", 5);
    usleep(200 * 1000);
    e2e_send(&c, "s");
    int status = e2e_finish(&c);
    unsetenv("ALSA_CONFIG_PATH");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    json_t *root = e2e_load_session();
    json_t *answer = json_array_get(json_object_get(root, "answers"), 0);
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "skipped");
    assert_string_equal(e2e_answer_str(root, 0, "text"), "");
    assert_true(e2e_answer_num(root, 0, "paused_s") >= 0.25); /* the keys came 0.3 s apart */
    assert_int_equal(json_array_size(json_object_get(answer, "takes")), 2);
    assert_null(json_object_get(answer, "typed_note"));
    json_decref(root);
}

/* Ctrl-Z while recording: the recording pauses before the process stops and
 * goes on after `fg`; then a SIGSTOP from outside. Nothing of the stopped
 * time is recorded or counted as lost: the recording is as long as the
 * answer. */
static void ctrl_z_pauses_the_recording(void **state)
{
    (void)state;
    e2e_use_pulse();
    struct child c;
    setenv("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", 1); /* see e2e_spawn_pulse */
    pid_t job = e2e_spawn_pty_job(&c, E2E "/spoken-takes.yaml");
    unsetenv("ASAN_OPTIONS");
    e2e_send(&c, "s\r"); /* s skips the microphone check; the intro waits for Enter */
    size_t at = e2e_expect(&c, 0, "Recording:", 10);
    usleep(1000 * 1000);
    e2e_send(&c, "\032"); /* Ctrl-Z */
    e2e_wait_state(job, 'T', 3);
    usleep(2000 * 1000);
    kill(job, SIGCONT);
    at = e2e_expect(&c, at, "Stopped for 2 s; the clocks were paused.", 5);
    usleep(1000 * 1000);
    kill(job, SIGSTOP); /* from outside: found on SIGCONT */
    e2e_wait_state(job, 'T', 3);
    usleep(1500 * 1000);
    kill(job, SIGCONT);
    at = e2e_expect(&c, at, "; the clocks were paused.", 5);
    usleep(1000 * 1000);
    e2e_send(&c, "\r");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    json_t *root = e2e_load_session();
    double elapsed = e2e_answer_num(root, 0, "elapsed_s"),
           paused = e2e_answer_num(root, 0, "paused_s");
    double duration = audio_num(root, "duration_s");
    print_message("elapsed %.3f s, paused %.3f s, recorded %.3f s, %g dropped, %g overflows\n",
                  elapsed, paused, duration, audio_num(root, "dropped_frames"),
                  audio_num(root, "input_overflows"));
    assert_true(paused >= 3.4 && paused < 4.2);
    if (fabs(duration - elapsed) > 0.2)
        fail_msg("recorded %.3f s for an answer of %.3f s", duration, elapsed);
    assert_true(audio_num(root, "dropped_frames") == 0);
    assert_true(audio_num(root, "input_overflows") == 0);
    json_decref(root);
}

/* A spoken question's follow-up is spoken too, recorded into a file of its
 * own, stored under the question's answer. */
static void a_spoken_follow_up_has_its_own_recording(void **state)
{
    (void)state;
    size_t n_src;
    free(e2e_alsa_file_mic(&n_src));
    struct child c;
    e2e_spawn_pipe(&c, E2E "/spoken-follow-ups.yaml", e2e_home);
    size_t at = e2e_expect(&c, 0, "Recording:", 10);
    usleep(200 * 1000);
    e2e_send(&c, "\n");
    at = e2e_expect(&c, at, "[1/1] Follow-up (1 of 1) - 0:15\nAnd how would you keep one tidy?\n",
                    AFTER_STOP_S);
    at = e2e_expect(&c, at, "Recording:", 5);
    usleep(200 * 1000);
    e2e_send(&c, "\n");
    int status = e2e_finish(&c);
    unsetenv("ALSA_CONFIG_PATH");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    if (strstr(c.buf, " into 01-say-it-f1.wav.\n") == NULL)
        fail_msg("no recording of the follow-up said:\n%s", c.buf);

    json_t *root = e2e_load_session();
    json_t *a = json_array_get(json_object_get(root, "answers"), 0);
    json_t *f = json_array_get(json_object_get(a, "follow_ups"), 0);
    assert_string_equal(json_string_value(json_object_get(f, "mode")), "spoken");
    assert_string_equal(json_string_value(json_object_get(f, "outcome")), "answered");
    char dir[256], path[512];
    e2e_session_dir(dir, sizeof dir);
    json_t *answers[] = {a, f};
    static const char *const files[] = {"01-say-it.wav", "01-say-it-f1.wav"};
    for (size_t i = 0; i < 2; i++) {
        json_t *audio = json_object_get(answers[i], "audio");
        assert_string_equal(json_string_value(json_object_get(audio, "file")), files[i]);
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        int16_t *rec;
        size_t frames = e2e_read_samples(path, &rec);
        free(rec);
        assert_true(frames > 0);
        assert_true(json_number_value(json_object_get(audio, "frames")) == frames);
    }
    json_decref(root);
}

/* The answer is transcribed while it is recorded: session.json holds its
 * transcription, analysis and key terms by the time the next question is
 * shown, the analysis after the interview has nothing left to decode, and
 * `analyze` decoding the file again finds the same. */
static void transcribes_while_recording(void **state)
{
    (void)state;
    char speech[128];
    snprintf(speech, sizeof speech, "%s/speech.wav", e2e_home);
    assert_int_equal(e2e_run("flite -voice rms -t 'A data warehouse stores structured data for "
                             "reporting.' -o '%s'",
                             speech),
                     0);
    e2e_use_pulse();
    struct child c;
    e2e_spawn_pulse(&c, E2E "/spoken-two.yaml", 0);
    size_t at = e2e_expect(&c, 0, "Recording:", 10);
    assert_int_equal(e2e_run("XDG_RUNTIME_DIR='%s' paplay -d fakesink '%s'", e2e_pulse_dir, speech),
                     0);
    double ended = e2e_now();
    e2e_send(&c, "\n");
    at = e2e_expect(&c, at, "[2/2]", AFTER_STOP_S);
    print_message("the next question came %.2f s after the answer's end\n", e2e_now() - ended);
    json_t *root = e2e_load_session();
    json_t *first = json_array_get(json_object_get(root, "answers"), 0);
    assert_string_equal(e2e_answer_str(root, 0, "outcome"), "answered");
    assert_string_equal(e2e_answer_str(root, 0, "text_source"), "machine");
    char *text = strdup(e2e_answer_str(root, 0, "text"));
    if (strstr(text, "warehouse") == NULL || strstr(text, "reporting") == NULL)
        fail_msg("the transcription is \"%s\"", text);
    json_t *analysis = json_object_get(first, "analysis");
    assert_true(json_is_object(analysis));
    assert_string_equal(json_string_value(json_object_get(analysis, "transcript")), text);
    assert_true(json_array_size(json_object_get(json_object_get(first, "coverage"), "found")) > 0);
    json_decref(root);

    at = e2e_expect(&c, at, "Recording:", 10);
    e2e_send(&c, "\n");
    int status = e2e_finish(&c);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_null(strstr(c.buf, "transcribed after the interview"));
    assert_null(strstr(c.buf, "Analyzing"));
    root = e2e_load_session();
    assert_string_equal(e2e_answer_str(root, 0, "text"), text);
    assert_string_equal(e2e_answer_str(root, 1, "text_source"), "machine");
    json_t *live = json_deep_copy(
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "analysis"));
    json_decref(root);
    free(text);

    /* Decoded again from its file, the answer has the same words, times and
     * figures. */
    assert_int_equal(
        e2e_run("REHEARSE_HOME='%s' '%s' analyze last 1 >/dev/null 2>&1", e2e_home, REHEARSE_BIN),
        0);
    root = e2e_load_session();
    json_t *again =
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "analysis");
    if (!json_equal(live, again)) {
        char *a = json_dumps(live, JSON_COMPACT), *b = json_dumps(again, JSON_COMPACT);
        fail_msg("live: %s\nfrom the file: %s", a, b);
    }
    json_decref(live);
    json_decref(root);
}

/* The ALSA file route captures faster than real time, faster than the
 * recogniser decodes: the answer's live transcription is given up, the user
 * is told once, and the analysis after the interview transcribes it. */
static void a_recogniser_behind_transcribes_later(void **state)
{
    (void)state;
    size_t n_src;
    free(e2e_alsa_file_mic(&n_src));
    struct child c;
    e2e_spawn_pipe(&c, SPOKEN, e2e_home);
    size_t at = e2e_expect(&c, 0, "Recording:", 10);
    usleep(1500 * 1000);
    e2e_send(&c, "\n");
    at = e2e_expect(&c, at,
                    "(This answer is transcribed after the interview: the speech recogniser fell "
                    "behind the recording.)",
                    5);
    at = e2e_expect(&c, at, "Analyzing answer 1...", 10);
    int status = e2e_finish(&c);
    unsetenv("ALSA_CONFIG_PATH");
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    const char *told = strstr(c.buf, "transcribed after the interview");
    assert_null(strstr(told + 1, "transcribed after the interview"));

    json_t *root = e2e_load_session();
    char path[512];
    int16_t *rec;
    recording_path(root, path, sizeof path);
    size_t n_rec = e2e_read_samples(path, &rec);
    free(rec);
    assert_true(audio_num(root, "frames") == n_rec);
    assert_string_equal(e2e_answer_str(root, 0, "text_source"), "machine");
    assert_true(json_is_object(
        json_object_get(json_array_get(json_object_get(root, "answers"), 0), "analysis")));
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(records_speech_in_real_time, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(alsa_file_route_is_exact, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(no_microphone_means_typed, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(questions_are_read_aloud, e2e_make_home, e2e_remove_home),
        cmocka_unit_test_setup_teardown(escape_cuts_the_reading_on_a_terminal, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(keys_act_at_once_on_a_terminal, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(spoken_retake_keeps_both_recordings, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_spoken_follow_up_has_its_own_recording, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(ctrl_z_pauses_the_recording, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(transcribes_while_recording, e2e_make_home,
                                        e2e_remove_home),
        cmocka_unit_test_setup_teardown(a_recogniser_behind_transcribes_later, e2e_make_home,
                                        e2e_remove_home),
    };
    return cmocka_run_group_tests(tests, e2e_mic_start, e2e_mic_stop);
}
