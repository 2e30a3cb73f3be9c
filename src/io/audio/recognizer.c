/* recognizer: pocketsphinx 5prealpha: one utterance per recording, decoded
 * as a stream, word segments at 100 frames a second. */
#include "recognizer.h"
#include "pronounce.h"

#include <cmn.h>
#include <math.h>
#include <fe.h>
#include <feat.h>
#include <pocketsphinx.h>
#include <sndfile.h>
#include <speex/speex_preprocess.h>
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

/* Samples per frame of the noise suppressor (10 ms). */
#define DENOISE_FRAME (RECOGNIZER_RATE / 100)

/* The level (RMS of 16-bit samples; 100 is -50 dBFS) above which the
 * quietest part of an utterance's first second is noise to suppress. Clean
 * speech is recognised better without the suppressor. */
#define NOISE_FLOOR 100.0

/* The weight of the domain model in its interpolation with the general one
 * (see recognizer.h): of 0.5 and 0.8, 0.8 found more key terms at 20 dB SNR
 * on the test set of bench/speech_set.h. */
#define DOMAIN_WEIGHT 0.8
#define DOMAIN_SEARCH "domain"

struct recognizer {
    cmd_ln_t *config;
    ps_decoder_t *ps;
    mfcc_t *initial; /* the model's cepstral mean */
    mfcc_t *mean;    /* work space: the mean an utterance starts with */
    int16_t buf[PRIME_SAMPLES];
    size_t used;               /* samples in buf */
    int primed;                /* the utterance has started in the decoder */
    int denoise;               /* noise is suppressed before recognition */
    SpeexPreprocessState *den; /* the suppressor of the utterance, or NULL */
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

/* Interpolates the domain model of the ARPA file `path` with the general
 * one, after adding pronunciations for the domain words the dictionary
 * lacks, and makes it the search's model. */
static int adapt(struct recognizer *r, const char *path, struct diag *err)
{
    logmath_t *lmath = ps_get_logmath(r->ps);
    ngram_model_t *domain = ngram_model_read(r->config, path, NGRAM_ARPA, lmath);
    if (domain == NULL)
        return diag_set(err, REH_EIO, "cannot read the language model %s", path);
    ngram_model_t *general = ngram_model_read(r->config, LM, NGRAM_AUTO, lmath);
    if (general == NULL) {
        ngram_model_free(domain);
        return diag_set(err, REH_EIO, "cannot read the language model %s", LM);
    }
    uint32 n = ngram_model_get_counts(domain)[0];
    for (uint32 wid = 0; wid < n; wid++) {
        const char *w = ngram_word(domain, (int32)wid);
        char *known = ps_lookup_word(r->ps, w);
        if (known == NULL && is_word(w))
            pronounce_add(r->ps, w, FALSE);
        free(known);
    }
    ngram_model_t *models[2] = {general, domain};
    const char *names[2] = {"general", "domain"};
    const float32 weights[2] = {1 - DOMAIN_WEIGHT, DOMAIN_WEIGHT};
    ngram_model_t *set = ngram_model_set_init(r->config, models, (char **)names, weights, 2);
    ngram_model_free(general); /* the set holds them */
    ngram_model_free(domain);
    if (set == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    int rc = ps_set_lm(r->ps, DOMAIN_SEARCH, set) == 0 && ps_set_search(r->ps, DOMAIN_SEARCH) == 0
                 ? REH_OK
                 : diag_set(err, REH_EIO, "the speech recogniser cannot use %s", path);
    ngram_model_free(set); /* the search holds it */
    return rc;
}

/* A search made after the decoder was loaded decodes its first utterance a
 * little differently from the next ones: that one is a tenth of a second of
 * faint noise, so that every recording finds the decoder in the same state. */
static void warm_up(struct recognizer *r)
{
    int16_t noise[PIECE_SAMPLES];
    struct analysis_word *words;
    size_t n_words;
    struct diag ignored;
    for (size_t i = 0; i < PIECE_SAMPLES; i++)
        noise[i] = (int16_t)((i * 7919) % 17) - 8;
    recognizer_start(r);
    recognizer_feed(r, noise, PIECE_SAMPLES);
    if (recognizer_finish(r, &words, &n_words, &ignored) == REH_OK)
        analysis_words_free(words, n_words);
}

int recognizer_open(struct recognizer **out, const char *domain_lm, struct diag *err)
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
     * hold up the words of a long answer by seconds once it ends. */
    /* Adapted, the decoder starts without a model: pronunciations are added
     * before there is one (sphinxbase adds their words to a binary model's
     * unigrams wrongly), then the interpolated model is made its search. */
    r->config = cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", MODEL, "-dict", DICT, "-fwdflat", "no",
                            "-logfn", "/dev/null", NULL);
    if (r->config != NULL && domain_lm == NULL)
        cmd_ln_set_str_r(r->config, "-lm", LM);
    r->ps = r->config != NULL ? ps_init(r->config) : NULL;
    r->denoise = 1;
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
    if (domain_lm != NULL && (rc = adapt(r, domain_lm, err)) == REH_OK)
        warm_up(r);
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
    if (r->den != NULL)
        speex_preprocess_state_destroy(r->den);
    if (r->ps != NULL)
        ps_free(r->ps);
    if (r->config != NULL)
        cmd_ln_free_r(r->config);
    free(r->initial);
    free(r->mean);
    free(r);
}

