/* libcurl: dlopen, dlsym, curl_global_init, once. */
#include "libcurl.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

const struct libcurl *libcurl_load(struct diag *err)
{
    static struct libcurl lib;
    static int loaded;
    static const struct {
        const char *name;
        size_t offset;
    } symbols[] = {
        {"curl_global_init", offsetof(struct libcurl, global_init)},
        {"curl_url", offsetof(struct libcurl, url)},
        {"curl_url_set", offsetof(struct libcurl, url_set)},
        {"curl_url_get", offsetof(struct libcurl, url_get)},
        {"curl_url_cleanup", offsetof(struct libcurl, url_cleanup)},
        {"curl_url_strerror", offsetof(struct libcurl, url_strerror)},
        {"curl_free", offsetof(struct libcurl, free)},
        {"curl_easy_init", offsetof(struct libcurl, easy_init)},
        {"curl_easy_setopt", offsetof(struct libcurl, easy_setopt)},
        {"curl_easy_perform", offsetof(struct libcurl, easy_perform)},
        {"curl_easy_getinfo", offsetof(struct libcurl, easy_getinfo)},
        {"curl_easy_cleanup", offsetof(struct libcurl, easy_cleanup)},
        {"curl_easy_strerror", offsetof(struct libcurl, easy_strerror)},
        {"curl_slist_append", offsetof(struct libcurl, slist_append)},
        {"curl_slist_free_all", offsetof(struct libcurl, slist_free_all)},
    };
    if (loaded)
        return &lib;
    void *handle = dlopen(LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL)
        goto fail;
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        void *fn = dlsym(handle, symbols[i].name);
        if (fn == NULL)
            goto fail;
        memcpy((char *)&lib + symbols[i].offset, &fn, sizeof fn); /* a function pointer */
    }
    if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        goto fail;
    loaded = 1;
    return &lib;
fail:
    diag_set(err, REH_EIO, "the interviewer needs libcurl (%s); install the package %s",
             handle == NULL ? dlerror() : LIBCURL_SONAME " lacks a function or fails to start",
             LIBCURL_PACKAGE);
    if (handle != NULL)
        dlclose(handle);
    return NULL;
}
