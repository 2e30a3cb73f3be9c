/* interview: the wiring of a live session, shared by run and resume: the
 * microphone when spoken questions are planned, the terminal, the screen,
 * the store, the real clock, the interviewer when the scenario asks for
 * generated follow-ups, and the engine. */
#include "cli.h"
#include "../io/clock.h"
#include "../io/config.h"
#include "../io/domain_lm.h"
#include "../io/interviewer.h"
#include "../io/mic_check.h"
#include "../io/question_voice.h"
#include "../io/answer_recorder.h"
#include "../io/store.h"
#include "../io/term_view.h"
#include "../io/terminal.h"

#include <stdlib.h>
#include <string.h>

/* The store behind the engine. While the interview goes on, a save that
 * fails is a notice: the previous files are intact, the answers are in
 * memory and the next save (in a few seconds, or at the end of the answer)
 * tries again. Only the last save, as the interview ends, is an error, and
 * running out of memory, which ends it at once. */
struct saver {
    struct store *store;
    struct engine_view view;
    const struct engine *eng;
};

static int store_sink(void *ctx, const struct transcript *t, struct diag *err)
{
    struct saver *sv = ctx;
    int rc = store_save(sv->store, t, err);
    if (rc == REH_OK || rc == REH_ENOMEM || t->status != SESSION_IN_PROGRESS)
        return rc;
    char text[DIAG_MAX + 80];
    snprintf(text, sizeof text, "%s; your answers are kept and saving is tried again shortly",
             err->message);
    sv->view.notice(sv->view.ctx, sv->eng, NOTICE_SAVE_FAILED, 0, text);
    return REH_OK;
}

/* Analyzes the recordings not transcribed while recorded, after the
 * summary; leaving (Ctrl-C) is fine: what is done is saved, and `rehearse
 * analyze` or `review` do the rest. */
static void analyze_recordings(const struct interview *iv)
{
    int recorded = 0;
    for (size_t i = 0; i < iv->t->n_answers; i++)
        recorded |= iv->t->answers[i].audio.file != NULL && iv->t->answers[i].analysis == NULL;
    if (!recorded)
        return;
    printf("\nAnalyzing your recordings on this machine (Ctrl-C leaves; `rehearse analyze %s` "
           "finishes later).\n",
           iv->t->id);
    cli_analyze_answers(iv->store->dir, iv->t, 0, 1, -1);
}

/* The speech figures and hints of answer a of t and its follow-ups, those that
 * have an analysis, under one heading (*headed once it is printed); with
 * the key terms named when they were found by the analysis after the
 * interview (`late`), which the summary before could not give. */
static void speech_of(const struct transcript *t, const struct transcript_answer *a, int late,
                      int *headed)
{
    struct question recorded;
    char label[48], figures[256], hints[512];
    if (a->analysis != NULL) {
        if (!*headed)
            printf("\nSpeech, answer by answer:\n");
        *headed = 1;
        if (a->follow_up > 0)
            snprintf(label, sizeof label, "%u, follow-up %u", a->n, a->follow_up);
        else
            snprintf(label, sizeof label, "%u", a->n);
        analysis_figures(a->analysis, figures, sizeof figures);
        printf("  %s. %s\n", label, figures);
        char *terms = late && a->coverage.n_terms > 0
                          ? transcript_terms_named(&a->coverage,
                                                   transcript_recorded_question(t, a, &recorded))
                          : NULL;
        if (terms != NULL)
            printf("     Key terms: %s\n", cli_text(terms));
        free(terms);
        analysis_hints(a->analysis, hints, sizeof hints);
        for (char *h = strtok(hints, "\n"); h != NULL; h = strtok(NULL, "\n"))
            printf("     %s\n", h);
    }
    for (size_t k = 0; k < a->n_follow_ups; k++)
        speech_of(t, &a->follow_ups[k], 0, headed);
}

/* Analyzes the recordings left, then gives the speech figures of every
 * spoken answer. */
static void speech_summary(const struct interview *iv)
{
    const struct transcript *t = iv->t;
    int *late = calloc(t->n_answers ? t->n_answers : 1, sizeof *late), headed = 0;
    for (size_t i = 0; late != NULL && i < t->n_answers; i++)
        late[i] = t->answers[i].audio.file != NULL && t->answers[i].text_len == 0;
    analyze_recordings(iv);
    for (size_t i = 0; i < t->n_answers; i++)
        speech_of(t, &t->answers[i], late != NULL && late[i], &headed);
    free(late);
}

/* The answers of a that a rubric is asked for: it and its follow-ups, each
 * when it has text and its question is recorded. Fills list (when not NULL)
 * from *n on and counts them in *n. */
