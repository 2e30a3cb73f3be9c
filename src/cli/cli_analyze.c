/* cli_analyze: the speech analysis of recorded answers, shared by analyze
 * (on demand), run (at the end of a session with recordings) and review (for
 * what was left unanalyzed). */
#include "cli.h"
#include "../io/answer_analysis.h"
#include "../io/audio_api.h"
#include "../io/config.h"
#include "../io/domain_lm.h"
#include "../io/library.h"
#include "../io/recording.h"
#include "../io/store.h"
#include "../io/transcriber.h"

#include <stdlib.h>
#include <string.h>

/* The words of a recording: from the user's transcriber when set (falling
 * back to pocketsphinx when it fails), else from pocketsphinx. */
static int recognise(const struct audio_api *api, const struct config *cfg, const char *path,
                     const int16_t *samples, size_t n, unsigned rate, const char *domain_lm,
                     struct analysis_word **words, size_t *n_words, struct diag *err)
{
    if (cfg->transcriber != NULL) {
        char *text;
        if (transcriber_run(cfg->transcriber, path, &text, err) == REH_OK) {
            int rc = analysis_words(text, words, n_words);
            free(text);
            return rc == REH_OK ? REH_OK : diag_set(err, rc, "out of memory");
        }
        cli_error("%s; using pocketsphinx instead", err->message);
    }
    return api->recognize(samples, n, rate, domain_lm, words, n_words, err);
}

const char *cli_domain_lm(const struct transcript *t, struct domain_lm *d)
{
    struct bank bank;
    struct diag err;
    int have_bank =
        library_open_bank(t->bank_id ? t->bank_id : CLI_DEFAULT_BANK, &bank, &err) == REH_OK;
    if (have_bank)
        domain_lm_add_bank(d, &bank);
    for (size_t i = 0; t->plan != NULL && i < t->n_planned; i++)
        if (!have_bank || bank_find(&bank, t->plan[i].id) == NULL)
            domain_lm_add_planned(d, &t->plan[i]);
    if (have_bank)
        bank_free(&bank);
    const char *path = domain_lm_file(d, &err);
    if (path == NULL && (have_bank || t->plan != NULL))
        cli_error("%s: speech is recognised without the words of the questions", err.message);
    return path;
}

static int analyze_one(const struct audio_api *api, const struct config *cfg, const char *dir,
                       const char *domain_lm, struct transcript_answer *a,
                       const char *const *fillers, const struct question *q)
{
    char path[PATH_MAX + 160];
    struct diag err;
    int16_t *samples = NULL;
    size_t n = 0, n_words = 0;
    unsigned rate = 0;
    struct analysis_word *words = NULL;
    int rc = CLI_FAILURE;

    if (recording_path(dir, a->audio.file, path, sizeof path, &err) != REH_OK ||
        api->read_wav(path, &samples, &n, &rate, &err) != REH_OK ||
        recognise(api, cfg, path, samples, n, rate, domain_lm, &words, &n_words, &err) != REH_OK) {
        cli_error("answer %u: %s", a->n, err.message);
        goto done;
    }
    if (answer_analysis_store(a, samples, n, rate, words, n_words, fillers) != REH_OK) {
        cli_error("out of memory");
        goto done;
    }
    if (q != NULL && q->n_key_terms > 0 && transcript_measure_coverage(a, q, api->phones) != REH_OK)
        goto done;
    rc = CLI_OK;
done:
    analysis_words_free(words, n_words);
    free(samples);
    return rc;
}

static void report(const struct transcript_answer *a)
{
    const struct analysis *an = a->analysis;
    char hints[512], figures[256];
    analysis_figures(an, figures, sizeof figures);
    printf("[%u] %s\n  \"%s\"\n  %s", a->n, cli_text(a->question), cli_text(an->transcript),
           figures);
    if (a->coverage.n_terms)
        printf(", key terms %zu of %zu", a->coverage.n_found, a->coverage.n_terms);
    printf("\n");
    analysis_hints(an, hints, sizeof hints);
    for (char *h = strtok(hints, "\n"); h != NULL; h = strtok(NULL, "\n"))
        printf("  %s\n", h);
}

