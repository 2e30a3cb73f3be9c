/* model_json: the JSON forms of the core model, with the same field names as
 * the YAML files (durations in seconds carry an `_s` suffix). Each builder
 * returns REH_OK with a new reference in *out, or REH_ENOMEM / REH_EDATA
 * (a text that is missing or not UTF-8) with *out NULL and err naming the
 * member and what it belongs to. */
#ifndef REHEARSE_MODEL_JSON_H
#define REHEARSE_MODEL_JSON_H

#include "../core/bank.h"
#include "../core/diag.h"
#include "../core/plan.h"

#include <jansson.h>
#include <stdint.h>

/* {id, title, categories: [{id, title}], questions: [{id, category, kind,
 * suggested_time_s, text, model_answer, key_points, key_terms}]}, only
 * `category` when it is not NULL; optional fields are null or empty. */
int model_bank_json(const struct bank *bank, const char *category, json_t **out, struct diag *err);

/* {id, title, description, bank, budget_s, questions, mode, modes, origin,
 * path}: modes lists "typed" and "spoken" as the flags say. */
int model_scenario_json(const struct scenario *sc, int typed, int spoken, const char *origin,
                        const char *path, json_t **out, struct diag *err);

/* {scenario, title, budget_s, seed, overtime, questions: [{n, section,
 * question_id, category, mode, limit_s, text}]}. */
int model_plan_json(const struct plan *plan, const struct scenario *sc, uint64_t seed, json_t **out,
                    struct diag *err);

#endif
