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

/* The recordings of answer a, of its earlier takes and of its follow-ups. */
static int check_answer(const char *dir, const struct transcript_answer *a, struct diag *err)
{
    if (check_one(dir, a->audio.file, err) != REH_OK)
        return REH_EIO;
    for (size_t k = 0; k < a->n_takes; k++)
        if (check_one(dir, a->takes[k].audio.file, err) != REH_OK)
            return REH_EIO;
    for (size_t k = 0; k < a->n_follow_ups; k++)
        if (check_answer(dir, &a->follow_ups[k], err) != REH_OK)
            return REH_EIO;
    return REH_OK;
}

int recording_check_all(const char *dir, const struct transcript *t, struct diag *err)
{
    for (size_t i = 0; i < t->n_answers; i++)
        if (check_answer(dir, &t->answers[i], err) != REH_OK)
            return REH_EIO;
    return REH_OK;
}
