/* atomic_file: open_temp, fsync and rename for writing; one read(2) loop
 * for reading. */
#include "atomic_file.h"
#include "../core/rng.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* mkdir -p of `path` with mode 0700 for what it creates. */
int atomic_file_make_dirs(const char *path, struct diag *err)
{
    char buf[PATH_MAX];
    size_t len = strlen(path);
    if (len >= sizeof buf)
        return diag_set(err, REH_EIO, "%s: path too long", path);
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return diag_set(err, REH_EIO,
                            "cannot create %s: %s; set REHEARSE_HOME to a writable directory", buf,
                            strerror(errno));
        *p = c;
        if (c == '\0')
            break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return diag_set(err, REH_EIO,
                        "cannot create %s: %s; set REHEARSE_HOME to a writable directory", path,
                        stat(path, &st) != 0 ? strerror(errno) : "not a directory");
    return REH_OK;
}

int atomic_file_open_dir(const char *dir, int flags, int *fd, struct diag *err)
{
    *fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | flags);
    if (*fd < 0)
        return diag_set(err, REH_EIO, "cannot open %s: %s", dir, strerror(errno));
    return REH_OK;
}

/* Writes all of data; errno tells why when it cannot. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return REH_EIO;
        data += n;
        len -= (size_t)n;
    }
    return REH_OK;
}

/* Creates a new temporary file ".<name>.XXXXXX.tmp" in the directory, never
 * an existing one (O_EXCL), so that writers of the same file never share
 * one. Returns the descriptor, or -1 with errno set. */
static int open_temp(int dirfd, const char *name, char tmp[NAME_MAX + 1])
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static unsigned calls;
    struct timespec now;
    struct rng rng;
    clock_gettime(CLOCK_REALTIME, &now);
    rng_seed(&rng, (uint64_t)getpid() << 32 ^ (uint64_t)now.tv_nsec ^ (uint64_t)now.tv_sec << 20 ^
                       ++calls);
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        for (size_t i = 0; i < 6; i++)
            suffix[i] = letters[rng_below(&rng, sizeof letters - 1)];
        suffix[6] = '\0';
        if (snprintf(tmp, NAME_MAX + 1, ".%s.%s.tmp", name, suffix) > NAME_MAX) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* Whether `name` is what open_temp makes: ".NAME.XXXXXX.tmp". */
static int is_temporary(const char *name)
{
    size_t len = strlen(name);
    return name[0] == '.' && len >= 13 && strcmp(name + len - 4, ".tmp") == 0 &&
           name[len - 11] == '.';
}

size_t atomic_file_remove_temporaries(int dirfd)
{
    size_t removed = 0;
    int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *ent;
    if (dir == NULL) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    while ((ent = readdir(dir)) != NULL)
        if (is_temporary(ent->d_name) && unlinkat(dirfd, ent->d_name, 0) == 0)
            removed++;
    closedir(dir);
    return removed;
}

int atomic_file_write(int dirfd, const char *dir, const char *name, const char *data, size_t len,
                      struct diag *err)
{
    char tmp[NAME_MAX + 1];
    int fd, rc = REH_OK, created;
    fd = open_temp(dirfd, name, tmp);
    created = fd >= 0;
    if (fd < 0 || write_all(fd, data, len) != REH_OK || fsync(fd) != 0) {
        rc = diag_set(err, REH_EIO, "cannot write %s/%s: %s", dir, name, strerror(errno));
        goto done;
    }
    int closed = close(fd);
    fd = -1;
    if (closed != 0 || renameat(dirfd, tmp, dirfd, name) != 0) {
        rc = diag_set(err, REH_EIO, "cannot write %s/%s: %s", dir, name, strerror(errno));
        goto done;
    }
    created = 0; /* it is the file now */
    if (fsync(dirfd) != 0)
        rc = diag_set(err, REH_EIO, "cannot write %s/%s: %s", dir, name, strerror(errno));
done:
    if (fd >= 0)
        close(fd);
    if (created)
        unlinkat(dirfd, tmp, 0);
    return rc;
}

int atomic_file_read(const char *path, char **text, size_t *len, struct diag *err)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    *text = NULL;
    *len = 0;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size > ATOMIC_FILE_MAX_READ ||
        (*text = malloc((size_t)st.st_size + 1)) == NULL) {
        int saved = errno ? errno : EFBIG;
        if (fd >= 0)
            close(fd);
        diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(saved));
        errno = saved; /* for the caller to tell a missing file */
        return REH_EIO;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, *text + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    (*text)[got] = '\0';
    *len = got;
    return REH_OK;
}