static void rubric_answers(const struct transcript *t, struct transcript_answer *a,
                           struct transcript_answer **list, size_t *n)
{
    if (a->text[0] != '\0' && transcript_planned_of(t, a) != NULL) {
        if (list != NULL)
            list[*n] = a;
        (*n)++;
    }
    for (size_t i = 0; i < a->n_follow_ups; i++)
        rubric_answers(t, &a->follow_ups[i], list, n);
}

/* Asks the interviewer for a rubric of every answer in list, storing each
 * in marks. Returns REH_OK or the first failure. */
static int ask_rubrics(struct interviewer *itv, const struct transcript *t,
                       struct transcript_answer *const *list, size_t n, struct rubric *marks,
                       struct diag *err)
{
    int rc = REH_OK;
    for (size_t i = 0; rc == REH_OK && i < n; i++) {
        struct question q;
        transcript_question_of(transcript_planned_of(t, list[i]), &q);
        rc = interviewer_rubric(itv, &q, list[i], &marks[i], err);
    }
    return rc;
}

/* After the interview, when config.yaml names an interviewer with rubric:
 * true: asks it for a rubric of each answer and follow-up with text and
 * saves the session with them (under the lock the caller holds). A failure
 * is said once and leaves the session as it is; the user's ratings are
 * never changed. */
static void grade_answers(const struct interview *iv)
{
    struct config cfg;
    struct diag err;
    struct interviewer *itv = NULL;
    struct transcript_answer **list = NULL;
    struct rubric *marks = NULL;
    size_t n = 0;
    int rc = config_load(&cfg, &err);
    /* An invalid config.yaml is said where the interview uses it. */
    if (rc != REH_OK || cfg.interviewer == NULL || !cfg.interviewer->rubric)
        goto done;
    for (size_t i = 0; i < iv->t->n_answers; i++)
        rubric_answers(iv->t, &iv->t->answers[i], NULL, &n);
    if (n == 0)
        goto done;
    printf("\nAsking the interviewer for a rubric of %zu answer%s...\n", n, n == 1 ? "" : "s");
    fflush(stdout);
    list = calloc(n, sizeof *list);
    marks = calloc(n, sizeof *marks);
    rc = list == NULL || marks == NULL ? diag_set(&err, REH_ENOMEM, "out of memory")
                                       : interviewer_open(cfg.interviewer, &itv, &err);
    n = 0;
    for (size_t i = 0; rc == REH_OK && i < iv->t->n_answers; i++)
        rubric_answers(iv->t, &iv->t->answers[i], list, &n);
    if (rc == REH_OK)
        rc = ask_rubrics(itv, iv->t, list, n, marks, &err);
    for (size_t i = 0; rc == REH_OK && i < n; i++)
        if (transcript_set_rubric(list[i], &marks[i], cfg.interviewer->model) != REH_OK)
            rc = diag_set(&err, REH_ENOMEM, "out of memory");
    if (rc == REH_OK)
        rc = store_save(iv->store, iv->t, &err);
    if (rc != REH_OK)
        cli_error("no rubric of your answers: %s; the session is kept as it was", err.message);
done:
    interviewer_close(itv);
    free(list);
    free(marks);
    config_free(&cfg);
}

/* The question voice, with Esc cutting the reading short on a
 * terminal (as Enter does everywhere) while it lasts. */
struct reading {
    struct engine_voice voice;
    struct terminal *term;
};

static int reading_start(void *ctx, const char *text, struct diag *err)
{
    struct reading *r = ctx;
    int rc = r->voice.start(r->voice.ctx, text, err);
    if (rc == REH_OK)
        terminal_single_keys(r->term, "\033");
    return rc;
}

static int reading_speaking(void *ctx)
{
    struct reading *r = ctx;
    int speaking = r->voice.speaking(r->voice.ctx);
    if (!speaking)
        terminal_single_keys(r->term, NULL);
    return speaking;
}

static void reading_stop(void *ctx)
{
    struct reading *r = ctx;
    r->voice.stop(r->voice.ctx);
    terminal_single_keys(r->term, NULL);
}

/* The interviewer of config.yaml, or why there is none. */
struct follow_ups {
    struct interviewer *itv;
    char why[DIAG_MAX];
};

/* The follow-ups of an interviewer that could not be opened: each fails
 * with the reason, which the engine says once before asking the authored
 * follow-up instead. */
static int unopened_follow_up(void *ctx, const struct question *q,
                              const struct transcript_answer *a, char **text, struct diag *err)
{
    (void)q;
    (void)a;
    *text = NULL;
    return diag_set(err, REH_EIO, "%s", ((const struct follow_ups *)ctx)->why);
}

/* The engine's interviewer for a scenario asking generated follow-ups: none
 * when config.yaml names none (the engine says so), else the one it names,
 * or one failing with the reason it cannot be opened (invalid settings, a
 * host off this machine). Says once when answers leave this machine. */
