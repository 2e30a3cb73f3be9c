/* analysis: arithmetic over the VAD result and the word list. */
#include "analysis.h"
#include "coverage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int analysis_compute(struct analysis *a, const struct vad_result *vad,
                     const struct analysis_word *words, size_t n_words, const char *const *fillers)
{
    size_t len = 1;
    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < n_words; i++)
        len += strlen(words[i].word) + 1;
    a->transcript = malloc(len);
    a->words = calloc(n_words ? n_words : 1, sizeof *a->words);
    a->pauses = calloc(vad->n_pauses ? vad->n_pauses : 1, sizeof *a->pauses);
    if (a->transcript == NULL || a->words == NULL || a->pauses == NULL)
        goto fail;
    a->transcript[0] = '\0';
    for (size_t i = 0; i < n_words; i++) {
        if ((a->words[i].word = strdup(words[i].word)) == NULL)
            goto fail;
        a->words[i].start_s = words[i].start_s;
        a->words[i].end_s = words[i].end_s;
        a->n_words = i + 1;
        if (i > 0)
            strcat(a->transcript, " ");
        strcat(a->transcript, words[i].word);
    }
    if (vad->n_pauses > 0)
        memcpy(a->pauses, vad->pauses, vad->n_pauses * sizeof *a->pauses);
    a->n_pauses = vad->n_pauses;
    a->longest_pause_s = vad->longest_pause_s;
    a->speaking_ratio = vad->speaking_ratio;
    a->time_to_first_word_s = vad->time_to_first_word_s;
    a->words_per_minute = vad->voiced_s > 0 ? n_words / (vad->voiced_s / 60.0) : 0;
    for (size_t i = 0; fillers != NULL && fillers[i] != NULL; i++)
        a->filler_count += (unsigned)coverage_count(a->transcript, fillers[i]);
    a->fillers_per_min = vad->duration_s > 0 ? a->filler_count / (vad->duration_s / 60.0) : 0;
    return REH_OK;
fail:
    analysis_free(a);
    return REH_ENOMEM;
}

void analysis_figures(const struct analysis *a, char *out, size_t size)
{
    snprintf(out, size,
             "%.0f words a minute, %u fillers (%.1f a minute), longest pause %.1f s, speaking "
             "%.0f%% of the time, first word after %.1f s",
             a->words_per_minute, a->filler_count, a->fillers_per_min, a->longest_pause_s,
             a->speaking_ratio * 100, a->time_to_first_word_s);
}

void analysis_hints(const struct analysis *a, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    if (a->n_words > 0 && a->words_per_minute < ANALYSIS_PACE_MIN)
        n += (size_t)snprintf(out + n, size - n,
                              "Pace %.0f words a minute: a little slow; aim for 110-170.\n",
                              a->words_per_minute);
    else if (a->words_per_minute > ANALYSIS_PACE_MAX)
        n += (size_t)snprintf(out + n, size - n,
                              "Pace %.0f words a minute: fast; slow down to 110-170.\n",
                              a->words_per_minute);
    if (n < size && a->fillers_per_min > ANALYSIS_FILLERS_MAX)
        n += (size_t)snprintf(out + n, size - n,
                              "%.1f fillers a minute: pause silently instead of 'um' or 'like'.\n",
                              a->fillers_per_min);
    if (n < size && a->longest_pause_s > ANALYSIS_PAUSE_MAX)
        snprintf(out + n, size - n,
                 "A pause of %.0f s: say what you are thinking about while you think.\n",
                 a->longest_pause_s);
}

void analysis_free(struct analysis *a)
{
    analysis_words_free(a->words, a->n_words);
    free(a->transcript);
    free(a->pauses);
    memset(a, 0, sizeof *a);
}

size_t analysis_fillers(char *text, const char *list[ANALYSIS_FILLER_LIST_MAX + 1])
{
    size_t n = 0;
    for (char *line = text; *line != '\0' && n < ANALYSIS_FILLER_LIST_MAX;) {
        size_t len = strcspn(line, "\n");
        char *next = line + len + (line[len] == '\n');
        line[len] = '\0';
        if (line[0] != '#' && line[0] != '\0')
            list[n++] = line;
        line = next;
    }
    list[n] = NULL;
    return n;
}

int analysis_words(const char *text, struct analysis_word **words, size_t *n)
{
    static const char space[] = " \t\r\n";
    *words = NULL;
    *n = 0;
    for (const char *w = text + strspn(text, space); *w != '\0'; w += strspn(w, space)) {
        size_t len = strcspn(w, space);
        struct analysis_word *grown = realloc(*words, (*n + 1) * sizeof **words);
        if (grown != NULL)
            *words = grown;
        if (grown == NULL || (grown[*n].word = malloc(len + 1)) == NULL) {
            analysis_words_free(*words, *n);
            *words = NULL;
            *n = 0;
            return REH_ENOMEM;
        }
        memcpy(grown[*n].word, w, len);
        grown[*n].word[len] = '\0';
        grown[*n].start_s = grown[*n].end_s = 0;
        ++*n;
        w += len;
    }
    return REH_OK;
}

void analysis_words_free(struct analysis_word *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(words[i].word);
    free(words);
}
