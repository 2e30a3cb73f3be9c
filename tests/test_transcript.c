/* Tests of the transcript model, its Markdown rendering and the session
 * store that writes it (directory and file modes, atomic replacement, the
 * exact session.json fields). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/plan.h"
#include "core/replay.h"
#include "core/transcript.h"
#include "core/transcript_md.h"
#include "io/store.h"
#include "scratch.h"

#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA REHEARSE_TEST_DATA

struct fixture {
    struct bank bank;
    struct scenario sc;
    struct plan plan;
    struct transcript t;
    char home[SCRATCH_MAX];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct diag err;
    if (bank_load(&f->bank, DATA "/good/bank.yaml", &err) != REH_OK ||
        scenario_load(&f->sc, DATA "/good/scenario.yaml", &err) != REH_OK ||
        scenario_resolve(&f->sc, &f->bank, &err) != REH_OK ||
        plan_draw(&f->plan, &f->sc, &f->bank, 42, MODE_INHERIT, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_int_equal(transcript_init(&f->t, "20261123-101500-test-scenario", &f->sc, &f->plan),
                     REH_OK);
    assert_int_equal(scratch_make(f->home, "store"), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    int rc = scratch_remove(f->home);
    transcript_free(&f->t);
    plan_free(&f->plan);
    scenario_free(&f->sc);
    bank_free(&f->bank);
    free(f);
    return rc;
}

/* Two answers: one answered over two lines (one starting with '#'), one timed
 * out in soft overtime with a pause. */
static void fill(struct fixture *f)
{
    struct transcript *t = &f->t;
    assert_int_equal(transcript_set(&t->started_at, "2026-11-23T10:15:00+01:00"), REH_OK);
    struct transcript_answer *a = transcript_begin_answer(t, &f->sc, &f->plan.items[0]);
    assert_non_null(a);
    assert_int_equal(transcript_append_line(a, "Alpha comes first."), REH_OK);
    assert_int_equal(transcript_append_line(a, "# not a heading in the alphabet"), REH_OK);
    assert_int_equal(transcript_measure_coverage(a, f->plan.items[0].q, NULL), REH_OK);
    a->elapsed_s = 61.26;
    a->outcome = OUTCOME_ANSWERED;
    a->rating = 4;
    assert_int_equal(transcript_set(&a->note, "Mention the alphabet."), REH_OK);
    a = transcript_begin_answer(t, &f->sc, &f->plan.items[1]);
    a->elapsed_s = 132.04;
    a->overtime_s = 12.04;
    a->paused_s = 30;
    a->outcome = OUTCOME_TIMED_OUT;
    t->paused_s = 30;
    t->status = SESSION_COMPLETED;
    assert_int_equal(transcript_set(&t->ended_at, "2026-11-23T10:20:00+01:00"), REH_OK);
}

/* A missed key term marked as named counts as found, and stays found when
 * the answer is measured again (a new transcription); a term that is not
 * missed is refused. Any spelling of a term names it. */
static void confirmed_terms_count_as_found(void **state)
{
    struct fixture *f = *state;
    fill(f);
    struct transcript_answer *a = &f->t.answers[0];
    const struct question *q = f->plan.items[0].q;
    assert_int_equal(transcript_confirm_term(a, "alphabet"), REH_EDATA); /* found already */
    assert_int_equal(transcript_confirm_term(a, "omega"), REH_EDATA);
    assert_int_equal(a->n_terms_confirmed, 0);
    assert_int_equal(transcript_confirm_term(a, "first letter"), REH_OK);
    assert_int_equal(a->coverage.n_found, 2);
    assert_string_equal(a->coverage.found[1], "first letter");
    assert_int_equal(a->coverage.n_missed, 0);

    assert_int_equal(transcript_set(&a->text, "Nothing to see."), REH_OK);
    assert_int_equal(transcript_measure_coverage(a, q, NULL), REH_OK);
    assert_int_equal(a->coverage.n_found, 1);
    assert_string_equal(a->coverage.found[0], "first letter");
    assert_string_equal(a->coverage.missed[0], "alphabet");
    assert_int_equal(transcript_set(&a->text, "We learn our ABCs."), REH_OK);
    assert_int_equal(transcript_measure_coverage(a, q, NULL), REH_OK);
    assert_int_equal(a->coverage.n_found, 2);
    assert_int_equal(a->coverage.n_terms, 2);
}

