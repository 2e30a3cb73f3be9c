/* transcript: the record of one session (the model behind session.json and
 * transcript.md): scenario, times, status and every answer asked so far.
 * The engine fills it in; the store writes it; review reads it back.
 * A transcript owns every string it points to. */
#ifndef REHEARSE_TRANSCRIPT_H
#define REHEARSE_TRANSCRIPT_H

#include "analysis.h"
#include "plan.h"
#include "rubric.h"
#include "scenario.h"
#include "soundalike.h"

#include <stddef.h>
#include <stdint.h>

enum answer_outcome {
    OUTCOME_IN_PROGRESS,
    OUTCOME_ANSWERED,
    OUTCOME_TIMED_OUT,
    OUTCOME_SKIPPED,
    OUTCOME_ABORTED,
};

/* "in-progress", "answered", "timed-out", "skipped", "aborted", then NULL. */
extern const char *const answer_outcome_names[];

enum session_status {
    SESSION_IN_PROGRESS,
    SESSION_COMPLETED,
    SESSION_ABORTED,
};

/* "in-progress", "completed", "aborted", then NULL. */
extern const char *const session_status_names[];

/* The index of `name` in a NULL-terminated list of names such as
 * session_status_names, or -1 when it is not there. */
int transcript_name_index(const char *const names[], const char *name);

/* The recording of a spoken answer. */
struct transcript_audio {
    char *file; /* in the session directory; NULL when nothing was recorded */
    unsigned sample_rate;
    uint64_t frames;
    double duration_s;
    uint64_t dropped_frames;  /* lost to a full buffer */
    uint64_t input_overflows; /* reported by the audio system */
};

/* A key term found in a machine transcription only as other words that
 * sound like it (soundalike.h): "cache" heard as "cash". */
struct transcript_heard {
    char *term;  /* one of the coverage's found terms */
    char *words; /* the words recognised in its place */
};

/* Which of the question's key terms the answer names (coverage.h). */
struct transcript_coverage {
    size_t n_terms; /* 0: the question has no key terms */
    char **found;
    size_t n_found;
    char **missed;
    size_t n_missed;
    struct transcript_heard *heard; /* of the found terms, those only heard */
    size_t n_heard;
};

/* An earlier take of an answer that was taken again (/retake): the answer
 * itself holds the last take, the one that counts. */
struct transcript_take {
    char *text; /* never NULL */
    double elapsed_s;
    struct transcript_audio audio;
};

/* A follow-up of a planned question as recorded when the session starts. */
struct transcript_planned_follow_up {
    char *text;
    char **when_missing;   /* asked only when the answer named none of these; */
    size_t n_when_missing; /* 0: always asked */
    unsigned limit_s;      /* 0: a third of its question's limit, at least 60 s */
};

/* One question of the plan as recorded when the session starts: with it a
 * session resumes and is reviewed without its scenario file or bank. */
struct transcript_planned {
    char *id;
    char *text;
    char *section;
    char *category; /* NULL for an inline question without one */
    enum question_kind kind;
    unsigned limit_s;      /* 0: no limit */
    unsigned think_s;      /* preparation time before the answer clock starts */
    enum answer_mode mode; /* MODE_TYPED or MODE_SPOKEN */
    unsigned takes;        /* takes allowed (1: no retakes) */
    char *model_answer;    /* NULL when the bank has none */
    char **key_points;
    size_t n_key_points;
    char **key_terms;
    size_t n_key_terms;
    /* The other spellings of each key term (n_key_terms lists), or NULL
     * when none has any; owned, strings too. */
    struct coverage_alternatives *key_term_alternatives;
    struct transcript_planned_follow_up *follow_ups; /* owned */
    size_t n_follow_ups;
};

