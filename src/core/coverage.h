/* coverage: which of a question's key terms an answer names. Matching is
 * case-insensitive, on word boundaries (punctuation and hyphens separate
 * words) and compares words by their Snowball English stem; a multi-word
 * term's words may stand in any order with at most two other words among
 * them, a hyphenated term's in a row or written as one word, and a term led
 * by "data" is also named by the rest of it; a term may have other
 * spellings, each matched the same way. coverage.c lists the rules. */
#ifndef REHEARSE_COVERAGE_H
#define REHEARSE_COVERAGE_H

#include <stddef.h>

/* The other spellings of a key term ("horizontal scaling" and "scale out"
 * beside "scale horizontally"): the term is named where one of them is. */
struct coverage_alternatives {
    const char **items;
    size_t n;
};

/* Whether `text` names `term`. */
int coverage_has(const char *text, const char *term);

/* Whether `text` names `term` or one of its alternatives (`alt` NULL:
 * none). */
int coverage_names(const char *text, const char *term, const struct coverage_alternatives *alt);

/* How many times `phrase` stands in text, word for word exactly (no other
 * forms), case-insensitive: the count of fillers such as "you know". */
size_t coverage_count(const char *text, const char *phrase);

/* Marks found[i] for each of the n terms that text names; returns the
 * fraction found (0 when n is 0). */
double coverage_measure(const char *text, const char *const *terms, size_t n, int *found);

#endif
