/* audio_api: the audio adapter of src/io/audio/ (sound, recorder,
 * recognizer, transcription, synth, speaker) as a table of functions in a
 * module loaded on first use, and the only way into that folder from the
 * rest of src/.
 * PortAudio, ALSA, JACK and libsndfile with its codecs (and the speech
 * recogniser) take longer to load than the rest of rehearse takes to run, so
 * commands that need no audio never load them. */
#ifndef REHEARSE_AUDIO_API_H
#define REHEARSE_AUDIO_API_H

#include "audio/sound.h"
#include "audio/recognizer.h"
#include "audio/recorder.h"
#include "audio/speaker.h"
#include "audio/transcription.h"

#define AUDIO_API_VERSION 9

struct audio_api {
    int version; /* AUDIO_API_VERSION */
    int (*open)(struct diag *err);
    void (*close)(void);
    int (*list_devices)(FILE *out, int json, struct diag *err);
    int (*find_input)(const char *spec, int *device, struct diag *err);
    struct sound_capture *(*capture_start)(int device, unsigned rate, struct diag *err);
    void (*capture_attach)(struct sound_capture *cap, struct recorder *rec);
    void (*capture_detach)(struct sound_capture *cap, uint64_t frames);
    int (*capture_check)(struct sound_capture *cap, struct diag *err);
    size_t (*capture_peek)(struct sound_capture *cap, int16_t *out, size_t max, uint64_t *total);
    const char *(*capture_device)(const struct sound_capture *cap);
    int (*capture_stop)(struct sound_capture *cap, struct diag *err);
    int (*play_file)(const char *path, sound_play_control control, void *ctx, struct diag *err);
    struct recorder *(*recorder_open)(int dirfd, const char *dir, const char *name,
                                      unsigned sample_rate, struct transcription *live,
                                      struct diag *err);
    void (*recorder_set_paused)(struct recorder *rec, int paused);
    void (*recorder_stats)(struct recorder *rec, struct recorder_stats *out);
    int (*recorder_check)(struct recorder *rec, struct diag *err);
    int (*recorder_close)(struct recorder *rec, struct recorder_stats *out, struct diag *err);
    int (*read_wav)(const char *path, int16_t **samples, size_t *n, unsigned *rate,
                    struct diag *err);
    int (*recognize)(const int16_t *samples, size_t n, unsigned rate, const char *domain_lm,
                     struct analysis_word **words, size_t *n_words, struct diag *err);
    struct transcription *(*transcription_open)(const char *domain_lm, struct diag *err);
    void (*transcription_close)(struct transcription *tr);
    int (*transcription_start)(struct transcription *tr, struct diag *err);
    int (*transcription_finish)(struct transcription *tr, struct analysis_word **words,
                                size_t *n_words, struct diag *err);
    /* flite's pronunciation of a word in the recogniser's phones
     * (pronounce.h): what tells a key term heard as words of its sound. */
    int (*phones)(const char *word, char *out, size_t size);
    int (*say)(const char *text, struct diag *err);
    int (*speaking)(void);
    void (*stop_saying)(void);
};

/* The symbol the module exports. */
#define AUDIO_API_SYMBOL "rehearse_audio_api"

/* Loads the module once ($REHEARSE_AUDIO_MODULE, next to the executable as
 * in the build tree, in the library directory next to the executable's
 * directory, or in the configured installation) and returns its table, or NULL with
 * err saying why. The module stays loaded until the process ends. */
const struct audio_api *audio_api_load(struct diag *err);

#endif