/* The phones of the words of heard_terms_are_named_as_heard. */
static int lexicon(const char *word, char *out, size_t cap)
{
    static const char *const words[][2] = {
        {"alphabet", "AE L F AH B EH T"}, {"alfa", "AE L F AH"}, {"bet", "B EH T"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(word, words[i][0]) == 0)
            return snprintf(out, cap, "%s", words[i][1]) < (int)cap;
    return 0;
}

/* A machine transcription that says words of a key term's sound finds the
 * term, heard as those words, which the answer's summary and transcript
 * name; typed words of the same sound do not. */
static void heard_terms_are_named_as_heard(void **state)
{
    struct fixture *f = *state;
    fill(f);
    struct transcript_answer *a = &f->t.answers[0];
    const struct question *q = f->plan.items[0].q;
    assert_int_equal(transcript_set(&a->text, "alfa bet comes first"), REH_OK);
    assert_int_equal(transcript_measure_coverage(a, q, lexicon), REH_OK);
    assert_int_equal(a->coverage.n_found, 0); /* typed */
    a->machine_text = 1;
    assert_int_equal(transcript_measure_coverage(a, q, lexicon), REH_OK);
    assert_int_equal(a->coverage.n_found, 1);
    assert_string_equal(transcript_heard_as(&a->coverage, "alphabet"), "alfa bet");
    char *named = transcript_terms_named(&a->coverage, NULL);
    assert_string_equal(named,
                        "named 1 of 2: alphabet (heard as \"alfa bet\"); missed: first letter");
    free(named);
    char *md = transcript_markdown(&f->t);
    assert_non_null(strstr(md, "Key terms: 1 of 2 (named: alphabet (heard as \"alfa bet\")); "
                               "missed: first letter\n"));
    free(md);
    assert_int_equal(transcript_measure_coverage(a, q, NULL), REH_OK);
    assert_int_equal(a->coverage.n_found, 0);
    assert_int_equal(a->coverage.n_heard, 0);
}

static void answers_copy_the_plan(void **state)
{
    struct fixture *f = *state;
    struct transcript *t = &f->t;
    assert_int_equal(t->n_planned, 7);
    assert_int_equal(t->budget_s, 1200);
    assert_int_equal(t->seed, 42);
    assert_string_equal(t->scenario_id, "test-scenario");
    struct transcript_answer *a = transcript_begin_answer(t, &f->sc, &f->plan.items[2]);
    assert_int_equal(a->n, 1);
    assert_string_equal(a->question_id, f->plan.items[2].q->id);
    assert_string_equal(a->section, "Picked");
    assert_int_equal(a->mode, MODE_SPOKEN);
    assert_int_equal(a->outcome, OUTCOME_IN_PROGRESS);
    assert_string_equal(a->text, "");
    assert_int_equal(transcript_append_line(a, "one"), REH_OK);
    assert_int_equal(transcript_append_line(a, ""), REH_OK);
    assert_int_equal(transcript_append_line(a, "three"), REH_OK);
    assert_string_equal(a->text, "one\n\nthree");
    assert_int_equal(a->text_len, 10);
    for (size_t i = 1; i < 7; i++)
        assert_non_null(transcript_begin_answer(t, &f->sc, &f->plan.items[0]));
    assert_null(transcript_begin_answer(t, &f->sc, &f->plan.items[0])); /* plan exhausted */
}

static void renders_markdown(void **state)
{
    struct fixture *f = *state;
    fill(f);
    char *md = transcript_markdown(&f->t);
    assert_non_null(md);
    assert_string_equal(md, "# Test scenario\n"
                            "\n"
                            "- Session: 20261123-101500-test-scenario\n"
                            "- Scenario: test-scenario (seed 42)\n"
                            "- Started: 2026-11-23T10:15:00+01:00\n"
                            "- Ended: 2026-11-23T10:20:00+01:00\n"
                            "- Status: completed\n"
                            "- Time used: 3:13 of 20:00\n"
                            "\n"
                            "## 1. Listed: a-one\n"
                            "\n"
                            "> What is alpha: the first letter?\n"
                            "\n"
                            "**Your answer** (typed)\n"
                            "\n"
                            "Alpha comes first.  \n"
                            "\\# not a heading in the alphabet\n"
                            "\n"
                            "Words: 10\n"
                            "\n"
                            "Time: 1:01 of 2:00, answered\n"
                            "\n"
                            "Key terms: 1 of 2 (named: alphabet); missed: first letter\n"
                            "\n"
                            "Rating: 4/5\n"
                            "\n"
                            "Note: Mention the alphabet.\n"
                            "\n"
                            "## 2. Listed: b-one\n"
                            "\n"
                            "> Tell me about beta.\n"
                            "\n"
                            "**Your answer** (typed)\n"
                            "\n"
                            "_No answer._\n"
                            "\n"
                            "Time: 2:12 of 2:00, timed-out, +0:12 overtime, paused 0:30\n"
                            "\n"
                            "---\n"
                            "\n"
                            "Answered 1 of 7 questions, timed out 1, skipped 0.\n");
    free(md);
}

static void mode_of(const char *path, mode_t want)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, want);
}

static char *read_all(const char *path)
{
    FILE *file = fopen(path, "r");
    static char text[16384];
    assert_non_null(file);
    text[fread(text, 1, sizeof text - 1, file)] = '\0';
    fclose(file);
    return text;
}

