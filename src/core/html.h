/* html: a transcript as one self-contained HTML page: inline CSS, no
 * external requests, <audio> elements pointing at the recordings by relative
 * path with a waveform strip of each, speech figures, ratings, the
 * interviewer's rubric, key-term coverage, model answers and an inline SVG
 * chart of the time used against each limit. */
#ifndef REHEARSE_HTML_H
#define REHEARSE_HTML_H

#include "transcript.h"
#include "waveform.h"

/* What the page shows beyond the transcript; every field may be empty. */
struct html_sources {
    /* questions[i] is the question answer i answers, whose model answer and
     * key points the page shows (NULL, or an entry NULL: none). */
    const struct question *const *questions;
    /* The waveforms of the recordings, found by file name. */
    const struct waveform *waves;
    size_t n_waves;
    /* The page will not be beside the recordings: it names them instead of
     * showing players that cannot find them. */
    int recordings_elsewhere;
};

/* A new NUL-terminated page the caller frees, or NULL when out of memory. */
char *html_page(const struct transcript *t, const struct html_sources *src);

#endif
