/* lm: a trigram language model of a text, written in the ARPA format that
 * pocketsphinx reads, for the recogniser to interpolate with its general
 * English model: the vocabulary and phrasing of the questions being asked.
 * Probabilities are interpolated Witten-Bell estimates from the counts of
 * the text's words (lower case; letters, digits and apostrophes; any other
 * character separates words, and '.', '!', '?', ';', ':' and line breaks
 * end sentences). The model has an unknown word, <UNK>, of no probability:
 * sphinxbase maps a word of another model in a set to it, where a word
 * with no id leaves stale scores in its cache from one utterance to the
 * next. Pure logic: text in, text out. */
#ifndef REHEARSE_LM_H
#define REHEARSE_LM_H

#include "diag.h"

#include <stddef.h>

/* The longest word kept, in bytes; longer ones are dropped. */
#define LM_WORD_MAX 48

/* Writes the model of `text` as a new NUL-terminated ARPA document into
 * *arpa (the caller frees it). Returns REH_OK, REH_EDATA when the text has
 * no word, or REH_ENOMEM. */
int lm_arpa(const char *text, char **arpa, struct diag *err);

#endif
