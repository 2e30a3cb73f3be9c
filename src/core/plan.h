/* plan: the ordered questions of one session, drawn from a resolved scenario
 * with a seed: the same scenario, bank and seed give the same plan. */
#ifndef REHEARSE_PLAN_H
#define REHEARSE_PLAN_H

#include "diag.h"
#include "scenario.h"

#include <stddef.h>
#include <stdint.h>

struct plan_item {
    size_t section;           /* index into the scenario's sections */
    const struct question *q; /* owned by the bank or the scenario */
    unsigned limit_s;         /* 0: no limit, only the budget */
    unsigned think_s;         /* preparation time before the answer clock starts */
    enum answer_mode mode;    /* MODE_TYPED or MODE_SPOKEN */
};

struct plan {
    struct plan_item *items; /* owned; release with plan_free */
    size_t n_items;
    uint64_t seed;
};

/* Draws the plan of a resolved scenario. `mode` is the mode the user asked
 * for (MODE_INHERIT: the scenario's). The scenario and bank must outlive the
 * plan. Returns REH_OK, REH_EDATA when picks overlap so that a section runs
 * out of questions, or REH_ENOMEM. */
int plan_draw(struct plan *plan, const struct scenario *sc, const struct bank *bank, uint64_t seed,
              enum answer_mode mode, struct diag *err);

void plan_free(struct plan *plan);

#endif
