/* soundalike: a text's words are runs of letters, digits and apostrophes,
 * in lower case; each has the phones the lexicon gives it, kept one after
 * the other in one array so that a run of words is a run of phones. A term
 * sounds alike where a run of words, starting on a word and ending on one,
 * has exactly the term's phones: a run that ends inside a word ("cash" in
 * "cashier") does not count. A phone is its one or two letters packed into
 * a number. */
#include "soundalike.h"

#include "diag.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX    64
#define PHONES_TEXT 256 /* the lexicon's answer for one word, in bytes */
#define TERM_PHONES 64

struct sound_word {
    char word[WORD_MAX];
    size_t first, n; /* its phones in soundalike.phones */
};

struct soundalike {
    soundalike_lexicon lexicon;
    struct sound_word *words;
    size_t n_words;
    uint16_t *phones;
    size_t n_phones;
};

/* Copies the next word at *p into w (lower case, cut when over-long);
 * returns its length, 0 at the end. */
static size_t next_word(const char **p, char w[WORD_MAX])
{
    const unsigned char *s = (const unsigned char *)*p;
    size_t n = 0;
    while (*s != '\0' && !isalnum(*s) && *s != '\'')
        s++;
    while (isalnum(*s) || *s == '\'') {
        if (n < WORD_MAX - 1)
            w[n++] = (char)tolower(*s);
        s++;
    }
    w[n] = '\0';
    *p = (const char *)s;
    return n;
}

/* The phones of `word` packed into out (at most cap); returns how many, 0
 * when the lexicon has none or they do not fit. */
static size_t phones_of(soundalike_lexicon lexicon, const char *word, uint16_t *out, size_t cap)
{
    char text[PHONES_TEXT];
    size_t n = 0;
    if (!lexicon(word, text, sizeof text))
        return 0;
    for (const char *t = text; *t != '\0';) {
        size_t len = strcspn(t, " ");
        if (len == 0 || len > 2 || n == cap)
            return 0;
        out[n++] = (uint16_t)((unsigned char)t[0] << 8 | (len == 2 ? (unsigned char)t[1] : 0));
        t += len + strspn(t + len, " ");
    }
    return n;
}

int soundalike_open(struct soundalike **out, const char *text, soundalike_lexicon lexicon)
{
    struct soundalike *s = calloc(1, sizeof *s);
    size_t cap_words = 0, cap_phones = 0;
    char w[WORD_MAX];
    *out = NULL;
    if (s == NULL)
        return REH_ENOMEM;
    s->lexicon = lexicon;
    for (const char *p = text; next_word(&p, w) > 0;) {
        if (s->n_words == cap_words) {
            cap_words = cap_words ? 2 * cap_words : 64;
            struct sound_word *words = realloc(s->words, cap_words * sizeof *words);
            if (words == NULL)
                goto failed;
            s->words = words;
        }
        if (cap_phones - s->n_phones < TERM_PHONES) {
            cap_phones = cap_phones ? 2 * cap_phones : 4 * TERM_PHONES;
            uint16_t *phones = realloc(s->phones, cap_phones * sizeof *phones);
            if (phones == NULL)
                goto failed;
            s->phones = phones;
        }
        struct sound_word *sw = &s->words[s->n_words++];
        memcpy(sw->word, w, sizeof w);
        sw->first = s->n_phones;
        sw->n = phones_of(lexicon, w, s->phones + s->n_phones, TERM_PHONES);
        s->n_phones += sw->n;
    }
    *out = s;
    return REH_OK;
failed:
    soundalike_free(s);
    return REH_ENOMEM;
}

void soundalike_free(struct soundalike *s)
{
    if (s == NULL)
        return;
    free(s->words);
    free(s->phones);
    free(s);
}

/* Writes words [from, to) of s into heard (cap bytes), space-separated,
 * and returns whether they are the words `own` (joined without spaces). */
static int say_run(const struct soundalike *s, size_t from, size_t to, const char *own, char *heard,
                   size_t cap)
{
    size_t used = 0, joined = 0;
    int same = 1;
    heard[0] = '\0';
    for (size_t k = from; k < to; k++) {
        const char *w = s->words[k].word;
        size_t len = strlen(w);
        same = same && strncmp(own + joined, w, len) == 0;
        joined += same ? len : 0;
        int n = snprintf(heard + used, cap - used, "%s%s", k > from ? " " : "", w);
        used = n < 0 || (size_t)n >= cap - used ? cap - 1 : used + (size_t)n;
    }
    return same && own[joined] == '\0';
}

int soundalike_find(const struct soundalike *s, const char *term, char *heard, size_t cap)
{
    uint16_t want[TERM_PHONES];
    char own[WORD_MAX * 4] = "", w[WORD_MAX];
    size_t m = 0;
    for (const char *p = term; next_word(&p, w) > 0;) {
        size_t got = phones_of(s->lexicon, w, want + m, TERM_PHONES - m);
        if (got == 0 || strlen(own) + strlen(w) >= sizeof own)
            return 0;
        m += got;
        strcat(own, w);
    }
    if (m < SOUNDALIKE_MIN_PHONES)
        return 0;
    for (size_t i = 0; i < s->n_words; i++) {
        size_t n = 0, j = i;
        while (j < s->n_words && s->words[j].n > 0 && n < m)
            n += s->words[j++].n;
        if (n == m && memcmp(s->phones + s->words[i].first, want, m * sizeof *want) == 0 &&
            !say_run(s, i, j, own, heard, cap))
            return 1;
    }
    heard[0] = '\0';
    return 0;
}
