/* term_editor: the user's editor run on the terminal over a text, as git
 * runs it for a commit message: $VISUAL, else $EDITOR, else vi, through
 * `sh -c '<editor> "$1"'` (so that VISUAL="code --wait" works) on a file of
 * $TMPDIR (else /tmp) only the user can read, removed afterwards. The
 * caller hands the terminal over first (readline's modes put back). */
#ifndef REHEARSE_TERM_EDITOR_H
#define REHEARSE_TERM_EDITOR_H

#include "../core/diag.h"

#define TERM_EDITOR_MAX (1u << 20) /* the most a saved file may hold */

/* Runs the editor over `text` in the foreground and waits for it; Ctrl-C
 * and Ctrl-\ go to the editor alone meanwhile. *edited (the caller frees it)
 * gets the file as saved, made valid UTF-8 (core/text.h), without its last
 * line breaks. Returns REH_OK; REH_EIO when the file cannot be written or
 * read back, or the editor is not found, fails or is killed (err names the
 * editor and the fix; *edited is NULL then); REH_ENOMEM. */
int term_editor_run(const char *text, char **edited, struct diag *err);

#endif
