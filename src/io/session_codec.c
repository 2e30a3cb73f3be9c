/* session_codec: the encoder of session.json. Every member is set on its
 * own and checked; the first failure is kept, naming the member and what it
 * belongs to ("answer 2", "take 1 of answer 2", "question 3 of the plan"),
 * and what follows is dropped. Members are added in the order of the file,
 * which jansson keeps. */
#include "session_codec.h"
#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct encoder {
    struct diag *err;
    int rc;         /* REH_OK until the first failure */
    const char *of; /* what the members being set belong to */
};

/* Records the failure to encode member `key` unless one was recorded. */
static void fail(struct encoder *e, int rc, const char *key, const char *why)
{
    if (e->rc != REH_OK)
        return;
    if (rc == REH_ENOMEM)
        e->rc = diag_set(e->err, rc, "out of memory encoding the %s of %s", key, e->of);
    else
        e->rc = diag_set(e->err, rc, "the %s of %s %s", key, e->of, why);
}

/* Sets obj[key] to `value`, a new reference (NULL when it could not be
 * made). */
static void put(struct encoder *e, json_t *obj, const char *key, json_t *value)
{
    if (e->rc != REH_OK || obj == NULL) {
        json_decref(value);
        if (obj == NULL)
            fail(e, REH_ENOMEM, key, NULL);
        return;
    }
    if (value == NULL || json_object_set_new(obj, key, value) != 0)
        fail(e, REH_ENOMEM, key, NULL);
}

/* A JSON string of s, or NULL with the failure recorded. */
static json_t *text(struct encoder *e, const char *key, const char *s)
{
    if (s == NULL)
        fail(e, REH_EDATA, key, "is missing");
    else if (!text_utf8_valid(s, strlen(s)))
        fail(e, REH_EDATA, key, "is not valid UTF-8");
    else
        return json_string(s);
    return NULL;
}

static void put_text(struct encoder *e, json_t *obj, const char *key, const char *s)
{
    put(e, obj, key, text(e, key, s));
}

/* A text that is null when there is none. */
static void put_text_or_null(struct encoder *e, json_t *obj, const char *key, const char *s)
{
    put(e, obj, key, s == NULL ? json_null() : text(e, key, s));
}

static void put_int(struct encoder *e, json_t *obj, const char *key, json_int_t v)
{
    put(e, obj, key, json_integer(v));
}

static void put_real(struct encoder *e, json_t *obj, const char *key, double v)
{
    if (!isfinite(v))
        fail(e, REH_EDATA, key, "is not a finite number");
    put(e, obj, key, json_real(v));
}

/* Seconds rounded to a tenth, as written in session.json. */
static void put_seconds(struct encoder *e, json_t *obj, const char *key, double s)
{
    put_real(e, obj, key, round(s * 10.0) / 10.0);
}

/* Appends `value` (a new reference, NULL when it could not be made) to the
 * array of member `key`. */
static void append(struct encoder *e, json_t *array, const char *key, json_t *value)
{
    if (e->rc != REH_OK || array == NULL) {
        json_decref(value);
        return;
    }
    if (value == NULL || json_array_append_new(array, value) != 0)
        fail(e, REH_ENOMEM, key, NULL);
}

/* An array of the n texts of items. */
static void put_texts(struct encoder *e, json_t *obj, const char *key, char *const *items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        append(e, a, key, text(e, key, items[i]));
    put(e, obj, key, a);
}

/* Makes `what` the owner of the members set from now on; returns the owner
 * before, which the caller puts back. */
static const char *enter(struct encoder *e, const char *what)
{
    const char *before = e->of;
    e->of = what;
    return before;
}

static json_t *audio_json(struct encoder *e, const struct transcript_audio *au)
{
    char what[96];
    if (au->file == NULL)
        return json_null();
    snprintf(what, sizeof what, "the recording of %s", e->of);
    const char *outer = enter(e, what);
    json_t *o = json_object();
    put_text(e, o, "file", au->file);
    put_int(e, o, "sample_rate", (json_int_t)au->sample_rate);
    put_int(e, o, "frames", (json_int_t)au->frames);
    put_seconds(e, o, "duration_s", au->duration_s);
    put_int(e, o, "dropped_frames", (json_int_t)au->dropped_frames);
    put_int(e, o, "input_overflows", (json_int_t)au->input_overflows);
    e->of = outer;
    return o;
}

static json_t *coverage_json(struct encoder *e, const struct transcript_coverage *c)
{
    char what[96];
    if (c->n_terms == 0)
        return json_null();
    snprintf(what, sizeof what, "the coverage of %s", e->of);
    const char *outer = enter(e, what);
    json_t *o = json_object();
    put_real(e, o, "fraction", round((double)c->n_found / (double)c->n_terms * 1000) / 1000);
    put_texts(e, o, "found", c->found, c->n_found);
    put_texts(e, o, "missed", c->missed, c->n_missed);
    e->of = outer;
    return o;
}

