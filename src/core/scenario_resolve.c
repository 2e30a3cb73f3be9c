/* scenario_resolve: a loaded scenario checked against its bank (declared in
 * scenario.h): every listed id exists, no question is listed twice, each
 * pick can be drawn, warnings come before the limits they warn of and the
 * limits and think times fit the budget. Every error points into the
 * scenario file. */
#include "scenario.h"
#include "duration.h"

#include <string.h>

/* The entry that lists question `id`, or NULL. */
static const struct scenario_entry *listed(const struct scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_sections; i++)
        for (size_t j = 0; j < sc->sections[i].n_entries; j++) {
            const struct scenario_entry *e = &sc->sections[i].entries[j];
            if (e->q != NULL && strcmp(e->q->id, id) == 0)
                return e;
        }
    return NULL;
}

/* Whether bank question q may be drawn by the pick of section s. */
static int pickable(const struct scenario *sc, const struct scenario_section *s,
                    const struct question *q)
{
    if (s->from_category != NULL && strcmp(q->category, s->from_category) != 0)
        return 0;
    if (s->from_kind >= 0 && (int)q->kind != s->from_kind)
        return 0;
    return listed(sc, q->id) == NULL;
}

/* Sum of the `pick` longest limits among the section's candidates; the
 * section limit, when set, applies to each. Counts candidates in `*available`
 * and those without any limit in `*unlimited`. */
static unsigned pick_limit_s(const struct scenario *sc, const struct scenario_section *s,
                             const struct bank *bank, size_t *available, size_t *unlimited)
{
    unsigned longest[100] = {0};
    unsigned total = 0;
    *available = *unlimited = 0;
    for (size_t i = 0; i < bank->n_questions; i++) {
        const struct question *q = &bank->questions[i];
        if (!pickable(sc, s, q))
            continue;
        ++*available;
        unsigned limit = scenario_limit_of(sc, s, NULL, q);
        *unlimited += limit == 0 && s->limit_s != SCENARIO_NO_LIMIT;
        for (unsigned k = 0; k < s->pick; k++)
            if (limit > longest[k]) {
                memmove(&longest[k + 1], &longest[k], (s->pick - k - 1) * sizeof longest[0]);
                longest[k] = limit;
                break;
            }
    }
    for (unsigned k = 0; k < s->pick; k++)
        total += longest[k];
    return total;
}

unsigned scenario_planned_s(const struct scenario *sc, const struct bank *bank)
{
    unsigned total = 0;
    size_t available, unlimited;
    for (size_t i = 0; i < sc->n_sections; i++) {
        const struct scenario_section *s = &sc->sections[i];
        unsigned think = scenario_think_of(sc, s);
        if (s->pick) {
            total += pick_limit_s(sc, s, bank, &available, &unlimited) + s->pick * think;
            continue;
        }
        for (size_t j = 0; j < s->n_entries; j++) {
            const struct scenario_entry *e = &s->entries[j];
            total += scenario_limit_of(sc, s, e, e->q) + think;
        }
    }
    return total;
}

static int resolve_entries(struct scenario *sc, struct scenario_section *s, const struct bank *bank,
                           struct diag *err)
{
    for (size_t j = 0; j < s->n_entries; j++) {
        struct scenario_entry *e = &s->entries[j];
        if (e->bank_id != NULL) {
            e->q = bank_find(bank, e->bank_id);
            if (e->q == NULL)
                return diag_at(err, sc->path, e->line, e->column,
                               "unknown question id '%s' in bank '%s'; `rehearse bank` lists "
                               "the ids",
                               e->bank_id, bank->id);
        } else if (bank_find(bank, e->q->id) != NULL) {
            return diag_at(err, sc->path, e->line, e->column,
                           "inline question id '%s' is already a question of bank '%s'; "
                           "rename it or list the bank id",
                           e->q->id, bank->id);
        }
        const struct scenario_entry *first = listed(sc, e->q->id);
        if (first != e)
            return diag_at(err, sc->path, e->line, e->column,
                           "question '%s' is listed twice (first at line %zu)%s", e->q->id,
                           first->line,
                           e->id_derived || first->id_derived
                               ? "; an inline question without an id is asked as "
                                 "SCENARIO-sSECTION-qN: give it an id"
                               : "");
        if (!e->limit_s && !s->limit_s && !e->q->suggested_s && !sc->default_limit_s)
            return diag_at(err, sc->path, e->line, e->column,
                           "no time limit for question '%s'; give it or its section a 'limit'",
                           e->q->id);
    }
    return REH_OK;
}

/* Counts the questions earlier pick sections with the same filter take. */
static unsigned earlier_picks(const struct scenario *sc, size_t upto)
{
    const struct scenario_section *s = &sc->sections[upto];
    unsigned n = 0;
    for (size_t i = 0; i < upto; i++) {
        const struct scenario_section *t = &sc->sections[i];
        if (t->pick && t->from_kind == s->from_kind &&
            (t->from_category == s->from_category ||
             (t->from_category && s->from_category &&
              strcmp(t->from_category, s->from_category) == 0)))
            n += t->pick;
    }
    return n;
}

