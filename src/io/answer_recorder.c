/* answer_recorder: one WAV file per spoken answer, "NN-<question-id>.wav",
 * one per follow-up, "NN-<question-id>-f1.wav", and one per further take,
 * "NN-<question-id>-take2.wav" ("NN-<question-id>-f1-take2.wav").
 *
 * The walk of a spoken answer: the engine starts a take (start: the
 * recorder attaches to the running input stream); the audio callback pushes
 * into the recorder's ring and its writer thread drains the ring into the
 * WAV file and hands each block it wrote to the live transcription's queue,
 * whose thread feeds the recogniser (an utterance per stretch of voice); each tick the
 * engine reads the meter for the view and checks the device and the file;
 * the engine stops the take (stop: detached, the ring drained, the file
 * closed, its length and losses written into the answer, the rest of the
 * queue decoded and the last stretch ended, the words analyzed with the file's
 * samples and stored on the answer as its text and analysis); the engine
 * measures the key terms named and its sink saves the transcript into
 * session.json. A take whose transcription fell behind is told to the
 * user and analyzed from its file after the interview. */
#include "answer_recorder.h"
#include "../core/frame_window.h"
#include "config.h"
#include "recording.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Space kept free while recording, so that a disk the recording fills up
 * still takes the session's last save (session.json and transcript.md, each
 * written beside the old one): released as soon as a write fails. */
#define RESERVE_NAME  ".recording-reserve"
#define RESERVE_SLACK (64 * 1024)

/* The size of a file of the session directory, 0 when it has none. */
static off_t file_size(int dirfd, const char *name)
{
    struct stat st;
    return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_size : 0;
}

static int reserve_space(struct answer_recorder *sp, struct diag *err)
{
    off_t size = RESERVE_SLACK +
                 2 * (file_size(sp->dirfd, "session.json") + file_size(sp->dirfd, "transcript.md"));
    int fd = openat(sp->dirfd, RESERVE_NAME, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                    0600);
    int e = fd < 0 ? errno : posix_fallocate(fd, 0, size);
    if (fd >= 0)
        close(fd);
    if (e == 0)
        return REH_OK;
    unlinkat(sp->dirfd, RESERVE_NAME, 0);
    return diag_set(err, REH_EIO, "cannot record in %s: %s", sp->dir, strerror(e));
}

static void release_space(struct answer_recorder *sp)
{
    unlinkat(sp->dirfd, RESERVE_NAME, 0);
}

/* Starts the live transcription of the take about to be recorded. */
static void start_transcription(struct answer_recorder *sp)
{
    struct diag e;
    sp->untranscribed[0] = '\0';
    sp->transcribing = 0;
    if (sp->live == NULL)
        return;
    if (sp->api->transcription_start(sp->live, &e) == REH_OK)
        sp->transcribing = 1;
    else
        snprintf(sp->untranscribed, sizeof sp->untranscribed, "%s", e.message);
}

/* Ends the live transcription of the take just recorded and, given `a`,
 * stores its words on it with the analysis of the file's samples; what
 * fails is kept in sp->untranscribed. */
static void finish_transcription(struct answer_recorder *sp, struct transcript_answer *a)
{
    char path[PATH_MAX + 160];
    struct analysis_word *words = NULL;
    size_t n_words = 0, n = 0;
    int16_t *samples = NULL;
    unsigned rate;
    struct diag e;
    if (!sp->transcribing)
        return;
    sp->transcribing = 0;
    if (sp->api->transcription_finish(sp->live, &words, &n_words, &e) != REH_OK || a == NULL)
        goto done;
    if (recording_path(sp->dir, a->audio.file, path, sizeof path, &e) != REH_OK ||
        sp->api->read_wav(path, &samples, &n, &rate, &e) != REH_OK)
        goto done;
    if (answer_analysis_store(a, samples, n, rate, words, n_words, sp->fillers) != REH_OK)
        diag_set(&e, REH_ENOMEM, "out of memory");
    else
        e.message[0] = '\0';
done:
    if (a != NULL)
        snprintf(sp->untranscribed, sizeof sp->untranscribed, "%s", e.message);
    analysis_words_free(words, n_words);
    free(samples);
}

static int answer_recorder_start(void *ctx, struct transcript_answer *a, struct diag *err)
{
    struct answer_recorder *sp = ctx;
    char name[128], follow_up[16] = "";
    if (sp->unavailable[0] != '\0')
        return diag_set(err, REH_EIO, "%s", sp->unavailable);
    if (a->follow_up > 0)
        snprintf(follow_up, sizeof follow_up, "-f%u", a->follow_up);
    if (a->n_takes == 0)
        snprintf(name, sizeof name, "%02u-%s%s.wav", a->n, a->question_id, follow_up);
    else
        snprintf(name, sizeof name, "%02u-%s%s-take%zu.wav", a->n, a->question_id, follow_up,
                 a->n_takes + 1);
    if (transcript_set(&a->audio.file, name) != REH_OK)
        return diag_set(err, REH_ENOMEM, "out of memory");
    if (sp->api->capture_check(sp->cap, err) != REH_OK || reserve_space(sp, err) != REH_OK)
        goto failed;
    transcript_set_analysis(a, NULL); /* an earlier take's */
    if (a->text_len == 0)
        a->machine_text = 0;
    start_transcription(sp);
    sp->rec = sp->api->recorder_open(sp->dirfd, sp->dir, name, sp->rate,
                                     sp->transcribing ? sp->live : NULL, err);
    if (sp->rec == NULL) {
        finish_transcription(sp, NULL);
        release_space(sp);
        goto failed;
    }
    sp->api->capture_attach(sp->cap, sp->rec);
    a->audio.sample_rate = sp->rate;
    return REH_OK;
failed: /* nothing recorded: no file named */
    transcript_set(&a->audio.file, NULL);
    return REH_EIO;
}

