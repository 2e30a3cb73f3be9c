/* store: session directories, and session.json and transcript.md in them. */
#include "store.h"
#include "atomic_file.h"
#include "../core/transcript_md.h"
#include "session_codec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int store_open(struct store *st, const char *dir, struct diag *err)
{
    memset(st, 0, sizeof *st);
    const char *slash = strrchr(dir, '/');
    snprintf(st->id, sizeof st->id, "%s", slash ? slash + 1 : dir);
    snprintf(st->dir, sizeof st->dir, "%s", dir);
    return atomic_file_open_dir(dir, O_NOFOLLOW, &st->dirfd, err);
}

int store_create(struct store *st, const char *home, const char *scenario_id, time_t now,
                 struct diag *err)
{
    char sessions[PATH_MAX], stamp[32];
    struct tm tm;
    memset(st, 0, sizeof *st);
    st->dirfd = -1;
    if (snprintf(sessions, sizeof sessions, "%s/sessions", home) >= (int)sizeof sessions)
        return diag_set(err, REH_EIO, "%s: path too long", home);
    int rc = atomic_file_make_dirs(sessions, err);
    if (rc != REH_OK)
        return rc;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (unsigned n = 1; n < 1000; n++) {
        char suffix[16] = "";
        if (n > 1)
            snprintf(suffix, sizeof suffix, "-%u", n);
        int len = snprintf(st->id, sizeof st->id, "%s-%.64s%s", stamp, scenario_id, suffix);
        if (len < 0 || len >= (int)sizeof st->id ||
            snprintf(st->dir, sizeof st->dir, "%s/%s", sessions, st->id) >= (int)sizeof st->dir)
            return diag_set(err, REH_EIO, "%s: path too long", sessions);
        if (mkdir(st->dir, 0700) == 0)
            break;
        if (errno != EEXIST)
            return diag_set(err, REH_EIO,
                            "cannot create %s: %s; set REHEARSE_HOME to a writable directory",
                            st->dir, strerror(errno));
    }
    return atomic_file_open_dir(st->dir, O_NOFOLLOW, &st->dirfd, err);
}

size_t store_remove_temporaries(const struct store *st)
{
    return atomic_file_remove_temporaries(st->dirfd);
}

int store_write_file(struct store *st, const char *name, const char *data, size_t len,
                     struct diag *err)
{
    return atomic_file_write(st->dirfd, st->dir, name, data, len, err);
}

int store_save(struct store *st, const struct transcript *t, struct diag *err)
{
    json_t *root = NULL;
    char *json = NULL, *md = NULL, *line;
    struct diag why;
    int rc = session_codec_encode(t, &root, &why);
    if (rc == REH_EDATA) {
        rc = diag_set(err, rc, "cannot save %s: %s", st->dir, why.message);
        goto done;
    }
    if (rc == REH_OK && (json = json_dumps(root, SESSION_CODEC_DUMP_FLAGS)) != NULL)
        md = transcript_markdown(t);
    size_t len = json != NULL ? strlen(json) : 0;
    if (md == NULL || (line = realloc(json, len + 2)) == NULL) {
        rc = diag_set(err, REH_ENOMEM, "out of memory while saving %s", st->dir);
        goto done;
    }
    json = line;
    json[len++] = '\n';
    json[len] = '\0';
    rc = store_write_file(st, "session.json", json, len, err);
    if (rc == REH_OK)
        rc = store_write_file(st, "transcript.md", md, strlen(md), err);
done:
    free(json);
    free(md);
    json_decref(root);
    return rc;
}

int store_load(const char *dir, struct transcript *t, struct diag *err)
{
    char path[PATH_MAX + 16];
    char *text = NULL;
    size_t len = 0;

    memset(t, 0, sizeof *t);
    snprintf(path, sizeof path, "%s/session.json", dir);
    int rc = atomic_file_read(path, &text, &len, err);
    if (rc == REH_OK)
        rc = session_codec_decode(text, len, path, t, err);
    free(text);
    return rc;
}

void store_close(struct store *st)
{
    if (st->dirfd >= 0)
        close(st->dirfd);
    st->dirfd = -1;
}
