/* session_codec: the decoder of session.json. Each member is read on its
 * own and checked; the first damaged one is reported with its place in the
 * file ("answers[1].limit_s must be from 0 to 604800"). Numbers are trusted
 * only within what the program could have written: never negative, never
 * large enough to overflow a size. */
#include "session_codec.h"
#include "json_file.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct decoder {
    const char *path; /* the file, for messages */
    struct diag *err;
    int rc;       /* REH_OK until the first failure */
    char at[128]; /* where the object being read is: "", "answers[1]." */
};

/* Records that member `key` of the object being read is damaged (`fmt`
 * says how), unless a failure was recorded. */
__attribute__((format(printf, 3, 4))) static void damaged(struct decoder *d, const char *key,
                                                          const char *fmt, ...)
{
    char why[160];
    va_list ap;
    if (d->rc != REH_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    d->rc = diag_at(d->err, d->path, 1, 1, "not a session: %s%s %s", d->at, key, why);
}

static void out_of_memory(struct decoder *d)
{
    if (d->rc == REH_OK)
        d->rc = diag_set(d->err, REH_ENOMEM, "out of memory reading %s", d->path);
}

/* Appends to where the object being read is; returns the mark to put back
 * with leave. */
__attribute__((format(printf, 2, 3))) static size_t enter(struct decoder *d, const char *fmt, ...)
{
    size_t mark = strlen(d->at);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->at + mark, sizeof d->at - mark, fmt, ap);
    va_end(ap);
    return mark;
}

static void leave(struct decoder *d, size_t mark)
{
    d->at[mark] = '\0';
}

/* Member `key` of obj (NULL when absent, or obj is not an object). */
static json_t *member(struct decoder *d, json_t *obj, const char *key, int required)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL && required)
        damaged(d, key, "is missing");
    return v;
}

/* A whole number from lo to hi; *out is left as it is when absent. */
static void get_int(struct decoder *d, json_t *obj, const char *key, int required, json_int_t lo,
                    json_int_t hi, json_int_t *out)
{
    json_t *v = member(d, obj, key, required);
    if (v == NULL)
        return;
    if (!json_is_integer(v))
        damaged(d, key, "must be a whole number");
    else if (!json_file_in_range(json_integer_value(v), lo, hi))
        damaged(d, key, "must be from %lld to %lld", (long long)lo, (long long)hi);
    else
        *out = json_integer_value(v);
}

/* A number, whole or not; *out is left as it is when absent. */
static void get_real(struct decoder *d, json_t *obj, const char *key, int required, double *out)
{
    json_t *v = member(d, obj, key, required);
    if (v == NULL)
        return;
    if (!json_is_number(v))
        damaged(d, key, "must be a number");
    else
        *out = json_number_value(v);
}

/* A text, or null (*field NULL), copied into *field. */
static void get_text(struct decoder *d, json_t *obj, const char *key, int required, char **field)
{
    json_t *v = json_object_get(obj, key);
    if (v != NULL && !json_is_string(v) && !json_is_null(v))
        damaged(d, key, "must be a text");
    else if (d->rc == REH_OK && transcript_set(field, json_string_value(v)) != REH_OK)
        out_of_memory(d);
    if (*field == NULL && required)
        damaged(d, key, "is missing");
}

/* One of `names`: its index, -1 when damaged. */
static int get_name(struct decoder *d, json_t *obj, const char *key, const char *const names[])
{
    json_t *v = member(d, obj, key, 1);
    int i = json_is_string(v) ? transcript_name_index(names, json_string_value(v)) : -1;
    if (v != NULL && i < 0)
        damaged(d, key, "must be one of the names this rehearse writes");
    return i;
}

/* The strings of a JSON array, borrowed from it, into items (at most max). */
static size_t borrow_strings(json_t *array, const char **items, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(array) && n < max; i++)
        if (json_is_string(json_array_get(array, i)))
            items[n++] = json_string_value(json_array_get(array, i));
    return n;
}

