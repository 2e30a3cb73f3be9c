/* Tests of the session.json codec: the encoding of a transcript with every
 * field set is byte for byte the file written before the codec was split out
 * of the store (tests/data/codec/every-field.json), decoding it gives every
 * field back, and both directions name the field they cannot handle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/plan.h"
#include "core/transcript.h"
#include "io/atomic_file.h"
#include "io/session_codec.h"
#include "io/store.h"
#include "scratch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA    REHEARSE_TEST_DATA
#define FIXTURE DATA "/codec/every-field.json"

struct fixture {
    struct bank bank;
    struct scenario sc;
    struct plan plan;
    struct transcript t;
    char *expected; /* the fixture's bytes */
    size_t expected_len;
};

/* The follow-ups of the first question: two in the plan, and two asked
 * after answer a, an authored one with what made it asked and a generated
 * one, each with the fields of an answer. */
static void fill_follow_ups(struct transcript *t, struct transcript_answer *a)
{
    static const char *const terms[] = {"alphabet", "beta"};
    struct transcript_planned *p = &t->plan[0];
    t->settings.max_follow_ups = 2;
    t->settings.follow_ups = FOLLOW_UPS_GENERATED;
    t->settings.reveal = REVEAL_AFTER_ANSWER;
    p->follow_ups = calloc(2, sizeof *p->follow_ups);
    assert_non_null(p->follow_ups);
    p->n_follow_ups = 2;
    assert_int_equal(transcript_set(&p->follow_ups[0].text, "Which letters come after it?"),
                     REH_OK);
    assert_int_equal(transcript_set_list(&p->follow_ups[0].when_missing,
                                         &p->follow_ups[0].n_when_missing, terms, 2),
                     REH_OK);
    p->follow_ups[0].limit_s = 90;
    assert_int_equal(transcript_set(&p->follow_ups[1].text, "Why does it come first?"), REH_OK);

    struct transcript_answer *f = transcript_begin_follow_up(a, "Which letters come after it?", 90,
                                                             FOLLOW_UPS_AUTHORED, terms, 2);
    assert_non_null(f);
    assert_int_equal(transcript_append_line(f, "beta, then gamma"), REH_OK);
    f->elapsed_s = 20.26;
    f->outcome = OUTCOME_ANSWERED;
    f->rating = 2;
    assert_int_equal(transcript_set(&f->note, "Say the whole alphabet."), REH_OK);
    struct rubric r = {
        {{2, "Gamma is not all."}, {1, "Shallow."}, {3, "In order."}, {4, "Clear."}}};
    assert_int_equal(transcript_set_rubric(f, &r, "qwen2.5:3b"), REH_OK);
    f = transcript_begin_follow_up(a, "What would you tell a child?", 0, FOLLOW_UPS_GENERATED, NULL,
                                   0);
    assert_non_null(f);
    assert_int_equal(transcript_set(&f->audio.file, "01-a-one-f2.wav"), REH_OK);
    f->audio.sample_rate = 16000;
    f->audio.frames = 96000;
    f->audio.duration_s = 6;
    f->elapsed_s = 6;
    f->outcome = OUTCOME_TIMED_OUT;
}

/* A transcript with every field of session.json set: a derived scenario
 * with its source and settings, an answer with a recorded earlier take,
 * coverage, a rating, a note, a typed note and an analysis, and an answer
 * to an inline question without a category. */
