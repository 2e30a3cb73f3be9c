/* html: string building with every text escaped. */
#include "html.h"
#include "duration.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct page {
    char *data;
    size_t len, cap;
    int failed;
};

static void append(struct page *p, const char *s, size_t n)
{
    if (p->failed)
        return;
    if (p->len + n + 1 > p->cap) {
        size_t cap = (p->len + n + 1) * 2;
        char *d = realloc(p->data, cap);
        if (d == NULL) {
            p->failed = 1;
            return;
        }
        p->data = d;
        p->cap = cap;
    }
    memcpy(p->data + p->len, s, n);
    p->len += n;
    p->data[p->len] = '\0';
}

static void raw(struct page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Markup written as is: only for the page's own text and numbers. */
static void raw(struct page *p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    append(p, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* The entity that stands for each byte in HTML text and attribute values;
 * NULL for a byte that stands for itself. */
static const char *const ENTITIES[256] = {
    ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;", ['\''] = "&#39;"};

/* Text of the user or the bank, escaped, its control characters shown as
 * on a terminal (text.h). */
static void text(struct page *p, const char *from)
{
    char *shown = from != NULL ? text_for_terminal(from) : NULL;
    if (from != NULL && shown == NULL)
        p->failed = 1;
    for (const char *s = shown; s != NULL && *s != '\0'; s++) {
        const char *e = ENTITIES[(unsigned char)*s];
        append(p, e != NULL ? e : s, e != NULL ? strlen(e) : 1);
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
    "svg text{font-size:11px;fill:#333}";

/* Bars of time used against each limit, one row per answer. */
static void chart(struct page *p, const struct transcript *t)
{
    double longest = 1;
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct transcript_answer *a = &t->answers[i];
        double m = a->elapsed_s > a->limit_s ? a->elapsed_s : a->limit_s;
        longest = m > longest ? m : longest;
    }
    raw(p,
        "<svg role=\"img\" aria-label=\"Time used per question\" width=\"640\" "
        "height=\"%zu\" viewBox=\"0 0 640 %zu\">",
        t->n_answers * 22 + 4, t->n_answers * 22 + 4);
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct transcript_answer *a = &t->answers[i];
        double y = 4 + 22.0 * i, scale = 520.0 / longest;
        raw(p, "<text x=\"0\" y=\"%.0f\">%u</text>", y + 13, a->n);
        raw(p, "<rect x=\"24\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"#e3e7ee\"/>", y,
            a->limit_s * scale);
        int over = a->limit_s > 0 && a->elapsed_s > a->limit_s;
        raw(p, "<rect x=\"24\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>", y,
            a->elapsed_s * scale, over ? "#d9822b" : "#6b8afd");
        raw(p, "<text x=\"%.0f\" y=\"%.0f\">%.0f s / ",
            30 + (over || a->limit_s == 0 ? a->elapsed_s : a->limit_s) * scale, y + 13,
            a->elapsed_s);
        if (a->limit_s > 0)
            raw(p, "%u s</text>", a->limit_s);
        else
            raw(p, "no limit</text>");
    }
    raw(p, "</svg>\n");
}

/* The model answer and key points of q, folded. */
static void model_answer(struct page *p, const struct question *q)
{
    if (q == NULL || (q->model_answer == NULL && q->n_key_points == 0))
        return;
    raw(p, "<details><summary>Model answer</summary>\n");
    if (q->model_answer != NULL) {
        raw(p, "<p class=\"answer\">");
        text(p, q->model_answer);
        raw(p, "</p>\n");
    }
    if (q->n_key_points > 0) {
        raw(p, "<ul>");
        for (size_t i = 0; i < q->n_key_points; i++) {
            raw(p, "<li>");
            text(p, q->key_points[i]);
            raw(p, "</li>");
        }
        raw(p, "</ul>\n");
    }
    raw(p, "</details>\n");
}

static void answer(struct page *p, const struct transcript_answer *a, const struct question *q)
{
    char used[16], limit[16];
    raw(p, "<section id=\"q%u\"><h2>%u. ", a->n, a->n);
    text(p, a->section);
    raw(p, "</h2>\n<blockquote>");
    text(p, a->question);
    raw(p, "</blockquote>\n<p class=\"meta\"><span class=\"%s\">%s</span>, %s of %s, %s",
        answer_outcome_names[a->outcome], answer_outcome_names[a->outcome],
        duration_clock(a->elapsed_s, used, sizeof used),
        duration_limit(a->limit_s, limit, sizeof limit), answer_mode_names[a->mode]);
    if (a->rating > 0)
        raw(p, ", rated %d/5", a->rating);
    raw(p, "</p>\n");
    if (a->audio.file != NULL) {
        raw(p, "<audio controls preload=\"none\" src=\"");
        text(p, a->audio.file);
        raw(p, "\"></audio>\n");
    }
    if (a->machine_text)
        raw(p, "<p class=\"meta\">Machine transcription of the recording:</p>\n");
    raw(p, "<p class=\"answer\">");
    if (a->text_len > 0)
        text(p, a->text);
    else
        raw(p, "<em>No answer.</em>");
    raw(p, "</p>\n");
    if (a->typed_note != NULL) {
        raw(p, "<p class=\"meta\">Typed while recording (a note, not the answer):</p>\n"
               "<p class=\"answer\">");
        text(p, a->typed_note);
        raw(p, "</p>\n");
    }
    if (a->coverage.n_terms > 0) {
        raw(p, "<p class=\"meta\">Key terms %zu of %zu:", a->coverage.n_found, a->coverage.n_terms);
        for (size_t k = 0; k < a->coverage.n_found; k++) {
            raw(p, " <span class=\"found\">&#10003; ");
            text(p, a->coverage.found[k]);
            raw(p, "</span>");
        }
        for (size_t k = 0; k < a->coverage.n_missed; k++) {
            raw(p, " <span class=\"missed\">&#10007; ");
            text(p, a->coverage.missed[k]);
            raw(p, "</span>");
        }
        raw(p, "</p>\n");
    }
    if (a->note != NULL) {
        raw(p, "<p class=\"meta\">Note: ");
        text(p, a->note);
        raw(p, "</p>\n");
    }
    model_answer(p, q);
    raw(p, "</section>\n");
}

char *html_page(const struct transcript *t, const struct question *const *questions)
{
    struct page p = {0};
    struct transcript_totals tt = transcript_count(t);
    char used[16], budget[16];
    raw(&p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    text(&p, t->scenario_title);
    raw(&p, " - ");
    text(&p, t->id);
    raw(&p, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", STYLE);
    text(&p, t->scenario_title);
    raw(&p, "</h1>\n<p class=\"meta\">Session ");
    text(&p, t->id);
    raw(&p, ", started ");
    text(&p, t->started_at ? t->started_at : "-");
    raw(&p, ", %s. Answered %u of %zu, time used %s of %s.</p>\n", session_status_names[t->status],
        tt.outcomes[OUTCOME_ANSWERED], t->n_planned, duration_clock(tt.used_s, used, sizeof used),
        duration_clock(t->budget_s, budget, sizeof budget));
    chart(&p, t);
    for (size_t i = 0; i < t->n_answers; i++)
        answer(&p, &t->answers[i], questions ? questions[i] : NULL);
    raw(&p, "</body>\n</html>\n");
    if (p.failed) {
        free(p.data);
        return NULL;
    }
    return p.data;
}
