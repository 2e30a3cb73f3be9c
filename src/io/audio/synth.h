/* synth: speech synthesis into memory with flite used as a library (Debian's
 * flite1-dev, voice cmu_us_rms): text in, mono 16-bit samples out. Needs no
 * audio device and prints nothing. Owns the flite voice, loaded on first use
 * and kept for the life of the process; not thread-safe. */
#ifndef REHEARSE_SYNTH_H
#define REHEARSE_SYNTH_H

#include "../../core/diag.h"

#include <stddef.h>
#include <stdint.h>

/* Synthesised speech. `samples` is malloc'd and owned by the struct: release
 * it with synth_audio_free. */
struct synth_audio {
    int16_t *samples; /* n_frames mono samples; NULL when n_frames is 0 */
    size_t n_frames;
    unsigned sample_rate; /* Hz; set even when n_frames is 0 */
};

/* Speaks `text` into `*out`, which is overwritten without being freed. The
 * text goes to flite as it is: Markdown marks are read out ("hash", "asterisk"),
 * a URL is spelled, and letters beyond ASCII are dropped ("café" is "caf").
 * Text that is empty or only white space gives REH_OK with 0 frames. Returns
 * REH_OK, REH_EIO when the voice cannot be loaded or synthesis fails, or
 * REH_ENOMEM; on failure `*out` holds no samples. */
int synth_text(const char *text, struct synth_audio *out, struct diag *err);

/* Frees the samples and leaves `*audio` empty; a NULL or empty one is fine. */
void synth_audio_free(struct synth_audio *audio);

#define SYNTH_PIECE_MAX 200 /* bytes of text synthesised at once, at most */
#define SYNTH_AHEAD_S   4   /* seconds of speech synthesised ahead of the player */

/* The length in bytes of the first piece of `text` to synthesise on its own:
 * up to the end of its first sentence (after '.', '!', '?', ';' or ':'
 * followed by white space, or a line break), at most SYNTH_PIECE_MAX bytes,
 * cut after a space (or else between two UTF-8 characters) when longer.
 * 0 only for an empty text. */
size_t synth_piece(const char *text);

/* A text read in the background: a thread synthesises it piece by piece
 * (synth_piece) into a ring of SYNTH_AHEAD_S seconds that the player drains,
 * so that the reading starts at once, memory stays bounded whatever the
 * length of the text, and it stops between two pieces. One reader at a time
 * (flite is not thread-safe): no other voice call while it lives. */
struct synth_reader;

/* Loads the voice and starts reading a copy of `text`. Returns NULL with err
 * set when the voice cannot be loaded or out of memory. */
struct synth_reader *synth_reader_start(const char *text, struct diag *err);

/* The sample rate of the speech, in Hz. */
unsigned synth_reader_rate(const struct synth_reader *r);

/* Player side, real-time safe (no lock, allocation or system call): copies
 * up to n samples of speech into out, returns how many were ready. */
size_t synth_reader_read(struct synth_reader *r, int16_t *out, size_t n);

/* Player side, real-time safe: 1 once every piece was synthesised and read,
 * or the synthesis failed, or the reading was stopped. */
int synth_reader_done(struct synth_reader *r);

/* Asks the reading to stop and returns at once: nothing more is synthesised
 * once the piece under way is done. */
void synth_reader_stop(struct synth_reader *r);

/* Stops the reading, waits for the piece under way (a fraction of a second)
 * and frees `r`; NULL is fine. Returns REH_OK, or the error that ended the
 * synthesis early, in err. */
int synth_reader_free(struct synth_reader *r, struct diag *err);

#endif
