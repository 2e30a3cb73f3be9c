/* Table-driven tests of key-term coverage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/bank.h"
#include "core/coverage.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

struct example {
    const char *text, *term;
    int found;
};

static void check(const struct example *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (coverage_has(cases[i].text, cases[i].term) != cases[i].found)
            fail_msg("'%s' in \"%s\": expected %d", cases[i].term, cases[i].text, cases[i].found);
}

static void matches_terms(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"We used OLAP cubes.", "OLAP", 1},
        {"we used olap", "OLAP", 1},
        {"OLAPish tools", "OLAP", 0},        /* word boundary */
        {"a GOLAP tool", "OLAP", 0},         /* word boundary */
        {"the schemas differ", "schema", 1}, /* plural -s */
        {"all the indexes", "index", 1},     /* plural -es */
        {"two data lakes", "data lake", 1},  /* multi-word, plural */
        {"data, lake", "data lake", 1},      /* punctuation separates words */
        {"stored in its raw form", "raw form", 1},
        {"partitioning by day", "partition", 1}, /* -ing */
        {"we partitioned it", "partition", 1},   /* -ed */
        {"caching helps", "cache", 1},           /* e -> ing */
        {"results were cached", "cache", 1},     /* e -> d */
        {"many anomalies", "anomaly", 1},        /* y -> ies */
        {"semi structured logs", "semi-structured", 1},
        {"semi-structured logs", "semi-structured", 1},
        {"Kafka and Flink", "Apache Kafka", 0},
        {"apache kafka", "Apache Kafka", 1},
        {"a shard key", "shards", 1}, /* plural term, singular word */
        {"", "OLAP", 0},
        {"anything", "", 0},
        {"ACID transactions", "ACID", 1},
        {"placid", "ACID", 0},
    };
    check(cases, sizeof cases / sizeof cases[0]);
}

/* The words of a multi-word term in any order, within two other words. */
static void matches_any_order_nearby(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"we chose horizontal scale", "scale horizontally", 1},
        {"we scale horizontally", "scale horizontally", 1},
        {"horizontally, we scale", "scale horizontally", 1},
        {"we scale the cluster horizontally", "scale horizontally", 1},     /* two between */
        {"we scale the big cluster horizontally", "scale horizontally", 0}, /* three */
        {"lake data", "data lake", 1},
        {"data in a lake", "data lake", 1},
        {"partition of the whole network", "network partition", 0},
        {"data, data and data", "data lake", 0},
        {"single failure point", "single point of failure", 0}, /* every word counts */
        {"a point of failure", "single point of failure", 0},
    };
    check(cases, sizeof cases / sizeof cases[0]);
}

/* Each word stands for its forms: one stem for scale, scaling, scaled. */
static void matches_word_forms(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"scaling out", "scale", 1},
        {"it scaled", "scale", 1},
        {"it scales", "scaling", 1},
        {"scale it", "scaled", 1},
        {"horizontal growth", "horizontally", 1},
        {"partition by day", "partitioning", 1},
        {"partitioning by day", "partition", 1},
        {"partitioned tables", "partition", 1},
        {"table partitions", "partitioning", 1},
        {"the rows are valid", "validation", 1}, /* one stem: valid */
        {"scalability", "scale", 0},
        {"a partial result", "partition", 0},
        {"horizon", "horizontal", 0},
    };
    check(cases, sizeof cases / sizeof cases[0]);
}

/* real-time, real time and realtime name each other; a hyphenated term keeps
 * its words in a row and in order. */
static void matches_hyphen_and_space_variants(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"real-time", "real-time", 1},
        {"in real time", "real-time", 1},
        {"realtime dashboards", "real-time", 1},
        {"real-time", "realtime", 1},
        {"real time", "realtime", 1},
        {"realtime", "real time", 1},
        {"near real-time", "real time", 1},
        {"a key value store", "key-value", 1},
        {"keyvalue stores", "key-value", 1},
        {"pay as you go", "pay-as-you-go", 1},
        {"time is real", "real-time", 0},
        {"real data in time", "real-time", 0},
        {"a value key", "key-value", 0},
    };
    check(cases, sizeof cases / sizeof cases[0]);
}

/* A term led by a generic modifier ("data") is also named by the rest of it;
 * the modifier alone names nothing. */
static void matches_compounds_by_their_head(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"a lakehouse", "data lakehouse", 1},
        {"two lakehouses", "data lakehouse", 1},
        {"a data lakehouse", "data lakehouse", 1},
        {"the warehouse", "data warehouse", 1},
        {"a lake of files", "data lake", 1},
        {"data", "data lakehouse", 0},
        {"all our data", "data warehouse", 0},
        {"a lakehouse", "data lake", 0},
        {"data", "raw data", 0},
        {"a raw file", "raw data", 0},
        {"processing", "stream processing", 0},
        {"a partition", "network partition", 0},
        {"Kafka and Flink", "Apache Kafka", 0}, /* only generic modifiers drop */
    };
    check(cases, sizeof cases / sizeof cases[0]);
}

