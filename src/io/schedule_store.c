/* schedule_store: $REHEARSE_HOME/schedule.json, the spaced-repetition
 * schedule kept in step with the session history. */
#include "schedule_store.h"
#include "json_file.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEDULE_FORMAT 1

/* A session of the bank as the schedule sees it. */
struct counted {
    const struct transcript_summary *t;
    int day;
    char print[17]; /* fingerprint of its grades, 16 hex digits */
};

static int counts(enum answer_outcome outcome)
{
    return outcome == OUTCOME_ANSWERED || outcome == OUTCOME_TIMED_OUT ||
           outcome == OUTCOME_SKIPPED;
}

/* A spoken answer not transcribed yet has no text to measure: it counts as
 * an answer, not as one that named none of the key terms. */
static int grade_of(const struct transcript_mark *a)
{
    int measured = a->n_terms > 0 && (a->has_text || !a->said);
    double fraction = a->n_terms ? (double)a->n_found / (double)a->n_terms : 0;
    return schedule_grade(a->rating, measured, fraction,
                          a->outcome != OUTCOME_SKIPPED && (a->has_text || a->said));
}

/* Whether the grade of answer a is provisional: measured, not a rating. */
static int provisional(const struct transcript_mark *a)
{
    return a->rating < 1;
}

/* FNV-1a over the question ids and grades of the answers that count, a
 * provisional grade marked: it changes when a rating is given later. */
