/* follow_up: the questions asked after an answer, before the next question
 * of the plan ("and what if the consumer lags two hours?"). Which authored
 * follow-up is due (its when_missing terms, matched as key terms are by
 * core/coverage.h), its limit, and the engine's side: up to max_follow_ups
 * of them after an answered or timed-out answer, within the budget, each
 * asked as a question is (engine_ask) but with no think time, written by
 * the interviewer when the scenario asks for generated ones and one is
 * configured, else authored. */
#ifndef REHEARSE_FOLLOW_UP_H
#define REHEARSE_FOLLOW_UP_H

#include "bank.h"
#include "engine.h"
#include "transcript.h"

#include <stddef.h>

/* The limit of a follow-up whose own is own_s (0: none given) under a
 * question limited to question_s (0: no limit): its own, else a third of
 * the question's, at least 60 s; 0 (no limit) when neither has one. */
unsigned follow_up_limit(unsigned own_s, unsigned question_s);

/* The index of the first of q's follow-ups from index `from` on that is due
 * after answer `a` and the follow-ups a has had: one without when_missing
 * terms, or whose terms none of those answers' texts names. q->n_follow_ups
 * when none is. */
size_t follow_up_next(const struct question *q, size_t from, const struct transcript_answer *a);

/* The last follow-up asked after answer a, or a itself when it has none. */
const struct transcript_answer *follow_up_last(const struct transcript_answer *a);

/* Says at the start of a session asking generated follow-ups that no
 * interviewer is configured, so the authored ones are asked. */
void follow_up_intro(struct engine *eng);

/* Asks the follow-ups due after answer `a` of plan item eng->index, as
 * engine_ask does (its return and *stop alike); none when `a` was not
 * answered or timed out, or when the budget is out. */
int follow_up_ask(struct engine *eng, struct transcript_answer *a, int *stop, struct diag *err);

#endif
