/* speaker: the voice that reads the questions. A question is synthesised (synth.h)
 * sentence by sentence in the background and played through the default
 * output by a PortAudio callback that only copies what is ready, so the
 * reading starts at once and can be cut short at any moment. One reading at a time, for the whole
 * process; sound_open first. */
#ifndef REHEARSE_SPEAKER_H
#define REHEARSE_SPEAKER_H

#include "../../core/diag.h"

/* Starts reading `text` aloud, cutting short any reading in progress, and
 * returns at once. Returns REH_OK, or REH_EIO (no output device, or the
 * synthesiser failed) / REH_ENOMEM with err saying why. */
int speaker_say(const char *text, struct diag *err);

/* 1 while the reading is still playing. */
int speaker_speaking(void);

/* Cuts the reading short (or releases a finished one) and returns at once. */
void speaker_stop(void);

/* Stops and waits for the synthesiser's thread; before sound_close. */
void speaker_release(void);

#endif
