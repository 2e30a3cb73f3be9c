/* session_index: the summaries of the sessions, read from the index when a
 * session.json is unchanged and from the file itself otherwise. */
#include "session_index.h"
#include "session_dir.h"
#include "json_file.h"
#include "store.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define INDEX_FILE   "sessions-index.json"
#define INDEX_FORMAT 4

struct reporter {
    session_index_skip_fn skip;
    void *ctx;
};

static void report(const struct reporter *r, const char *why)
{
    if (r->skip != NULL)
        r->skip(why, r->ctx);
}

static void report_foreign(const char *path, void *ctx)
{
    char why[PATH_MAX + 64];
    snprintf(why, sizeof why, "%s: not a session directory", path);
    report(ctx, why);
}

/* Any save replaces the file: a new inode and a new modification time. */
static json_t *identity_of(const struct stat *st)
{
    return json_pack("[I, I, I, I, I]", (json_int_t)st->st_dev, (json_int_t)st->st_ino,
                     (json_int_t)st->st_size, (json_int_t)st->st_mtim.tv_sec,
                     (json_int_t)st->st_mtim.tv_nsec);
}

/* The sessions object of the index, or an empty one when the file is
 * missing, damaged or of another format. */
static json_t *read_index(const char *path)
{
    struct diag ignored;
    json_t *root = NULL, *sessions = NULL;
    json_int_t format = 0;
    if (json_file_read(path, JSON_REJECT_DUPLICATES, &root, &ignored) == REH_OK && root != NULL &&
        json_unpack(root, "{s:I, s:o}", "format", &format, "sessions", &sessions) == 0 &&
        format == INDEX_FORMAT && json_is_object(sessions))
        json_incref(sessions);
    else
        sessions = json_object();
    json_decref(root);
    return sessions;
}

/* The string of v, which may be null, into *field. Returns REH_OK,
 * REH_EDATA when v is neither, or REH_ENOMEM. */
static int optional_string(json_t *v, char **field)
{
    if (!json_is_null(v) && !json_is_string(v))
        return REH_EDATA;
    return transcript_set(field, json_string_value(v));
}

/* Fills the empty mark m from its entry: [question_id, category, outcome,
 * rating, terms, found, limit_s, elapsed_s, has_text, said, rubric]. Returns
 * REH_OK, REH_EDATA when the entry is not one this program wrote, or
 * REH_ENOMEM. */
static int mark_from_entry(json_t *entry, struct transcript_mark *m)
{
    const char *id, *outcome;
    json_t *category;
    json_int_t rating, terms, found, limit, rubric;
    if (json_unpack(entry, "[s, o, s, I, I, I, I, F, b, b, I!]", &id, &category, &outcome, &rating,
                    &terms, &found, &limit, &m->elapsed_s, &m->has_text, &m->said, &rubric) != 0 ||
        transcript_name_index(answer_outcome_names, outcome) < 0 ||
        !json_file_in_range(rating, 0, 5) || !json_file_in_range(rubric, 0, 5) ||
        !json_file_in_range(terms, 0, JSON_FILE_MAX_COUNT) ||
        !json_file_in_range(found, 0, terms) ||
        !json_file_in_range(limit, 0, JSON_FILE_MAX_SECONDS))
        return REH_EDATA;
    m->outcome = (enum answer_outcome)transcript_name_index(answer_outcome_names, outcome);
    m->rating = (int)rating;
    m->rubric = (int)rubric;
    m->n_terms = (size_t)terms;
    m->n_found = (size_t)found;
    m->limit_s = (unsigned)limit;
    int rc = transcript_set(&m->question_id, id);
    return rc == REH_OK ? optional_string(category, &m->category) : rc;
}

static json_t *mark_entry(const struct transcript_mark *m)
{
    return json_pack("[s, s?, s, i, I, I, I, f, b, b, i]", m->question_id, m->category,
                     answer_outcome_names[m->outcome], m->rating, (json_int_t)m->n_terms,
                     (json_int_t)m->n_found, (json_int_t)m->limit_s, m->elapsed_s, m->has_text,
                     m->said, m->rubric);
}

/* Fills the empty summary s from an index entry. Returns REH_OK, REH_EDATA
 * when the entry is not one this program wrote, or REH_ENOMEM. */
