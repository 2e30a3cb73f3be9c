/* speaker: a reading (synth_reader) played by an output callback. The
 * callback only drains the reader's ring; the main thread starts, polls and
 * aborts the stream. A stopped reader's thread may still be finishing its
 * piece: it is kept aside and joined at the next reading or at the end, so
 * that stopping never waits for the synthesiser. */
#include "speaker.h"
#include "synth.h"

#include <portaudio.h>
#include <string.h>

static struct {
    PaStream *stream;
    struct synth_reader *reader;  /* the reading being played */
    struct synth_reader *retired; /* a stopped one, not joined yet */
} reading;

static int on_output(const void *input, void *output, unsigned long frames,
                     const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags, void *ctx)
{
    struct synth_reader *r = ctx;
    int16_t *out = output;
    (void)input, (void)time, (void)flags;
    size_t n = synth_reader_read(r, out, frames);
    memset(out + n, 0, (frames - n) * sizeof *out);
    return synth_reader_done(r) ? paComplete : paContinue;
}

void speaker_stop(void)
{
    struct diag ignored;
    if (reading.stream != NULL) {
        Pa_AbortStream(reading.stream);
        Pa_CloseStream(reading.stream);
        reading.stream = NULL;
    }
    if (reading.reader != NULL) {
        synth_reader_stop(reading.reader);
        synth_reader_free(reading.retired, &ignored); /* stopped long ago */
        reading.retired = reading.reader;
        reading.reader = NULL;
    }
}

void speaker_release(void)
{
    struct diag ignored;
    speaker_stop();
    synth_reader_free(reading.retired, &ignored);
    reading.retired = NULL;
}

int speaker_say(const char *text, struct diag *err)
{
    speaker_release(); /* one synthesiser at a time */
    reading.reader = synth_reader_start(text, err);
    if (reading.reader == NULL)
        return REH_EIO;
    PaError pe =
        Pa_OpenDefaultStream(&reading.stream, 0, 1, paInt16, synth_reader_rate(reading.reader),
                             paFramesPerBufferUnspecified, on_output, reading.reader);
    if (pe == paNoError)
        pe = Pa_StartStream(reading.stream);
    if (pe == paDeviceUnavailable || pe == paInvalidDevice) {
        diag_set(err, REH_EIO, "there is no sound output device");
        speaker_release();
        return REH_EIO;
    }
    if (pe != paNoError) {
        diag_set(err, REH_EIO, "the sound output failed: %s", Pa_GetErrorText(pe));
        speaker_release();
        return REH_EIO;
    }
    return REH_OK;
}

int speaker_speaking(void)
{
    return reading.stream != NULL && Pa_IsStreamActive(reading.stream) == 1;
}
