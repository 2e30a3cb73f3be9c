/* voice: flite 2.2 with the clustergen voice cmu_us_rms (16 kHz). Of the
 * voices Debian ships (slt, rms, awb, kal16), rms is the one pocketsphinx
 * understands best (11% word errors on interview questions; slt 22%).
 * flite reports a fatal error by calling exit() unless cst_errjmp is set, so
 * every call into it runs under a setjmp that turns the error into REH_EIO. */
#include "voice.h"

#include <flite/flite.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* Declared by no header of flite1-dev: each voice library exports its own. */
cst_voice *register_cmu_us_rms(const char *voxdir);

#define VOICE_NAME "cmu_us_rms"

/* The voice, registered once; flite keeps tables of its own beside it. */
static cst_voice *the_voice;

/* Whether `text` has nothing to say (flite would give 0.2 s of silence). */
static int voice_is_blank(const char *text)
{
    for (const char *p = text; *p != '\0'; p++)
        if (strchr(" \t\r\n\v\f", *p) == NULL)
            return 0;
    return 1;
}

/* Loads the voice on first use. */
static int voice_load(struct diag *err)
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
static cst_wave *voice_speak(const char *text)
{
    jmp_buf on_error, *volatile outer = cst_errjmp;
    cst_wave *volatile wave = NULL;
    cst_errjmp = &on_error;
    if (setjmp(on_error) == 0)
        wave = flite_text_to_wave(text, the_voice);
    cst_errjmp = outer;
    return wave;
}

int voice_synth(const char *text, struct voice_audio *out, struct diag *err)
{
    cst_wave *wave = NULL;
    int rc = REH_OK;
    *out = (struct voice_audio){0};
    if ((rc = voice_load(err)) != REH_OK)
        return rc;
    out->sample_rate = (unsigned)get_param_int(the_voice->features, "sample_rate", 16000);
    if (voice_is_blank(text))
        return REH_OK;
    wave = voice_speak(text);
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

void voice_audio_free(struct voice_audio *audio)
{
    if (audio == NULL)
        return;
    free(audio->samples);
    audio->samples = NULL;
    audio->n_frames = 0;
}
