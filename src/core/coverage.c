/* coverage: both texts are cut into lower-case words of letters and digits
 * (anything else separates words) and each word is reduced to its stem by
 * the Snowball English stemmer of libstemmer. A term is named where:
 * - its words stand in a window of its length plus COVERAGE_SLACK words,
 *   in any order, each word as a form of the term's word (same stem); the
 *   words of a hyphenated term ("real-time", "pay-as-you-go") stand in a row
 *   and in order instead;
 * - its words written as one ("realtime" for "real-time") or one of its words
 *   written as two ("real time" for "realtime"): the text's words of a run,
 *   joined, have the stem of the term's words joined;
 * - it starts with a generic modifier ("data lakehouse") and the rest of the
 *   term is named ("lakehouse"); the modifier alone names nothing.
 * Letters said one by one in the answer are one word ("e t l" is "etl").
 * A term never matches inside a longer word: "NoSQL" does not name "SQL". */
#include "coverage.h"

#include <ctype.h>
#include <libstemmer.h>
#include <string.h>

#define WORD_MAX       64
#define TERM_WORDS     8 /* words of a term that count; more are ignored */
#define COVERAGE_SLACK 2 /* other words allowed among a term's words */
#define WINDOW         (TERM_WORDS + COVERAGE_SLACK)
#define JOINED_MAX     (WORD_MAX * (TERM_WORDS + 1))

/* Leading words that only say what kind of thing the rest of a term is, so
 * that the rest alone names the term. */
static const char *const generic_modifiers[] = {"data"};

/* Copies the next word at *p (lower case) into w; returns its length, 0 at
 * the end. Over-long words are cut. */
static size_t next_word(const char **p, char w[WORD_MAX])
{
    const unsigned char *s = (const unsigned char *)*p;
    size_t n = 0;
    while (*s != '\0' && !isalnum(*s))
        s++;
    while (isalnum(*s)) {
        if (n < WORD_MAX - 1)
            w[n++] = (char)tolower(*s);
        s++;
    }
    w[n] = '\0';
    *p = (const char *)s;
    return n;
}

/* Reads the next word of an answer into w as next_word does, but joins a run
 * of letters said one by one ("e t l") into one word ("etl"), the way a
 * recogniser writes a spoken acronym; "a" and "i" never start a run (they
 * are words). Returns the length, 0 at the end. */
static size_t next_answer_word(const char **p, char w[WORD_MAX])
{
    size_t n = next_word(p, w);
    char next[WORD_MAX];
    const char *q = *p;
    if (n != 1 || !isalpha((unsigned char)w[0]) || w[0] == 'a' || w[0] == 'i')
        return n;
    while (n < WORD_MAX - 1 && next_word(&q, next) == 1 && isalpha((unsigned char)next[0])) {
        w[n++] = next[0];
        w[n] = '\0';
        *p = q;
    }
    return n;
}

/* Writes the stem of the lower-case word w into out (cap bytes); without a
 * stemmer (it could not be allocated) the word is its own stem. */
static void stem(struct sb_stemmer *sb, const char *w, char *out, size_t cap)
{
    size_t len = strlen(w);
    const sb_symbol *s = sb ? sb_stemmer_stem(sb, (const sb_symbol *)w, (int)len) : NULL;
    if (s != NULL) {
        w = (const char *)s;
        len = (size_t)sb_stemmer_length(sb);
    }
    if (len >= cap)
        len = cap - 1;
    memcpy(out, w, len);
    out[len] = '\0';
}

struct text_word {
    char raw[WORD_MAX], stem[WORD_MAX];
};

/* Whether the stems of the n term words all stand among the last `span`
 * text words of the ring (the newest at index seen - 1), each on its own
 * word; in a row and in order when `ordered`. */
static int in_window(const struct text_word *ring, size_t seen, char (*stems)[WORD_MAX], size_t n,
                     int ordered)
{
    size_t span = ordered ? n : n + COVERAGE_SLACK;
    if (span > seen)
        span = seen;
    if (span < n)
        return 0;
    if (ordered) {
        for (size_t k = 0; k < n; k++)
            if (strcmp(ring[(seen - n + k) % WINDOW].stem, stems[k]) != 0)
                return 0;
        return 1;
    }
    int used[WINDOW] = {0};
    for (size_t k = 0; k < n; k++) {
        size_t j = 0;
        while (j < span && (used[j] || strcmp(ring[(seen - span + j) % WINDOW].stem, stems[k])))
            j++;
        if (j == span)
            return 0;
        used[j] = 1;
    }
    return 1;
}

