/* Tests of the bank and scenario loaders: a valid file of each with every
 * field checked, and the corpus of malformed files under data/bad, each with
 * its exact "FILE:LINE:COL: message" listed in data/bad/expected.tsv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/bank.h"
#include "core/scenario.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA      REHEARSE_TEST_DATA
#define TEST_BANK DATA "/good/bank.yaml"

static void loads_bank(void **state)
{
    (void)state;
    struct bank bank;
    struct diag err;
    assert_int_equal(bank_load(&bank, TEST_BANK, &err), REH_OK);
    assert_string_equal(bank.id, "test-bank");
    assert_string_equal(bank.title, "Test bank");
    assert_int_equal(bank.n_categories, 3);
    assert_string_equal(bank.categories[2].title, "Gamma & more");
    assert_int_equal(bank.n_questions, 8);

    const struct question *q = bank_find(&bank, "a-one");
    assert_non_null(q);
    assert_string_equal(q->category, "alpha");
    assert_int_equal(q->kind, KIND_CONCEPT);
    assert_int_equal(q->suggested_s, 120);
    assert_string_equal(q->text, "What is alpha: the first letter?");
    assert_string_equal(q->model_answer, "Alpha is the first letter.\n- It comes first.\n");
    assert_int_equal(q->n_key_points, 1);
    assert_string_equal(q->key_points[0], "It comes first.");
    assert_int_equal(q->n_key_terms, 2);
    assert_string_equal(q->key_terms[1], "alphabet");
    assert_null(question_alternatives(q, 0));
    assert_int_equal(question_alternatives(q, 1)->n, 2);
    assert_string_equal(question_alternatives(q, 1)->items[0], "ABC");
    assert_string_equal(question_alternatives(q, 1)->items[1], "abecedary");
    assert_true(question_names_term(q, 1, "an abecedary"));
    assert_false(question_names_term(q, 0, "an abecedary"));
    assert_int_equal(q->line, 12);
    assert_int_equal(q->column, 5);

    q = bank_find(&bank, "b-two");
    assert_int_equal(q->kind, KIND_CONCEPT); /* the default */
    assert_int_equal(q->suggested_s, 90);
    assert_null(q->model_answer);
    assert_int_equal(q->n_key_terms, 0);
    assert_null(q->key_term_alternatives);
    assert_int_equal(bank_find(&bank, "g-one")->suggested_s, 60);
    assert_int_equal(bank_find(&bank, "g-two")->suggested_s, 0);
    assert_int_equal(bank_find(&bank, "b-three")->kind, KIND_CASE_STUDY);
    assert_null(bank_find(&bank, "nope"));
    bank_free(&bank);
}

static void loads_scenario(void **state)
{
    (void)state;
    struct bank bank;
    struct scenario sc;
    struct diag err;
    assert_int_equal(bank_load(&bank, TEST_BANK, &err), REH_OK);
    assert_int_equal(scenario_load(&sc, DATA "/good/scenario.yaml", &err), REH_OK);
    assert_int_equal(scenario_resolve(&sc, &bank, &err), REH_OK);

    assert_string_equal(sc.id, "test-scenario");
    assert_string_equal(sc.title, "Test scenario");
    assert_string_equal(sc.description, "Used by the loader tests.");
    assert_string_equal(sc.bank_id, "test-bank");
    assert_int_equal(sc.budget_s, 1200);
    assert_int_equal(sc.settings.mode, MODE_MIXED);
    assert_int_equal(sc.settings.overtime, OVERTIME_SOFT);
    assert_int_equal(sc.settings.n_warnings, 2);
    assert_int_equal(sc.settings.warnings_s[0], 45); /* sorted, largest first */
    assert_int_equal(sc.settings.warnings_s[1], 15);
    assert_int_equal(sc.seed_random, 0);
    assert_int_equal(sc.seed, 42);
    assert_int_equal(sc.n_sections, 4);

    const struct scenario_section *s = &sc.sections[0];
    assert_string_equal(s->title, "Listed");
    assert_int_equal(s->limit_s, 120);
    assert_int_equal(s->n_entries, 2);
    assert_ptr_equal(s->entries[1].q, bank_find(&bank, "b-one"));

    s = &sc.sections[1];
    assert_int_equal(s->pick, 2);
    assert_string_equal(s->from_category, "alpha");
    assert_int_equal(s->from_kind, KIND_DESIGN);
    assert_int_equal(s->mode, MODE_SPOKEN);
    assert_int_equal(s->limit_s, 0);

    s = &sc.sections[3];
    assert_null(s->entries[0].bank_id);
    assert_string_equal(s->entries[0].q->id, "own-question");
    assert_string_equal(s->entries[0].q->text, "Tell me about a pipeline you are proud of.");
    assert_int_equal(s->entries[0].limit_s, 120);
    assert_int_equal(s->entries[0].mode, MODE_SPOKEN);
    assert_string_equal(s->entries[1].bank_id, "g-one");

    assert_int_equal(scenario_question_count(&sc), 7);
    /* 2 x 2m + (4m + 3m) + 90s + 2m + 60s */
    assert_int_equal(scenario_planned_s(&sc, &bank), 930);
    scenario_free(&sc);
    bank_free(&bank);
}

