/* sound: PortAudio streams; the input callback is real-time safe: it calls
 * only recorder_push and recorder_count_overflow, and copies its samples
 * into the monitor ring that the level meter of the microphone check reads.
 * A recording starts with the frame captured when it was attached, told
 * from the capture time PortAudio gives each block (the frames before the
 * block come out of the monitor ring), and ends after the number of frames
 * its length makes, waiting for the block that holds the last. */
#include "sound.h"
#include "../../core/frame_window.h"
#include "speaker.h"

#include <alsa/asoundlib.h>
#include <fcntl.h>
#include <jack/jack.h>
#include <jansson.h>
#include <portaudio.h>
#include <sndfile.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#define WARM_UP_S 3.0
#define STALL_S   1.0 /* no callback for this long: the process stood still */
/* The longest a recording's end waits for the block that holds it: the
 * host buffer and a sound server's own, with room to spare. */
#define END_WAIT_S 1.0
/* The monitor ring: a second at 16 kHz, a power of two; a peek takes at most
 * a quarter of it, well away from where the callback writes next. */
#define MONITOR_SIZE 16384
#define MONITOR_PEEK (MONITOR_SIZE / 4)

struct sound_capture {
    PaStream *stream;
    _Atomic(struct recorder *) current; /* NULL: samples are discarded */
    atomic_int busy;                    /* the callback is using `current` */
    atomic_int started;                 /* a callback has run */
    /* the callback's own: the recorder's resumes it has seen, the stream
     * time of the last one (or of the end of a stall), and of its last call */
    struct recorder *seen; /* the recorder those resumes are of */
    uint64_t resumes;
    PaTime resumed_at, last_call;
    /* main -> callback, before `current` is stored: when the recorder was
     * attached (stream time, 0 when unknown) and the frames captured by then */
    PaTime attached_at;
    uint64_t attached_frame;
    /* the callback's: the recorder whose first frame is placed, that frame */
    struct recorder *placed;
    uint64_t from;
    unsigned rate;
    uint64_t latency_frames; /* the input's latency, as PortAudio gives it */
    const char *device;      /* its name, owned by PortAudio */
    int16_t monitor[MONITOR_SIZE];
    _Atomic uint64_t monitored; /* samples written into monitor, ever */
    uint64_t peeked;            /* the reader's: up to where it has read */
};

static void alsa_quiet(const char *file, int line, const char *function, int err, const char *fmt,
                       ...)
{
    (void)file, (void)line, (void)function, (void)err, (void)fmt;
}

static void jack_quiet(const char *message)
{
    (void)message;
}

int sound_open(struct diag *err)
{
    snd_lib_error_set_handler(alsa_quiet);
    jack_set_error_function(jack_quiet);
    jack_set_info_function(jack_quiet);
    /* Back ends probe devices at start-up and some print to stderr
     * regardless: hide it for the duration of the call. */
    fflush(stderr);
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    PaError pe = Pa_Initialize();
    if (saved >= 0) {
        dup2(saved, STDERR_FILENO);
        close(saved);
    }
    if (null >= 0)
        close(null);
    if (pe != paNoError)
        return diag_set(err, REH_EIO, "cannot start the audio system: %s", Pa_GetErrorText(pe));
    return REH_OK;
}

void sound_close(void)
{
    speaker_release();
    Pa_Terminate();
}

int sound_list_devices(FILE *out, int json, struct diag *err)
{
    int n = Pa_GetDeviceCount();
    if (n < 0)
        return diag_set(err, REH_EIO, "cannot list audio devices: %s", Pa_GetErrorText(n));
    json_t *array = json_array();
    if (!json)
        fprintf(out, "%-5s %-8s %-5s %-6s %-8s %s\n", "INDEX", "DEFAULT", "IN", "OUT", "RATE",
                "NAME (HOST API)");
    for (int i = 0; i < n; i++) {
        const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
        const PaHostApiInfo *api = Pa_GetHostApiInfo(d->hostApi);
        int in = i == Pa_GetDefaultInputDevice(), out_default = i == Pa_GetDefaultOutputDevice();
        const char *def = in && out_default ? "in+out" : in ? "input" : out_default ? "output" : "";
        if (json)
            json_array_append_new(
                array,
                json_pack("{s:i, s:s, s:s, s:i, s:i, s:f, s:b, s:b}", "index", i, "name", d->name,
                          "host_api", api ? api->name : "", "input_channels", d->maxInputChannels,
                          "output_channels", d->maxOutputChannels, "default_sample_rate",
                          d->defaultSampleRate, "default_input", i == Pa_GetDefaultInputDevice(),
                          "default_output", i == Pa_GetDefaultOutputDevice()));
        else
            fprintf(out, "%-5d %-8s %-5d %-6d %-8.0f %s (%s)\n", i, def, d->maxInputChannels,
                    d->maxOutputChannels, d->defaultSampleRate, d->name, api ? api->name : "?");
    }
    if (json) {
        json_dumpf(array, out, JSON_INDENT(2));
        fputc('\n', out);
    } else if (n == 0) {
        fprintf(out, "No audio devices found.\n");
    }
    json_decref(array);
    return REH_OK;
}

