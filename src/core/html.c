/* html: the page built in a strbuf, every text from outside escaped. */
#include "html.h"
#include "analysis.h"
#include "duration.h"
#include "rubric.h"
#include "strbuf.h"
#include "text.h"
#include "transcript_md.h"

#include <stdlib.h>
#include <string.h>

/* The entity that stands for each byte in HTML text and attribute values;
 * NULL for a byte that stands for itself. */
static const char *const ENTITIES[256] = {
    ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;", ['\''] = "&#39;"};

/* Text of the user or the bank, escaped, its control characters shown as
 * on a terminal (text.h). */
static void text(struct strbuf *p, const char *from)
{
    char *shown = from != NULL ? text_for_terminal(from) : NULL;
    if (from != NULL && shown == NULL)
        p->failed = 1;
    for (const char *s = shown; s != NULL && *s != '\0'; s++) {
        const char *e = ENTITIES[(unsigned char)*s];
        strbuf_append(p, e != NULL ? e : s, e != NULL ? strlen(e) : 1);
    }
    free(shown);
}

static const char STYLE[] =
    "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
    "color:#1d1d1f;background:#fff}h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;"
    "border-top:1px solid #ddd;padding-top:1rem}blockquote{margin:0;padding:.5rem 1rem;"
    "background:#f4f6f8;border-left:4px solid #6b8afd}.answer{white-space:pre-wrap}"
    ".meta{color:#555;font-size:.9rem}.found{color:#176d2c}.missed{color:#a3261b}"
    ".answered{color:#176d2c}.timed-out{color:#a15c00}.skipped,.aborted{color:#a3261b}"
    "svg text{font-size:11px;fill:#333}.follow-up{margin-left:1.5rem}.wave{overflow-x:auto}"
    ".chart{max-width:100%;height:auto}.note{background:#fff4e0;padding:.5rem 1rem}";

/* Bars of time used against each limit, one row per answer, labelled with
 * its number and section, and its time as "1:05 of 9:00". */
static void chart(struct strbuf *p, const struct transcript *t)
{
    double longest = 1;
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct transcript_answer *a = &t->answers[i];
        double m = a->elapsed_s > a->limit_s ? a->elapsed_s : a->limit_s;
        longest = m > longest ? m : longest;
    }
    strbuf_printf(p,
                  "<svg class=\"chart\" role=\"img\" aria-label=\"Time used per question\" "
                  "width=\"640\" height=\"%zu\" viewBox=\"0 0 640 %zu\">",
                  t->n_answers * 22 + 4, t->n_answers * 22 + 4);
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct transcript_answer *a = &t->answers[i];
        double y = 4 + 22.0 * i, scale = 340.0 / longest;
        char used[16], limit[16];
        strbuf_printf(p, "<text x=\"0\" y=\"%.0f\">%u. ", y + 13, a->n);
        text(p, a->section);
        strbuf_printf(p, "</text>");
        strbuf_printf(p,
                      "<rect x=\"180\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"#e3e7ee\"/>",
                      y, a->limit_s * scale);
        int over = a->limit_s > 0 && a->elapsed_s > a->limit_s;
        strbuf_printf(p, "<rect x=\"180\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>", y,
                      a->elapsed_s * scale, over ? "#d9822b" : "#6b8afd");
        strbuf_printf(p, "<text x=\"%.0f\" y=\"%.0f\">%s of %s</text>",
                      186 + (over || a->limit_s == 0 ? a->elapsed_s : a->limit_s) * scale, y + 13,
                      duration_clock(a->elapsed_s, used, sizeof used),
                      duration_limit(a->limit_s, limit, sizeof limit));
    }
    strbuf_printf(p, "</svg>\n");
}

/* Pixels a second of the waveform strip, which scrolls sideways. */
#define WAVE_PX_S 50.0

/* The strip of a recording: its loudness, with the pauses the voice
 * detector found marked and labelled. The recognised words are not placed
 * on it: the recogniser's word times run late after a pause. */
static void wave_strip(struct strbuf *p, const struct waveform *w, const struct analysis *an)
{
    double seconds = (double)w->n_peaks / WAVEFORM_RATE, width = seconds * WAVE_PX_S + 40;
    strbuf_printf(p,
                  "<div class=\"wave\"><svg role=\"img\" aria-label=\"Waveform of the "
                  "recording, %.1f s, with its pauses\" width=\"%.0f\" height=\"64\" "
                  "viewBox=\"0 0 %.0f 64\">",
                  seconds, width, width);
    for (size_t i = 0; an != NULL && i < an->n_pauses; i++) {
        const struct vad_segment *s = &an->pauses[i];
        strbuf_printf(p,
                      "<rect x=\"%.1f\" y=\"14\" width=\"%.1f\" height=\"44\" "
                      "fill=\"#fde1c8\"><title>pause of %.1f s</title></rect>"
                      "<text x=\"%.1f\" y=\"10\">pause %.1f s</text>",
                      s->start_s * WAVE_PX_S, (s->end_s - s->start_s) * WAVE_PX_S,
                      s->end_s - s->start_s, s->start_s * WAVE_PX_S, s->end_s - s->start_s);
    }
    strbuf_printf(p, "<path stroke=\"#3b5bdb\" stroke-width=\"1.5\" d=\"");
    for (size_t i = 0; i < w->n_peaks; i++) {
        double x = (i + 0.5) * WAVE_PX_S / WAVEFORM_RATE, h = w->peaks[i] * 21 + 0.5;
        strbuf_printf(p, "M%.1f %.1fV%.1f", x, 36 - h, 36 + h);
    }
    strbuf_printf(p, "\"/></svg></div>\n");
}

