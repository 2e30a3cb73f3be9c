/* mic_check: the microphone check of a running input stream: the device's
 * name, a live level meter (on a terminal, the prompt redrawn ten times a
 * second; never an escape sequence or a redraw through a pipe) and, at the
 * end, what was heard: a plain "OK", or a warning when nothing came in, only
 * a faint signal, or a level that clips. Before the first spoken question of
 * an interview on a terminal, and as `rehearse mic`. */
#ifndef REHEARSE_MIC_CHECK_H
#define REHEARSE_MIC_CHECK_H

#include "../core/level.h"
#include "audio_api.h"
#include "terminal.h"

#define MIC_CHECK_S 3.0 /* of audio, before an interview */

struct mic_check {
    const struct audio_api *api;
    struct sound_capture *cap; /* running */
    struct terminal *term;
    unsigned rate; /* of the stream */
};

/* The check before an interview, on a terminal (through a pipe no one is
 * there to speak, and the lines piped in are the interview's): meters
 * `seconds` of audio as it comes in (a stalled device: two seconds more at
 * most), cut short by s, q, Esc or Enter. Says the verdict, or that it was
 * skipped. Returns 1 when skipped or interrupted, else 0. */
int mic_check_before(const struct mic_check *mc, double seconds);

/* `rehearse mic`: meters until a key on a terminal (s, q, Esc or Enter), or
 * until a line or the end of input through a pipe, where the level is
 * written on a line of its own once a second; then says the verdict of all
 * it heard. */
void mic_check_until_key(const struct mic_check *mc);

#endif
