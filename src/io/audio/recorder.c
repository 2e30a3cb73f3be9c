/* recorder: SPSC ring to a writer thread to libsndfile. */
#include "recorder.h"
#include "../../core/frame_window.h"
#include "../../core/ring.h"
#include "transcription.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <sndfile.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WRITE_BLOCKS 8 /* meter blocks in a write */

struct recorder {
    struct ring ring;
    unsigned sample_rate;
    size_t block; /* samples the meter measures: 50 ms */
    SNDFILE *file;
    struct transcription *live; /* fed each write, or NULL */
    char path[DIAG_MAX / 2];
    pthread_t writer;
    sem_t wake;             /* posted for a sleeping writer, and at the end */
    _Atomic size_t wake_at; /* frames in the ring that wake the writer; 0: awake */

    /* main -> producer */
    atomic_int paused;
    _Atomic uint64_t resumes; /* times it was resumed after a pause */
    _Atomic uint64_t limit;   /* frames to take at most */
    /* producer -> others */
    _Atomic uint64_t taken; /* frames taken: into the ring, or dropped */
    _Atomic uint64_t dropped, overflows;
    /* writer -> others */
    atomic_int running;
    _Atomic uint64_t frames;
    _Atomic int32_t peak_cdb, rms_cdb; /* hundredths of a dB */
    _Atomic uint64_t zero_run;
    atomic_int failed;
    char error[DIAG_MAX]; /* written by the writer before `failed` is set */
};

/* Producer side: posts the writer's semaphore when it sleeps and the ring
 * holds what it waits for. A post is a lock-free count, with a system call
 * (a futex wake, which never blocks) only for a sleeping writer: about
 * twice a second in real time. The fence pairs with the writer's in
 * writer_sleep: of the producer's write and the writer's `wake_at`, each
 * side sees the other's, so no wake-up is lost. */
static void wake_writer(struct recorder *rec)
{
    atomic_thread_fence(memory_order_seq_cst);
    size_t want = atomic_load(&rec->wake_at);
    if (want != 0 && ring_used(&rec->ring) >= want &&
        atomic_compare_exchange_strong(&rec->wake_at, &want, 0))
        sem_post(&rec->wake);
}

void recorder_push(struct recorder *rec, const int16_t *samples, size_t n)
{
    if (atomic_load_explicit(&rec->paused, memory_order_relaxed))
        return;
    uint64_t taken = atomic_load_explicit(&rec->taken, memory_order_relaxed);
    size_t skip,
        keep = frame_window_keep(0, 0, n, taken,
                                 atomic_load_explicit(&rec->limit, memory_order_acquire), &skip);
    size_t written = ring_write(&rec->ring, samples, keep);
    if (written < keep)
        atomic_fetch_add_explicit(&rec->dropped, keep - written, memory_order_relaxed);
    atomic_store_explicit(&rec->taken, taken + keep, memory_order_release);
    if (written == 0)
        return;
    /* The meter shows the latest block taken. */
    const int16_t *end = samples + written;
    size_t tail = written < rec->block ? written : rec->block;
    struct level l = level_measure(end - tail, tail);
    atomic_store_explicit(&rec->peak_cdb, (int32_t)(l.peak_db * 100), memory_order_relaxed);
    atomic_store_explicit(&rec->rms_cdb, (int32_t)(l.rms_db * 100), memory_order_relaxed);
    size_t run = (size_t)atomic_load_explicit(&rec->zero_run, memory_order_relaxed);
    level_track_silence(samples, written, &run);
    atomic_store_explicit(&rec->zero_run, run, memory_order_relaxed);
    wake_writer(rec);
}

void recorder_limit(struct recorder *rec, uint64_t frames)
{
    atomic_store_explicit(&rec->limit, frames, memory_order_release);
    if (rec->live != NULL)
        transcription_limit(rec->live, frames);
}

uint64_t recorder_taken(struct recorder *rec)
{
    return atomic_load_explicit(&rec->taken, memory_order_acquire);
}