/* The recording of `audio`: a player and its waveform, or its name when the
 * page is not beside it. */
static void recording(struct strbuf *p, const struct transcript_audio *audio,
                      const struct analysis *an, const struct html_sources *src)
{
    if (src->recordings_elsewhere) {
        strbuf_printf(p, "<p class=\"meta\">Recording: ");
        text(p, audio->file);
        strbuf_printf(p, " (in the session directory, not beside this page)</p>\n");
    } else {
        strbuf_printf(p, "<audio controls preload=\"none\" src=\"");
        text(p, audio->file);
        strbuf_printf(p, "\"></audio>\n");
    }
    for (size_t i = 0; i < src->n_waves; i++)
        if (strcmp(src->waves[i].file, audio->file) == 0) {
            wave_strip(p, &src->waves[i], an);
            break;
        }
}

/* The speech figures and hints of a spoken answer. */
static void speech(struct strbuf *p, const struct analysis *an)
{
    char figures[256], hints[512];
    analysis_figures(an, figures, sizeof figures);
    analysis_hints(an, hints, sizeof hints);
    strbuf_printf(p, "<p class=\"meta\">Speech: %s</p>\n", figures);
    if (hints[0] == '\0')
        return;
    strbuf_printf(p, "<ul class=\"hints\">");
    char *rest;
    for (char *h = strtok_r(hints, "\n", &rest); h != NULL; h = strtok_r(NULL, "\n", &rest)) {
        strbuf_printf(p, "<li>");
        text(p, h);
        strbuf_printf(p, "</li>");
    }
    strbuf_printf(p, "</ul>\n");
}

/* The interviewer's rubric of an answer, the model's opinion. */
static void rubric(struct strbuf *p, const struct transcript_answer *a)
{
    strbuf_printf(p, "<p class=\"meta\">The interviewer (");
    text(p, a->rubric_model);
    strbuf_printf(p, ") thought, the model's opinion beside yours:</p>\n<ul class=\"rubric\">");
    for (int i = 0; i < RUBRIC_ASPECTS; i++) {
        strbuf_printf(p, "<li>%s %d/5 - ", rubric_aspect_name((enum rubric_aspect)i),
                      a->rubric->marks[i].score);
        text(p, a->rubric->marks[i].why);
        strbuf_printf(p, "</li>");
    }
    strbuf_printf(p, "</ul>\n");
}

/* The model answer and key points of q, folded. */
static void model_answer(struct strbuf *p, const struct question *q)
{
    if (q == NULL || (q->model_answer == NULL && q->n_key_points == 0))
        return;
    strbuf_printf(p, "<details><summary>Model answer</summary>\n");
    if (q->model_answer != NULL) {
        strbuf_printf(p, "<p class=\"answer\">");
        text(p, q->model_answer);
        strbuf_printf(p, "</p>\n");
    }
    if (q->n_key_points > 0) {
        strbuf_printf(p, "<ul>");
        for (size_t i = 0; i < q->n_key_points; i++) {
            strbuf_printf(p, "<li>");
            text(p, q->key_points[i]);
            strbuf_printf(p, "</li>");
        }
        strbuf_printf(p, "</ul>\n");
    }
    strbuf_printf(p, "</details>\n");
}

/* The key terms of answer a named and missed, each missed one with its
 * other spellings in q (NULL: none). */
static void terms(struct strbuf *p, const struct transcript_answer *a, const struct question *q)
{
    const struct transcript_coverage *c = &a->coverage;
    strbuf_printf(p, "<p class=\"meta\">Key terms %zu of %zu:", c->n_found, c->n_terms);
    for (size_t k = 0; k < c->n_found; k++) {
        const char *heard = transcript_heard_as(c, c->found[k]);
        strbuf_printf(p, " <span class=\"found\">&#10003; ");
        text(p, c->found[k]);
        if (heard != NULL) {
            strbuf_printf(p, " (heard as &quot;");
            text(p, heard);
            strbuf_printf(p, "&quot;)");
        }
        strbuf_printf(p, "</span>");
    }
    for (size_t k = 0; k < c->n_missed; k++) {
        char *spellings = transcript_term_spellings(q, c->missed[k]);
        strbuf_printf(p, " <span class=\"missed\">&#10007; ");
        text(p, c->missed[k]);
        if (spellings != NULL)
            text(p, spellings);
        else
            p->failed = 1;
        strbuf_printf(p, "</span>");
        free(spellings);
    }
    strbuf_printf(p, "</p>\n");
}

