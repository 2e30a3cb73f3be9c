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
    double words_per_minute; /* over speaking time; 0 when not known (analysis_pace_known) */
    unsigned filler_count;
    double fillers_per_min; /* over the recording */
    struct vad_segment *pauses;
    size_t n_pauses;
    double longest_pause_s;
    double speaking_ratio;
    double time_to_first_word_s;
    double snr_db; /* speech over noise, estimated; NAN when not (no speech, an older file) */
};

/* Pace outside these bounds, more fillers than this, a pause longer than
 * this, or speech less than this over the noise draw a hint. */
#define ANALYSIS_PACE_MIN    110.0
#define ANALYSIS_PACE_MAX    170.0
#define ANALYSIS_FILLERS_MAX 4.0
#define ANALYSIS_PAUSE_MAX   5.0
#define ANALYSIS_NOISY_DB    20.0

/* More words a minute of speaking time than this say that the voice
 * activity missed speech (or the recogniser made words of noise): the pace
 * is not known then, and not shown. */
#define ANALYSIS_PACE_TRUSTED_MAX 300.0

/* A filler phrase led by this mark (as "alone: like" in assets/fillers.txt)
 * is an ordinary word too, and counts only where it stands alone: with a
 * pause before and after it, which is a gap of ANALYSIS_ALONE_GAP_S between
 * word times, a comma or full stop ending the word before it or its own
 * last word, or the start or end of the answer. */
#define ANALYSIS_FILLER_ALONE "alone: "
#define ANALYSIS_ALONE_GAP_S  0.25

/* Fills `a` from the voice activity and the recognised words (copied), and
 * counts the fillers of the NULL-terminated list in the words. Returns
 * REH_OK, or REH_ENOMEM (nothing to release). Release with analysis_free. */
int analysis_compute(struct analysis *a, const struct vad_result *vad,
                     const struct analysis_word *words, size_t n_words, const char *const *fillers);

/* Whether the pace of `a` can be trusted: words were recognised in speech
 * long enough for them. */
int analysis_pace_known(const struct analysis *a);

/* Writes the figures of `a` on one line, with no line break, into out: the
 * pace (or why it is not known), the fillers a minute, the longest pause
 * (saying whether it passed VAD_PAUSE_S), the speaking ratio and the first
 * word, e.g. "142 words a minute, 0.5 fillers a minute (1 in all), longest
 * pause 3.2 s (1 over 2 s), speaking 61% of the time, first word after 0.5
 * s". */
void analysis_figures(const struct analysis *a, char *out, size_t size);

/* Writes up to four plain-language hints (a noisy recording, pace, fillers,
 * pauses), one per line, into out; "" when there is nothing to say. */
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
