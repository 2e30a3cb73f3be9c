/* take_compare: a row of cells for each figure, a column for each take,
 * laid out by core/table. */
#include "take_compare.h"
#include "duration.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum figure { FIG_TIME, FIG_WORDS, FIG_TERMS, FIG_MISSED, FIG_PACE, FIG_FILLERS, N_FIGURES };

/* Narrower columns than this put the takes one under the other. */
#define TAKE_COLUMN_MIN 16

static const char *const LABELS[N_FIGURES] = {"Time",   "Words", "Key terms",
                                              "Missed", "Pace",  "Fillers"};

/* One take as compared: its text, time and analysis (NULL: not analyzed). */
struct compared {
    const char *text;
    double elapsed_s;
    const struct analysis *analysis;
};

/* Whether the last take of a names key term i of q: in its words, or
 * marked as named by the user. */
static int named(const struct transcript_answer *a, const struct compared *take, int last,
                 const struct question *q, size_t i)
{
    for (size_t k = 0; last && k < a->n_terms_confirmed; k++)
        if (strcmp(a->terms_confirmed[k], q->key_terms[i]) == 0)
            return 1;
    return question_names_term(q, i, take->text);
}

/* The cell of figure f for a take, shown as on a terminal; the caller frees
 * it (NULL when out of memory). */
static char *cell(const struct transcript_answer *a, const struct compared *take, int last,
                  const struct question *q, enum figure f)
{
    struct strbuf b = {0};
    char clock[16];
    size_t n = 0;
    switch (f) {
    case FIG_TIME:
        strbuf_printf(&b, "%s", duration_clock(take->elapsed_s, clock, sizeof clock));
        break;
    case FIG_WORDS:
        strbuf_printf(&b, "%zu", text_word_count(take->text));
        break;
    case FIG_TERMS:
        for (size_t i = 0; i < q->n_key_terms; i++)
            n += (size_t)named(a, take, last, q, i);
        strbuf_printf(&b, "%zu of %zu named", n, q->n_key_terms);
        break;
    case FIG_MISSED:
        for (size_t i = 0; i < q->n_key_terms; i++)
            if (!named(a, take, last, q, i))
                strbuf_printf(&b, "%s%s", n++ ? ", " : "", q->key_terms[i]);
        if (n == 0)
            strbuf_printf(&b, "none");
        break;
    case FIG_PACE:
        if (take->analysis == NULL)
            strbuf_printf(&b, "not analyzed");
        else if (analysis_pace_known(take->analysis))
            strbuf_printf(&b, "%.0f words a minute", take->analysis->words_per_minute);
        else
            strbuf_printf(&b, "not known");
        break;
    case FIG_FILLERS:
        if (take->analysis == NULL)
            strbuf_printf(&b, "not analyzed");
        else
            strbuf_printf(&b, "%u (%.1f a minute)", take->analysis->filler_count,
                          take->analysis->fillers_per_min);
        break;
    case N_FIGURES:
        break;
    }
    char *raw = strbuf_finish(&b), *shown = raw != NULL ? text_for_terminal(raw) : NULL;
    free(raw);
    return shown;
}

/* Appends the rows of the figures in `filled`, each cell of a take broken
 * into lines of its column's width in `shown`, the headings first. */
static void side_by_side(struct strbuf *b, const struct table_column *cols, size_t cols_n,
                         const size_t *shown, char **cells, unsigned filled)
{
    char **lines = calloc(cols_n, sizeof *lines); /* a line of each cell */
    char **wrapped = calloc(cols_n, sizeof *wrapped);
    const char **at = calloc(cols_n, sizeof *at); /* where each cell's next line starts */
    char *row = lines != NULL && wrapped != NULL && at != NULL
                    ? table_row(cols, cols_n, shown, NULL)
                    : NULL;
    strbuf_printf(b, "%s\n", row != NULL ? row : "");
    b->failed |= row == NULL;
    free(row);
    for (int f = 0; !b->failed && f < N_FIGURES; f++) {
        if (!(filled & 1u << f))
            continue;
        for (size_t c = 0; c < cols_n; c++)
            at[c] = wrapped[c] =
                c == 0 ? strdup(cells[f * cols_n]) : text_wrap(cells[f * cols_n + c], shown[c], 0);
        for (int more = 1; more && !b->failed;) {
            more = 0;
            for (size_t c = 0; c < cols_n; c++) {
                size_t len = at[c] != NULL ? strcspn(at[c], "\n") : 0;
                lines[c] = at[c] != NULL ? strndup(at[c], len) : NULL;
                b->failed |= lines[c] == NULL;
                if (at[c] != NULL)
                    at[c] = at[c][len] == '\n' ? at[c] + len + 1 : at[c] + len;
                more |= at[c] != NULL && *at[c] != '\0';
            }
            row = b->failed ? NULL : table_row(cols, cols_n, shown, (const char *const *)lines);
            strbuf_printf(b, "%s\n", row != NULL ? row : "");
            b->failed |= row == NULL;
            free(row);
            for (size_t c = 0; c < cols_n; c++)
                free(lines[c]);
        }
        for (size_t c = 0; c < cols_n; c++)
            free(wrapped[c]);
    }
    free(lines);
    free(wrapped);
    free(at);
}