static void defaults_apply(void **state)
{
    (void)state;
    static const char text[] = "id: small\ntitle: Small\nbank: test-bank\n"
                               "sections:\n  - title: One\n    questions: [a-one, b-two]\n";
    struct ydoc doc;
    struct scenario sc;
    struct bank bank;
    struct diag err;
    assert_int_equal(bank_load(&bank, TEST_BANK, &err), REH_OK);
    assert_int_equal(
        ydoc_load_buffer(&doc, "small.yaml", (const unsigned char *)text, sizeof text - 1, &err),
        REH_OK);
    assert_int_equal(scenario_from_doc(&sc, &doc, &err), REH_OK);
    ydoc_free(&doc);
    assert_int_equal(scenario_resolve(&sc, &bank, &err), REH_OK);
    assert_int_equal(sc.settings.mode, MODE_TYPED);
    assert_int_equal(sc.settings.overtime, OVERTIME_HARD);
    assert_int_equal(sc.seed_random, 1);
    assert_int_equal(sc.settings.n_warnings, 2);
    assert_null(sc.description);
    assert_int_equal(sc.budget_s, 120 + 90); /* no budget: the sum of the limits */
    scenario_free(&sc);
    bank_free(&bank);
}

/* Parses the n bytes of text, named `name`, into doc. */
static void load_text(struct ydoc *doc, const char *name, const char *text, size_t n)
{
    struct diag err;
    if (ydoc_load_buffer(doc, name, (const unsigned char *)text, n, &err) != REH_OK)
        fail_msg("%s", err.message);
}

/* Follow-ups of bank and inline questions, and the scenario keys that ask
 * them: their defaults and their values. */