static void creates_private_directories(void **state)
{
    struct fixture *f = *state;
    struct store a, b;
    struct diag err;
    char home[128], expected[PATH_MAX];
    snprintf(home, sizeof home, "%s/deep/home", f->home);
    time_t when = 1795000000; /* the same second for both */
    assert_int_equal(store_create(&a, home, "test-scenario", when, &err), REH_OK);
    assert_int_equal(store_create(&b, home, "test-scenario", when, &err), REH_OK);
    assert_int_equal(strlen(a.id), strlen("YYYYMMDD-HHMMSS-test-scenario"));
    assert_string_equal(a.id + 15, "-test-scenario");
    snprintf(expected, sizeof expected, "%s-2", a.id);
    assert_string_equal(b.id, expected);
    snprintf(expected, sizeof expected, "%s/sessions/%s", home, a.id);
    assert_string_equal(a.dir, expected);
    mode_of(a.dir, 0700);
    mode_of(home, 0700);
    store_close(&a);
    store_close(&b);
}

static void unwritable_home_is_a_clear_error(void **state)
{
    struct fixture *f = *state;
    struct store st;
    struct diag err;
    char file[128], home[160], expected[256];
    snprintf(file, sizeof file, "%s/a-file", f->home);
    fclose(fopen(file, "w"));
    snprintf(home, sizeof home, "%s/home", file);
    assert_int_equal(store_create(&st, home, "x", 0, &err), REH_EIO);
    snprintf(expected, sizeof expected,
             "cannot create %s: Not a directory; set REHEARSE_HOME to a writable directory", home);
    assert_string_equal(err.message, expected);
}

static void saves_atomically(void **state)
{
    struct fixture *f = *state;
    struct store st;
    struct diag err;
    char path[PATH_MAX + 32];
    assert_int_equal(store_create(&st, f->home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, &f->t, &err), REH_OK); /* empty, in progress */
    fill(f);
    assert_int_equal(store_save(&st, &f->t, &err), REH_OK);

    snprintf(path, sizeof path, "%s/session.json", st.dir);
    mode_of(path, 0600);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    assert_non_null(root);
    /* The recorded plan and settings: plan_round_trips checks them. */
    assert_int_equal(json_object_del(root, "plan"), 0);
    json_t *scenario = json_object_get(root, "scenario");
    static const char *const settings[] = {"description", "mode",      "overtime", "warnings_s",
                                           "think_s",     "max_takes", "voice",    "max_follow_ups",
                                           "follow_ups",  "reveal"};
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
        assert_int_equal(json_object_del(scenario, settings[i]), 0);
    json_t *want = json_pack(
        "{s:i, s:s, s:s, s:{s:s, s:s, s:s, s:i, s:i}, s:s, s:s, s:f, s:i, s:[{s:i, s:s, s:s, s:s, "
        "s:s, s:s, s:i, s:f, s:f, s:f, s:s, s:s, s:n, s:{s:f, s:[s], s:[s]}, s:i, s:s, s:n, s:s, "
        "s:i, s:f}, "
        "{s:i, s:s, "
        "s:s, s:s, s:s, "
        "s:s, s:i, s:f, s:f, s:f, s:s, s:s, s:n, s:n, s:n, s:n, s:n, s:s, s:i, s:f}]}",
        "format", 1, "id", "20261123-101500-test-scenario", "status", "completed", "scenario", "id",
        "test-scenario", "title", "Test scenario", "bank", "test-bank", "budget_s", 1200, "seed",
        42, "started_at", "2026-11-23T10:15:00+01:00", "ended_at", "2026-11-23T10:20:00+01:00",
        "paused_s", 30.0, "planned", 7, "answers", "n", 1, "question_id", "a-one", "category",
        "alpha", "section", "Listed", "question", "What is alpha: the first letter?", "mode",
        "typed", "limit_s", 120, "elapsed_s", 61.3, "overtime_s", 0.0, "paused_s", 0.0, "outcome",
        "answered", "text", "Alpha comes first.\n# not a heading in the alphabet", "audio",
        "coverage", "fraction", 0.5, "found", "alphabet", "missed", "first letter", "rating", 4,
        "note", "Mention the alphabet.", "analysis", "text_source", "typed", "word_count", 10,
        "think_s", 0.0, "n", 2, "question_id", "b-one", "category", "beta", "section", "Listed",
        "question", "Tell me about beta.", "mode", "typed", "limit_s", 120, "elapsed_s", 132.0,
        "overtime_s", 12.0, "paused_s", 30.0, "outcome", "timed-out", "text", "", "audio",
        "coverage", "rating", "note", "analysis", "text_source", "typed", "word_count", 0,
        "think_s", 0.0);
    assert_non_null(want);
    if (!json_equal(root, want)) {
        char *got = json_dumps(root, JSON_INDENT(2));
        fail_msg("session.json differs:\n%s", got);
    }
    json_decref(want);
    json_decref(root);

    snprintf(path, sizeof path, "%s/transcript.md", st.dir);
    mode_of(path, 0600);
    char *md = transcript_markdown(&f->t);
    assert_string_equal(read_all(path), md);
    free(md);

    /* Nothing else is left behind: no temporary file. */
    DIR *dir = opendir(st.dir);
    struct dirent *ent;
    size_t files = 0;
    while ((ent = readdir(dir)) != NULL)
        files += ent->d_name[0] != '.' || strstr(ent->d_name, ".tmp") != NULL;
    closedir(dir);
    assert_int_equal(files, 2);

    /* Read back, it is the same session: its Markdown is identical. */
    struct transcript back;
    assert_int_equal(store_load(st.dir, &back, &err), REH_OK);
    char *again = transcript_markdown(&back), *first = transcript_markdown(&f->t);
    assert_string_equal(again, first);
    assert_int_equal(back.answers[0].rating, 4);
    assert_int_equal(back.answers[1].outcome, OUTCOME_TIMED_OUT);
    free(again);
    free(first);
    transcript_free(&back);
    store_close(&st);
}