/* Appends each take under the one before: its heading, then its figures in
 * `filled`, the labels in a column `label` wide, the values wrapped to
 * `screen` beside them. */
static void stacked(struct strbuf *b, size_t label, char **headings, size_t n, char **cells,
                    size_t cols_n, unsigned filled, size_t screen)
{
    for (size_t k = 0; k < n; k++) {
        strbuf_printf(b, "%s\n", headings[k]);
        for (int f = 0; f < N_FIGURES; f++) {
            if (!(filled & 1u << f))
                continue;
            char *value = text_wrap(cells[f * cols_n + k + 1], screen, label + 4);
            strbuf_printf(b, "  %-*s  %s\n", (int)label, LABELS[f], value != NULL ? value : "");
            b->failed |= value == NULL;
            free(value);
        }
    }
}

/* Which figures apply: the key terms with some to name, pace and fillers
 * when the answer was analyzed. */
static int applies(const struct transcript_answer *a, const struct question *q, enum figure f)
{
    if (f == FIG_TERMS || f == FIG_MISSED)
        return q != NULL && q->n_key_terms > 0;
    if (f == FIG_PACE || f == FIG_FILLERS)
        return a->analysis != NULL;
    return 1;
}

char *take_compare(const struct transcript_answer *a, const struct question *q, size_t screen)
{
    size_t n = a->n_takes + 1, cols_n = n + 1;
    unsigned filled = 0; /* bit f: figure f has its row */
    struct compared *takes = calloc(n, sizeof *takes);
    struct table_column *cols = calloc(cols_n, sizeof *cols);
    char **headings = calloc(n, sizeof *headings);
    char **cells = calloc(N_FIGURES * cols_n, sizeof *cells);
    size_t *shown = calloc(cols_n, sizeof *shown);
    struct strbuf b = {0};
    char *out = NULL;
    if (takes == NULL || cols == NULL || headings == NULL || cells == NULL || shown == NULL)
        goto done;
    double earlier_s = 0;
    for (size_t k = 0; k < a->n_takes; k++) {
        takes[k] = (struct compared){a->takes[k].text, a->takes[k].elapsed_s, NULL};
        earlier_s += a->takes[k].elapsed_s;
    }
    takes[n - 1] =
        (struct compared){a->text != NULL ? a->text : "",
                          a->elapsed_s > earlier_s ? a->elapsed_s - earlier_s : 0, a->analysis};
    cols[0].heading = "";
    for (size_t k = 0; k < n; k++) {
        struct strbuf h = {0};
        strbuf_printf(&h, k + 1 == n ? "Take %zu (kept)" : "Take %zu", k + 1);
        if ((headings[k] = strbuf_finish(&h)) == NULL)
            goto done;
        cols[k + 1].heading = headings[k];
    }
    for (int f = 0; f < N_FIGURES; f++) {
        if (!applies(a, q, (enum figure)f))
            continue;
        char **row = cells + f * cols_n;
        row[0] = strdup(LABELS[f]);
        for (size_t k = 0; k < n; k++)
            row[k + 1] = cell(a, &takes[k], k + 1 == n, q, (enum figure)f);
        for (size_t c = 0; c < cols_n; c++)
            if (row[c] == NULL)
                goto done;
        table_measure(cols, cols_n, (const char *const *)row);
        filled |= 1u << f;
    }
    size_t natural = table_layout(cols, cols_n, 0, shown);
    size_t room =
        screen > cols[0].width + n * TABLE_GAP ? screen - cols[0].width - n * TABLE_GAP : 0;
    if (screen != 0 && natural > screen && room / n < TAKE_COLUMN_MIN) {
        stacked(&b, cols[0].width, headings, n, cells, cols_n, filled, screen);
    } else {
        for (size_t c = 1; screen != 0 && natural > screen && c < cols_n; c++)
            shown[c] = shown[c] < room / n ? shown[c] : room / n;
        side_by_side(&b, cols, cols_n, shown, cells, filled);
    }
    out = strbuf_finish(&b);
done:
    for (size_t i = 0; cells != NULL && i < N_FIGURES * cols_n; i++)
        free(cells[i]);
    for (size_t k = 0; headings != NULL && k < n; k++)
        free(headings[k]);
    free(takes);
    free(cols);
    free(headings);
    free(cells);
    free(shown);
    free(b.data);
    return out;
}
