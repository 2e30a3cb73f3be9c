/* soundalike: whether a machine transcription holds words that sound like a
 * key term ("cash" for "cache", "big query" for "BigQuery"), the recogniser
 * having written a word of the same pronunciation in its place. Words are
 * compared by their phones, which a lexicon the caller gives provides; the
 * words of the text are looked up once. */
#ifndef REHEARSE_SOUNDALIKE_H
#define REHEARSE_SOUNDALIKE_H

#include <stddef.h>

/* Writes the phones of the lower-case `word` into out (cap bytes), in
 * upper case, space-separated, without stress marks ("K AE SH"); returns 0
 * when it has none. */
typedef int (*soundalike_lexicon)(const char *word, char *out, size_t cap);

/* The words of a text with their phones. */
struct soundalike;

/* Looks up the phones of the words of `text` into a new *out. Returns
 * REH_OK or REH_ENOMEM. Release with soundalike_free (NULL is fine). */
int soundalike_open(struct soundalike **out, const char *text, soundalike_lexicon lexicon);

void soundalike_free(struct soundalike *s);

/* Whether a run of the text's words, one after the other, is pronounced
 * as `term` is (its words' phones joined), without being the term's own
 * words; writes those words into heard (cap bytes, space-separated) when it
 * is. Terms of fewer than SOUNDALIKE_MIN_PHONES phones never match. */
int soundalike_find(const struct soundalike *s, const char *term, char *heard, size_t cap);

#define SOUNDALIKE_MIN_PHONES 3

#endif
