/* libcurl: the functions of libcurl that the interviewer uses, loaded with
 * dlopen the first time an interviewer is opened. libcurl and the TLS,
 * Kerberos and LDAP libraries behind it take longer to load than rehearse
 * takes to start, and only a session that asks a local model needs them. */
#ifndef REHEARSE_LIBCURL_H
#define REHEARSE_LIBCURL_H

#include "../core/diag.h"

#include <curl/curl.h>

/* The library, and the Debian package that holds it, named in messages. */
#define LIBCURL_SONAME  "libcurl.so.4"
#define LIBCURL_PACKAGE "libcurl4"

struct libcurl {
    __typeof__(curl_global_init) *global_init;
    __typeof__(curl_url) *url;
    __typeof__(curl_url_set) *url_set;
    __typeof__(curl_url_get) *url_get;
    __typeof__(curl_url_cleanup) *url_cleanup;
    __typeof__(curl_url_strerror) *url_strerror;
    __typeof__(curl_free) *free;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_perform) *easy_perform;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_slist_append) *slist_append;
    __typeof__(curl_slist_free_all) *slist_free_all;
};

/* The functions, loaded and libcurl initialised (curl_global_init) on the
 * first call; they stay loaded until the process ends. Returns NULL with err
 * set (REH_EIO, naming the library and its package) when it cannot be loaded
 * or lacks one of them. Call from one thread at a time. */
const struct libcurl *libcurl_load(struct diag *err);

#endif
