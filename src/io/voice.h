/* voice: speech synthesis into memory with flite used as a library (Debian's
 * flite1-dev, voice cmu_us_rms): text in, mono 16-bit samples out. Needs no
 * audio device and prints nothing. Owns the flite voice, loaded on first use
 * and kept for the life of the process; not thread-safe. */
#ifndef REHEARSE_VOICE_H
#define REHEARSE_VOICE_H

#include "../core/diag.h"

#include <stddef.h>
#include <stdint.h>

/* Synthesised speech. `samples` is malloc'd and owned by the struct: release
 * it with voice_audio_free. */
struct voice_audio {
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
int voice_synth(const char *text, struct voice_audio *out, struct diag *err);

/* Frees the samples and leaves `*audio` empty; a NULL or empty one is fine. */
void voice_audio_free(struct voice_audio *audio);

#endif