struct transcript_answer {
    unsigned n; /* 1-based position in the session */
    char *question_id;
    char *category; /* NULL for an inline question without one */
    char *question;
    char *section;
    enum answer_mode mode; /* MODE_TYPED or MODE_SPOKEN: how it was answered */
    unsigned limit_s;      /* 0: no limit */
    double think_s;        /* preparation time before the answer clock started */
    double elapsed_s;      /* answering time of every take, pauses excluded */
    double overtime_s;     /* time beyond the limit (soft overtime) */
    double paused_s;
    enum answer_outcome outcome;
    char *text; /* never NULL; "" when nothing was typed */
    size_t text_len;
    struct transcript_audio audio;
    struct transcript_coverage coverage;
    /* Key terms the user marked as named in review where the matching
     * missed them: they count as found. */
    char **terms_confirmed;
    size_t n_terms_confirmed;
    struct analysis *analysis;     /* of a spoken answer, once analyzed; owned */
    int machine_text;              /* `text` is the machine transcription of the recording */
    char *typed_note;              /* lines typed while recording; NULL when none */
    int rating;                    /* 1-5, 0 when not rated */
    char *note;                    /* NULL when none */
    struct transcript_take *takes; /* the earlier takes, oldest first; owned */
    size_t n_takes;
    /* The interviewer's rubric of the answer, advice beside the rating, and
     * the model that wrote it; both owned, NULL when none. */
    struct rubric *rubric;
    char *rubric_model;
    /* Of a follow-up (follow_up > 0): its number under its question, from
     * 1, where it came from and, when authored with when_missing, the terms
     * none of which the answer it follows named (what made it asked). */
    unsigned follow_up; /* 0: a question of the plan */
    enum follow_up_source source;
    char **trigger;
    size_t n_trigger;
    /* The follow-ups asked after this answer, in order; owned. */
    struct transcript_answer *follow_ups;
    size_t n_follow_ups;
};

struct transcript {
    int format; /* 1 */
    char *id;   /* the session id, "YYYYMMDD-HHMMSS-<scenario>" */
    enum session_status status;
    char *scenario_id;
    char *scenario_title;
    char *bank_id; /* the bank the questions came from */
    /* Of a scenario made from another (scenario_of_questions): that one's id,
     * and the ids of the n_planned questions of the plan in order; NULL
     * otherwise. */
    char *based_on;
    char **question_ids;
    unsigned budget_s;
    uint64_t seed;
    char *started_at; /* local ISO 8601 time, "2026-11-23T10:15:00+01:00"; NULL before */
    char *ended_at;   /* NULL while in progress */
    double paused_s;  /* the whole session's paused time */
    size_t n_planned; /* questions in the plan */
    struct transcript_answer *answers; /* n_answers asked so far, room for n_planned */
    size_t n_answers;
    /* The n_planned questions and the settings they are asked with, recorded
     * when the session starts; NULL in a session of the earlier shape. */
    struct transcript_planned *plan;
    struct scenario_settings settings; /* the scenario's, asked with when resumed */
    char *description;                 /* the scenario's, recorded with the plan; NULL when none */
    /* The scenario file the plan was drawn from: its id, absolute path and
     * SHA-256 in hex; NULL when not known. */
    char *source_id, *source_path, *source_sha256;
};

/* Prepares an empty transcript for `plan` of `sc` with session id `id`,
 * recording the plan (transcript_record_plan). Returns REH_OK or
 * REH_ENOMEM; release with transcript_free either way. */
int transcript_init(struct transcript *t, const char *id, const struct scenario *sc,
                    const struct plan *plan);

/* Records the n_planned items of `plan` of `sc` (questions, limits, modes,
 * model answers, key points and terms) and the scenario's settings,
 * replacing what was recorded. Returns REH_OK or REH_ENOMEM (t is then
 * unchanged). */
int transcript_record_plan(struct transcript *t, const struct scenario *sc,
                           const struct plan *plan);

/* Makes room for n_planned empty planned questions, which the caller fills
 * (a reader of session.json). Returns REH_OK or REH_ENOMEM. */
int transcript_alloc_plan(struct transcript *t);

/* Records the scenario file the plan was drawn from (each copied; NULL
 * allowed). Returns REH_OK or REH_ENOMEM. */
int transcript_set_source(struct transcript *t, const char *id, const char *path,
                          const char *sha256);

/* The recorded question answer `a` answers, or NULL when the session has
 * no plan recorded or it names another question. */
const struct transcript_planned *transcript_planned_of(const struct transcript *t,
                                                       const struct transcript_answer *a);

/* Fills q with the recorded question p (q points into p). */
void transcript_question_of(const struct transcript_planned *p, struct question *q);

/* Fills q with the recorded question answer `a` answers (transcript_planned_of)
 * and returns q; NULL when there is none. */
const struct question *transcript_recorded_question(const struct transcript *t,
                                                    const struct transcript_answer *a,
                                                    struct question *q);

/* Records that the session's scenario was based on scenario `based_on` and
 * asks the n_planned questions `ids`, in that order (both copied). Returns
 * REH_OK or REH_ENOMEM (t is then unchanged). */
