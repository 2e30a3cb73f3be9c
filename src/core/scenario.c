/* scenario: the loader of scenario files, every check naming the file, line
 * and column; the scenario made of chosen questions; and what a resolved
 * scenario says of each question (limit, think time, mode). Resolving
 * against the bank is in scenario_resolve.c. */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const answer_mode_names[] = {"typed", "spoken", "mixed", NULL};
const char *const overtime_names[] = {"hard", "soft", NULL};
const char *const follow_up_source_names[] = {"authored", "generated", "none", NULL};
const char *const reveal_names[] = {"never", "after-answer", NULL};
static const char *const SECTION_MODE_NAMES[] = {"typed", "spoken", NULL};
static const char *const BOOLEAN_NAMES[] = {"false", "true", NULL};

static const char *const SCENARIO_KEYS[] = {
    "id",       "title",    "description", "bank",      "budget", "mode",           "overtime",
    "warnings", "seed",     "think",       "max_takes", "voice",  "max_follow_ups", "follow_ups",
    "reveal",   "sections", NULL};
static const char *const SECTION_KEYS[] = {"title", "questions", "pick",  "from",
                                           "limit", "mode",      "think", NULL};
static const char *const FROM_KEYS[] = {"category", "kind", NULL};
static const char *const INLINE_KEYS[] = {
    "id",           "text",       "limit",     "mode",       "category", "kind",
    "model_answer", "key_points", "key_terms", "follow_ups", NULL};

/* What a scenario file that does not say otherwise asks with. */
static const struct scenario_settings DEFAULT_SETTINGS = {.mode = MODE_TYPED,
                                                          .overtime = OVERTIME_HARD,
                                                          .warnings_s = {60, 15},
                                                          .n_warnings = 2,
                                                          .max_takes = 1,
                                                          .max_follow_ups = 1};

#define OOM(doc, err) diag_set(err, REH_ENOMEM, "%s: out of memory", (doc)->name)

static int parse_mode(struct ydoc *doc, yaml_node_t *node, const char *const names[],
                      enum answer_mode *mode, struct diag *err)
{
    int index;
    int rc = ydoc_choice(doc, node, "mode", names, &index, err);
    if (rc == REH_OK)
        *mode = (enum answer_mode)index;
    return rc;
}

/* A limit: a duration, or `none` for no per-question limit. */
static int parse_limit(struct scenario *sc, struct ydoc *doc, yaml_node_t *node, unsigned *limit_s,
                       struct diag *err)
{
    if (node->type == YAML_SCALAR_NODE &&
        strcmp((const char *)node->data.scalar.value, "none") == 0) {
        *limit_s = SCENARIO_NO_LIMIT;
        if (sc->no_limit_line == 0) {
            sc->no_limit_line = ydoc_line(node);
            sc->no_limit_column = ydoc_column(node);
        }
        return REH_OK;
    }
    return ydoc_duration(doc, node, "limit", limit_s, err);
}

/* A think time: a duration of at most 10 minutes, or `none`. */
static int parse_think(struct ydoc *doc, yaml_node_t *node, unsigned *think_s, struct diag *err)
{
    *think_s = 0;
    if (node->type == YAML_SCALAR_NODE &&
        strcmp((const char *)node->data.scalar.value, "none") == 0)
        return REH_OK;
    int rc = ydoc_duration(doc, node, "think", think_s, err);
    if (rc == REH_OK && *think_s > 600)
        rc = ydoc_fail(doc, node, err, "'think' is at most 10m; shorten it or write 'none'");
    return rc;
}

/* An inline question, entry `n` (from 1) of section `section` (from 1); one
 * without an id is asked as SCENARIO-sSECTION-qN. */
static int parse_inline(struct scenario *sc, struct ydoc *doc, yaml_node_t *node, size_t section,
                        size_t n, struct scenario_entry *e, struct diag *err)
{
    struct question *q = arena_alloc(&sc->arena, sizeof *q);
    yaml_node_t *v;
    char no_id[96];
    if (q == NULL)
        return OOM(doc, err);
    snprintf(no_id, sizeof no_id, "%s-s%zu-q%zu", sc->id, section, n);
    e->id_derived = ydoc_get(doc, node, "id") == NULL;
    int rc = ydoc_check_mapping(doc, node, "inline question", INLINE_KEYS, err);
    if (rc == REH_OK)
        rc = question_parse(doc, node, &sc->arena, no_id, q, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "limit")) != NULL)
        rc = parse_limit(sc, doc, v, &e->limit_s, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "mode")) != NULL)
        rc = parse_mode(doc, v, SECTION_MODE_NAMES, &e->mode, err);
    e->q = q;
    return rc;
}

