/* pronounce: pronunciations, in the phones of pocketsphinx's en-us model,
 * for the words of the questions being asked that its dictionary lacks
 * ("bigquery", "etl", "s3"). Part of the audio module. */
#ifndef REHEARSE_PRONOUNCE_H
#define REHEARSE_PRONOUNCE_H

#include <pocketsphinx.h>
#include <stddef.h>

/* The longest pronunciation written, in bytes. */
#define PRONOUNCE_MAX 256

/* flite's pronunciation of the lower-case `word` (from its English lexicon,
 * or its letter-to-sound rules when the word is not there) in the
 * dictionary's phones, without stress marks, into out (size bytes): "K AE
 * SH" for "cash". Returns 0 when it has none or it does not fit. Safe to
 * call from any thread. */
int pronounce_phones(const char *word, char *out, size_t size);

/* Adds to the dictionary of `ps` the pronunciations of `word` (lower case,
 * not in the dictionary): the fewest dictionary words and digits it can be
 * cut into, at most four ("big query", "e t l", "s three"), and the one
 * flite's English lexicon and letter-to-sound rules give, as an alternate
 * when they differ. `update`: whether the search should take the word now
 * (FALSE for all but the last of several). Returns how many it added. */
int pronounce_add(ps_decoder_t *ps, const char *word, int update);

#endif
