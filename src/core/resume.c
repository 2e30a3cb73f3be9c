/* resume: the rules of where an interrupted session picks up. */
#include "resume.h"

#include <string.h>

enum resume_decision resume_open(struct transcript *t, const char *weakest_id)
{
    if (t->status == SESSION_COMPLETED)
        return RESUME_COMPLETED;
    if (strcmp(t->scenario_id, weakest_id) == 0 && t->based_on == NULL)
        return RESUME_UNRECORDED;
    if (transcript_last_unanswered(t))
        transcript_drop_last(t);
    return RESUME_GO;
}

enum resume_decision resume_point(const struct transcript *t, size_t n_items, unsigned budget_s,
                                  struct resume_point *at)
{
    double used = transcript_count(t).used_s;
    if (t->n_answers == n_items)
        return RESUME_NO_QUESTION;
    if (used >= budget_s)
        return RESUME_NO_TIME;
    at->from = t->n_answers;
    at->budget_s = budget_s - used;
    return RESUME_GO;
}
