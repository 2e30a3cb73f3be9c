/* answer_analysis: a spoken answer's analysis put on the answer, the same
 * way whether its words were recognised while it was recorded or from its
 * file afterwards: the voice activity of its samples, the figures, and the
 * machine transcription as its text (what was typed while recording stays
 * its note). */
#ifndef REHEARSE_ANSWER_ANALYSIS_H
#define REHEARSE_ANSWER_ANALYSIS_H

#include "../core/transcript.h"

#include <stddef.h>
#include <stdint.h>

/* Room for the text of the filler list. */
#define ANSWER_ANALYSIS_FILLERS_MAX 4096

/* Reads the filler list (assets/fillers.txt) into `text` (of
 * ANSWER_ANALYSIS_FILLERS_MAX bytes), to which `list` then points. Returns
 * REH_OK, or REH_EIO when there is none (the list is empty then: fillers
 * are not counted). */
int answer_analysis_fillers(char *text, const char *list[ANALYSIS_FILLER_LIST_MAX + 1],
                            struct diag *err);

/* Analyzes the n samples of the recording (at `rate`) with its recognised
 * words (copied) and gives the answer the result: its analysis, and its text
 * when that is empty or already a machine transcription. Returns REH_OK, or
 * REH_ENOMEM with the answer unchanged. */
int answer_analysis_store(struct transcript_answer *a, const int16_t *samples, size_t n,
                          unsigned rate, const struct analysis_word *words, size_t n_words,
                          const char *const *fillers);

#endif
