/* transcript: the session record: the plan it asks, its answers and their
 * takes, and the setters that keep every text valid UTF-8. */
#include "transcript.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

const char *const answer_outcome_names[] = {"in-progress", "answered", "timed-out",
                                            "skipped",     "aborted",  NULL};
const char *const session_status_names[] = {"in-progress", "completed", "aborted", NULL};

int transcript_name_index(const char *const names[], const char *name)
{
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

int transcript_set(char **field, const char *value)
{
    char *copy = NULL;
    if (value != NULL && (copy = text_valid_utf8(value, strlen(value))) == NULL)
        return REH_ENOMEM;
    free(*field);
    *field = copy;
    return REH_OK;
}

int transcript_init(struct transcript *t, const char *id, const struct scenario *sc,
                    const struct plan *plan)
{
    memset(t, 0, sizeof *t);
    t->format = 1;
    t->status = SESSION_IN_PROGRESS;
    t->budget_s = sc->budget_s;
    t->seed = plan->seed;
    t->n_planned = plan->n_items;
    t->answers = calloc(plan->n_items ? plan->n_items : 1, sizeof *t->answers);
    if (t->answers == NULL || transcript_set(&t->id, id) != REH_OK ||
        transcript_set(&t->scenario_id, sc->id) != REH_OK ||
        transcript_set(&t->scenario_title, sc->title) != REH_OK ||
        transcript_set(&t->bank_id, sc->bank_id) != REH_OK ||
        transcript_record_plan(t, sc, plan) != REH_OK)
        return REH_ENOMEM;
    if (sc->based_on == NULL)
        return REH_OK;
    const char **ids = calloc(plan->n_items ? plan->n_items : 1, sizeof *ids);
    for (size_t i = 0; ids != NULL && i < plan->n_items; i++)
        ids[i] = plan->items[i].q->id;
    int rc = ids != NULL ? transcript_set_derived(t, sc->based_on, ids) : REH_ENOMEM;
    free(ids);
    return rc;
}

/* Frees the n strings of list and list itself; nothing when list is NULL. */
static void free_list(char **list, size_t n)
{
    for (size_t i = 0; list != NULL && i < n; i++)
        free(list[i]);
    free(list);
}

static void clear_coverage(struct transcript_coverage *c)
{
    free_list(c->found, c->n_found);
    free_list(c->missed, c->n_missed);
    for (size_t i = 0; i < c->n_heard; i++) {
        free(c->heard[i].term);
        free(c->heard[i].words);
    }
    free(c->heard);
    memset(c, 0, sizeof *c);
}

/* Copies n strings into a new array; NULL when out of memory. */
static char **copy_list(const char *const *items, size_t n)
{
    char **list = calloc(n ? n : 1, sizeof *list);
    for (size_t i = 0; list != NULL && i < n; i++)
        if ((list[i] = strdup(items[i])) == NULL) {
            free_list(list, i);
            return NULL;
        }
    return list;
}

int transcript_set_list(char ***list, size_t *n, const char *const *items, size_t n_items)
{
    char **copy = copy_list(items, n_items);
    if (copy == NULL)
        return REH_ENOMEM;
    free_list(*list, *n);
    *list = copy;
    *n = n_items;
    return REH_OK;
}

static void free_alternatives(struct coverage_alternatives *list, size_t n)
{
    for (size_t i = 0; list != NULL && i < n; i++)
        free_list((char **)list[i].items, list[i].n);
    free(list);
}

int transcript_set_alternatives(struct coverage_alternatives **list, size_t n_old,
                                const struct coverage_alternatives *from, size_t n)
{
    struct coverage_alternatives *copy = NULL;
    if (from != NULL && (copy = calloc(n ? n : 1, sizeof *copy)) == NULL)
        return REH_ENOMEM;
    for (size_t i = 0; copy != NULL && i < n; i++) {
        if ((copy[i].items = (const char **)copy_list(from[i].items, from[i].n)) == NULL) {
            free_alternatives(copy, i);
            return REH_ENOMEM;
        }
        copy[i].n = from[i].n;
    }
    free_alternatives(*list, n_old);
    *list = copy;
    return REH_OK;
}

static void free_plan(struct transcript_planned *plan, size_t n)
{
    for (size_t i = 0; plan != NULL && i < n; i++) {
        struct transcript_planned *p = &plan[i];
        free(p->id);
        free(p->text);
        free(p->section);
        free(p->category);
        free(p->model_answer);
        free_list(p->key_points, p->n_key_points);
        free_alternatives(p->key_term_alternatives, p->n_key_terms);
        free_list(p->key_terms, p->n_key_terms);
        for (size_t j = 0; j < p->n_follow_ups; j++) {
            free(p->follow_ups[j].text);
            free_list(p->follow_ups[j].when_missing, p->follow_ups[j].n_when_missing);
        }
        free(p->follow_ups);
    }
    free(plan);
}

int transcript_alloc_plan(struct transcript *t)
{
    struct transcript_planned *plan = calloc(t->n_planned ? t->n_planned : 1, sizeof *plan);
    if (plan == NULL)
        return REH_ENOMEM;
    free_plan(t->plan, t->n_planned);
    t->plan = plan;
    return REH_OK;
}

/* Copies plan item `it` of sc into the empty p. */
static int record_item(struct transcript_planned *p, const struct scenario *sc,
                       const struct plan_item *it)
{
    const struct question *q = it->q;
    p->kind = q->kind;
    p->limit_s = it->limit_s;
    p->think_s = it->think_s;
    p->mode = it->mode;
    p->takes = sc->settings.max_takes;
    if (transcript_set(&p->id, q->id) != REH_OK || transcript_set(&p->text, q->text) != REH_OK ||
        transcript_set(&p->section, sc->sections[it->section].title) != REH_OK ||
        transcript_set(&p->category, q->category) != REH_OK ||
        transcript_set(&p->model_answer, q->model_answer) != REH_OK ||
        transcript_set_list(&p->key_points, &p->n_key_points, q->key_points, q->n_key_points) !=
            REH_OK ||
        transcript_set_list(&p->key_terms, &p->n_key_terms, q->key_terms, q->n_key_terms) !=
            REH_OK ||
        transcript_set_alternatives(&p->key_term_alternatives, 0, q->key_term_alternatives,
                                    q->n_key_terms) != REH_OK)
        return REH_ENOMEM;
    if (q->n_follow_ups > 0 &&
        (p->follow_ups = calloc(q->n_follow_ups, sizeof *p->follow_ups)) == NULL)
        return REH_ENOMEM;
    for (; p->n_follow_ups < q->n_follow_ups; p->n_follow_ups++) {
        const struct follow_up *f = &q->follow_ups[p->n_follow_ups];
        struct transcript_planned_follow_up *pf = &p->follow_ups[p->n_follow_ups];
        pf->limit_s = f->limit_s;
        if (transcript_set(&pf->text, f->text) != REH_OK ||
            transcript_set_list(&pf->when_missing, &pf->n_when_missing, f->when_missing,
                                f->n_when_missing) != REH_OK) {
            p->n_follow_ups++; /* so that free_plan releases what was copied */
            return REH_ENOMEM;
        }
    }
    return REH_OK;
}

int transcript_record_plan(struct transcript *t, const struct scenario *sc, const struct plan *plan)
{
    struct transcript_planned *items = calloc(plan->n_items ? plan->n_items : 1, sizeof *items);
    for (size_t i = 0; items != NULL && i < plan->n_items; i++)
        if (record_item(&items[i], sc, &plan->items[i]) != REH_OK) {
            free_plan(items, plan->n_items);
            items = NULL;
        }
    if (items == NULL || transcript_set(&t->description, sc->description) != REH_OK) {
        free_plan(items, plan->n_items);
        return REH_ENOMEM;
    }
    free_plan(t->plan, t->n_planned);
    t->plan = items;
    t->n_planned = plan->n_items;
    t->settings = sc->settings;
    return REH_OK;
}

int transcript_set_source(struct transcript *t, const char *id, const char *path,
                          const char *sha256)
{
    if (transcript_set(&t->source_id, id) != REH_OK ||
        transcript_set(&t->source_path, path) != REH_OK ||
        transcript_set(&t->source_sha256, sha256) != REH_OK)
        return REH_ENOMEM;
    return REH_OK;
}

const struct transcript_planned *transcript_planned_of(const struct transcript *t,
                                                       const struct transcript_answer *a)
{
    if (t->plan == NULL || a->n < 1 || a->n > t->n_planned ||
        strcmp(t->plan[a->n - 1].id, a->question_id) != 0)
        return NULL;
    return &t->plan[a->n - 1];
}

void transcript_question_of(const struct transcript_planned *p, struct question *q)
{
    *q = (struct question){.id = p->id,
                           .category = p->category,
                           .kind = p->kind,
                           .text = p->text,
                           .model_answer = p->model_answer,
                           .key_points = (const char **)p->key_points,
                           .n_key_points = p->n_key_points,
                           .key_terms = (const char **)p->key_terms,
                           .n_key_terms = p->n_key_terms,
                           .key_term_alternatives = p->key_term_alternatives};
}

const struct question *transcript_recorded_question(const struct transcript *t,
                                                    const struct transcript_answer *a,
                                                    struct question *q)
{
    const struct transcript_planned *p = transcript_planned_of(t, a);
    if (p == NULL)
        return NULL;
    transcript_question_of(p, q);
    return q;
}

int transcript_set_derived(struct transcript *t, const char *based_on, const char *const *ids)
{
    char **copy = copy_list(ids, t->n_planned), *base = strdup(based_on);
    if (copy == NULL || base == NULL) {
        free_list(copy, t->n_planned);
        free(base);
        return REH_ENOMEM;
    }
    free_list(t->question_ids, t->n_planned);
    free(t->based_on);
    t->question_ids = copy;
    t->based_on = base;
    return REH_OK;
}

int transcript_set_coverage(struct transcript_answer *a, const char *const *found, size_t n_found,
                            const char *const *missed, size_t n_missed)
{
    struct transcript_coverage c = {.n_terms = n_found + n_missed,
                                    .n_found = n_found,
                                    .n_missed = n_missed,
                                    .found = copy_list(found, n_found),
                                    .missed = copy_list(missed, n_missed)};
    if (c.found == NULL || c.missed == NULL) {
        free_list(c.found, n_found);
        free_list(c.missed, n_missed);
        return REH_ENOMEM;
    }
    clear_coverage(&a->coverage);
    a->coverage = c;
    return REH_OK;
}

/* The index of `s` in the n strings of list, or n when it is not there. */
static size_t index_of(char *const *list, size_t n, const char *s)
{
    size_t i = 0;
    while (i < n && strcmp(list[i], s) != 0)
        i++;
    return i;
}

int transcript_add_heard(struct transcript_answer *a, const char *term, const char *words)
{
    struct transcript_coverage *c = &a->coverage;
    size_t at = index_of(c->found, c->n_found, term);
    if (at == c->n_found)
        return REH_EDATA;
    struct transcript_heard *heard = realloc(c->heard, (c->n_heard + 1) * sizeof *heard);
    if (heard == NULL)
        return REH_ENOMEM;
    c->heard = heard;
    struct transcript_heard h = {strdup(c->found[at]), strdup(words)};
    if (h.term == NULL || h.words == NULL) {
        free(h.term);
        free(h.words);
        return REH_ENOMEM;
    }
    heard[c->n_heard++] = h;
    return REH_OK;
}

const char *transcript_heard_as(const struct transcript_coverage *c, const char *term)
{
    for (size_t i = 0; i < c->n_heard; i++)
        if (strcmp(c->heard[i].term, term) == 0)
            return c->heard[i].words;
    return NULL;
}

/* Room for the words a term was heard as. */
#define HEARD_MAX 128

/* Whether the words of `s` sound like key term i of q in one of its
 * spellings; the words heard go into `heard` (cap bytes). */
static int sounds_like(const struct soundalike *s, const struct question *q, size_t i, char *heard,
                       size_t cap)
{
    const struct coverage_alternatives *alt = question_alternatives(q, i);
    if (soundalike_find(s, q->key_terms[i], heard, cap))
        return 1;
    for (size_t k = 0; alt != NULL && k < alt->n; k++)
        if (soundalike_find(s, alt->items[k], heard, cap))
            return 1;
    return 0;
}

int transcript_measure_coverage(struct transcript_answer *a, const struct question *q,
                                soundalike_lexicon lexicon)
{
    const char *found[64], *missed[64];
    char heard[64][HEARD_MAX];
    int was_heard[64] = {0};
    size_t n_found = 0, n_missed = 0;
    struct soundalike *s = NULL;
    if (lexicon != NULL && a->machine_text && soundalike_open(&s, a->text, lexicon) != REH_OK)
        return REH_ENOMEM;
    for (size_t i = 0; i < q->n_key_terms && i < 64; i++) {
        const char *term = q->key_terms[i];
        if (question_names_term(q, i, a->text) ||
            index_of(a->terms_confirmed, a->n_terms_confirmed, term) < a->n_terms_confirmed)
            found[n_found++] = term;
        else if (s != NULL && sounds_like(s, q, i, heard[n_found], sizeof heard[n_found])) {
            was_heard[n_found] = 1;
            found[n_found++] = term;
        } else
            missed[n_missed++] = term;
    }
    soundalike_free(s);
    int rc = transcript_set_coverage(a, found, n_found, missed, n_missed);
    for (size_t k = 0; rc == REH_OK && k < n_found; k++)
        if (was_heard[k])
            rc = transcript_add_heard(a, found[k], heard[k]);
    return rc;
}

int transcript_confirm_term(struct transcript_answer *a, const char *term)
{
    struct transcript_coverage *c = &a->coverage;
    size_t at = index_of(c->missed, c->n_missed, term);
    if (at == c->n_missed)
        return REH_EDATA;
    char **found = realloc(c->found, (c->n_found + 1) * sizeof *found);
    if (found == NULL)
        return REH_ENOMEM;
    c->found = found;
    char **confirmed = realloc(a->terms_confirmed, (a->n_terms_confirmed + 1) * sizeof *confirmed);
    if (confirmed == NULL)
        return REH_ENOMEM;
    a->terms_confirmed = confirmed;
    if ((confirmed[a->n_terms_confirmed] = strdup(term)) == NULL)
        return REH_ENOMEM;
    a->n_terms_confirmed++;
    found[c->n_found++] = c->missed[at];
    memmove(&c->missed[at], &c->missed[at + 1], (c->n_missed - at - 1) * sizeof *c->missed);
    c->n_missed--;
    return REH_OK;
}

struct transcript_answer *transcript_begin_answer(struct transcript *t, const struct scenario *sc,
                                                  const struct plan_item *item)
{
    if (t->n_answers >= t->n_planned)
        return NULL;
    struct transcript_answer *a = &t->answers[t->n_answers];
    memset(a, 0, sizeof *a);
    a->n = (unsigned)t->n_answers + 1;
    a->mode = item->mode;
    a->limit_s = item->limit_s;
    a->outcome = OUTCOME_IN_PROGRESS;
    if (transcript_set(&a->question_id, item->q->id) != REH_OK ||
        transcript_set(&a->category, item->q->category) != REH_OK ||
        transcript_set(&a->question, item->q->text) != REH_OK ||
        transcript_set(&a->section, sc->sections[item->section].title) != REH_OK ||
        transcript_set(&a->text, "") != REH_OK) {
        t->n_answers++; /* so that transcript_free releases what was copied */
        return NULL;
    }
    t->n_answers++;
    return a;
}

static void answer_free(struct transcript_answer *a);

struct transcript_answer *transcript_begin_follow_up(struct transcript_answer *parent,
                                                     const char *text, unsigned limit_s,
                                                     enum follow_up_source source,
                                                     const char *const *trigger, size_t n)
{
    struct transcript_answer *list =
        realloc(parent->follow_ups, (parent->n_follow_ups + 1) * sizeof *list);
    if (list == NULL)
        return NULL;
    parent->follow_ups = list;
    struct transcript_answer *a = &list[parent->n_follow_ups++];
    memset(a, 0, sizeof *a);
    a->n = parent->n;
    a->follow_up = (unsigned)parent->n_follow_ups;
    a->source = source;
    a->mode = parent->mode;
    a->limit_s = limit_s;
    a->outcome = OUTCOME_IN_PROGRESS;
    if (transcript_set(&a->question_id, parent->question_id) != REH_OK ||
        transcript_set(&a->category, parent->category) != REH_OK ||
        transcript_set(&a->question, text) != REH_OK ||
        transcript_set(&a->section, parent->section) != REH_OK ||
        transcript_set(&a->text, "") != REH_OK ||
        transcript_set_list(&a->trigger, &a->n_trigger, trigger, n) != REH_OK) {
        answer_free(a);
        parent->n_follow_ups--;
        return NULL;
    }
    return a;
}

int transcript_new_take(struct transcript_answer *a, double elapsed_s)
{
    char *empty = strdup("");
    struct transcript_take *takes = realloc(a->takes, (a->n_takes + 1) * sizeof *takes);
    if (takes != NULL)
        a->takes = takes;
    if (empty == NULL || takes == NULL) {
        free(empty);
        return REH_ENOMEM;
    }
    takes[a->n_takes++] =
        (struct transcript_take){.text = a->text, .elapsed_s = elapsed_s, .audio = a->audio};
    a->text = empty;
    a->text_len = 0;
    memset(&a->audio, 0, sizeof a->audio);
    return REH_OK;
}

/* Appends `line`, made valid UTF-8, to the string *text of *len bytes,
 * after a '\n' when it is not empty. */
static int append_line(char **text, size_t *len, const char *line)
{
    char *valid = text_valid_utf8(line, strlen(line));
    size_t add = valid != NULL ? strlen(valid) : 0;
    char *grown = valid != NULL ? realloc(*text, *len + add + 2) : NULL;
    if (grown == NULL) {
        free(valid);
        return REH_ENOMEM;
    }
    if (*len > 0)
        grown[(*len)++] = '\n';
    memcpy(grown + *len, valid, add + 1);
    *len += add;
    *text = grown;
    free(valid);
    return REH_OK;
}

int transcript_append_line(struct transcript_answer *a, const char *line)
{
    return append_line(&a->text, &a->text_len, line);
}

int transcript_append_note(struct transcript_answer *a, const char *line)
{
    size_t len = a->typed_note ? strlen(a->typed_note) : 0;
    return append_line(&a->typed_note, &len, line);
}

static void answer_free(struct transcript_answer *a)
{
    for (size_t i = 0; i < a->n_follow_ups; i++)
        answer_free(&a->follow_ups[i]);
    free(a->follow_ups);
    free_list(a->trigger, a->n_trigger);
    for (size_t i = 0; i < a->n_takes; i++) {
        free(a->takes[i].text);
        free(a->takes[i].audio.file);
    }
    free(a->takes);
    free(a->question_id);
    free(a->category);
    free(a->question);
    free(a->section);
    free(a->text);
    free(a->typed_note);
    free(a->note);
    free(a->audio.file);
    clear_coverage(&a->coverage);
    free_list(a->terms_confirmed, a->n_terms_confirmed);
    transcript_set_analysis(a, NULL);
    transcript_set_rubric(a, NULL, NULL);
    memset(a, 0, sizeof *a);
}

int transcript_set_rubric(struct transcript_answer *a, const struct rubric *r, const char *model)
{
    struct rubric *copy = NULL;
    char *name = NULL;
    if (r != NULL) {
        copy = malloc(sizeof *copy);
        name = strdup(model != NULL ? model : "");
        if (copy == NULL || name == NULL) {
            free(copy);
            free(name);
            return REH_ENOMEM;
        }
        *copy = *r;
    }
    free(a->rubric);
    free(a->rubric_model);
    a->rubric = copy;
    a->rubric_model = name;
    return REH_OK;
}

size_t transcript_word_count(const struct transcript_answer *a)
{
    return text_word_count(a->text);
}

void transcript_set_analysis(struct transcript_answer *answer, struct analysis *a)
{
    if (answer->analysis != NULL) {
        analysis_free(answer->analysis);
        free(answer->analysis);
    }
    answer->analysis = a;
}

void transcript_drop_last(struct transcript *t)
{
    if (t->n_answers > 0)
        answer_free(&t->answers[--t->n_answers]);
}

int transcript_last_unanswered(const struct transcript *t)
{
    const struct transcript_answer *a = t->n_answers ? &t->answers[t->n_answers - 1] : NULL;
    return a != NULL && (a->outcome == OUTCOME_ABORTED || a->outcome == OUTCOME_IN_PROGRESS) &&
           a->text_len == 0 && a->audio.file == NULL && a->n_takes == 0;
}

void transcript_free(struct transcript *t)
{
    for (size_t i = 0; i < t->n_answers; i++)
        answer_free(&t->answers[i]);
    free(t->answers);
    free(t->id);
    free(t->scenario_id);
    free(t->scenario_title);
    free(t->bank_id);
    free(t->based_on);
    free_list(t->question_ids, t->n_planned);
    free(t->started_at);
    free(t->ended_at);
    free_plan(t->plan, t->n_planned);
    free(t->description);
    free(t->source_id);
    free(t->source_path);
    free(t->source_sha256);
    memset(t, 0, sizeof *t);
}