static struct engine_interviewer interview_interviewer(const struct scenario *sc,
                                                       struct follow_ups *fu)
{
    struct config cfg;
    struct diag err;
    if (sc->settings.follow_ups != FOLLOW_UPS_GENERATED || sc->settings.max_follow_ups == 0)
        return (struct engine_interviewer){0};
    int rc = config_load(&cfg, &err);
    if (rc == REH_OK && cfg.interviewer == NULL) {
        config_free(&cfg);
        return (struct engine_interviewer){0};
    }
    if (rc == REH_OK)
        rc = interviewer_open(cfg.interviewer, &fu->itv, &err);
    config_free(&cfg);
    if (rc != REH_OK) {
        snprintf(fu->why, sizeof fu->why, "%s", err.message);
        return (struct engine_interviewer){unopened_follow_up, fu};
    }
    if (interviewer_notice(fu->itv) != NULL)
        cli_error("%s", interviewer_notice(fu->itv));
    return interviewer_ops(fu->itv);
}

int cli_interview_settings(void)
{
    struct config cfg;
    struct diag err;
    int rc = config_load(&cfg, &err);
    config_free(&cfg);
    if (rc == REH_OK)
        return CLI_OK;
    cli_error("%s", err.message);
    return rc == REH_EDATA ? CLI_DATAERR : CLI_FAILURE;
}

int cli_interview(const struct interview *iv)
{
    struct diag err;
    struct answer_recorder recorder = {
        .rate = iv->sample_rate, .dirfd = iv->store->dirfd, .dir = iv->store->dir};
    struct domain_lm domain = {0};
    int spoken = 0, rc;
    terminal_hold_signals(); /* until the terminal catches them */
    for (size_t i = iv->resume_from; i < iv->plan->n_items; i++)
        spoken |= iv->plan->items[i].mode == MODE_SPOKEN;
    if (spoken)
        recorder.domain_lm = cli_domain_lm(iv->t, &domain);
    rc = answer_recorder_open(&recorder, spoken, iv->device, &err);
    domain_lm_free(&domain); /* loaded by now */
    recorder.domain_lm = NULL;
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return CLI_USAGE;
    }
    struct question_voice reader = {0};
    if (iv->voice)
        question_voice_open(&reader);
    struct follow_ups fu = {0};
    struct engine_interviewer interviewer = interview_interviewer(iv->sc, &fu);
    struct terminal *term;
    if (terminal_open(&term, &err) != REH_OK) {
        cli_error("%s", err.message);
        interviewer_close(fu.itv);
        question_voice_close(&reader);
        answer_recorder_close(&recorder);
        return CLI_FAILURE;
    }
    /* spoken answers are planned and can be recorded, and someone is there */
    if (recorder.cap != NULL && terminal_interactive(term))
        mic_check_before(&(struct mic_check){recorder.api, recorder.cap, term, recorder.rate},
                         MIC_CHECK_S);
    struct reading reading = {.voice = question_voice_ops(&reader), .term = term};
    int voice = iv->voice && reader.unavailable[0] == '\0';
    struct term_view view = {.term = term,
                             .dir = iv->store->dir,
                             .bell = !iv->no_bell,
                             .voice_off = iv->voice && !voice ? reader.unavailable : NULL};
    struct saver saver = {.store = iv->store, .view = term_view_ops(&view)};
    struct engine eng = {
        .sc = iv->sc,
        .plan = iv->plan,
        .t = iv->t,
        .clock = clock_system(),
        .input = terminal_input(term),
        .view = term_view_ops(&view),
        .sink = {store_sink, &saver},
        .recorder = answer_recorder_ops(&recorder),
        .voice =
            voice ? (struct engine_voice){reading_start, reading_speaking, reading_stop, &reading}
                  : (struct engine_voice){0},
        .interviewer = interviewer,
        .wait_for_start = terminal_interactive(term),
        .confirm_quit = terminal_interactive(term),
        .resume_from = iv->resume_from,
        .budget_s = iv->budget_s,
        .transition_s = terminal_interactive(term) ? ENGINE_NEXT_S : 0,
    };
    saver.eng = &eng;
    rc = engine_run(&eng, &err);
    int sig = terminal_signal(term);
    terminal_close(term);
    interviewer_close(fu.itv);
    question_voice_close(&reader);
    answer_recorder_close(&recorder);
    if (rc != REH_OK) {
        cli_error("the interview stopped: %s; everything saved before is in %s", err.message,
                  iv->store->dir);
        return CLI_FAILURE;
    }
    if (sig != 0)
        return 128 + sig;
    speech_summary(iv);
    grade_answers(iv);
    printf("Next: `rehearse review last` rates your answers beside the model answers; "
           "`rehearse due` lists what to practise next.\n");
    return CLI_OK;
}