static void damaged_sessions_are_reported(void **state)
{
    struct fixture *f = *state;
    struct transcript t;
    struct diag err;
    char path[PATH_MAX + 32], expected[PATH_MAX + 128];
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"{\"format\": 1, \"id\": \"x\",", "3:1: string or '}' expected near end of file"},
        {"{\"format\": 2}", "1:1: unknown session format 2; this rehearse reads format 1"},
        {"[1, 2]", "1:1: unknown session format 0; this rehearse reads format 1"},
        {"{\"format\": 1, \"id\": \"x\", \"status\": \"aborted\", \"planned\": -5, "
         "\"scenario\": {\"id\": \"s\", \"title\": \"S\", \"budget_s\": 60}, \"answers\": []}",
         "1:1: not a session: planned, budget_s or answers out of range"},
        {"{\"format\": 1, \"id\": \"x\", \"status\": \"aborted\", "
         "\"scenario\": {\"id\": \"s\", \"title\": \"S\", \"budget_s\": -1}, \"answers\": []}",
         "1:1: not a session: planned, budget_s or answers out of range"},
    };
    snprintf(path, sizeof path, "%s/session.json", f->home);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *file = fopen(path, "w");
        fputs(cases[i].text, file);
        fputs("\n\n", file);
        fclose(file);
        assert_int_equal(store_load(f->home, &t, &err), REH_EDATA);
        snprintf(expected, sizeof expected, "%s:%s", path, cases[i].message);
        assert_string_equal(err.message, expected);
        transcript_free(&t);
    }
}

/* An answer taken twice, the first take recorded: session.json lists both
 * takes, the last being the answer; reading it back gives the same record. */
static void takes_are_saved_and_read_back(void **state)
{
    struct fixture *f = *state;
    struct transcript *t = &f->t;
    struct store st;
    struct diag err;
    char path[PATH_MAX + 32];
    assert_int_equal(transcript_set(&t->started_at, "2026-11-23T10:15:00+01:00"), REH_OK);
    struct transcript_answer *a = transcript_begin_answer(t, &f->sc, &f->plan.items[0]);
    assert_int_equal(transcript_append_line(a, "First try."), REH_OK);
    assert_int_equal(transcript_set(&a->audio.file, "01-a-one.wav"), REH_OK);
    a->audio.sample_rate = 16000;
    a->audio.frames = 160000;
    a->audio.duration_s = 10;
    assert_int_equal(transcript_new_take(a, 12.5), REH_OK);
    assert_null(a->audio.file);
    assert_string_equal(a->text, "");
    assert_int_equal(transcript_append_line(a, "Second try."), REH_OK);
    a->elapsed_s = 40;
    a->think_s = 7.5;
    a->outcome = OUTCOME_ANSWERED;

    assert_int_equal(store_create(&st, f->home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, t, &err), REH_OK);
    snprintf(path, sizeof path, "%s/session.json", st.dir);
    json_t *root = json_load_file(path, 0, NULL);
    json_t *want = json_pack("[{s:i, s:s, s:f, s:{s:s, s:i, s:i, s:f, s:i, s:i}}, "
                             "{s:i, s:s, s:f, s:n}]",
                             "take", 1, "text", "First try.", "elapsed_s", 12.5, "audio", "file",
                             "01-a-one.wav", "sample_rate", 16000, "frames", 160000, "duration_s",
                             10.0, "dropped_frames", 0, "input_overflows", 0, "take", 2, "text",
                             "Second try.", "elapsed_s", 27.5, "audio");
    json_t *answer = json_array_get(json_object_get(root, "answers"), 0);
    assert_true(json_equal(json_object_get(answer, "takes"), want));
    assert_true(json_real_value(json_object_get(answer, "think_s")) == 7.5);
    json_decref(want);
    json_decref(root);

    struct transcript back;
    assert_int_equal(store_load(st.dir, &back, &err), REH_OK);
    assert_int_equal(back.answers[0].n_takes, 1);
    assert_string_equal(back.answers[0].takes[0].audio.file, "01-a-one.wav");
    char *again = transcript_markdown(&back), *first = transcript_markdown(t);
    assert_string_equal(again, first);
    assert_non_null(strstr(first, "\n**Take 1 of 2** (0:12, not counted)\n\nFirst try.\n\n"
                                  "Recording: [01-a-one.wav](01-a-one.wav), 0:10\n"));
    assert_non_null(strstr(first, "Time: 0:40 of 2:00, answered, after 0:07 of thinking\n"));
    free(again);
    free(first);
    transcript_free(&back);
    store_close(&st);
}

