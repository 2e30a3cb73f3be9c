/* recognizer: pocketsphinx 5prealpha: one utterance per recording, word
 * segments at 100 frames a second. */
#include "recognizer.h"

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

int recognizer_run(const int16_t *samples, size_t n, unsigned rate, struct analysis_word **words,
                   size_t *n_words, struct diag *err)
{
    int rc = REH_OK;
    *words = NULL;
    *n_words = 0;
    if (rate != RECOGNIZER_RATE)
        return diag_set(err, REH_EIO, "recordings at %u Hz cannot be transcribed; record at %d Hz",
                        rate, RECOGNIZER_RATE);
    if (access(MODEL "/mdef", R_OK) != 0 || access(LM, R_OK) != 0 || access(DICT, R_OK) != 0)
        return diag_set(err, REH_EIO,
                        "the speech model is missing: apt-get install pocketsphinx-en-us");
    cmd_ln_t *config = cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", MODEL, "-lm", LM, "-dict", DICT,
                                   "-logfn", "/dev/null", NULL);
    ps_decoder_t *ps = config ? ps_init(config) : NULL;
    if (ps == NULL) {
        rc = diag_set(err, REH_EIO, "the speech recogniser cannot start");
        goto done;
    }
    ps_start_utt(ps);
    ps_process_raw(ps, samples, n, FALSE, TRUE);
    ps_end_utt(ps);
    size_t cap = 0;
    for (ps_seg_t *seg = ps_seg_iter(ps); seg != NULL; seg = ps_seg_next(seg)) {
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
done:
    if (ps != NULL)
        ps_free(ps);
    if (config != NULL)
        cmd_ln_free_r(config);
    return rc;
}
