/* session_codec: the encoder of session.json. Every member is set on its
 * own and checked; the first failure is kept, naming the member and what it
 * belongs to ("answer 2", "take 1 of answer 2", "question 3 of the plan"),
 * and what follows is dropped. Members are added in the order of the file,
 * which jansson keeps. */
#include "session_codec.h"
#include "json_build.h"
#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void put_real(struct json_build *e, json_t *obj, const char *key, double v)
{
    if (!isfinite(v))
        json_build_fail(e, REH_EDATA, key, "is not a finite number");
    json_build_put(e, obj, key, json_real(v));
}

/* Seconds rounded to a tenth, as written in session.json. */
static void put_seconds(struct json_build *e, json_t *obj, const char *key, double s)
{
    put_real(e, obj, key, round(s * 10.0) / 10.0);
}

/* The lists of the model hold `char *`: their texts as an array. */
static void put_strings(struct json_build *e, json_t *obj, const char *key, char *const *items,
                        size_t n)
{
    json_build_put_texts(e, obj, key, (const char *const *)items, n);
}

static json_t *audio_json(struct json_build *e, const struct transcript_audio *au)
{
    char what[96];
    if (au->file == NULL)
        return json_null();
    snprintf(what, sizeof what, "the recording of %s", e->of);
    const char *outer = json_build_enter(e, what);
    json_t *o = json_object();
    json_build_put_text(e, o, "file", au->file);
    json_build_put_int(e, o, "sample_rate", (json_int_t)au->sample_rate);
    json_build_put_int(e, o, "frames", (json_int_t)au->frames);
    put_seconds(e, o, "duration_s", au->duration_s);
    json_build_put_int(e, o, "dropped_frames", (json_int_t)au->dropped_frames);
    json_build_put_int(e, o, "input_overflows", (json_int_t)au->input_overflows);
    e->of = outer;
    return o;
}

static json_t *coverage_json(struct json_build *e, const struct transcript_coverage *c)
{
    char what[96];
    if (c->n_terms == 0)
        return json_null();
    snprintf(what, sizeof what, "the coverage of %s", e->of);
    const char *outer = json_build_enter(e, what);
    json_t *o = json_object();
    put_real(e, o, "fraction", round((double)c->n_found / (double)c->n_terms * 1000) / 1000);
    put_strings(e, o, "found", c->found, c->n_found);
    put_strings(e, o, "missed", c->missed, c->n_missed);
    if (c->n_heard > 0) {
        json_t *heard = json_object();
        for (size_t i = 0; i < c->n_heard; i++)
            json_build_put_text(e, heard, c->heard[i].term, c->heard[i].words);
        json_build_put(e, o, "heard_as", heard);
    }
    e->of = outer;
    return o;
}

/* A recognised word (word not NULL) or a pause of an analysis. */
static json_t *stretch_json(struct json_build *e, const char *word, double start_s, double end_s)
{
    json_t *o = json_object();
    if (word != NULL)
        json_build_put_text(e, o, "word", word);
    put_seconds(e, o, "start_s", start_s);
    put_seconds(e, o, "end_s", end_s);
    return o;
}

static json_t *analysis_json(struct json_build *e, const struct analysis *an)
{
    char what[96];
    if (an == NULL)
        return json_null();
    snprintf(what, sizeof what, "the analysis of %s", e->of);
    const char *outer = json_build_enter(e, what);
    json_t *o = json_object(), *words = json_array(), *pauses = json_array();
    for (size_t i = 0; i < an->n_words; i++) {
        const struct analysis_word *w = &an->words[i];
        if (w->word == NULL)
            json_build_fail(e, REH_EDATA, "words", "has a word that is missing");
        json_build_append(e, words, "words", stretch_json(e, w->word, w->start_s, w->end_s));
    }
    for (size_t i = 0; i < an->n_pauses; i++)
        json_build_append(e, pauses, "pauses",
                          stretch_json(e, NULL, an->pauses[i].start_s, an->pauses[i].end_s));
    json_build_put_text(e, o, "transcript", an->transcript);
    json_build_put(e, o, "words", words);
    if (analysis_pace_known(an)) /* else no pace is told */
        put_seconds(e, o, "words_per_minute", an->words_per_minute);
    json_build_put_int(e, o, "filler_count", (json_int_t)an->filler_count);
    put_seconds(e, o, "fillers_per_min", an->fillers_per_min);
    json_build_put(e, o, "pauses", pauses);
    put_seconds(e, o, "longest_pause_s", an->longest_pause_s);
    put_real(e, o, "speaking_ratio", round(an->speaking_ratio * 1000) / 1000);
    put_seconds(e, o, "time_to_first_word_s", an->time_to_first_word_s);
    if (!isnan(an->snr_db))
        put_seconds(e, o, "snr_db", an->snr_db);
    e->of = outer;
    return o;
}

