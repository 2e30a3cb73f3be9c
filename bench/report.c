/* report: the rows of the benchmark table. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>

void bench_row(const char *figure, const char *target, const char *baseline, const char *fmt, ...)
{
    char value[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(value, sizeof value, fmt, ap);
    va_end(ap);
    printf("%s\t%s\t%s\t%s\n", figure, value, target, baseline);
    fflush(stdout);
}
