/* speaker: a finished buffer of speech played by an output callback. The
 * callback reads the buffer and advances a position it alone writes; the
 * main thread only starts, polls and aborts the stream. */
#include "speaker.h"
#include "voice.h"

#include <portaudio.h>
#include <string.h>

static struct {
    PaStream *stream;
    struct voice_audio audio;
    size_t position; /* written by the callback only */
} reading;

static int on_output(const void *input, void *output, unsigned long frames,
                     const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags, void *ctx)
{
    (void)input, (void)time, (void)flags, (void)ctx;
    size_t left = reading.audio.n_frames - reading.position, n = frames < left ? frames : left;
    int16_t *out = output;
    memcpy(out, reading.audio.samples + reading.position, n * sizeof *out);
    memset(out + n, 0, (frames - n) * sizeof *out);
    reading.position += n;
    return reading.position < reading.audio.n_frames ? paContinue : paComplete;
}

void speaker_stop(void)
{
    if (reading.stream != NULL) {
        Pa_AbortStream(reading.stream);
        Pa_CloseStream(reading.stream);
        reading.stream = NULL;
    }
    voice_audio_free(&reading.audio);
    reading.position = 0;
}

int speaker_say(const char *text, struct diag *err)
{
    speaker_stop();
    int rc = voice_synth(text, &reading.audio, err);
    if (rc != REH_OK || reading.audio.n_frames == 0)
        return rc;
    PaError pe = Pa_OpenDefaultStream(&reading.stream, 0, 1, paInt16, reading.audio.sample_rate,
                                      paFramesPerBufferUnspecified, on_output, NULL);
    if (pe == paNoError)
        pe = Pa_StartStream(reading.stream);
    if (pe != paNoError) {
        rc = diag_set(err, REH_EIO, "no output device (%s)", Pa_GetErrorText(pe));
        if (reading.stream == NULL)
            voice_audio_free(&reading.audio);
        else
            speaker_stop();
    }
    return rc;
}

int speaker_speaking(void)
{
    return reading.stream != NULL && Pa_IsStreamActive(reading.stream) == 1;
}