static int resolve_pick(struct scenario *sc, size_t index, const struct bank *bank,
                        struct diag *err)
{
    const struct scenario_section *s = &sc->sections[index];
    size_t available, unlimited;
    if (s->from_category != NULL && bank_category(bank, s->from_category) == NULL)
        return diag_at(err, sc->path, s->pick_line, s->pick_column,
                       "unknown category '%s' in bank '%s'; `rehearse bank` lists them",
                       s->from_category, bank->id);
    pick_limit_s(sc, s, bank, &available, &unlimited);
    unsigned taken = earlier_picks(sc, index);
    if (s->pick + taken > available)
        return diag_at(err, sc->path, s->pick_line, s->pick_column,
                       "pick %u from %s%s%s%s: only %zu question%s available%s", s->pick,
                       s->from_category ? "category '" : "the bank",
                       s->from_category ? s->from_category : "", s->from_category ? "'" : "",
                       s->from_kind >= 0 ? " (that kind)" : "",
                       available - (taken < available ? taken : available),
                       available - taken == 1 ? " is" : "s are",
                       taken ? " after the earlier sections' picks" : "");
    if (unlimited)
        return diag_at(err, sc->path, s->line, s->column,
                       "section '%s' has no 'limit' and %zu of the questions it may draw have "
                       "no suggested_time; give the section a 'limit'",
                       s->title, unlimited);
    return REH_OK;
}

/* The question with the shortest limit the scenario may ask (pick sections:
 * any question they may draw), or NULL when no question has a limit. */
static const struct question *shortest_limit(const struct scenario *sc, const struct bank *bank,
                                             unsigned *limit_s)
{
    const struct question *shortest = NULL;
    for (size_t i = 0; i < sc->n_sections; i++) {
        const struct scenario_section *s = &sc->sections[i];
        size_t n = s->pick ? bank->n_questions : s->n_entries;
        for (size_t j = 0; j < n; j++) {
            const struct scenario_entry *e = s->pick ? NULL : &s->entries[j];
            const struct question *q = s->pick ? &bank->questions[j] : e->q;
            unsigned limit = scenario_limit_of(sc, s, e, q);
            if ((!s->pick || pickable(sc, s, q)) && limit > 0 &&
                (shortest == NULL || limit < *limit_s)) {
                shortest = q;
                *limit_s = limit;
            }
        }
    }
    return shortest;
}

/* Each warning must come before the limit it warns of. */
static int check_warnings(const struct scenario *sc, const struct bank *bank, struct diag *err)
{
    unsigned limit = 0;
    const struct question *q = sc->warning_line ? shortest_limit(sc, bank, &limit) : NULL;
    if (q == NULL || sc->settings.warnings_s[0] < limit)
        return REH_OK;
    char w[16], l[16];
    return diag_at(err, sc->path, sc->warning_line, sc->warning_column,
                   "warning %s is not shorter than the %s limit of question '%s'; a warning "
                   "must come before every limit it applies to",
                   duration_format(sc->settings.warnings_s[0], w, sizeof w),
                   duration_format(limit, l, sizeof l), q->id);
}

int scenario_resolve(struct scenario *sc, const struct bank *bank, struct diag *err)
{
    int rc = REH_OK;
    if (strcmp(sc->bank_id, bank->id) != 0)
        return diag_at(err, sc->path, sc->bank_line, sc->bank_column,
                       "bank '%s' was asked for, but %s defines bank '%s'", sc->bank_id, bank->path,
                       bank->id);
    for (size_t i = 0; i < sc->n_sections && rc == REH_OK; i++)
        rc = resolve_entries(sc, &sc->sections[i], bank, err);
    for (size_t i = 0; i < sc->n_sections && rc == REH_OK; i++)
        if (sc->sections[i].pick)
            rc = resolve_pick(sc, i, bank, err);
    if (rc == REH_OK)
        rc = check_warnings(sc, bank, err);
    if (rc != REH_OK)
        return rc;

    unsigned planned = scenario_planned_s(sc, bank);
    if (sc->budget_s == 0 && sc->no_limit_line > 0)
        return diag_at(err, sc->path, sc->no_limit_line, sc->no_limit_column,
                       "'limit: none' needs a 'budget' for the whole scenario; add one, for "
                       "example 'budget: 30m'");
    if (sc->budget_s == 0) {
        sc->budget_s = planned;
    } else if (planned > sc->budget_s) {
        char a[16], b[16];
        return diag_at(
            err, sc->path, sc->budget_line, sc->budget_column,
            "the question limits and think times add up to %s, more than the budget of %s; raise "
            "'budget' or shorten the limits",
            duration_format(planned, a, sizeof a), duration_format(sc->budget_s, b, sizeof b));
    }
    return REH_OK;
}
