/* take: the engine's side of recording a spoken answer, take by take: the
 * recorder table (engine_recorder) driven, and the view told of every
 * change (RECORDING_*), or of why the answer is typed instead. */
#ifndef REHEARSE_TAKE_H
#define REHEARSE_TAKE_H

#include "engine.h"

/* Starts recording answer `a` when it is spoken: *on is 1 when it is
 * recorded. When it cannot be, the view is told why and `a` is answered
 * typed. Returns REH_OK, or REH_ENOMEM (err set). */
int take_start(struct engine *eng, struct transcript_answer *a, int *on, struct diag *err);

/* Pauses (1) or resumes (0) the recording. */
void take_pause(struct engine *eng, int paused);

/* Stops the recording (*on becomes 0) of a take `length_s` long on the
 * answer clock (see engine_recorder.stop), filling a's audio fields; a file
 * that could not be finished is told to the view. */
void take_stop(struct engine *eng, struct transcript_answer *a, int *on, double length_s);

/* Checks the recording at a tick: a failed device stops it and the answer
 * goes on typed; a recording that cannot be written is stopped and REH_EIO
 * returned (err says why): the session then ends, as when a save fails. */
int take_check(struct engine *eng, struct transcript_answer *a, int *on, struct diag *err);

/* The meter of the recording in progress (at the floor when the recorder
 * has none). */
struct engine_meter take_meter(const struct engine *eng);

#endif
