/* Tests of the JSON forms of banks, scenarios and plans: the exact members
 * and their order, nulls for what is not given, and a failure that names the
 * member and what it belongs to instead of producing a document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/model_json.h"

#include <stdlib.h>
#include <string.h>

static const char *points[] = {"durable", "ordered"};
static const char *terms[] = {"WAL"};
static const char *missing[] = {"fsync"};
static const struct follow_up follow_ups[] = {
    {.text = "What if the disk lies about fsync?", .when_missing = missing, .n_when_missing = 1},
    {.text = "How big does it grow?", .limit_s = 60}};

static struct question questions[] = {
    {.id = "wal",
     .category = "storage",
     .kind = KIND_CONCEPT,
     .text = "What is a WAL?",
     .model_answer = "A log written first.",
     .key_points = points,
     .n_key_points = 2,
     .key_terms = terms,
     .n_key_terms = 1,
     .follow_ups = follow_ups,
     .n_follow_ups = 2,
     .suggested_s = 90},
    {.id = "team", .category = "people", .kind = KIND_EXPERIENCE, .text = "A conflict?"},
};

static struct category categories[] = {{"storage", "Storage"}, {"people", "People"}};

static struct bank test_bank(void)
{
    return (struct bank){.id = "b",
                         .title = "Bank",
                         .categories = categories,
                         .n_categories = 2,
                         .questions = questions,
                         .n_questions = 2};
}

/* The compact text of j, which the test frees. */
static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT);
    assert_non_null(s);
    json_decref(j);
    return s;
}

static void test_bank_members_in_order(void **state)
{
    (void)state;
    struct bank bank = test_bank();
    json_t *j;
    struct diag err;
    assert_int_equal(model_bank_json(&bank, NULL, &j, &err), REH_OK);
    char *s = dump(j);
    assert_string_equal(
        s, "{\"id\":\"b\",\"title\":\"Bank\",\"categories\":[{\"id\":\"storage\",\"title\":"
           "\"Storage\"},{\"id\":\"people\",\"title\":\"People\"}],\"questions\":[{\"id\":\"wal\","
           "\"category\":\"storage\",\"kind\":\"concept\",\"suggested_time_s\":90,\"text\":\"What "
           "is a WAL?\",\"model_answer\":\"A log written first.\",\"key_points\":[\"durable\","
           "\"ordered\"],\"key_terms\":[\"WAL\"],\"follow_ups\":[{\"text\":\"What if the "
           "disk lies about fsync?\",\"when_missing\":[\"fsync\"],\"limit_s\":0},{\"text\":"
           "\"How big does it grow?\",\"when_missing\":[],\"limit_s\":60}]},{\"id\":\"team\","
           "\"category\":\"people\","
           "\"kind\":\"experience\",\"suggested_time_s\":0,\"text\":\"A conflict?\","
           "\"model_answer\":null,\"key_points\":[],\"key_terms\":[]}]}");
    free(s);
}

static void test_bank_one_category(void **state)
{
    (void)state;
    struct bank bank = test_bank();
    json_t *j;
    struct diag err;
    assert_int_equal(model_bank_json(&bank, "people", &j, &err), REH_OK);
    char *s = dump(j);
    assert_string_equal(s, "{\"id\":\"b\",\"title\":\"Bank\",\"categories\":[{\"id\":\"people\","
                           "\"title\":\"People\"}],\"questions\":[{\"id\":\"team\",\"category\":"
                           "\"people\",\"kind\":\"experience\",\"suggested_time_s\":0,\"text\":"
                           "\"A conflict?\",\"model_answer\":null,\"key_points\":[],"
                           "\"key_terms\":[]}]}");
    free(s);
}

/* A text jansson would refuse is named, with what it belongs to, and no
 * document is handed back. */