static json_t *take_json(struct json_build *e, size_t number, const char *text, double elapsed_s,
                         const struct transcript_audio *audio)
{
    char what[96];
    snprintf(what, sizeof what, "take %zu of %s", number, e->of);
    const char *outer = json_build_enter(e, what);
    json_t *o = json_object();
    json_build_put_int(e, o, "take", (json_int_t)number);
    json_build_put_text(e, o, "text", text);
    put_seconds(e, o, "elapsed_s", elapsed_s);
    json_build_put(e, o, "audio", audio_json(e, audio));
    e->of = outer;
    return o;
}

/* Every take of an answer taken again, the last (the answer itself) too. */
static json_t *takes_json(struct json_build *e, const struct transcript_answer *a)
{
    double earlier = 0;
    json_t *takes = json_array();
    for (size_t i = 0; i < a->n_takes; i++) {
        const struct transcript_take *k = &a->takes[i];
        earlier += k->elapsed_s;
        json_build_append(e, takes, "takes", take_json(e, i + 1, k->text, k->elapsed_s, &k->audio));
    }
    json_build_append(e, takes, "takes",
                      take_json(e, a->n_takes + 1, a->text, a->elapsed_s - earlier, &a->audio));
    return takes;
}

/* The interviewer's rubric of an answer: the model, then each aspect's
 * score and comment. */
static json_t *rubric_json(struct json_build *e, const struct transcript_answer *a)
{
    char what[96];
    snprintf(what, sizeof what, "the rubric of %s", e->of);
    const char *outer = json_build_enter(e, what);
    json_t *o = json_object();
    json_build_put_text(e, o, "model", a->rubric_model);
    for (int i = 0; i < RUBRIC_ASPECTS; i++) {
        const struct rubric_mark *m = &a->rubric->marks[i];
        const char *name = rubric_aspect_name((enum rubric_aspect)i);
        json_t *mark = json_object();
        json_build_put_int(e, mark, "score", m->score);
        json_build_put_text(e, mark, "comment", m->why);
        json_build_put(e, o, name, mark);
    }
    e->of = outer;
    return o;
}

static json_t *answer_json(struct json_build *e, const struct transcript_answer *a);

/* The follow-ups asked after answer a, each an answer of its own. */
static json_t *follow_ups_json(struct json_build *e, const struct transcript_answer *a)
{
    json_t *list = json_array();
    for (size_t i = 0; i < a->n_follow_ups; i++)
        json_build_append(e, list, "follow_ups", answer_json(e, &a->follow_ups[i]));
    return list;
}

/* An answer, or a follow-up's answer (follow_up > 0): with where the
 * follow-up came from and what made it asked. */