static int from_entry(json_t *entry, struct transcript_summary *s)
{
    const char *id, *scenario, *title, *started = NULL, *status, *bank = NULL;
    json_t *answers, *v;
    size_t k;
    json_int_t budget, planned, outcomes[OUTCOME_ABORTED + 1], typed, spoken, rated;
    struct transcript_totals *tt = &s->totals;
    if (json_unpack(
            entry,
            "{s:s, s:s, s:s, s?s, s:s, s:I, s:I, s:[IIIII!], s:F, s:I, s:I, s:I, s:F, s?s, s:o}",
            "id", &id, "scenario", &scenario, "title", &title, "started_at", &started, "status",
            &status, "budget_s", &budget, "planned", &planned, "outcomes", &outcomes[0],
            &outcomes[1], &outcomes[2], &outcomes[3], &outcomes[4], "used_s", &tt->used_s, "typed",
            &typed, "spoken", &spoken, "rated", &rated, "rating_sum", &tt->rating_sum, "bank",
            &bank, "answers", &answers) != 0 ||
        !json_is_array(answers) || json_array_size(answers) > JSON_FILE_MAX_COUNT ||
        transcript_name_index(session_status_names, status) < 0 ||
        !json_file_in_range(budget, 0, JSON_FILE_MAX_SECONDS) ||
        !json_file_in_range(planned, 0, JSON_FILE_MAX_COUNT) ||
        !json_file_in_range(typed, 0, JSON_FILE_MAX_COUNT) ||
        !json_file_in_range(spoken, 0, JSON_FILE_MAX_COUNT) ||
        !json_file_in_range(rated, 0, JSON_FILE_MAX_COUNT))
        return REH_EDATA;
    for (size_t i = 0; i <= OUTCOME_ABORTED; i++) {
        if (!json_file_in_range(outcomes[i], 0, JSON_FILE_MAX_COUNT))
            return REH_EDATA;
        tt->outcomes[i] = (unsigned)outcomes[i];
    }
    s->status = (enum session_status)transcript_name_index(session_status_names, status);
    s->budget_s = (unsigned)budget;
    s->n_planned = (size_t)planned;
    tt->typed = (unsigned)typed;
    tt->spoken = (unsigned)spoken;
    tt->rated = (unsigned)rated;
    if (transcript_set(&s->id, id) != REH_OK ||
        transcript_set(&s->scenario_id, scenario) != REH_OK ||
        transcript_set(&s->scenario_title, title) != REH_OK ||
        transcript_set(&s->started_at, started) != REH_OK ||
        transcript_set(&s->bank_id, bank) != REH_OK ||
        transcript_alloc_marks(s, json_array_size(answers)) != REH_OK)
        return REH_ENOMEM;
    json_array_foreach(answers, k, v)
    {
        int rc = mark_from_entry(v, &s->marks[k]);
        if (rc != REH_OK)
            return rc;
    }
    return REH_OK;
}

/* A new index entry for s, or NULL when out of memory. */
static json_t *to_entry(const struct transcript_summary *s, json_t *identity)
{
    const struct transcript_totals *tt = &s->totals;
    json_t *answers = json_array();
    for (size_t i = 0; answers != NULL && i < s->n_marks; i++)
        if (json_array_append_new(answers, mark_entry(&s->marks[i])) != 0) {
            json_decref(answers);
            return NULL;
        }
    if (answers == NULL)
        return NULL;
    return json_pack(
        "{s:O, s:s, s:s, s:s, s:s*, s:s, s:I, s:I, s:[IIIII], s:f, s:I, s:I, s:I, s:f, s:s*, s:o}",
        "file", identity, "id", s->id, "scenario", s->scenario_id, "title", s->scenario_title,
        "started_at", s->started_at, "status", session_status_names[s->status], "budget_s",
        (json_int_t)s->budget_s, "planned", (json_int_t)s->n_planned, "outcomes",
        (json_int_t)tt->outcomes[0], (json_int_t)tt->outcomes[1], (json_int_t)tt->outcomes[2],
        (json_int_t)tt->outcomes[3], (json_int_t)tt->outcomes[4], "used_s", tt->used_s, "typed",
        (json_int_t)tt->typed, "spoken", (json_int_t)tt->spoken, "rated", (json_int_t)tt->rated,
        "rating_sum", tt->rating_sum, "bank", s->bank_id, "answers", answers);
}

/* Fills the empty summary s of session `id` and sets *entry to its index
 * entry (a new reference, or NULL when it cannot be cached): the cached one
 * when session.json is unchanged. Returns REH_OK, REH_EDATA when the session
 * was skipped (and reported), or REH_ENOMEM. */
static int summarize(const char *home, const char *id, json_t *cached, const struct reporter *r,
                     struct transcript_summary *s, json_t **entry)
{
    char dir[PATH_MAX + 256], path[PATH_MAX + 300];
    struct stat st;
    struct transcript t;
    struct diag err;
    json_t *identity = NULL;
    int rc;

