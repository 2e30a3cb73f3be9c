/* follow_up: choosing, limiting and asking the follow-ups of a question. */
#include "follow_up.h"
#include "coverage.h"
#include "prelude.h"

#include <stdlib.h>
#include <string.h>

#define FOLLOW_UP_MIN_S 60 /* the shortest limit a follow-up is given by default */

unsigned follow_up_limit(unsigned own_s, unsigned question_s)
{
    if (own_s > 0 || question_s == 0)
        return own_s;
    return question_s / 3 > FOLLOW_UP_MIN_S ? question_s / 3 : FOLLOW_UP_MIN_S;
}

/* Whether answer a or one of its follow-ups names `term`, in any spelling
 * of it when it is a key term of q. */
static int named(const struct question *q, const struct transcript_answer *a, const char *term)
{
    size_t i = question_term_index(q, term);
    const struct coverage_alternatives *alt =
        i < q->n_key_terms ? question_alternatives(q, i) : NULL;
    if (coverage_names(a->text, term, alt))
        return 1;
    for (size_t k = 0; k < a->n_follow_ups; k++)
        if (coverage_names(a->follow_ups[k].text, term, alt))
            return 1;
    return 0;
}

size_t follow_up_next(const struct question *q, size_t from, const struct transcript_answer *a)
{
    for (size_t i = from; i < q->n_follow_ups; i++) {
        const struct follow_up *f = &q->follow_ups[i];
        size_t k = 0;
        while (k < f->n_when_missing && !named(q, a, f->when_missing[k]))
            k++;
        if (k == f->n_when_missing)
            return i;
    }
    return q->n_follow_ups;
}

const struct transcript_answer *follow_up_last(const struct transcript_answer *a)
{
    return a->n_follow_ups > 0 ? &a->follow_ups[a->n_follow_ups - 1] : a;
}

/* Whether the interviewer writes the follow-ups. */
static int generating(const struct engine *eng)
{
    return eng->sc->settings.follow_ups == FOLLOW_UPS_GENERATED &&
           eng->interviewer.follow_up != NULL;
}

void follow_up_intro(struct engine *eng)
{
    const struct scenario_settings *s = &eng->sc->settings;
    if (s->follow_ups == FOLLOW_UPS_GENERATED && s->max_follow_ups > 0 && !generating(eng))
        engine_notice(eng, NOTICE_NO_INTERVIEWER, 0, NULL);
}

/* How many follow-ups question q may have at most. */
static unsigned most(const struct engine *eng, const struct question *q)
{
    const struct scenario_settings *s = &eng->sc->settings;
    if (s->follow_ups == FOLLOW_UPS_NONE)
        return 0;
    if (generating(eng) || q->n_follow_ups >= s->max_follow_ups)
        return s->max_follow_ups;
    return (unsigned)q->n_follow_ups;
}

/* The follow-up the interviewer writes after answer `last` of question q
 * (owned by the caller), or NULL when it fails: the first failure of the
 * session is told with its reason. The session waits meanwhile, its budget
 * running; the view is told first. */
static char *generated(struct engine *eng, const struct question *q,
                       const struct transcript_answer *last)
{
    struct diag e;
    char *text = NULL;
    engine_notice(eng, NOTICE_GENERATING, 0, NULL);
    int rc = eng->interviewer.follow_up(eng->interviewer.ctx, q, last, &text, &e);
    if (rc == REH_OK && (text == NULL || text[strspn(text, " \t\r\n")] == '\0'))
        rc = diag_set(&e, REH_EDATA, "the interviewer wrote no question");
    if (rc == REH_OK)
        return text;
    free(text);
    if (!eng->interviewer_failed)
        engine_notice(eng, NOTICE_GENERATE_FAILED, 0, e.message);
    eng->interviewer_failed = 1;
    return NULL;
}

/* Whether a follow-up of limit_s (0: no limit) fits in the budget left
 * beyond the limits and think times of the questions still to come: a
 * follow-up never takes the time of a question of the plan. */
static int fits(const struct engine *eng, unsigned limit_s)
{
    double spare = eng->budget_deadline - eng->clock.now(eng->clock.ctx);
    for (size_t i = eng->index + 1; i < eng->plan->n_items; i++)
        spare -= (double)eng->plan->items[i].limit_s + eng->plan->items[i].think_s;
    return spare > 0 && spare >= limit_s;
}

/* Starts the next follow-up of answer `a`: the interviewer's, or else the
 * authored one due from index *next on (*next then moves past it). NULL
 * when none is due, when it would not fit in the budget (fits), or when out
 * of memory (*nomem set). */
static struct transcript_answer *begin(struct engine *eng, struct transcript_answer *a,
                                       size_t *next, int *nomem)
{
    const struct question *q = eng->plan->items[eng->index].q;
    unsigned written_s = follow_up_limit(0, a->limit_s);
    char *text =
        generating(eng) && fits(eng, written_s) ? generated(eng, q, follow_up_last(a)) : NULL;
    size_t i = text == NULL ? follow_up_next(q, *next, a) : q->n_follow_ups;
    struct transcript_answer *f = NULL;
    if (text != NULL && fits(eng, written_s)) {
        f = transcript_begin_follow_up(a, text, written_s, FOLLOW_UPS_GENERATED, NULL, 0);
        *nomem = f == NULL;
    } else if (text == NULL && i < q->n_follow_ups &&
               fits(eng, follow_up_limit(q->follow_ups[i].limit_s, a->limit_s))) {
        const struct follow_up *fu = &q->follow_ups[i];
        *next = i + 1;
        f = transcript_begin_follow_up(a, fu->text, follow_up_limit(fu->limit_s, a->limit_s),
                                       FOLLOW_UPS_AUTHORED, fu->when_missing, fu->n_when_missing);
        *nomem = f == NULL;
    }
    free(text);
    return f;
}

/* Whether a follow-up comes after answer `last`: it was answered or timed
 * out (not skipped or cut off), and the budget is not out. */
static int due(const struct engine *eng, const struct transcript_answer *last)
{
    return (last->outcome == OUTCOME_ANSWERED || last->outcome == OUTCOME_TIMED_OUT) &&
           eng->clock.now(eng->clock.ctx) < eng->budget_deadline;
}

int follow_up_ask(struct engine *eng, struct transcript_answer *a, int *stop, struct diag *err)
{
    size_t next = 0;
    int rc = REH_OK, nomem = 0;
    eng->follow_ups_most = most(eng, eng->plan->items[eng->index].q);
    while (rc == REH_OK && !*stop && a->n_follow_ups < eng->follow_ups_most &&
           due(eng, follow_up_last(a))) {
        if (prelude_transition(eng)) {
            *stop = 1;
            break;
        }
        struct transcript_answer *f = begin(eng, a, &next, &nomem);
        if (f == NULL)
            return nomem ? diag_set(err, REH_ENOMEM, "out of memory") : REH_OK;
        eng->follow_up = f;
        rc = engine_ask(eng, f, stop, err);
        eng->follow_up = NULL;
    }
    return rc;
}
