/* Tests of the exported page: html_page of a transcript made by hand, checked
 * for exact fragments: every outside text escaped, the audio player pointing
 * at the recording by its relative path, the model answer folded, and no
 * request to anything outside the page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/analysis.h"
#include "core/html.h"
#include "core/rubric.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Fails with the page when `fragment` is not in it. */
static void assert_has(const char *page, const char *fragment)
{
    if (strstr(page, fragment) == NULL)
        fail_msg("missing from the page: %s\n--- page ---\n%s", fragment, page);
}

/* A session of two answers: a spoken one with a recording, key terms, a
 * rating and a note, and a skipped one. The strings are only read. */
static char *page_of_session_with(const struct html_sources *src)
{
    static char *found[] = {"queue"}, *missed[] = {"retry <policy>"};
    static struct transcript_heard heard[] = {{"queue", "cue <you>"}};
    struct transcript_answer answers[] = {
        {.n = 1,
         .question_id = "q-one",
         .question = "Why \"exactly once\" & not <at least once>?",
         .section = "Design & <scale>",
         .mode = MODE_SPOKEN,
         .limit_s = 120,
         .elapsed_s = 90,
         .outcome = OUTCOME_ANSWERED,
         .text = "Use <b>a queue</b> & \"dedupe\" it's 'safe'",
         .audio = {.file = "01-q-one.wav", .sample_rate = 16000, .duration_s = 90},
         .coverage = {.n_terms = 2,
                      .found = found,
                      .n_found = 1,
                      .missed = missed,
                      .n_missed = 1,
                      .heard = heard,
                      .n_heard = 1},
         .rating = 4,
         .note = "Say <why> first"},
        {.n = 2, /* typed (0), no limit (0) */
         .question_id = "q-two",
         .question = "Second?",
         .section = "Design & <scale>",
         .elapsed_s = 5,
         .outcome = OUTCOME_SKIPPED,
         .text = ""},
    };
    struct transcript t = {.format = 1,
                           .id = "20261123-101500-x",
                           .status = SESSION_COMPLETED,
                           .scenario_id = "x",
                           .scenario_title = "Data <engineer> & co",
                           .budget_s = 600,
                           .started_at = "2026-11-23T10:15:00+01:00",
                           .n_planned = 3,
                           .answers = answers,
                           .n_answers = 2};
    answers[0].text_len = strlen(answers[0].text);
    char *page = html_page(&t, src);
    assert_non_null(page);
    return page;
}

static char *page_of_session(const struct question *const *questions)
{
    const struct html_sources src = {.questions = questions};
    return page_of_session_with(&src);
}

static void escapes_every_outside_text(void **state)
{
    (void)state;
    char *page = page_of_session(NULL);
    assert_has(page, "<title>Data &lt;engineer&gt; &amp; co - 20261123-101500-x</title>");
    assert_has(page, "<h1>Data &lt;engineer&gt; &amp; co</h1>");
    assert_has(page, "<section id=\"q1\"><h2>1. Design &amp; &lt;scale&gt;</h2>\n"
                     "<blockquote>Why &quot;exactly once&quot; &amp; not &lt;at least "
                     "once&gt;?</blockquote>\n");
    assert_has(page, "<p class=\"answer\">Use &lt;b&gt;a queue&lt;/b&gt; &amp; &quot;dedupe&quot; "
                     "it&#39;s &#39;safe&#39;</p>\n");
    assert_has(page, "<p class=\"meta\">Key terms 1 of 2: <span class=\"found\">&#10003; "
                     "queue (heard as &quot;cue &lt;you&gt;&quot;)</span> <span "
                     "class=\"missed\">&#10007; retry &lt;policy&gt;</span>"
                     "</p>\n");
    assert_has(page, "<p class=\"meta\">Note: Say &lt;why&gt; first</p>\n");
    assert_null(strstr(page, "<b>"));
    assert_null(strstr(page, "<why>"));
    free(page);
}

static void shows_times_outcomes_and_the_chart(void **state)
{
    (void)state;
    char *page = page_of_session(NULL);
    assert_has(page, "<p class=\"meta\">Session 20261123-101500-x, started "
                     "2026-11-23T10:15:00+01:00, completed. Answered 1 of 3, time used 1:35 of "
                     "10:00.</p>\n");
    assert_has(page, "<p class=\"meta\"><span class=\"answered\">answered</span>, 1:30 of 2:00, "
                     "spoken, rated 4/5</p>\n");
    assert_has(page, "<p class=\"meta\"><span class=\"skipped\">skipped</span>, 0:05 of no "
                     "limit, typed</p>\n<p class=\"answer\"><em>No answer.</em></p>\n");
    assert_has(page, "<svg class=\"chart\" role=\"img\" aria-label=\"Time used per question\" "
                     "width=\"640\" height=\"48\" viewBox=\"0 0 640 48\">");
    assert_has(page, "<text x=\"0\" y=\"17\">1. Design &amp; &lt;scale&gt;</text>");
    assert_has(page, "<text x=\"0\" y=\"39\">2. Design &amp; &lt;scale&gt;</text>");
    assert_has(page, ">1:30 of 2:00</text>");
    assert_has(page, ">0:05 of no limit</text>");
    assert_null(strstr(page, " s / "));
    free(page);
}

