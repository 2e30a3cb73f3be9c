/* scratch: the temporary directories of the unit tests, made under /tmp
 * and removed with everything in them. */
#ifndef REHEARSE_TEST_SCRATCH_H
#define REHEARSE_TEST_SCRATCH_H

#define SCRATCH_MAX 64

/* Makes /tmp/rehearse-<what>-XXXXXX (mode 0700) and writes its path into
 * dir. Returns 0, or -1 with errno set. */
int scratch_make(char dir[SCRATCH_MAX], const char *what);

/* Removes dir and everything in it. Returns 0 or -1. */
int scratch_remove(const char *dir);

#endif