void recorder_count_overflow(struct recorder *rec)
{
    if (atomic_load_explicit(&rec->paused, memory_order_relaxed))
        return; /* what is not recorded is not lost */
    atomic_fetch_add_explicit(&rec->overflows, 1, memory_order_relaxed);
}

uint64_t recorder_resumes(struct recorder *rec)
{
    return atomic_load_explicit(&rec->resumes, memory_order_relaxed);
}

void recorder_set_paused(struct recorder *rec, int paused)
{
    if (!paused && atomic_load(&rec->paused))
        atomic_fetch_add(&rec->resumes, 1);
    atomic_store(&rec->paused, paused);
}

/* Writer side: n frames to the file and to the live transcription. */
static int write_block(struct recorder *rec, const int16_t *buf, size_t n, uint64_t *synced)
{
    errno = 0;
    sf_count_t w = sf_write_short(rec->file, buf, (sf_count_t)n);
    if (w != (sf_count_t)n) {
        int system_error = errno;
        if (w > 0) /* on disk: counted like the rest */
            atomic_fetch_add_explicit(&rec->frames, (uint64_t)w, memory_order_release);
        snprintf(rec->error, sizeof rec->error, "cannot write %s: %s", rec->path,
                 system_error ? strerror(system_error) : sf_strerror(rec->file));
        atomic_store(&rec->failed, 1);
        return REH_EIO;
    }
    if (rec->live != NULL)
        transcription_push(rec->live, buf, n);
    uint64_t frames = atomic_load_explicit(&rec->frames, memory_order_relaxed) + n;
    atomic_store_explicit(&rec->frames, frames, memory_order_release);
    /* Keep the header at most half a second behind the data: with writes
     * of 0.4 s, a crash leaves under a second of audio after what the
     * header counts. */
    if (frames - *synced >= rec->sample_rate / 2) {
        sf_command(rec->file, SFC_UPDATE_HEADER_NOW, NULL, 0);
        *synced = frames;
    }
    return REH_OK;
}

/* Writer side: sleeps until the ring holds `want` frames or the recording
 * stops, unless it already does. */
static void writer_sleep(struct recorder *rec, size_t want)
{
    atomic_store(&rec->wake_at, want);
    atomic_thread_fence(memory_order_seq_cst);
    if (ring_used(&rec->ring) < want && atomic_load(&rec->running))
        sem_wait(&rec->wake);
    else if (atomic_exchange(&rec->wake_at, 0) == 0)
        sem_wait(&rec->wake); /* the producer took it: its post is on the way */
}

/* Drains the ring in writes of WRITE_BLOCKS meter blocks (0.4 s), so that
 * the writer wakes about twice a second in real time and a backlog costs
 * few system calls: it sleeps until the ring holds a write's worth (after
 * the first frames, written as they come) or the recording stops. */
static void *writer_main(void *arg)
{
    struct recorder *rec = arg;
    size_t cap = rec->block * WRITE_BLOCKS;
    int16_t *buf = malloc(cap * sizeof *buf);
    uint64_t synced = 0; /* frames the header counts */
    int wrote_any = 0;   /* frames were written */
    if (buf == NULL) {
        snprintf(rec->error, sizeof rec->error, "out of memory while recording %s", rec->path);
        atomic_store(&rec->failed, 1);
        return NULL;
    }
    for (;;) {
        int running = atomic_load(&rec->running);
        size_t ready = ring_used(&rec->ring);
        if (ready == 0 && !running)
            break; /* stopped and drained */
        /* the first frames go to the file at once, the rest by full writes */
        size_t want = wrote_any ? cap : 1;
        if (ready < want && running) {
            writer_sleep(rec, want);
            continue;
        }
        wrote_any = 1;
        size_t n = ring_read(&rec->ring, buf, ready < cap ? ready : cap);
        /* after a failure, keep draining so the producer never sees a full
         * ring; what lies past the limit is cut from the file at the end */
        if (!atomic_load(&rec->failed))
            write_block(rec, buf, n, &synced);
    }
    free(buf);
    return NULL;
}