/* A term never matches inside a longer word, nor a word like it. */
static void never_matches_inside_a_word(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"NoSQL", "SQL", 0},
        {"NoSQL stores", "SQL", 0},
        {"no-SQL stores", "NoSQL", 1},
        {"SQL and NoSQL", "SQL", 1},
        {"SQL", "NoSQL", 0},
        {"ELT", "ETL", 0},
        {"ETL", "ELT", 0},
        {"an ETL job", "ETL", 1},
        {"OLAPish", "OLAP", 0},
        {"placid", "ACID", 0},
        {"sharding", "shard", 1},
        {"low-latency processing", "latency", 1}, /* a hyphen separates words */
    };
    check(cases, sizeof cases / sizeof cases[0]);
}

/* Letters said one by one, as a recogniser writes an acronym, are one word;
 * "a" and "i" are words of their own. */
static void matches_spelled_letters(void **state)
{
    (void)state;
    static const struct example cases[] = {
        {"an e t l job", "ETL", 1},
        {"a s q l query", "SQL", 1}, /* not "asql" */
        {"e t l pipelines", "ETL pipeline", 1},
        {"e t l", "ELT", 0},
        {"n o s q l", "SQL", 0},
        {"n o s q l stores", "NoSQL", 1},
    };
    check(cases, sizeof cases / sizeof cases[0]);
}

/* Words over 63 characters are cut and terms count their first 8 words:
 * nine 70-letter words, written with hyphens, as one word or apart. */
static void takes_long_words_and_terms(void **state)
{
    (void)state;
    char apart[9 * 71], hyphens[9 * 71], joined[9 * 70 + 1];
    for (size_t i = 0; i < 9; i++) {
        memset(apart + i * 71, 'a' + (int)i, 70);
        memcpy(hyphens + i * 71, apart + i * 71, 70);
        memcpy(joined + i * 70, apart + i * 71, 70);
        apart[i * 71 + 70] = ' ';
        hyphens[i * 71 + 70] = '-';
    }
    apart[sizeof apart - 1] = hyphens[sizeof hyphens - 1] = joined[sizeof joined - 1] = '\0';
    assert_true(coverage_has(apart, hyphens));
    assert_true(coverage_has(apart, apart));
    assert_false(coverage_has(joined, hyphens)); /* one 630-letter word, cut to 63 */
    assert_false(coverage_has(apart + 71, hyphens));
}

/* A term is named by any of its spellings, each matched by the same rules;
 * a spelling names only its own term. */
static void matches_alternatives(void **state)
{
    (void)state;
    const char *spellings[] = {"horizontal scaling", "scale out"};
    const struct coverage_alternatives alt = {spellings, 2};
    assert_true(coverage_names("we scaled out the cluster", "scale horizontally", &alt));
    assert_true(coverage_names("horizontally scaled", "scale horizontally", &alt));
    assert_true(coverage_names("scaling it horizontally", "scale horizontally", NULL));
    assert_false(coverage_names("we scale up", "scale horizontally", &alt));
    assert_false(coverage_names("", "scale horizontally", &alt));
}

static void measures_a_fraction(void **state)
{
    (void)state;
    static const char *const terms[] = {"data warehouse", "data lake", "OLAP", "raw form"};
    int found[4];
    double f =
        coverage_measure("A data lake keeps data in raw form; marts use OLAP.", terms, 4, found);
    assert_true(f == 0.75);
    assert_int_equal(found[0], 0);
    assert_int_equal(found[1], 1);
    assert_int_equal(found[2], 1);
    assert_int_equal(found[3], 1);
    assert_true(coverage_measure("text", terms, 0, found) == 0);
}

/* Calls fn(name, question, counts) for every question of every bank
 * shipped under assets/banks; returns the number of banks. */
static size_t each_shipped_question(void (*fn)(const char *, const struct question *, size_t *),
                                    size_t *counts)
{
    DIR *dir = opendir(REHEARSE_BANK_DIR);
    if (dir == NULL)
        fail_msg("cannot open %s", REHEARSE_BANK_DIR);
    size_t banks = 0;
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 5, ".yaml") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", REHEARSE_BANK_DIR, ent->d_name);
        struct bank bank;
        struct diag err;
        if (bank_load(&bank, path, &err) != REH_OK)
            fail_msg("%s: %s", path, err.message);
        banks++;
        for (size_t i = 0; i < bank.n_questions; i++)
            fn(ent->d_name, &bank.questions[i], counts);
        bank_free(&bank);
    }
    closedir(dir);
    return banks;
}