/* What analyzing the answers of a session needs. */
struct analyzing {
    const struct audio_api *api;
    const struct config *cfg;
    const char *dir;
    const char *domain_lm; /* the questions' language model, or NULL */
    struct transcript *t;
    struct store *st;
    const char *const *fillers;
    const struct bank *bank; /* NULL: the recorded plan */
    unsigned only;
    int missing_only, verbose;
    size_t done;
};

/* Analyzes the recording of answer a, unless it is left out, then those of
 * its follow-ups, saving the session after each. Returns the exit code. */
static int analyze_thread(struct analyzing *z, struct transcript_answer *a)
{
    int rc = CLI_OK;
    if ((!z->only || a->n == z->only) && a->audio.file != NULL &&
        (!z->missing_only || a->analysis == NULL)) {
        struct question recorded;
        if (z->verbose < 0 && a->follow_up > 0)
            printf("Analyzing follow-up %u of answer %u...\n", a->follow_up, a->n);
        else if (z->verbose < 0)
            printf("Analyzing answer %u...\n", a->n);
        fflush(stdout);
        rc = analyze_one(z->api, z->cfg, z->dir, z->domain_lm, a, z->fillers,
                         a->follow_up > 0 ? NULL : cli_question(z->t, a, z->bank, &recorded));
        if (rc == CLI_OK)
            rc = cli_save_session(z->st, z->t);
        if (rc == CLI_OK && z->verbose > 0)
            report(a);
        z->done += rc == CLI_OK;
    }
    for (size_t k = 0; k < a->n_follow_ups && rc == CLI_OK; k++)
        rc = analyze_thread(z, &a->follow_ups[k]);
    return rc;
}

int cli_analyze_answers(const char *dir, struct transcript *t, unsigned only, int missing_only,
                        int verbose)
{
    char filler_text[ANSWER_ANALYSIS_FILLERS_MAX];
    const char *fillers[ANALYSIS_FILLER_LIST_MAX + 1];
    struct store st;
    struct bank bank;
    struct domain_lm domain = {0};
    struct diag err;
    int rc = CLI_OK;

    struct config cfg;
    const struct audio_api *api = audio_api_load(&err);
    if (config_load(&cfg, &err) != REH_OK) {
        cli_error("%s", err.message);
        config_free(&cfg);
        return CLI_DATAERR;
    }
    if (api == NULL || store_open(&st, dir, &err) != REH_OK) {
        cli_error("%s", err.message);
        config_free(&cfg);
        return CLI_FAILURE;
    }
    if (answer_analysis_fillers(filler_text, fillers, &err) != REH_OK)
        cli_error("%s", err.message);
    int have_bank = t->plan == NULL && library_open_bank(t->bank_id ? t->bank_id : CLI_DEFAULT_BANK,
                                                         &bank, &err) == REH_OK;
    struct analyzing z = {.api = api,
                          .cfg = &cfg,
                          .dir = dir,
                          .domain_lm = cli_domain_lm(t, &domain),
                          .t = t,
                          .st = &st,
                          .fillers = fillers,
                          .bank = have_bank ? &bank : NULL,
                          .only = only,
                          .missing_only = missing_only,
                          .verbose = verbose};
    for (size_t i = 0; i < t->n_answers && rc == CLI_OK; i++)
        rc = analyze_thread(&z, &t->answers[i]);
    if (rc == CLI_OK && z.done == 0 && !missing_only) {
        if (only)
            cli_error("answer %u of %s has no recording", only, t->id);
        else
            cli_error("%s has no recorded answers", t->id);
        rc = CLI_FAILURE;
    }
    if (have_bank)
        bank_free(&bank);
    domain_lm_free(&domain);
    store_close(&st);
    config_free(&cfg);
    return rc;
}
