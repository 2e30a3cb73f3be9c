/* audio: the PortAudio adapter. Opens the audio system without the pages of
 * ALSA and JACK noise it prints at start-up, lists devices, runs an input
 * stream whose callback only hands samples to a recorder, and plays WAV
 * files. Mono 16-bit samples throughout. */
#ifndef REHEARSE_AUDIO_H
#define REHEARSE_AUDIO_H

#include "../core/diag.h"
#include "recorder.h"

#include <stdio.h>

/* Initialises PortAudio quietly. Returns REH_OK or REH_EIO. Every successful
 * call is paired with audio_close. */
int audio_open(struct diag *err);
void audio_close(void);

/* Prints the input and output devices (index, name, host API, channels,
 * default rate, defaults marked), as a table or as JSON. */
int audio_list_devices(FILE *out, int json, struct diag *err);

/* The input device for `spec`: NULL for the default, a number for an index,
 * else the first device whose name contains spec. Returns REH_OK or
 * REH_EDATA with a message saying how to list the devices. */
int audio_find_input(const char *spec, int *device, struct diag *err);

struct audio_capture;

/* Opens and starts an input stream on `device` at `rate`, and waits (up to
 * 3 s) for its first samples: some systems deliver the first ones only after
 * a second, so the stream is started once per session, before the first
 * question, and recordings attach to it. Until one is attached, samples are
 * discarded in the callback. Returns NULL with err set when the device is
 * missing, busy or refuses the format. */
struct audio_capture *audio_capture_start(int device, unsigned rate, struct diag *err);

/* Sends the stream's samples to `rec` from now on. */
void audio_capture_attach(struct audio_capture *cap, struct recorder *rec);

/* Stops sending samples to the attached recorder; when it returns, the
 * callback no longer touches it. */
void audio_capture_detach(struct audio_capture *cap);

/* REH_OK while the stream runs; REH_EIO with a message once it has failed
 * (a device unplugged mid-answer). */
int audio_capture_check(struct audio_capture *cap, struct diag *err);

/* Stops the stream (no callback runs after it returns) and frees `cap`. */
int audio_capture_stop(struct audio_capture *cap, struct diag *err);

enum audio_play_action {
    PLAY_CONTINUE,
    PLAY_TOGGLE_PAUSE,
    PLAY_NEXT, /* stop this file */
    PLAY_QUIT, /* stop this file and tell the caller */
};

/* Called about ten times a second while a file plays (and while paused):
 * `position_s` of `length_s` played. Returns what to do next. */
typedef enum audio_play_action (*audio_play_control)(void *ctx, double position_s, double length_s,
                                                     int paused);

/* Plays a WAV file through the default output. Returns REH_OK when it played
 * to its end or was skipped, 1 when the control asked to quit, or an error
 * (REH_EIO) naming the file or the device. */
int audio_play_file(const char *path, audio_play_control control, void *ctx, struct diag *err);

#endif