static void load_coverage(struct decoder *d, json_t *obj, struct transcript_answer *a)
{
    const char *found[64], *missed[64];
    size_t n_found = borrow_strings(json_object_get(obj, "found"), found, 64);
    size_t n_missed = borrow_strings(json_object_get(obj, "missed"), missed, 64);
    if (transcript_set_coverage(a, found, n_found, missed, n_missed) != REH_OK) {
        out_of_memory(d);
        return;
    }
    json_t *heard = json_object_get(obj, "heard_as");
    const char *term;
    json_t *words;
    size_t mark = enter(d, "coverage.");
    if (heard != NULL && !json_is_object(heard))
        damaged(d, "heard_as", "must be an object");
    json_object_foreach(heard, term, words)
    {
        int rc = json_is_string(words) ? transcript_add_heard(a, term, json_string_value(words))
                                       : REH_EDATA;
        if (rc == REH_ENOMEM)
            out_of_memory(d);
        else if (rc != REH_OK)
            damaged(d, "heard_as", "must map found terms to the words heard: \"%s\" is not one",
                    term);
    }
    leave(d, mark);
}

/* A recognised word (word not NULL) or a pause of an analysis. */
static void load_stretch(struct decoder *d, json_t *obj, char **word, double *start_s,
                         double *end_s)
{
    if (word != NULL)
        get_text(d, obj, "word", 1, word);
    get_real(d, obj, "start_s", 1, start_s);
    get_real(d, obj, "end_s", 1, end_s);
}

static void load_analysis(struct decoder *d, json_t *obj, struct transcript_answer *answer)
{
    struct analysis *an = calloc(1, sizeof *an);
    json_t *words = json_object_get(obj, "words"), *pauses = json_object_get(obj, "pauses");
    json_int_t fillers = 0;
    size_t nw = json_array_size(words), np = json_array_size(pauses);
    if (an == NULL) {
        out_of_memory(d);
        return;
    }
    transcript_set_analysis(answer, an);
    an->words = calloc(nw ? nw : 1, sizeof *an->words);
    an->pauses = calloc(np ? np : 1, sizeof *an->pauses);
    if (an->words == NULL || an->pauses == NULL) {
        out_of_memory(d);
        return;
    }
    size_t mark = enter(d, "analysis.");
    get_real(d, obj, "words_per_minute", 0, &an->words_per_minute);
    get_int(d, obj, "filler_count", 0, 0, JSON_FILE_MAX_COUNT, &fillers);
    get_real(d, obj, "fillers_per_min", 0, &an->fillers_per_min);
    get_real(d, obj, "longest_pause_s", 0, &an->longest_pause_s);
    get_real(d, obj, "speaking_ratio", 0, &an->speaking_ratio);
    get_real(d, obj, "time_to_first_word_s", 0, &an->time_to_first_word_s);
    an->snr_db = NAN; /* not estimated before snr_db was written */
    get_real(d, obj, "snr_db", 0, &an->snr_db);
    get_text(d, obj, "transcript", 0, &an->transcript);
    an->filler_count = (unsigned)fillers;
    for (size_t i = 0; i < nw && d->rc == REH_OK; i++) {
        struct analysis_word *w = &an->words[i];
        size_t at = enter(d, "words[%zu].", i);
        an->n_words = i + 1;
        load_stretch(d, json_array_get(words, i), &w->word, &w->start_s, &w->end_s);
        leave(d, at);
    }
    for (size_t i = 0; i < np && d->rc == REH_OK; i++) {
        size_t at = enter(d, "pauses[%zu].", i);
        load_stretch(d, json_array_get(pauses, i), NULL, &an->pauses[i].start_s,
                     &an->pauses[i].end_s);
        an->n_pauses = i + 1;
        leave(d, at);
    }
    if (d->rc == REH_OK && an->transcript == NULL && transcript_set(&an->transcript, "") != REH_OK)
        out_of_memory(d);
    leave(d, mark);
}

