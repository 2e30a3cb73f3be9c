/* speech_set: the texts, their synthesis with flite, the noise, and the
 * scoring of a decoding. */
#include "speech_set.h"
#include "../src/core/bank.h"
#include "../src/core/coverage.h"
#include "../src/core/rng.h"
#include "../src/core/soundalike.h"
#include "../src/core/vad.h"
#include "../src/io/audio/pronounce.h"
#include "../src/io/audio/recognizer.h"

#include <ctype.h>
#include <flite/flite.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Declared by no header of flite1-dev. */
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);

/* One answer per question of the bank with key terms, in its order;
 * sentences are spoken apart, with a pause between them. */
static const char *const texts[] = {
    "Um, batch processing collects records and runs them at a fixed interval, like every "
    "night. Stream processing handles each event in real time with low latency, using Kafka "
    "with Flink or Storm.",
    "A data warehouse stores structured tables for reporting and OLAP queries. A data lake "
    "keeps files in their raw form, including semi-structured and unstructured data, "
    "processed with Hadoop or Spark.",
    "A centralized system is simple, but it is a single point of failure and a bottleneck. "
    "Uh, a distributed system gives better scalability, reliability and fault tolerance.",
    "A data lakehouse puts warehouse features on top of a data lake. It keeps raw data and "
    "structured tables together, so analytics and machine learning read the same files.",
    "To speed up the job, extract only new rows with an incremental load, then transform "
    "them with parallel processing on each partition. Add an index for the join and a cache "
    "for lookups, so the database stops being the bottleneck.",
    "When a network partition splits the cluster, each node must choose between consistency "
    "and availability. Partition tolerance is required, so the trade-off is between the "
    "other two.",
    "Each shard holds a subset of the rows on its own database instance. That spreads the "
    "load, removes the bottleneck, and lets us parallelize queries for scalability.",
    "A relational database has a fixed schema, uses SQL and gives ACID guarantees for each "
    "transaction. Um, a NoSQL store can scale horizontally, with key-value, document or "
    "column-family models.",
    "Our data pipeline lands files in S3, and a Lambda function loads them into Redshift or "
    "BigQuery. It is on-demand and pay-as-you-go, and automation of the infrastructure gives "
    "scalability.",
    "Data profiling shows the shape of each column before validation runs. Cleansing fixes "
    "a missing value or removes a duplicate, while monitoring flags any anomaly. Error "
    "handling and data lineage tell us where bad records came from.",
    "Ingestion starts with Kafka or Kinesis. Flink or Spark Streaming does the stream "
    "processing, then results go to S3 and to Cassandra, a NoSQL database, with monitoring "
    "on every step.",
    "Each event changes the state of an order and can trigger a real-time alert. The data "
    "stream goes through Kafka to downstream consumers instead of a nightly ETL pipeline.",
};
#define N_TEXTS (sizeof texts / sizeof texts[0])

static const char *const fillers[] = {"um", "uh"};

/* Appends n samples (NULL: silence) to the item. */
static int append(struct speech_set_item *it, const short *samples, size_t n)
{
    int16_t *grown = realloc(it->samples, (it->n + n) * sizeof *grown);
    if (grown == NULL)
        return REH_ENOMEM;
    it->samples = grown;
    for (size_t i = 0; i < n; i++)
        grown[it->n + i] = samples != NULL ? samples[i] : 0;
    it->n += n;
    return REH_OK;
}

/* Appends text spoken by voice to the item. */
static int say(cst_voice *voice, const char *text, struct speech_set_item *it, struct diag *err)
{
    cst_wave *w = flite_text_to_wave(text, voice);
    if (w == NULL || w->sample_rate != SPEECH_SET_RATE) {
        delete_wave(w);
        return diag_set(err, REH_EIO, "flite cannot speak the test set at %d Hz", SPEECH_SET_RATE);
    }
    int rc = append(it, w->samples, (size_t)w->num_samples);
    it->speech += (size_t)w->num_samples;
    delete_wave(w);
    return rc == REH_OK ? REH_OK : diag_set(err, REH_ENOMEM, "out of memory");
}

