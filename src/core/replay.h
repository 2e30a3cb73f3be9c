/* replay: the plan a session recorded (its questions' follow-ups too),
 * turned back into the scenario and plan the engine asks from, so a session
 * resumes with the questions it started with whether its scenario file and
 * bank still exist or not. */
#ifndef REHEARSE_REPLAY_H
#define REHEARSE_REPLAY_H

#include "diag.h"
#include "plan.h"
#include "scenario.h"
#include "transcript.h"

/* Makes sc (resolved: every question inline, one section per run of
 * questions with the same section title) and plan from the plan and
 * settings t recorded (t->plan must not be NULL). The scenario owns the
 * questions the plan points to; both are the caller's, released with
 * plan_free and scenario_free, whatever this returns: REH_OK or
 * REH_ENOMEM. */
int replay_open(const struct transcript *t, struct scenario *sc, struct plan *plan,
                struct diag *err);

#endif