int transcript_set_derived(struct transcript *t, const char *based_on, const char *const *ids);

/* Starts answer number n_answers + 1 from plan item `item` (outcome
 * in-progress, empty text) and returns it, or NULL when out of memory or the
 * plan is exhausted. */
struct transcript_answer *transcript_begin_answer(struct transcript *t, const struct scenario *sc,
                                                  const struct plan_item *item);

/* Starts follow-up number parent->n_follow_ups + 1 of answer `parent`:
 * question `text` from `source`, asked for limit_s (0: no limit) in the
 * parent's mode, under its question id, category and section, with the n
 * `trigger` terms (copied). Returns it, or NULL when out of memory. It
 * stays valid until the parent's next follow-up is started. */
struct transcript_answer *transcript_begin_follow_up(struct transcript_answer *parent,
                                                     const char *text, unsigned limit_s,
                                                     enum follow_up_source source,
                                                     const char *const *trigger, size_t n);

/* Sets the answer's text and audio aside as an earlier take that lasted
 * elapsed_s, and leaves the answer empty for the next take. Returns REH_OK or
 * REH_ENOMEM (the answer is then unchanged). */
int transcript_new_take(struct transcript_answer *a, double elapsed_s);

/* Appends one line of typed text: a '\n' separates it from earlier lines.
 * Returns REH_OK or REH_ENOMEM (the text is then unchanged). */
int transcript_append_line(struct transcript_answer *a, const char *line);

/* The same for the typed note of a spoken answer (typed while recording). */
int transcript_append_note(struct transcript_answer *a, const char *line);

/* Measures the answer's text against the key terms of q (in any of their
 * spellings) and stores the result, replacing an earlier one; a term of
 * terms_confirmed is found. When the text is a machine transcription and
 * `lexicon` is not NULL, a term the text does not name is also found where
 * words of the same sound stand in its place, and recorded as heard.
 * Returns REH_OK or REH_ENOMEM. */
int transcript_measure_coverage(struct transcript_answer *a, const struct question *q,
                                soundalike_lexicon lexicon);

/* Records that the answer names key term `term` although the matching
 * missed it: adds it to terms_confirmed and moves it from the coverage's
 * missed terms to its found ones. Returns REH_OK, REH_EDATA when it is not
 * a missed term of the coverage, or REH_ENOMEM (nothing changed). */
int transcript_confirm_term(struct transcript_answer *a, const char *term);

/* Stores a coverage read back from a file: the found and missed terms. */
int transcript_set_coverage(struct transcript_answer *a, const char *const *found, size_t n_found,
                            const char *const *missed, size_t n_missed);

/* Records that the found term `term` of the answer's coverage was heard as
 * `words`. Returns REH_OK, REH_EDATA when it is not a found term, or
 * REH_ENOMEM (nothing changed). */
int transcript_add_heard(struct transcript_answer *a, const char *term, const char *words);

/* The words a found term of coverage c was heard as, or NULL when it was
 * named (or is not found); shown after the term as TRANSCRIPT_HEARD_AS
 * says. */
#define TRANSCRIPT_HEARD_AS " (heard as \"%s\")"
const char *transcript_heard_as(const struct transcript_coverage *c, const char *term);

/* Replaces the string *field (NULL allowed) by a copy of value (NULL allowed).
 * Returns REH_OK or REH_ENOMEM (the field is then unchanged). */
int transcript_set(char **field, const char *value);

/* Replaces *list by a copy of the n lists of alternatives `from` (NULL:
 * none), as transcript_planned holds them. Returns REH_OK or REH_ENOMEM
 * (the list is then unchanged). */
int transcript_set_alternatives(struct coverage_alternatives **list, size_t n_old,
                                const struct coverage_alternatives *from, size_t n);

/* Replaces the list *list of *n strings by a copy of the n_items `items`.
 * Returns REH_OK or REH_ENOMEM (the list is then unchanged). */
int transcript_set_list(char ***list, size_t *n, const char *const *items, size_t n_items);

/* The totals and the summary below are computed in transcript_summary.c. */

/* How many answers ended each way (indexed by enum answer_outcome), and the
 * time they used of the budget: answering and thinking. */
struct transcript_totals {
    unsigned outcomes[OUTCOME_ABORTED + 1];
    double used_s;
    unsigned typed, spoken; /* answers by how they were given */
    unsigned rated;
    double rating_sum;
};