static json_t *answer_json(struct json_build *e, const struct transcript_answer *a)
{
    char what[96];
    if (a->follow_up > 0)
        snprintf(what, sizeof what, "follow-up %u of %s", a->follow_up, e->of);
    else
        snprintf(what, sizeof what, "answer %u", a->n);
    const char *outer = json_build_enter(e, what);
    json_t *o = json_object();
    json_build_put_int(e, o, "n", (json_int_t)a->n);
    json_build_put_text(e, o, "question_id", a->question_id);
    json_build_put_text_or_null(e, o, "category", a->category);
    json_build_put_text(e, o, "section", a->section);
    json_build_put_text(e, o, "question", a->question);
    json_build_put_text(e, o, "mode", answer_mode_names[a->mode]);
    json_build_put_int(e, o, "limit_s", (json_int_t)a->limit_s);
    put_seconds(e, o, "elapsed_s", a->elapsed_s);
    put_seconds(e, o, "overtime_s", a->overtime_s);
    put_seconds(e, o, "paused_s", a->paused_s);
    json_build_put_text(e, o, "outcome", answer_outcome_names[a->outcome]);
    json_build_put_text(e, o, "text", a->text);
    json_build_put(e, o, "audio", audio_json(e, &a->audio));
    json_build_put(e, o, "coverage", coverage_json(e, &a->coverage));
    if (a->n_terms_confirmed > 0)
        put_strings(e, o, "terms_confirmed", a->terms_confirmed, a->n_terms_confirmed);
    json_build_put(e, o, "rating", a->rating > 0 ? json_integer(a->rating) : json_null());
    json_build_put_text_or_null(e, o, "note", a->note);
    json_build_put(e, o, "analysis", analysis_json(e, a->analysis));
    json_build_put_text(e, o, "text_source", a->machine_text ? "machine" : "typed");
    json_build_put_int(e, o, "word_count",
                       (json_int_t)(a->text != NULL ? transcript_word_count(a) : 0));
    put_seconds(e, o, "think_s", a->think_s);
    if (a->n_takes > 0)
        json_build_put(e, o, "takes", takes_json(e, a));
    if (a->typed_note != NULL)
        json_build_put_text(e, o, "typed_note", a->typed_note);
    if (a->rubric != NULL)
        json_build_put(e, o, "rubric", rubric_json(e, a));
    if (a->follow_up > 0) {
        json_build_put_int(e, o, "follow_up", (json_int_t)a->follow_up);
        json_build_put_text(e, o, "source", follow_up_source_names[a->source]);
        if (a->n_trigger > 0)
            put_strings(e, o, "trigger", a->trigger, a->n_trigger);
    }
    if (a->n_follow_ups > 0)
        json_build_put(e, o, "follow_ups", follow_ups_json(e, a));
    e->of = outer;
    return o;
}

/* The follow-ups a question of the plan may be followed by. */
static json_t *planned_follow_ups_json(struct json_build *e, const struct transcript_planned *p)
{
    json_t *list = json_array();
    for (size_t i = 0; i < p->n_follow_ups; i++) {
        const struct transcript_planned_follow_up *f = &p->follow_ups[i];
        json_build_append(e, list, "follow_ups",
                          json_build_follow_up(e, i + 1, f->text,
                                               (const char *const *)f->when_missing,
                                               f->n_when_missing, f->limit_s));
    }
    return list;
}

static json_t *planned_json(struct json_build *e, const struct transcript_planned *p, size_t n)
{
    char what[48];
    snprintf(what, sizeof what, "question %zu of the plan", n);
    const char *outer = json_build_enter(e, what);
    json_t *o = json_object();
    json_build_put_text(e, o, "id", p->id);
    json_build_put_text(e, o, "text", p->text);
    json_build_put_text(e, o, "section", p->section);
    json_build_put_text_or_null(e, o, "category", p->category);
    json_build_put_text(e, o, "kind", question_kind_names[p->kind]);
    json_build_put_int(e, o, "limit_s", (json_int_t)p->limit_s);
    json_build_put_int(e, o, "think_s", (json_int_t)p->think_s);
    json_build_put_text(e, o, "mode", answer_mode_names[p->mode]);
    json_build_put_int(e, o, "takes", (json_int_t)p->takes);
    put_strings(e, o, "key_terms", p->key_terms, p->n_key_terms);
    json_build_put_alternatives(e, o, p->key_term_alternatives, p->n_key_terms);
    json_build_put_text_or_null(e, o, "model_answer", p->model_answer);
    put_strings(e, o, "key_points", p->key_points, p->n_key_points);
    if (p->n_follow_ups > 0)
        json_build_put(e, o, "follow_ups", planned_follow_ups_json(e, p));
    e->of = outer;
    return o;
}

