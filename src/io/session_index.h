/* session_index: <home>/sessions-index.json, the summary of every session
 * (core/transcript.h), with the marks of its answers that the schedule and
 * the stats are computed from (not the questions' text), keyed by the identity of its session.json
 * (device, inode, size, modification time). Every save replaces
 * session.json, so an unchanged identity means an unchanged file, and
 * listing the sessions parses only those saved since the last listing. The index is derived data:
 * missing, damaged or of another format it is rebuilt, and when it cannot
 * be written the listing is still complete. Written atomically, mode 0600. */
#ifndef REHEARSE_SESSION_INDEX_H
#define REHEARSE_SESSION_INDEX_H

#include "../core/diag.h"
#include "../core/transcript.h"

#include <stddef.h>

/* Called for each entry of the sessions directory that is skipped, with a
 * line saying which and why: "PATH: not a session directory", or the message
 * of a session.json that cannot be read. */
typedef void (*session_index_skip_fn)(const char *why, void *ctx);

/* The summaries of the sessions under <home>/sessions, newest first, in a new
 * array the caller releases with session_index_free; the index is brought up
 * to date on the way. `skip` may be NULL. Returns REH_OK, REH_EIO when the
 * sessions directory cannot be read, or REH_ENOMEM. */
int session_index_list(const char *home, struct transcript_summary **list, size_t *count,
                       session_index_skip_fn skip, void *ctx, struct diag *err);

void session_index_free(struct transcript_summary *list, size_t count);

/* The text of question `question_id` (which the index does not keep) as the
 * newest of the `count` sessions of list (newest first) that asked it has
 * it, read from that session.json: *text is a new string the caller frees,
 * or NULL when no readable session asked it. Returns REH_OK or REH_ENOMEM. */
int session_index_question(const char *home, const struct transcript_summary *list, size_t count,
                           const char *question_id, char **text);

/* Removes the entry of session `id` from the index, when it has one (a
 * session that is deleted). Returns REH_OK, REH_ENOMEM, or REH_EIO naming
 * the index when it cannot be written. */
int session_index_forget(const char *home, const char *id, struct diag *err);

#endif