static int parse_entries(struct scenario *sc, struct ydoc *doc, yaml_node_t *list,
                         struct scenario_section *s, struct diag *err)
{
    void *items = NULL;
    int rc = ydoc_list(doc, list, "questions", "list bank ids or inline questions", &sc->arena,
                       sizeof *s->entries, &items, &s->n_entries, err);
    s->entries = items;
    for (size_t i = 0; i < s->n_entries && rc == REH_OK; i++) {
        yaml_node_t *item = ydoc_item(doc, list, i);
        struct scenario_entry *e = &s->entries[i];
        e->mode = MODE_INHERIT;
        e->line = ydoc_line(item);
        e->column = ydoc_column(item);
        if (item->type == YAML_SCALAR_NODE)
            rc = ydoc_slug(doc, item, "question id", &sc->arena, &e->bank_id, err);
        else if (item->type == YAML_MAPPING_NODE)
            rc = parse_inline(sc, doc, item, (size_t)(s - sc->sections) + 1, i + 1, e, err);
        else
            rc = ydoc_fail(doc, item, err,
                           "expected a bank question id or an inline question with text, "
                           "found a list");
        rc = ydoc_keep(doc, rc, err);
    }
    return rc;
}

static int parse_from(struct scenario *sc, struct ydoc *doc, yaml_node_t *from,
                      struct scenario_section *s, struct diag *err)
{
    yaml_node_t *v;
    int rc = ydoc_check_mapping(doc, from, "'from'", FROM_KEYS, err);
    if (rc == REH_OK && (v = ydoc_get(doc, from, "category")) != NULL)
        rc = ydoc_slug(doc, v, "category", &sc->arena, &s->from_category, err);
    if (rc == REH_OK && (v = ydoc_get(doc, from, "kind")) != NULL)
        rc = ydoc_choice(doc, v, "kind", question_kind_names, &s->from_kind, err);
    return rc;
}

static int parse_section(struct scenario *sc, struct ydoc *doc, yaml_node_t *node,
                         struct scenario_section *s, struct diag *err)
{
    yaml_node_t *v, *questions, *pick, *from;
    unsigned long long n;
    int rc = ydoc_check_mapping(doc, node, "section", SECTION_KEYS, err);

    s->mode = MODE_INHERIT;
    s->from_kind = -1;
    s->line = ydoc_line(node);
    s->column = ydoc_column(node);
    if (rc == REH_OK)
        rc = ydoc_require(doc, node, "title", "section", &v, err);
    if (rc == REH_OK)
        rc = ydoc_text(doc, v, "title", &sc->arena, &s->title, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "limit")) != NULL)
        rc = parse_limit(sc, doc, v, &s->limit_s, err);
    if (rc == REH_OK && (v = ydoc_get(doc, node, "mode")) != NULL)
        rc = parse_mode(doc, v, SECTION_MODE_NAMES, &s->mode, err);
    s->think_s = SCENARIO_INHERIT;
    if (rc == REH_OK && (v = ydoc_get(doc, node, "think")) != NULL) {
        unsigned think;
        rc = parse_think(doc, v, &think, err);
        s->think_s = (int)think;
    }
    if (rc != REH_OK)
        return rc;

    questions = ydoc_get(doc, node, "questions");
    pick = ydoc_get(doc, node, "pick");
    from = ydoc_get(doc, node, "from");
    if (questions != NULL && pick != NULL)
        return ydoc_fail(doc, pick, err,
                         "a section has either 'questions' or 'pick', not both; split it in "
                         "two sections");
    if (from != NULL && pick == NULL)
        return ydoc_fail(doc, from, err, "'from' needs 'pick': how many questions to draw");
    if (questions == NULL && pick == NULL)
        return ydoc_fail(doc, node, err,
                         "section '%s' has no questions; give it 'questions' or 'pick'", s->title);
    if (questions != NULL)
        return parse_entries(sc, doc, questions, s, err);
    rc = ydoc_uint(doc, pick, "pick", 1, 100, &n, err);
    s->pick = (unsigned)n;
    s->pick_line = ydoc_line(pick);
    s->pick_column = ydoc_column(pick);
    if (rc == REH_OK && from != NULL)
        rc = parse_from(sc, doc, from, s, err);
    return rc;
}

