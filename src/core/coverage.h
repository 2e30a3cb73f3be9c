/* coverage: which of a question's key terms an answer names. Matching is
 * case-insensitive, on word boundaries (punctuation and hyphens separate
 * words), word by word for multi-word terms, and accepts the simple forms of
 * each word: plural (-s, -es, -ies), -ing and -ed. */
#ifndef REHEARSE_COVERAGE_H
#define REHEARSE_COVERAGE_H

#include <stddef.h>

/* Whether `text` names `term`. */
int coverage_has(const char *text, const char *term);

/* Marks found[i] for each of the n terms that text names; returns the
 * fraction found (0 when n is 0). */
double coverage_measure(const char *text, const char *const *terms, size_t n, int *found);

#endif