/* The recording of an answer or take; its file is a plain name in the
 * session directory, never a path. */
static void load_audio(struct decoder *d, json_t *obj, struct transcript_audio *audio)
{
    json_int_t rate = 0, frames = 0, dropped = 0, overflows = 0;
    size_t mark = enter(d, "audio.");
    get_int(d, obj, "sample_rate", 1, 0, 1000000, &rate);
    get_int(d, obj, "frames", 1, 0, INT64_MAX, &frames);
    get_real(d, obj, "duration_s", 1, &audio->duration_s);
    get_int(d, obj, "dropped_frames", 0, 0, INT64_MAX, &dropped);
    get_int(d, obj, "input_overflows", 0, 0, INT64_MAX, &overflows);
    get_text(d, obj, "file", 1, &audio->file);
    if (audio->file != NULL && strchr(audio->file, '/') != NULL)
        damaged(d, "file", "must be a file name, not a path");
    audio->sample_rate = (unsigned)rate;
    audio->frames = (uint64_t)frames;
    audio->dropped_frames = (uint64_t)dropped;
    audio->input_overflows = (uint64_t)overflows;
    leave(d, mark);
}

/* The earlier takes of an answer: all listed but the last, which is the
 * answer itself. */
static void load_takes(struct decoder *d, json_t *takes, struct transcript_answer *a)
{
    size_t n = json_array_size(takes);
    if (n < 2 || d->rc != REH_OK)
        return;
    if (n > SCENARIO_MAX_TAKES) {
        damaged(d, "takes", "must list at most %d takes", SCENARIO_MAX_TAKES);
        return;
    }
    if ((a->takes = calloc(n - 1, sizeof *a->takes)) == NULL) {
        out_of_memory(d);
        return;
    }
    for (size_t i = 0; i + 1 < n && d->rc == REH_OK; i++) {
        struct transcript_take *k = &a->takes[i];
        json_t *take = json_array_get(takes, i), *audio = json_object_get(take, "audio");
        size_t mark = enter(d, "takes[%zu].", i);
        a->n_takes = i + 1;
        get_real(d, take, "elapsed_s", 1, &k->elapsed_s);
        get_text(d, take, "text", 0, &k->text);
        if (d->rc == REH_OK && k->text == NULL && transcript_set(&k->text, "") != REH_OK)
            out_of_memory(d);
        if (json_is_object(audio))
            load_audio(d, audio, &k->audio);
        leave(d, mark);
    }
}

/* The interviewer's rubric of an answer: its model and each aspect's score
 * from RUBRIC_SCORE_MIN to RUBRIC_SCORE_MAX and comment. */
static void load_rubric(struct decoder *d, json_t *obj, struct transcript_answer *a)
{
    struct rubric r = {0};
    char *model = NULL;
    size_t mark = enter(d, "rubric.");
    get_text(d, obj, "model", 1, &model);
    for (int i = 0; i < RUBRIC_ASPECTS && d->rc == REH_OK; i++) {
        const char *name = rubric_aspect_name((enum rubric_aspect)i);
        json_t *aspect = member(d, obj, name, 1), *why;
        json_int_t score = 0;
        if (aspect == NULL)
            break;
        size_t inner = enter(d, "%s.", name);
        why = member(d, aspect, "comment", 1);
        get_int(d, aspect, "score", 1, RUBRIC_SCORE_MIN, RUBRIC_SCORE_MAX, &score);
        if (why != NULL && (!json_is_string(why) || json_string_length(why) == 0 ||
                            json_string_length(why) >= sizeof r.marks[i].why))
            damaged(d, "comment", "must be a text of 1 to %d bytes", RUBRIC_WHY_BYTES - 1);
        else if (why != NULL)
            memcpy(r.marks[i].why, json_string_value(why), json_string_length(why) + 1);
        r.marks[i].score = (int)score;
        leave(d, inner);
    }
    if (d->rc == REH_OK && transcript_set_rubric(a, &r, model) != REH_OK)
        out_of_memory(d);
    free(model);
    leave(d, mark);
}

