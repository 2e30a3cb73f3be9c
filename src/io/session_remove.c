/* session_remove: rename, then unlink each file and remove the directory. */
#include "session_remove.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Removes every file in `path` and the directory itself; a directory that
 * is not there is fine. Returns REH_OK or REH_EIO. */
static int clear(const char *path, struct diag *err)
{
    DIR *dir = opendir(path);
    if (dir == NULL)
        return errno == ENOENT
                   ? REH_OK
                   : diag_set(err, REH_EIO, "cannot open %s: %s", path, strerror(errno));
    struct dirent *ent;
    int rc = REH_OK;
    errno = 0;
    while (rc == REH_OK && (ent = readdir(dir)) != NULL) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        if (unlinkat(dirfd(dir), ent->d_name, 0) != 0)
            rc = diag_set(err, REH_EIO, "cannot remove %s/%s: %s", path, ent->d_name,
                          strerror(errno));
        errno = 0;
    }
    if (rc == REH_OK && errno != 0)
        rc = diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(errno));
    closedir(dir);
    if (rc == REH_OK && rmdir(path) != 0)
        rc = diag_set(err, REH_EIO, "cannot remove %s: %s", path, strerror(errno));
    return rc;
}

int session_remove(const char *dir, struct diag *err)
{
    char hidden[PATH_MAX];
    const char *slash = strrchr(dir, '/');
    int base = slash != NULL ? (int)(slash + 1 - dir) : 0;
    if (snprintf(hidden, sizeof hidden, "%.*s" SESSION_REMOVE_PREFIX "%s", base, dir, dir + base) >=
        (int)sizeof hidden)
        return diag_set(err, REH_EIO, "cannot remove %s: the path is too long", dir);
    int rc = clear(hidden, err); /* what a removal cut short left */
    if (rc != REH_OK)
        return rc;
    if (rename(dir, hidden) != 0)
        return diag_set(err, REH_EIO, "cannot remove %s: %s", dir, strerror(errno));
    return clear(hidden, err);
}
