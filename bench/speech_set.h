/* speech_set: the spoken test set of the recogniser, shared by its test
 * (tests/test_recognizer.c, which asserts the accuracy targets) and its
 * benchmark (bench/speech.c, which prints the accuracy table). Twelve
 * answers written for it, in sentences of their own (not the bank's model
 * answers), that name the key terms of the twelve questions of the
 * data-engineering bank that have some; spoken by flite's voices rms, slt
 * and awb at three tempos, with leading silence, pauses between sentences
 * and fillers, and white noise added at a given signal-to-noise ratio.
 * Everything is deterministic: the same samples on every machine. */
#ifndef REHEARSE_SPEECH_SET_H
#define REHEARSE_SPEECH_SET_H

#include "../src/core/diag.h"

#include <stddef.h>
#include <stdint.h>

#define SPEECH_SET_RATE  16000
#define SPEECH_SET_CLEAN 1000.0 /* an SNR in dB meaning "no noise" */

/* Fillers spliced into an item at most (one before its first sentence and
 * one between each two). */
#define SPEECH_SET_MAX_FILLERS 8

struct speech_set_item {
    const char *text; /* what is said (fillers included, but not spliced ones) */
    int16_t *samples; /* owned */
    size_t n;
    size_t speech; /* samples of speech (not silence) in the clean recording */
    /* the fillers spliced in: their first sample and the one after their last */
    size_t filler_at[SPEECH_SET_MAX_FILLERS][2];
    size_t n_fillers;
};

struct speech_set {
    struct speech_set_item *items; /* owned */
    size_t n_items;
};

/* Synthesises the clean set (a few seconds). With `spliced_fillers`, each
 * answer also says "um" or "uh" on its own, between pauses, before its first
 * sentence and between each two (about thirty in all), at times recorded in
 * the item. Returns REH_OK, REH_EIO when a voice cannot be loaded, or
 * REH_ENOMEM. Release with speech_set_free. */
int speech_set_make(struct speech_set *set, int spliced_fillers, struct diag *err);

/* A copy of `clean` with white noise at `snr_db` (SPEECH_SET_CLEAN: none)
 * relative to the speech's power. Returns REH_OK or REH_ENOMEM. */
int speech_set_noisy(const struct speech_set *clean, double snr_db, struct speech_set *out,
                     struct diag *err);

void speech_set_free(struct speech_set *set);

/* The figures of a decoding of the set. */
struct speech_score {
    size_t ref_words, word_errors;         /* word error rate = word_errors / ref_words */
    size_t terms_said, terms_heard;        /* key terms said, and of those recognised */
    size_t terms_unsaid, false_terms;      /* key terms not said, and of those recognised */
    size_t terms_by_sound, false_by_sound; /* of terms_heard and false_terms, heard as
                                              words of their sound (soundalike.h) */
    double audio_s, decode_s;              /* real-time factor = decode_s / audio_s */
    size_t items, named_noisy;             /* items, and of those the analysis names noisy */
    size_t pace_shown;                     /* items whose pace the analysis shows */
    size_t fillers_said;                   /* "um", "uh" said: in the texts, and spliced in */
    size_t fillers_heard;                  /* of those, found where they were said */
    size_t fillers_reported;               /* fillers among the words recognised */
};

/* The key terms of the bank, each once (case aside), into a new array of
 * pointers into the bank (the caller frees the array). */
struct bank;
int speech_set_terms(const struct bank *bank, const char ***terms, size_t *n);

/* Decodes every item with the recogniser adapted to the ARPA file
 * `domain_lm`, or with NULL as rehearse did before it was adapted (the
 * general model, no noise suppression), and scores it against its text over the n key
 * terms: word errors (fillers left out of both sides) and key terms found by
 * coverage_has or, adapted, heard as words of their sound (soundalike.h, with
 * flite's pronunciations, as rehearse finds them in a transcription); and what the analysis of each
 * item shows (whether it names the recording noisy, whether it shows a pace); and the fillers: a
 * spliced one is found when a filler word recognised starts within a
 * quarter of a second of it, one of the text anywhere else. With
 * SPEECH_SET_VERBOSE in the environment, each item's text and what was
 * recognised go to stderr. Returns REH_OK, or the recogniser's error. */
int speech_set_decode(const struct speech_set *set, const char *domain_lm, const char *const *terms,
                      size_t n_terms, struct speech_score *score, struct diag *err);

#endif
