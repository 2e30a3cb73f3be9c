/* bank: the question bank model (categories, questions with their model
 * answers, key points and key terms) and its loader. Inline questions of a
 * scenario use the same `struct question`. */
#ifndef REHEARSE_BANK_H
#define REHEARSE_BANK_H

#include "arena.h"
#include "coverage.h"
#include "diag.h"
#include "yamldoc.h"

#include <stddef.h>

enum question_kind {
    KIND_CONCEPT,
    KIND_DESIGN,
    KIND_CASE_STUDY,
    KIND_EXPERIENCE,
};

/* "concept", "design", "case-study", "experience", then NULL. */
extern const char *const question_kind_names[];

/* A question asked after an answer, before the next question of the plan. */
struct follow_up {
    const char *text;
    const char **when_missing; /* asked only when the answer named none of these; */
    size_t n_when_missing;     /* 0: always asked */
    unsigned limit_s;          /* 0: a third of its question's limit, at least 60 s */
    size_t line, column;       /* where it is defined */
};

struct question {
    const char *id;
    const char *category; /* NULL for an inline question without one */
    enum question_kind kind;
    const char *text;
    const char *model_answer; /* NULL when the bank has none */
    const char **key_points;
    size_t n_key_points;
    const char **key_terms; /* the name of each (its first spelling) */
    size_t n_key_terms;
    /* The other spellings of each key term (n_key_terms lists), or NULL
     * when no term has any: `[scale horizontally, scale out]` in a file. */
    const struct coverage_alternatives *key_term_alternatives;
    unsigned suggested_s;               /* 0 when not given */
    const struct follow_up *follow_ups; /* in the order the file gives them */
    size_t n_follow_ups;
    size_t line, column; /* where the question is defined */
};

struct category {
    const char *id;
    const char *title;
};

/* Everything a bank points to lives in its arena. */
struct bank {
    struct arena arena;
    const char *path;
    const char *id;
    const char *title;
    struct category *categories;
    size_t n_categories;
    struct question *questions;
    size_t n_questions;
};

/* Loads and validates a bank file. On success release it with bank_free; on
 * failure nothing needs releasing. Returns REH_OK, REH_EDATA (invalid file),
 * REH_EIO or REH_ENOMEM with `err` set. */
int bank_load(struct bank *bank, const char *path, struct diag *err);

/* The same from a parsed document (the scenario loader and fuzzers use it). */
int bank_from_doc(struct bank *bank, struct ydoc *doc, struct diag *err);

void bank_free(struct bank *bank);

/* The other spellings of key term i of q, or NULL when it has none. */
const struct coverage_alternatives *question_alternatives(const struct question *q, size_t i);

/* The index of the key term named `name` in q, or q->n_key_terms when q has
 * none of that name. */
size_t question_term_index(const struct question *q, const char *name);

/* Whether `text` names key term i of q, in any of its spellings. */
int question_names_term(const struct question *q, size_t i, const char *text);

const struct question *bank_find(const struct bank *bank, const char *id);
const struct category *bank_category(const struct bank *bank, const char *id);

/* Reads the fields shared by bank and inline questions from a mapping whose
 * keys the caller has already checked: id, text, category, kind,
 * model_answer, key_points, key_terms, follow_ups. text is required, and id
 * too unless `no_id` is given: the id of a question without one (copied
 * into the arena). */
int question_parse(struct ydoc *doc, yaml_node_t *node, struct arena *arena, const char *no_id,
                   struct question *q, struct diag *err);

#endif