static int parse_sections(struct scenario *sc, struct ydoc *doc, yaml_node_t *list,
                          struct diag *err)
{
    void *items = NULL;
    size_t n = 0;
    int rc = ydoc_list(doc, list, "sections", "a scenario needs at least one", &sc->arena,
                       sizeof *sc->sections, &items, &n, err);
    sc->sections = items;
    for (size_t i = 0; i < n && rc == REH_OK; i++) {
        rc = parse_section(sc, doc, ydoc_item(doc, list, i), &sc->sections[i], err);
        rc = ydoc_keep(doc, rc, err);
        sc->n_sections = i + 1;
    }
    return rc;
}

static int compare_desc(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x < y) - (x > y);
}

static int parse_warnings(struct scenario *sc, struct ydoc *doc, yaml_node_t *list,
                          struct diag *err)
{
    int rc = ydoc_check_sequence(doc, list, "warnings", err);
    if (rc != REH_OK)
        return rc;
    size_t n = ydoc_length(list);
    unsigned largest = 0;
    if (n > SCENARIO_MAX_WARNINGS)
        return ydoc_fail(doc, list, err, "at most %d warnings are allowed, found %zu",
                         SCENARIO_MAX_WARNINGS, n);
    for (size_t i = 0; i < n && rc == REH_OK; i++) {
        yaml_node_t *item = ydoc_item(doc, list, i);
        rc = ydoc_duration(doc, item, "warnings", &sc->settings.warnings_s[i], err);
        for (size_t j = 0; j < i && rc == REH_OK; j++)
            if (sc->settings.warnings_s[j] == sc->settings.warnings_s[i])
                rc = ydoc_fail(doc, item, err, "warning %s is given twice; remove one",
                               (const char *)item->data.scalar.value);
        if (rc == REH_OK && sc->settings.warnings_s[i] > largest) {
            largest = sc->settings.warnings_s[i];
            sc->warning_line = ydoc_line(item);
            sc->warning_column = ydoc_column(item);
        }
    }
    sc->settings.n_warnings = n;
    qsort(sc->settings.warnings_s, n, sizeof sc->settings.warnings_s[0], compare_desc);
    return rc;
}

static int parse_seed(struct scenario *sc, struct ydoc *doc, yaml_node_t *v, struct diag *err)
{
    unsigned long long n;
    if (v->type == YAML_SCALAR_NODE && strcmp((const char *)v->data.scalar.value, "random") == 0)
        return REH_OK;
    if (v->type != YAML_SCALAR_NODE || ((const char *)v->data.scalar.value)[0] < '0' ||
        ((const char *)v->data.scalar.value)[0] > '9')
        return ydoc_fail(doc, v, err, "'seed' must be 'random' or a whole number");
    int rc = ydoc_uint(doc, v, "seed", 0, INT64_MAX, &n, err);
    sc->seed_random = 0;
    sc->seed = n;
    return rc;
}

