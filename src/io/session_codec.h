/* session_codec: session.json (format 1, docs/architecture.md) to and from
 * the transcript model, field by field: the encoder names the field it
 * cannot write, the decoder the field that is damaged. Files of the earlier
 * shape (no recorded plan) decode too. */
#ifndef REHEARSE_SESSION_CODEC_H
#define REHEARSE_SESSION_CODEC_H

#include "../core/diag.h"
#include "../core/transcript.h"

#include <jansson.h>

/* How session.json is dumped: two-space indents, ten significant digits. */
#define SESSION_CODEC_DUMP_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(10))

/* Encodes `t` into *root, a new reference the caller releases (NULL on
 * failure). Returns REH_OK, REH_EDATA naming a field that cannot be written
 * ("the note of answer 1 is not valid UTF-8", "the elapsed_s of answer 2 is
 * not a finite number", "the text of take 1 of answer 3 is missing"), or
 * REH_ENOMEM naming the field being encoded. */
int session_codec_encode(const struct transcript *t, json_t **root, struct diag *err);

/* Decodes the `len` bytes of `text`, a session.json that `path` names in
 * messages, into `t` (released with transcript_free either way). Returns
 * REH_OK, REH_ENOMEM, or REH_EDATA with "PATH:LINE:COL: message" for text
 * that is not JSON, and "PATH:1:1: message" naming the damaged field or an
 * unknown format otherwise. */
int session_codec_decode(const char *text, size_t len, const char *path, struct transcript *t,
                         struct diag *err);

#endif