static void load_list(struct decoder *d, json_t *obj, const char *key, char ***list, size_t *n);
static void load_answer(struct decoder *d, json_t *obj, struct transcript_answer *a, int depth);

/* What a follow-up's answer has besides what every answer has: its number,
 * where it came from and what made it asked. */
static void load_follow_up_fields(struct decoder *d, json_t *obj, struct transcript_answer *a)
{
    json_int_t number = 0;
    get_int(d, obj, "follow_up", 1, 1, SCENARIO_MAX_FOLLOW_UPS, &number);
    int source = get_name(d, obj, "source", follow_up_source_names);
    if (source == FOLLOW_UPS_NONE)
        damaged(d, "source", "must be authored or generated");
    if (d->rc != REH_OK)
        return;
    a->follow_up = (unsigned)number;
    a->source = (enum follow_up_source)source;
    load_list(d, obj, "trigger", &a->trigger, &a->n_trigger);
}

/* The follow-ups asked after answer a, each an answer of its own, nested at
 * most SCENARIO_MAX_FOLLOW_UPS deep. */
static void load_follow_ups(struct decoder *d, json_t *obj, struct transcript_answer *a, int depth)
{
    json_t *list = json_object_get(obj, "follow_ups");
    size_t n = json_array_size(list);
    if (list == NULL || d->rc != REH_OK)
        return;
    if (!json_is_array(list) || n > SCENARIO_MAX_FOLLOW_UPS || depth >= SCENARIO_MAX_FOLLOW_UPS) {
        damaged(d, "follow_ups", "must be a list of at most %d follow-ups, nested at most %d deep",
                SCENARIO_MAX_FOLLOW_UPS, SCENARIO_MAX_FOLLOW_UPS);
        return;
    }
    if (n > 0 && (a->follow_ups = calloc(n, sizeof *a->follow_ups)) == NULL) {
        out_of_memory(d);
        return;
    }
    for (size_t i = 0; i < n && d->rc == REH_OK; i++) {
        json_t *item = json_array_get(list, i);
        if (!json_is_object(item)) {
            damaged(d, "follow_ups", "must be a list of answers");
            return;
        }
        size_t mark = enter(d, "follow_ups[%zu].", i);
        a->n_follow_ups = i + 1;
        load_answer(d, item, &a->follow_ups[i], depth + 1);
        load_follow_up_fields(d, item, &a->follow_ups[i]);
        leave(d, mark);
    }
}

