/* model_json: the JSON forms of banks, scenarios and plans. Every member is
 * set on its own and checked, as in session_codec; the first failure is
 * kept, naming the member and what it belongs to, and what follows is
 * dropped. Members are added in the order of the output, which jansson
 * keeps. */
#include "model_json.h"
#include "json_build.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>

/* Hands `root` to *out when every member was set, else drops it. */
static int finish(struct json_build *b, json_t *root, json_t **out)
{
    if (root == NULL)
        json_build_fail(b, REH_ENOMEM, "members", NULL);
    if (b->rc != REH_OK) {
        json_decref(root);
        root = NULL;
    }
    *out = root;
    return b->rc;
}

static json_t *question_json(struct json_build *b, const struct question *q)
{
    char what[160];
    snprintf(what, sizeof what, "question %s", q->id != NULL ? q->id : "(no id)");
    const char *outer = json_build_enter(b, what);
    json_t *o = json_object();
    json_build_put_text(b, o, "id", q->id);
    json_build_put_text_or_null(b, o, "category", q->category);
    json_build_put_text(b, o, "kind", question_kind_names[q->kind]);
    json_build_put_int(b, o, "suggested_time_s", (json_int_t)q->suggested_s);
    json_build_put_text(b, o, "text", q->text);
    json_build_put_text_or_null(b, o, "model_answer", q->model_answer);
    json_build_put_texts(b, o, "key_points", q->key_points, q->n_key_points);
    json_build_put_texts(b, o, "key_terms", q->key_terms, q->n_key_terms);
    json_build_put_alternatives(b, o, q->key_term_alternatives, q->n_key_terms);
    if (q->n_follow_ups > 0) {
        json_t *list = json_array();
        for (size_t i = 0; i < q->n_follow_ups; i++) {
            const struct follow_up *f = &q->follow_ups[i];
            json_build_append(b, list, "follow_ups",
                              json_build_follow_up(b, i + 1, f->text, f->when_missing,
                                                   f->n_when_missing, f->limit_s));
        }
        json_build_put(b, o, "follow_ups", list);
    }
    b->of = outer;
    return o;
}

static json_t *category_json(struct json_build *b, const struct category *c)
{
    char what[160];
    snprintf(what, sizeof what, "category %s", c->id != NULL ? c->id : "(no id)");
    const char *outer = json_build_enter(b, what);
    json_t *o = json_object();
    json_build_put_text(b, o, "id", c->id);
    json_build_put_text(b, o, "title", c->title);
    b->of = outer;
    return o;
}

int model_bank_json(const struct bank *bank, const char *category, json_t **out, struct diag *err)
{
    struct json_build b = {.err = err, .rc = REH_OK, .of = "the bank", .doing = "building"};
    json_t *root = json_object(), *cats = json_array(), *questions = json_array();
    json_build_put_text(&b, root, "id", bank->id);
    json_build_put_text(&b, root, "title", bank->title);
    for (size_t c = 0; c < bank->n_categories; c++)
        if (category == NULL || strcmp(category, bank->categories[c].id) == 0)
            json_build_append(&b, cats, "categories", category_json(&b, &bank->categories[c]));
    json_build_put(&b, root, "categories", cats);
    for (size_t i = 0; i < bank->n_questions; i++)
        if (category == NULL || strcmp(category, bank->questions[i].category) == 0)
            json_build_append(&b, questions, "questions", question_json(&b, &bank->questions[i]));
    json_build_put(&b, root, "questions", questions);
    return finish(&b, root, out);
}

int model_scenario_json(const struct scenario *sc, int typed, int spoken, const char *origin,
                        const char *path, json_t **out, struct diag *err)
{
    struct json_build b = {.err = err, .rc = REH_OK, .of = path, .doing = "building"};
    json_t *root = json_object(), *modes = json_array();
    json_build_put_text(&b, root, "id", sc->id);
    json_build_put_text(&b, root, "title", sc->title);
    json_build_put_text_or_null(&b, root, "description", sc->description);
    json_build_put_text(&b, root, "bank", sc->bank_id);
    json_build_put_int(&b, root, "budget_s", (json_int_t)sc->budget_s);
    json_build_put_int(&b, root, "questions", (json_int_t)scenario_question_count(sc));
    json_build_put_text(&b, root, "mode", answer_mode_names[sc->settings.mode]);
    if (typed)
        json_build_append(&b, modes, "modes", json_string("typed"));
    if (spoken)
        json_build_append(&b, modes, "modes", json_string("spoken"));
    json_build_put(&b, root, "modes", modes);
    json_build_put_text(&b, root, "origin", origin);
    json_build_put_text(&b, root, "path", path);
    return finish(&b, root, out);
}

static json_t *plan_item_json(struct json_build *b, const struct plan *plan,
                              const struct scenario *sc, size_t i)
{
    const struct plan_item *it = &plan->items[i];
    char what[64];
    snprintf(what, sizeof what, "question %zu of the plan", i + 1);
    const char *outer = json_build_enter(b, what);
    json_t *o = json_object();
    json_build_put_int(b, o, "n", (json_int_t)(i + 1));
    json_build_put_text(b, o, "section", sc->sections[it->section].title);
    json_build_put_text(b, o, "question_id", it->q->id);
    json_build_put_text_or_null(b, o, "category", it->q->category);
    json_build_put_text(b, o, "mode", answer_mode_names[it->mode]);
    json_build_put_int(b, o, "limit_s", (json_int_t)it->limit_s);
    json_build_put_text(b, o, "text", it->q->text);
    b->of = outer;
    return o;
}

int model_plan_json(const struct plan *plan, const struct scenario *sc, uint64_t seed, json_t **out,
                    struct diag *err)
{
    struct json_build b = {.err = err, .rc = REH_OK, .of = "the plan", .doing = "building"};
    json_t *root = json_object(), *questions = json_array();
    json_build_put_text(&b, root, "scenario", sc->id);
    json_build_put_text(&b, root, "title", sc->title);
    json_build_put_int(&b, root, "budget_s", (json_int_t)sc->budget_s);
    json_build_put_int(&b, root, "seed", (json_int_t)seed);
    json_build_put_text(&b, root, "overtime", overtime_names[sc->settings.overtime]);
    for (size_t i = 0; i < plan->n_items; i++)
        json_build_append(&b, questions, "questions", plan_item_json(&b, plan, sc, i));
    json_build_put(&b, root, "questions", questions);
    return finish(&b, root, out);
}
