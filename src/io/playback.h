/* playback: a recording played in the background (by `review`), so that
 * the prompt goes on taking keys meanwhile: audio_api's play_file on a
 * thread of its own, its position kept for a status line, stopped on
 * request. Only one at a time, as there is one output. */
#ifndef REHEARSE_PLAYBACK_H
#define REHEARSE_PLAYBACK_H

#include "../core/diag.h"
#include "audio_api.h"

#include <stddef.h>

struct playback;

/* Opens the audio module and starts playing the WAV file at `path` into
 * *out; `what` names it in the status ("p1"...). Returns REH_OK, or an error
 * with err set (nothing plays then). */
int playback_start(struct playback **out, const char *path, const char *what, struct diag *err);

/* Writes the status of the playing into out ("p1 playing 0:12 / 1:05",
 * "p1 paused 0:12 / 1:05"),
 * "" before the first position is known. Returns 1 while it plays, 0 once it
 * has ended (by itself, or failed). */
int playback_status(struct playback *pb, char *out, size_t size);

/* Hands `action` (a key's, see player_key_action) to the playing: pause
 * or resume, seek SOUND_SEEK_S back or forward within the tenth of a
 * second; PLAY_QUIT stops it (playback_stop still frees it). */
void playback_act(struct playback *pb, enum sound_play_action action);

/* The recording it plays, as `what` named it. */
const char *playback_what(const struct playback *pb);

/* Stops the playing when it still goes on, waits for it and frees pb
 * (NULL: nothing). Returns REH_OK, or the error the playing ended with
 * (err says why: the output device failed, the file could not be read). */
int playback_stop(struct playback *pb, struct diag *err);

#endif