static void load_answer(struct decoder *d, json_t *obj, struct transcript_answer *a, int depth)
{
    json_int_t n = 0, limit = 0;
    json_t *rating = json_object_get(obj, "rating"), *audio = json_object_get(obj, "audio");
    json_t *analysis = json_object_get(obj, "analysis"),
           *coverage = json_object_get(obj, "coverage");
    json_t *source = json_object_get(obj, "text_source");
    get_int(d, obj, "n", 1, 0, JSON_FILE_MAX_COUNT, &n);
    int mode = get_name(d, obj, "mode", answer_mode_names);
    get_int(d, obj, "limit_s", 1, 0, JSON_FILE_MAX_SECONDS, &limit);
    get_real(d, obj, "elapsed_s", 1, &a->elapsed_s);
    get_real(d, obj, "overtime_s", 0, &a->overtime_s);
    get_real(d, obj, "paused_s", 0, &a->paused_s);
    int outcome = get_name(d, obj, "outcome", answer_outcome_names);
    get_real(d, obj, "think_s", 0, &a->think_s);
    if (json_is_integer(rating))
        get_int(d, obj, "rating", 1, 0, 5, &(json_int_t){0});
    get_text(d, obj, "question_id", 1, &a->question_id);
    get_text(d, obj, "category", 0, &a->category);
    get_text(d, obj, "question", 1, &a->question);
    get_text(d, obj, "section", 0, &a->section);
    get_text(d, obj, "text", 0, &a->text);
    get_text(d, obj, "note", 0, &a->note);
    get_text(d, obj, "typed_note", 0, &a->typed_note);
    if (d->rc != REH_OK)
        return;
    a->n = (unsigned)n;
    a->mode = (enum answer_mode)mode;
    a->outcome = (enum answer_outcome)outcome;
    a->limit_s = (unsigned)limit;
    a->rating = json_is_integer(rating) ? (int)json_integer_value(rating) : 0;
    if ((a->text == NULL && transcript_set(&a->text, "") != REH_OK) ||
        (a->section == NULL && transcript_set(&a->section, "") != REH_OK)) {
        out_of_memory(d);
        return;
    }
    a->text_len = strlen(a->text);
    if (json_is_object(analysis))
        load_analysis(d, analysis, a);
    a->machine_text = json_is_string(source) && strcmp(json_string_value(source), "machine") == 0;
    if (json_is_object(coverage) && d->rc == REH_OK)
        load_coverage(d, coverage, a);
    load_list(d, obj, "terms_confirmed", &a->terms_confirmed, &a->n_terms_confirmed);
    if (json_is_object(audio))
        load_audio(d, audio, &a->audio);
    load_takes(d, json_object_get(obj, "takes"), a);
    if (json_object_get(obj, "rubric") != NULL && !json_is_object(json_object_get(obj, "rubric")))
        damaged(d, "rubric", "must be an object");
    else if (json_is_object(json_object_get(obj, "rubric")) && d->rc == REH_OK)
        load_rubric(d, json_object_get(obj, "rubric"), a);
    load_follow_ups(d, obj, a, depth);
}

/* A list of strings of a recorded question (absent: none). */
static void load_list(struct decoder *d, json_t *obj, const char *key, char ***list, size_t *n)
{
    json_t *array = json_object_get(obj, key);
    size_t size = json_array_size(array);
    if ((array != NULL && !json_is_array(array)) || size > JSON_FILE_MAX_COUNT) {
        damaged(d, key, "must be a list of at most %d texts", JSON_FILE_MAX_COUNT);
        return;
    }
    const char **items = calloc(size ? size : 1, sizeof *items);
    if (items != NULL && borrow_strings(array, items, size) != size)
        damaged(d, key, "must be a list of texts");
    else if (items == NULL || transcript_set_list(list, n, items, size) != REH_OK)
        out_of_memory(d);
    free(items);
}

/* The other spellings of the key terms of a recorded question: one list of
 * texts per key term (absent: none, as in files of the earlier shape). */
static void load_alternatives(struct decoder *d, json_t *obj, struct transcript_planned *p)
{
    json_t *array = json_object_get(obj, "key_term_alternatives");
    size_t n = json_array_size(array), i = 0;
    if (array == NULL || d->rc != REH_OK)
        return;
    struct coverage_alternatives *alt = calloc(n ? n : 1, sizeof *alt);
    if (alt == NULL) {
        out_of_memory(d);
        return;
    }
    int shaped = json_is_array(array) && n == p->n_key_terms;
    for (; shaped && i < n; i++) {
        json_t *v = json_array_get(array, i);
        size_t k = json_array_size(v);
        shaped = json_is_array(v) && k <= JSON_FILE_MAX_COUNT;
        if (shaped && (alt[i].items = calloc(k ? k : 1, sizeof *alt[i].items)) == NULL)
            break;
        alt[i].n = k;
        shaped = shaped && borrow_strings(v, alt[i].items, k) == k;
    }
    if (!shaped)
        damaged(d, "key_term_alternatives",
                "must be a list of %zu lists of texts, one per key term", p->n_key_terms);
    else if (i < n || transcript_set_alternatives(&p->key_term_alternatives, p->n_key_terms, alt,
                                                  n) != REH_OK)
        out_of_memory(d);
    for (size_t k = 0; k < n; k++)
        free(alt[k].items);
    free(alt);
}

