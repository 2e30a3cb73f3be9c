/* interviewer: the session_voice that reads each question aloud through the
 * audio module (speaker.h), loading and opening it on its own. */
#ifndef REHEARSE_INTERVIEWER_H
#define REHEARSE_INTERVIEWER_H

#include "../core/session.h"
#include "audio_api.h"

struct interviewer {
    const struct audio_api *api; /* the loaded audio module, once opened */
    char unavailable[DIAG_MAX];  /* why nothing can be read aloud; "" when it can */
};

/* Loads and opens the audio module. Never fails: when audio is not
 * available, iv->unavailable says why and the first question reports it. */
void interviewer_open(struct interviewer *iv);

/* Stops any reading and closes the audio system, if opened. */
void interviewer_close(struct interviewer *iv);

/* The session_voice table reading through `iv`, which must outlive it. */
struct session_voice interviewer_voice(struct interviewer *iv);

#endif
