/* duration: a small recursive-descent parser over "[Nh][Nm][Ns]". */
#include "duration.h"
#include "diag.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char DURATION_EXPECTED[] =
    "expected a duration such as 90s, 4m, 1m30s, 1h or a number of seconds";

int duration_parse(const char *text, unsigned *seconds, const char **why)
{
    static const struct {
        char unit;
        unsigned scale;
    } units[] = {{'h', 3600}, {'m', 60}, {'s', 1}};
    const char *p = text;
    unsigned long long total = 0;
    size_t next_unit = 0, components = 0;

    if (*p == '-') {
        *why = "a duration cannot be negative";
        return REH_EDATA;
    }
    if (!isdigit((unsigned char)*p)) {
        *why = DURATION_EXPECTED;
        return REH_EDATA;
    }
    while (*p != '\0') {
        unsigned long long n = 0;
        if (!isdigit((unsigned char)*p)) {
            *why = DURATION_EXPECTED;
            return REH_EDATA;
        }
        while (isdigit((unsigned char)*p)) {
            n = n * 10 + (unsigned)(*p++ - '0');
            if (n > DURATION_MAX_S) {
                *why = "a duration cannot be longer than 24h";
                return REH_EDATA;
            }
        }
        if (*p == '\0' && next_unit == 0) {
            total = n; /* a bare number of seconds */
            break;
        }
        while (next_unit < sizeof units / sizeof units[0] && units[next_unit].unit != *p)
            next_unit++;
        if (next_unit == sizeof units / sizeof units[0]) {
            *why = DURATION_EXPECTED;
            return REH_EDATA;
        }
        if (components++ > 0 && n >= 60) {
            /* 1m60s or 1h90m: the smaller unit must stay below the next one */
            *why = units[next_unit].unit == 's'
                       ? "seconds after minutes or hours must be below 60; carry them over "
                         "(1m60s is 2m)"
                       : "minutes after hours must be below 60; carry them over (1h60m is 2h)";
            return REH_EDATA;
        }
        total += n * units[next_unit++].scale;
        p++;
    }
    if (total == 0) {
        *why = "a duration must be longer than zero";
        return REH_EDATA;
    }
    if (total > DURATION_MAX_S) {
        *why = "a duration cannot be longer than 24h";
        return REH_EDATA;
    }
    *seconds = (unsigned)total;
    return REH_OK;
}

char *duration_format(unsigned seconds, char *buf, size_t size)
{
    unsigned h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
    size_t n = 0;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (seconds == 0) {
        snprintf(buf, size, "0s");
        return buf;
    }
    if (h > 0)
        n += (size_t)snprintf(buf + n, size - n, "%uh", h);
    if (m > 0 && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%um", m);
    if (s > 0 && n < size)
        snprintf(buf + n, size - n, "%us", s);
    return buf;
}

char *duration_clock(double seconds, char *buf, size_t size)
{
    double whole = floor(fabs(seconds));
    unsigned long t = whole > 1e9 ? 1000000000ul : (unsigned long)whole;
    if (t >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, size, "%lu:%02lu", t / 60, t % 60);
    return buf;
}

char *duration_limit(unsigned seconds, char *buf, size_t size)
{
    if (seconds > 0)
        return duration_clock(seconds, buf, size);
    snprintf(buf, size, "no limit");
    return buf;
}
