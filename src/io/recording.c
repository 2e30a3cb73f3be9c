/* recording: opens a recording with O_NOFOLLOW | O_NONBLOCK relative to its
 * session directory and looks at what it is before anyone reads it. */
#include "recording.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int not_regular(const char *path, mode_t mode, struct diag *err)
{
    const char *kind = S_ISLNK(mode)                    ? "a symbolic link"
                       : S_ISFIFO(mode)                 ? "a FIFO"
                       : S_ISDIR(mode)                  ? "a directory"
                       : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                       : S_ISSOCK(mode)                 ? "a socket"
                                                        : "not a regular file";
    return diag_set(err, REH_EIO,
                    "cannot read %s: it is %s; a recording must be a regular file of the "
                    "session directory",
                    path, kind);
}

int recording_path(const char *dir, const char *name, char *path, size_t size, struct diag *err)
{
    struct stat st;
    int rc = REH_OK, dirfd = -1, fd = -1;
    snprintf(path, size, "%s/%s", dir, name);
    if (name[0] == '\0' || strchr(name, '/') != NULL || strcmp(name, "..") == 0 ||
        strcmp(name, ".") == 0)
        return diag_set(err, REH_EIO,
                        "cannot read %s: a recording must be a file of the session directory",
                        path);
    dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    /* Looked at before it is opened, so that a device is not even opened. */
    if (dirfd < 0 || fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        rc = diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = not_regular(path, st.st_mode, err);
    else if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0 ||
             fstat(fd, &st) != 0)
        rc = diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode)) /* replaced in between */
        rc = not_regular(path, st.st_mode, err);
    if (fd >= 0)
        close(fd);
    if (dirfd >= 0)
        close(dirfd);
    return rc;
}

/* Checks one recording's file, when it has one and it is there: a missing
 * one is for the command that reads it to say, and stops nothing else. */
static int check_one(const char *dir, const char *name, struct diag *err)
{
    char path[4096];
    struct stat st;
    if (name == NULL)
        return REH_OK;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (strchr(name, '/') == NULL && lstat(path, &st) != 0 && errno == ENOENT)
        return REH_OK;
    return recording_path(dir, name, path, sizeof path, err);
}

struct checking {
    const char *dir;
    struct diag *err;
};

static int check_recording(const struct transcript_audio *audio, void *ctx)
{
    const struct checking *c = ctx;
    return check_one(c->dir, audio->file, c->err);
}

int recording_check_all(const char *dir, const struct transcript *t, struct diag *err)
{
    struct checking c = {dir, err};
    return transcript_each_recording(t, check_recording, &c) != REH_OK ? REH_EIO : REH_OK;
}

/* Whether the regular files open at a and b hold the same bytes. */
static int same_bytes(int a, int b)
{
    char x[8192], y[sizeof x];
    struct stat sa, sb;
    if (fstat(a, &sa) != 0 || fstat(b, &sb) != 0 || sa.st_size != sb.st_size)
        return 0;
    for (;;) {
        ssize_t n = read(a, x, sizeof x);
        if (n <= 0)
            return n == 0;
        if (read(b, y, (size_t)n) != n || memcmp(x, y, (size_t)n) != 0)
            return 0;
    }
}

int recording_copy(const char *dir, const char *name, const char *to, struct diag *err)
{
    char from[4096], dest[4096], buf[65536];
    int rc = recording_path(dir, name, from, sizeof from, err), in = -1, out = -1;
    snprintf(dest, sizeof dest, "%s/%s", to, name);
    if (rc != REH_OK)
        return rc;
    in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    out = in < 0 ? -1 : open(dest, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (in < 0) {
        rc = diag_set(err, REH_EIO, "cannot read %s: %s", from, strerror(errno));
    } else if (out < 0 && errno == EEXIST) {
        int there = open(dest, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (there < 0 || !same_bytes(in, there))
            rc = diag_set(err, REH_EIO,
                          "cannot copy %s: %s exists and is not this recording; choose an "
                          "empty folder",
                          name, dest);
        if (there >= 0)
            close(there);
    } else if (out < 0) {
        rc = diag_set(err, REH_EIO, "cannot write %s: %s", dest, strerror(errno));
    } else {
        ssize_t n;
        errno = 0;
        while ((n = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                break;
        if (n != 0 || fsync(out) != 0) {
            rc = diag_set(err, REH_EIO, "cannot copy %s to %s: %s", from, dest,
                          errno ? strerror(errno) : "short write");
            unlink(dest);
        }
    }
    if (out >= 0 && close(out) != 0 && rc == REH_OK) {
        rc = diag_set(err, REH_EIO, "cannot write %s: %s", dest, strerror(errno));
        unlink(dest);
    }
    if (in >= 0)
        close(in);
    return rc;
}