static void test_bank_names_the_bad_member(void **state)
{
    (void)state;
    struct bank bank = test_bank();
    struct question bad[2] = {questions[0], questions[1]};
    const char *bad_terms[] = {"ok", "\xff"};
    bad[0].key_terms = bad_terms;
    bad[0].n_key_terms = 2;
    bank.questions = bad;
    json_t *j = json_true(); /* a singleton, to see it replaced by NULL */
    struct diag err;
    assert_int_equal(model_bank_json(&bank, NULL, &j, &err), REH_EDATA);
    assert_null(j);
    assert_string_equal(err.message, "the key_terms of question wal is not valid UTF-8");

    bad[0] = questions[0];
    bad[1].text = NULL;
    assert_int_equal(model_bank_json(&bank, NULL, &j, &err), REH_EDATA);
    assert_null(j);
    assert_string_equal(err.message, "the text of question team is missing");
}

static struct scenario_section sections[] = {{.title = "Warm-up"}, {.title = "Depth"}};

static struct scenario test_scenario(void)
{
    return (struct scenario){.id = "quick",
                             .title = "Quick",
                             .bank_id = "b",
                             .budget_s = 600,
                             .settings = {.mode = MODE_TYPED, .overtime = OVERTIME_SOFT},
                             .sections = sections,
                             .n_sections = 2};
}

static void test_plan_members_in_order(void **state)
{
    (void)state;
    struct scenario sc = test_scenario();
    struct plan_item items[] = {
        {.section = 0, .q = &questions[1], .limit_s = 60, .mode = MODE_TYPED},
        {.section = 1, .q = &questions[0], .limit_s = 120, .mode = MODE_SPOKEN},
    };
    struct plan plan = {.items = items, .n_items = 2};
    json_t *j;
    struct diag err;
    assert_int_equal(model_plan_json(&plan, &sc, 7, &j, &err), REH_OK);
    char *s = dump(j);
    assert_string_equal(
        s, "{\"scenario\":\"quick\",\"title\":\"Quick\",\"budget_s\":600,\"seed\":7,\"overtime\":"
           "\"soft\",\"questions\":[{\"n\":1,\"section\":\"Warm-up\",\"question_id\":\"team\","
           "\"category\":\"people\",\"mode\":\"typed\",\"limit_s\":60,\"text\":\"A conflict?\"},"
           "{\"n\":2,\"section\":\"Depth\",\"question_id\":\"wal\",\"category\":\"storage\","
           "\"mode\":\"spoken\",\"limit_s\":120,\"text\":\"What is a WAL?\"}]}");
    free(s);

    sections[1].title = "De\xc3";
    assert_int_equal(model_plan_json(&plan, &sc, 7, &j, &err), REH_EDATA);
    sections[1].title = "Depth";
    assert_null(j);
    assert_string_equal(err.message, "the section of question 2 of the plan is not valid UTF-8");
}

static void test_scenario_members_in_order(void **state)
{
    (void)state;
    struct scenario sc = test_scenario();
    json_t *j;
    struct diag err;
    assert_int_equal(model_scenario_json(&sc, 1, 1, "user", "/s/quick.yaml", &j, &err), REH_OK);
    char *s = dump(j);
    assert_string_equal(s,
                        "{\"id\":\"quick\",\"title\":\"Quick\",\"description\":null,\"bank\":"
                        "\"b\",\"budget_s\":600,\"questions\":0,\"mode\":\"typed\",\"modes\":"
                        "[\"typed\",\"spoken\"],\"origin\":\"user\",\"path\":\"/s/quick.yaml\"}");
    free(s);

    sc.bank_id = NULL;
    assert_int_equal(model_scenario_json(&sc, 1, 0, "user", "/s/quick.yaml", &j, &err), REH_EDATA);
    assert_null(j);
    assert_string_equal(err.message, "the bank of /s/quick.yaml is missing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_members_in_order),
        cmocka_unit_test(test_bank_one_category),
        cmocka_unit_test(test_bank_names_the_bad_member),
        cmocka_unit_test(test_plan_members_in_order),
        cmocka_unit_test(test_scenario_members_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
