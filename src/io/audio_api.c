/* audio_api: dlopen of the audio module. */
#include "audio_api.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if !defined(REHEARSE_AUDIO_MODULE_DIR) || !defined(REHEARSE_AUDIO_MODULE_RELDIR)
#error "REHEARSE_AUDIO_MODULE_DIR and _RELDIR must be defined by the build"
#endif

#define MODULE_NAME "rehearse-audio.so"

static const struct audio_api *try_load(const char *path, char *why, size_t size)
{
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        snprintf(why, size, "%s", dlerror());
        return NULL;
    }
    const struct audio_api *api = dlsym(handle, AUDIO_API_SYMBOL);
    if (api == NULL || api->version != AUDIO_API_VERSION) {
        snprintf(why, size, "%.200s is not this version's audio module", path);
        dlclose(handle);
        return NULL;
    }
    return api;
}

const struct audio_api *audio_api_load(struct diag *err)
{
    static const struct audio_api *loaded;
    char candidates[4][PATH_MAX], exe[PATH_MAX], why[DIAG_MAX] = "";
    size_t n = 0;
    if (loaded != NULL)
        return loaded;

    const char *env = getenv("REHEARSE_AUDIO_MODULE");
    if (env != NULL && *env != '\0')
        snprintf(candidates[n++], PATH_MAX, "%s", env);
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            snprintf(candidates[n++], PATH_MAX, "%.*s/%s", PATH_MAX - 32, exe, MODULE_NAME);
            snprintf(candidates[n++], PATH_MAX, "%.*s/../%s/%s", PATH_MAX - 128, exe,
                     REHEARSE_AUDIO_MODULE_RELDIR, MODULE_NAME);
        }
    }
    snprintf(candidates[n++], PATH_MAX, "%s/%s", REHEARSE_AUDIO_MODULE_DIR, MODULE_NAME);
    for (size_t i = 0; i < n && loaded == NULL; i++)
        if (access(candidates[i], R_OK) == 0)
            loaded = try_load(candidates[i], why, sizeof why);
    if (loaded == NULL)
        diag_set(err, REH_EIO, "the audio module cannot be loaded (%s); reinstall rehearse",
                 why[0] ? why : "no " MODULE_NAME " found");
    return loaded;
}
