/* schedule: items kept sorted by id and found by binary search; SM-2 in
 * integer hundredths of ease; picks gathered per reason in bank order, then
 * sorted (due, ahead) or shuffled (new). */
#include "schedule.h"
#include "diag.h"
#include "rng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void schedule_init(struct schedule *s)
{
    memset(s, 0, sizeof *s);
}

void schedule_free(struct schedule *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->items[i].id);
    free(s->items);
    schedule_init(s);
}

/* The index of the first item whose id is not below `id`. */
static size_t lower_bound(const struct schedule *s, const char *id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->items[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int found_at(const struct schedule *s, size_t at, const char *id)
{
    return at < s->n && strcmp(s->items[at].id, id) == 0;
}

const struct schedule_item *schedule_find(const struct schedule *s, const char *id)
{
    size_t at = lower_bound(s, id);
    return found_at(s, at, id) ? &s->items[at] : NULL;
}

/* Opens a zeroed item with a copy of `id` at index `at`; NULL (schedule
 * unchanged) when out of memory. */
static struct schedule_item *insert(struct schedule *s, size_t at, const char *id)
{
    char *copy = strdup(id);
    if (copy == NULL)
        return NULL;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        struct schedule_item *grown = realloc(s->items, cap * sizeof *grown);
        if (grown == NULL) {
            free(copy);
            return NULL;
        }
        s->items = grown;
        s->cap = cap;
    }
    memmove(&s->items[at + 1], &s->items[at], (s->n - at) * sizeof *s->items);
    s->n++;
    memset(&s->items[at], 0, sizeof s->items[at]);
    s->items[at].id = copy;
    return &s->items[at];
}

/* SM-2 on one item, in hundredths of ease. */
static void apply(struct schedule_item *it, int day, int grade)
{
    long d = 5 - grade;
    long min = lround(SCHEDULE_EASE_MIN * 100);
    long ease = lround(it->ease * 100) + 10 - d * (8 + d * 2);
    if (ease < min)
        ease = min;
    if (grade < 3) {
        it->reps = 0;
        it->interval_days = 1;
    } else {
        it->reps++;
        if (it->reps == 1) {
            it->interval_days = 1;
        } else if (it->reps == 2) {
            it->interval_days = 6;
        } else {
            long long next = ((long long)it->interval_days * ease + 50) / 100;
            it->interval_days = next > SCHEDULE_MAX_INTERVAL ? SCHEDULE_MAX_INTERVAL : (int)next;
        }
    }
    it->ease = (double)ease / 100;
    it->due_day = day + it->interval_days;
    it->last_day = day;
    it->last_grade = grade;
    it->reviews++;
}

int schedule_review(struct schedule *s, const char *id, int day, int grade, int provisional)
{
    if (grade < 0 || grade > 5)
        return REH_EDATA;
    size_t at = lower_bound(s, id);
    struct schedule_item *it;
    if (found_at(s, at, id)) {
        it = &s->items[at];
    } else {
        if ((it = insert(s, at, id)) == NULL)
            return REH_ENOMEM;
        it->ease = SCHEDULE_EASE_START;
        it->first_day = day;
    }
    apply(it, day, grade);
    it->provisional = provisional;
    return REH_OK;
}

int schedule_set(struct schedule *s, const struct schedule_item *item)
{
    size_t at = lower_bound(s, item->id);
    struct schedule_item *it = found_at(s, at, item->id) ? &s->items[at] : insert(s, at, item->id);
    if (it == NULL)
        return REH_ENOMEM;
    char *id = it->id;
    *it = *item;
    it->id = id;
    return REH_OK;
}

int schedule_grade(int rating, int has_coverage, double coverage_fraction, int answered)
{
    if (rating >= 1 && rating <= 5)
        return rating;
    if (has_coverage) {
        double f = coverage_fraction > 0 ? coverage_fraction : 0; /* NaN too */
        return (int)lround(5 * (f < 1 ? f : 1));
    }
    return answered ? 3 : 0;
}

struct candidate {
    const char *id; /* the caller's */
    const struct schedule_item *item;
};

/* The order of x and y for qsort: negative, 0 or positive. */
static int order(double x, double y)
{
    return (x > y) - (x < y);
}

/* Lower ease, then lower last grade, then earlier due day, then id. */
static int weaker_first(const void *x, const void *y)
{
    const struct schedule_item *a = ((const struct candidate *)x)->item;
    const struct schedule_item *b = ((const struct candidate *)y)->item;
    int c = order(a->ease, b->ease);
    c = c ? c : order(a->last_grade, b->last_grade);
    c = c ? c : order(a->due_day, b->due_day);
    return c ? c : strcmp(a->id, b->id);
}

/* Earlier due day, then lower ease, then id. */
static int sooner_first(const void *x, const void *y)
{
    const struct schedule_item *a = ((const struct candidate *)x)->item;
    const struct schedule_item *b = ((const struct candidate *)y)->item;
    int c = order(a->due_day, b->due_day);
    c = c ? c : order(a->ease, b->ease);
    return c ? c : strcmp(a->id, b->id);
}

/* Fills c with the bank's questions of `reason` in bank order; returns how
 * many. */
static size_t gather(const struct schedule *s, const char *const *ids, size_t n, int today,
                     enum schedule_reason reason, struct candidate *c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const struct schedule_item *it = schedule_find(s, ids[i]);
        enum schedule_reason r = it == NULL             ? SCHEDULE_NEW
                                 : it->due_day <= today ? SCHEDULE_DUE
                                                        : SCHEDULE_AHEAD;
        if (r == reason)
            c[k++] = (struct candidate){ids[i], it};
    }
    return k;
}

