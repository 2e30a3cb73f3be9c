/* question_voice: the engine_voice that reads each question aloud through the
 * audio module (speaker.h), loading and opening it on its own. */
#ifndef REHEARSE_QUESTION_VOICE_H
#define REHEARSE_QUESTION_VOICE_H

#include "../core/engine.h"
#include "audio_api.h"

struct question_voice {
    const struct audio_api *api; /* the loaded audio module, once opened */
    char unavailable[DIAG_MAX];  /* why nothing can be read aloud; "" when it can */
};

/* Loads and opens the audio module and tries its output. Never fails: when
 * nothing can be read aloud (no module, no output device), qv->unavailable
 * says why. */
void question_voice_open(struct question_voice *qv);

/* Stops any reading and closes the audio system, if opened. */
void question_voice_close(struct question_voice *qv);

/* The engine_voice table reading through `qv`, which must outlive it. */
struct engine_voice question_voice_ops(struct question_voice *qv);

#endif
