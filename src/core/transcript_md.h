/* transcript_md: a transcript rendered as Markdown, the transcript.md of a
 * session directory and what `rehearse show` prints. */
#ifndef REHEARSE_TRANSCRIPT_MD_H
#define REHEARSE_TRANSCRIPT_MD_H

#include "transcript.h"

/* Renders the Markdown transcript into a new NUL-terminated string the caller
 * frees, or NULL when out of memory. */
char *transcript_markdown(const struct transcript *t);

/* Where follow-up `a` came from and why it was asked, as one sentence
 * ("Authored; asked because the answer named none of: watermark, late
 * data."), unescaped, in a new string the caller frees; NULL when out of
 * memory. */
char *transcript_follow_up_origin(const struct transcript_answer *a);

#endif
