/* json_file: jansson over atomic_file. */
#include "json_file.h"
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int json_file_read(const char *path, size_t flags, json_t **root, struct diag *err)
{
    json_error_t jerr;
    char *text;
    size_t len;
    *root = NULL;
    int rc = atomic_file_read(path, &text, &len, err);
    if (rc != REH_OK)
        return errno == ENOENT ? REH_OK : rc;
    *root = json_loadb(text, len, flags, &jerr);
    free(text);
    if (*root == NULL)
        return diag_at(err, path, (size_t)(jerr.line > 0 ? jerr.line : 1),
                       (size_t)(jerr.column > 0 ? jerr.column : 1), "%s", jerr.text);
    return REH_OK;
}

int json_file_write(const char *home, const char *name, const json_t *root, size_t flags,
                    struct diag *err)
{
    int dirfd = -1;
    char *text = json_dumps(root, flags);
    int rc = text == NULL ? diag_set(err, REH_ENOMEM, "out of memory writing %s/%s", home, name)
                          : atomic_file_make_dirs(home, err);
    /* The data home may be a symbolic link the user made; the files in it
     * are still replaced without following one. */
    if (rc == REH_OK && (rc = atomic_file_open_dir(home, 0, &dirfd, err)) == REH_OK) {
        rc = atomic_file_write(dirfd, home, name, text, strlen(text), err);
        close(dirfd);
    }
    free(text);
    return rc;
}
