/* transcriber: an external speech recogniser the user names in the
 * settings: a command (run without a shell) given the WAV path as its last
 * argument, printing the text on standard output. */
#ifndef REHEARSE_TRANSCRIBER_H
#define REHEARSE_TRANSCRIBER_H

#include "../core/diag.h"

/* Runs argv (NULL-terminated) with `wav` appended and returns its output as
 * a new string the caller frees, in *text, made valid UTF-8 (core/text.h).
 * Returns REH_OK, REH_ENOMEM, or REH_EIO when it cannot start, fails, or
 * prints nothing (the message says which). */
int transcriber_run(const char *const *argv, const char *wav, char **text, struct diag *err);

#endif