int sound_find_input(const char *spec, int *device, struct diag *err)
{
    int n = Pa_GetDeviceCount();
    if (spec == NULL) {
        *device = Pa_GetDefaultInputDevice();
        if (*device == paNoDevice)
            return diag_set(err, REH_EIO, "no microphone found (no default input device)");
        return REH_OK;
    }
    char *end;
    long index = strtol(spec, &end, 10);
    if (*spec != '\0' && *end == '\0') {
        if (index < 0 || index >= n || Pa_GetDeviceInfo((int)index)->maxInputChannels < 1)
            return diag_set(err, REH_EDATA,
                            "--device %s: no input device has that index; `rehearse devices` "
                            "lists them",
                            spec);
        *device = (int)index;
        return REH_OK;
    }
    for (int i = 0; i < n; i++) {
        const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
        if (d->maxInputChannels > 0 && strstr(d->name, spec) != NULL) {
            *device = i;
            return REH_OK;
        }
    }
    return diag_set(err, REH_EDATA,
                    "--device %s: no input device has that name; `rehearse devices` lists them",
                    spec);
}

/* Real-time safe: the latest samples into the monitor ring, then published. */
static void monitor_push(struct sound_capture *cap, const int16_t *samples, unsigned long frames)
{
    uint64_t at = atomic_load_explicit(&cap->monitored, memory_order_relaxed);
    if (frames > MONITOR_SIZE) {
        at += frames - MONITOR_SIZE;
        samples += frames - MONITOR_SIZE;
        frames = MONITOR_SIZE;
    }
    size_t start = at & (MONITOR_SIZE - 1), first = MONITOR_SIZE - start;
    if (first > frames)
        first = frames;
    memcpy(cap->monitor + start, samples, first * sizeof *samples);
    memcpy(cap->monitor, samples + first, (frames - first) * sizeof *samples);
    atomic_store_explicit(&cap->monitored, at + frames, memory_order_release);
}

/* The stream time at which the block's first frame was captured: the ADC
 * time PortAudio gives, else the time of the call less the block (some host
 * APIs give no ADC time), else 0: unknown. */
static PaTime block_time(const struct sound_capture *cap, const PaStreamCallbackTimeInfo *time,
                         unsigned long frames)
{
    if (time->inputBufferAdcTime > 0)
        return time->inputBufferAdcTime;
    if (time->currentTime > 0)
        return time->currentTime - (double)frames / cap->rate;
    return 0;
}

/* Real-time safe: pushes into `rec` the frames of the block (its first frame
 * number `first`, captured at `at`) that belong to its recording. On the
 * first block given to a recorder, its first frame is placed: the one
 * captured when it was attached, counted from the attachment when the
 * stream gives no times; the frames of it that came in a block delivered
 * while it was attached are taken out of the monitor ring. */
static void push_recorded(struct sound_capture *cap, struct recorder *rec, const int16_t *input,
                          unsigned long frames, PaTime at, uint64_t first)
{
    if (rec != cap->placed) {
        cap->placed = rec;
        cap->from = at > 0 && cap->attached_at > 0
                        ? frame_window_first(first, at, cap->rate, cap->attached_at)
                        : cap->attached_frame;
        /* The frames delivered by the time of attaching end about then:
         * within the input's latency (while a sound server starts, its
         * times can be off by more). The stream's times, not this count,
         * place the frame: a server's delay figures can lag a period behind
         * the delivery, on input and output alike. */
        uint64_t most = cap->latency_frames, near = cap->attached_frame;
        if (cap->from + most < near)
            cap->from = near - most;
        if (cap->from > near + most)
            cap->from = near + most;
        uint64_t oldest = first + frames > MONITOR_SIZE ? first + frames - MONITOR_SIZE : 0;
        if (cap->from < oldest)
            cap->from = oldest;
        for (uint64_t i = cap->from; i < first;) { /* at most two pieces of the ring */
            size_t at_ring = i & (MONITOR_SIZE - 1), n = MONITOR_SIZE - at_ring;
            if (n > first - i)
                n = (size_t)(first - i);
            recorder_push(rec, cap->monitor + at_ring, n);
            i += n;
        }
    }
    size_t skip, keep = frame_window_keep(cap->from, first, frames, 0, UINT64_MAX, &skip);
    recorder_push(rec, input + skip, keep);
}