static void audio_by_relative_path_and_nothing_external(void **state)
{
    (void)state;
    char *page = page_of_session(NULL);
    assert_has(page, "<audio controls preload=\"none\" src=\"01-q-one.wav\"></audio>\n");
    const char *audio = strstr(page, "<audio");
    assert_null(strstr(audio + 1, "<audio")); /* the skipped answer has none */
    assert_null(strstr(page, "http:"));
    assert_null(strstr(page, "https:"));
    assert_null(strstr(page, "//"));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "<img"));
    assert_null(strstr(page, "url("));
    assert_null(strstr(page, "@import"));
    assert_has(page, "<style>body{");
    free(page);
}

static void model_answer_folded(void **state)
{
    (void)state;
    static const char *const points[] = {"Idempotent <writes>", "Retry & back off"};
    const struct question q = {.id = "q-one",
                               .text = "Why?",
                               .model_answer = "Use a queue & \"dedupe\".",
                               .key_points = (const char **)points,
                               .n_key_points = 2};
    const struct question *questions[] = {&q, NULL};
    char *page = page_of_session(questions);
    assert_has(page, "<p class=\"meta\">Note: Say &lt;why&gt; first</p>\n"
                     "<details><summary>Model answer</summary>\n"
                     "<p class=\"answer\">Use a queue &amp; &quot;dedupe&quot;.</p>\n"
                     "<ul><li>Idempotent &lt;writes&gt;</li><li>Retry &amp; back off</li></ul>\n"
                     "</details>\n</section>\n");
    const char *details = strstr(page, "<details>");
    assert_null(strstr(details + 1, "<details>")); /* none for the second answer */
    assert_null(strstr(page, "<details open"));
    free(page);

    page = page_of_session(NULL);
    assert_null(strstr(page, "<details>"));
    free(page);
}

/* A missed key term is shown with its other spellings, escaped, when the
 * question lists some; alone when it lists none. */
static void missed_terms_with_their_other_spellings(void **state)
{
    (void)state;
    static const char *const terms[] = {"queue", "retry <policy>"};
    static const char *const others[] = {"back off & retry", "re-try"};
    struct coverage_alternatives alt[] = {{NULL, 0}, {(const char **)others, 2}};
    struct question q = {.id = "q-one",
                         .text = "Why?",
                         .key_terms = (const char **)terms,
                         .n_key_terms = 2,
                         .key_term_alternatives = alt};
    const struct question *questions[] = {&q, NULL};
    char *page = page_of_session(questions);
    assert_has(page,
               "<p class=\"meta\">Key terms 1 of 2: <span class=\"found\">&#10003; "
               "queue (heard as &quot;cue &lt;you&gt;&quot;)</span> <span class=\"missed\">"
               "&#10007; retry &lt;policy&gt; (or back off &amp; retry, re-try)</span></p>\n");
    free(page);

    alt[1].n = 0; /* none for the missed term */
    page = page_of_session(questions);
    assert_has(page, "<span class=\"missed\">&#10007; retry &lt;policy&gt;</span></p>\n");
    free(page);
}

/* One spoken answer: its analysis, its rubric, and its waveform. The
 * strings are only read. */
static char *page_of_speech(const struct html_sources *src)
{
    static struct analysis_word words[] = {{"use", 0.5, 0.8}, {"<kafka>", 4.0, 4.5}};
    static struct vad_segment pauses[] = {{1.0, 3.5}};
    static struct analysis an = {.transcript = "use <kafka>",
                                 .words = words,
                                 .n_words = 2,
                                 .words_per_minute = 40,
                                 .filler_count = 1,
                                 .fillers_per_min = 12,
                                 .pauses = pauses,
                                 .n_pauses = 1,
                                 .longest_pause_s = 2.5,
                                 .speaking_ratio = 0.3,
                                 .time_to_first_word_s = 0.5,
                                 .snr_db = NAN};
    static struct rubric rubric = {
        {{4, "Right <tool>."}, {2, "Shallow."}, {3, "Fine."}, {3, "Clear."}}};
    struct transcript_answer answer = {.n = 1,
                                       .question = "Why?",
                                       .section = "Design",
                                       .mode = MODE_SPOKEN,
                                       .limit_s = 60,
                                       .elapsed_s = 5,
                                       .outcome = OUTCOME_ANSWERED,
                                       .text = "use <kafka>",
                                       .machine_text = 1,
                                       .audio = {.file = "01-why.wav", .duration_s = 5},
                                       .analysis = &an,
                                       .rubric = &rubric,
                                       .rubric_model = "llama<3>"};
    struct transcript t = {.id = "20261123-101500-x",
                           .scenario_title = "X",
                           .budget_s = 600,
                           .n_planned = 1,
                           .answers = &answer,
                           .n_answers = 1};
    answer.text_len = strlen(answer.text);
    char *page = html_page(&t, src);
    assert_non_null(page);
    return page;
}

