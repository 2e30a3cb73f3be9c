/* recognizer: offline speech recognition with pocketsphinx (Debian's
 * libpocketsphinx, model pocketsphinx-en-us): words with their times. Part
 * of the audio module; nothing leaves the machine.
 *
 * A recording is decoded as a stream, whether it is fed while it is
 * recorded or read back from its file: the same samples give the same words
 * and times either way. It is cut at its pauses, decided on its own samples
 * frame by frame, into stretches of voice that are each an utterance of the
 * decoder, so that when it ends only its last stretch is left to search, and
 * each word's time is counted from where its stretch starts in the
 * recording. Its cepstral mean starts from that of its first second and
 * carries from one utterance to the next, and nothing of an earlier
 * recording carries into it; the samples of an utterance go to the decoder
 * in pieces of a fixed size.
 *
 * Given a domain model (an ARPA file of the questions being asked, see
 * core/lm.h), the decoder's language model is the general English one
 * interpolated with it, and its dictionary gains pronunciations for the
 * domain words it lacks (pronounce.h). */
#ifndef REHEARSE_RECOGNIZER_H
#define REHEARSE_RECOGNIZER_H

#include "../../core/analysis.h"
#include "../../core/diag.h"

#include <stddef.h>
#include <stdint.h>

#define RECOGNIZER_RATE 16000

struct recognizer;

/* Loads the model (about a second) into *out, adapted to the domain model
 * of the ARPA file `domain_lm` unless it is NULL. Returns REH_OK,
 * REH_ENOMEM, or REH_EIO naming the Debian package when the model is
 * missing, or the file when it cannot be read. Release with
 * recognizer_close (NULL is fine). */
int recognizer_open(struct recognizer **out, const char *domain_lm, struct diag *err);

void recognizer_close(struct recognizer *r);

/* Whether noise is suppressed before recognition (libspeexdsp's
 * preprocessor, started afresh with each recording), from the next
 * recording on: on from recognizer_open. Off, and with no domain model, the
 * decoder is the general model alone, as rehearse's first versions had it
 * (the benchmark's baseline). */
void recognizer_set_denoise(struct recognizer *r, int on);

/* Starts a recording (at RECOGNIZER_RATE). */
void recognizer_start(struct recognizer *r);

/* Decodes n more samples of the recording. */
void recognizer_feed(struct recognizer *r, const int16_t *samples, size_t n);

/* Seconds of the recording in the utterance under way: what
 * recognizer_finish would have left to search (0 between two). */
double recognizer_pending_s(const struct recognizer *r);

/* Ends the recording and gives its words as a new array (the caller frees
 * it with analysis_words_free). Returns REH_OK or REH_ENOMEM. */
int recognizer_finish(struct recognizer *r, struct analysis_word **words, size_t *n_words,
                      struct diag *err);

/* Recognises n mono samples at `rate` (which must be RECOGNIZER_RATE) into a
 * new array of words (the caller frees each word and the array), with a
 * decoder of its own adapted to `domain_lm` (NULL: none). Returns REH_OK,
 * or REH_EIO naming the Debian package when the model is missing. */
int recognizer_run(const int16_t *samples, size_t n, unsigned rate, const char *domain_lm,
                   struct analysis_word **words, size_t *n_words, struct diag *err);

/* Reads a mono WAV file into a new array of samples. */
int recognizer_read_wav(const char *path, int16_t **samples, size_t *n, unsigned *rate,
                        struct diag *err);

#endif