/* Appends a filler said on its own, then `pause` samples of silence. */
static int say_filler(cst_voice *voice, size_t which, size_t pause, struct speech_set_item *it,
                      struct diag *err)
{
    size_t *at = it->filler_at[it->n_fillers++];
    at[0] = it->n;
    int rc = say(voice, fillers[which % 2], it, err);
    at[1] = it->n;
    if (rc == REH_OK && append(it, NULL, pause) != REH_OK)
        rc = diag_set(err, REH_ENOMEM, "out of memory");
    return rc;
}

/* Speaks item k: voice, tempo, leading silence and pauses vary with k. */
static int speak(cst_voice *voice, size_t k, int spliced, struct speech_set_item *it,
                 struct diag *err)
{
    static const float stretch[] = {1.0f, 0.85f, 1.2f};
    char sentence[512];
    size_t pause = SPEECH_SET_RATE * (6 + 3 * (k % 3)) / 10;
    int rc = REH_OK;
    feat_set_float(voice->features, "duration_stretch", stretch[k % 3]);
    if (append(it, NULL, SPEECH_SET_RATE * (3 + k % 5) / 10) != REH_OK)
        return diag_set(err, REH_ENOMEM, "out of memory");
    if (spliced)
        rc = say_filler(voice, k, pause, it, err);
    for (const char *s = it->text; *s != '\0' && rc == REH_OK;) {
        size_t len = strcspn(s, ".");
        len += s[len] == '.';
        snprintf(sentence, sizeof sentence, "%.*s", (int)len, s);
        s += len + strspn(s + len, " ");
        if ((rc = say(voice, sentence, it, err)) != REH_OK)
            break;
        if (append(it, NULL, pause) != REH_OK)
            rc = diag_set(err, REH_ENOMEM, "out of memory");
        else if (spliced && *s != '\0' && it->n_fillers < SPEECH_SET_MAX_FILLERS)
            rc = say_filler(voice, k + it->n_fillers, pause, it, err);
    }
    return rc;
}