/* The real-time callback: atomics, the monitor ring and recorder_push only. `busy` brackets
 * the use of `current`, so that detaching can wait for it (Dekker-style, with
 * sequentially consistent operations on both sides). */
static int on_input(const void *input, void *output, unsigned long frames,
                    const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags, void *user)
{
    struct sound_capture *cap = user;
    (void)output;
    atomic_store(&cap->busy, 1);
    struct recorder *rec = atomic_load(&cap->current);
    /* A SIGSTOP stops this thread too, unannounced: the backlog found after
     * it is left out as after a resume. */
    if (cap->last_call > 0 && time->currentTime - cap->last_call > STALL_S)
        cap->resumed_at = time->currentTime;
    cap->last_call = time->currentTime;
    uint64_t first = atomic_load_explicit(&cap->monitored, memory_order_relaxed);
    if (input != NULL)
        monitor_push(cap, input, frames);
    if (rec != NULL) {
        uint64_t resumes = recorder_resumes(rec);
        if (rec == cap->seen && resumes != cap->resumes)
            cap->resumed_at = time->currentTime;
        cap->seen = rec;
        cap->resumes = resumes;
        /* Captured before the last resume (as the backlog that a process
         * stopped by Ctrl-Z finds when continued): not part of the
         * recording, and not lost either. */
        if (time->inputBufferAdcTime > 0 && time->inputBufferAdcTime < cap->resumed_at)
            rec = NULL;
    }
    if (rec != NULL) {
        if (flags & paInputOverflow)
            recorder_count_overflow(rec);
        if (input != NULL)
            push_recorded(cap, rec, input, frames, block_time(cap, time, frames), first);
    }
    atomic_store(&cap->busy, 0);
    atomic_store_explicit(&cap->started, 1, memory_order_relaxed);
    return paContinue;
}

struct sound_capture *sound_capture_start(int device, unsigned rate, struct diag *err)
{
    struct sound_capture *cap = calloc(1, sizeof *cap);
    const PaDeviceInfo *info = Pa_GetDeviceInfo(device);
    PaError pe;
    if (cap == NULL) {
        diag_set(err, REH_ENOMEM, "out of memory");
        return NULL;
    }
    PaStreamParameters in = {
        .device = device,
        .channelCount = 1,
        .sampleFormat = paInt16,
        /* A recording needs no low latency: larger periods wake the audio
         * thread less often (a third less CPU through PulseAudio); where a
         * recording starts and ends does not depend on them (capture times
         * tell). */
        .suggestedLatency = info ? info->defaultHighInputLatency : 0.05,
    };
    cap->rate = rate;
    pe = Pa_OpenStream(&cap->stream, &in, NULL, rate, paFramesPerBufferUnspecified, paClipOff,
                       on_input, cap);
    if (pe == paNoError)
        pe = Pa_StartStream(cap->stream);
    if (pe != paNoError) {
        diag_set(err, REH_EIO, "cannot record from %s: %s", info ? info->name : "the microphone",
                 Pa_GetErrorText(pe));
        if (cap->stream != NULL)
            Pa_CloseStream(cap->stream);
        free(cap);
        return NULL;
    }
    cap->device = info ? info->name : "the microphone";
    const PaStreamInfo *stream_info = Pa_GetStreamInfo(cap->stream);
    cap->latency_frames = (uint64_t)((stream_info ? stream_info->inputLatency : 0.05) * rate);
    for (int waited = 0; !atomic_load(&cap->started) && waited < WARM_UP_S * 100; waited++)
        nanosleep(&(struct timespec){0, 10000000L}, NULL);
    return cap;
}

void sound_capture_attach(struct sound_capture *cap, struct recorder *rec)
{
    cap->attached_at = Pa_GetStreamTime(cap->stream);
    cap->attached_frame = atomic_load(&cap->monitored);
    atomic_store(&cap->current, rec);
}

void sound_capture_detach(struct sound_capture *cap, uint64_t frames)
{
    struct recorder *rec = atomic_load(&cap->current);
    if (rec != NULL && frames != SOUND_ALL_FRAMES) {
        recorder_limit(rec, frames);
        /* waits for the block that holds the last frame, unless the stream
         * stopped; 2 ms steps, a tenth of the shortest host buffer */
        for (int waited = 0; recorder_taken(rec) < frames && waited < END_WAIT_S * 500 &&
                             Pa_IsStreamActive(cap->stream) == 1;
             waited++)
            nanosleep(&(struct timespec){0, 2000000L}, NULL);
    }
    atomic_store(&cap->current, NULL);
    while (atomic_load(&cap->busy))
        nanosleep(&(struct timespec){0, 100000L}, NULL);
    cap->placed = NULL; /* the next recorder may be given the same address */
}

