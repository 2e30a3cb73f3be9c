/* paths: environment and executable-relative directory lookup. */
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef REHEARSE_SOURCE_DIR
#error "REHEARSE_SOURCE_DIR must be defined by the build"
#endif
#ifndef REHEARSE_DATA_INSTALL_DIR
#error "REHEARSE_DATA_INSTALL_DIR must be defined by the build"
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int join(char out[PATH_MAX], const char *a, const char *b)
{
    int n = snprintf(out, PATH_MAX, "%s/%s", a, b);
    return n > 0 && n < PATH_MAX ? 0 : -1;
}

int paths_find_data(const char *name, char out[PATH_MAX])
{
    const char *env = getenv("REHEARSE_DATA_DIR");
    char exe[PATH_MAX], dir[PATH_MAX];
    if (env != NULL && *env != '\0')
        return join(out, env, name) == 0 && access(out, R_OK) == 0 ? 0 : -1;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            if (join(dir, exe, "../share/rehearse") == 0 && join(out, dir, name) == 0 &&
                access(out, R_OK) == 0)
                return 0;
        }
    }
    if (join(out, REHEARSE_DATA_INSTALL_DIR, name) == 0 && access(out, R_OK) == 0)
        return 0;
    return join(dir, REHEARSE_SOURCE_DIR, "assets") == 0 && join(out, dir, name) == 0 &&
                   access(out, R_OK) == 0
               ? 0
               : -1;
}

/* The built-in directory of `kind`: $REHEARSE_DATA_DIR, then
 * <exe>/../share/rehearse, then the configured install directory, then the
 * source tree (a build that was never installed). */
static int builtin_dir(enum paths_kind kind, char out[PATH_MAX])
{
    const char *sub = kind == PATHS_SCENARIOS ? "scenarios" : "banks";
    const char *env = getenv("REHEARSE_DATA_DIR");
    char exe[PATH_MAX], base[PATH_MAX];
    if (env != NULL && *env != '\0')
        return join(out, env, sub);

    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            if (join(base, exe, "../share/rehearse") == 0 && join(out, base, sub) == 0 &&
                is_dir(out))
                return 0;
        }
    }
    if (join(out, REHEARSE_DATA_INSTALL_DIR, sub) == 0 && is_dir(out))
        return 0;
    return join(out, REHEARSE_SOURCE_DIR, kind == PATHS_SCENARIOS ? "scenarios" : "assets/banks");
}

int paths_home(char out[PATH_MAX])
{
    const char *env = getenv("REHEARSE_HOME");
    if (env != NULL && *env != '\0')
        return snprintf(out, PATH_MAX, "%s", env) < PATH_MAX ? 0 : -1;
    env = getenv("XDG_DATA_HOME");
    if (env != NULL && *env == '/')
        return join(out, env, "rehearse");
    env = getenv("HOME");
    if (env == NULL || *env == '\0')
        return -1;
    return join(out, env, ".local/share/rehearse");
}

static int config_dir(char out[PATH_MAX])
{
    const char *env = getenv("XDG_CONFIG_HOME");
    if (env != NULL && *env == '/')
        return join(out, env, "rehearse");
    env = getenv("HOME");
    if (env == NULL || *env == '\0')
        return -1;
    return join(out, env, ".config/rehearse");
}

size_t paths_search_dirs(enum paths_kind kind, char dirs[PATHS_MAX_DIRS][PATH_MAX])
{
    const char *sub = kind == PATHS_SCENARIOS ? "scenarios" : "banks";
    char base[PATH_MAX];
    size_t n = 0;
    if (config_dir(base) == 0 && join(dirs[n], base, sub) == 0)
        n++;
    if (paths_home(base) == 0 && join(dirs[n], base, sub) == 0)
        n++;
    if (builtin_dir(kind, dirs[n]) == 0)
        n++;
    return n;
}

int paths_find(enum paths_kind kind, const char *id, char out[PATH_MAX])
{
    char dirs[PATHS_MAX_DIRS][PATH_MAX];
    size_t n = paths_search_dirs(kind, dirs);
    for (size_t i = 0; i < n; i++) {
        int len = snprintf(out, PATH_MAX, "%s/%s.yaml", dirs[i], id);
        if (len > 0 && len < PATH_MAX && access(out, R_OK) == 0)
            return 0;
    }
    return -1;
}

int paths_is_file(const char *arg)
{
    size_t len = strlen(arg);
    return strchr(arg, '/') != NULL || (len > 5 && strcmp(arg + len - 5, ".yaml") == 0) ||
           (len > 4 && strcmp(arg + len - 4, ".yml") == 0);
}
