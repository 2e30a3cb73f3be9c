/* model_json: the JSON forms of the core model, with the same field names as
 * the YAML files (durations in seconds carry an `_s` suffix). */
#ifndef REHEARSE_MODEL_JSON_H
#define REHEARSE_MODEL_JSON_H

#include "../core/bank.h"
#include "../core/plan.h"

#include <jansson.h>

/* A new reference to {id, category, kind, suggested_time_s, text,
 * model_answer, key_points, key_terms}; optional fields are null or empty. */
json_t *model_question_json(const struct question *q);

/* A new reference to {id, title}. */
json_t *model_category_json(const struct category *c);

/* A new reference to the planned questions: [{n, section, question_id,
 * category, mode, limit_s, text}]. */
json_t *model_plan_json(const struct plan *plan, const struct scenario *sc);

#endif
