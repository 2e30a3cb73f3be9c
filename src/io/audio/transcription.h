/* transcription: the live transcription of recordings while they are
 * recorded. A recorder's writer thread hands each block it wrote to
 * transcription_push, which only copies it into a bounded single-producer
 * single-consumer queue; a thread of its own feeds the queue to the
 * recogniser. The writer never waits for it: when the queue is full, the
 * transcription of that recording is given up (the file keeps every frame)
 * and the recording is transcribed from its file later. One decoder is
 * loaded for all the recordings of a session, each decoded on its own. */
#ifndef REHEARSE_TRANSCRIPTION_H
#define REHEARSE_TRANSCRIPTION_H

#include "../../core/analysis.h"
#include "../../core/diag.h"

#include <stddef.h>
#include <stdint.h>

/* Seconds of audio the queue holds: a recogniser this far behind gives the
 * recording up. */
#define TRANSCRIPTION_QUEUE_SECONDS 4

struct transcription;

/* Starts loading the recogniser, adapted to the domain model of the ARPA
 * file `domain_lm` unless it is NULL (see recognizer.h), on a thread of its
 * own: it takes about a second, and returns at once. A recording started
 * meanwhile is queued and decoded once the recogniser is loaded; one that
 * cannot be loaded leaves every recording untranscribed, and
 * transcription_finish says why. Returns NULL only when out of memory
 * (err set). Release with transcription_close. */
struct transcription *transcription_open(const char *domain_lm, struct diag *err);

/* NULL is fine; a recording in progress is finished first. */
void transcription_close(struct transcription *tr);

/* Starts the transcription of a new recording (16 kHz): its queue is
 * emptied and its thread started. Returns REH_OK, or REH_EIO when the
 * thread cannot start (the recording then goes untranscribed). */
int transcription_start(struct transcription *tr, struct diag *err);

/* Writer side: queues n samples just written, or gives the recording up
 * when they do not fit. Never blocks. */
void transcription_push(struct transcription *tr, const int16_t *samples, size_t n);

/* Samples queued and not decoded yet, from any thread (a lower bound but
 * for the decoding thread). */
size_t transcription_queued(struct transcription *tr);

/* The recording has `samples` samples at most: those pushed beyond (queued
 * before its end was known, as on a route that captures faster than real
 * time) are not decoded. Unlimited from transcription_start on. */
void transcription_limit(struct transcription *tr, uint64_t samples);

/* After the last push: decodes what is queued, ends the recording and gives
 * its words (release with analysis_words_free). Returns REH_OK; REH_EIO with
 * err saying why when the recording was given up or never started, or the
 * recogniser could not be loaded (nothing to release then); REH_ENOMEM. */
int transcription_finish(struct transcription *tr, struct analysis_word **words, size_t *n_words,
                         struct diag *err);

#endif