static void speech_figures_hints_and_rubric(void **state)
{
    (void)state;
    const struct html_sources src = {0};
    char *page = page_of_speech(&src);
    assert_has(page, "<p class=\"meta\">Machine transcription of the recording:</p>\n");
    assert_has(page,
               "<p class=\"meta\">Speech: 40 words a minute, 12.0 fillers a minute (1 in all), "
               "longest pause 2.5 s (1 over 2 s), speaking 30% of the time, first word after "
               "0.5 s</p>\n"
               "<ul class=\"hints\"><li>Pace 40 words a minute: a little slow; aim for "
               "110-170.</li><li>12.0 fillers a minute: pause silently instead of &#39;um&#39; "
               "or &#39;like&#39;.</li></ul>\n");
    assert_has(page, "<p class=\"meta\">The interviewer (llama&lt;3&gt;) thought, the model's "
                     "opinion beside yours:</p>\n<ul class=\"rubric\"><li>accuracy 4/5 - Right "
                     "&lt;tool&gt;.</li><li>depth 2/5 - Shallow.</li><li>structure 3/5 - "
                     "Fine.</li><li>communication 3/5 - Clear.</li></ul>\n");
    assert_null(strstr(page, "class=\"wave\"")); /* no waveform given */
    free(page);
}

/* The strip: 50 px a second, the pause marked and labelled, each peak a
 * stroke; no words, whose times the recogniser gets wrong after a pause. */
static void waveform_with_its_pauses(void **state)
{
    (void)state;
    float peaks[100] = {0};
    peaks[10] = 1.0f;
    const struct waveform other = {.file = "02-other.wav", .peaks = peaks, .n_peaks = 3};
    const struct waveform w[] = {other, {.file = "01-why.wav", .peaks = peaks, .n_peaks = 100}};
    const struct html_sources src = {.waves = w, .n_waves = 2};
    char *page = page_of_speech(&src);
    assert_has(page, "<audio controls preload=\"none\" src=\"01-why.wav\"></audio>\n"
                     "<div class=\"wave\"><svg role=\"img\" aria-label=\"Waveform of the "
                     "recording, 5.0 s, with its pauses\" width=\"290\" height=\"64\" "
                     "viewBox=\"0 0 290 64\">"
                     "<rect x=\"50.0\" y=\"14\" width=\"125.0\" height=\"44\" "
                     "fill=\"#fde1c8\"><title>pause of 2.5 s</title></rect>"
                     "<text x=\"50.0\" y=\"10\">pause 2.5 s</text>"
                     "<path stroke=\"#3b5bdb\" stroke-width=\"1.5\" d=\"M1.2 35.5V36.5");
    assert_has(page, "M26.2 14.5V57.5M28.8 35.5V36.5");
    assert_has(page, "\"/></svg></div>\n");
    assert_null(strstr(page, "aria-label=\"Waveform of the recording, 0.1 s"));
    free(page);
}

/* A page away from the recordings names them and says how to get a page
 * that plays them. */
static void recordings_elsewhere_are_named(void **state)
{
    (void)state;
    const struct html_sources src = {.recordings_elsewhere = 1};
    char *page = page_of_speech(&src);
    assert_null(strstr(page, "<audio"));
    assert_has(page, "<p class=\"meta\">Recording: 01-why.wav (in the session directory, not "
                     "beside this page)</p>\n");
    assert_has(page, "<p class=\"note\">The recordings are not beside this page, so it names "
                     "them instead of playing them: <code>rehearse export 20261123-101500-x "
                     "--format html -o DIR/</code> writes the page into DIR with copies of "
                     "them.</p>\n");
    free(page);
    page = page_of_session_with(&src); /* the skipped answer has no recording, the first one */
    assert_has(page, "<p class=\"note\">The recordings are not beside this page");
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_every_outside_text),
        cmocka_unit_test(shows_times_outcomes_and_the_chart),
        cmocka_unit_test(audio_by_relative_path_and_nothing_external),
        cmocka_unit_test(model_answer_folded),
        cmocka_unit_test(missed_terms_with_their_other_spellings),
        cmocka_unit_test(speech_figures_hints_and_rubric),
        cmocka_unit_test(waveform_with_its_pauses),
        cmocka_unit_test(recordings_elsewhere_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
