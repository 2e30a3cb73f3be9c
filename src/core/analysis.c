/* analysis: arithmetic over the VAD result and the word list. */
#include "analysis.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether word w is the len bytes of `want`, ignoring case and the
 * punctuation around w. */
static int word_is(const char *w, const char *want, size_t len)
{
    while (ispunct((unsigned char)*w))
        w++;
    size_t n = strlen(w);
    while (n > 0 && ispunct((unsigned char)w[n - 1]))
        n--;
    if (n != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)w[i]) != tolower((unsigned char)want[i]))
            return 0;
    return 1;
}

/* How many words from words[i] on the phrase is, 0 when it is not there. */
static size_t phrase_at(const struct analysis_word *words, size_t n, size_t i, const char *phrase)
{
    size_t k = 0;
    for (const char *p = phrase + strspn(phrase, " "); *p != '\0'; p += strspn(p, " "), k++) {
        size_t len = strcspn(p, " ");
        if (i + k >= n || !word_is(words[i + k].word, p, len))
            return 0;
        p += len;
    }
    return k;
}

/* Whether a pause follows word w (of words[0..n)) in its punctuation or,
 * when the words have times, in the gap to the next word. */
static int pause_after(const struct analysis_word *words, size_t n, size_t w, int timed)
{
    size_t len = strlen(words[w].word);
    if (w + 1 >= n || (len > 0 && strchr(",.;:!?", words[w].word[len - 1]) != NULL))
        return 1;
    return timed && words[w + 1].start_s - words[w].end_s >= ANALYSIS_ALONE_GAP_S;
}

/* How many words from words[i] on are a filler of the list, 0 when none. */
static size_t filler_at(const struct analysis_word *words, size_t n, size_t i, int timed,
                        const char *const *fillers)
{
    static const size_t mark = sizeof ANALYSIS_FILLER_ALONE - 1;
    for (size_t f = 0; fillers != NULL && fillers[f] != NULL; f++) {
        int alone = strncmp(fillers[f], ANALYSIS_FILLER_ALONE, mark) == 0;
        size_t k = phrase_at(words, n, i, fillers[f] + (alone ? mark : 0));
        if (k > 0 && (!alone || ((i == 0 || pause_after(words, n, i - 1, timed)) &&
                                 pause_after(words, n, i + k - 1, timed))))
            return k;
    }
    return 0;
}

/* The fillers among the words; matches do not overlap. */
static unsigned count_fillers(const struct analysis_word *words, size_t n,
                              const char *const *fillers)
{
    unsigned count = 0;
    int timed = 0;
    for (size_t i = 0; i < n; i++)
        timed |= words[i].end_s > 0;
    for (size_t i = 0; i < n;) {
        size_t k = filler_at(words, n, i, timed, fillers);
        count += k > 0;
        i += k > 0 ? k : 1;
    }
    return count;
}

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
    a->snr_db = vad->snr_db;
    a->words_per_minute = vad->voiced_s > 0 ? n_words / (vad->voiced_s / 60.0) : 0;
    if (!analysis_pace_known(a))
        a->words_per_minute = 0;
    a->filler_count = count_fillers(a->words, a->n_words, fillers);
    a->fillers_per_min = vad->duration_s > 0 ? a->filler_count / (vad->duration_s / 60.0) : 0;
    return REH_OK;
fail:
    analysis_free(a);
    return REH_ENOMEM;
}

int analysis_pace_known(const struct analysis *a)
{
    return a->n_words > 0 && a->words_per_minute > 0 &&
           a->words_per_minute <= ANALYSIS_PACE_TRUSTED_MAX;
}

void analysis_figures(const struct analysis *a, char *out, size_t size)
{
    size_t n;
    if (analysis_pace_known(a))
        n = (size_t)snprintf(out, size, "%.0f words a minute", a->words_per_minute);
    else if (a->n_words > 0)
        n = (size_t)snprintf(out, size, "pace not known (too little speech heard for %zu words)",
                             a->n_words);
    else
        n = (size_t)snprintf(out, size, "no words recognised");
    if (n < size)
        n += (size_t)snprintf(out + n, size - n, ", %.1f fillers a minute (%u in all)",
                              a->fillers_per_min, a->filler_count);
    if (n < size && a->n_pauses > 0)
        n += (size_t)snprintf(out + n, size - n, ", longest pause %.1f s (%zu over %.0f s)",
                              a->longest_pause_s, a->n_pauses, VAD_PAUSE_S);
    else if (n < size && a->longest_pause_s > 0)
        n += (size_t)snprintf(out + n, size - n, ", longest pause %.1f s (none over %.0f s)",
                              a->longest_pause_s, VAD_PAUSE_S);
    else if (n < size)
        n += (size_t)snprintf(out + n, size - n, ", no pause");
    if (n < size)
        snprintf(out + n, size - n, ", speaking %.0f%% of the time, first word after %.1f s",
                 a->speaking_ratio * 100, a->time_to_first_word_s);
}

void analysis_hints(const struct analysis *a, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    if (a->snr_db < ANALYSIS_NOISY_DB) /* false when NAN */
        n += (size_t)snprintf(out + n, size - n,
                              "Noisy recording: your speech is about %.0f dB over the noise, so "
                              "these figures are rough; a quieter room or a closer microphone "
                              "helps.\n",
                              a->snr_db);
    if (n < size && analysis_pace_known(a) && a->words_per_minute < ANALYSIS_PACE_MIN)
        n += (size_t)snprintf(out + n, size - n,
                              "Pace %.0f words a minute: a little slow; aim for 110-170.\n",
                              a->words_per_minute);
    else if (n < size && analysis_pace_known(a) && a->words_per_minute > ANALYSIS_PACE_MAX)
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