size_t sound_capture_peek(struct sound_capture *cap, int16_t *out, size_t max, uint64_t *total)
{
    uint64_t end = atomic_load_explicit(&cap->monitored, memory_order_acquire);
    uint64_t start = cap->peeked;
    if (max > MONITOR_PEEK)
        max = MONITOR_PEEK;
    if (end - start > max)
        start = end - max;
    for (uint64_t i = start; i < end; i++)
        out[i - start] = cap->monitor[i & (MONITOR_SIZE - 1)];
    cap->peeked = end;
    *total = end;
    return (size_t)(end - start);
}

const char *sound_capture_device(const struct sound_capture *cap)
{
    return cap->device;
}

int sound_capture_check(struct sound_capture *cap, struct diag *err)
{
    PaError active = Pa_IsStreamActive(cap->stream);
    if (active == 1)
        return REH_OK;
    return diag_set(err, REH_EIO, "the microphone stopped: %s",
                    active < 0 ? Pa_GetErrorText(active) : "the stream ended");
}

int sound_capture_stop(struct sound_capture *cap, struct diag *err)
{
    int rc = REH_OK;
    PaError pe = Pa_StopStream(cap->stream);
    if (pe != paNoError && pe != paStreamIsStopped)
        rc = diag_set(err, REH_EIO, "cannot stop the recording: %s", Pa_GetErrorText(pe));
    Pa_CloseStream(cap->stream);
    free(cap);
    return rc;
}

int sound_play_file(const char *path, sound_play_control control, void *ctx, struct diag *err)
{
    SF_INFO info = {0};
    SNDFILE *file = sf_open(path, SFM_READ, &info);
    PaStream *stream = NULL;
    int rc = REH_OK, paused = 0;
    short buf[4096];
    if (file == NULL)
        return diag_set(err, REH_EIO, "cannot read %s: %s", path, sf_strerror(NULL));
    if (info.channels != 1 || info.samplerate <= 0) {
        rc = diag_set(err, REH_EIO, "%s: not a mono recording", path);
        goto done;
    }
    PaError pe = Pa_OpenDefaultStream(&stream, 0, 1, paInt16, info.samplerate,
                                      paFramesPerBufferUnspecified, NULL, NULL);
    if (pe == paNoError)
        pe = Pa_StartStream(stream);
    if (pe != paNoError) {
        rc = diag_set(err, REH_EIO, "cannot play through the default output: %s",
                      Pa_GetErrorText(pe));
        goto done;
    }
    sf_count_t chunk = info.samplerate / 10, played = 0;
    if (chunk > (sf_count_t)(sizeof buf / sizeof buf[0]))
        chunk = sizeof buf / sizeof buf[0];
    double length = (double)info.frames / info.samplerate;
    for (;;) {
        enum sound_play_action action =
            control(ctx, (double)played / info.samplerate, length, paused);
        if (action == PLAY_NEXT || action == PLAY_QUIT) {
            rc = action == PLAY_QUIT ? SOUND_QUIT : REH_OK;
            break;
        }
        if (action == PLAY_SEEK_BACK || action == PLAY_SEEK_FORWARD) {
            sf_count_t step = (sf_count_t)(SOUND_SEEK_S * info.samplerate);
            sf_count_t to = played + (action == PLAY_SEEK_BACK ? -step : step);
            to = to < 0 ? 0 : to > info.frames ? info.frames : to;
            if (sf_seek(file, to, SEEK_SET) >= 0)
                played = to;
        }
        if (action == PLAY_TOGGLE_PAUSE) {
            paused = !paused;
            pe = paused ? Pa_StopStream(stream) : Pa_StartStream(stream);
        }
        if (paused) {
            nanosleep(&(struct timespec){0, 100000000L}, NULL);
            continue;
        }
        sf_count_t n = sf_readf_short(file, buf, chunk);
        if (n <= 0)
            break;
        pe = Pa_WriteStream(stream, buf, (unsigned long)n);
        if (pe != paNoError && pe != paOutputUnderflowed) {
            rc = diag_set(err, REH_EIO, "playback failed: %s", Pa_GetErrorText(pe));
            break;
        }
        played += n;
    }
done:
    if (stream != NULL) {
        if (rc == REH_OK && !paused)
            Pa_StopStream(stream); /* lets the last buffers play out */
        Pa_CloseStream(stream);
    }
    sf_close(file);
    return rc;
}
