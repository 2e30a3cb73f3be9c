/* bank: loader of bank files; every check names the file, line and column. */
#include "bank.h"

#include <string.h>

const char *const question_kind_names[] = {"concept", "design", "case-study", "experience", NULL};

static const char *const BANK_KEYS[] = {"id",         "title",     "description",
                                        "categories", "questions", NULL};
static const char *const CATEGORY_KEYS[] = {"id", "title", NULL};
static const char *const QUESTION_KEYS[] = {
    "id",           "category",   "kind",      "text",       "suggested_time",
    "model_answer", "key_points", "key_terms", "follow_ups", NULL};
static const char *const FOLLOW_UP_KEYS[] = {"text", "when_missing", "limit", NULL};

static int parse_follow_up(struct ydoc *doc, yaml_node_t *node, struct arena *arena,
                           struct follow_up *f, struct diag *err)
{
    yaml_node_t *v;
    int rc = ydoc_check_mapping(doc, node, "follow-up", FOLLOW_UP_KEYS, err);
    f->line = ydoc_line(node);
    f->column = ydoc_column(node);
    if (rc == REH_OK)
        rc = ydoc_require(doc, node, "text", "follow-up", &v, err);
    if (rc == REH_OK)
        rc = ydoc_text(doc, v, "text", arena, &f->text, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "when_missing")) != NULL) {
        rc = ydoc_text_list(doc, v, "when_missing", arena, &f->when_missing, &f->n_when_missing,
                            err);
        if (rc == REH_OK && f->n_when_missing == 0)
            rc = ydoc_fail(doc, v, err,
                           "'when_missing' is empty; list the terms an answer that needs the "
                           "follow-up leaves out, or drop the key to always ask it");
    }
    if (rc == REH_OK && (v = ydoc_get(doc, node, "limit")) != NULL)
        rc = ydoc_duration(doc, v, "limit", &f->limit_s, err);
    return rc;
}

/* The `follow_ups` list of a question: at least one, each with a text. */
static int parse_follow_ups(struct ydoc *doc, yaml_node_t *list, struct arena *arena,
                            struct question *q, struct diag *err)
{
    void *items = NULL;
    size_t n = 0;
    int rc = ydoc_list(doc, list, "follow_ups", "give each follow-up a text, or leave the key out",
                       arena, sizeof *q->follow_ups, &items, &n, err);
    struct follow_up *f = items;
    for (size_t i = 0; i < n && rc == REH_OK; i++)
        rc = parse_follow_up(doc, ydoc_item(doc, list, i), arena, &f[i], err);
    q->follow_ups = f;
    q->n_follow_ups = rc == REH_OK ? n : 0;
    return rc;
}

/* The `key_terms` list of a question: each item a text, or a list of the
 * spellings of one term (its name first). */
static int parse_key_terms(struct ydoc *doc, yaml_node_t *list, struct arena *arena,
                           struct question *q, struct diag *err)
{
    int rc = ydoc_check_sequence(doc, list, "key_terms", err);
    size_t n = rc == REH_OK ? ydoc_length(list) : 0;
    const char **names = arena_alloc(arena, (n ? n : 1) * sizeof *names);
    struct coverage_alternatives *alt = arena_alloc(arena, (n ? n : 1) * sizeof *alt);
    int any = 0;
    if (rc == REH_OK && (names == NULL || alt == NULL))
        rc = diag_set(err, REH_ENOMEM, "%s: out of memory", doc->name);
    for (size_t i = 0; i < n && rc == REH_OK; i++) {
        yaml_node_t *item = ydoc_item(doc, list, i);
        if (item->type != YAML_SEQUENCE_NODE) {
            rc = ydoc_text(doc, item, "key_terms", arena, &names[i], err);
            continue;
        }
        const char **spellings = NULL;
        size_t k = 0;
        rc = ydoc_text_list(doc, item, "key_terms", arena, &spellings, &k, err);
        if (rc == REH_OK && k == 0)
            rc = ydoc_fail(doc, item, err,
                           "a key term's list of spellings is empty; write the term, or "
                           "[term, other spelling, ...]");
        if (rc == REH_OK) {
            names[i] = spellings[0];
            alt[i] = (struct coverage_alternatives){spellings + 1, k - 1};
            any |= k > 1;
        }
    }
    if (rc == REH_OK) {
        q->key_terms = names;
        q->n_key_terms = n;
        q->key_term_alternatives = any ? alt : NULL;
    }
    return rc;
}

