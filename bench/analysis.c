/* analysis: the real-time factor of `rehearse analyze`'s work on one
 * recording (read, voice activity, recognition with word times, figures)
 * against a minimal pocketsphinx loop decoding the same samples in the same
 * program (targets: ratio <= 1.1x, real-time factor <= 0.3).
 *   analysis FILE.wav */
#include "report.h"
#include "core/analysis.h"
#include "core/vad.h"
#include "io/clock.h"
#include "io/audio/recognizer.h"

#include <pocketsphinx.h>
#include <stdio.h>
#include <stdlib.h>

static double baseline(const int16_t *samples, size_t n)
{
    double start = clock_monotonic();
    cmd_ln_t *config =
        cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", REHEARSE_PS_MODELDIR "/en-us/en-us", "-lm",
                    REHEARSE_PS_MODELDIR "/en-us/en-us.lm.bin", "-dict",
                    REHEARSE_PS_MODELDIR "/en-us/cmudict-en-us.dict", "-logfn", "/dev/null", NULL);
    ps_decoder_t *ps = ps_init(config);
    int score;
    ps_start_utt(ps);
    for (size_t at = 0; at < n; at += 4096)
        ps_process_raw(ps, samples + at, n - at < 4096 ? n - at : 4096, FALSE, FALSE);
    ps_end_utt(ps);
    const char *hyp = ps_get_hyp(ps, &score);
    (void)hyp;
    ps_free(ps);
    cmd_ln_free_r(config);
    return clock_monotonic() - start;
}

static double ours(const char *path)
{
    static const char *const fillers[] = {"um", "uh", "like", "you know", NULL};
    struct diag err;
    int16_t *samples;
    size_t n, n_words;
    unsigned rate;
    struct analysis_word *words;
    struct vad_result vad;
    struct analysis a;
    double start = clock_monotonic();
    if (recognizer_read_wav(path, &samples, &n, &rate, &err) != REH_OK ||
        vad_analyze(samples, n, rate, &vad) != 0 ||
        recognizer_run(samples, n, rate, NULL, &words, &n_words, &err) != REH_OK ||
        analysis_compute(&a, &vad, words, n_words, fillers) != 0) {
        fprintf(stderr, "analysis: %s\n", err.message);
        exit(1);
    }
    double t = clock_monotonic() - start;
    for (size_t i = 0; i < n_words; i++)
        free(words[i].word);
    free(words);
    analysis_free(&a);
    vad_free(&vad);
    free(samples);
    return t;
}

int main(int argc, char **argv)
{
    struct diag err;
    int16_t *samples;
    size_t n;
    unsigned rate;
    if (argc != 2 || recognizer_read_wav(argv[1], &samples, &n, &rate, &err) != REH_OK) {
        fprintf(stderr, "usage: analysis FILE.wav (16 kHz mono)\n");
        return 2;
    }
    double length = (double)n / rate, base = baseline(samples, n), full = ours(argv[1]);
    char figure[64], baseline[64];
    snprintf(figure, sizeof figure, "speech analysis of %.0f s of speech", length);
    snprintf(baseline, sizeof baseline, "bare pocketsphinx %.2f s: %.2fx", base, full / base);
    bench_row(figure, "RTF <= 0.3; <= 1.1x", baseline, "%.2f s, real-time factor %.2f", full,
              full / length);
    free(samples);
    return 0;
}