/* A session of a scenario made from another records the base and every
 * question of its plan, and reads them back; without them it is damaged. */
static void derived_scenarios_keep_their_questions(void **state)
{
    static const char *const ids[] = {"b-one", "a-one", "g-two"}; /* g-two: no suggested time */
    struct fixture *f = *state;
    struct scenario derived;
    struct plan plan;
    struct transcript t, back;
    struct store st;
    struct diag err;
    char path[PATH_MAX + 32], expected[PATH_MAX + 160];
    assert_int_equal(
        scenario_of_questions(&derived, &f->sc, "weakest", "Three of them", "Chosen", ids, 3, &err),
        REH_OK);
    assert_int_equal(scenario_resolve(&derived, &f->bank, &err), REH_OK);
    assert_string_equal(derived.based_on, "test-scenario");
    assert_int_equal(plan_draw(&plan, &derived, &f->bank, 9, MODE_INHERIT, &err), REH_OK);
    assert_int_equal(plan.n_items, 3);
    assert_int_equal(plan.items[0].limit_s, 90);
    assert_int_equal(plan.items[1].limit_s, 120);
    assert_int_equal(plan.items[2].limit_s, SCENARIO_DERIVED_LIMIT_S);
    assert_int_equal(transcript_init(&t, "20261123-101500-weakest", &derived, &plan), REH_OK);
    assert_int_equal(store_create(&st, f->home, "weakest", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, &t, &err), REH_OK);
    assert_int_equal(store_load(st.dir, &back, &err), REH_OK);
    assert_string_equal(back.based_on, "test-scenario");
    assert_int_equal(back.n_planned, 3);
    assert_string_equal(back.question_ids[0], "b-one");
    assert_string_equal(back.question_ids[1], "a-one");
    assert_string_equal(back.question_ids[2], "g-two");
    transcript_free(&back);

    /* One question short. */
    snprintf(path, sizeof path, "%s/session.json", st.dir);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    assert_int_equal(
        json_array_remove(json_object_get(json_object_get(root, "scenario"), "questions"), 1), 0);
    assert_int_equal(json_dump_file(root, path, 0), 0);
    json_decref(root);
    assert_int_equal(store_load(st.dir, &back, &err), REH_EDATA);
    snprintf(expected, sizeof expected,
             "%s:1:1: not a session: scenario.based_on must name a scenario and "
             "scenario.questions list the 3 questions",
             path);
    assert_string_equal(err.message, expected);
    transcript_free(&back);
    store_close(&st);
    transcript_free(&t);
    plan_free(&plan);
    scenario_free(&derived);
}

/* The plan recorded at the start is written with every field, read back
 * the same, and turned back into the scenario and plan it was drawn as. */