struct recorder *recorder_open(int dirfd, const char *dir, const char *name, unsigned sample_rate,
                               struct transcription *live, struct diag *err)
{
    struct recorder *rec = calloc(1, sizeof *rec);
    SF_INFO info = {
        .samplerate = (int)sample_rate, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
    int fd = -1;
    if (rec == NULL || ring_init(&rec->ring, (size_t)sample_rate * RECORDER_RING_SECONDS) != 0) {
        diag_set(err, REH_ENOMEM, "out of memory");
        goto fail;
    }
    rec->sample_rate = sample_rate;
    rec->live = live;
    rec->block = sample_rate / 20 ? sample_rate / 20 : 1;
    atomic_init(&rec->limit, UINT64_MAX);
    snprintf(rec->path, sizeof rec->path, "%s/%s", dir, name);
    fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        diag_set(err, REH_EIO, "cannot create %s: %s", rec->path, strerror(errno));
        goto fail;
    }
    rec->file = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
    if (rec->file == NULL) {
        diag_set(err, REH_EIO, "cannot write %s: %s", rec->path, sf_strerror(NULL));
        close(fd);
        goto fail;
    }
    atomic_store(&rec->running, 1);
    int sem = sem_init(&rec->wake, 0, 0) == 0;
    if (!sem || pthread_create(&rec->writer, NULL, writer_main, rec) != 0) {
        diag_set(err, REH_EIO, "cannot start the recording thread");
        if (sem)
            sem_destroy(&rec->wake);
        sf_close(rec->file);
        goto fail;
    }
    return rec;
fail:
    if (rec != NULL)
        ring_free(&rec->ring);
    free(rec);
    return NULL;
}

void recorder_stats(struct recorder *rec, struct recorder_stats *out)
{
    out->frames = atomic_load_explicit(&rec->frames, memory_order_acquire);
    out->dropped_frames = atomic_load_explicit(&rec->dropped, memory_order_relaxed);
    out->input_overflows = atomic_load_explicit(&rec->overflows, memory_order_relaxed);
    out->level.peak_db = atomic_load_explicit(&rec->peak_cdb, memory_order_relaxed) / 100.0;
    out->level.rms_db = atomic_load_explicit(&rec->rms_cdb, memory_order_relaxed) / 100.0;
    out->silence_s =
        (double)atomic_load_explicit(&rec->zero_run, memory_order_relaxed) / rec->sample_rate;
    out->failed = atomic_load(&rec->failed);
}

int recorder_check(struct recorder *rec, struct diag *err)
{
    if (!atomic_load(&rec->failed)) /* acquire: the message was written before */
        return REH_OK;
    return diag_set(err, REH_EIO, "%s", rec->error);
}

int recorder_close(struct recorder *rec, struct recorder_stats *out, struct diag *err)
{
    int rc = REH_OK;
    atomic_store(&rec->running, 0);
    sem_post(&rec->wake);
    pthread_join(rec->writer, NULL);
    sem_destroy(&rec->wake);
    /* Frames taken before the limit was set may lie past it (the end came
     * while they were on their way): the file loses them. */
    sf_count_t limit = (sf_count_t)atomic_load(&rec->limit);
    if ((uint64_t)limit < atomic_load(&rec->frames) && !atomic_load(&rec->failed) &&
        sf_command(rec->file, SFC_FILE_TRUNCATE, &limit, sizeof limit) == 0)
        atomic_store(&rec->frames, (uint64_t)limit);
    recorder_stats(rec, out);
    if (out->failed)
        rc = diag_set(err, REH_EIO, "%s", rec->error);
    if (sf_close(rec->file) != 0 && rc == REH_OK)
        rc = diag_set(err, REH_EIO, "cannot finish %s", rec->path);
    ring_free(&rec->ring);
    free(rec);
    return rc;
}
