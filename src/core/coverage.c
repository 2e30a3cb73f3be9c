/* coverage: both texts are cut into lower-case words of letters and digits;
 * a term matches where its words appear in a row. */
#include "coverage.h"

#include <ctype.h>
#include <string.h>

#define WORD_MAX 64

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

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t k = strlen(suffix);
    return len >= k && strcmp(s + len - k, suffix) == 0;
}

/* Whether text word `w` is a form of term word `t`. */
static int same_word(const char *w, const char *t)
{
    size_t wl = strlen(w), tl = strlen(t);
    if (strcmp(w, t) == 0)
        return 1;
    if (wl > tl && strncmp(w, t, tl) == 0) {
        const char *rest = w + tl;
        return strcmp(rest, "s") == 0 || strcmp(rest, "es") == 0 || strcmp(rest, "ing") == 0 ||
               strcmp(rest, "ed") == 0 || strcmp(rest, "d") == 0;
    }
    /* partition-ing from a term ending in e (cache -> caching), y -> ies */
    if (tl >= 2 && (t[tl - 1] == 'e' || t[tl - 1] == 'y') && strncmp(w, t, tl - 1) == 0) {
        const char *rest = w + tl - 1;
        return t[tl - 1] == 'e' ? strcmp(rest, "ing") == 0 : strcmp(rest, "ies") == 0;
    }
    /* a plural term matches a singular word */
    if (ends_with(t, tl, "s") && wl + 1 == tl && strncmp(w, t, wl) == 0)
        return 1;
    return 0;
}

/* Counts the places where the words of `term` stand in a row in text, each
 * word equal (exact) or a form of it (not exact); stops at the first when
 * `first` is set. */
static size_t matches(const char *text, const char *term, int exact, int first)
{
    char words[8][WORD_MAX], w[WORD_MAX], window[8][WORD_MAX];
    size_t n = 0, seen = 0, found = 0;
    const char *p = term;
    while (n < 8 && next_word(&p, words[n]) > 0)
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
        while (k < n && (exact ? strcmp(window[(seen - n + k) % n], words[k]) == 0
                               : same_word(window[(seen - n + k) % n], words[k])))
            k++;
        if (k == n) {
            found++;
            if (first)
                break;
            seen = 0; /* matches do not overlap */
        }
    }
    return found;
}

int coverage_has(const char *text, const char *term)
{
    return matches(text, term, 0, 1) > 0;
}

size_t coverage_count(const char *text, const char *phrase)
{
    return matches(text, phrase, 1, 0);
}

double coverage_measure(const char *text, const char *const *terms, size_t n, int *found)
{
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        found[i] = coverage_has(text, terms[i]);
        hits += (size_t)found[i];
    }
    return n ? (double)hits / (double)n : 0;
}