/* The follow-ups a question of the plan may be followed by (absent: none). */
static void load_planned_follow_ups(struct decoder *d, json_t *obj, struct transcript_planned *p)
{
    json_t *list = json_object_get(obj, "follow_ups");
    size_t n = json_array_size(list);
    if (list != NULL && (!json_is_array(list) || n > JSON_FILE_MAX_COUNT)) {
        damaged(d, "follow_ups", "must be a list of at most %d follow-ups", JSON_FILE_MAX_COUNT);
        return;
    }
    if (n > 0 && (p->follow_ups = calloc(n, sizeof *p->follow_ups)) == NULL) {
        out_of_memory(d);
        return;
    }
    for (size_t i = 0; i < n && d->rc == REH_OK; i++) {
        struct transcript_planned_follow_up *f = &p->follow_ups[i];
        json_t *item = json_array_get(list, i);
        json_int_t limit = 0;
        size_t mark = enter(d, "follow_ups[%zu].", i);
        p->n_follow_ups = i + 1;
        get_text(d, item, "text", 1, &f->text);
        get_int(d, item, "limit_s", 0, 0, JSON_FILE_MAX_SECONDS, &limit);
        f->limit_s = (unsigned)limit;
        if (d->rc == REH_OK)
            load_list(d, item, "when_missing", &f->when_missing, &f->n_when_missing);
        leave(d, mark);
    }
}

static void load_planned(struct decoder *d, json_t *obj, struct transcript_planned *p)
{
    json_int_t limit = 0, think = 0, takes = 1;
    int kind = get_name(d, obj, "kind", question_kind_names);
    get_int(d, obj, "limit_s", 1, 0, JSON_FILE_MAX_SECONDS, &limit);
    get_int(d, obj, "think_s", 0, 0, JSON_FILE_MAX_SECONDS, &think);
    int mode = get_name(d, obj, "mode", answer_mode_names);
    if (mode >= 0 && mode != MODE_TYPED && mode != MODE_SPOKEN)
        damaged(d, "mode", "must be typed or spoken");
    get_int(d, obj, "takes", 0, 1, SCENARIO_MAX_TAKES, &takes);
    get_text(d, obj, "id", 1, &p->id);
    get_text(d, obj, "text", 1, &p->text);
    get_text(d, obj, "section", 1, &p->section);
    get_text(d, obj, "category", 0, &p->category);
    get_text(d, obj, "model_answer", 0, &p->model_answer);
    if (d->rc != REH_OK)
        return;
    load_list(d, obj, "key_points", &p->key_points, &p->n_key_points);
    load_list(d, obj, "key_terms", &p->key_terms, &p->n_key_terms);
    load_alternatives(d, obj, p);
    load_planned_follow_ups(d, obj, p);
    p->kind = (enum question_kind)kind;
    p->mode = (enum answer_mode)mode;
    p->limit_s = (unsigned)limit;
    p->think_s = (unsigned)think;
    p->takes = (unsigned)takes;
}

