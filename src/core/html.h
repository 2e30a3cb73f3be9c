/* html: a transcript as one self-contained HTML page: inline CSS, no
 * external requests, <audio> elements pointing at the recordings by relative
 * path, ratings, key-term coverage and an inline SVG chart of the time used
 * against each limit. */
#ifndef REHEARSE_HTML_H
#define REHEARSE_HTML_H

#include "transcript.h"

/* A new NUL-terminated page the caller frees, or NULL when out of memory. */
char *html_page(const struct transcript *t);

#endif
