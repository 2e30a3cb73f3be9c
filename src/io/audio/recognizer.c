/* recognizer: pocketsphinx 5prealpha: one utterance per stretch of voice,
 * decoded as a stream, word segments at 100 frames a second. */
#include "recognizer.h"
#include "pronounce.h"
#include "../../core/level.h"
#include "../../core/vad.h"

#include <cmn.h>
#include <errno.h>
#include <math.h>
#include <fe.h>
#include <feat.h>
#include <pocketsphinx.h>
#include <sndfile.h>
#include <speex/speex_preprocess.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef REHEARSE_PS_MODELDIR
#error "REHEARSE_PS_MODELDIR must be defined by the build"
#endif

#define MODEL REHEARSE_PS_MODELDIR "/en-us/en-us"
#define LM    REHEARSE_PS_MODELDIR "/en-us/en-us.lm.bin"
#define DICT  REHEARSE_PS_MODELDIR "/en-us/cmudict-en-us.dict"

/* Samples whose cepstral mean starts a recording's (the decoder's live
 * mean otherwise starts from the model's, far from most voices, and
 * recognises the first seconds poorly): the first second, or the first 1.5
 * s of a noisy recording, whose noise makes the mean of a second vary more
 * (on the test set of bench/speech_set.h at 20 dB SNR, 77% of the key terms
 * found instead of 72.5%; clean, 1.5 s found 18 of 28 fillers instead of
 * 23). The first second tells whether the recording is noisy. And samples
 * per call into the decoder, whose live mean moves between calls. */
#define NOISE_SAMPLES       RECOGNIZER_RATE
#define PRIME_SAMPLES       RECOGNIZER_RATE
#define PRIME_NOISY_SAMPLES (RECOGNIZER_RATE * 3 / 2)
#define PIECE_SAMPLES       (RECOGNIZER_RATE / 10)

/* Samples per frame of the noise suppressor (10 ms). */
#define DENOISE_FRAME (RECOGNIZER_RATE / 100)

/* The level (RMS of 16-bit samples; 100 is -50 dBFS) above which the
 * quietest part of a recording's first second is noise to suppress. Clean
 * speech is recognised better without the suppressor. */
#define NOISE_FLOOR 100.0

/* The weight of the domain model in its interpolation with the general one
 * (see recognizer.h): of 0.5 and 0.8, 0.8 found more key terms at 20 dB SNR
 * on the test set of bench/speech_set.h. */
#define DOMAIN_WEIGHT 0.8
#define DOMAIN_SEARCH "domain"

/* A recording is cut into stretches of voice, each decoded as an utterance
 * of its own, so that the words of the last one are all that is left to
 * search when the recording ends, and word times are counted from where the
 * stretch starts in the recording. The cut is made on the recording's own
 * samples, 10 ms frame by frame: a frame is voiced when its level reaches
 * the voice detector's threshold (core/vad.h) over the levels of the
 * recording so far; a stretch ends after PAUSE_FRAMES unvoiced frames, or
 * after SHORT_PAUSE_FRAMES once it is LONG_FRAMES long, and starts with up
 * to LEAD_FRAMES of the silence before it. */
#define FRAME              DENOISE_FRAME /* 10 ms, the decoder's frame shift */
#define PAUSE_FRAMES       40
#define LONG_FRAMES        1000
#define SHORT_PAUSE_FRAMES 15
#define LEAD_FRAMES        30
#define LEVEL_BINS         97 /* 1 dB each, from LEVEL_FLOOR_DB up */

