/* transcription: a queue of written samples to a thread that decodes them,
 * and the thread that loads the recogniser meanwhile. */
#include "transcription.h"
#include "../../core/ring.h"
#include "recognizer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define IDLE_NS    10000000L              /* 10 ms between looks at an empty queue */
#define READ_CHUNK (RECOGNIZER_RATE / 10) /* samples taken from the queue at once */

enum { LOADING, LOADED, LOAD_FAILED };

struct transcription {
    struct recognizer *rec; /* the loader's until it has loaded */
    char *domain_lm;
    struct diag load_err; /* why the recogniser could not be loaded */
    pthread_t loader;
    int loader_runs; /* the loader is to be joined */
    struct ring queue;
    pthread_t thread;
    int started; /* the thread runs: a recording is transcribed */
    /* loader -> all */
    atomic_int load_state; /* LOADING, LOADED or LOAD_FAILED */
    /* writer -> thread */
    atomic_int given_up; /* the queue was full: this recording is not transcribed */
    /* owner -> thread */
    atomic_int finishing;   /* nothing more is pushed */
    _Atomic uint64_t limit; /* samples of the recording to decode at most */
    uint64_t fed;           /* the thread's: samples given to the recogniser */
};

static void *load_main(void *arg)
{
    struct transcription *tr = arg;
    int rc = recognizer_open(&tr->rec, tr->domain_lm, &tr->load_err);
    atomic_store_explicit(&tr->load_state, rc == REH_OK ? LOADED : LOAD_FAILED,
                          memory_order_release);
    return NULL;
}

struct transcription *transcription_open(const char *domain_lm, struct diag *err)
{
    struct transcription *tr = calloc(1, sizeof *tr);
    if (tr == NULL ||
        ring_init(&tr->queue, (size_t)RECOGNIZER_RATE * TRANSCRIPTION_QUEUE_SECONDS) != 0 ||
        (domain_lm != NULL && (tr->domain_lm = strdup(domain_lm)) == NULL)) {
        diag_set(err, REH_ENOMEM, "out of memory");
        transcription_close(tr);
        return NULL;
    }
    atomic_init(&tr->load_state, LOADING);
    tr->loader_runs = pthread_create(&tr->loader, NULL, load_main, tr) == 0;
    if (!tr->loader_runs)
        load_main(tr); /* no thread to spare: loaded here */
    return tr;
}

/* The loader's outcome, once it has one. */
static int wait_for_loader(struct transcription *tr)
{
    int state;
    while ((state = atomic_load_explicit(&tr->load_state, memory_order_acquire)) == LOADING)
        nanosleep(&(struct timespec){0, IDLE_NS}, NULL);
    return state;
}

/* Feeds the queue to the recogniser until it is finished and empty; once
 * the recording is given up, only empties the queue. */
static void *decode_main(void *arg)
{
    struct transcription *tr = arg;
    int16_t buf[READ_CHUNK];
    if (wait_for_loader(tr) == LOADED)
        recognizer_start(tr->rec);
    else
        atomic_store(&tr->given_up, 1);
    for (;;) {
        int finishing = atomic_load(&tr->finishing);
        size_t n = ring_read(&tr->queue, buf, READ_CHUNK);
        /* what lies past the recording's end is read and left out */
        uint64_t limit = atomic_load(&tr->limit);
        size_t keep = tr->fed >= limit ? 0 : limit - tr->fed < n ? (size_t)(limit - tr->fed) : n;
        tr->fed += keep;
        if (keep > 0 && !atomic_load_explicit(&tr->given_up, memory_order_relaxed))
            recognizer_feed(tr->rec, buf, keep);
        else if (n == 0 && finishing)
            break;
        else if (n == 0)
            nanosleep(&(struct timespec){0, IDLE_NS}, NULL);
    }
    return NULL;
}

int transcription_start(struct transcription *tr, struct diag *err)
{
    atomic_store(&tr->given_up, 0);
    atomic_store(&tr->finishing, 0);
    atomic_store(&tr->limit, UINT64_MAX);
    tr->fed = 0;
    if (pthread_create(&tr->thread, NULL, decode_main, tr) != 0)
        return diag_set(err, REH_EIO, "cannot start the transcription thread");
    tr->started = 1;
    return REH_OK;
}

void transcription_push(struct transcription *tr, const int16_t *samples, size_t n)
{
    if (atomic_load_explicit(&tr->given_up, memory_order_relaxed))
        return;
    if (ring_write(&tr->queue, samples, n) < n)
        atomic_store_explicit(&tr->given_up, 1, memory_order_relaxed);
}

void transcription_limit(struct transcription *tr, uint64_t samples)
{
    atomic_store(&tr->limit, samples);
}

size_t transcription_queued(struct transcription *tr)
{
    return ring_used(&tr->queue);
}

int transcription_finish(struct transcription *tr, struct analysis_word **words, size_t *n_words,
                         struct diag *err)
{
    *words = NULL;
    *n_words = 0;
    if (!tr->started)
        return diag_set(err, REH_EIO, "the recording was not transcribed");
    atomic_store(&tr->finishing, 1);
    pthread_join(tr->thread, NULL);
    tr->started = 0;
    if (atomic_load_explicit(&tr->load_state, memory_order_acquire) == LOAD_FAILED)
        return diag_set(err, REH_EIO, "%s", tr->load_err.message);
    int rc = recognizer_finish(tr->rec, words, n_words, err);
    if (rc == REH_OK && atomic_load(&tr->given_up)) {
        analysis_words_free(*words, *n_words);
        *words = NULL;
        *n_words = 0;
        rc = diag_set(err, REH_EIO, "the speech recogniser fell behind the recording");
    }
    return rc;
}

void transcription_close(struct transcription *tr)
{
    struct analysis_word *words;
    size_t n_words;
    struct diag ignored;
    if (tr == NULL)
        return;
    if (tr->started && transcription_finish(tr, &words, &n_words, &ignored) == REH_OK)
        analysis_words_free(words, n_words);
    if (tr->loader_runs)
        pthread_join(tr->loader, NULL);
    recognizer_close(tr->rec);
    ring_free(&tr->queue);
    free(tr->domain_lm);
    free(tr);
}
