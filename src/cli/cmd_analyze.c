/* analyze: offline speech analysis of the recorded answers of a session:
 * machine transcription, pace, fillers, pauses, speaking ratio, time to the
 * first word and key-term coverage, stored in session.json. */
#include "cli.h"
#include "../core/vad.h"
#include "../io/audio_api.h"
#include "../io/library.h"
#include "../io/paths.h"
#include "../io/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILLERS 64

static const char USAGE[] =
    "Usage: rehearse analyze SESSION [N]\n\n"
    "Analyses the recorded answers of SESSION (a full id, a unique prefix of one, or\n"
    "'last'), or only answer N, on this machine: a machine transcription (which\n"
    "becomes the answer's text when nothing was typed), words per minute of speaking\n"
    "time, fillers (the list in fillers.txt), pauses over 2 s, the share of time\n"
    "spent speaking, the time to the first word, and the key terms named. The\n"
    "figures are saved in session.json and shown by show, review and export.\n\n"
    "Options:\n"
    "  -h, --help  show this help\n";

/* Reads the filler list: one phrase a line, '#' comments. */
static size_t load_fillers(char *text, size_t size, const char *list[MAX_FILLERS])
{
    char path[PATH_MAX];
    size_t n = 0;
    FILE *f = paths_find_data("fillers.txt", path) == 0 ? fopen(path, "r") : NULL;
    if (f == NULL) {
        cli_error("no fillers.txt found: fillers are not counted");
        return 0;
    }
    size_t len = fread(text, 1, size - 1, f);
    fclose(f);
    text[len] = '\0';
    for (char *line = strtok(text, "\n"); line != NULL && n < MAX_FILLERS - 1;
         line = strtok(NULL, "\n"))
        if (line[0] != '#' && line[0] != '\0')
            list[n++] = line;
    list[n] = NULL;
    return n;
}

static int analyse_one(const struct audio_api *api, const char *dir, struct transcript_answer *a,
                       const char *const *fillers, const struct question *q)
{
    char path[PATH_MAX + 160];
    struct diag err;
    int16_t *samples = NULL;
    size_t n = 0, n_words = 0;
    unsigned rate = 0;
    struct analysis_word *words = NULL;
    struct vad_result vad = {0};
    struct analysis *an = calloc(1, sizeof *an);
    int rc = CLI_FAILURE;

    snprintf(path, sizeof path, "%s/%s", dir, a->audio.file);
    if (an == NULL || api->read_wav(path, &samples, &n, &rate, &err) != REH_OK ||
        api->recognize(samples, n, rate, &words, &n_words, &err) != REH_OK) {
        cli_error("answer %u: %s", a->n, an ? err.message : "out of memory");
        goto done;
    }
    if (vad_analyse(samples, n, rate, &vad) != 0 ||
        analysis_compute(an, &vad, words, n_words, fillers) != 0) {
        cli_error("out of memory");
        goto done;
    }
    if (a->text_len == 0 || a->machine_text) {
        if (transcript_set(&a->text, an->transcript) != REH_OK)
            goto done;
        a->text_len = strlen(a->text);
        a->machine_text = 1;
    }
    if (q != NULL && q->n_key_terms > 0 &&
        transcript_measure_coverage(a, q->key_terms, q->n_key_terms) != REH_OK)
        goto done;
    transcript_set_analysis(a, an);
    an = NULL;
    rc = CLI_OK;
done:
    for (size_t i = 0; i < n_words; i++)
        free(words[i].word);
    free(words);
    free(samples);
    vad_free(&vad);
    if (an != NULL) {
        analysis_free(an);
        free(an);
    }
    return rc;
}

static void report(const struct transcript_answer *a)
{
    const struct analysis *an = a->analysis;
    char hints[512];
    printf("[%u] %s\n  \"%s\"\n  %.0f words a minute, %u fillers, longest pause %.1f s, "
           "speaking %.0f%%, first word after %.1f s",
           a->n, a->question, an->transcript, an->words_per_minute, an->filler_count,
           an->longest_pause_s, an->speaking_ratio * 100, an->time_to_first_word_s);
    if (a->coverage.n_terms)
        printf(", key terms %zu of %zu", a->coverage.n_found, a->coverage.n_terms);
    printf("\n");
    analysis_hints(an, hints, sizeof hints);
    for (char *h = strtok(hints, "\n"); h != NULL; h = strtok(NULL, "\n"))
        printf("  %s\n", h);
}

static int analyze_exec(int argc, char **argv)
{
    static const struct option options[] = {{"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    char dir[PATH_MAX], filler_text[4096];
    const char *fillers[MAX_FILLERS];
    struct transcript t;
    struct store st;
    struct bank bank;
    struct diag err;
    unsigned long only = 0;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c != 'h')
            return cli_usage_error(&cmd_analyze_entry, "unknown option");
        fputs(USAGE, stdout);
        return CLI_OK;
    }
    if (optind == argc || optind + 2 < argc)
        return cli_usage_error(&cmd_analyze_entry, "give a session (an id or 'last') and N");
    if (optind + 1 < argc) {
        char *end;
        only = strtoul(argv[optind + 1], &end, 10);
        if (*end != '\0' || only == 0)
            return cli_usage_error(&cmd_analyze_entry, "N must be an answer number");
    }
    int rc = cli_open_session(argv[optind], dir, &t);
    if (rc != CLI_OK)
        return rc;
    const struct audio_api *api = audio_api_load(&err);
    if (api == NULL || store_open(&st, dir, &err) != REH_OK) {
        cli_error("%s", err.message);
        transcript_free(&t);
        return CLI_FAILURE;
    }
    load_fillers(filler_text, sizeof filler_text, fillers);
    int have_bank =
        library_open_bank(t.bank_id ? t.bank_id : "data-engineering", &bank, &err) == REH_OK;
    size_t done = 0;
    for (size_t i = 0; i < t.n_answers && rc == CLI_OK; i++) {
        struct transcript_answer *a = &t.answers[i];
        if ((only && a->n != only) || a->audio.file == NULL)
            continue;
        rc = analyse_one(api, dir, a, fillers, have_bank ? bank_find(&bank, a->question_id) : NULL);
        if (rc == CLI_OK && store_save(&st, &t, &err) != REH_OK) {
            cli_error("%s", err.message);
            rc = CLI_FAILURE;
        }
        if (rc == CLI_OK) {
            report(a);
            done++;
        }
    }
    if (rc == CLI_OK && done == 0) {
        if (only)
            cli_error("answer %lu of %s has no recording", only, t.id);
        else
            cli_error("%s has no recorded answers", t.id);
        rc = CLI_FAILURE;
    }
    if (have_bank)
        bank_free(&bank);
    store_close(&st);
    transcript_free(&t);
    return rc;
}

const struct cli_command cmd_analyze_entry = {
    .name = "analyze",
    .summary = "offline speech analysis of the recordings",
    .usage = USAGE,
    .exec = analyze_exec,
};
