/* session_dir: readdir, newest first by id (ids start with the local date and
 * time, so they sort by age). */
#include "session_dir.h"
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int newest_first(const void *a, const void *b)
{
    return -strcmp(*(char *const *)a, *(char *const *)b);
}

void session_dir_free(char **ids)
{
    for (size_t i = 0; ids != NULL && ids[i] != NULL; i++)
        free(ids[i]);
    free(ids);
}

int session_dir_list(const char *home, char ***ids, size_t *count, session_dir_foreign_fn foreign,
                     void *ctx, struct diag *err)
{
    char path[PATH_MAX];
    size_t n = 0, cap = 16;
    char **list = calloc(cap + 1, sizeof *list);
    *ids = NULL;
    *count = 0;
    if (list == NULL)
        return diag_set(err, REH_ENOMEM, "out of memory");
    snprintf(path, sizeof path, "%s/sessions", home);
    DIR *dir = opendir(path);
    if (dir == NULL) {
        if (errno == ENOENT) {
            *ids = list;
            return REH_OK;
        }
        free(list);
        return diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(errno));
    }
    struct dirent *ent;
    int rc = REH_OK;
    while ((ent = readdir(dir)) != NULL) {
        struct stat st;
        if (ent->d_name[0] == '.')
            continue;
        if (fstatat(dirfd(dir), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISDIR(st.st_mode)) {
            char entry[PATH_MAX + 256];
            snprintf(entry, sizeof entry, "%s/%s", path, ent->d_name);
            if (foreign != NULL)
                foreign(entry, ctx);
            continue;
        }
        if (n == cap) {
            char **grown = realloc(list, (cap * 2 + 1) * sizeof *list);
            if (grown == NULL) {
                rc = diag_set(err, REH_ENOMEM, "out of memory");
                break;
            }
            list = grown;
            cap *= 2;
        }
        if ((list[n] = strdup(ent->d_name)) == NULL) {
            rc = diag_set(err, REH_ENOMEM, "out of memory");
            break;
        }
        list[++n] = NULL;
    }
    closedir(dir);
    if (rc != REH_OK) {
        session_dir_free(list);
        return rc;
    }
    qsort(list, n, sizeof *list, newest_first);
    *ids = list;
    *count = n;
    return REH_OK;
}

int session_dir_find(const char *home, const char *spec, char dir[PATH_MAX], struct diag *err)
{
    char **ids;
    size_t n, matches = 0;
    const char *match = NULL;
    int rc = session_dir_list(home, &ids, &n, NULL, NULL, err);
    if (rc != REH_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ids[i], spec) == 0) { /* an exact id wins over prefixes */
            match = ids[i];
            matches = 1;
            break;
        }
        if (strncmp(ids[i], spec, strlen(spec)) == 0) {
            match = ids[i];
            matches++;
        }
    }
    if (matches == 1)
        snprintf(dir, PATH_MAX, "%s/sessions/%s", home, match);
    else if (matches == 0)
        rc = diag_set(err, REH_EDATA,
                      n ? "no session '%s'; `rehearse sessions` lists them"
                        : "no session '%s': there are no sessions yet; `rehearse run` starts one",
                      spec);
    else
        rc = diag_set(err, REH_EDATA, "'%s' matches %zu sessions; give more of the id", spec,
                      matches);
    session_dir_free(ids);
    return rc;
}

int session_dir_last(const char *home, char dir[PATH_MAX], struct transcript *t, struct diag *err)
{
    char **ids;
    size_t n;
    int rc = session_dir_list(home, &ids, &n, NULL, NULL, err);
    if (rc != REH_OK)
        return rc;
    rc = diag_set(err, REH_EDATA,
                  n ? "no session can be read; `rehearse sessions` says what is wrong"
                    : "no session 'last': there are no sessions yet; `rehearse run` starts one");
    for (size_t i = 0; i < n && rc != REH_OK; i++) {
        struct diag ignored;
        snprintf(dir, PATH_MAX, "%.*s/sessions/%s", PATH_MAX - 200, home, ids[i]);
        rc = store_load(dir, t, &ignored);
        if (rc != REH_OK)
            transcript_free(t);
    }
    session_dir_free(ids);
    return rc;
}
