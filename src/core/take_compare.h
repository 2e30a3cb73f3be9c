/* take_compare: the takes of one answer side by side: for each its time,
 * words, the key terms it named and missed, and (the analyzed take) its
 * pace and fillers, in columns that fit a screen, or one take under the
 * other where they do not. */
#ifndef REHEARSE_TAKE_COMPARE_H
#define REHEARSE_TAKE_COMPARE_H

#include "bank.h"
#include "transcript.h"

/* The comparison of a's earlier takes and its last (the one kept, which a
 * itself holds) for a screen `screen` columns wide (0: no limit), with the
 * key terms of q (NULL: none); outside text shown as on a terminal
 * (core/text.h). A new string the caller frees, or NULL when out of
 * memory. */
char *take_compare(const struct transcript_answer *a, const struct question *q, size_t screen);

#endif
