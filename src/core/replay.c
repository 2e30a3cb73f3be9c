/* replay: questions, sections and settings copied from the transcript into
 * the scenario's arena. */
#include "replay.h"

#include <stdlib.h>
#include <string.h>

/* An arena copy of n strings; NULL when out of memory. */
static const char **copy_strings(struct arena *arena, char *const *items, size_t n)
{
    const char **list = arena_alloc(arena, (n ? n : 1) * sizeof *list);
    for (size_t i = 0; list != NULL && i < n; i++)
        if ((list[i] = arena_strdup(arena, items[i])) == NULL)
            return NULL;
    return list;
}

/* Arena copies of the follow-ups recorded of p; NULL when out of memory. */
static const struct follow_up *copy_follow_ups(struct arena *arena,
                                               const struct transcript_planned *p)
{
    size_t n = p->n_follow_ups;
    struct follow_up *list = arena_alloc(arena, (n ? n : 1) * sizeof *list);
    for (size_t i = 0; list != NULL && i < n; i++) {
        const struct transcript_planned_follow_up *pf = &p->follow_ups[i];
        list[i] = (struct follow_up){
            .n_when_missing = pf->n_when_missing, .limit_s = pf->limit_s, .line = 1, .column = 1};
        if ((list[i].text = arena_strdup(arena, pf->text)) == NULL ||
            (list[i].when_missing = copy_strings(arena, pf->when_missing, pf->n_when_missing)) ==
                NULL)
            return NULL;
    }
    return list;
}

/* Arena copies of the n lists of alternatives `from`; NULL when there are
 * none, or out of memory (*failed set). */
static const struct coverage_alternatives *
copy_alternatives(struct arena *arena, const struct coverage_alternatives *from, size_t n,
                  int *failed)
{
    struct coverage_alternatives *list =
        from != NULL ? arena_alloc(arena, (n ? n : 1) * sizeof *list) : NULL;
    *failed = from != NULL && list == NULL;
    for (size_t i = 0; list != NULL && i < n; i++) {
        list[i].n = from[i].n;
        if ((list[i].items = copy_strings(arena, (char *const *)from[i].items, from[i].n)) == NULL)
            *failed = 1;
    }
    return list;
}

/* The question recorded as p, owned by the arena; NULL when out of memory. */
static struct question *copy_question(struct arena *arena, const struct transcript_planned *p)
{
    struct question *q = arena_alloc(arena, sizeof *q);
    if (q == NULL || (q->id = arena_strdup(arena, p->id)) == NULL ||
        (q->text = arena_strdup(arena, p->text)) == NULL ||
        (p->category != NULL && (q->category = arena_strdup(arena, p->category)) == NULL) ||
        (p->model_answer != NULL &&
         (q->model_answer = arena_strdup(arena, p->model_answer)) == NULL) ||
        (q->key_points = copy_strings(arena, p->key_points, p->n_key_points)) == NULL ||
        (q->key_terms = copy_strings(arena, p->key_terms, p->n_key_terms)) == NULL ||
        (q->follow_ups = copy_follow_ups(arena, p)) == NULL)
        return NULL;
    int failed;
    q->key_term_alternatives =
        copy_alternatives(arena, p->key_term_alternatives, p->n_key_terms, &failed);
    if (failed)
        return NULL;
    q->n_follow_ups = p->n_follow_ups;
    q->kind = p->kind;
    q->n_key_points = p->n_key_points;
    q->n_key_terms = p->n_key_terms;
    q->line = q->column = 1;
    return q;
}

/* The settings and names of the scenario, without its sections. */
static int copy_settings(const struct transcript *t, struct scenario *sc)
{
    sc->settings = t->settings;
    sc->budget_s = t->budget_s;
    sc->seed = t->seed;
    sc->id = arena_strdup(&sc->arena, t->scenario_id);
    sc->title = arena_strdup(&sc->arena, t->scenario_title);
    sc->path = arena_strdup(&sc->arena, t->source_path ? t->source_path : t->scenario_id);
    if (sc->id == NULL || sc->title == NULL || sc->path == NULL ||
        (t->bank_id != NULL && (sc->bank_id = arena_strdup(&sc->arena, t->bank_id)) == NULL) ||
        (t->description != NULL &&
         (sc->description = arena_strdup(&sc->arena, t->description)) == NULL) ||
        (t->based_on != NULL && (sc->based_on = arena_strdup(&sc->arena, t->based_on)) == NULL))
        return REH_ENOMEM;
    return REH_OK;
}

/* Adds question i of the plan to the section it belongs to: the last one,
 * or a new one when its title differs. */
static int add_entry(const struct transcript_planned *p, struct scenario *sc, struct plan_item *it,
                     struct scenario_entry *entries)
{
    struct scenario_section *s = sc->n_sections ? &sc->sections[sc->n_sections - 1] : NULL;
    if (s == NULL || strcmp(s->title, p->section) != 0) {
        s = &sc->sections[sc->n_sections++];
        *s = (struct scenario_section){.mode = MODE_INHERIT,
                                       .think_s = (int)p->think_s,
                                       .from_kind = -1,
                                       .entries = entries,
                                       .line = 1,
                                       .column = 1};
        if ((s->title = arena_strdup(&sc->arena, p->section)) == NULL)
            return REH_ENOMEM;
    }
    struct scenario_entry *e = &s->entries[s->n_entries++];
    *e = (struct scenario_entry){.limit_s = p->limit_s ? p->limit_s : SCENARIO_NO_LIMIT,
                                 .mode = p->mode,
                                 .line = 1,
                                 .column = 1};
    if ((e->q = copy_question(&sc->arena, p)) == NULL)
        return REH_ENOMEM;
    *it = (struct plan_item){.section = sc->n_sections - 1,
                             .q = e->q,
                             .limit_s = p->limit_s,
                             .think_s = p->think_s,
                             .mode = p->mode};
    return REH_OK;
}

int replay_open(const struct transcript *t, struct scenario *sc, struct plan *plan,
                struct diag *err)
{
    size_t n = t->n_planned;
    memset(sc, 0, sizeof *sc);
    memset(plan, 0, sizeof *plan);
    plan->seed = t->seed;
    plan->items = calloc(n ? n : 1, sizeof *plan->items);
    sc->sections = arena_alloc(&sc->arena, (n ? n : 1) * sizeof *sc->sections);
    struct scenario_entry *entries = arena_alloc(&sc->arena, (n ? n : 1) * sizeof *entries);
    if (plan->items == NULL || sc->sections == NULL || entries == NULL ||
        copy_settings(t, sc) != REH_OK)
        return diag_set(err, REH_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++, plan->n_items++)
        if (add_entry(&t->plan[i], sc, &plan->items[i], entries + i) != REH_OK)
            return diag_set(err, REH_ENOMEM, "out of memory");
    return REH_OK;
}