static void plan_round_trips(void **state)
{
    struct fixture *f = *state;
    struct transcript *t = &f->t, back;
    struct store st;
    struct scenario sc;
    struct plan plan;
    struct diag err;
    char path[PATH_MAX + 32], expected[PATH_MAX + 160];
    assert_int_equal(transcript_set_source(t, "test-scenario", "/data/scenario.yaml",
                                           "0123456789abcdef0123456789abcdef"
                                           "0123456789abcdef0123456789abcdef"),
                     REH_OK);
    assert_int_equal(store_create(&st, f->home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, t, &err), REH_OK);
    snprintf(path, sizeof path, "%s/session.json", st.dir);
    json_t *root = json_load_file(path, 0, NULL), *recorded = json_object_get(root, "plan");
    assert_int_equal(json_array_size(recorded), 7);
    json_t *want = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:i, s:[s, s], s:[[], [s, s]], s:s, s:[s]}", "id",
        "a-one", "text", "What is alpha: the first letter?", "section", "Listed", "category",
        "alpha", "kind", "concept", "limit_s", 120, "think_s", 0, "mode", "typed", "takes", 1,
        "key_terms", "first letter", "alphabet", "key_term_alternatives", "ABC", "abecedary",
        "model_answer", "Alpha is the first letter.\n- It comes first.\n", "key_points",
        "It comes first.");
    assert_true(json_equal(json_array_get(recorded, 0), want));
    json_decref(want);
    want = json_pack("{s:s, s:s, s:s, s:n, s:s, s:i, s:i, s:s, s:i, s:[], s:n, s:[]}", "id",
                     "own-question", "text", "Tell me about a pipeline you are proud of.",
                     "section", "Inline", "category", "kind", "concept", "limit_s", 120, "think_s",
                     0, "mode", "spoken", "takes", 1, "key_terms", "model_answer", "key_points");
    assert_true(json_equal(json_array_get(recorded, 5), want));
    json_decref(want);
    want =
        json_pack("{s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:s, s:[i, i], s:i, s:i, s:b, s:i, s:s, "
                  "s:s, s:{s:s, s:s, s:s}}",
                  "id", "test-scenario", "title", "Test scenario", "bank", "test-bank", "budget_s",
                  1200, "seed", 42, "description", "Used by the loader tests.", "mode", "mixed",
                  "overtime", "soft", "warnings_s", 45, 15, "think_s", 0, "max_takes", 1, "voice",
                  0, "max_follow_ups", 1, "follow_ups", "authored", "reveal", "never", "source",
                  "id", "test-scenario", "path", "/data/scenario.yaml", "sha256",
                  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    if (!json_equal(json_object_get(root, "scenario"), want))
        fail_msg("scenario differs:\n%s", json_dumps(json_object_get(root, "scenario"), 0));
    json_decref(want);

    /* Read back: the same plan, field by field. */
    assert_int_equal(store_load(st.dir, &back, &err), REH_OK);
    assert_non_null(back.plan);
    assert_int_equal(back.n_planned, 7);
    for (size_t i = 0; i < 7; i++) {
        const struct transcript_planned *a = &t->plan[i], *b = &back.plan[i];
        assert_string_equal(b->id, a->id);
        assert_string_equal(b->text, a->text);
        assert_string_equal(b->section, a->section);
        assert_true(a->category ? strcmp(b->category, a->category) == 0 : b->category == NULL);
        assert_true(a->model_answer ? strcmp(b->model_answer, a->model_answer) == 0
                                    : b->model_answer == NULL);
        assert_int_equal(b->kind, a->kind);
        assert_int_equal(b->limit_s, a->limit_s);
        assert_int_equal(b->think_s, a->think_s);
        assert_int_equal(b->mode, a->mode);
        assert_int_equal(b->takes, a->takes);
        assert_int_equal(b->n_key_terms, a->n_key_terms);
        for (size_t k = 0; k < a->n_key_terms; k++)
            assert_string_equal(b->key_terms[k], a->key_terms[k]);
        assert_int_equal(b->key_term_alternatives == NULL, a->key_term_alternatives == NULL);
        for (size_t k = 0; a->key_term_alternatives != NULL && k < a->n_key_terms; k++) {
            assert_int_equal(b->key_term_alternatives[k].n, a->key_term_alternatives[k].n);
            for (size_t j = 0; j < a->key_term_alternatives[k].n; j++)
                assert_string_equal(b->key_term_alternatives[k].items[j],
                                    a->key_term_alternatives[k].items[j]);
        }
        assert_int_equal(b->n_key_points, a->n_key_points);
        for (size_t k = 0; k < a->n_key_points; k++)
            assert_string_equal(b->key_points[k], a->key_points[k]);
    }
    assert_int_equal(back.settings.mode, MODE_MIXED);
    assert_int_equal(back.settings.overtime, OVERTIME_SOFT);
    assert_int_equal(back.settings.n_warnings, 2);
    assert_int_equal(back.settings.warnings_s[0], 45);
    assert_int_equal(back.settings.warnings_s[1], 15);
    assert_int_equal(back.settings.think_s, 0);
    assert_int_equal(back.settings.max_takes, 1);
    assert_int_equal(back.settings.voice, 0);
    assert_string_equal(back.source_path, "/data/scenario.yaml");
    assert_string_equal(back.source_id, "test-scenario");

    /* Replayed: the scenario and plan the session was drawn as. */
    assert_int_equal(replay_open(&back, &sc, &plan, &err), REH_OK);
    assert_int_equal(plan.n_items, f->plan.n_items);
    assert_int_equal(plan.seed, 42);
    for (size_t i = 0; i < plan.n_items; i++) {
        const struct plan_item *a = &f->plan.items[i], *b = &plan.items[i];
        assert_string_equal(b->q->id, a->q->id);
        assert_string_equal(b->q->text, a->q->text);
        assert_string_equal(sc.sections[b->section].title, f->sc.sections[a->section].title);
        assert_int_equal(b->limit_s, a->limit_s);
        assert_int_equal(b->think_s, a->think_s);
        assert_int_equal(b->mode, a->mode);
        assert_int_equal(b->q->n_key_terms, a->q->n_key_terms);
        assert_int_equal(b->q->key_term_alternatives == NULL, a->q->key_term_alternatives == NULL);
    }
    assert_int_equal(sc.n_sections, 4);
    assert_string_equal(plan.items[0].q->key_term_alternatives[1].items[1], "abecedary");
    assert_true(question_names_term(plan.items[0].q, 1, "my ABCs"));
    assert_string_equal(plan.items[0].q->model_answer,
                        "Alpha is the first letter.\n- It comes first.\n");
    assert_string_equal(sc.id, "test-scenario");
    assert_string_equal(sc.description, "Used by the loader tests.");
    assert_string_equal(sc.bank_id, "test-bank");
    assert_int_equal(sc.budget_s, 1200);
    assert_int_equal(sc.settings.overtime, OVERTIME_SOFT);
    assert_int_equal(sc.settings.n_warnings, 2);
    assert_int_equal(sc.settings.warnings_s[0], 45);
    assert_int_equal(sc.settings.max_takes, 1);
    plan_free(&plan);
    scenario_free(&sc);
    transcript_free(&back);

    /* One question short: damaged, and said so. */
    assert_int_equal(json_array_remove(recorded, 3), 0);
    assert_int_equal(json_dump_file(root, path, 0), 0);
    json_decref(root);
    assert_int_equal(store_load(st.dir, &back, &err), REH_EDATA);
    snprintf(expected, sizeof expected,
             "%s:1:1: not a session: the recorded plan must list the 7 planned questions and the "
             "scenario's settings",
             path);
    assert_string_equal(err.message, expected);
    transcript_free(&back);
    store_close(&st);
}