    *entry = NULL;
    snprintf(dir, sizeof dir, "%s/sessions/%s", home, id);
    snprintf(path, sizeof path, "%s/session.json", dir);
    if (stat(path, &st) == 0 && (identity = identity_of(&st)) == NULL)
        return REH_ENOMEM;
    if (identity != NULL && json_equal(json_object_get(cached, "file"), identity) &&
        from_entry(cached, s) == REH_OK) {
        *entry = json_incref(cached);
        json_decref(identity);
        return REH_OK;
    }
    transcript_summary_free(s);
    rc = store_load(dir, &t, &err);
    if (rc == REH_OK) {
        rc = transcript_summarize(&t, s);
    } else if (rc != REH_ENOMEM) {
        report(r, err.message);
        rc = REH_EDATA;
    }
    if (rc == REH_OK && identity != NULL && (*entry = to_entry(s, identity)) == NULL)
        rc = REH_ENOMEM;
    transcript_free(&t);
    json_decref(identity);
    return rc;
}

int session_index_list(const char *home, struct transcript_summary **out, size_t *count,
                       session_index_skip_fn skip, void *ctx, struct diag *err)
{
    const struct reporter r = {skip, ctx};
    char path[PATH_MAX + 64], **ids;
    size_t n_ids, n = 0;
    struct transcript_summary *list = NULL;
    json_t *before = NULL, *after = NULL, *root = NULL;

    *out = NULL;
    *count = 0;
    int rc = session_dir_list(home, &ids, &n_ids, report_foreign, (void *)&r, err);
    if (rc != REH_OK)
        return rc;
    snprintf(path, sizeof path, "%s/" INDEX_FILE, home);
    before = read_index(path);
    after = json_object();
    list = calloc(n_ids ? n_ids : 1, sizeof *list);
    if (before == NULL || after == NULL || list == NULL) {
        rc = diag_set(err, REH_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n_ids; i++) {
        json_t *entry;
        rc = summarize(home, ids[i], json_object_get(before, ids[i]), &r, &list[n], &entry);
        if (rc == REH_ENOMEM) {
            transcript_summary_free(&list[n]);
            diag_set(err, rc, "out of memory");
            goto done;
        }
        if (rc != REH_OK) {
            transcript_summary_free(&list[n]);
            continue;
        }
        if (entry != NULL)
            json_object_set_new(after, ids[i], entry); /* out of memory: not cached */
        n++;
    }
    rc = REH_OK;
    /* Written only when it changed; a failure costs the next listing time,
     * nothing else. */
    if ((n_ids > 0 || json_object_size(before) > 0) && !json_equal(before, after)) {
        struct diag ignored;
        root = json_pack("{s:i, s:O}", "format", INDEX_FORMAT, "sessions", after);
        if (root != NULL)
            json_file_write(home, INDEX_FILE, root, JSON_COMPACT, &ignored);
    }
done:
    if (rc != REH_OK) {
        session_index_free(list, n);
        list = NULL;
        n = 0;
    }
    *out = list;
    *count = n;
    json_decref(root);
    json_decref(after);
    json_decref(before);
    session_dir_free(ids);
    return rc;
}

void session_index_free(struct transcript_summary *list, size_t count)
{
    for (size_t i = 0; list != NULL && i < count; i++)
        transcript_summary_free(&list[i]);
    free(list);
}

/* The text of the first answer to question `id` in t, or NULL. */
static const char *question_in(const struct transcript *t, const char *id)
{
    for (size_t i = 0; i < t->n_answers; i++)
        if (strcmp(t->answers[i].question_id, id) == 0)
            return t->answers[i].question;
    return NULL;
}

int session_index_question(const char *home, const struct transcript_summary *list, size_t count,
                           const char *question_id, char **text)
{
    int rc = REH_OK;
    *text = NULL;
    for (size_t i = 0; i < count && rc == REH_OK && *text == NULL; i++) {
        char dir[PATH_MAX + 256];
        struct transcript t;
        struct diag err;
        size_t k = 0;
        while (k < list[i].n_marks && strcmp(list[i].marks[k].question_id, question_id) != 0)
            k++;
        if (k == list[i].n_marks)
            continue;
        snprintf(dir, sizeof dir, "%s/sessions/%s", home, list[i].id);
        rc = store_load(dir, &t, &err);
        if (rc == REH_OK)
            rc = transcript_set(text, question_in(&t, question_id));
        else if (rc != REH_ENOMEM)
            rc = REH_OK; /* gone or damaged since the listing: an older one */
        transcript_free(&t);
    }
    return rc;
}

int session_index_forget(const char *home, const char *id, struct diag *err)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/" INDEX_FILE, home);
    json_t *sessions = read_index(path), *root = NULL;
    int rc = REH_OK;
    if (sessions == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    if (json_object_del(sessions, id) == 0) {
        root = json_pack("{s:i, s:O}", "format", INDEX_FORMAT, "sessions", sessions);
        rc = root != NULL ? json_file_write(home, INDEX_FILE, root, JSON_COMPACT, err)
                          : diag_set(err, REH_ENOMEM, "out of memory");
    }
    json_decref(root);
    json_decref(sessions);
    return rc;
}
