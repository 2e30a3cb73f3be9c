/* text: the rules for text that comes from outside (answers, notes,
 * transcriptions, scenario and bank files). What is stored is valid UTF-8:
 * each invalid byte, or maximal invalid subpart of a sequence, becomes one
 * U+FFFD, as the Unicode standard recommends. What is shown never carries a
 * control character raw: C0 controls but tab and newline, and DEL, are written
 * in caret notation (ESC as ^[, BEL as ^G, DEL as ^?); C1 controls and the
 * bidirectional controls as <U+XXXX> (U+009B as <U+009B>), as less does.
 * Markdown built from such text escapes what would change the document's
 * structure. Every function returning char * gives a new string the caller
 * frees, or NULL when out of memory. */
#ifndef REHEARSE_TEXT_H
#define REHEARSE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* What text_utf8_next stores for an ill-formed sequence. */
#define TEXT_INVALID 0xffffffffu

/* Decodes the UTF-8 sequence at s, of which `left` (at least 1) bytes may be
 * read. Returns its length and stores its code point (U+0000 included) in
 * *cp; when s starts no well-formed sequence (a stray continuation byte, a
 * truncated sequence, an overlong form, a surrogate, a value beyond U+10FFFF
 * or a byte that never occurs), returns the length of the maximal invalid
 * subpart (1 to 3 bytes) and stores TEXT_INVALID. */
size_t text_utf8_next(const char *s, size_t left, uint32_t *cp);

/* Whether the len bytes at s are valid UTF-8 without a NUL. */
int text_utf8_valid(const char *s, size_t len);

/* A copy of the len bytes at s in valid UTF-8: every maximal invalid subpart
 * and every NUL byte becomes U+FFFD. */
char *text_valid_utf8(const char *s, size_t len);

/* Whether code point cp is shown escaped: C0 controls except tab and
 * newline, DEL, C1 controls, and the bidirectional controls U+200E, U+200F,
 * U+202A-U+202E and U+2066-U+2069. */
int text_is_control(uint32_t cp);

/* The longest visible form of a control, "<U+202E>", with its NUL. */
#define TEXT_CONTROL_MAX 9

/* Writes the visible form of control cp (one text_is_control accepts: "^[",
 * "<U+009B>") and its NUL to out; returns its length. */
size_t text_control_name(uint32_t cp, char out[TEXT_CONTROL_MAX]);

/* `s` (NUL-terminated) as it may be written to a terminal: controls in the
 * notation above, invalid UTF-8 as U+FFFD; tab and newline are kept. */
char *text_for_terminal(const char *s);

/* The number of words of `s`: runs of characters between spaces, tabs and
 * line breaks. */
size_t text_word_count(const char *s);

/* The len bytes at s as Markdown text that shows them as they are and
 * cannot change the document around it: controls named as above (the name
 * escaped too), a newline as a space, the characters \ ` * _ [ ] < | escaped with a backslash, and
 * so are the markers that act at the start of a line (#, >, +, -, =, ~, and the '.' or ')' after a
 * number), so the result never starts a heading, a quote, a list, a rule, a code fence or an HTML
 * block. */
char *text_markdown_line(const char *s, size_t len);

/* The columns code point cp takes on a terminal: 0 for a combining mark or
 * a zero-width character, 2 for a wide (East Asian, emoji) one, else 1. */
size_t text_cp_columns(uint32_t cp);

/* The columns the len bytes at s (text as text_for_terminal gives it) take
 * on a terminal; an invalid subpart counts as one U+FFFD, and an escape
 * sequence "ESC [ ... final" (the program's own styling) as none. */
size_t text_columns(const char *s, size_t len);

/* U+2026, what text_fit ends a shortened text with. */
#define TEXT_ELLIPSIS "\xe2\x80\xa6"

/* `s` cut to at most `columns` columns on a terminal: s itself when it fits,
 * else as much of it as fits before TEXT_ELLIPSIS. */
char *text_fit(const char *s, size_t columns);

/* The hanging indent text_wrap keeps only when at least this many columns
 * are left after it. */
#define TEXT_WRAP_MIN 20

/* `s` broken at spaces into lines of at most `width` columns (0: never
 * broken) for a terminal: the first line starts at column `indent` (what
 * comes before it is the caller's), each further one with `indent` spaces
 * (none when fewer than TEXT_WRAP_MIN columns would be left). A newline in s
 * starts a line; runs of spaces become one; a word longer than a line is
 * broken at the edge. */
char *text_wrap(const char *s, size_t width, size_t indent);

#endif
