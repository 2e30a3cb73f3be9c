/* term_markdown: Markdown rendered for a terminal, parsed by libcmark
 * (CommonMark): headings and strong text bold, emphasis italic, code and
 * links coloured, block quotes behind a bar, list items behind their bullet
 * or number, paragraphs wrapped at word boundaries to the screen's width. */
#ifndef REHEARSE_TERM_MARKDOWN_H
#define REHEARSE_TERM_MARKDOWN_H

/* The text of `markdown` laid out `width` columns wide (at least 20), with
 * SGR escape sequences when `color`; a new string the caller frees, or NULL
 * when out of memory. The input must hold no control characters: what
 * comes out holds none but the escape sequences it adds. */
char *term_markdown(const char *markdown, unsigned width, int color);

#endif
