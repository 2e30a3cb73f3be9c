/* recognizer: pocketsphinx 5prealpha: one utterance per recording, decoded
 * as a stream, word segments at 100 frames a second. */
#include "recognizer.h"

#include <cmn.h>
#include <fe.h>
#include <feat.h>
#include <pocketsphinx.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef REHEARSE_PS_MODELDIR
#error "REHEARSE_PS_MODELDIR must be defined by the build"
#endif

#define MODEL REHEARSE_PS_MODELDIR "/en-us/en-us"
#define LM    REHEARSE_PS_MODELDIR "/en-us/en-us.lm.bin"
#define DICT  REHEARSE_PS_MODELDIR "/en-us/cmudict-en-us.dict"

/* Samples whose cepstral mean starts an utterance's (the decoder's live
 * mean otherwise starts from the model's, far from most voices, and
 * recognises the first seconds poorly), and samples per call into the
 * decoder, whose live mean moves between calls. */
#define PRIME_SAMPLES RECOGNIZER_RATE
#define PIECE_SAMPLES (RECOGNIZER_RATE / 10)

struct recognizer {
    cmd_ln_t *config;
    ps_decoder_t *ps;
    mfcc_t *initial; /* the model's cepstral mean */
    mfcc_t *mean;    /* work space: the mean an utterance starts with */
    int16_t buf[PRIME_SAMPLES];
    size_t used; /* samples in buf */
    int primed;  /* the utterance has started in the decoder */
};

int recognizer_read_wav(const char *path, int16_t **samples, size_t *n, unsigned *rate,
                        struct diag *err)
{
    SF_INFO info = {0};
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    if (f == NULL)
        return diag_set(err, REH_EIO, "cannot read %s: %s", path, sf_strerror(NULL));
    int rc = REH_OK;
    *samples = NULL;
    if (info.channels != 1)
        rc = diag_set(err, REH_EIO, "%s: not a mono recording", path);
    else if ((*samples = malloc(((size_t)info.frames + 1) * sizeof **samples)) == NULL)
        rc = diag_set(err, REH_ENOMEM, "out of memory reading %s", path);
    else {
        *n = (size_t)sf_readf_short(f, *samples, info.frames);
        *rate = (unsigned)info.samplerate;
    }
    sf_close(f);
    return rc;
}

/* Whether a segment is a word (not silence, noise or an utterance mark). */
static int is_word(const char *w)
{
    return w[0] != '<' && w[0] != '[' && w[0] != '\0';
}