/* The settings a recorded plan is asked with, and the scenario's source. */
static void load_settings(struct decoder *d, json_t *scenario, struct transcript *t)
{
    struct scenario_settings *set = &t->settings;
    json_t *warnings = json_object_get(scenario, "warnings_s"), *voice;
    json_t *source = json_object_get(scenario, "source");
    json_int_t think = 0, takes = 1, follow_ups = 1;
    size_t mark = enter(d, "scenario.");
    int mode = get_name(d, scenario, "mode", answer_mode_names);
    int overtime = get_name(d, scenario, "overtime", overtime_names);
    if (!json_is_array(warnings) || json_array_size(warnings) > SCENARIO_MAX_WARNINGS)
        damaged(d, "warnings_s", "must be a list of at most %d durations", SCENARIO_MAX_WARNINGS);
    get_int(d, scenario, "think_s", 1, 0, JSON_FILE_MAX_SECONDS, &think);
    get_int(d, scenario, "max_takes", 1, 1, SCENARIO_MAX_TAKES, &takes);
    if ((voice = member(d, scenario, "voice", 1)) != NULL && !json_is_boolean(voice))
        damaged(d, "voice", "must be true or false");
    get_int(d, scenario, "max_follow_ups", 0, 0, SCENARIO_MAX_FOLLOW_UPS, &follow_ups);
    int from = json_object_get(scenario, "follow_ups") != NULL
                   ? get_name(d, scenario, "follow_ups", follow_up_source_names)
                   : FOLLOW_UPS_AUTHORED; /* a file of the earlier shape */
    int reveal = json_object_get(scenario, "reveal") != NULL
                     ? get_name(d, scenario, "reveal", reveal_names)
                     : REVEAL_NEVER;
    get_text(d, scenario, "description", 0, &t->description);
    set->max_follow_ups = (unsigned)follow_ups;
    set->follow_ups = (enum follow_up_source)from;
    set->reveal = (enum reveal)reveal;
    set->mode = (enum answer_mode)mode;
    set->overtime = (enum overtime_policy)overtime;
    set->think_s = (unsigned)think;
    set->max_takes = (unsigned)takes;
    set->voice = json_is_true(voice);
    for (size_t i = 0; i < json_array_size(warnings) && d->rc == REH_OK; i++) {
        json_t *w = json_array_get(warnings, i);
        if (!json_is_integer(w) ||
            !json_file_in_range(json_integer_value(w), 1, JSON_FILE_MAX_SECONDS))
            damaged(d, "warnings_s", "must list whole numbers from 1 to %d", JSON_FILE_MAX_SECONDS);
        else
            set->warnings_s[set->n_warnings++] = (unsigned)json_integer_value(w);
    }
    if (source != NULL) {
        enter(d, "source.");
        get_text(d, source, "id", 0, &t->source_id);
        get_text(d, source, "path", 1, &t->source_path);
        get_text(d, source, "sha256", 0, &t->source_sha256);
    }
    leave(d, mark);
}

/* The recorded plan, when there is one: every one of the n_planned
 * questions, and the settings they are asked with. */
static void load_plan(struct decoder *d, json_t *root, json_t *scenario, struct transcript *t)
{
    json_t *plan = json_object_get(root, "plan");
    if (plan == NULL || json_is_null(plan) || d->rc != REH_OK)
        return;
    if (!json_is_array(plan) || json_array_size(plan) != t->n_planned) {
        d->rc = diag_at(d->err, d->path, 1, 1,
                        "not a session: the recorded plan must list the %zu planned questions "
                        "and the scenario's settings",
                        t->n_planned);
        return;
    }
    if (transcript_alloc_plan(t) != REH_OK) {
        out_of_memory(d);
        return;
    }
    load_settings(d, scenario, t);
    for (size_t i = 0; i < t->n_planned && d->rc == REH_OK; i++) {
        size_t mark = enter(d, "plan[%zu].", i);
        load_planned(d, json_array_get(plan, i), &t->plan[i]);
        leave(d, mark);
    }
}

/* The scenario's base and its questions, when it was made from another one:
 * every one of the n_planned questions by id. */
static void load_derived(struct decoder *d, json_t *scenario, struct transcript *t)
{
    json_t *questions = json_object_get(scenario, "questions"),
           *based_on = json_object_get(scenario, "based_on");
    if (d->rc != REH_OK || based_on == NULL || json_is_null(based_on))
        return;
    const char **ids = calloc(t->n_planned ? t->n_planned : 1, sizeof *ids);
    if (ids == NULL) {
        out_of_memory(d);
        return;
    }
    if (!json_is_string(based_on) || json_array_size(questions) != t->n_planned ||
        borrow_strings(questions, ids, t->n_planned) != t->n_planned)
        d->rc = diag_at(d->err, d->path, 1, 1,
                        "not a session: scenario.based_on must name a scenario and "
                        "scenario.questions list the %zu questions",
                        t->n_planned);
    else if (transcript_set_derived(t, json_string_value(based_on), ids) != REH_OK)
        out_of_memory(d);
    free(ids);
}