/* The scenario file the plan was drawn from. */
static json_t *source_json(struct json_build *e, const struct transcript *t)
{
    const char *outer = json_build_enter(e, "the scenario's source");
    json_t *o = json_object();
    json_build_put_text_or_null(e, o, "id", t->source_id);
    json_build_put_text(e, o, "path", t->source_path);
    json_build_put_text_or_null(e, o, "sha256", t->source_sha256);
    e->of = outer;
    return o;
}

/* "scenario": its identity, and when the session recorded its plan the
 * settings it is asked with and the scenario file's source. */
static json_t *scenario_json(struct json_build *e, const struct transcript *t)
{
    const struct scenario_settings *set = &t->settings;
    const char *outer = json_build_enter(e, "the scenario");
    json_t *o = json_object();
    json_build_put_text(e, o, "id", t->scenario_id);
    json_build_put_text(e, o, "title", t->scenario_title);
    json_build_put_text_or_null(e, o, "bank", t->bank_id);
    json_build_put_int(e, o, "budget_s", (json_int_t)t->budget_s);
    json_build_put_int(e, o, "seed", (json_int_t)t->seed);
    if (t->based_on != NULL) {
        json_build_put_text(e, o, "based_on", t->based_on);
        put_strings(e, o, "questions", t->question_ids, t->n_planned);
    }
    if (t->plan != NULL) {
        if (t->description != NULL)
            json_build_put_text(e, o, "description", t->description);
        json_build_put_text(e, o, "mode", answer_mode_names[set->mode]);
        json_build_put_text(e, o, "overtime", overtime_names[set->overtime]);
        json_t *warnings = json_array();
        for (size_t i = 0; i < set->n_warnings; i++)
            json_build_append(e, warnings, "warnings_s", json_integer(set->warnings_s[i]));
        json_build_put(e, o, "warnings_s", warnings);
        json_build_put_int(e, o, "think_s", (json_int_t)set->think_s);
        json_build_put_int(e, o, "max_takes", (json_int_t)set->max_takes);
        json_build_put(e, o, "voice", json_boolean(set->voice));
        json_build_put_int(e, o, "max_follow_ups", (json_int_t)set->max_follow_ups);
        json_build_put_text(e, o, "follow_ups", follow_up_source_names[set->follow_ups]);
        json_build_put_text(e, o, "reveal", reveal_names[set->reveal]);
        if (t->source_path != NULL)
            json_build_put(e, o, "source", source_json(e, t));
    }
    e->of = outer;
    return o;
}

int session_codec_encode(const struct transcript *t, json_t **root, struct diag *err)
{
    struct json_build e = {.err = err, .rc = REH_OK, .of = "the session", .doing = "encoding"};
    json_t *o = json_object(), *answers = json_array(), *plan = NULL;
    json_build_put_int(&e, o, "format", t->format);
    json_build_put_text(&e, o, "id", t->id);
    json_build_put_text(&e, o, "status", session_status_names[t->status]);
    json_build_put(&e, o, "scenario", scenario_json(&e, t));
    json_build_put_text_or_null(&e, o, "started_at", t->started_at);
    json_build_put_text_or_null(&e, o, "ended_at", t->ended_at);
    put_seconds(&e, o, "paused_s", t->paused_s);
    json_build_put_int(&e, o, "planned", (json_int_t)t->n_planned);
    for (size_t i = 0; i < t->n_answers; i++)
        json_build_append(&e, answers, "answers", answer_json(&e, &t->answers[i]));
    json_build_put(&e, o, "answers", answers);
    if (t->plan != NULL) {
        plan = json_array();
        for (size_t i = 0; i < t->n_planned; i++)
            json_build_append(&e, plan, "plan", planned_json(&e, &t->plan[i], i + 1));
        json_build_put(&e, o, "plan", plan);
    }
    if (e.rc != REH_OK) {
        json_decref(o);
        o = NULL;
    }
    *root = o;
    return e.rc;
}
