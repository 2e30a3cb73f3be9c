/* recognizer: offline speech recognition with pocketsphinx (Debian's
 * libpocketsphinx, model pocketsphinx-en-us): words with their times. Part
 * of the audio module; nothing leaves the machine. */
#ifndef REHEARSE_RECOGNIZER_H
#define REHEARSE_RECOGNIZER_H

#include "../../core/analysis.h"
#include "../../core/diag.h"

#include <stddef.h>
#include <stdint.h>

#define RECOGNIZER_RATE 16000

/* Recognises n mono samples at `rate` (which must be RECOGNIZER_RATE) into a
 * new array of words (the caller frees each word and the array). Returns
 * REH_OK, or REH_EIO naming the Debian package when the model is missing. */
int recognizer_run(const int16_t *samples, size_t n, unsigned rate, struct analysis_word **words,
                   size_t *n_words, struct diag *err);

/* Reads a mono WAV file into a new array of samples. */
int recognizer_read_wav(const char *path, int16_t **samples, size_t *n, unsigned *rate,
                        struct diag *err);

#endif
