/* report: a row of the benchmark table (figure, value, target, baseline
 * ratio), written tab-separated on stdout; bench/run lays the rows of every
 * benchmark out as one table. */
#ifndef REHEARSE_BENCH_REPORT_H
#define REHEARSE_BENCH_REPORT_H

/* The value is formatted like printf; `target` and `baseline` are text
 * ("-" when there is none). */
void bench_row(const char *figure, const char *target, const char *baseline, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