static int parse_root(struct scenario *sc, struct ydoc *doc, yaml_node_t *root, struct diag *err)
{
    yaml_node_t *v;
    int rc = ydoc_check_mapping(doc, root, "the scenario", SCENARIO_KEYS, err);
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "id", "the scenario", &v, err);
    if (rc == REH_OK)
        rc = ydoc_slug(doc, v, "id", &sc->arena, &sc->id, err);
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "title", "the scenario", &v, err);
    if (rc == REH_OK)
        rc = ydoc_text(doc, v, "title", &sc->arena, &sc->title, err);
    if (rc == REH_OK && (v = ydoc_get(doc, root, "description")) != NULL)
        rc = ydoc_text(doc, v, "description", &sc->arena, &sc->description, err);
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "bank", "the scenario", &v, err);
    if (rc == REH_OK) {
        sc->bank_line = ydoc_line(v);
        sc->bank_column = ydoc_column(v);
        rc = ydoc_slug(doc, v, "bank", &sc->arena, &sc->bank_id, err);
    }
    if (rc == REH_OK && (v = ydoc_get(doc, root, "budget")) != NULL) {
        sc->budget_line = ydoc_line(v);
        sc->budget_column = ydoc_column(v);
        rc = ydoc_duration(doc, v, "budget", &sc->budget_s, err);
    }
    if (rc == REH_OK && (v = ydoc_get(doc, root, "mode")) != NULL)
        rc = parse_mode(doc, v, answer_mode_names, &sc->settings.mode, err);
    if (rc == REH_OK && (v = ydoc_get(doc, root, "overtime")) != NULL) {
        int overtime;
        rc = ydoc_choice(doc, v, "overtime", overtime_names, &overtime, err);
        sc->settings.overtime = (enum overtime_policy)overtime;
    }
    if (rc == REH_OK && (v = ydoc_get(doc, root, "warnings")) != NULL)
        rc = parse_warnings(sc, doc, v, err);
    if (rc == REH_OK && (v = ydoc_get(doc, root, "seed")) != NULL)
        rc = parse_seed(sc, doc, v, err);
    if (rc == REH_OK && (v = ydoc_get(doc, root, "think")) != NULL)
        rc = parse_think(doc, v, &sc->settings.think_s, err);
    if (rc == REH_OK && (v = ydoc_get(doc, root, "max_takes")) != NULL) {
        unsigned long long n = 1;
        rc = ydoc_uint(doc, v, "max_takes", 1, SCENARIO_MAX_TAKES, &n, err);
        sc->settings.max_takes = (unsigned)n;
    }
    if (rc == REH_OK && (v = ydoc_get(doc, root, "voice")) != NULL)
        rc = ydoc_choice(doc, v, "voice", BOOLEAN_NAMES, &sc->settings.voice, err);
    if (rc == REH_OK && (v = ydoc_get(doc, root, "reveal")) != NULL) {
        int reveal;
        rc = ydoc_choice(doc, v, "reveal", reveal_names, &reveal, err);
        sc->settings.reveal = (enum reveal)reveal;
    }
    if (rc == REH_OK && (v = ydoc_get(doc, root, "max_follow_ups")) != NULL) {
        unsigned long long n = 1;
        rc = ydoc_uint(doc, v, "max_follow_ups", 0, SCENARIO_MAX_FOLLOW_UPS, &n, err);
        sc->settings.max_follow_ups = (unsigned)n;
    }
    if (rc == REH_OK && (v = ydoc_get(doc, root, "follow_ups")) != NULL) {
        int source;
        rc = ydoc_choice(doc, v, "follow_ups", follow_up_source_names, &source, err);
        sc->settings.follow_ups = (enum follow_up_source)source;
    }
    if (rc == REH_OK)
        rc = ydoc_require(doc, root, "sections", "the scenario", &v, err);
    if (rc == REH_OK)
        rc = parse_sections(sc, doc, v, err);
    return rc;
}

int scenario_from_doc(struct scenario *sc, struct ydoc *doc, struct diag *err)
{
    yaml_node_t *root = ydoc_root(doc);
    int rc;

    memset(sc, 0, sizeof *sc);
    sc->settings = DEFAULT_SETTINGS;
    sc->seed_random = 1;
    if (root == NULL)
        return diag_at(err, doc->name, 1, 1,
                       "the file is empty; expected a scenario with id, title, bank and "
                       "sections");
    sc->path = arena_strdup(&sc->arena, doc->name);
    rc = sc->path == NULL ? OOM(doc, err) : parse_root(sc, doc, root, err);
    rc = ydoc_kept(doc, rc, err);
    if (rc != REH_OK)
        scenario_free(sc);
    return rc;
}

int scenario_load(struct scenario *sc, const char *path, struct diag *err)
{
    struct ydoc doc;
    memset(sc, 0, sizeof *sc);
    int rc = ydoc_load_file(&doc, path, err);
    if (rc != REH_OK)
        return rc;
    rc = scenario_from_doc(sc, &doc, err);
    ydoc_free(&doc);
    return rc;
}

