/* prelude: what comes before an answer's clock starts. The intro waits for
 * Enter before the first question (on a terminal); each question is read
 * aloud when a voice is given, then given its think time, each cut short by
 * Enter, and a line of text starts the answer at once. The lines are read
 * with the grammar of core/command.h. */
#ifndef REHEARSE_PRELUDE_H
#define REHEARSE_PRELUDE_H

#include "engine.h"

/* Waits for the start when eng->wait_for_start asks to: Enter, a line of
 * text or /done start, /help lists the commands. Returns 1 when the user
 * left (/quit, the end of input, a signal) before the first question. */
int prelude_intro(struct engine *eng);

/* In study (the scenario's reveal: after-answer), after question `a` and
 * its follow-ups, unless it was aborted: NOTICE_REVEAL, then, on a terminal
 * (eng->wait_for_start), a wait for Enter that stops the budget. Returns 1
 * when the user left (as prelude_intro). */
int prelude_reveal(struct engine *eng, const struct transcript_answer *a);

/* After an answer that timed out (eng->timed_out, cleared here), before
 * the next question is begun: NOTICE_NEXT_SOON, then eng->transition_s
 * seconds of the budget, cut short by Enter or a line; /quit and Ctrl-C
 * work. Nothing when the budget is out. Returns 1 when the user left (as
 * prelude_intro). */
int prelude_transition(struct engine *eng);

/* The reading and think time of the question being asked, answer `a` (a
 * follow-up has no think time); its think time is written into a->think_s. Returns
 * OUTCOME_IN_PROGRESS to go on with the answer, or how it ended before it began (skipped,
 * aborted).
 * *line is the text typed to start the answer, or NULL; it stays valid
 * until the next wait for input. */
enum answer_outcome prelude_run(struct engine *eng, struct transcript_answer *a, const char **line);

#endif
