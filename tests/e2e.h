/* e2e: helpers of the end-to-end tests: a private REHEARSE_HOME per test
 * (with the test bank installed as a user bank), the binary run through a
 * pipe or a pseudo-terminal, its output awaited, its session.json read. */
#ifndef REHEARSE_TEST_E2E_H
#define REHEARSE_TEST_E2E_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define E2E REHEARSE_TEST_DATA "/e2e"

struct child {
    pid_t pid;
    int in, out; /* the same descriptor for a pseudo-terminal */
    char buf[1 << 17];
    size_t len;
};

/* The temporary home of the current test. */
extern char e2e_home[64];

double e2e_now(void);

/* cmocka setup and teardown: make and remove e2e_home. */
int e2e_make_home(void **state);
int e2e_remove_home(void **state);

/* In a child: runs `rehearse run SCENARIO` with REHEARSE_HOME=rehearse_home
 * and the test bank; never returns. */
void e2e_exec(const char *scenario, const char *rehearse_home) __attribute__((noreturn));

/* Starts `rehearse run SCENARIO` with REHEARSE_HOME=rehearse_home. */
void e2e_spawn_pipe(struct child *c, const char *scenario, const char *rehearse_home);

/* Starts `rehearse ARGS...` (args[0] is "rehearse", then NULL-terminated)
 * through a pipe in directory cwd (NULL: this one). */
void e2e_spawn_args(struct child *c, const char *cwd, const char *rehearse_home, char *const *args);
void e2e_spawn_pty(struct child *c, const char *scenario);
/* The same, for a child whose sound goes through PulseAudio (e2e_use_pulse):
 * not checked for leaks, which PulseAudio's ALSA plugin leaves at exit. */
void e2e_spawn_pulse(struct child *c, const char *scenario, int on_terminal);
void e2e_spawn_pulse_args(struct child *c, char *const *args);
/* Starts `rehearse ARGS...` (as e2e_spawn_args) on a pseudo-terminal. */
void e2e_spawn_pty_args(struct child *c, char *const *args);

/* Set: the programs started from now on have NO_COLOR=1 (else it is
 * unset). */
extern int e2e_no_color;
/* Starts it on a pseudo-terminal as a job of a shell, in the foreground;
 * c->pid is the shell's, the job's pid is returned (see e2e.c). */
pid_t e2e_spawn_pty_job(struct child *c, const char *scenario);

/* The state letter of a process in /proc/PID/stat (R, S, T...), and a wait
 * until it is `want`, failing the test after `timeout` seconds. */
char e2e_process_state(pid_t pid);
void e2e_wait_state(pid_t pid, char want, double timeout);

/* Waits until `needle` appears in the output after offset `from`; returns
 * the offset just past it, or fails the test after `timeout` seconds. */
size_t e2e_expect(struct child *c, size_t from, const char *needle, double timeout);

void e2e_send(struct child *c, const char *text);

/* Closes the input, reads the rest of the output, returns the wait status. */
int e2e_finish(struct child *c);

/* The one session directory under e2e_home, and its session.json. */
void e2e_session_dir(char *out, size_t size);
json_t *e2e_load_session(void);

/* A field of answer i of a session. */
const char *e2e_answer_str(json_t *root, size_t i, const char *key);
double e2e_answer_num(json_t *root, size_t i, const char *key);

void e2e_mode_is(const char *path, mode_t mode);

/* Runs a shell command made like printf; returns its exit status, or -1. */
int e2e_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The virtual microphone of scripts/virtual-mic: a PulseAudio null sink,
 * paced in real time, started and stopped as a cmocka group setup and
 * teardown in e2e_pulse_dir (its XDG_RUNTIME_DIR). Where it cannot start,
 * the group setup fails, and with it every test of the program. */
extern char e2e_pulse_dir[64];
int e2e_mic_start(void **state);
int e2e_mic_stop(void **state);
/* Points the programs started from now on at the PulseAudio microphone. */
void e2e_use_pulse(void);

/* Makes the default ALSA capture device read 200 s of a sequence whose every
 * window is unique (ALSA_CONFIG_PATH; the capture is not paced, so it runs
 * through the file in a fraction of a second) and returns that sequence. */
int16_t *e2e_alsa_file_mic(size_t *n);

/* Reads a whole mono 16-bit sound file; the caller frees *out. */
size_t e2e_read_samples(const char *path, int16_t **out);

#endif