int scenario_of_questions(struct scenario *sc, const struct scenario *base, const char *id,
                          const char *title, const char *section, const char *const *ids, size_t n,
                          struct diag *err)
{
    struct scenario_settings settings = base->settings;
    memset(sc, 0, sizeof *sc);
    sc->settings = settings;
    sc->default_limit_s = SCENARIO_DERIVED_LIMIT_S;
    struct scenario_section *s = arena_alloc(&sc->arena, sizeof *s);
    struct scenario_entry *entries = arena_alloc(&sc->arena, (n ? n : 1) * sizeof *entries);
    sc->path = arena_strdup(&sc->arena, id);
    sc->id = sc->path;
    sc->title = arena_strdup(&sc->arena, title);
    sc->bank_id = arena_strdup(&sc->arena, base->bank_id);
    sc->based_on = arena_strdup(&sc->arena, base->id);
    if (s == NULL || entries == NULL || sc->path == NULL || sc->title == NULL ||
        sc->bank_id == NULL || sc->based_on == NULL ||
        (s->title = arena_strdup(&sc->arena, section)) == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    s->mode = MODE_INHERIT;
    s->think_s = SCENARIO_INHERIT;
    s->from_kind = -1;
    s->entries = entries;
    s->n_entries = n;
    for (size_t i = 0; i < n; i++) {
        entries[i] = (struct scenario_entry){.mode = MODE_INHERIT, .line = 1, .column = 1};
        if ((entries[i].bank_id = arena_strdup(&sc->arena, ids[i])) == NULL)
            return diag_set(err, REH_ENOMEM, "out of memory");
    }
    sc->sections = s;
    sc->n_sections = 1;
    return REH_OK;
}

/* The section title of question q: its category's title, else `other`. */
static const char *category_title(const struct bank *bank, const struct question *q,
                                  const char *other)
{
    if (q->category == NULL)
        return other;
    const struct category *c = bank_category(bank, q->category);
    return c != NULL ? c->title : q->category;
}

int scenario_sections_by_category(struct scenario *sc, const struct bank *bank, struct diag *err)
{
    const struct scenario_section *one = &sc->sections[0];
    size_t n = one->n_entries;
    struct scenario_section *split = arena_alloc(&sc->arena, (n ? n : 1) * sizeof *split);
    if (split == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    size_t n_split = 0;
    for (size_t i = 0; i < n; i++) {
        const char *title = category_title(bank, one->entries[i].q, one->title);
        if (n_split > 0 && strcmp(split[n_split - 1].title, title) == 0) {
            split[n_split - 1].n_entries++;
            continue;
        }
        split[n_split] = *one;
        split[n_split].title = title;
        split[n_split].entries = &one->entries[i];
        split[n_split++].n_entries = 1;
    }
    if (n_split > 0) {
        sc->sections = split;
        sc->n_sections = n_split;
    }
    return REH_OK;
}

void scenario_free(struct scenario *sc)
{
    arena_free(&sc->arena);
    memset(sc, 0, sizeof *sc);
}

enum answer_mode scenario_mode_of(const struct scenario *sc, const struct scenario_section *s,
                                  enum answer_mode entry, enum answer_mode asked)
{
    enum answer_mode m = asked != MODE_INHERIT ? asked : sc->settings.mode;
    if (m != MODE_MIXED)
        return m;
    if (entry != MODE_INHERIT)
        return entry;
    return s->mode != MODE_INHERIT ? s->mode : MODE_TYPED;
}

unsigned scenario_limit_of(const struct scenario *sc, const struct scenario_section *s,
                           const struct scenario_entry *e, const struct question *q)
{
    unsigned limit = e != NULL && e->limit_s ? e->limit_s
                     : s->limit_s            ? s->limit_s
                     : q->suggested_s        ? q->suggested_s
                                             : sc->default_limit_s;
    return limit == SCENARIO_NO_LIMIT ? 0 : limit;
}

unsigned scenario_think_of(const struct scenario *sc, const struct scenario_section *s)
{
    return s->think_s == SCENARIO_INHERIT ? sc->settings.think_s : (unsigned)s->think_s;
}

size_t scenario_question_count(const struct scenario *sc)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n_sections; i++)
        n += sc->sections[i].pick ? sc->sections[i].pick : sc->sections[i].n_entries;
    return n;
}