static void fill_every_field(struct transcript *t, const struct scenario *sc,
                             const struct plan *plan)
{
    const char *ids[16];
    for (size_t i = 0; i < plan->n_items; i++)
        ids[i] = plan->items[i].q->id;
    assert_int_equal(transcript_set_derived(t, "base-scenario", ids), REH_OK);
    assert_int_equal(transcript_set_source(t, "test-scenario", "/data/scenario.yaml",
                                           "0123456789abcdef0123456789abcdef"
                                           "0123456789abcdef0123456789abcdef"),
                     REH_OK);
    t->settings.think_s = 5;
    t->settings.max_takes = 2;
    t->settings.voice = 1;
    t->status = SESSION_ABORTED;
    t->paused_s = 12.34;
    assert_int_equal(transcript_set(&t->started_at, "2026-11-23T10:15:00+01:00"), REH_OK);
    assert_int_equal(transcript_set(&t->ended_at, "2026-11-23T10:40:00+01:00"), REH_OK);

    struct transcript_answer *a = transcript_begin_answer(t, sc, &plan->items[0]);
    assert_non_null(a);
    assert_int_equal(transcript_append_line(a, "A first take."), REH_OK);
    assert_int_equal(transcript_set(&a->audio.file, "01-a-one.wav"), REH_OK);
    a->audio.sample_rate = 16000;
    a->audio.frames = 200000;
    a->audio.duration_s = 12.5;
    a->audio.dropped_frames = 3;
    a->audio.input_overflows = 1;
    assert_int_equal(transcript_new_take(a, 12.5), REH_OK);
    assert_int_equal(transcript_set(&a->text, "alpha is the first letter of all"), REH_OK);
    a->text_len = strlen(a->text);
    a->machine_text = 1;
    assert_int_equal(transcript_set(&a->audio.file, "01-a-one-2.wav"), REH_OK);
    a->audio.sample_rate = 16000;
    a->audio.frames = 480000;
    a->audio.duration_s = 30.04;
    assert_int_equal(transcript_append_note(a, "say why"), REH_OK);
    assert_int_equal(transcript_measure_coverage(a, plan->items[0].q, NULL), REH_OK);
    assert_int_equal(transcript_confirm_term(a, "alphabet"), REH_OK);
    assert_int_equal(transcript_add_heard(a, "first letter", "first let her"), REH_OK);
    a->mode = MODE_SPOKEN;
    a->think_s = 4.56;
    a->elapsed_s = 70.05;
    a->overtime_s = 1.25;
    a->paused_s = 2.5;
    a->outcome = OUTCOME_ANSWERED;
    a->rating = 3;
    assert_int_equal(transcript_set(&a->note, "Name the letters."), REH_OK);
    struct rubric r = {{{4, "Alpha is indeed first."},
                        {2, "It does not say why."},
                        {3, "One sentence, in order."},
                        {5, "Plain words."}}};
    assert_int_equal(transcript_set_rubric(a, &r, "llama3.1:8b"), REH_OK);
    struct analysis *an = calloc(1, sizeof *an);
    assert_non_null(an);
    an->transcript = strdup("alpha is the first");
    an->words = calloc(2, sizeof *an->words);
    an->words[0] = (struct analysis_word){strdup("alpha"), 0.52, 0.91};
    an->words[1] = (struct analysis_word){strdup("first"), 1.33, 1.87};
    an->n_words = 2;
    an->pauses = calloc(1, sizeof *an->pauses);
    an->pauses[0].start_s = 2.04;
    an->pauses[0].end_s = 5.55;
    an->n_pauses = 1;
    an->words_per_minute = 123.456;
    an->filler_count = 2;
    an->fillers_per_min = 3.21;
    an->longest_pause_s = 3.51;
    an->snr_db = 23.46;
    an->speaking_ratio = 0.61234;
    an->time_to_first_word_s = 0.52;
    transcript_set_analysis(a, an);
    fill_follow_ups(t, a);

    a = transcript_begin_answer(t, sc, &plan->items[5]);
    assert_non_null(a);
    assert_null(a->category);
    a->elapsed_s = 3;
    a->outcome = OUTCOME_SKIPPED;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct diag err;
    if (bank_load(&f->bank, DATA "/good/bank.yaml", &err) != REH_OK ||
        scenario_load(&f->sc, DATA "/good/scenario.yaml", &err) != REH_OK ||
        scenario_resolve(&f->sc, &f->bank, &err) != REH_OK ||
        plan_draw(&f->plan, &f->sc, &f->bank, 42, MODE_INHERIT, &err) != REH_OK ||
        atomic_file_read(FIXTURE, &f->expected, &f->expected_len, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_int_equal(transcript_init(&f->t, "20261123-101500-test-scenario", &f->sc, &f->plan),
                     REH_OK);
    fill_every_field(&f->t, &f->sc, &f->plan);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    transcript_free(&f->t);
    plan_free(&f->plan);
    scenario_free(&f->sc);
    bank_free(&f->bank);
    free(f->expected);
    free(f);
    return 0;
}

/* The text of t as session.json holds it: the dump and a newline. */
static char *encode(const struct transcript *t)
{
    json_t *root = NULL;
    struct diag err;
    if (session_codec_encode(t, &root, &err) != REH_OK)
        fail_msg("%s", err.message);
    char *text = json_dumps(root, SESSION_CODEC_DUMP_FLAGS), *line;
    assert_non_null(text);
    line = realloc(text, strlen(text) + 2);
    assert_non_null(line);
    strcat(line, "\n");
    json_decref(root);
    return line;
}

/* Encoded, and saved by the store, a transcript with every field set is
 * the file that the store wrote before. */
static void encodes_every_field_as_before(void **state)
{
    struct fixture *f = *state;
    char home[SCRATCH_MAX], *text, *saved;
    size_t len;
    struct store st;
    struct diag err;
    text = encode(&f->t);
    assert_string_equal(text, f->expected);
    free(text);

    assert_int_equal(scratch_make(home, "codec"), 0);
    assert_int_equal(store_create(&st, home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, &f->t, &err), REH_OK);
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/session.json", st.dir);
    assert_int_equal(atomic_file_read(path, &saved, &len, &err), REH_OK);
    assert_int_equal(len, f->expected_len);
    assert_memory_equal(saved, f->expected, len);
    free(saved);
    store_close(&st);
    assert_int_equal(scratch_remove(home), 0);
}

/* Decoded, the file gives back every field: encoded again it is the same
 * bytes, and the fields that the encoding derives or rounds are checked
 * one by one. */
static void decodes_every_field(void **state)
{
    struct fixture *f = *state;
    struct transcript back;
    struct diag err;
    assert_int_equal(session_codec_decode(f->expected, f->expected_len, FIXTURE, &back, &err),
                     REH_OK);
    char *again = encode(&back);
    assert_string_equal(again, f->expected);
    free(again);

    assert_string_equal(back.based_on, "base-scenario");
    assert_int_equal(back.n_planned, 7);
    assert_string_equal(back.question_ids[5], "own-question");
    assert_string_equal(back.source_sha256,
                        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assert_int_equal(back.settings.voice, 1);
    assert_int_equal(back.settings.max_takes, 2);
    assert_int_equal(back.status, SESSION_ABORTED);
    assert_int_equal(back.n_answers, 2);
    const struct transcript_answer *a = &back.answers[0];
    assert_int_equal(a->mode, MODE_SPOKEN);
    assert_true(a->machine_text);
    assert_string_equal(a->typed_note, "say why");
    assert_string_equal(transcript_heard_as(&a->coverage, "first letter"), "first let her");
    assert_null(transcript_heard_as(&a->coverage, "alphabet"));
    assert_int_equal(a->rating, 3);
    assert_non_null(a->rubric);
    assert_string_equal(a->rubric_model, "llama3.1:8b");
    assert_int_equal(a->rubric->marks[RUBRIC_ACCURACY].score, 4);
    assert_string_equal(a->rubric->marks[RUBRIC_DEPTH].why, "It does not say why.");
    assert_int_equal(a->rubric->marks[RUBRIC_COMMUNICATION].score, 5);
    assert_null(back.answers[1].rubric);
    assert_int_equal(a->n_takes, 1);
    assert_string_equal(a->takes[0].text, "A first take.");
    assert_string_equal(a->takes[0].audio.file, "01-a-one.wav");
    assert_int_equal(a->takes[0].audio.dropped_frames, 3);
    assert_int_equal(a->takes[0].audio.input_overflows, 1);
    assert_int_equal(a->coverage.n_terms, 2);
    assert_string_equal(a->coverage.found[0], "first letter");
    assert_string_equal(a->coverage.found[1], "alphabet");
    assert_int_equal(a->coverage.n_missed, 0);
    assert_int_equal(a->n_terms_confirmed, 1);
    assert_string_equal(a->terms_confirmed[0], "alphabet");
    assert_int_equal(back.plan[0].key_term_alternatives[1].n, 2);
    assert_string_equal(back.plan[0].key_term_alternatives[1].items[0], "ABC");
    assert_int_equal(back.plan[0].key_term_alternatives[0].n, 0);
    assert_null(back.plan[1].key_term_alternatives);
    assert_non_null(a->analysis);
    assert_int_equal(a->analysis->n_words, 2);
    assert_string_equal(a->analysis->words[1].word, "first");
    assert_true(a->analysis->words[1].end_s == 1.9);
    assert_int_equal(a->analysis->n_pauses, 1);
    assert_int_equal(a->analysis->filler_count, 2);
    assert_true(a->analysis->speaking_ratio == 0.612);
    assert_true(a->analysis->snr_db == 23.5);
    assert_null(back.answers[1].category);
    assert_int_equal(back.answers[1].outcome, OUTCOME_SKIPPED);

    assert_int_equal(back.settings.max_follow_ups, 2);
    assert_int_equal(back.settings.follow_ups, FOLLOW_UPS_GENERATED);
    const struct transcript_planned *p = &back.plan[0];
    assert_int_equal(p->n_follow_ups, 2);
    assert_string_equal(p->follow_ups[0].text, "Which letters come after it?");
    assert_int_equal(p->follow_ups[0].n_when_missing, 2);
    assert_string_equal(p->follow_ups[0].when_missing[1], "beta");
    assert_int_equal(p->follow_ups[0].limit_s, 90);
    assert_int_equal(p->follow_ups[1].n_when_missing, 0);
    assert_int_equal(p->follow_ups[1].limit_s, 0);
    assert_int_equal(back.plan[1].n_follow_ups, 0);
    assert_int_equal(a->n_follow_ups, 2);
    const struct transcript_answer *u = &a->follow_ups[0];
    assert_int_equal(u->n, 1);
    assert_int_equal(u->follow_up, 1);
    assert_int_equal(u->source, FOLLOW_UPS_AUTHORED);
    assert_int_equal(u->n_trigger, 2);
    assert_string_equal(u->trigger[0], "alphabet");
    assert_string_equal(u->question, "Which letters come after it?");
    assert_string_equal(u->text, "beta, then gamma");
    assert_int_equal(u->rating, 2);
    assert_string_equal(u->note, "Say the whole alphabet.");
    assert_string_equal(u->rubric_model, "qwen2.5:3b");
    assert_string_equal(u->rubric->marks[RUBRIC_STRUCTURE].why, "In order.");
    assert_int_equal(u->limit_s, 90);
    u = &a->follow_ups[1];
    assert_int_equal(u->follow_up, 2);
    assert_int_equal(u->source, FOLLOW_UPS_GENERATED);
    assert_int_equal(u->n_trigger, 0);
    assert_int_equal(u->outcome, OUTCOME_TIMED_OUT);
    assert_string_equal(u->audio.file, "01-a-one-f2.wav");
    assert_int_equal(back.answers[1].n_follow_ups, 0);
    transcript_free(&back);
}

/* Sets member `key` of the object at `where` in the fixture to `value`,
 * decodes the result and returns the message. */
static const char *decode_changed(struct fixture *f, json_t *(*where)(json_t *root),
                                  const char *key, json_t *value)
{
    static struct diag err;
    struct transcript t;
    json_t *root = json_loadb(f->expected, f->expected_len, 0, NULL);
    assert_non_null(root);
    if (value == NULL)
        assert_int_equal(json_object_del(where(root), key), 0);
    else
        assert_int_equal(json_object_set_new(where(root), key, value), 0);
    char *text = json_dumps(root, 0);
    assert_int_equal(session_codec_decode(text, strlen(text), "s.json", &t, &err), REH_EDATA);
    transcript_free(&t);
    free(text);
    json_decref(root);
    return err.message;
}

static json_t *top(json_t *root)
{
    return root;
}

static json_t *scenario(json_t *root)
{
    return json_object_get(root, "scenario");
}

static json_t *answer_1(json_t *root)
{
    return json_array_get(json_object_get(root, "answers"), 0);
}

static json_t *answer_2(json_t *root)
{
    return json_array_get(json_object_get(root, "answers"), 1);
}

static json_t *coverage_1(json_t *root)
{
    return json_object_get(answer_1(root), "coverage");
}

static json_t *take_1_audio(json_t *root)
{
    return json_object_get(json_array_get(json_object_get(answer_1(root), "takes"), 0), "audio");
}

static json_t *second_word(json_t *root)
{
    return json_array_get(json_object_get(json_object_get(answer_1(root), "analysis"), "words"), 1);
}

static json_t *follow_up_1(json_t *root)
{
    return json_array_get(json_object_get(answer_1(root), "follow_ups"), 0);
}

static json_t *follow_up_2(json_t *root)
{
    return json_array_get(json_object_get(answer_1(root), "follow_ups"), 1);
}

static json_t *rubric_of_1(json_t *root)
{
    return json_object_get(answer_1(root), "rubric");
}

static json_t *rubric_depth(json_t *root)
{
    return json_object_get(rubric_of_1(root), "depth");
}

static json_t *planned_follow_up_1(json_t *root)
{
    return json_array_get(
        json_object_get(json_array_get(json_object_get(root, "plan"), 0), "follow_ups"), 0);
}

static json_t *planned_1(json_t *root)
{
    return json_array_get(json_object_get(root, "plan"), 0);
}

static json_t *planned_3(json_t *root)
{
    return json_array_get(json_object_get(root, "plan"), 2);
}

static void decoding_names_the_damaged_field(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(decode_changed(f, top, "id", NULL),
                        "s.json:1:1: not a session: id is missing");
    assert_string_equal(decode_changed(f, top, "status", json_string("paused")),
                        "s.json:1:1: not a session: status must be one of the names this "
                        "rehearse writes");
    assert_string_equal(decode_changed(f, scenario, "title", json_integer(3)),
                        "s.json:1:1: not a session: scenario.title must be a text");
    assert_string_equal(decode_changed(f, scenario, "voice", json_integer(1)),
                        "s.json:1:1: not a session: scenario.voice must be true or false");
    assert_string_equal(decode_changed(f, answer_1, "limit_s", json_integer(-1)),
                        "s.json:1:1: not a session: answers[0].limit_s must be from 0 to 604800");
    assert_string_equal(decode_changed(f, answer_2, "elapsed_s", json_string("3")),
                        "s.json:1:1: not a session: answers[1].elapsed_s must be a number");
    assert_string_equal(decode_changed(f, answer_1, "rating", json_integer(6)),
                        "s.json:1:1: not a session: answers[0].rating must be from 0 to 5");
    assert_string_equal(
        decode_changed(f, take_1_audio, "file", json_string("../01-a-one.wav")),
        "s.json:1:1: not a session: answers[0].takes[0].audio.file must be a file name, not a "
        "path");
    assert_string_equal(decode_changed(f, second_word, "start_s", NULL),
                        "s.json:1:1: not a session: answers[0].analysis.words[1].start_s is "
                        "missing");
    assert_string_equal(decode_changed(f, planned_3, "mode", json_string("mixed")),
                        "s.json:1:1: not a session: plan[2].mode must be typed or spoken");
    assert_string_equal(decode_changed(f, planned_3, "key_terms", json_pack("[s, i]", "a", 1)),
                        "s.json:1:1: not a session: plan[2].key_terms must be a list of texts");
    assert_string_equal(
        decode_changed(f, planned_1, "key_term_alternatives", json_pack("[[], [s, i]]", "ABC", 1)),
        "s.json:1:1: not a session: plan[0].key_term_alternatives must be a list "
        "of 2 lists of texts, one per key term");
    assert_string_equal(decode_changed(f, planned_1, "key_term_alternatives", json_pack("[[]]")),
                        "s.json:1:1: not a session: plan[0].key_term_alternatives must be a list "
                        "of 2 lists of texts, one per key term");
    assert_string_equal(
        decode_changed(f, coverage_1, "heard_as", json_pack("{s:s}", "omega", "oh")),
        "s.json:1:1: not a session: answers[0].coverage.heard_as must map found "
        "terms to the words heard: \"omega\" is not one");
    assert_string_equal(decode_changed(f, coverage_1, "heard_as", json_pack("[s]", "alphabet")),
                        "s.json:1:1: not a session: answers[0].coverage.heard_as must be an "
                        "object");
    assert_string_equal(decode_changed(f, answer_1, "terms_confirmed", json_string("alphabet")),
                        "s.json:1:1: not a session: answers[0].terms_confirmed must be a list of "
                        "at most 100000 texts");
    assert_string_equal(decode_changed(f, follow_up_1, "source", json_string("none")),
                        "s.json:1:1: not a session: answers[0].follow_ups[0].source must be "
                        "authored or generated");
    assert_string_equal(decode_changed(f, follow_up_2, "follow_up", NULL),
                        "s.json:1:1: not a session: answers[0].follow_ups[1].follow_up is missing");
    assert_string_equal(decode_changed(f, follow_up_2, "limit_s", json_integer(-5)),
                        "s.json:1:1: not a session: answers[0].follow_ups[1].limit_s must be "
                        "from 0 to 604800");
    assert_string_equal(decode_changed(f, follow_up_1, "trigger", json_pack("[i]", 1)),
                        "s.json:1:1: not a session: answers[0].follow_ups[0].trigger must be a "
                        "list of texts");
    assert_string_equal(decode_changed(f, answer_2, "follow_ups", json_pack("[s]", "why?")),
                        "s.json:1:1: not a session: answers[1].follow_ups must be a list of "
                        "answers");
    assert_string_equal(decode_changed(f, answer_2, "rubric", json_string("good")),
                        "s.json:1:1: not a session: answers[1].rubric must be an object");
    assert_string_equal(decode_changed(f, rubric_of_1, "model", NULL),
                        "s.json:1:1: not a session: answers[0].rubric.model is missing");
    assert_string_equal(decode_changed(f, rubric_of_1, "structure", NULL),
                        "s.json:1:1: not a session: answers[0].rubric.structure is missing");
    assert_string_equal(decode_changed(f, rubric_depth, "score", json_integer(6)),
                        "s.json:1:1: not a session: answers[0].rubric.depth.score must be from 1 "
                        "to 5");
    assert_string_equal(decode_changed(f, rubric_depth, "comment", json_string("")),
                        "s.json:1:1: not a session: answers[0].rubric.depth.comment must be a "
                        "text of 1 to 1200 bytes");
    assert_string_equal(decode_changed(f, planned_follow_up_1, "text", NULL),
                        "s.json:1:1: not a session: plan[0].follow_ups[0].text is missing");
    assert_string_equal(decode_changed(f, scenario, "max_follow_ups", json_integer(4)),
                        "s.json:1:1: not a session: scenario.max_follow_ups must be from 0 to 3");
    assert_string_equal(decode_changed(f, scenario, "follow_ups", json_string("always")),
                        "s.json:1:1: not a session: scenario.follow_ups must be one of the names "
                        "this rehearse writes");
}

/* A file of the shape before follow-ups (no settings for them, none in the
 * plan or the answers) is read with the defaults: one authored follow-up. */
static void decodes_the_shape_before_follow_ups(void **state)
{
    struct fixture *f = *state;
    struct transcript back;
    struct diag err;
    json_t *root = json_loadb(f->expected, f->expected_len, 0, NULL);
    assert_non_null(root);
    assert_int_equal(json_object_del(scenario(root), "max_follow_ups"), 0);
    assert_int_equal(json_object_del(scenario(root), "follow_ups"), 0);
    assert_int_equal(json_object_del(answer_1(root), "follow_ups"), 0);
    assert_int_equal(
        json_object_del(json_array_get(json_object_get(root, "plan"), 0), "follow_ups"), 0);
    char *text = json_dumps(root, 0);
    assert_int_equal(session_codec_decode(text, strlen(text), "s.json", &back, &err), REH_OK);
    assert_int_equal(back.settings.max_follow_ups, 1);
    assert_int_equal(back.settings.follow_ups, FOLLOW_UPS_AUTHORED);
    assert_int_equal(back.plan[0].n_follow_ups, 0);
    assert_int_equal(back.answers[0].n_follow_ups, 0);
    assert_int_equal(back.answers[0].follow_up, 0);
    transcript_free(&back);
    free(text);
    json_decref(root);
}

/* An analysis written before the signal-to-noise ratio was estimated, with
 * a pace that cannot be trusted (12250 words a minute): decoded, it has no
 * SNR and no known pace; encoded again, neither is written. */
static void decodes_figures_that_cannot_be_trusted(void **state)
{
    struct fixture *f = *state;
    struct transcript back;
    struct diag err;
    json_t *root = json_loadb(f->expected, f->expected_len, 0, NULL), *again = NULL;
    json_t *an = json_object_get(answer_1(root), "analysis");
    assert_int_equal(json_object_del(an, "snr_db"), 0);
    assert_int_equal(json_object_set_new(an, "words_per_minute", json_real(12250)), 0);
    char *text = json_dumps(root, 0);
    assert_int_equal(session_codec_decode(text, strlen(text), "s.json", &back, &err), REH_OK);
    assert_true(isnan(back.answers[0].analysis->snr_db));
    assert_false(analysis_pace_known(back.answers[0].analysis));
    assert_int_equal(session_codec_encode(&back, &again, &err), REH_OK);
    an = json_object_get(answer_1(again), "analysis");
    assert_null(json_object_get(an, "snr_db"));
    assert_null(json_object_get(an, "words_per_minute"));
    assert_non_null(json_object_get(an, "filler_count"));
    json_decref(again);
    transcript_free(&back);
    free(text);
    json_decref(root);
}

/* Replaces the text *field by a copy of `value` (not checked). */
static void replace(char **field, const char *value)
{
    free(*field);
    *field = strdup(value);
}

/* Encodes t, which cannot be: returns the message. */
static const char *encode_fails(const struct transcript *t)
{
    static struct diag err;
    json_t *root = NULL;
    assert_int_equal(session_codec_encode(t, &root, &err), REH_EDATA);
    assert_null(root);
    return err.message;
}

/* A field that cannot be written is named, whether it is a text that is
 * not UTF-8 or a number that is not finite; each case is put in before
 * the previous one in the order of the file, so that it is met first. */
static void encoding_names_the_field(void **state)
{
    struct fixture *f = *state;
    struct transcript *t = &f->t;
    replace(&t->plan[0].key_terms[1], "alpha\xff");
    assert_string_equal(encode_fails(t),
                        "the key_terms of question 1 of the plan is not valid UTF-8");
    t->answers[1].elapsed_s = NAN;
    assert_string_equal(encode_fails(t), "the elapsed_s of answer 2 is not a finite number");
    replace(&t->answers[0].follow_ups[1].question, "why\xff");
    assert_string_equal(encode_fails(t),
                        "the question of follow-up 2 of answer 1 is not valid UTF-8");
    replace(&t->answers[0].takes[0].text, "\xc0\xaf");
    assert_string_equal(encode_fails(t), "the text of take 1 of answer 1 is not valid UTF-8");
    replace(&t->answers[0].audio.file, "01-\xed\xa0\x80.wav");
    assert_string_equal(encode_fails(t),
                        "the file of the recording of answer 1 is not valid UTF-8");
    free(t->scenario_title);
    t->scenario_title = NULL;
    assert_string_equal(encode_fails(t), "the title of the scenario is missing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(encodes_every_field_as_before, setup, teardown),
        cmocka_unit_test_setup_teardown(decodes_every_field, setup, teardown),
        cmocka_unit_test_setup_teardown(decoding_names_the_damaged_field, setup, teardown),
        cmocka_unit_test_setup_teardown(decodes_the_shape_before_follow_ups, setup, teardown),
        cmocka_unit_test_setup_teardown(encoding_names_the_field, setup, teardown),
        cmocka_unit_test_setup_teardown(decodes_figures_that_cannot_be_trusted, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