int question_parse(struct ydoc *doc, yaml_node_t *node, struct arena *arena, const char *no_id,
                   struct question *q, struct diag *err)
{
    yaml_node_t *v;
    int kind = KIND_CONCEPT, rc = REH_OK;
    if (no_id != NULL && ydoc_get(doc, node, "id") == NULL) {
        if ((q->id = arena_strdup(arena, no_id)) == NULL)
            rc = diag_set(err, REH_ENOMEM, "%s: out of memory", doc->name);
    } else {
        rc = ydoc_require(doc, node, "id", "question", &v, err);
        if (rc == REH_OK)
            rc = ydoc_slug(doc, v, "id", arena, &q->id, err);
    }
    if (rc == REH_OK)
        rc = ydoc_require(doc, node, "text", "question", &v, err);
    if (rc == REH_OK)
        rc = ydoc_text(doc, v, "text", arena, &q->text, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "category")) != NULL)
        rc = ydoc_slug(doc, v, "category", arena, &q->category, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "kind")) != NULL)
        rc = ydoc_choice(doc, v, "kind", question_kind_names, &kind, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "model_answer")) != NULL)
        rc = ydoc_text(doc, v, "model_answer", arena, &q->model_answer, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "key_points")) != NULL)
        rc = ydoc_text_list(doc, v, "key_points", arena, &q->key_points, &q->n_key_points, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "key_terms")) != NULL)
        rc = parse_key_terms(doc, v, arena, q, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "follow_ups")) != NULL)
        rc = parse_follow_ups(doc, v, arena, q, err);
    q->kind = (enum question_kind)kind;
    q->line = ydoc_line(node);
    q->column = ydoc_column(node);
    return rc;
}

static int parse_categories(struct bank *bank, struct ydoc *doc, yaml_node_t *list,
                            struct diag *err)
{
    void *items = NULL;
    size_t n;
    int rc = ydoc_list(doc, list, "categories", "a bank needs at least one", &bank->arena,
                       sizeof *bank->categories, &items, &n, err);
    if (rc != REH_OK)
        return rc;
    bank->categories = items;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_item(doc, list, i);
        struct category *c = &bank->categories[i];
        yaml_node_t *v;
        rc = ydoc_check_mapping(doc, item, "category", CATEGORY_KEYS, err);
        if (rc == REH_OK)
            rc = ydoc_require(doc, item, "id", "category", &v, err);
        if (rc == REH_OK)
            rc = ydoc_slug(doc, v, "id", &bank->arena, &c->id, err);
        if (rc == REH_OK && bank_category(bank, c->id) != NULL)
            rc = ydoc_fail(doc, v, err, "duplicate category id '%s'", c->id);
        if (rc == REH_OK)
            rc = ydoc_require(doc, item, "title", "category", &v, err);
        if (rc == REH_OK)
            rc = ydoc_text(doc, v, "title", &bank->arena, &c->title, err);
        if (rc != REH_OK)
            return rc;
        bank->n_categories = i + 1;
    }
    return REH_OK;
}

static int parse_question(struct bank *bank, struct ydoc *doc, yaml_node_t *item,
                          struct question *q, struct diag *err)
{
    yaml_node_t *v;
    int rc = ydoc_check_mapping(doc, item, "question", QUESTION_KEYS, err);
    if (rc == REH_OK)
        rc = question_parse(doc, item, &bank->arena, NULL, q, err);
    if (rc != REH_OK)
        return rc;
    const struct question *same = bank_find(bank, q->id);
    if (same != NULL)
        return ydoc_fail(doc, ydoc_get(doc, item, "id"), err,
                         "duplicate question id '%s' (first defined at line %zu)", q->id,
                         same->line);
    v = ydoc_get(doc, item, "category");
    if (v == NULL)
        return ydoc_fail(doc, item, err, "missing key 'category' in question");
    if (bank_category(bank, q->category) == NULL)
        return ydoc_fail(doc, v, err, "unknown category '%s'; add it under 'categories'",
                         q->category);
    v = ydoc_get(doc, item, "suggested_time");
    if (v != NULL)
        rc = ydoc_duration(doc, v, "suggested_time", &q->suggested_s, err);
    return rc;
}