/* A line typed while recording is a note beside the machine transcription:
 * saved in its own field, read back, and shown under the transcription. */
static void typed_notes_stay_beside_the_transcription(void **state)
{
    struct fixture *f = *state;
    struct transcript *t = &f->t, back;
    struct store st;
    struct diag err;
    struct transcript_answer *a = transcript_begin_answer(t, &f->sc, &f->plan.items[2]);
    assert_int_equal(transcript_set(&a->text, "a lake keeps raw data"), REH_OK);
    a->text_len = strlen(a->text);
    a->machine_text = 1;
    assert_int_equal(transcript_append_note(a, "x"), REH_OK);
    assert_int_equal(transcript_append_note(a, "mention formats"), REH_OK);
    a->outcome = OUTCOME_ANSWERED;
    assert_int_equal(store_create(&st, f->home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, t, &err), REH_OK);
    assert_int_equal(store_load(st.dir, &back, &err), REH_OK);
    assert_string_equal(back.answers[0].typed_note, "x\nmention formats");
    assert_string_equal(back.answers[0].text, "a lake keeps raw data");
    assert_true(back.answers[0].machine_text);
    char *md = transcript_markdown(&back);
    assert_non_null(strstr(md, "\n**Your answer** (spoken, machine transcription)\n\n"
                               "a lake keeps raw data\n\nWords: 5\n\n"
                               "**Typed while recording** (a note, not the answer)\n\n"
                               "x  \nmention formats\n\nTime: "));
    free(md);
    transcript_free(&back);
    store_close(&st);
}

#define FFFD "\xef\xbf\xbd"

/* Invalid bytes in an answer line or a note are stored as U+FFFD, one per
 * maximal invalid subpart, and the session saves and reads back. */
static void stores_valid_utf8(void **state)
{
    struct fixture *f = *state;
    struct store st;
    struct diag err;
    struct transcript back;
    struct transcript_answer *a = transcript_begin_answer(&f->t, &f->sc, &f->plan.items[0]);
    assert_int_equal(transcript_append_line(a, "caf\xe9 \xff"), REH_OK);
    assert_int_equal(transcript_append_line(a, "\xc0\xafok \xe2\x82"), REH_OK);
    assert_string_equal(a->text, "caf" FFFD " " FFFD "\n" FFFD FFFD "ok " FFFD);
    assert_int_equal(a->text_len, strlen(a->text));
    assert_int_equal(transcript_set(&a->note, "\xed\xa0\x80 note"), REH_OK);
    assert_string_equal(a->note, FFFD FFFD FFFD " note");
    assert_int_equal(store_create(&st, f->home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, &f->t, &err), REH_OK);
    assert_int_equal(store_load(st.dir, &back, &err), REH_OK);
    assert_string_equal(back.answers[0].text, a->text);
    assert_string_equal(back.answers[0].note, a->note);
    transcript_free(&back);
    store_close(&st);
}

/* An answer, a note, a section title and a recording name that look like
 * Markdown or HTML are shown as typed and leave the document's structure as
 * it is. */
static void markdown_keeps_its_structure(void **state)
{
    struct fixture *f = *state;
    struct transcript_answer *a = transcript_begin_answer(&f->t, &f->sc, &f->plan.items[0]);
    assert_int_equal(transcript_set(&a->section, "# Listed\n---"), REH_OK);
    assert_int_equal(transcript_append_line(a, "```"), REH_OK);
    assert_int_equal(transcript_append_line(a, "---"), REH_OK);
    assert_int_equal(transcript_append_line(a, "# x"), REH_OK);
    assert_int_equal(transcript_append_line(a, "<script>alert(1)</script> *a_b* \033[2J"), REH_OK);
    assert_int_equal(transcript_set(&a->note, "<!-- hidden\n1. not a list"), REH_OK);
    assert_int_equal(transcript_set(&a->audio.file, "01-x) <b>.wav"), REH_OK);
    a->outcome = OUTCOME_ANSWERED;
    char *md = transcript_markdown(&f->t);
    assert_non_null(md);
    const char *answer = strstr(md, "\n## 1.");
    assert_non_null(answer);
    assert_string_equal(answer, "\n"
                                "## 1. \\# Listed ---: a-one\n"
                                "\n"
                                "> What is alpha: the first letter?\n"
                                "\n"
                                "**Your answer** (typed)\n"
                                "\n"
                                "\\`\\`\\`  \n"
                                "\\---  \n"
                                "\\# x  \n"
                                "\\<script>alert(1)\\</script> \\*a\\_b\\* ^\\[\\[2J\n"
                                "\n"
                                "Words: 7\n"
                                "\n"
                                "Time: 0:00 of 2:00, answered\n"
                                "\n"
                                "Recording: [01-x) \\<b>.wav](01-x%29%20%3Cb%3E.wav), 0:00\n"
                                "\n"
                                "Note: \\<!-- hidden  \n"
                                "1\\. not a list\n"
                                "\n"
                                "---\n"
                                "\n"
                                "Answered 1 of 7 questions, timed out 0, skipped 0.\n");
    free(md);
}

