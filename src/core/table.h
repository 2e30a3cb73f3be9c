/* table: a table of text laid out for a screen of a given width: which
 * columns are shown and how wide (the least useful dropped first, the
 * shortenable ones cut with an ellipsis), and its rows built to those
 * widths. Widths are terminal columns as core/text.h counts them. */
#ifndef REHEARSE_TABLE_H
#define REHEARSE_TABLE_H

#include <stddef.h>

/* The spaces between two columns. */
#define TABLE_GAP 2

struct table_column {
    const char *heading;
    size_t width;  /* the widest cell, heading included (table_measure) */
    size_t min;    /* 0: never shortened; else it may be cut down to this */
    unsigned drop; /* 0: always shown; else dropped when the row does not fit, highest first */
    int right;     /* aligned right */
};

/* Widens each of the n columns to its heading and to the cell of `cells`
 * (one a column) in it. */
void table_measure(struct table_column *cols, size_t n, const char *const *cells);

/* Lays out the n columns for a screen `screen` columns wide (0: no limit)
 * into shown[] (each column's width, 0 when it is dropped): columns are
 * dropped, highest `drop` first, until the row fits with the shortenable
 * ones at their `min`; these then get back the room left, up to their
 * width. When only the columns never dropped are left the row may still be
 * wider than the screen. Returns the width of the row. */
size_t table_layout(const struct table_column *cols, size_t n, size_t screen, size_t *shown);

/* The row of `cells` (one a column; NULL: the headings) as laid out in
 * shown: each shown cell cut to its width (text_fit) and padded to it,
 * TABLE_GAP spaces between, no spaces at the end. A new string the caller
 * frees, or NULL when out of memory. */
char *table_row(const struct table_column *cols, size_t n, const size_t *shown,
                const char *const *cells);

#endif
