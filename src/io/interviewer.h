/* interviewer: an optional language model that writes a follow-up question
 * to an answer and a rubric of it, reached over HTTP as an OpenAI-compatible
 * chat endpoint (Ollama, llama.cpp's server) named in config.yaml. It sends
 * the question, its model answer and key points, and the answer; nothing else,
 * and only when the settings name an interviewer. The endpoint must be on
 * this machine (a loopback address) unless `allow_remote: true`.
 *
 * Every reply is checked as strictly as a file we load (valid JSON, the text
 * where the chat format puts it, valid UTF-8, no control character, bounded
 * length); every failure is one line naming the endpoint and what went wrong
 * (`the interviewer at http://127.0.0.1:11434/v1 did not answer within 10 s`),
 * so the caller can fall back on the authored follow-up and say why once. */
#ifndef REHEARSE_INTERVIEWER_H
#define REHEARSE_INTERVIEWER_H

#include "config.h"
#include "../core/bank.h"
#include "../core/diag.h"
#include "../core/engine.h"
#include "../core/rubric.h"
#include "../core/transcript.h"

/* The most a reply may hold; a longer one is refused. */
#define INTERVIEWER_MAX_REPLY (256u * 1024u)
/* The longest follow-up question, in characters (code points). */
#define INTERVIEWER_MAX_FOLLOW_UP 300

struct interviewer;

/* Checks the settings' url (a URL of http or https, with no query or
 * fragment) and, unless allow_remote, that its host is this machine: an
 * address of 127.0.0.0/8 or ::1, or a name all of whose addresses are (the
 * requests then go to those addresses only, so a name cannot be pointed
 * elsewhere later). Returns REH_OK with *out, released with
 * interviewer_close; REH_EDATA with the message at the url's place in
 * config.yaml ("FILE:LINE:COL: ... set allow_remote: true to send answers to
 * HOST"); REH_EIO when libcurl cannot be loaded (io/libcurl.h); or
 * REH_ENOMEM. */
int interviewer_open(const struct config_interviewer *settings, struct interviewer **out,
                     struct diag *err);

/* Releases itv (NULL is ignored). */
void interviewer_close(struct interviewer *itv);

/* The one line to show once per session when answers leave this machine
 * (allow_remote and a host that is not loopback), owned by itv; NULL when
 * they do not. */
const char *interviewer_notice(const struct interviewer *itv);

/* Asks for one short follow-up question to answer `a` (its text, typed or
 * transcribed) of question q; when a is itself a follow-up of q, the
 * follow-up it answers is sent too. Returns REH_OK with
 * *text, a new string the caller frees: one line of valid UTF-8 without
 * control characters, quotes or a "Follow-up:" label, of 1 to
 * INTERVIEWER_MAX_FOLLOW_UP characters; REH_EIO with a one-line reason
 * (timeout, refused, HTTP status, invalid JSON, too long...); or
 * REH_ENOMEM. */
int interviewer_follow_up(struct interviewer *itv, const struct question *q,
                          const struct transcript_answer *a, char **text, struct diag *err);

/* Asks for a rubric of answer `a` to question q (sent as for a follow-up):
 * each aspect a whole score
 * from 1 to 5 and a sentence of 1 to RUBRIC_WHY_CHARS characters, cleaned as
 * a follow-up is. Returns REH_OK with *out filled, REH_EIO with a one-line
 * reason, or REH_ENOMEM. */
int interviewer_rubric(struct interviewer *itv, const struct question *q,
                       const struct transcript_answer *a, struct rubric *out, struct diag *err);

/* The engine's table of itv: follow-ups written by interviewer_follow_up. */
struct engine_interviewer interviewer_ops(struct interviewer *itv);

#endif
