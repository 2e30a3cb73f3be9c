/* table: the layout drops whole columns before it shortens the shortenable
 * ones below what fits, so that what is shown stays readable. */
#include "table.h"
#include "strbuf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

void table_measure(struct table_column *cols, size_t n, const char *const *cells)
{
    for (size_t i = 0; i < n; i++) {
        size_t heading = text_columns(cols[i].heading, strlen(cols[i].heading));
        size_t cell = text_columns(cells[i], strlen(cells[i]));
        size_t widest = heading > cell ? heading : cell;
        if (widest > cols[i].width)
            cols[i].width = widest;
    }
}

/* The width of a row of the columns shown. */
static size_t row_width(const size_t *shown, size_t n)
{
    size_t width = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        width += shown[i];
        count += shown[i] != 0;
    }
    return count != 0 ? width + (count - 1) * TABLE_GAP : 0;
}

size_t table_layout(const struct table_column *cols, size_t n, size_t screen, size_t *shown)
{
    for (size_t i = 0; i < n; i++)
        shown[i] = cols[i].min != 0 && cols[i].min < cols[i].width ? cols[i].min : cols[i].width;
    while (screen != 0 && row_width(shown, n) > screen) {
        size_t victim = n;
        for (size_t i = 0; i < n; i++)
            if (shown[i] != 0 && cols[i].drop != 0 &&
                (victim == n || cols[i].drop > cols[victim].drop))
                victim = i;
        if (victim == n)
            break;
        shown[victim] = 0;
    }
    size_t used = row_width(shown, n);
    size_t room = screen == 0 ? (size_t)-1 : screen > used ? screen - used : 0;
    for (size_t i = 0; i < n; i++) {
        if (shown[i] == 0 || cols[i].min == 0)
            continue;
        size_t grow = cols[i].width - shown[i] < room ? cols[i].width - shown[i] : room;
        shown[i] += grow;
        room -= grow;
    }
    return row_width(shown, n);
}

char *table_row(const struct table_column *cols, size_t n, const size_t *shown,
                const char *const *cells)
{
    struct strbuf b = {0};
    size_t pending = 0; /* spaces owed before the next cell */
    int first = 1;
    strbuf_append(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (shown[i] == 0)
            continue;
        char *cell = text_fit(cells != NULL ? cells[i] : cols[i].heading, shown[i]);
        if (cell == NULL) {
            free(strbuf_finish(&b));
            return NULL;
        }
        size_t pad = shown[i] - text_columns(cell, strlen(cell));
        if (!first)
            pending += TABLE_GAP;
        first = 0;
        if (*cell == '\0') { /* its spaces come only before a cell that follows */
            pending += pad;
            free(cell);
            continue;
        }
        if (cols[i].right)
            pending += pad;
        strbuf_printf(&b, "%*s%s", (int)pending, "", cell);
        pending = cols[i].right ? 0 : pad;
        free(cell);
    }
    return strbuf_finish(&b);
}