static int parse_questions(struct bank *bank, struct ydoc *doc, yaml_node_t *list, struct diag *err)
{
    void *items = NULL;
    size_t n;
    int rc = ydoc_list(doc, list, "questions", "a bank needs at least one", &bank->arena,
                       sizeof *bank->questions, &items, &n, err);
    if (rc != REH_OK)
        return rc;
    bank->questions = items;
    /* a question in error is left out: the next one takes its place */
    for (size_t i = 0; i < n && rc == REH_OK; i++) {
        struct question *q = &bank->questions[bank->n_questions];
        rc = parse_question(bank, doc, ydoc_item(doc, list, i), q, err);
        if (rc == REH_OK) {
            bank->n_questions++;
        } else {
            memset(q, 0, sizeof *q);
            rc = ydoc_keep(doc, rc, err);
        }
    }
    return rc;
}

int bank_from_doc(struct bank *bank, struct ydoc *doc, struct diag *err)
{
    yaml_node_t *root = ydoc_root(doc), *v;
    int rc;

    memset(bank, 0, sizeof *bank);
    if (root == NULL)
        return diag_at(err, doc->name, 1, 1,
                       "the file is empty; expected a bank with id, title, categories and "
                       "questions");
    rc = ydoc_check_mapping(doc, root, "the bank", BANK_KEYS, err);
    if (rc == REH_OK)
        bank->path = arena_strdup(&bank->arena, doc->name);
    if (rc == REH_OK && bank->path == NULL)
        rc = diag_set(err, REH_ENOMEM, "%s: out of memory", doc->name);
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "id", "the bank", &v, err);
    if (rc == REH_OK)
        rc = ydoc_slug(doc, v, "id", &bank->arena, &bank->id, err);
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "title", "the bank", &v, err);
    if (rc == REH_OK)
        rc = ydoc_text(doc, v, "title", &bank->arena, &bank->title, err);
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "categories", "the bank", &v, err);
    if (rc == REH_OK)
        rc = parse_categories(bank, doc, v, err);
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "questions", "the bank", &v, err);
    if (rc == REH_OK)
        rc = parse_questions(bank, doc, v, err);
    rc = ydoc_kept(doc, rc, err);
    if (rc != REH_OK)
        bank_free(bank);
    return rc;
}

int bank_load(struct bank *bank, const char *path, struct diag *err)
{
    struct ydoc doc;
    memset(bank, 0, sizeof *bank);
    int rc = ydoc_load_file(&doc, path, err);
    if (rc != REH_OK)
        return rc;
    rc = bank_from_doc(bank, &doc, err);
    ydoc_free(&doc);
    return rc;
}

void bank_free(struct bank *bank)
{
    arena_free(&bank->arena);
    memset(bank, 0, sizeof *bank);
}

const struct coverage_alternatives *question_alternatives(const struct question *q, size_t i)
{
    if (q->key_term_alternatives == NULL || q->key_term_alternatives[i].n == 0)
        return NULL;
    return &q->key_term_alternatives[i];
}

size_t question_term_index(const struct question *q, const char *name)
{
    size_t i = 0;
    while (i < q->n_key_terms && strcmp(q->key_terms[i], name) != 0)
        i++;
    return i;
}

int question_names_term(const struct question *q, size_t i, const char *text)
{
    return coverage_names(text, q->key_terms[i], question_alternatives(q, i));
}

const struct question *bank_find(const struct bank *bank, const char *id)
{
    for (size_t i = 0; i < bank->n_questions; i++)
        if (strcmp(bank->questions[i].id, id) == 0)
            return &bank->questions[i];
    return NULL;
}

const struct category *bank_category(const struct bank *bank, const char *id)
{
    for (size_t i = 0; i < bank->n_categories; i++)
        if (strcmp(bank->categories[i].id, id) == 0)
            return &bank->categories[i];
    return NULL;
}