int speech_set_make(struct speech_set *set, int spliced_fillers, struct diag *err)
{
    int rc = REH_OK;
    flite_init();
    cst_voice *voices[3] = {register_cmu_us_rms(NULL), register_cmu_us_slt(NULL),
                            register_cmu_us_awb(NULL)};
    set->n_items = 0;
    set->items = calloc(N_TEXTS, sizeof *set->items);
    if (set->items == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    for (size_t k = 0; k < N_TEXTS && rc == REH_OK; k++) {
        set->items[k].text = texts[k];
        set->n_items++;
        rc = voices[k % 3] != NULL ? speak(voices[k % 3], k, spliced_fillers, &set->items[k], err)
                                   : diag_set(err, REH_EIO, "a flite voice cannot be loaded");
    }
    if (rc != REH_OK)
        speech_set_free(set);
    return rc;
}

/* A normal deviate (Box-Muller over splitmix64). */
static double gaussian(struct rng *rng)
{
    double u = (rng_next(rng) >> 11) * 0x1.0p-53, v = (rng_next(rng) >> 11) * 0x1.0p-53;
    return sqrt(-2 * log(u + 0x1.0p-60)) * cos(2 * M_PI * v);
}

int speech_set_noisy(const struct speech_set *clean, double snr_db, struct speech_set *out,
                     struct diag *err)
{
    struct rng rng;
    rng_seed(&rng, 20261130);
    out->n_items = clean->n_items;
    out->items = calloc(clean->n_items, sizeof *out->items);
    if (out->items == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    for (size_t k = 0; k < clean->n_items; k++) {
        const struct speech_set_item *c = &clean->items[k];
        struct speech_set_item *it = &out->items[k];
        double power = 0;
        *it = *c;
        if ((it->samples = malloc(c->n * sizeof *it->samples)) == NULL) {
            speech_set_free(out);
            return diag_set(err, REH_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < c->n; i++)
            power += (double)c->samples[i] * c->samples[i];
        double sd = snr_db >= SPEECH_SET_CLEAN ? 0 : sqrt(power / c->speech / pow(10, snr_db / 10));
        for (size_t i = 0; i < c->n; i++) {
            double x = c->samples[i] + sd * gaussian(&rng);
            it->samples[i] = (int16_t)(x > 32767 ? 32767 : x < -32768 ? -32768 : lrint(x));
        }
    }
    return REH_OK;
}

void speech_set_free(struct speech_set *set)
{
    for (size_t k = 0; k < set->n_items; k++)
        free(set->items[k].samples);
    free(set->items);
    set->items = NULL;
    set->n_items = 0;
}

int speech_set_terms(const struct bank *bank, const char ***terms, size_t *n)
{
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < bank->n_questions; i++)
        cap += bank->questions[i].n_key_terms;
    if ((*terms = malloc((cap + 1) * sizeof **terms)) == NULL)
        return REH_ENOMEM;
    for (size_t i = 0; i < bank->n_questions; i++) {
        const struct question *q = &bank->questions[i];
        for (size_t j = 0; j < q->n_key_terms; j++) {
            size_t k = 0;
            while (k < *n && strcasecmp((*terms)[k], q->key_terms[j]) != 0)
                k++;
            if (k == *n)
                (*terms)[(*n)++] = q->key_terms[j];
        }
    }
    return REH_OK;
}

/* Whether a recognised word is a filler sound, as assets/fillers.txt
 * counts them wherever they are said. */
static int is_filler(const char *word)
{
    return strcmp(word, "um") == 0 || strcmp(word, "uh") == 0 || strcmp(word, "er") == 0;
}

/* The words of text, lower case, fillers left out, into words (at most
 * max); returns how many, and the fillers left out in *n_fillers. */
static size_t words_of(const char *text, char words[][32], size_t max, size_t *n_fillers)
{
    size_t n = 0;
    *n_fillers = 0;
    for (const char *p = text; *p != '\0' && n < max;) {
        size_t len = 0;
        while (isalnum((unsigned char)p[len]) || p[len] == '\'')
            len++;
        if (len == 0) {
            p++;
            continue;
        }
        snprintf(words[n], sizeof words[n], "%.*s", (int)len, p);
        for (char *c = words[n]; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        p += len;
        if (is_filler(words[n]))
            ++*n_fillers;
        else
            n++;
    }
    return n;
}

#define MAX_WORDS 256

/* The edit distance between the words of ref and hyp. */
static size_t word_errors(const char *ref, const char *hyp, size_t *n_ref)
{
    static char r[MAX_WORDS][32], h[MAX_WORDS][32];
    size_t skipped, nr = words_of(ref, r, MAX_WORDS, &skipped),
                    nh = words_of(hyp, h, MAX_WORDS, &skipped);
    size_t row[MAX_WORDS + 1];
    for (size_t j = 0; j <= nh; j++)
        row[j] = j;
    for (size_t i = 1; i <= nr; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nh; j++) {
            size_t up = row[j];
            size_t best = diag + (strcmp(r[i - 1], h[j - 1]) != 0);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    *n_ref = nr;
    return row[nh];
}

/* Seconds of CPU time of the process (the decoding is its one thread). */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The recognised words as one text. */
static char *joined(const struct analysis_word *words, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(words[i].word) + 1;
    char *text = malloc(len), *at = text;
    if (text == NULL)
        return NULL;
    *at = '\0';
    for (size_t i = 0; i < n; i++)
        at += sprintf(at, "%s%s", i ? " " : "", words[i].word);
    return text;
}

/* Counts what the analysis of the item, its words recognised, shows. */
static int shown(const struct speech_set_item *it, const struct analysis_word *words,
                 size_t n_words, struct speech_score *score)
{
    static const char *const no_fillers[] = {NULL};
    struct vad_result vad = {0};
    struct analysis a = {0};
    int rc = vad_analyze(it->samples, it->n, SPEECH_SET_RATE, &vad) == 0
                 ? analysis_compute(&a, &vad, words, n_words, no_fillers)
                 : REH_ENOMEM;
    if (rc == REH_OK) {
        score->items++;
        score->named_noisy += a.snr_db < ANALYSIS_NOISY_DB;
        score->pace_shown += (size_t)analysis_pace_known(&a);
        analysis_free(&a);
    }
    vad_free(&vad);
    return rc;
}

/* A spliced filler is heard when a filler word starts this close to it. */
#define FILLER_SLACK_S 0.25

/* Scores the fillers recognised in the item against those said. */
static void score_fillers(const struct speech_set_item *it, const struct analysis_word *words,
                          size_t n_words, struct speech_score *score)
{
    static char scratch[MAX_WORDS][32];
    int heard[SPEECH_SET_MAX_FILLERS] = {0};
    size_t in_text;
    words_of(it->text, scratch, MAX_WORDS, &in_text);
    score->fillers_said += in_text + it->n_fillers;
    for (size_t i = 0; i < n_words; i++) {
        if (!is_filler(words[i].word))
            continue;
        score->fillers_reported++;
        size_t f = 0;
        while (f < it->n_fillers &&
               (heard[f] ||
                words[i].start_s < (double)it->filler_at[f][0] / SPEECH_SET_RATE - FILLER_SLACK_S ||
                words[i].start_s > (double)it->filler_at[f][1] / SPEECH_SET_RATE + FILLER_SLACK_S))
            f++;
        if (f < it->n_fillers)
            heard[f] = 1;
        else if (in_text > 0)
            in_text--;
        else
            continue;
        score->fillers_heard++;
    }
}

/* Scores the key terms of the words said (`ref`) and recognised (`hyp`):
 * named, or (`by_sound`) heard as words of their sound. */
static int score_terms(const char *ref, const char *hyp, const char *const *terms, size_t n_terms,
                       int by_sound, struct speech_score *score)
{
    struct soundalike *sounds = NULL;
    char heard_as[128];
    if (by_sound && soundalike_open(&sounds, hyp, pronounce_phones) != REH_OK)
        return REH_ENOMEM;
    for (size_t t = 0; t < n_terms; t++) {
        int said = coverage_has(ref, terms[t]), named = coverage_has(hyp, terms[t]);
        int sound = !named && sounds != NULL &&
                    soundalike_find(sounds, terms[t], heard_as, sizeof heard_as);
        score->terms_said += said;
        score->terms_heard += said && (named || sound);
        score->terms_by_sound += said && sound;
        score->terms_unsaid += !said;
        score->false_terms += !said && (named || sound);
        score->false_by_sound += !said && sound;
    }
    soundalike_free(sounds);
    return REH_OK;
}

int speech_set_decode(const struct speech_set *set, const char *domain_lm, const char *const *terms,
                      size_t n_terms, struct speech_score *score, struct diag *err)
{
    struct recognizer *r;
    int rc = recognizer_open(&r, domain_lm, err);
    *score = (struct speech_score){0};
    if (rc == REH_OK && domain_lm == NULL)
        recognizer_set_denoise(r, 0);
    for (size_t k = 0; k < set->n_items && rc == REH_OK; k++) {
        const struct speech_set_item *it = &set->items[k];
        struct analysis_word *words;
        size_t n_words, n_ref;
        double start = now();
        recognizer_start(r);
        recognizer_feed(r, it->samples, it->n);
        if ((rc = recognizer_finish(r, &words, &n_words, err)) != REH_OK)
            break;
        score->decode_s += now() - start;
        score->audio_s += (double)it->n / SPEECH_SET_RATE;
        char *hyp = joined(words, n_words);
        score_fillers(it, words, n_words, score);
        rc = shown(it, words, n_words, score);
        analysis_words_free(words, n_words);
        if (rc != REH_OK || hyp == NULL) {
            free(hyp);
            rc = diag_set(err, REH_ENOMEM, "out of memory");
            break;
        }
        score->word_errors += word_errors(it->text, hyp, &n_ref);
        score->ref_words += n_ref;
        if (score_terms(it->text, hyp, terms, n_terms, domain_lm != NULL, score) != REH_OK) {
            free(hyp);
            rc = diag_set(err, REH_ENOMEM, "out of memory");
            break;
        }
        if (getenv("SPEECH_SET_VERBOSE") != NULL)
            fprintf(stderr, "REF: %s\nHYP: %s\n", it->text, hyp);
        free(hyp);
    }
    recognizer_close(r);
    return rc;
}