int recognizer_open(struct recognizer **out, struct diag *err)
{
    int rc = REH_OK;
    *out = NULL;
    if (access(MODEL "/mdef", R_OK) != 0 || access(LM, R_OK) != 0 || access(DICT, R_OK) != 0)
        return diag_set(err, REH_EIO,
                        "the speech model is missing: apt-get install pocketsphinx-en-us");
    struct recognizer *r = calloc(1, sizeof *r);
    if (r == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    /* One pass of the search: the second, over the whole utterance, would
     * hold up the words of a long answer by seconds once it ends. Every
     * frame is decoded: with the front end's own silence removal, the words
     * after a long pause come out with times seconds late. */
    r->config = cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", MODEL, "-lm", LM, "-dict", DICT,
                            "-fwdflat", "no", "-remove_silence", "no", "-logfn", "/dev/null", NULL);
    r->ps = r->config != NULL ? ps_init(r->config) : NULL;
    if (r->ps == NULL) {
        rc = diag_set(err, REH_EIO, "the speech recogniser cannot start");
        goto done;
    }
    cmn_t *cmn = ps_get_feat(r->ps)->cmn_struct;
    r->initial = malloc(cmn->veclen * sizeof *r->initial);
    r->mean = malloc(cmn->veclen * sizeof *r->mean);
    if (r->initial == NULL || r->mean == NULL) {
        rc = diag_set(err, REH_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(r->initial, cmn->cmn_mean, cmn->veclen * sizeof *r->initial);
done:
    if (rc == REH_OK)
        *out = r;
    else
        recognizer_close(r);
    return rc;
}

void recognizer_close(struct recognizer *r)
{
    if (r == NULL)
        return;
    if (r->ps != NULL)
        ps_free(r->ps);
    if (r->config != NULL)
        cmd_ln_free_r(r->config);
    free(r->initial);
    free(r->mean);
    free(r);
}

void recognizer_start(struct recognizer *r)
{
    r->used = 0;
    r->primed = 0;
}

/* Starts the utterance in the decoder, its times from 0 and its cepstral
 * mean that of the n samples (the model's when they make no frame). */
static void prime(struct recognizer *r, const int16_t *samples, size_t n)
{
    cmn_t *cmn = ps_get_feat(r->ps)->cmn_struct;
    fe_t *fe = ps_get_fe(r->ps);
    mfcc_t **cep = NULL;
    int32 frames = 0;
    memcpy(r->mean, r->initial, cmn->veclen * sizeof *r->mean);
    fe_start_utt(fe);
    if (fe_process_utt(fe, samples, n, &cep, &frames) == 0 && frames > 0) {
        for (int j = 0; j < cmn->veclen; j++) {
            double sum = 0;
            for (int32 i = 0; i < frames; i++)
                sum += MFCC2FLOAT(cep[i][j]);
            r->mean[j] = FLOAT2MFCC(sum / frames);
        }
    }
    fe_free_2d(cep); /* ps_start_utt starts the front end afresh */
    cmn_live_set(cmn, r->mean);
    ps_start_stream(r->ps);
    ps_start_utt(r->ps);
    r->primed = 1;
}

/* Decodes what buf holds, in pieces of PIECE_SAMPLES. */
static void flush(struct recognizer *r)
{
    if (!r->primed)
        prime(r, r->buf, r->used);
    for (size_t at = 0; at < r->used; at += PIECE_SAMPLES) {
        size_t n = r->used - at < PIECE_SAMPLES ? r->used - at : PIECE_SAMPLES;
        ps_process_raw(r->ps, r->buf + at, n, FALSE, FALSE);
    }
    r->used = 0;
}

void recognizer_feed(struct recognizer *r, const int16_t *samples, size_t n)
{
    while (n > 0) {
        size_t full = r->primed ? PIECE_SAMPLES : PRIME_SAMPLES;
        size_t k = full - r->used < n ? full - r->used : n;
        memcpy(r->buf + r->used, samples, k * sizeof *samples);
        r->used += k;
        samples += k;
        n -= k;
        if (r->used == full)
            flush(r);
    }
}

int recognizer_finish(struct recognizer *r, struct analysis_word **words, size_t *n_words,
                      struct diag *err)
{
    int rc = REH_OK;
    size_t cap = 0;
    *words = NULL;
    *n_words = 0;
    flush(r);
    ps_end_utt(r->ps);
    r->primed = 0;
    for (ps_seg_t *seg = ps_seg_iter(r->ps); seg != NULL; seg = ps_seg_next(seg)) {
        const char *w = ps_seg_word(seg);
        int start, end;
        if (!is_word(w))
            continue;
        if (*n_words == cap) {
            cap = cap ? cap * 2 : 64;
            struct analysis_word *grown = realloc(*words, cap * sizeof **words);
            if (grown == NULL) {
                ps_seg_free(seg);
                rc = diag_set(err, REH_ENOMEM, "out of memory");
                break;
            }
            *words = grown;
        }
        ps_seg_frames(seg, &start, &end);
        struct analysis_word *aw = &(*words)[*n_words];
        aw->word = strndup(w, strcspn(w, "(")); /* "data(2)": an alternate pronunciation */
        aw->start_s = start / 100.0;
        aw->end_s = (end + 1) / 100.0;
        if (aw->word == NULL) {
            ps_seg_free(seg);
            rc = diag_set(err, REH_ENOMEM, "out of memory");
            break;
        }
        ++*n_words;
    }
    return rc;
}

int recognizer_run(const int16_t *samples, size_t n, unsigned rate, struct analysis_word **words,
                   size_t *n_words, struct diag *err)
{
    *words = NULL;
    *n_words = 0;
    if (rate != RECOGNIZER_RATE)
        return diag_set(err, REH_EIO, "recordings at %u Hz cannot be transcribed; record at %d Hz",
                        rate, RECOGNIZER_RATE);
    struct recognizer *r;
    int rc = recognizer_open(&r, err);
    if (rc != REH_OK)
        return rc;
    recognizer_start(r);
    recognizer_feed(r, samples, n);
    rc = recognizer_finish(r, words, n_words, err);
    recognizer_close(r);
    return rc;
}
