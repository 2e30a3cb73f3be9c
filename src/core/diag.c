/* diag: formatting of error messages and their exit codes. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

int diag_at(struct diag *d, const char *file, size_t line, size_t col, const char *fmt, ...)
{
    int n = snprintf(d->message, sizeof d->message, "%s:%zu:%zu: ", file, line, col);
    if (n < 0 || (size_t)n >= sizeof d->message)
        return REH_EDATA;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message + n, sizeof d->message - (size_t)n, fmt, ap);
    va_end(ap);
    return REH_EDATA;
}

int diag_set(struct diag *d, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
    return status;
}

int diag_exit_code(int status)
{
    if (status == REH_OK)
        return 0;
    return status == REH_EDATA ? 65 : 1;
}
