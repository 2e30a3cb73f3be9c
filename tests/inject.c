/* inject: an LD_PRELOAD library that makes chosen file-system calls fail, to
 * prove that a full disk or a failing rename loses nothing already saved.
 *
 *   INJECT_CALL   write | fsync | renameat
 *   INJECT_PATH   the call fails only on files whose path matches this
 *                 shell pattern (fnmatch; `*` matches `/` too)
 *   INJECT_ERRNO  ENOSPC | EIO
 *   INJECT_AFTER  let this many matching calls succeed first (default 0)
 *   INJECT_TIMES  fail this many calls, then succeed again (default: all)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int matching_calls;

/* Whether the call named `call` on `path` is to fail now. */
static int should_fail(const char *call, const char *path)
{
    const char *want = getenv("INJECT_CALL"), *pattern = getenv("INJECT_PATH");
    const char *after = getenv("INJECT_AFTER"), *times = getenv("INJECT_TIMES");
    if (want == NULL || pattern == NULL || strcmp(want, call) != 0 || path == NULL)
        return 0;
    if (fnmatch(pattern, path, 0) != 0)
        return 0;
    int skip = after ? atoi(after) : 0, n = matching_calls++;
    if (n < skip || (times != NULL && n >= skip + atoi(times)))
        return 0;
    const char *e = getenv("INJECT_ERRNO");
    errno = e != NULL && strcmp(e, "EIO") == 0 ? EIO : ENOSPC;
    return 1;
}

static const char *fd_path(int fd, char *buf, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, size - 1);
    if (n < 0)
        return NULL;
    buf[n] = '\0';
    return buf;
}

ssize_t write(int fd, const void *data, size_t len)
{
    static ssize_t (*real)(int, const void *, size_t);
    char path[PATH_MAX];
    if (real == NULL)
        real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (fd > 2 && should_fail("write", fd_path(fd, path, sizeof path)))
        return -1;
    return real(fd, data, len);
}

int fsync(int fd)
{
    static int (*real)(int);
    char path[PATH_MAX];
    if (real == NULL)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (should_fail("fsync", fd_path(fd, path, sizeof path)))
        return -1;
    return real(fd);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
    static int (*real)(int, const char *, int, const char *);
    if (real == NULL)
        real = (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    if (should_fail("renameat", newpath))
        return -1;
    return real(olddirfd, oldpath, newdirfd, newpath);
}