/* counts: key terms checked, missed. */
static void names_its_terms(const char *bank, const struct question *q, size_t *counts)
{
    for (size_t t = 0; q->model_answer != NULL && t < q->n_key_terms; t++) {
        counts[0]++;
        if (!question_names_term(q, t, q->model_answer)) {
            print_message("%s: %s: key term '%s' not in its model answer\n", bank, q->id,
                          q->key_terms[t]);
            counts[1]++;
        }
    }
}

/* Every key term of a question with a model answer is named by that model
 * answer (in one of its spellings), in every bank shipped under
 * assets/banks. */
static void banks_name_their_own_terms(void **state)
{
    (void)state;
    size_t counts[2] = {0, 0};
    size_t banks = each_shipped_question(names_its_terms, counts);
    print_message("%zu banks, %zu key terms checked, %zu missed\n", banks, counts[0], counts[1]);
    assert_true(banks > 0);
    assert_true(counts[0] > 0);
    assert_int_equal(counts[1], 0);
}

/* The shipped bank spells its varied terms more than one way: an answer
 * that says "scale out" names "scale horizontally", one that says "wide
 * column" names "column-family". */
static void shipped_terms_have_alternatives(void **state)
{
    (void)state;
    struct bank bank;
    struct diag err;
    char path[512];
    snprintf(path, sizeof path, "%s/data-engineering.yaml", REHEARSE_BANK_DIR);
    if (bank_load(&bank, path, &err) != REH_OK)
        fail_msg("%s", err.message);
    const struct question *q = bank_find(&bank, "store-sql-vs-nosql");
    assert_non_null(q);
    size_t scale = 0, family = 0;
    while (scale < q->n_key_terms && strcmp(q->key_terms[scale], "scale horizontally") != 0)
        scale++;
    while (family < q->n_key_terms && strcmp(q->key_terms[family], "column-family") != 0)
        family++;
    assert_true(scale < q->n_key_terms && family < q->n_key_terms);
    assert_true(question_names_term(q, scale, "Mongo lets us scale out cheaply."));
    assert_false(coverage_has("Mongo lets us scale out cheaply.", "scale horizontally"));
    assert_true(question_names_term(q, family, "Cassandra is a wide column store."));
    assert_false(question_names_term(q, scale, "Mongo lets us scale up."));
    bank_free(&bank);
}

/* counts: questions that need follow-ups, their follow-ups, those asked on
 * terms, faults. */
static void follows_up(const char *bank, const struct question *q, size_t *counts)
{
    if (q->model_answer == NULL && q->kind != KIND_DESIGN && q->kind != KIND_CASE_STUDY)
        return;
    int from_model = 0;
    for (size_t k = 0; k < q->n_follow_ups; k++) {
        const struct follow_up *f = &q->follow_ups[k];
        int named = q->model_answer != NULL && f->n_when_missing > 0;
        counts[3] += f->text == NULL || f->text[0] == '\0';
        for (size_t t = 0; t < f->n_when_missing; t++) {
            counts[3] += f->when_missing[t][0] == '\0';
            named = named && coverage_has(q->model_answer, f->when_missing[t]);
        }
        from_model |= named;
        counts[2] += f->n_when_missing > 0;
    }
    counts[0]++;
    counts[1] += q->n_follow_ups;
    if (q->n_follow_ups < 2 || (q->model_answer != NULL && !from_model)) {
        print_message("%s: %s: %zu follow-ups%s\n", bank, q->id, q->n_follow_ups,
                      from_model || q->model_answer == NULL
                          ? ""
                          : ", none asked on terms of its model answer");
        counts[3]++;
    }
}

/* Every question of a shipped bank that has a model answer, or is a design
 * question or a case study, has at least two follow-ups, each with a text;
 * each term of a `when_missing` is non-empty text; most follow-ups are
 * asked on such terms, and a question with a model answer has one asked
 * on terms its model answer names. */
static void banks_follow_up_their_questions(void **state)
{
    (void)state;
    size_t counts[4] = {0, 0, 0, 0};
    each_shipped_question(follows_up, counts);
    print_message("%zu questions with %zu follow-ups, %zu asked on key terms\n", counts[0],
                  counts[1], counts[2]);
    assert_true(counts[0] > 0);
    assert_int_equal(counts[3], 0);
    assert_true(counts[2] * 2 > counts[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_terms),
        cmocka_unit_test(matches_any_order_nearby),
        cmocka_unit_test(matches_word_forms),
        cmocka_unit_test(matches_hyphen_and_space_variants),
        cmocka_unit_test(matches_compounds_by_their_head),
        cmocka_unit_test(never_matches_inside_a_word),
        cmocka_unit_test(matches_spelled_letters),
        cmocka_unit_test(takes_long_words_and_terms),
        cmocka_unit_test(matches_alternatives),
        cmocka_unit_test(measures_a_fraction),
        cmocka_unit_test(banks_name_their_own_terms),
        cmocka_unit_test(shipped_terms_have_alternatives),
        cmocka_unit_test(banks_follow_up_their_questions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