static void loads_follow_ups(void **state)
{
    (void)state;
    static const char bank_text[] = "id: fb\ntitle: F\ncategories:\n  - {id: alpha, title: A}\n"
                                    "questions:\n"
                                    "  - id: q1\n    category: alpha\n    text: One?\n"
                                    "    follow_ups:\n"
                                    "      - text: And late data?\n"
                                    "        when_missing: [watermark, late data]\n"
                                    "        limit: 90s\n"
                                    "      - text: What does it cost?\n"
                                    "  - id: q2\n    category: alpha\n    text: Two?\n";
    static const char scenario_text[] = "id: s\ntitle: S\nbank: fb\nmax_follow_ups: 0\n"
                                        "follow_ups: generated\n"
                                        "sections:\n  - title: One\n    limit: 2m\n"
                                        "    questions:\n      - id: own\n        text: Yours?\n"
                                        "        follow_ups:\n          - text: Why?\n";
    static const char plain_text[] = "id: p\ntitle: P\nbank: fb\n"
                                     "sections:\n  - title: One\n    questions: [q1]\n";
    struct ydoc doc;
    struct bank bank;
    struct scenario sc;
    struct diag err;
    load_text(&doc, "fb.yaml", bank_text, sizeof bank_text - 1);
    assert_int_equal(bank_from_doc(&bank, &doc, &err), REH_OK);
    ydoc_free(&doc);
    const struct question *q = bank_find(&bank, "q1");
    assert_int_equal(q->n_follow_ups, 2);
    assert_string_equal(q->follow_ups[0].text, "And late data?");
    assert_int_equal(q->follow_ups[0].n_when_missing, 2);
    assert_string_equal(q->follow_ups[0].when_missing[0], "watermark");
    assert_string_equal(q->follow_ups[0].when_missing[1], "late data");
    assert_int_equal(q->follow_ups[0].limit_s, 90);
    assert_int_equal(q->follow_ups[0].line, 10);
    assert_int_equal(q->follow_ups[0].column, 9);
    assert_string_equal(q->follow_ups[1].text, "What does it cost?");
    assert_int_equal(q->follow_ups[1].n_when_missing, 0); /* always asked */
    assert_int_equal(q->follow_ups[1].limit_s, 0);        /* the default */
    assert_int_equal(bank_find(&bank, "q2")->n_follow_ups, 0);

    load_text(&doc, "s.yaml", scenario_text, sizeof scenario_text - 1);
    assert_int_equal(scenario_from_doc(&sc, &doc, &err), REH_OK);
    ydoc_free(&doc);
    assert_int_equal(sc.settings.max_follow_ups, 0);
    assert_int_equal(sc.settings.follow_ups, FOLLOW_UPS_GENERATED);
    const struct question *own = sc.sections[0].entries[0].q;
    assert_int_equal(own->n_follow_ups, 1);
    assert_string_equal(own->follow_ups[0].text, "Why?");
    scenario_free(&sc);

    load_text(&doc, "p.yaml", plain_text, sizeof plain_text - 1);
    assert_int_equal(scenario_from_doc(&sc, &doc, &err), REH_OK);
    ydoc_free(&doc);
    assert_int_equal(sc.settings.max_follow_ups, 1);
    assert_int_equal(sc.settings.follow_ups, FOLLOW_UPS_AUTHORED);
    scenario_free(&sc);
    bank_free(&bank);
}

/* An inline question without an id is asked as SCENARIO-sSECTION-qN, its
 * section and its place in it. */
static void inline_questions_without_an_id(void **state)
{
    (void)state;
    static const char text[] = "id: mine\ntitle: M\nbank: test-bank\nsections:\n"
                               "  - title: One\n    limit: 1m\n    questions: [a-one]\n"
                               "  - title: Two\n    limit: 1m\n    questions:\n"
                               "      - b-one\n      - text: Mine?\n"
                               "      - {id: own, text: Own?}\n";
    struct ydoc doc;
    struct scenario sc;
    struct bank bank;
    struct diag err;
    assert_int_equal(bank_load(&bank, TEST_BANK, &err), REH_OK);
    load_text(&doc, "mine.yaml", text, sizeof text - 1);
    assert_int_equal(scenario_from_doc(&sc, &doc, &err), REH_OK);
    ydoc_free(&doc);
    assert_int_equal(scenario_resolve(&sc, &bank, &err), REH_OK);
    const struct scenario_entry *e = sc.sections[1].entries;
    assert_string_equal(e[1].q->id, "mine-s2-q2");
    assert_string_equal(e[1].q->text, "Mine?");
    assert_int_equal(e[1].id_derived, 1);
    assert_int_equal(e[1].line, 12);
    assert_string_equal(e[2].q->id, "own");
    assert_int_equal(e[2].id_derived, 0);
    assert_int_equal(e[0].id_derived, 0);
    scenario_free(&sc);
    bank_free(&bank);
}

