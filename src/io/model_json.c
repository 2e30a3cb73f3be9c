/* model_json: the JSON forms of banks, scenarios and plans. Every member is
 * set on its own and checked, as in session_codec; the first failure is
 * kept, naming the member and what it belongs to, and what follows is
 * dropped. Members are added in the order of the output, which jansson
 * keeps. */
#include "model_json.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>

struct builder {
    struct diag *err;
    int rc;         /* REH_OK until the first failure */
    const char *of; /* what the members being set belong to */
};

/* Records the failure to build member `key` unless one was recorded. */
static void fail(struct builder *b, int rc, const char *key, const char *why)
{
    if (b->rc != REH_OK)
        return;
    if (rc == REH_ENOMEM)
        b->rc = diag_set(b->err, rc, "out of memory building the %s of %s", key, b->of);
    else
        b->rc = diag_set(b->err, rc, "the %s of %s %s", key, b->of, why);
}

/* Sets obj[key] to `value`, a new reference (NULL when it could not be
 * made). */
static void put(struct builder *b, json_t *obj, const char *key, json_t *value)
{
    if (b->rc != REH_OK || obj == NULL) {
        json_decref(value);
        if (obj == NULL)
            fail(b, REH_ENOMEM, key, NULL);
        return;
    }
    if (value == NULL || json_object_set_new(obj, key, value) != 0)
        fail(b, REH_ENOMEM, key, NULL);
}

/* A JSON string of s (null when s is NULL and that is allowed), or NULL
 * with the failure recorded. */
static json_t *text(struct builder *b, const char *key, const char *s, int nullable)
{
    if (s == NULL && nullable)
        return json_null();
    if (s == NULL)
        fail(b, REH_EDATA, key, "is missing");
    else if (!text_utf8_valid(s, strlen(s)))
        fail(b, REH_EDATA, key, "is not valid UTF-8");
    else
        return json_string(s);
    return NULL;
}

static void put_text(struct builder *b, json_t *obj, const char *key, const char *s)
{
    put(b, obj, key, text(b, key, s, 0));
}

static void put_text_or_null(struct builder *b, json_t *obj, const char *key, const char *s)
{
    put(b, obj, key, text(b, key, s, 1));
}

static void put_int(struct builder *b, json_t *obj, const char *key, json_int_t v)
{
    put(b, obj, key, json_integer(v));
}

/* Appends `value` (a new reference, NULL when it could not be made) to the
 * array of member `key`. */
static void append(struct builder *b, json_t *array, const char *key, json_t *value)
{
    if (b->rc != REH_OK || array == NULL) {
        json_decref(value);
        if (array == NULL)
            fail(b, REH_ENOMEM, key, NULL);
        return;
    }
    if (value == NULL || json_array_append_new(array, value) != 0)
        fail(b, REH_ENOMEM, key, NULL);
}

/* An array of the n texts of items. */
static void put_texts(struct builder *b, json_t *obj, const char *key, const char *const *items,
                      size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        append(b, a, key, text(b, key, items[i], 0));
    put(b, obj, key, a);
}

/* Makes `what` the owner of the members set from now on; returns the owner
 * before, which the caller puts back. */
static const char *enter(struct builder *b, const char *what)
{
    const char *before = b->of;
    b->of = what;
    return before;
}

/* Hands `root` to *out when every member was set, else drops it. */
static int finish(struct builder *b, json_t *root, json_t **out)
{
    if (root == NULL)
        fail(b, REH_ENOMEM, "members", NULL);
    if (b->rc != REH_OK) {
        json_decref(root);
        root = NULL;
    }
    *out = root;
    return b->rc;
}

static json_t *question_json(struct builder *b, const struct question *q)
{
    char what[160];
    snprintf(what, sizeof what, "question %s", q->id != NULL ? q->id : "(no id)");
    const char *outer = enter(b, what);
    json_t *o = json_object();
    put_text(b, o, "id", q->id);
    put_text_or_null(b, o, "category", q->category);
    put_text(b, o, "kind", question_kind_names[q->kind]);
    put_int(b, o, "suggested_time_s", (json_int_t)q->suggested_s);
    put_text(b, o, "text", q->text);
    put_text_or_null(b, o, "model_answer", q->model_answer);
    put_texts(b, o, "key_points", q->key_points, q->n_key_points);
    put_texts(b, o, "key_terms", q->key_terms, q->n_key_terms);
    b->of = outer;
    return o;
}

