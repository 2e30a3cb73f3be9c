/* countdown: deadlines, pauses and warnings of an answer's clock. */
#include "countdown.h"

#include <math.h>

double countdown_deadline(const struct countdown *c, double budget_end)
{
    double end = c->start + c->limit_s + c->paused_total;
    return c->limit_s == 0 || (c->in_budget && end > budget_end) ? budget_end : end;
}

double countdown_frozen(const struct countdown *c, double t)
{
    return c->paused ? c->pause_start : t;
}

double countdown_elapsed(const struct countdown *c, double t)
{
    double elapsed = countdown_frozen(c, t) - c->start - c->paused_total;
    return elapsed > 0 ? elapsed : 0;
}

void countdown_pause(struct countdown *c, double t)
{
    c->paused = 1;
    c->pause_start = t;
}

double countdown_resume(struct countdown *c, double t)
{
    double d = t - c->pause_start;
    c->paused = 0;
    c->paused_total += d;
    return d;
}

double countdown_earliest(double a, double b)
{
    return a < b ? a : b;
}

double countdown_next_tick(double next, double period, double t)
{
    return next + period * ceil((t - next + 1e-9) / period);
}

int countdown_due(const unsigned *warnings_s, size_t n, double span_s, double deadline, double t,
                  unsigned *given, size_t *which)
{
    for (size_t i = 0; i < n; i++) {
        if (!(*given & 1u << i) && warnings_s[i] < span_s && t >= deadline - warnings_s[i]) {
            *given |= 1u << i;
            *which = i;
            return 1;
        }
    }
    return 0;
}

double countdown_next_warning(const unsigned *warnings_s, size_t n, double span_s, double deadline,
                              unsigned given, double next)
{
    for (size_t i = 0; i < n; i++)
        if (!(given & 1u << i) && warnings_s[i] < span_s)
            next = countdown_earliest(next, deadline - warnings_s[i]);
    return next;
}