/* Every setting of sc is the one of `want`. */
static void assert_settings(const struct scenario *sc, const struct scenario_settings *want)
{
    assert_int_equal(sc->settings.mode, want->mode);
    assert_int_equal(sc->settings.overtime, want->overtime);
    assert_int_equal(sc->settings.n_warnings, want->n_warnings);
    assert_memory_equal(sc->settings.warnings_s, want->warnings_s, sizeof sc->settings.warnings_s);
    assert_int_equal(sc->settings.think_s, want->think_s);
    assert_int_equal(sc->settings.max_takes, want->max_takes);
    assert_int_equal(sc->settings.voice, want->voice);
}

/* The settings of a file that gives none are the documented defaults, and a
 * scenario made of chosen questions asks with the settings of its base and
 * nothing else of it. */
static void settings_default_and_pass_on(void **state)
{
    (void)state;
    static const char text[] = "id: small\ntitle: Small\nbank: test-bank\nthink: 30s\n"
                               "max_takes: 3\nvoice: true\n"
                               "sections:\n  - title: One\n    questions: [a-one, b-two]\n";
    static const char *const ids[] = {"g-two", "a-one"};
    const struct scenario_settings small = {.mode = MODE_TYPED,
                                            .overtime = OVERTIME_HARD,
                                            .warnings_s = {60, 15},
                                            .n_warnings = 2,
                                            .think_s = 30,
                                            .max_takes = 3,
                                            .voice = 1},
                                   file = {.mode = MODE_MIXED,
                                           .overtime = OVERTIME_SOFT,
                                           .warnings_s = {45, 15},
                                           .n_warnings = 2,
                                           .max_takes = 1};
    struct ydoc doc;
    struct scenario sc, derived, plain;
    struct diag err;
    assert_int_equal(
        ydoc_load_buffer(&doc, "small.yaml", (const unsigned char *)text, sizeof text - 1, &err),
        REH_OK);
    assert_int_equal(scenario_from_doc(&sc, &doc, &err), REH_OK);
    ydoc_free(&doc);
    assert_settings(&sc, &small);

    assert_int_equal(scenario_load(&plain, DATA "/good/scenario.yaml", &err), REH_OK);
    assert_settings(&plain, &file);

    assert_int_equal(
        scenario_of_questions(&derived, &plain, "chosen", "Chosen", "Two", ids, 2, &err), REH_OK);
    assert_settings(&derived, &file);
    assert_int_equal(derived.budget_s, 0); /* not the base's budget */
    assert_int_equal(derived.seed, 0);     /* nor its seed */
    assert_int_equal(derived.default_limit_s, SCENARIO_DERIVED_LIMIT_S);
    assert_string_equal(derived.based_on, "test-scenario");
    assert_string_equal(derived.bank_id, "test-bank");
    assert_int_equal(derived.n_sections, 1);
    assert_string_equal(derived.sections[0].title, "Two");
    assert_string_equal(derived.sections[0].entries[0].bank_id, "g-two");
    scenario_free(&derived);
    scenario_free(&plain);
    scenario_free(&sc);
}

/* A scenario of questions split by category: a section per run of one
 * category, titled by the category, with the questions in their order. */
static void sections_by_category(void **state)
{
    (void)state;
    static const char *const ids[] = {"a-one", "a-two", "g-one", "a-three"};
    struct bank bank;
    struct scenario base, sc;
    struct diag err;
    assert_int_equal(bank_load(&bank, TEST_BANK, &err), REH_OK);
    assert_int_equal(scenario_load(&base, DATA "/good/scenario.yaml", &err), REH_OK);
    assert_int_equal(scenario_of_questions(&sc, &base, "chosen", "Chosen", "All", ids, 4, &err),
                     REH_OK);
    assert_int_equal(scenario_resolve(&sc, &bank, &err), REH_OK);
    assert_int_equal(scenario_sections_by_category(&sc, &bank, &err), REH_OK);

    static const char *const titles[] = {"Alpha questions", "Gamma & more", "Alpha questions"};
    static const size_t counts[] = {2, 1, 1};
    assert_int_equal(sc.n_sections, 3);
    size_t k = 0;
    for (size_t i = 0; i < 3; i++) {
        const struct scenario_section *s = &sc.sections[i];
        assert_string_equal(s->title, titles[i]);
        assert_int_equal(s->n_entries, counts[i]);
        assert_int_equal(s->mode, MODE_INHERIT);
        assert_int_equal(s->think_s, SCENARIO_INHERIT);
        for (size_t j = 0; j < s->n_entries; j++)
            assert_string_equal(s->entries[j].q->id, ids[k++]);
    }
    assert_int_equal(scenario_question_count(&sc), 4);
    scenario_free(&sc);
    scenario_free(&base);
    bank_free(&bank);
}