/* What answer `a` holds, whether it answers question q of the plan (NULL:
 * not known) or a follow-up (q NULL: it has no key terms of its own); then
 * its follow-ups, each in a section of its own with a heading of level
 * `depth`. */
static void answer_body(struct strbuf *p, const struct transcript_answer *a,
                        const struct question *q, const struct html_sources *src, int depth)
{
    char used[16], limit[16];
    strbuf_printf(p, "<p class=\"meta\"><span class=\"%s\">%s</span>, %s of %s, %s",
                  answer_outcome_names[a->outcome], answer_outcome_names[a->outcome],
                  duration_clock(a->elapsed_s, used, sizeof used),
                  duration_limit(a->limit_s, limit, sizeof limit), answer_mode_names[a->mode]);
    if (a->rating > 0)
        strbuf_printf(p, ", rated %d/5", a->rating);
    strbuf_printf(p, "</p>\n");
    if (a->audio.file != NULL)
        recording(p, &a->audio, a->analysis, src);
    if (a->machine_text)
        strbuf_printf(p, "<p class=\"meta\">Machine transcription of the recording:</p>\n");
    strbuf_printf(p, "<p class=\"answer\">");
    if (a->text_len > 0)
        text(p, a->text);
    else
        strbuf_printf(p, "<em>No answer.</em>");
    strbuf_printf(p, "</p>\n");
    if (a->typed_note != NULL) {
        strbuf_printf(p, "<p class=\"meta\">Typed while recording (a note, not the answer):</p>\n"
                         "<p class=\"answer\">");
        text(p, a->typed_note);
        strbuf_printf(p, "</p>\n");
    }
    if (a->coverage.n_terms > 0)
        terms(p, a, q);
    if (a->analysis != NULL)
        speech(p, a->analysis);
    if (a->rubric != NULL)
        rubric(p, a);
    if (a->note != NULL) {
        strbuf_printf(p, "<p class=\"meta\">Note: ");
        text(p, a->note);
        strbuf_printf(p, "</p>\n");
    }
    for (size_t k = 0; k < a->n_follow_ups; k++) {
        const struct transcript_answer *f = &a->follow_ups[k];
        char *origin = transcript_follow_up_origin(f);
        int h = depth < 6 ? depth : 6;
        strbuf_printf(p, "<section class=\"follow-up\"><h%d>Follow-up %u</h%d>\n<blockquote>", h,
                      f->follow_up, h);
        text(p, f->question);
        strbuf_printf(p, "</blockquote>\n<p class=\"meta\">");
        if (origin == NULL)
            p->failed = 1;
        text(p, origin);
        free(origin);
        strbuf_printf(p, "</p>\n");
        answer_body(p, f, NULL, src, depth + 1);
        strbuf_printf(p, "</section>\n");
    }
}

static void answer(struct strbuf *p, const struct transcript_answer *a, const struct question *q,
                   const struct html_sources *src)
{
    strbuf_printf(p, "<section id=\"q%u\"><h2>%u. ", a->n, a->n);
    text(p, a->section);
    strbuf_printf(p, "</h2>\n<blockquote>");
    text(p, a->question);
    strbuf_printf(p, "</blockquote>\n");
    answer_body(p, a, q, src, 3);
    model_answer(p, q);
    strbuf_printf(p, "</section>\n");
}

static int any(const struct transcript_audio *audio, void *ctx)
{
    (void)audio;
    (void)ctx;
    return 1;
}

char *html_page(const struct transcript *t, const struct html_sources *src)
{
    struct strbuf p = {0};
    struct transcript_totals tt = transcript_count(t);
    char used[16], budget[16];
    strbuf_printf(
        &p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    text(&p, t->scenario_title);
    strbuf_printf(&p, " - ");
    text(&p, t->id);
    strbuf_printf(&p, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", STYLE);
    text(&p, t->scenario_title);
    strbuf_printf(&p, "</h1>\n<p class=\"meta\">Session ");
    text(&p, t->id);
    strbuf_printf(&p, ", started ");
    text(&p, t->started_at ? t->started_at : "-");
    strbuf_printf(&p, ", %s. Answered %u of %zu, time used %s of %s.</p>\n",
                  session_status_names[t->status], tt.outcomes[OUTCOME_ANSWERED], t->n_planned,
                  duration_clock(tt.used_s, used, sizeof used),
                  duration_clock(t->budget_s, budget, sizeof budget));
    if (src->recordings_elsewhere && transcript_each_recording(t, any, NULL)) {
        strbuf_printf(&p, "<p class=\"note\">The recordings are not beside this page, so it "
                          "names them instead of playing them: <code>rehearse export ");
        text(&p, t->id);
        strbuf_printf(&p, " --format html -o DIR/</code> writes the page into DIR with copies of "
                          "them.</p>\n");
    }
    chart(&p, t);
    for (size_t i = 0; i < t->n_answers; i++)
        answer(&p, &t->answers[i], src->questions ? src->questions[i] : NULL, src);
    strbuf_printf(&p, "</body>\n</html>\n");
    return strbuf_finish(&p);
}
