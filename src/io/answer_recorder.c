/* answer_recorder: one WAV file per spoken answer, "NN-<question-id>.wav",
 * one per follow-up, "NN-<question-id>-f1.wav", and one per further take,
 * "NN-<question-id>-take2.wav" ("NN-<question-id>-f1-take2.wav").
 *
 * The walk of a spoken answer: the engine starts a take (start: the
 * recorder attaches to the running input stream); the audio callback pushes
 * into the recorder's ring and its writer thread drains the ring into the
 * WAV file; each tick the engine reads the meter for the view and checks
 * the device and the file; the engine stops the take (stop: detached, the
 * ring drained, the file closed, its length and losses written into the
 * answer); the engine's sink saves the transcript into session.json. */
#include "answer_recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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
    sp->rec = sp->api->recorder_open(sp->dirfd, sp->dir, name, sp->rate, err);
    if (sp->rec == NULL) {
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

static int answer_recorder_stop(void *ctx, struct transcript_answer *a, struct diag *err)
{
    struct answer_recorder *sp = ctx;
    struct recorder_stats st;
    if (sp->rec == NULL)
        return REH_OK;
    sp->api->capture_detach(sp->cap);
    int rc = sp->api->recorder_close(sp->rec, &st, err);
    sp->rec = NULL;
    release_space(sp);
    a->audio.frames = st.frames;
    a->audio.duration_s = (double)st.frames / sp->rate;
    a->audio.dropped_frames = st.dropped_frames;
    a->audio.input_overflows = st.input_overflows;
    return rc;
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
        if (rc == REH_OK && (sp->cap = sp->api->capture_start(device, sp->rate, err)) == NULL)
            rc = REH_EIO;
        if (rc != REH_OK)
            sp->api->close();
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
                                    .ctx = sp};
}
