/* answer_recorder: the engine's recorder of spoken answers, joining the
 * PortAudio input (audio) to the WAV writer (recorder) in the session
 * directory, and each take to its live transcription when no external
 * transcriber is configured. */
#ifndef REHEARSE_ANSWER_RECORDER_H
#define REHEARSE_ANSWER_RECORDER_H

#include "../core/engine.h"
#include "answer_analysis.h"
#include "audio_api.h"

#define ANSWER_RECORDER_DEFAULT_RATE 16000

struct answer_recorder {
    char unavailable[DIAG_MAX];  /* why nothing can be recorded; "" when it can */
    const struct audio_api *api; /* the loaded audio module, or NULL */
    unsigned rate;               /* samples per second */
    int dirfd;                   /* the session directory */
    const char *dir;
    struct sound_capture *cap;    /* the input stream, running for the session */
    struct recorder *rec;         /* while an answer is recorded */
    const char *domain_lm;        /* the questions' language model (recognizer.h), or NULL */
    struct transcription *live;   /* the session's live transcription, or NULL */
    int transcribing;             /* the take being recorded is transcribed live */
    char untranscribed[DIAG_MAX]; /* why the last take stopped was not; "" */
    char filler_text[ANSWER_ANALYSIS_FILLERS_MAX];
    const char *fillers[ANALYSIS_FILLER_LIST_MAX + 1];
};

/* Opens the audio system and starts the input stream of `device_spec`
 * (NULL: the default input) when `needed`, and loads the recogniser of the
 * live transcription unless the settings name an external transcriber (or
 * cannot be read: the analysis after the interview says why). Returns
 * REH_OK (also when nothing can be recorded: sp->unavailable then says why,
 * and spoken answers are typed), or REH_EDATA when the named device does
 * not exist. */
int answer_recorder_open(struct answer_recorder *sp, int needed, const char *device_spec,
                         struct diag *err);

/* Stops the stream, releases the recogniser and closes the audio system,
 * if opened. */
void answer_recorder_close(struct answer_recorder *sp);

/* The engine_recorder table recording through `sp`, which must outlive it. */
struct engine_recorder answer_recorder_ops(struct answer_recorder *sp);

#endif