/* A recognised word (word not NULL) or a pause of an analysis. */
static json_t *stretch_json(struct encoder *e, const char *word, double start_s, double end_s)
{
    json_t *o = json_object();
    if (word != NULL)
        put_text(e, o, "word", word);
    put_seconds(e, o, "start_s", start_s);
    put_seconds(e, o, "end_s", end_s);
    return o;
}

static json_t *analysis_json(struct encoder *e, const struct analysis *an)
{
    char what[96];
    if (an == NULL)
        return json_null();
    snprintf(what, sizeof what, "the analysis of %s", e->of);
    const char *outer = enter(e, what);
    json_t *o = json_object(), *words = json_array(), *pauses = json_array();
    for (size_t i = 0; i < an->n_words; i++) {
        const struct analysis_word *w = &an->words[i];
        if (w->word == NULL)
            fail(e, REH_EDATA, "words", "has a word that is missing");
        append(e, words, "words", stretch_json(e, w->word, w->start_s, w->end_s));
    }
    for (size_t i = 0; i < an->n_pauses; i++)
        append(e, pauses, "pauses",
               stretch_json(e, NULL, an->pauses[i].start_s, an->pauses[i].end_s));
    put_text(e, o, "transcript", an->transcript);
    put(e, o, "words", words);
    put_seconds(e, o, "words_per_minute", an->words_per_minute);
    put_int(e, o, "filler_count", (json_int_t)an->filler_count);
    put_seconds(e, o, "fillers_per_min", an->fillers_per_min);
    put(e, o, "pauses", pauses);
    put_seconds(e, o, "longest_pause_s", an->longest_pause_s);
    put_real(e, o, "speaking_ratio", round(an->speaking_ratio * 1000) / 1000);
    put_seconds(e, o, "time_to_first_word_s", an->time_to_first_word_s);
    e->of = outer;
    return o;
}

static json_t *take_json(struct encoder *e, unsigned answer, size_t number, const char *text,
                         double elapsed_s, const struct transcript_audio *audio)
{
    char what[64];
    snprintf(what, sizeof what, "take %zu of answer %u", number, answer);
    const char *outer = enter(e, what);
    json_t *o = json_object();
    put_int(e, o, "take", (json_int_t)number);
    put_text(e, o, "text", text);
    put_seconds(e, o, "elapsed_s", elapsed_s);
    put(e, o, "audio", audio_json(e, audio));
    e->of = outer;
    return o;
}

/* Every take of an answer taken again, the last (the answer itself) too. */
static json_t *takes_json(struct encoder *e, const struct transcript_answer *a)
{
    double earlier = 0;
    json_t *takes = json_array();
    for (size_t i = 0; i < a->n_takes; i++) {
        const struct transcript_take *k = &a->takes[i];
        earlier += k->elapsed_s;
        append(e, takes, "takes", take_json(e, a->n, i + 1, k->text, k->elapsed_s, &k->audio));
    }
    append(e, takes, "takes",
           take_json(e, a->n, a->n_takes + 1, a->text, a->elapsed_s - earlier, &a->audio));
    return takes;
}

static json_t *answer_json(struct encoder *e, const struct transcript_answer *a)
{
    char what[32];
    snprintf(what, sizeof what, "answer %u", a->n);
    const char *outer = enter(e, what);
    json_t *o = json_object();
    put_int(e, o, "n", (json_int_t)a->n);
    put_text(e, o, "question_id", a->question_id);
    put_text_or_null(e, o, "category", a->category);
    put_text(e, o, "section", a->section);
    put_text(e, o, "question", a->question);
    put_text(e, o, "mode", answer_mode_names[a->mode]);
    put_int(e, o, "limit_s", (json_int_t)a->limit_s);
    put_seconds(e, o, "elapsed_s", a->elapsed_s);
    put_seconds(e, o, "overtime_s", a->overtime_s);
    put_seconds(e, o, "paused_s", a->paused_s);
    put_text(e, o, "outcome", answer_outcome_names[a->outcome]);
    put_text(e, o, "text", a->text);
    put(e, o, "audio", audio_json(e, &a->audio));
    put(e, o, "coverage", coverage_json(e, &a->coverage));
    put(e, o, "rating", a->rating > 0 ? json_integer(a->rating) : json_null());
    put_text_or_null(e, o, "note", a->note);
    put(e, o, "analysis", analysis_json(e, a->analysis));
    put_text(e, o, "text_source", a->machine_text ? "machine" : "typed");
    put_int(e, o, "word_count", (json_int_t)(a->text != NULL ? transcript_word_count(a) : 0));
    put_seconds(e, o, "think_s", a->think_s);
    if (a->n_takes > 0)
        put(e, o, "takes", takes_json(e, a));
    if (a->typed_note != NULL)
        put_text(e, o, "typed_note", a->typed_note);
    e->of = outer;
    return o;
}

