/* html: a transcript as one self-contained HTML page: inline CSS, no
 * external requests, <audio> elements pointing at the recordings by relative
 * path, ratings, key-term coverage, model answers and an inline SVG chart
 * of the time used against each limit. */
#ifndef REHEARSE_HTML_H
#define REHEARSE_HTML_H

#include "transcript.h"

/* A new NUL-terminated page the caller frees, or NULL when out of memory.
 * questions[i] is the question answer i answers, whose model answer and key
 * points the page shows (NULL, or an entry NULL: none). */
char *html_page(const struct transcript *t, const struct question *const *questions);

#endif