/* A missed key term is shown with its other spellings, as the plan
 * recorded them, in the Markdown of the session and of a copy read back
 * from session.json; a term without any is shown alone, and so are the
 * terms of a follow-up (measured against no question of its own) and of a
 * session without a recorded plan. */
static void markdown_names_other_spellings_of_missed_terms(void **state)
{
    struct fixture *f = *state;
    struct transcript back;
    struct store st;
    struct diag err;
    const char *const missed[] = {"first letter", "alphabet"};
    const char *want = "\nKey terms: 0 of 2; missed: first letter, alphabet (or ABC, abecedary)\n";
    struct transcript_answer *a = transcript_begin_answer(&f->t, &f->sc, &f->plan.items[0]);
    assert_int_equal(transcript_append_line(a, "Nothing to see."), REH_OK);
    assert_int_equal(transcript_measure_coverage(a, f->plan.items[0].q, NULL), REH_OK);
    a->outcome = OUTCOME_ANSWERED;
    struct transcript_answer *fu =
        transcript_begin_follow_up(a, "And after it?", 60, FOLLOW_UPS_AUTHORED, NULL, 0);
    assert_non_null(fu);
    assert_int_equal(transcript_set_coverage(fu, NULL, 0, missed, 2), REH_OK);
    fu->outcome = OUTCOME_SKIPPED;

    char *md = transcript_markdown(&f->t);
    assert_non_null(md);
    const char *first = strstr(md, want);
    if (first == NULL)
        fail_msg("no \"%s\" in:\n%s", want, md);
    assert_non_null(strstr(first + 1, "\nKey terms: 0 of 2; missed: first letter, alphabet\n"));
    assert_null(strstr(first + 1, want));
    assert_int_equal(store_create(&st, f->home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, &f->t, &err), REH_OK);
    assert_int_equal(store_load(st.dir, &back, &err), REH_OK);
    char *again = transcript_markdown(&back);
    assert_string_equal(again, md);
    free(again);

    struct question recorded;
    char *line =
        transcript_terms_named(&back.answers[0].coverage,
                               transcript_recorded_question(&back, &back.answers[0], &recorded));
    assert_string_equal(line, "named 0 of 2; missed: first letter, alphabet (or ABC, abecedary)");
    free(line);
    line = transcript_terms_named(&back.answers[0].coverage, NULL);
    assert_string_equal(line, "named 0 of 2; missed: first letter, alphabet");
    free(line);

    struct transcript_planned *plan = f->t.plan;
    f->t.plan = NULL; /* a session of the earlier shape: no plan to name them from */
    again = transcript_markdown(&f->t);
    f->t.plan = plan;
    assert_non_null(again);
    assert_null(strstr(again, "(or ABC"));
    assert_non_null(strstr(again, "\nKey terms: 0 of 2; missed: first letter, alphabet\n"));
    free(again);
    free(md);
    transcript_free(&back);
    store_close(&st);
}

/* Text put in without the setters cannot be saved: the message names the
 * field, not a lack of memory. */
static void names_the_field_it_cannot_save(void **state)
{
    struct fixture *f = *state;
    struct store st;
    struct diag err;
    char expected[PATH_MAX + 96];
    struct transcript_answer *a = transcript_begin_answer(&f->t, &f->sc, &f->plan.items[0]);
    a->note = strdup("bad \xff");
    assert_int_equal(store_create(&st, f->home, "test-scenario", 0, &err), REH_OK);
    assert_int_equal(store_save(&st, &f->t, &err), REH_EDATA);
    snprintf(expected, sizeof expected, "cannot save %s: the note of answer 1 is not valid UTF-8",
             st.dir);
    assert_string_equal(err.message, expected);
    store_close(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(answers_copy_the_plan, setup, teardown),
        cmocka_unit_test_setup_teardown(confirmed_terms_count_as_found, setup, teardown),
        cmocka_unit_test_setup_teardown(heard_terms_are_named_as_heard, setup, teardown),
        cmocka_unit_test_setup_teardown(renders_markdown, setup, teardown),
        cmocka_unit_test_setup_teardown(creates_private_directories, setup, teardown),
        cmocka_unit_test_setup_teardown(unwritable_home_is_a_clear_error, setup, teardown),
        cmocka_unit_test_setup_teardown(saves_atomically, setup, teardown),
        cmocka_unit_test_setup_teardown(damaged_sessions_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(takes_are_saved_and_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(derived_scenarios_keep_their_questions, setup, teardown),
        cmocka_unit_test_setup_teardown(plan_round_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(typed_notes_stay_beside_the_transcription, setup, teardown),
        cmocka_unit_test_setup_teardown(stores_valid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(markdown_keeps_its_structure, setup, teardown),
        cmocka_unit_test_setup_teardown(markdown_names_other_spellings_of_missed_terms, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(names_the_field_it_cannot_save, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
