/* analysis: the coaching figures of a spoken answer, from its voice
 * activity (vad.h) and its machine transcription: pace over speaking time,
 * fillers, pauses, speaking ratio, time to the first word. */
#ifndef REHEARSE_ANALYSIS_H
#define REHEARSE_ANALYSIS_H

#include "diag.h"
#include "vad.h"

#include <stddef.h>

struct analysis_word {
    char *word;
    double start_s, end_s;
};

struct analysis {
    char *transcript; /* the recognised words, space-separated */
    struct analysis_word *words;
    size_t n_words;
    double words_per_minute; /* over speaking time */
    unsigned filler_count;
    double fillers_per_min; /* over the recording */
    struct vad_segment *pauses;
    size_t n_pauses;
    double longest_pause_s;
    double speaking_ratio;
    double time_to_first_word_s;
};

/* Pace outside these bounds, more fillers than this, or a pause longer than
 * this draw a hint. */
#define ANALYSIS_PACE_MIN    110.0
#define ANALYSIS_PACE_MAX    170.0
#define ANALYSIS_FILLERS_MAX 4.0
#define ANALYSIS_PAUSE_MAX   5.0

/* Fills `a` from the voice activity and the recognised words (copied), and
 * counts the fillers of the NULL-terminated list in the transcript. Returns
 * REH_OK, or REH_ENOMEM (nothing to release). Release with analysis_free. */
int analysis_compute(struct analysis *a, const struct vad_result *vad,
                     const struct analysis_word *words, size_t n_words, const char *const *fillers);

/* Writes the figures of `a` on one line, with no line break, into out:
 * "150 words a minute, 2 fillers (0.8 a minute), longest pause ...". */
void analysis_figures(const struct analysis *a, char *out, size_t size);

/* Writes up to three plain-language hints (pace, fillers, pauses), one per
 * line, into out; "" when there is nothing to say. */
void analysis_hints(const struct analysis *a, char *out, size_t size);

void analysis_free(struct analysis *a);

/* The most phrases of a filler list that are counted. */
#define ANALYSIS_FILLER_LIST_MAX 63

/* Reads a filler list (assets/fillers.txt: one word or phrase a line; empty
 * lines and lines starting with '#' are passed over) out of `text`, which is
 * cut into its lines in place: the phrases of list point into it. Keeps the
 * first ANALYSIS_FILLER_LIST_MAX phrases, then a NULL. Returns how many. */
size_t analysis_fillers(char *text, const char *list[ANALYSIS_FILLER_LIST_MAX + 1]);

/* Splits `text` into its words, separated by spaces, tabs and line breaks,
 * with no times (0): the words of a transcriber that gives none. Returns
 * REH_OK, *words (NULL when there is none) to release with
 * analysis_words_free, or REH_ENOMEM with nothing to release. */
int analysis_words(const char *text, struct analysis_word **words, size_t *n);

/* Frees the n words and the array; NULL is fine. */
void analysis_words_free(struct analysis_word *words, size_t n);

#endif