/* Loads a malformed file the way `rehearse check` would: banks alone,
 * scenarios resolved against the test bank. */
static int load_bad(const char *path, struct diag *err)
{
    struct bank bank;
    struct scenario sc;
    const char *name = strrchr(path, '/') + 1;
    if (strncmp(name, "bank-", 5) == 0) {
        int rc = bank_load(&bank, path, err);
        if (rc == REH_OK)
            bank_free(&bank);
        return rc;
    }
    if (bank_load(&bank, TEST_BANK, err) != REH_OK)
        fail_msg("test bank: %s", err->message);
    int rc = scenario_load(&sc, path, err);
    if (rc == REH_OK) {
        rc = scenario_resolve(&sc, &bank, err);
        scenario_free(&sc);
    }
    bank_free(&bank);
    return rc;
}

static void rejects_every_malformed_file(void **state)
{
    (void)state;
    FILE *f = fopen(DATA "/bad/expected.tsv", "r");
    char line[512];
    size_t checked = 0;
    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL) {
        char *tab = strchr(line, '\t'), path[1024], expected[2048];
        struct diag err;
        if (line[0] == '#' || tab == NULL)
            continue;
        *tab = '\0';
        tab[strcspn(tab + 1, "\n") + 1] = '\0';
        snprintf(path, sizeof path, DATA "/bad/%s", line);
        snprintf(expected, sizeof expected, "%s:%s", path, tab + 1);
        int rc = load_bad(path, &err);
        if (rc != REH_EDATA)
            fail_msg("%s: expected REH_EDATA, got %d", line, rc);
        if (strcmp(err.message, expected) != 0)
            fail_msg("%s:\n  expected: %s\n  actual:   %s", line, expected, err.message);
        checked++;
    }
    fclose(f);

    /* Every file of the corpus is listed. */
    DIR *dir = opendir(DATA "/bad");
    struct dirent *ent;
    size_t files = 0;
    assert_non_null(dir);
    while ((ent = readdir(dir)) != NULL)
        files += strstr(ent->d_name, ".yaml") != NULL;
    closedir(dir);
    assert_int_equal(files, checked);
    assert_true(checked >= 25);
}

static void missing_file_is_an_io_error(void **state)
{
    (void)state;
    struct scenario sc;
    struct diag err;
    assert_int_equal(scenario_load(&sc, DATA "/nope.yaml", &err), REH_EIO);
    assert_string_equal(err.message, DATA "/nope.yaml: cannot open: No such file or directory");
}

static void oversized_file_is_refused(void **state)
{
    (void)state;
    size_t len = YDOC_MAX_BYTES + 1;
    unsigned char *text = malloc(len);
    struct ydoc doc;
    struct diag err;
    assert_non_null(text);
    memset(text, 'a', len);
    assert_int_equal(ydoc_load_buffer(&doc, "big.yaml", text, len, &err), REH_EDATA);
    assert_string_equal(err.message, "big.yaml:1:1: file is larger than 1024 KiB");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_bank),
        cmocka_unit_test(loads_scenario),
        cmocka_unit_test(defaults_apply),
        cmocka_unit_test(loads_follow_ups),
        cmocka_unit_test(inline_questions_without_an_id),
        cmocka_unit_test(settings_default_and_pass_on),
        cmocka_unit_test(sections_by_category),
        cmocka_unit_test(rejects_every_malformed_file),
        cmocka_unit_test(missing_file_is_an_io_error),
        cmocka_unit_test(oversized_file_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