static void fingerprint(const struct transcript_summary *t, char out[17])
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < t->n_marks; i++) {
        const struct transcript_mark *a = &t->marks[i];
        char grade[8];
        if (!counts(a->outcome))
            continue;
        snprintf(grade, sizeof grade, "=%d%s;", grade_of(a), provisional(a) ? "?" : "");
        for (const char *p = a->question_id; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211u;
        for (const char *p = grade; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211u;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static int apply(struct schedule *s, const struct counted *c)
{
    for (size_t i = 0; i < c->t->n_marks; i++) {
        const struct transcript_mark *a = &c->t->marks[i];
        if (counts(a->outcome) &&
            schedule_review(s, a->question_id, c->day, grade_of(a), provisional(a)) != REH_OK)
            return REH_ENOMEM;
    }
    return REH_OK;
}

/* Reads the items of a saved schedule into s. Returns REH_OK, REH_EDATA
 * when one is damaged, or REH_ENOMEM. */
static int load_items(json_t *items, struct schedule *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v)
    {
        const char *id;
        double ease;
        json_int_t reps, interval, due, last, first, grade, reviews;
        int provisional = 0;
        if (json_unpack(v, "{s:s, s:F, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s?b}", "id", &id, "ease",
                        &ease, "reps", &reps, "interval_days", &interval, "due_day", &due,
                        "last_day", &last, "first_day", &first, "last_grade", &grade, "reviews",
                        &reviews, "provisional", &provisional) != 0 ||
            !(ease >= SCHEDULE_EASE_MIN && ease < 1e6) || !json_file_in_range(reps, 0, 1000000) ||
            !json_file_in_range(interval, 1, SCHEDULE_MAX_INTERVAL) ||
            !json_file_in_range(due, 0, 3000000) || !json_file_in_range(last, 0, 3000000) ||
            !json_file_in_range(first, 0, last) || !json_file_in_range(grade, 0, 5) ||
            !json_file_in_range(reviews, 1, 1000000))
            return REH_EDATA;
        struct schedule_item it = {.id = (char *)id,
                                   .ease = ease,
                                   .reps = (int)reps,
                                   .interval_days = (int)interval,
                                   .due_day = (int)due,
                                   .last_day = (int)last,
                                   .first_day = (int)first,
                                   .last_grade = (int)grade,
                                   .provisional = provisional,
                                   .reviews = (int)reviews};
        if (schedule_set(s, &it) != REH_OK)
            return REH_ENOMEM;
    }
    return REH_OK;
}

enum file_state {
    FILE_CURRENT, /* s holds the saved schedule; what is newer is to be applied */
    FILE_STALE,   /* missing, of another bank, or a counted session changed */
    FILE_DAMAGED,
};

/* Reads schedule.json into s when it still agrees with the history: every
 * session it counted is there with the same grades, and the sessions it did
 * not count are all newer. Sets *newest to the newest session it counted. */
static enum file_state load_file(const char *path, const char *bank_id, const struct counted *list,
                                 size_t n, struct schedule *s, const char **newest)
{
    struct diag ignored;
    json_t *root = NULL, *sessions, *items, *v;
    const char *bank, *key;
    json_int_t format;
    enum file_state state = FILE_DAMAGED;

    *newest = "";
    if (json_file_read(path, JSON_REJECT_DUPLICATES, &root, &ignored) != REH_OK)
        return FILE_DAMAGED;
    if (root == NULL)
        return FILE_STALE;
    if (json_unpack(root, "{s:I, s:s, s:o, s:o}", "format", &format, "bank", &bank, "sessions",
                    &sessions, "items", &items) != 0 ||
        format != SCHEDULE_FORMAT || !json_is_object(sessions) || !json_is_array(items))
        goto done;
    state = FILE_STALE;
    if (strcmp(bank, bank_id) != 0)
        goto done;
    json_object_foreach(sessions, key, v)
    {
        size_t i = 0;
        while (i < n && strcmp(list[i].t->id, key) != 0)
            i++;
        if (i == n || !json_is_string(v) || strcmp(json_string_value(v), list[i].print) != 0)
            goto done;
        if (strcmp(list[i].t->id, *newest) > 0)
            *newest = list[i].t->id;
    }
    for (size_t i = 0; i < n; i++)
        if (json_object_get(sessions, list[i].t->id) == NULL && strcmp(list[i].t->id, *newest) < 0)
            goto done;
    state = load_items(items, s) == REH_OK ? FILE_CURRENT : FILE_DAMAGED;
done:
    json_decref(root);
    return state;
}

static int save_file(const char *home, const char *bank_id, const struct counted *list, size_t n,
                     const struct schedule *s, struct diag *err)
{
    json_t *sessions = json_object(), *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_object_set_new(sessions, list[i].t->id, json_string(list[i].print));
    for (size_t i = 0; i < s->n; i++) {
        const struct schedule_item *it = &s->items[i];
        char due[11];
        json_array_append_new(
            items,
            json_pack("{s:s, s:f, s:i, s:i, s:s, s:i, s:i, s:i, s:i, s:b, s:i}", "id", it->id,
                      "ease", it->ease, "reps", it->reps, "interval_days", it->interval_days, "due",
                      schedule_date(it->due_day, due), "due_day", it->due_day, "last_day",
                      it->last_day, "first_day", it->first_day, "last_grade", it->last_grade,
                      "provisional", it->provisional, "reviews", it->reviews));
    }
    json_t *root = json_pack("{s:i, s:s, s:o, s:o}", "format", SCHEDULE_FORMAT, "bank", bank_id,
                             "sessions", sessions, "items", items);
    int rc = root == NULL ? diag_set(err, REH_ENOMEM, "out of memory")
                          : json_file_write(home, "schedule.json", root,
                                            JSON_INDENT(2) | JSON_REAL_PRECISION(6), err);
    json_decref(root);
    return rc;
}

int schedule_store_sync(const char *home, const char *bank_id,
                        const struct transcript_summary *sessions, size_t n_sessions,
                        struct schedule *s, enum schedule_rebuilt *rebuilt, struct diag *err)
{
    char path[PATH_MAX + 16];
    const char *newest;
    size_t n = 0, applied = 0;
    struct counted *list = calloc(n_sessions ? n_sessions : 1, sizeof *list);
    int rc = REH_OK;

    *rebuilt = SCHEDULE_KEPT;
    if (list == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    /* Oldest first: the order the reviews happened in. */
    for (size_t i = n_sessions; i-- > 0;) {
        const struct transcript_summary *t = &sessions[i];
        int day = schedule_day(t->id);
        if (day < 0 || t->bank_id == NULL || strcmp(t->bank_id, bank_id) != 0)
            continue;
        list[n] = (struct counted){.t = t, .day = day};
        fingerprint(t, list[n].print);
        n++;
    }
    snprintf(path, sizeof path, "%s/schedule.json", home);
    enum file_state state = load_file(path, bank_id, list, n, s, &newest);
    if (state != FILE_CURRENT) {
        schedule_free(s);
        newest = "";
        *rebuilt = state == FILE_DAMAGED ? SCHEDULE_REBUILT_DAMAGED : SCHEDULE_REBUILT;
    }
    for (size_t i = 0; i < n && rc == REH_OK; i++)
        if (strcmp(list[i].t->id, newest) > 0) {
            rc = apply(s, &list[i]);
            applied++;
        }
    if (rc != REH_OK)
        diag_set(err, rc, "out of memory");
    else if (applied > 0 || state != FILE_CURRENT)
        rc = save_file(home, bank_id, list, n, s, err);
    free(list);
    return rc;
}
