/* Tests of the exported page: html_page of a transcript made by hand, checked
 * for exact fragments: every outside text escaped, the audio player pointing
 * at the recording by its relative path, the model answer folded, and no
 * request to anything outside the page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/html.h"

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
static char *page_of_session(const struct question *const *questions)
{
    static char *found[] = {"queue"}, *missed[] = {"retry <policy>"};
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
         .coverage = {.n_terms = 2, .found = found, .n_found = 1, .missed = missed, .n_missed = 1},
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
    char *page = html_page(&t, questions);
    assert_non_null(page);
    return page;
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
                     "queue</span> <span class=\"missed\">&#10007; retry &lt;policy&gt;</span>"
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
    assert_has(page, "<svg role=\"img\" aria-label=\"Time used per question\" width=\"640\" "
                     "height=\"48\" viewBox=\"0 0 640 48\">");
    assert_has(page, "<text x=\"0\" y=\"39\">2</text>");
    assert_has(page, "90 s / 120 s</text>");
    assert_has(page, "5 s / no limit</text>");
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_every_outside_text),
        cmocka_unit_test(shows_times_outcomes_and_the_chart),
        cmocka_unit_test(audio_by_relative_path_and_nothing_external),
        cmocka_unit_test(model_answer_folded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
