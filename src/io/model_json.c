/* model_json: jansson builders for questions, categories and plans. */
#include "model_json.h"

static json_t *string_list(const char *const *items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

json_t *model_question_json(const struct question *q)
{
    return json_pack("{s:s, s:s?, s:s, s:I, s:s, s:s?, s:o, s:o}", "id", q->id, "category",
                     q->category, "kind", question_kind_names[q->kind], "suggested_time_s",
                     (json_int_t)q->suggested_s, "text", q->text, "model_answer", q->model_answer,
                     "key_points", string_list(q->key_points, q->n_key_points), "key_terms",
                     string_list(q->key_terms, q->n_key_terms));
}

json_t *model_category_json(const struct category *c)
{
    return json_pack("{s:s, s:s}", "id", c->id, "title", c->title);
}

json_t *model_plan_json(const struct plan *plan, const struct scenario *sc)
{
    json_t *a = json_array();
    for (size_t i = 0; i < plan->n_items; i++) {
        const struct plan_item *it = &plan->items[i];
        json_array_append_new(
            a, json_pack("{s:I, s:s, s:s, s:s?, s:s, s:I, s:s}", "n", (json_int_t)(i + 1),
                         "section", sc->sections[it->section].title, "question_id", it->q->id,
                         "category", it->q->category, "mode", answer_mode_names[it->mode],
                         "limit_s", (json_int_t)it->limit_s, "text", it->q->text));
    }
    return a;
}
