/* Tests of the seeded question draw. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/plan.h"

#include <string.h>

#define DATA REHEARSE_TEST_DATA

struct fixture {
    struct bank bank;
    struct scenario sc;
};

static int setup(void **state)
{
    static struct fixture f;
    struct diag err;
    if (bank_load(&f.bank, DATA "/good/bank.yaml", &err) != REH_OK ||
        scenario_load(&f.sc, DATA "/good/scenario.yaml", &err) != REH_OK ||
        scenario_resolve(&f.sc, &f.bank, &err) != REH_OK)
        fail_msg("%s", err.message);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    scenario_free(&f->sc);
    bank_free(&f->bank);
    return 0;
}

/* The ids of a plan joined by spaces. */
static void plan_ids(const struct plan *plan, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < plan->n_items && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", i ? " " : "", plan->items[i].q->id);
}

static void same_seed_same_draw(void **state)
{
    struct fixture *f = *state;
    struct plan a, b;
    struct diag err;
    char ids_a[512], ids_b[512];
    assert_int_equal(plan_draw(&a, &f->sc, &f->bank, 42, MODE_INHERIT, &err), REH_OK);
    assert_int_equal(plan_draw(&b, &f->sc, &f->bank, 42, MODE_INHERIT, &err), REH_OK);
    plan_ids(&a, ids_a, sizeof ids_a);
    plan_ids(&b, ids_b, sizeof ids_b);
    assert_string_equal(ids_a, ids_b);
    /* The draw is the same on every machine and every build. */
    assert_string_equal(ids_a, "a-one b-one a-three a-two b-two own-question g-one");
    assert_int_equal(a.seed, 42);
    plan_free(&a);
    plan_free(&b);
}

static void different_seeds_differ(void **state)
{
    struct fixture *f = *state;
    char first[512], other[512];
    struct plan p;
    struct diag err;
    int differs = 0;
    assert_int_equal(plan_draw(&p, &f->sc, &f->bank, 1, MODE_INHERIT, &err), REH_OK);
    plan_ids(&p, first, sizeof first);
    plan_free(&p);
    for (uint64_t seed = 2; seed < 10; seed++) {
        assert_int_equal(plan_draw(&p, &f->sc, &f->bank, seed, MODE_INHERIT, &err), REH_OK);
        plan_ids(&p, other, sizeof other);
        differs += strcmp(first, other) != 0;
        plan_free(&p);
    }
    assert_true(differs >= 4);
}

static void never_repeats_and_keeps_limits(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    for (uint64_t seed = 0; seed < 200; seed++) {
        struct plan p;
        assert_int_equal(plan_draw(&p, &f->sc, &f->bank, seed, MODE_INHERIT, &err), REH_OK);
        assert_int_equal(p.n_items, 7);
        for (size_t i = 0; i < p.n_items; i++) {
            for (size_t j = 0; j < i; j++)
                assert_string_not_equal(p.items[i].q->id, p.items[j].q->id);
            const struct plan_item *it = &p.items[i];
            switch (it->section) {
            case 0:
                assert_int_equal(it->limit_s, 120);
                assert_int_equal(it->mode, MODE_TYPED);
                break;
            case 1: /* no section limit: the suggested time */
                assert_int_equal(it->limit_s, it->q->suggested_s);
                assert_int_equal(it->q->kind, KIND_DESIGN);
                assert_int_equal(it->mode, MODE_SPOKEN);
                break;
            case 2: /* b-one is listed, so never drawn */
                assert_string_not_equal(it->q->id, "b-one");
                assert_string_equal(it->q->category, "beta");
                assert_int_equal(it->limit_s, 90);
                break;
            default:
                break;
            }
        }
        assert_int_equal(p.items[5].mode, MODE_SPOKEN); /* the inline question's own mode */
        assert_int_equal(p.items[6].mode, MODE_TYPED);
        plan_free(&p);
    }
}

static void asked_mode_overrides_sections(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    struct plan p;
    assert_int_equal(plan_draw(&p, &f->sc, &f->bank, 7, MODE_TYPED, &err), REH_OK);
    for (size_t i = 0; i < p.n_items; i++)
        assert_int_equal(p.items[i].mode, MODE_TYPED);
    plan_free(&p);
    assert_int_equal(plan_draw(&p, &f->sc, &f->bank, 7, MODE_SPOKEN, &err), REH_OK);
    for (size_t i = 0; i < p.n_items; i++)
        assert_int_equal(p.items[i].mode, MODE_SPOKEN);
    plan_free(&p);
}

static void overlapping_picks_are_refused(void **state)
{
    (void)state;
    static const char text[] = "id: overlap\ntitle: Overlap\nbank: test-bank\n"
                               "sections:\n"
                               "  - title: One\n    pick: 2\n    from: {category: beta}\n"
                               "    limit: 1m\n"
                               "  - title: Two\n    pick: 2\n    from: {category: beta}\n"
                               "    limit: 1m\n";
    struct ydoc doc;
    struct scenario sc;
    struct bank bank;
    struct diag err;
    assert_int_equal(bank_load(&bank, DATA "/good/bank.yaml", &err), REH_OK);
    assert_int_equal(
        ydoc_load_buffer(&doc, "overlap.yaml", (const unsigned char *)text, sizeof text - 1, &err),
        REH_OK);
    assert_int_equal(scenario_from_doc(&sc, &doc, &err), REH_OK);
    ydoc_free(&doc);
    assert_int_equal(scenario_resolve(&sc, &bank, &err), REH_EDATA);
    assert_string_equal(err.message, "overlap.yaml:10:11: pick 2 from category 'beta': only 1 "
                                     "question is available after the earlier sections' picks");
    scenario_free(&sc);
    bank_free(&bank);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_draw),
        cmocka_unit_test(different_seeds_differ),
        cmocka_unit_test(never_repeats_and_keeps_limits),
        cmocka_unit_test(asked_mode_overrides_sections),
        cmocka_unit_test_setup_teardown(overlapping_picks_are_refused, NULL, NULL),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