void recognizer_set_denoise(struct recognizer *r, int on)
{
    r->denoise = on;
}

void recognizer_start(struct recognizer *r)
{
    r->used = 0;
    r->primed = 0;
    if (r->den != NULL)
        speex_preprocess_state_destroy(r->den);
    r->den = NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Whether the n samples (the first second of an utterance) are noisy: the
 * quietest of their 10 ms frames but a tenth are above NOISE_FLOOR. */
static int noisy(const int16_t *samples, size_t n)
{
    double rms[PRIME_SAMPLES / DENOISE_FRAME];
    size_t frames = n / DENOISE_FRAME;
    for (size_t f = 0; f < frames; f++) {
        double sum = 0;
        for (size_t i = 0; i < DENOISE_FRAME; i++) {
            double x = samples[f * DENOISE_FRAME + i];
            sum += x * x;
        }
        rms[f] = sqrt(sum / DENOISE_FRAME);
    }
    qsort(rms, frames, sizeof *rms, cmp_double);
    return frames > 0 && rms[frames / 10] > NOISE_FLOOR;
}

/* Starts the noise suppressor of the utterance when its first second, the
 * n samples, is noisy. */
static void start_denoise(struct recognizer *r, const int16_t *samples, size_t n)
{
    int on = 1;
    if (!r->denoise || !noisy(samples, n) ||
        (r->den = speex_preprocess_state_init(DENOISE_FRAME, RECOGNIZER_RATE)) == NULL)
        return;
    speex_preprocess_ctl(r->den, SPEEX_PREPROCESS_SET_DENOISE, &on);
}

/* Suppresses the noise of the whole frames in buf (a last part frame of
 * the utterance is left as it is). */
static void denoise(struct recognizer *r)
{
    for (size_t at = 0; r->den != NULL && at + DENOISE_FRAME <= r->used; at += DENOISE_FRAME)
        speex_preprocess_run(r->den, r->buf + at);
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
        start_denoise(r, r->buf, r->used);
    denoise(r);
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

int recognizer_run(const int16_t *samples, size_t n, unsigned rate, const char *domain_lm,
                   struct analysis_word **words, size_t *n_words, struct diag *err)
{
    *words = NULL;
    *n_words = 0;
    if (rate != RECOGNIZER_RATE)
        return diag_set(err, REH_EIO, "recordings at %u Hz cannot be transcribed; record at %d Hz",
                        rate, RECOGNIZER_RATE);
    struct recognizer *r;
    int rc = recognizer_open(&r, domain_lm, err);
    if (rc != REH_OK)
        return rc;
    recognizer_start(r);
    recognizer_feed(r, samples, n);
    rc = recognizer_finish(r, words, n_words, err);
    recognizer_close(r);
    return rc;
}