/* Whether some run of 1 to n + 1 text words ending with the newest, joined,
 * has the stem `joined`. */
static int as_joined(struct sb_stemmer *sb, const struct text_word *ring, size_t seen, size_t n,
                     const char *joined)
{
    char run[JOINED_MAX], s[JOINED_MAX];
    for (size_t len = 1; len <= n + 1 && len <= seen; len++) {
        run[0] = '\0';
        for (size_t k = 0; k < len; k++)
            strcat(run, ring[(seen - len + k) % WINDOW].raw);
        stem(sb, run, s, sizeof s);
        if (strcmp(s, joined) == 0)
            return 1;
    }
    return 0;
}

/* Whether text names the term of the n words `words`. */
static int names(struct sb_stemmer *sb, const char *text, char (*words)[WORD_MAX], size_t n,
                 int ordered)
{
    char stems[TERM_WORDS][WORD_MAX], joined[JOINED_MAX] = "", s[JOINED_MAX];
    for (size_t k = 0; k < n; k++) {
        stem(sb, words[k], stems[k], WORD_MAX);
        strcat(joined, words[k]);
    }
    stem(sb, joined, s, sizeof s);

    struct text_word ring[WINDOW];
    size_t seen = 0;
    const char *p = text;
    while (next_answer_word(&p, ring[seen % WINDOW].raw) > 0) {
        stem(sb, ring[seen % WINDOW].raw, ring[seen % WINDOW].stem, WORD_MAX);
        seen++;
        if (in_window(ring, seen, stems, n, ordered) || as_joined(sb, ring, seen, n, s))
            return 1;
    }
    return 0;
}

static int has(struct sb_stemmer *sb, const char *text, const char *term)
{
    char words[TERM_WORDS][WORD_MAX];
    size_t n = 0;
    const char *p = term;
    while (n < TERM_WORDS && next_word(&p, words[n]) > 0)
        n++;
    if (n == 0)
        return 0;
    int ordered = strchr(term, '-') != NULL;
    if (names(sb, text, words, n, ordered))
        return 1;
    for (size_t i = 0; n > 1 && i < sizeof generic_modifiers / sizeof generic_modifiers[0]; i++)
        if (strcmp(words[0], generic_modifiers[i]) == 0)
            return names(sb, text, words + 1, n - 1, ordered);
    return 0;
}

int coverage_has(const char *text, const char *term)
{
    int found;
    coverage_measure(text, &term, 1, &found);
    return found;
}

int coverage_names(const char *text, const char *term, const struct coverage_alternatives *alt)
{
    if (coverage_has(text, term))
        return 1;
    for (size_t i = 0; alt != NULL && i < alt->n; i++)
        if (coverage_has(text, alt->items[i]))
            return 1;
    return 0;
}

size_t coverage_count(const char *text, const char *phrase)
{
    char words[TERM_WORDS][WORD_MAX], w[WORD_MAX], window[TERM_WORDS][WORD_MAX];
    size_t n = 0, seen = 0, found = 0;
    const char *p = phrase;
    while (n < TERM_WORDS && next_word(&p, words[n]) > 0)
        n++;
    if (n == 0)
        return 0;
    p = text;
    while (next_word(&p, w) > 0) {
        memcpy(window[seen % n], w, sizeof w);
        seen++;
        if (seen < n)
            continue;
        size_t k = 0;
        while (k < n && strcmp(window[(seen - n + k) % n], words[k]) == 0)
            k++;
        if (k == n) {
            found++;
            seen = 0; /* matches do not overlap */
        }
    }
    return found;
}

double coverage_measure(const char *text, const char *const *terms, size_t n, int *found)
{
    struct sb_stemmer *sb = sb_stemmer_new("english", NULL);
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        found[i] = has(sb, text, terms[i]);
        hits += (size_t)found[i];
    }
    if (sb != NULL)
        sb_stemmer_delete(sb);
    return n ? (double)hits / (double)n : 0;
}
