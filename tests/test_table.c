/* Table layout for a screen width: which columns a narrow screen drops, in
 * which order, how far the shortenable column is cut, and the rows built to
 * those widths (exact text, ellipsis included); the takes of an answer laid
 * out side by side with them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/table.h"
#include "core/take_compare.h"

#include <stdlib.h>
#include <string.h>

/* The columns of `rehearse sessions` at their widest for real session ids. */
static const struct table_column COLS[] = {
    {.heading = "ID", .width = 34},
    {.heading = "DATE", .width = 16, .drop = 5},
    {.heading = "SCENARIO", .width = 32, .min = 12, .drop = 1},
    {.heading = "MODE", .width = 6, .drop = 4},
    {.heading = "DONE", .width = 5, .right = 1},
    {.heading = "TIME", .width = 11, .drop = 2, .right = 1},
    {.heading = "RATING", .width = 6, .drop = 3, .right = 1},
    {.heading = "STATUS", .width = 11},
};
#define N_COLS (sizeof COLS / sizeof COLS[0])

static void fits_each_width(void **state)
{
    (void)state;
    static const struct {
        size_t screen, row;
        size_t shown[N_COLS];
    } cases[] = {
        {200, 135, {34, 16, 32, 6, 5, 11, 6, 11}}, /* everything, nothing cut */
        {0, 135, {34, 16, 32, 6, 5, 11, 6, 11}},   /* no limit: a pipe */
        {135, 135, {34, 16, 32, 6, 5, 11, 6, 11}}, /* exactly */
        {110, 110, {34, 0, 25, 6, 5, 11, 6, 11}},  /* the date goes, the title is cut */
        {80, 80, {34, 0, 24, 0, 5, 0, 0, 11}},     /* then the mode, rating and time */
        {60, 54, {34, 0, 0, 0, 5, 0, 0, 11}},      /* then the title */
        {20, 54, {34, 0, 0, 0, 5, 0, 0, 11}},      /* what is never dropped stays */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t shown[N_COLS];
        assert_int_equal(table_layout(COLS, N_COLS, cases[c].screen, shown), cases[c].row);
        assert_memory_equal(shown, cases[c].shown, sizeof shown);
    }
}

static void builds_rows(void **state)
{
    (void)state;
    struct table_column cols[] = {
        {.heading = "ID"},
        {.heading = "TITLE", .min = 6, .drop = 1},
        {.heading = "N", .right = 1},
        {.heading = "STATUS"},
    };
    const char *row[] = {"a-1", "Caf\xc3\xa9 with a long title", "12", "done"};
    size_t shown[4];
    table_measure(cols, 4, row);
    assert_int_equal(cols[1].width, 22);
    assert_int_equal(table_layout(cols, 4, 24, shown), 24);
    char *heading = table_row(cols, 4, shown, NULL);
    char *line = table_row(cols, 4, shown, row);
    assert_string_equal(heading, "ID   TITLE     N  STATUS");
    assert_string_equal(line, "a-1  Caf\xc3\xa9 w\xe2\x80\xa6  12  done");
    free(heading);
    free(line);
    assert_int_equal(table_layout(cols, 4, 15, shown), 15);
    line = table_row(cols, 4, shown, row);
    assert_string_equal(line, "a-1  12  done");
    free(line);
    /* empty cells at the end leave no spaces; one in the middle keeps its room */
    const char *sparse[] = {"", "", "", "done"}, *trailing[] = {"a-1", "", "", ""};
    line = table_row(cols, 4, shown, sparse);
    assert_string_equal(line, "         done");
    free(line);
    line = table_row(cols, 4, shown, trailing);
    assert_string_equal(line, "a-1");
    free(line);
}

/* The takes of an answer side by side: the analyzed one (the last) with its
 * pace and fillers, the earlier one without; the time of the last is what
 * the answer used after the earlier takes. */
static void compares_takes(void **state)
{
    (void)state;
    struct analysis an = {
        .n_words = 12, .words_per_minute = 142, .filler_count = 3, .fillers_per_min = 1.5};
    struct transcript_take earlier = {.text = "um so", .elapsed_s = 20};
    struct transcript_answer a = {.text = "a caf\xc3\xa9 with three\nlines",
                                  .elapsed_s = 85,
                                  .analysis = &an,
                                  .takes = &earlier,
                                  .n_takes = 1};
    char *out = take_compare(&a, NULL, 0);
    assert_string_equal(out, "         Take 1        Take 2 (kept)\n"
                             "Time     0:20          1:05\n"
                             "Words    2             5\n"
                             "Pace     not analyzed  142 words a minute\n"
                             "Fillers  not analyzed  3 (1.5 a minute)\n");
    free(out);
    out = take_compare(&a, NULL, 30);
    assert_string_equal(out, "Take 1\n"
                             "  Time     0:20\n"
                             "  Words    2\n"
                             "  Pace     not analyzed\n"
                             "  Fillers  not analyzed\n"
                             "Take 2 (kept)\n"
                             "  Time     1:05\n"
                             "  Words    5\n"
                             "  Pace     142 words a minute\n"
                             "  Fillers  3 (1.5 a minute)\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fits_each_width),
        cmocka_unit_test(builds_rows),
        cmocka_unit_test(compares_takes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