/* Appends the first k candidates to out, as long as there is room. */
static void take(struct schedule_pick *out, size_t *n_out, size_t n_wanted,
                 const struct candidate *c, size_t k, enum schedule_reason reason)
{
    for (size_t i = 0; i < k && *n_out < n_wanted; i++)
        out[(*n_out)++] = (struct schedule_pick){c[i].id, reason};
}

int schedule_pick(const struct schedule *s, const char *const *bank_ids, size_t n_bank, int today,
                  size_t n_wanted, uint64_t seed, struct schedule_pick *out, size_t *n_out)
{
    struct candidate *c = malloc((n_bank ? n_bank : 1) * sizeof *c);
    size_t started = 0;
    struct rng rng;

    *n_out = 0;
    if (c == NULL)
        return REH_ENOMEM;

    size_t k = gather(s, bank_ids, n_bank, today, SCHEDULE_DUE, c);
    qsort(c, k, sizeof *c, weaker_first);
    take(out, n_out, n_wanted, c, k, SCHEDULE_DUE);

    for (size_t i = 0; i < s->n; i++)
        started += s->items[i].first_day == today;
    size_t quota = started < SCHEDULE_NEW_PER_DAY ? SCHEDULE_NEW_PER_DAY - started : 0;
    k = gather(s, bank_ids, n_bank, today, SCHEDULE_NEW, c);
    if (quota > n_wanted - *n_out)
        quota = n_wanted - *n_out;
    rng_seed(&rng, seed);
    for (size_t i = 0; i < quota && i < k; i++) { /* partial Fisher-Yates */
        size_t j = i + (size_t)rng_below(&rng, k - i);
        struct candidate t = c[i];
        c[i] = c[j];
        c[j] = t;
    }
    take(out, n_out, n_wanted, c, quota < k ? quota : k, SCHEDULE_NEW);

    k = gather(s, bank_ids, n_bank, today, SCHEDULE_AHEAD, c);
    qsort(c, k, sizeof *c, sooner_first);
    take(out, n_out, n_wanted, c, k, SCHEDULE_AHEAD);

    free(c);
    return REH_OK;
}

/* Days from 1970-01-01 to a proleptic Gregorian date, counted in eras of
 * 400 years (146097 days), March-based years so that leap days fall last. */
static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = y / 400, yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

int schedule_day(const char *date)
{
    int dashed = strlen(date) >= 10 && date[4] == '-' && date[7] == '-';
    if (!dashed && strlen(date) < 8)
        return -1;
    int y = digits(date, 4), m = digits(date + 4 + dashed, 2), d = digits(date + 6 + 2 * dashed, 2);
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1])
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return -1;
    return days_from_civil(y, m, d);
}

char *schedule_date(int day, char out[11])
{
    day = day < 0 ? 0 : day > 2932896 ? 2932896 : day; /* 1970-01-01 to 9999-12-31 */
    int z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
    unsigned year = (unsigned)(yoe + era * 400 + (m <= 2));
    snprintf(out, 11, "%04u-%02u-%02u", year % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
    return out;
}

const char *schedule_reason_name(enum schedule_reason reason)
{
    static const char *const names[] = {
        [SCHEDULE_DUE] = "due",
        [SCHEDULE_NEW] = "new",
        [SCHEDULE_AHEAD] = "ahead",
    };
    return names[reason];
}