static json_t *planned_json(struct encoder *e, const struct transcript_planned *p, size_t n)
{
    char what[48];
    snprintf(what, sizeof what, "question %zu of the plan", n);
    const char *outer = enter(e, what);
    json_t *o = json_object();
    put_text(e, o, "id", p->id);
    put_text(e, o, "text", p->text);
    put_text(e, o, "section", p->section);
    put_text_or_null(e, o, "category", p->category);
    put_text(e, o, "kind", question_kind_names[p->kind]);
    put_int(e, o, "limit_s", (json_int_t)p->limit_s);
    put_int(e, o, "think_s", (json_int_t)p->think_s);
    put_text(e, o, "mode", answer_mode_names[p->mode]);
    put_int(e, o, "takes", (json_int_t)p->takes);
    put_texts(e, o, "key_terms", p->key_terms, p->n_key_terms);
    put_text_or_null(e, o, "model_answer", p->model_answer);
    put_texts(e, o, "key_points", p->key_points, p->n_key_points);
    e->of = outer;
    return o;
}

/* The scenario file the plan was drawn from. */
static json_t *source_json(struct encoder *e, const struct transcript *t)
{
    const char *outer = enter(e, "the scenario's source");
    json_t *o = json_object();
    put_text_or_null(e, o, "id", t->source_id);
    put_text(e, o, "path", t->source_path);
    put_text_or_null(e, o, "sha256", t->source_sha256);
    e->of = outer;
    return o;
}

/* "scenario": its identity, and when the session recorded its plan the
 * settings it is asked with and the scenario file's source. */
static json_t *scenario_json(struct encoder *e, const struct transcript *t)
{
    const struct scenario_settings *set = &t->settings;
    const char *outer = enter(e, "the scenario");
    json_t *o = json_object();
    put_text(e, o, "id", t->scenario_id);
    put_text(e, o, "title", t->scenario_title);
    put_text_or_null(e, o, "bank", t->bank_id);
    put_int(e, o, "budget_s", (json_int_t)t->budget_s);
    put_int(e, o, "seed", (json_int_t)t->seed);
    if (t->based_on != NULL) {
        put_text(e, o, "based_on", t->based_on);
        put_texts(e, o, "questions", t->question_ids, t->n_planned);
    }
    if (t->plan != NULL) {
        if (t->description != NULL)
            put_text(e, o, "description", t->description);
        put_text(e, o, "mode", answer_mode_names[set->mode]);
        put_text(e, o, "overtime", overtime_names[set->overtime]);
        json_t *warnings = json_array();
        for (size_t i = 0; i < set->n_warnings; i++)
            append(e, warnings, "warnings_s", json_integer(set->warnings_s[i]));
        put(e, o, "warnings_s", warnings);
        put_int(e, o, "think_s", (json_int_t)set->think_s);
        put_int(e, o, "max_takes", (json_int_t)set->max_takes);
        put(e, o, "voice", json_boolean(set->voice));
        if (t->source_path != NULL)
            put(e, o, "source", source_json(e, t));
    }
    e->of = outer;
    return o;
}

int session_codec_encode(const struct transcript *t, json_t **root, struct diag *err)
{
    struct encoder e = {.err = err, .rc = REH_OK, .of = "the session"};
    json_t *o = json_object(), *answers = json_array(), *plan = NULL;
    put_int(&e, o, "format", t->format);
    put_text(&e, o, "id", t->id);
    put_text(&e, o, "status", session_status_names[t->status]);
    put(&e, o, "scenario", scenario_json(&e, t));
    put_text_or_null(&e, o, "started_at", t->started_at);
    put_text_or_null(&e, o, "ended_at", t->ended_at);
    put_seconds(&e, o, "paused_s", t->paused_s);
    put_int(&e, o, "planned", (json_int_t)t->n_planned);
    for (size_t i = 0; i < t->n_answers; i++)
        append(&e, answers, "answers", answer_json(&e, &t->answers[i]));
    put(&e, o, "answers", answers);
    if (t->plan != NULL) {
        plan = json_array();
        for (size_t i = 0; i < t->n_planned; i++)
            append(&e, plan, "plan", planned_json(&e, &t->plan[i], i + 1));
        put(&e, o, "plan", plan);
    }
    if (e.rc != REH_OK) {
        json_decref(o);
        o = NULL;
    }
    *root = o;
    return e.rc;
}