static json_t *category_json(struct builder *b, const struct category *c)
{
    char what[160];
    snprintf(what, sizeof what, "category %s", c->id != NULL ? c->id : "(no id)");
    const char *outer = enter(b, what);
    json_t *o = json_object();
    put_text(b, o, "id", c->id);
    put_text(b, o, "title", c->title);
    b->of = outer;
    return o;
}

int model_bank_json(const struct bank *bank, const char *category, json_t **out, struct diag *err)
{
    struct builder b = {.err = err, .rc = REH_OK, .of = "the bank"};
    json_t *root = json_object(), *cats = json_array(), *questions = json_array();
    put_text(&b, root, "id", bank->id);
    put_text(&b, root, "title", bank->title);
    for (size_t c = 0; c < bank->n_categories; c++)
        if (category == NULL || strcmp(category, bank->categories[c].id) == 0)
            append(&b, cats, "categories", category_json(&b, &bank->categories[c]));
    put(&b, root, "categories", cats);
    for (size_t i = 0; i < bank->n_questions; i++)
        if (category == NULL || strcmp(category, bank->questions[i].category) == 0)
            append(&b, questions, "questions", question_json(&b, &bank->questions[i]));
    put(&b, root, "questions", questions);
    return finish(&b, root, out);
}

int model_scenario_json(const struct scenario *sc, int typed, int spoken, const char *origin,
                        const char *path, json_t **out, struct diag *err)
{
    struct builder b = {.err = err, .rc = REH_OK, .of = path};
    json_t *root = json_object(), *modes = json_array();
    put_text(&b, root, "id", sc->id);
    put_text(&b, root, "title", sc->title);
    put_text_or_null(&b, root, "description", sc->description);
    put_text(&b, root, "bank", sc->bank_id);
    put_int(&b, root, "budget_s", (json_int_t)sc->budget_s);
    put_int(&b, root, "questions", (json_int_t)scenario_question_count(sc));
    put_text(&b, root, "mode", answer_mode_names[sc->settings.mode]);
    if (typed)
        append(&b, modes, "modes", json_string("typed"));
    if (spoken)
        append(&b, modes, "modes", json_string("spoken"));
    put(&b, root, "modes", modes);
    put_text(&b, root, "origin", origin);
    put_text(&b, root, "path", path);
    return finish(&b, root, out);
}

static json_t *plan_item_json(struct builder *b, const struct plan *plan, const struct scenario *sc,
                              size_t i)
{
    const struct plan_item *it = &plan->items[i];
    char what[64];
    snprintf(what, sizeof what, "question %zu of the plan", i + 1);
    const char *outer = enter(b, what);
    json_t *o = json_object();
    put_int(b, o, "n", (json_int_t)(i + 1));
    put_text(b, o, "section", sc->sections[it->section].title);
    put_text(b, o, "question_id", it->q->id);
    put_text_or_null(b, o, "category", it->q->category);
    put_text(b, o, "mode", answer_mode_names[it->mode]);
    put_int(b, o, "limit_s", (json_int_t)it->limit_s);
    put_text(b, o, "text", it->q->text);
    b->of = outer;
    return o;
}

int model_plan_json(const struct plan *plan, const struct scenario *sc, uint64_t seed, json_t **out,
                    struct diag *err)
{
    struct builder b = {.err = err, .rc = REH_OK, .of = "the plan"};
    json_t *root = json_object(), *questions = json_array();
    put_text(&b, root, "scenario", sc->id);
    put_text(&b, root, "title", sc->title);
    put_int(&b, root, "budget_s", (json_int_t)sc->budget_s);
    put_int(&b, root, "seed", (json_int_t)seed);
    put_text(&b, root, "overtime", overtime_names[sc->settings.overtime]);
    for (size_t i = 0; i < plan->n_items; i++)
        append(&b, questions, "questions", plan_item_json(&b, plan, sc, i));
    put(&b, root, "questions", questions);
    return finish(&b, root, out);
}