static void answer_recorder_pause(void *ctx, int paused)
{
    struct answer_recorder *sp = ctx;
    if (sp->rec != NULL)
        sp->api->recorder_set_paused(sp->rec, paused);
}

static int answer_recorder_check(void *ctx, struct diag *err)
{
    struct answer_recorder *sp = ctx;
    return sp->api->capture_check(sp->cap, err);
}

static int answer_recorder_written(void *ctx, struct diag *err)
{
    struct answer_recorder *sp = ctx;
    if (sp->rec == NULL || sp->api->recorder_check(sp->rec, err) == REH_OK)
        return REH_OK;
    release_space(sp); /* for the save that follows */
    return REH_EIO;
}

static int answer_recorder_stop(void *ctx, struct transcript_answer *a, double length_s,
                                struct diag *err)
{
    struct answer_recorder *sp = ctx;
    struct recorder_stats st;
    if (sp->rec == NULL)
        return REH_OK;
    sp->api->capture_detach(sp->cap, length_s < 0 ? SOUND_ALL_FRAMES
                                                  : frame_window_frames(length_s, sp->rate));
    int rc = sp->api->recorder_close(sp->rec, &st, err);
    sp->rec = NULL;
    release_space(sp);
    a->audio.frames = st.frames;
    a->audio.duration_s = (double)st.frames / sp->rate;
    a->audio.dropped_frames = st.dropped_frames;
    a->audio.input_overflows = st.input_overflows;
    finish_transcription(sp, a);
    return rc;
}

static const char *answer_recorder_untranscribed(void *ctx)
{
    struct answer_recorder *sp = ctx;
    return sp->untranscribed[0] != '\0' ? sp->untranscribed : NULL;
}

/* Starts loading the recogniser when the settings name no external
 * transcriber; when it cannot be loaded, each take says so and every answer
 * is transcribed after the interview. */
static void open_transcription(struct answer_recorder *sp)
{
    struct config cfg;
    struct diag e;
    int own = config_load(&cfg, &e) == REH_OK && cfg.transcriber == NULL;
    config_free(&cfg);
    if (!own)
        return;
    answer_analysis_fillers(sp->filler_text, sp->fillers, &e);
    sp->live = sp->api->transcription_open(sp->domain_lm, &e);
}

int answer_recorder_open(struct answer_recorder *sp, int needed, const char *device_spec,
                         struct diag *err)
{
    int device;
    if (!needed)
        return REH_OK;
    sp->api = audio_api_load(err);
    int rc = sp->api != NULL ? sp->api->open(err) : REH_EIO;
    if (rc == REH_OK) {
        rc = sp->api->find_input(device_spec, &device, err);
        if (rc == REH_OK)
            open_transcription(sp); /* loads while the stream warms up */
        if (rc == REH_OK && (sp->cap = sp->api->capture_start(device, sp->rate, err)) == NULL)
            rc = REH_EIO;
        if (rc != REH_OK) {
            sp->api->transcription_close(sp->live);
            sp->live = NULL;
            sp->api->close();
        }
    }
    if (rc == REH_EDATA)
        return rc;
    if (rc != REH_OK)
        snprintf(sp->unavailable, sizeof sp->unavailable, "%s", err->message);
    return REH_OK;
}

void answer_recorder_close(struct answer_recorder *sp)
{
    struct diag ignored;
    if (sp->cap == NULL)
        return;
    sp->api->capture_stop(sp->cap, &ignored);
    sp->cap = NULL;
    sp->api->transcription_close(sp->live);
    sp->live = NULL;
    sp->api->close();
}

static struct engine_meter answer_recorder_meter(void *ctx)
{
    struct answer_recorder *sp = ctx;
    struct recorder_stats st;
    sp->api->recorder_stats(sp->rec, &st);
    return (struct engine_meter){.level = st.level, .silence_s = st.silence_s};
}

struct engine_recorder answer_recorder_ops(struct answer_recorder *sp)
{
    return (struct engine_recorder){.start = answer_recorder_start,
                                    .pause = answer_recorder_pause,
                                    .check = answer_recorder_check,
                                    .written = answer_recorder_written,
                                    .stop = answer_recorder_stop,
                                    .meter = answer_recorder_meter,
                                    .untranscribed = answer_recorder_untranscribed,
                                    .lexicon = sp->api != NULL ? sp->api->phones : NULL,
                                    .ctx = sp};
}
