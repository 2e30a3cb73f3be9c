/* sound: the PortAudio adapter. Opens the audio system without the pages of
 * ALSA and JACK noise it prints at start-up, lists devices, runs an input
 * stream whose callback only hands samples to a recorder, and plays WAV
 * files. Mono 16-bit samples throughout. */
#ifndef REHEARSE_SOUND_H
#define REHEARSE_SOUND_H

#include "../../core/diag.h"
#include "recorder.h"

#include <stdint.h>
#include <stdio.h>

/* Initialises PortAudio quietly. Returns REH_OK or REH_EIO. Every successful
 * call is paired with sound_close. */
int sound_open(struct diag *err);
void sound_close(void);

/* Prints the input and output devices (index, name, host API, channels,
 * default rate, defaults marked), as a table or as JSON. */
int sound_list_devices(FILE *out, int json, struct diag *err);

/* The input device for `spec`: NULL for the default, a number for an index,
 * else the first device whose name contains spec. Returns REH_OK or
 * REH_EDATA with a message saying how to list the devices. */
int sound_find_input(const char *spec, int *device, struct diag *err);

struct sound_capture;

/* Opens and starts an input stream on `device` at `rate`, and waits (up to
 * 3 s) for its first samples: some systems deliver the first ones only after
 * a second, so the stream is started once per session, before the first
 * question, and recordings attach to it. Until one is attached, samples are
 * discarded in the callback. Returns NULL with err set when the device is
 * missing, busy or refuses the format. */
struct sound_capture *sound_capture_start(int device, unsigned rate, struct diag *err);

/* Sends the stream's samples to `rec`, from the frame captured now (as
 * the stream's timestamps tell) on. */
void sound_capture_attach(struct sound_capture *cap, struct recorder *rec);

/* What sound_capture_detach takes to keep whatever came in. */
#define SOUND_ALL_FRAMES UINT64_MAX

/* Ends the recording after `frames` frames from its first (the recorder's,
 * paused ones aside): waits for the block that holds the last (at most a
 * second, and not when the stream has stopped) and keeps none after; with
 * SOUND_ALL_FRAMES, after those that came in. Then stops sending samples to
 * the recorder: when it returns, the callback no longer touches it. */
void sound_capture_detach(struct sound_capture *cap, uint64_t frames);

/* The level meter's view of the stream, whether a recorder is attached or
 * not: copies into out the samples that came in since the last peek, at
 * most the latest `max` (and at most a quarter of a second at 16 kHz), and
 * returns how many; *total is how many came in since the stream started.
 * One reader at a time. */
size_t sound_capture_peek(struct sound_capture *cap, int16_t *out, size_t max, uint64_t *total);

/* The name of the stream's input device (owned by the audio system, valid
 * until sound_close). */
const char *sound_capture_device(const struct sound_capture *cap);

/* REH_OK while the stream runs; REH_EIO with a message once it has failed
 * (a device unplugged mid-answer). */
int sound_capture_check(struct sound_capture *cap, struct diag *err);

/* Stops the stream (no callback runs after it returns) and frees `cap`. */
int sound_capture_stop(struct sound_capture *cap, struct diag *err);

enum sound_play_action {
    PLAY_CONTINUE,
    PLAY_TOGGLE_PAUSE,
    PLAY_NEXT,         /* stop this file */
    PLAY_QUIT,         /* stop this file and tell the caller */
    PLAY_SEEK_BACK,    /* SOUND_SEEK_S back, to the start at most */
    PLAY_SEEK_FORWARD, /* SOUND_SEEK_S forward, to the end at most */
};

#define SOUND_SEEK_S 5.0

/* Called about ten times a second while a file plays (and while paused):
 * `position_s` of `length_s` played. Returns what to do next. */
typedef enum sound_play_action (*sound_play_control)(void *ctx, double position_s, double length_s,
                                                     int paused);

/* What sound_play_file returns when the control asked to quit. */
#define SOUND_QUIT 1

/* Plays a WAV file through the default output. Returns REH_OK when it played
 * to its end or was skipped, SOUND_QUIT when the control asked to quit, or an
 * error (REH_EIO) naming the file or the device. */
int sound_play_file(const char *path, sound_play_control control, void *ctx, struct diag *err);

#endif
