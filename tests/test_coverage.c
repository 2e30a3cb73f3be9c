/* Table-driven tests of key-term coverage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/coverage.h"

static void matches_terms(void **state)
{
    (void)state;
    static const struct {
        const char *text, *term;
        int found;
    } cases[] = {
        {"We used OLAP cubes.", "OLAP", 1},
        {"we used olap", "OLAP", 1},
        {"OLAPish tools", "OLAP", 0},        /* word boundary */
        {"a GOLAP tool", "OLAP", 0},         /* word boundary */
        {"the schemas differ", "schema", 1}, /* plural -s */
        {"all the indexes", "index", 1},     /* plural -es */
        {"two data lakes", "data lake", 1},  /* multi-word, plural */
        {"data, lake", "data lake", 1},      /* punctuation separates words */
        {"lake data", "data lake", 0},       /* order matters */
        {"data in a lake", "data lake", 0},  /* in a row */
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
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (coverage_has(cases[i].text, cases[i].term) != cases[i].found)
            fail_msg("'%s' in \"%s\": expected %d", cases[i].term, cases[i].text, cases[i].found);
}

static void measures_a_fraction(void **state)
{
    (void)state;
    static const char *const terms[] = {"data warehouse", "data lake", "OLAP", "raw form"};
    int found[4];
    double f = coverage_measure("A data lake keeps data in raw form; warehouses use OLAP.", terms,
                                4, found);
    assert_true(f == 0.75);
    assert_int_equal(found[0], 0);
    assert_int_equal(found[1], 1);
    assert_int_equal(found[2], 1);
    assert_int_equal(found[3], 1);
    assert_true(coverage_measure("text", terms, 0, found) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_terms),
        cmocka_unit_test(measures_a_fraction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
