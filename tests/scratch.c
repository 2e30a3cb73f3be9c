/* scratch: mkdtemp and rm -rf for the unit tests. */
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>

int scratch_make(char dir[SCRATCH_MAX], const char *what)
{
    snprintf(dir, SCRATCH_MAX, "/tmp/rehearse-%s-XXXXXX", what);
    return mkdtemp(dir) == NULL ? -1 : 0;
}

int scratch_remove(const char *dir)
{
    char cmd[SCRATCH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}
