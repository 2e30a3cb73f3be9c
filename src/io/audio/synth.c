/* synth: flite 2.2 with the clustergen voice cmu_us_rms (16 kHz). Of the
 * voices Debian ships (slt, rms, awb, kal16), rms is the one pocketsphinx
 * understands best (11% word errors on interview questions; slt 22%).
 * flite reports a fatal error by calling exit() unless cst_errjmp is set, so
 * every call into it runs under a setjmp that turns the error into REH_EIO. */
#include "synth.h"
#include "../../core/ring.h"

#include <flite/flite.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define READER_IDLE_NS 10000000L /* 10 ms between looks at a full ring */

/* Declared by no header of flite1-dev: each voice library exports its own. */
cst_voice *register_cmu_us_rms(const char *voxdir);

#define VOICE_NAME "cmu_us_rms"

/* The voice, registered once; flite keeps tables of its own beside it. */
static cst_voice *the_voice;

/* Whether `text` has nothing to say (flite would give 0.2 s of silence). */
static int synth_is_blank(const char *text)
{
    for (const char *p = text; *p != '\0'; p++)
        if (strchr(" \t\r\n\v\f", *p) == NULL)
            return 0;
    return 1;
}

/* Loads the voice on first use. */
static int synth_load(struct diag *err)
{
    jmp_buf on_error, *volatile outer = cst_errjmp;
    if (the_voice != NULL)
        return REH_OK;
    cst_errjmp = &on_error;
    if (setjmp(on_error) == 0) {
        flite_init();
        the_voice = register_cmu_us_rms(NULL);
    }
    cst_errjmp = outer;
    if (the_voice == NULL)
        return diag_set(err, REH_EIO,
                        "the speech voice " VOICE_NAME " cannot be loaded: "
                        "apt-get install --reinstall libflite1");
    return REH_OK;
}

/* Runs flite on `text` under a jump buffer; NULL when flite reports an error
 * (what it had allocated for the text is then lost). */
static cst_wave *synth_speak(const char *text)
{
    jmp_buf on_error, *volatile outer = cst_errjmp;
    cst_wave *volatile wave = NULL;
    cst_errjmp = &on_error;
    if (setjmp(on_error) == 0)
        wave = flite_text_to_wave(text, the_voice);
    cst_errjmp = outer;
    return wave;
}

int synth_text(const char *text, struct synth_audio *out, struct diag *err)
{
    cst_wave *wave = NULL;
    int rc = REH_OK;
    *out = (struct synth_audio){0};
    if ((rc = synth_load(err)) != REH_OK)
        return rc;
    out->sample_rate = (unsigned)get_param_int(the_voice->features, "sample_rate", 16000);
    if (synth_is_blank(text))
        return REH_OK;
    wave = synth_speak(text);
    if (wave == NULL || wave->num_channels != 1 || wave->num_samples < 0) {
        rc = diag_set(err, REH_EIO,
                      "the speech synthesiser (flite) failed on a text of %zu bytes; "
                      "show the text instead of speaking it",
                      strlen(text));
        goto done;
    }
    out->sample_rate = (unsigned)wave->sample_rate;
    out->n_frames = (size_t)wave->num_samples;
    if (out->n_frames == 0)
        goto done;
    out->samples = malloc(out->n_frames * sizeof *out->samples);
    if (out->samples == NULL) {
        out->n_frames = 0;
        rc = diag_set(err, REH_ENOMEM, "out of memory for %zu samples of speech",
                      (size_t)wave->num_samples);
        goto done;
    }
    memcpy(out->samples, wave->samples, out->n_frames * sizeof *out->samples);
done:
    if (wave != NULL)
        delete_wave(wave);
    return rc;
}

void synth_audio_free(struct synth_audio *audio)
{
    if (audio == NULL)
        return;
    free(audio->samples);
    audio->samples = NULL;
    audio->n_frames = 0;
}

/* Whether the sentence ends at text[i]. */
static int synth_sentence_end(const char *text, size_t i)
{
    return text[i] == '\n' || (strchr(".!?;:", text[i]) != NULL &&
                               (text[i + 1] == '\0' || strchr(" \t\r\n", text[i + 1]) != NULL));
}

