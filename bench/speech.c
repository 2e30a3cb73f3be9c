/* The accuracy of speech recognition on the spoken test set (speech_set.h)
 * at each noise level: word error rate, key-term recall, false key terms,
 * real-time factor, what the analysis shows of the answers (named noisy,
 * with a pace) and the fillers found (on the answers as written, and with
 * "um" and "uh" spliced in between their sentences), adapted to the bank (domain_lm.h) against the
 * general model alone, which is what rehearse recognised with before. */
#include "../src/core/bank.h"
#include "../src/io/domain_lm.h"
#include "report.h"
#include "speech_set.h"

#include <stdio.h>
#include <stdlib.h>

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0;
}

/* The rows of one noise level. */
static void report(const char *level, const struct speech_score *s, const struct speech_score *b,
                   const char *wer_target, const char *recall_target)
{
    char figure[96], base[96];
    snprintf(figure, sizeof figure, "speech: word error rate, %s", level);
    snprintf(base, sizeof base, "general model %.1f%%", pct(b->word_errors, b->ref_words));
    bench_row(figure, wer_target, base, "%.1f%%", pct(s->word_errors, s->ref_words));
    snprintf(figure, sizeof figure, "speech: key terms recognised, %s", level);
    snprintf(base, sizeof base, "general model %.1f%%", pct(b->terms_heard, b->terms_said));
    bench_row(figure, recall_target, base, "%.1f%% (%zu of %zu, %zu by sound)",
              pct(s->terms_heard, s->terms_said), s->terms_heard, s->terms_said, s->terms_by_sound);
    snprintf(figure, sizeof figure, "speech: false key terms, %s", level);
    snprintf(base, sizeof base, "general model %.2f%%", pct(b->false_terms, b->terms_unsaid));
    bench_row(figure, "< 1%", base, "%.2f%% (%zu of %zu, %zu by sound)",
              pct(s->false_terms, s->terms_unsaid), s->false_terms, s->terms_unsaid,
              s->false_by_sound);
    snprintf(figure, sizeof figure, "speech: real-time factor, %s", level);
    snprintf(base, sizeof base, "general model %.2f", b->decode_s / b->audio_s);
    bench_row(figure, "-", base, "%.2f", s->decode_s / s->audio_s);
    snprintf(figure, sizeof figure, "speech: answers shown as noisy, and with a pace, %s", level);
    bench_row(figure, "-", "-", "%zu of %zu noisy, pace of %zu", s->named_noisy, s->items,
              s->pace_shown);
}

/* The row of the fillers found on a set. */
static void report_fillers(const char *what, const char *target, const struct speech_score *s,
                           const struct speech_score *b)
{
    char figure[96], base[96];
    snprintf(figure, sizeof figure, "speech: fillers found and reported, %s", what);
    snprintf(base, sizeof base, "general model %zu of %zu, %zu reported", b->fillers_heard,
             b->fillers_said, b->fillers_reported);
    bench_row(figure, target, base, "recall %.0f%% (%zu of %zu), precision %.0f%% (%zu reported)",
              pct(s->fillers_heard, s->fillers_said), s->fillers_heard, s->fillers_said,
              pct(s->fillers_heard, s->fillers_reported), s->fillers_reported);
}

/* The fillers spliced into the answers, clean and at 20 dB SNR. */
static int fillers(const char *lm, const char *const *terms, size_t n_terms, struct diag *err)
{
    static const double snr[] = {SPEECH_SET_CLEAN, 20};
    struct speech_set spliced;
    int rc = speech_set_make(&spliced, 1, err);
    for (size_t i = 0; i < 2 && rc == REH_OK; i++) {
        struct speech_set noisy;
        struct speech_score adapted, general;
        if ((rc = speech_set_noisy(&spliced, snr[i], &noisy, err)) != REH_OK)
            break;
        if ((rc = speech_set_decode(&noisy, lm, terms, n_terms, &adapted, err)) == REH_OK &&
            (rc = speech_set_decode(&noisy, NULL, terms, n_terms, &general, err)) == REH_OK)
            report_fillers(i == 0 ? "um and uh spliced in, clean"
                                  : "um and uh spliced in, 20 dB SNR",
                           "recall >= 80% at precision >= 90%", &adapted, &general);
        speech_set_free(&noisy);
    }
    speech_set_free(&spliced);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        double snr_db;
    } levels[] = {{"clean", SPEECH_SET_CLEAN}, {"20 dB SNR", 20}, {"10 dB SNR", 10}};
    struct diag err;
    struct bank bank;
    struct domain_lm domain = {0};
    struct speech_set clean;
    const char **terms;
    size_t n_terms;
    const char *lm;
    if (argc != 2 || bank_load(&bank, argv[1], &err) != REH_OK) {
        fprintf(stderr, "usage: speech BANK.yaml\n");
        return 2;
    }
    domain_lm_add_bank(&domain, &bank);
    if ((lm = domain_lm_file(&domain, &err)) == NULL ||
        speech_set_make(&clean, 0, &err) != REH_OK ||
        speech_set_terms(&bank, &terms, &n_terms) != REH_OK) {
        fprintf(stderr, "speech: %s\n", err.message);
        return 1;
    }
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        struct speech_set noisy;
        struct speech_score adapted, general;
        if (speech_set_noisy(&clean, levels[i].snr_db, &noisy, &err) != REH_OK ||
            speech_set_decode(&noisy, lm, terms, n_terms, &adapted, &err) != REH_OK ||
            speech_set_decode(&noisy, NULL, terms, n_terms, &general, &err) != REH_OK) {
            fprintf(stderr, "speech: %s\n", err.message);
            return 1;
        }
        report(levels[i].name, &adapted, &general, i < 2 ? "<= 2/3 of the general model's" : "-",
               i == 0   ? ">= 90%"
               : i == 1 ? ">= 75%"
                        : "-");
        if (i == 0)
            report_fillers("the answers as written, clean", "none reported but those said",
                           &adapted, &general);
        speech_set_free(&noisy);
    }
    if (fillers(lm, terms, n_terms, &err) != REH_OK) {
        fprintf(stderr, "speech: %s\n", err.message);
        return 1;
    }
    free(terms);
    speech_set_free(&clean);
    domain_lm_free(&domain);
    bank_free(&bank);
    return 0;
}