/* The members of the file besides the answers and the plan. */
static void load_session(struct decoder *d, json_t *root, json_t *scenario, struct transcript *t)
{
    json_t *answers = member(d, root, "answers", 1);
    json_int_t budget = 0, seed = 0, planned = 0;
    int status = get_name(d, root, "status", session_status_names);
    if (member(d, root, "scenario", 1) != NULL && !json_is_object(scenario))
        damaged(d, "scenario", "must be an object");
    if (answers != NULL && !json_is_array(answers))
        damaged(d, "answers", "must be a list");
    get_real(d, root, "paused_s", 0, &t->paused_s);
    get_int(d, root, "planned", 0, INT64_MIN, INT64_MAX, &planned);
    enter(d, "scenario.");
    get_int(d, scenario, "budget_s", 1, INT64_MIN, INT64_MAX, &budget);
    get_int(d, scenario, "seed", 0, INT64_MIN, INT64_MAX, &seed);
    d->at[0] = '\0';
    if (d->rc != REH_OK)
        return;
    if (!json_file_in_range(planned, 0, JSON_FILE_MAX_COUNT) ||
        !json_file_in_range(budget, 0, JSON_FILE_MAX_SECONDS) ||
        json_array_size(answers) > JSON_FILE_MAX_COUNT) {
        d->rc = diag_at(d->err, d->path, 1, 1,
                        "not a session: planned, budget_s or answers out of range");
        return;
    }
    t->format = 1;
    t->status = (enum session_status)status;
    t->budget_s = (unsigned)budget;
    t->seed = (uint64_t)seed;
    t->n_planned =
        (size_t)planned > json_array_size(answers) ? (size_t)planned : json_array_size(answers);
    get_text(d, root, "id", 1, &t->id);
    get_text(d, root, "started_at", 0, &t->started_at);
    get_text(d, root, "ended_at", 0, &t->ended_at);
    enter(d, "scenario.");
    get_text(d, scenario, "id", 1, &t->scenario_id);
    get_text(d, scenario, "title", 1, &t->scenario_title);
    get_text(d, scenario, "bank", 0, &t->bank_id);
    d->at[0] = '\0';
}

int session_codec_decode(const char *text, size_t len, const char *path, struct transcript *t,
                         struct diag *err)
{
    struct decoder d = {.path = path, .err = err, .rc = REH_OK};
    json_error_t jerr;
    json_int_t format = 0;

    memset(t, 0, sizeof *t);
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL)
        return diag_at(err, path, (size_t)(jerr.line > 0 ? jerr.line : 1),
                       (size_t)(jerr.column > 0 ? jerr.column : 1), "%s", jerr.text);
    json_t *scenario = json_object_get(root, "scenario"), *answers;
    if (json_is_integer(json_object_get(root, "format")))
        format = json_integer_value(json_object_get(root, "format"));
    if (format != 1) {
        d.rc = diag_at(err, path, 1, 1, "unknown session format %lld; this rehearse reads format 1",
                       (long long)format);
        goto done;
    }
    load_session(&d, root, scenario, t);
    answers = json_object_get(root, "answers");
    if (d.rc == REH_OK &&
        (t->answers = calloc(t->n_planned ? t->n_planned : 1, sizeof *t->answers)) == NULL)
        out_of_memory(&d);
    load_derived(&d, scenario, t);
    load_plan(&d, root, scenario, t);
    for (size_t i = 0; i < json_array_size(answers) && d.rc == REH_OK; i++) {
        size_t mark = enter(&d, "answers[%zu].", i);
        t->n_answers = i + 1;
        load_answer(&d, json_array_get(answers, i), &t->answers[i], 0);
        leave(&d, mark);
    }
done:
    json_decref(root);
    return d.rc;
}