size_t synth_piece(const char *text)
{
    size_t space = 0, i;
    for (i = 0; i < SYNTH_PIECE_MAX && text[i] != '\0'; i++) {
        if (synth_sentence_end(text, i))
            return i + 1;
        if (text[i] == ' ' || text[i] == '\t')
            space = i + 1;
    }
    if (text[i] == '\0')
        return i;
    if (space > 0)
        return space;
    while (i > 1 && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--; /* not inside a character */
    return i;
}

struct synth_reader {
    char *text; /* owned copy */
    unsigned rate;
    struct ring ring;
    pthread_t thread;
    atomic_int stop;     /* main -> thread */
    atomic_int finished; /* thread -> player: nothing more will come */
    char error[DIAG_MAX];
    int failed; /* read after the join */
};

/* Copies all of a piece into the ring as the player makes room for it;
 * returns 0, or -1 when stopped. */
static int synth_reader_put(struct synth_reader *r, const int16_t *samples, size_t n)
{
    while (n > 0) {
        if (atomic_load(&r->stop))
            return -1;
        size_t put = ring_write(&r->ring, samples, n);
        samples += put;
        n -= put;
        if (n > 0)
            nanosleep(&(struct timespec){0, READER_IDLE_NS}, NULL);
    }
    return 0;
}

static void *synth_reader_main(void *arg)
{
    struct synth_reader *r = arg;
    struct diag err;
    char piece[SYNTH_PIECE_MAX + 1];
    for (const char *p = r->text; *p != '\0' && !atomic_load(&r->stop);) {
        size_t len = synth_piece(p);
        struct synth_audio audio;
        memcpy(piece, p, len);
        piece[len] = '\0';
        p += len;
        if (synth_text(piece, &audio, &err) != REH_OK) {
            snprintf(r->error, sizeof r->error, "%s", err.message);
            r->failed = 1;
            break;
        }
        int stopped = synth_reader_put(r, audio.samples, audio.n_frames);
        synth_audio_free(&audio);
        if (stopped)
            break;
    }
    atomic_store(&r->finished, 1);
    return NULL;
}

struct synth_reader *synth_reader_start(const char *text, struct diag *err)
{
    struct synth_reader *r = calloc(1, sizeof *r);
    if (r == NULL || (r->text = strdup(text)) == NULL) {
        diag_set(err, REH_ENOMEM, "out of memory");
        goto fail;
    }
    if (synth_load(err) != REH_OK)
        goto fail;
    r->rate = (unsigned)get_param_int(the_voice->features, "sample_rate", 16000);
    if (ring_init(&r->ring, (size_t)r->rate * SYNTH_AHEAD_S) != 0) {
        diag_set(err, REH_ENOMEM, "out of memory");
        goto fail;
    }
    if (pthread_create(&r->thread, NULL, synth_reader_main, r) != 0) {
        diag_set(err, REH_EIO, "cannot start the speech thread");
        ring_free(&r->ring);
        goto fail;
    }
    return r;
fail:
    if (r != NULL)
        free(r->text);
    free(r);
    return NULL;
}

unsigned synth_reader_rate(const struct synth_reader *r)
{
    return r->rate;
}

size_t synth_reader_read(struct synth_reader *r, int16_t *out, size_t n)
{
    return ring_read(&r->ring, out, n);
}

int synth_reader_done(struct synth_reader *r)
{
    return atomic_load(&r->stop) || (atomic_load(&r->finished) && ring_used(&r->ring) == 0);
}

void synth_reader_stop(struct synth_reader *r)
{
    atomic_store(&r->stop, 1);
}

int synth_reader_free(struct synth_reader *r, struct diag *err)
{
    int rc = REH_OK;
    if (r == NULL)
        return REH_OK;
    synth_reader_stop(r);
    pthread_join(r->thread, NULL);
    if (r->failed)
        rc = diag_set(err, REH_EIO, "%s", r->error);
    ring_free(&r->ring);
    free(r->text);
    free(r);
    return rc;
}