struct recognizer {
    cmd_ln_t *config;
    ps_decoder_t *ps;
    mfcc_t *initial; /* the model's cepstral mean */
    mfcc_t *mean;    /* work space: the mean a recording starts with */
    int denoise;     /* noise is suppressed before recognition */
    /* the recording (from here on, zero at its start) */
    SpeexPreprocessState *den; /* its noise suppressor, or NULL */
    size_t prime;              /* samples of its start primed on; 0: not told */
    int16_t buf[PRIME_NOISY_SAMPLES];
    size_t used; /* samples in buf */
    int primed;  /* its start was taken: buf holds a part frame */
    /* its cut into stretches */
    uint32_t levels[LEVEL_BINS]; /* frames measured, by level */
    uint64_t measured;
    uint64_t frames;                  /* frames taken */
    size_t quiet;                     /* unvoiced frames in a row up to the last one */
    int16_t lead[LEAD_FRAMES][FRAME]; /* the last frames, a ring */
    /* the utterance under way */
    int in_utt;
    uint64_t utt_start; /* its first frame in the recording */
    uint64_t utt_frames;
    int16_t piece[PIECE_SAMPLES]; /* samples not given to the decoder yet */
    size_t piece_used;
    /* the words of the recording so far */
    struct analysis_word *words;
    size_t n_words, cap;
    int failed; /* out of memory for a word */
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
    FILE *f = fopen(path, "r"); /* sphinxbase crashes on a file it cannot open */
    if (f == NULL)
        return diag_set(err, REH_EIO, "cannot read the language model %s: %s", path,
                        strerror(errno));
    fclose(f);
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
    for (size_t i = 0; i < PIECE_SAMPLES; i++)
        noise[i] = (int16_t)((i * 7919) % 17) - 8;
    ps_start_utt(r->ps);
    ps_process_raw(r->ps, noise, PIECE_SAMPLES, FALSE, FALSE);
    ps_end_utt(r->ps);
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
    analysis_words_free(r->words, r->n_words);
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
    if (r->in_utt)
        ps_end_utt(r->ps);
    if (r->den != NULL)
        speex_preprocess_state_destroy(r->den);
    analysis_words_free(r->words, r->n_words);
    memset(&r->den, 0, sizeof *r - offsetof(struct recognizer, den));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Whether the n samples (the first second of a recording) are noisy: the
 * quietest of their 10 ms frames but a tenth are above NOISE_FLOOR. */
static int noisy(const int16_t *samples, size_t n)
{
    double rms[NOISE_SAMPLES / DENOISE_FRAME];
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

/* Starts the noise suppressor of the recording when its first second, the
 * n samples, is noisy, and tells how much of its start to prime on. */
static void start_denoise(struct recognizer *r, const int16_t *samples, size_t n)
{
    int on = 1;
    int noise = r->denoise && noisy(samples, n < NOISE_SAMPLES ? n : NOISE_SAMPLES);
    r->prime = noise ? PRIME_NOISY_SAMPLES : PRIME_SAMPLES;
    if (noise && (r->den = speex_preprocess_state_init(DENOISE_FRAME, RECOGNIZER_RATE)) != NULL)
        speex_preprocess_ctl(r->den, SPEEX_PREPROCESS_SET_DENOISE, &on);
}

/* Makes the cepstral mean of the n samples (the model's when they make no
 * frame) the decoder's, for the first utterance of the recording; the next
 * ones start from the mean the decoder has then. The front end's noise
 * estimate starts afresh with the recording (nothing of an earlier one's
 * sound carries over) and learns from the n samples once before their
 * mean is measured, so that the mean is that of the cepstra the decoder
 * will see. */
static void prime(struct recognizer *r, const int16_t *samples, size_t n)
{
    cmn_t *cmn = ps_get_feat(r->ps)->cmn_struct;
    fe_t *fe = ps_get_fe(r->ps);
    mfcc_t **cep = NULL;
    int32 frames = 0;
    memcpy(r->mean, r->initial, cmn->veclen * sizeof *r->mean);
    fe_start_stream(fe);
    for (int pass = 0; pass < 2; pass++) {
        fe_free_2d(cep);
        cep = NULL;
        frames = 0;
        fe_start_utt(fe);
        if (fe_process_utt(fe, samples, n, &cep, &frames) != 0)
            frames = 0;
    }
    if (frames > 0) {
        for (int j = 0; j < cmn->veclen; j++) {
            double sum = 0;
            for (int32 i = 0; i < frames; i++)
                sum += MFCC2FLOAT(cep[i][j]);
            r->mean[j] = FLOAT2MFCC(sum / frames);
        }
    }
    fe_free_2d(cep);
    cmn_live_set(cmn, r->mean);
}

/* Gives n samples of the utterance to the decoder, in pieces of
 * PIECE_SAMPLES counted from its start (the last one may be shorter). */
static void decode(struct recognizer *r, const int16_t *samples, size_t n)
{
    while (n > 0) {
        size_t k = PIECE_SAMPLES - r->piece_used < n ? PIECE_SAMPLES - r->piece_used : n;
        memcpy(r->piece + r->piece_used, samples, k * sizeof *samples);
        r->piece_used += k;
        samples += k;
        n -= k;
        if (r->piece_used == PIECE_SAMPLES) {
            ps_process_raw(r->ps, r->piece, PIECE_SAMPLES, FALSE, FALSE);
            r->piece_used = 0;
        }
    }
}

/* Appends a word of the decoder's, its frames counted from `first` (a
 * frame of the recording). */
static int add_word(struct recognizer *r, const char *w, uint64_t first, int start, int end)
{
    if (r->n_words == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        struct analysis_word *grown = realloc(r->words, cap * sizeof *grown);
        if (grown == NULL)
            return REH_ENOMEM;
        r->words = grown;
        r->cap = cap;
    }
    struct analysis_word *aw = &r->words[r->n_words];
    aw->word = strndup(w, strcspn(w, "(")); /* "data(2)": an alternate pronunciation */
    if (aw->word == NULL)
        return REH_ENOMEM;
    aw->start_s = (double)(first + (uint64_t)start) / 100.0;
    aw->end_s = (double)(first + (uint64_t)end + 1) / 100.0;
    r->n_words++;
    return REH_OK;
}

/* Ends the utterance under way and keeps its words. */
static void end_utterance(struct recognizer *r)
{
    if (r->piece_used > 0)
        ps_process_raw(r->ps, r->piece, r->piece_used, FALSE, FALSE);
    r->piece_used = 0;
    ps_end_utt(r->ps);
    r->in_utt = 0;
    for (ps_seg_t *seg = ps_seg_iter(r->ps); seg != NULL; seg = ps_seg_next(seg)) {
        int start, end;
        if (!is_word(ps_seg_word(seg)))
            continue;
        ps_seg_frames(seg, &start, &end);
        if (add_word(r, ps_seg_word(seg), r->utt_start, start, end) != REH_OK) {
            r->failed = 1;
            ps_seg_free(seg);
            break;
        }
    }
}

/* Starts an utterance with the `lead` frames before the current one. */
static void start_utterance(struct recognizer *r, size_t lead)
{
    ps_start_stream(r->ps);
    ps_start_utt(r->ps);
    r->in_utt = 1;
    r->utt_start = r->frames - lead;
    r->utt_frames = 0;
    for (uint64_t f = r->utt_start; f < r->frames; f++)
        decode(r, r->lead[f % LEAD_FRAMES], FRAME);
}

/* The level a frame must reach to be voiced, from the levels so far. */
static double threshold(const struct recognizer *r)
{
    double floor_db = LEVEL_FLOOR_DB, speech_db = LEVEL_FLOOR_DB;
    uint64_t below = 0;
    for (size_t b = 0; b < LEVEL_BINS; b++) {
        below += r->levels[b];
        if (below * 10 <= r->measured)
            floor_db = LEVEL_FLOOR_DB + (double)b + 1;
        if (below * 100 <= r->measured * VAD_SPEECH_PERCENTILE)
            speech_db = LEVEL_FLOOR_DB + (double)b + 1;
    }
    return vad_threshold_db(floor_db, speech_db);
}

/* Adds the level of a frame of the recording (before noise suppression) to
 * those of the recording. */
static double count_level(struct recognizer *r, const int16_t *frame)
{
    double db = level_measure(frame, FRAME).rms_db;
    size_t b = (size_t)(db - LEVEL_FLOOR_DB);
    r->levels[b < LEVEL_BINS ? b : LEVEL_BINS - 1]++;
    r->measured++;
    return db;
}

/* Takes the next frame of the recording (noise suppressed), of level db:
 * starts, continues or ends an utterance with it. */
static void take_frame(struct recognizer *r, const int16_t *frame, double db)
{
    int voiced = db >= threshold(r);
    if (!r->in_utt && voiced)
        start_utterance(r, r->quiet < LEAD_FRAMES ? r->quiet : LEAD_FRAMES);
    memcpy(r->lead[r->frames % LEAD_FRAMES], frame, sizeof r->lead[0]);
    r->frames++;
    r->quiet = voiced ? 0 : r->quiet + 1;
    if (!r->in_utt)
        return;
    decode(r, frame, FRAME);
    r->utt_frames++;
    if (r->quiet >= (r->utt_frames >= LONG_FRAMES ? SHORT_PAUSE_FRAMES : PAUSE_FRAMES))
        end_utterance(r);
}

/* Takes the start of the recording (or all of it when shorter), the
 * samples in buf: decides whether to suppress noise unless that is told,
 * primes the cepstral mean, and takes its whole frames. */
static void take_start(struct recognizer *r)
{
    size_t frames = r->used / FRAME;
    double db[PRIME_NOISY_SAMPLES / FRAME];
    if (r->prime == 0)
        start_denoise(r, r->buf, r->used);
    for (size_t f = 0; f < frames; f++) {
        db[f] = count_level(r, r->buf + f * FRAME);
        if (r->den != NULL)
            speex_preprocess_run(r->den, r->buf + f * FRAME);
    }
    prime(r, r->buf, r->used);
    for (size_t f = 0; f < frames; f++)
        take_frame(r, r->buf + f * FRAME, db[f]);
    r->primed = 1;
    r->used -= frames * FRAME;
    memmove(r->buf, r->buf + frames * FRAME, r->used * sizeof *r->buf);
}

void recognizer_feed(struct recognizer *r, const int16_t *samples, size_t n)
{
    while (n > 0) {
        size_t full = r->primed ? FRAME : r->prime != 0 ? r->prime : NOISE_SAMPLES;
        size_t k = full - r->used < n ? full - r->used : n;
        memcpy(r->buf + r->used, samples, k * sizeof *samples);
        r->used += k;
        samples += k;
        n -= k;
        if (r->used < full)
            continue;
        if (!r->primed && r->prime == 0)
            start_denoise(r, r->buf, r->used);
        if (!r->primed) {
            if (r->used == r->prime)
                take_start(r);
            continue;
        }
        double db = count_level(r, r->buf);
        if (r->den != NULL)
            speex_preprocess_run(r->den, r->buf);
        take_frame(r, r->buf, db);
        r->used = 0;
    }
}

double recognizer_pending_s(const struct recognizer *r)
{
    return r->in_utt ? (double)r->utt_frames / 100.0 : 0;
}

int recognizer_finish(struct recognizer *r, struct analysis_word **words, size_t *n_words,
                      struct diag *err)
{
    if (!r->primed)
        take_start(r);
    if (r->in_utt) {
        decode(r, r->buf, r->used); /* a last part frame */
        end_utterance(r);
    }
    *words = r->words;
    *n_words = r->n_words;
    int failed = r->failed;
    r->words = NULL;
    r->n_words = r->cap = 0;
    r->failed = 0;
    if (!failed)
        return REH_OK;
    analysis_words_free(*words, *n_words);
    *words = NULL;
    *n_words = 0;
    return diag_set(err, REH_ENOMEM, "out of memory");
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