/* Calls fn(audio, ctx) for every recording of t that has a file: each
 * answer's, its earlier takes', its follow-ups'. Stops at the first call
 * that returns nonzero and returns that; 0 when every call returned 0. */
int transcript_each_recording(const struct transcript *t,
                              int (*fn)(const struct transcript_audio *audio, void *ctx),
                              void *ctx);

/* Follow-ups count in the totals of the answer they follow: their time in
 * used_s, their ratings in the question's rating; they are not answers of
 * their own. */
struct transcript_totals transcript_count(const struct transcript *t);

/* The rating of the question answer `a` answers: the lowest rating given
 * to it and to its follow-ups (a follow-up that went badly shows a gap the
 * first answer hid); 0 when none of them is rated. */
int transcript_question_rating(const struct transcript_answer *a);

/* The grade the interviewer's rubrics give the question answer `a`
 * answers: the lowest rubric_grade of it and its follow-ups; 0 when none of
 * them has a rubric. */
int transcript_question_rubric(const struct transcript_answer *a);

/* The other spellings of key term `term` of q as they follow the term
 * wherever a missed term is shown: " (or horizontal scaling, scale out)";
 * "" when q is NULL, has no key term `term`, or the term has no other
 * spelling. Returns a new string (the caller frees it), or NULL when out of
 * memory. */
char *transcript_term_spellings(const struct question *q, const char *term);

/* The key terms of coverage c named and missed, each missed one with its
 * other spellings in q (NULL: none), as "named 1 of 2: first letter;
 * missed: alphabet (or ABC, abecedary)". Returns a new string (the caller
 * frees it), or NULL when out of memory. */
char *transcript_terms_named(const struct transcript_coverage *c, const struct question *q);

/* What the schedule (io/schedule_store.h) and the stats (stats.h) use of
 * one answer. The strings are owned (category may be NULL). */
struct transcript_mark {
    char *question_id, *category;
    enum answer_outcome outcome;
    int rating;     /* 1-5 (transcript_question_rating), 0 when not rated */
    int rubric;     /* 1-5 (transcript_question_rubric), 0 without a rubric */
    size_t n_terms; /* of the coverage; 0: no key terms */
    size_t n_found;
    unsigned limit_s; /* 0: no limit */
    double elapsed_s;
    int has_text; /* the answer's text is not empty */
    int said;     /* a recording with frames in it */
};

/* What the list of past sessions shows of one: who it is and its totals;
 * and the marks of its answers, which the schedule and the stats are
 * computed from. The strings are owned (started_at and bank_id may be NULL). */
struct transcript_summary {
    char *id, *scenario_id, *scenario_title, *started_at;
    enum session_status status;
    unsigned budget_s;
    size_t n_planned;
    struct transcript_totals totals;
    char *bank_id;
    struct transcript_mark *marks; /* one per answer, in order */
    size_t n_marks;
};

/* Fills the empty summary s from t. Returns REH_OK or REH_ENOMEM; release
 * with transcript_summary_free either way. */
int transcript_summarize(const struct transcript *t, struct transcript_summary *s);

void transcript_summary_free(struct transcript_summary *s);

/* Gives each mark of s that is not rated the grade of its rubric (when it
 * has one): the schedule then counts the rubric as the rating
 * (rubric_in_schedule: true in config.yaml). */
void transcript_rate_by_rubric(struct transcript_summary *s);

/* Makes room for n empty marks in the empty summary s, which the caller
 * fills (a reader of the sessions index). Returns REH_OK or REH_ENOMEM. */
int transcript_alloc_marks(struct transcript_summary *s, size_t n);

/* The number of words of the answer's text. */
size_t transcript_word_count(const struct transcript_answer *a);

/* Gives the answer `a` (owned from now on; replaces an earlier one). */
void transcript_set_analysis(struct transcript_answer *answer, struct analysis *a);

/* Gives the answer a copy of rubric r written by `model` (replacing an
 * earlier one); r NULL forgets it. Returns REH_OK or REH_ENOMEM (the answer
 * is then unchanged). */
int transcript_set_rubric(struct transcript_answer *a, const struct rubric *r, const char *model);

/* Forgets the last answer (when there is one). */
void transcript_drop_last(struct transcript *t);

/* Whether the last answer was cut off before anything was given (in none of
 * its takes): a resume asks its question again. 0 without answers. */
int transcript_last_unanswered(const struct transcript *t);

void transcript_free(struct transcript *t);

#endif
