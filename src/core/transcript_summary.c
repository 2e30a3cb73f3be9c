/* transcript_summary: the totals of a transcript and the summary the sessions
 * index keeps of it (declared in transcript.h): who the session is, its
 * totals and one mark per answer. A follow-up counts as part of the answer
 * it follows, never as an answer of its own. */
#include "transcript.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

char *transcript_term_spellings(const struct question *q, const char *term)
{
    size_t i = q != NULL ? question_term_index(q, term) : 0;
    const struct coverage_alternatives *alt =
        q != NULL && i < q->n_key_terms ? question_alternatives(q, i) : NULL;
    if (alt == NULL)
        return strdup("");
    struct strbuf b = {0};
    for (size_t k = 0; k < alt->n; k++)
        strbuf_printf(&b, "%s%s", k ? ", " : " (or ", alt->items[k]);
    strbuf_printf(&b, ")");
    return strbuf_finish(&b);
}

char *transcript_terms_named(const struct transcript_coverage *c, const struct question *q)
{
    struct strbuf b = {0};
    strbuf_printf(&b, "named %zu of %zu", c->n_found, c->n_terms);
    for (size_t k = 0; k < c->n_found; k++) {
        const char *heard = transcript_heard_as(c, c->found[k]);
        strbuf_printf(&b, "%s%s", k ? ", " : ": ", c->found[k]);
        if (heard != NULL)
            strbuf_printf(&b, TRANSCRIPT_HEARD_AS, heard);
    }
    for (size_t k = 0; k < c->n_missed; k++) {
        char *spellings = transcript_term_spellings(q, c->missed[k]);
        if (spellings == NULL)
            b.failed = 1;
        else
            strbuf_printf(&b, "%s%s%s", k ? ", " : "; missed: ", c->missed[k], spellings);
        free(spellings);
    }
    return strbuf_finish(&b);
}

int transcript_question_rating(const struct transcript_answer *a)
{
    int lowest = a->rating;
    for (size_t i = 0; i < a->n_follow_ups; i++) {
        int r = transcript_question_rating(&a->follow_ups[i]);
        if (r > 0 && (lowest == 0 || r < lowest))
            lowest = r;
    }
    return lowest;
}

int transcript_question_rubric(const struct transcript_answer *a)
{
    int lowest = a->rubric != NULL ? rubric_grade(a->rubric) : 0;
    for (size_t i = 0; i < a->n_follow_ups; i++) {
        int r = transcript_question_rubric(&a->follow_ups[i]);
        if (r > 0 && (lowest == 0 || r < lowest))
            lowest = r;
    }
    return lowest;
}

void transcript_rate_by_rubric(struct transcript_summary *s)
{
    for (size_t i = 0; i < s->n_marks; i++)
        if (s->marks[i].rating == 0)
            s->marks[i].rating = s->marks[i].rubric;
}

/* The time answer a and its follow-ups took of the budget. */
static double used_s(const struct transcript_answer *a)
{
    double s = a->elapsed_s + a->think_s; /* both count against the budget */
    for (size_t i = 0; i < a->n_follow_ups; i++)
        s += used_s(&a->follow_ups[i]);
    return s;
}

static int each_recording(const struct transcript_answer *a,
                          int (*fn)(const struct transcript_audio *audio, void *ctx), void *ctx)
{
    int rc = a->audio.file != NULL ? fn(&a->audio, ctx) : 0;
    for (size_t k = 0; rc == 0 && k < a->n_takes; k++)
        if (a->takes[k].audio.file != NULL)
            rc = fn(&a->takes[k].audio, ctx);
    for (size_t k = 0; rc == 0 && k < a->n_follow_ups; k++)
        rc = each_recording(&a->follow_ups[k], fn, ctx);
    return rc;
}

int transcript_each_recording(const struct transcript *t,
                              int (*fn)(const struct transcript_audio *audio, void *ctx), void *ctx)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < t->n_answers; i++)
        rc = each_recording(&t->answers[i], fn, ctx);
    return rc;
}

struct transcript_totals transcript_count(const struct transcript *t)
{
    struct transcript_totals totals = {{0}, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct transcript_answer *a = &t->answers[i];
        int rating = transcript_question_rating(a);
        totals.outcomes[a->outcome]++;
        totals.used_s += used_s(a);
        totals.spoken += a->mode == MODE_SPOKEN;
        totals.typed += a->mode != MODE_SPOKEN;
        totals.rated += rating > 0;
        totals.rating_sum += rating;
    }
    return totals;
}

int transcript_alloc_marks(struct transcript_summary *s, size_t n)
{
    s->marks = calloc(n ? n : 1, sizeof *s->marks);
    if (s->marks == NULL)
        return REH_ENOMEM;
    s->n_marks = n;
    return REH_OK;
}

static int mark_of(const struct transcript_answer *a, struct transcript_mark *m)
{
    m->outcome = a->outcome;
    m->rating = transcript_question_rating(a);
    m->rubric = transcript_question_rubric(a);
    m->n_terms = a->coverage.n_terms;
    m->n_found = a->coverage.n_found;
    m->limit_s = a->limit_s;
    m->elapsed_s = a->elapsed_s;
    m->has_text = a->text_len > 0;
    m->said = a->audio.file != NULL && a->audio.frames > 0;
    if (transcript_set(&m->question_id, a->question_id) != REH_OK ||
        transcript_set(&m->category, a->category) != REH_OK)
        return REH_ENOMEM;
    return REH_OK;
}

int transcript_summarize(const struct transcript *t, struct transcript_summary *s)
{
    s->status = t->status;
    s->budget_s = t->budget_s;
    s->n_planned = t->n_planned;
    s->totals = transcript_count(t);
    if (transcript_set(&s->id, t->id) != REH_OK ||
        transcript_set(&s->scenario_id, t->scenario_id) != REH_OK ||
        transcript_set(&s->scenario_title, t->scenario_title) != REH_OK ||
        transcript_set(&s->started_at, t->started_at) != REH_OK ||
        transcript_set(&s->bank_id, t->bank_id) != REH_OK ||
        transcript_alloc_marks(s, t->n_answers) != REH_OK)
        return REH_ENOMEM;
    for (size_t i = 0; i < t->n_answers; i++)
        if (mark_of(&t->answers[i], &s->marks[i]) != REH_OK)
            return REH_ENOMEM;
    return REH_OK;
}

void transcript_summary_free(struct transcript_summary *s)
{
    free(s->id);
    free(s->scenario_id);
    free(s->scenario_title);
    free(s->started_at);
    free(s->bank_id);
    for (size_t i = 0; i < s->n_marks; i++) {
        free(s->marks[i].question_id);
        free(s->marks[i].category);
    }
    free(s->marks);
    memset(s, 0, sizeof *s);
}
