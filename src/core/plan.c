/* plan: listed questions in order, picks drawn by a partial Fisher-Yates
 * shuffle of the candidates, never the same question twice. */
#include "plan.h"
#include "rng.h"

#include <stdlib.h>
#include <string.h>

static int already(const struct plan *plan, size_t n, const struct question *q)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(plan->items[i].q->id, q->id) == 0)
            return 1;
    return 0;
}

static int listed_anywhere(const struct scenario *sc, const struct question *q)
{
    for (size_t i = 0; i < sc->n_sections; i++)
        for (size_t j = 0; j < sc->sections[i].n_entries; j++)
            if (strcmp(sc->sections[i].entries[j].q->id, q->id) == 0)
                return 1;
    return 0;
}

static int draw_pick(struct plan *plan, const struct scenario *sc, size_t index,
                     const struct bank *bank, struct rng *rng, enum answer_mode mode,
                     struct diag *err)
{
    const struct scenario_section *s = &sc->sections[index];
    const struct question **candidates = malloc(bank->n_questions * sizeof *candidates);
    size_t n = 0;
    if (candidates == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    for (size_t i = 0; i < bank->n_questions; i++) {
        const struct question *q = &bank->questions[i];
        if ((s->from_category == NULL || strcmp(q->category, s->from_category) == 0) &&
            (s->from_kind < 0 || (int)q->kind == s->from_kind) && !listed_anywhere(sc, q) &&
            !already(plan, plan->n_items, q))
            candidates[n++] = q;
    }
    int rc = REH_OK;
    if (n < s->pick) {
        rc = diag_at(err, sc->path, s->pick_line, s->pick_column,
                     "pick %u: only %zu questions are left after the earlier sections' picks",
                     s->pick, n);
        goto done;
    }
    for (size_t k = 0; k < s->pick; k++) {
        size_t j = k + (size_t)rng_below(rng, n - k);
        const struct question *t = candidates[k];
        candidates[k] = candidates[j];
        candidates[j] = t;
        struct plan_item *it = &plan->items[plan->n_items++];
        it->section = index;
        it->q = candidates[k];
        it->limit_s = scenario_limit_of(sc, s, NULL, candidates[k]);
        it->think_s = scenario_think_of(sc, s);
        it->mode = scenario_mode_of(sc, s, MODE_INHERIT, mode);
    }
done:
    free(candidates);
    return rc;
}

int plan_draw(struct plan *plan, const struct scenario *sc, const struct bank *bank, uint64_t seed,
              enum answer_mode mode, struct diag *err)
{
    struct rng rng;
    int rc = REH_OK;

    memset(plan, 0, sizeof *plan);
    plan->seed = seed;
    rng_seed(&rng, seed);
    plan->items = calloc(scenario_question_count(sc) + 1, sizeof *plan->items);
    if (plan->items == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    for (size_t i = 0; i < sc->n_sections && rc == REH_OK; i++) {
        const struct scenario_section *s = &sc->sections[i];
        if (s->pick) {
            rc = draw_pick(plan, sc, i, bank, &rng, mode, err);
            continue;
        }
        for (size_t j = 0; j < s->n_entries; j++) {
            const struct scenario_entry *e = &s->entries[j];
            struct plan_item *it = &plan->items[plan->n_items++];
            it->section = i;
            it->q = e->q;
            it->limit_s = scenario_limit_of(sc, s, e, e->q);
            it->think_s = scenario_think_of(sc, s);
            it->mode = scenario_mode_of(sc, s, e->mode, mode);
        }
    }
    if (rc != REH_OK)
        plan_free(plan);
    return rc;
}

void plan_free(struct plan *plan)
{
    free(plan->items);
    memset(plan, 0, sizeof *plan);
}
