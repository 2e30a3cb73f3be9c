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

/* Writes "a/b" into out; whether it fits. */
static int join(char out[PATH_MAX], const char *a, const char *b)
{
    int n = snprintf(out, PATH_MAX, "%s/%s", a, b);
    return n > 0 && n < PATH_MAX;
}

/* Whether dir/name is a file that can be read; its path is in out. */
static int readable_in(char out[PATH_MAX], const char *dir, const char *name)
{
    return join(out, dir, name) && access(out, R_OK) == 0;
}

/* Whether the executable's <dir>/../share/rehearse could be made (it may
 * not exist); it is in out. */
static int share_next_to_exe(char out[PATH_MAX])
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return 0;
    *slash = '\0';
    return join(out, exe, "../share/rehearse");
}

int paths_find_data(const char *name, char out[PATH_MAX], struct diag *err)
{
    const char *env = getenv("REHEARSE_DATA_DIR");
    char dir[PATH_MAX];
    if (env != NULL && *env != '\0')
        return readable_in(out, env, name)
                   ? REH_OK
                   : diag_set(err, REH_EIO,
                              "no %s in %s; set REHEARSE_DATA_DIR to rehearse's data directory",
                              name, env);
    if ((share_next_to_exe(dir) && readable_in(out, dir, name)) ||
        readable_in(out, REHEARSE_DATA_INSTALL_DIR, name) ||
        (join(dir, REHEARSE_SOURCE_DIR, "assets") && readable_in(out, dir, name)))
        return REH_OK;
    return diag_set(err, REH_EIO,
                    "no %s in %s; reinstall rehearse or set REHEARSE_DATA_DIR to its data "
                    "directory",
                    name, REHEARSE_DATA_INSTALL_DIR);
}

/* The built-in directory of `kind`: $REHEARSE_DATA_DIR, then
 * <exe>/../share/rehearse, then the configured install directory, then the
 * source tree (a build that was never installed). Whether its path fits. */
static int builtin_dir(enum paths_kind kind, char out[PATH_MAX])
{
    const char *sub = kind == PATHS_SCENARIOS ? "scenarios" : "banks";
    const char *env = getenv("REHEARSE_DATA_DIR");
    char base[PATH_MAX];
    if (env != NULL && *env != '\0')
        return join(out, env, sub);
    if ((share_next_to_exe(base) && join(out, base, sub) && is_dir(out)) ||
        (join(out, REHEARSE_DATA_INSTALL_DIR, sub) && is_dir(out)))
        return 1;
    return join(out, REHEARSE_SOURCE_DIR, kind == PATHS_SCENARIOS ? "scenarios" : "assets/banks");
}

int paths_home(char out[PATH_MAX], struct diag *err)
{
    const char *env = getenv("REHEARSE_HOME"), *var = "REHEARSE_HOME";
    if (env != NULL && *env != '\0') {
        if (snprintf(out, PATH_MAX, "%s", env) < PATH_MAX)
            return REH_OK;
    } else if ((env = getenv("XDG_DATA_HOME")) != NULL && *env == '/') {
        var = "XDG_DATA_HOME";
        if (join(out, env, "rehearse"))
            return REH_OK;
    } else if ((env = getenv("HOME")) != NULL && *env != '\0') {
        var = "HOME";
        if (join(out, env, ".local/share/rehearse"))
            return REH_OK;
    } else {
        return diag_set(err, REH_EIO, "no data home: set REHEARSE_HOME (or HOME)");
    }
    return diag_set(err, REH_EIO,
                    "no data home: %s is too long; set REHEARSE_HOME to a shorter path", var);
}

/* $XDG_CONFIG_HOME/rehearse, else ~/.config/rehearse; whether there is one. */
static int config_dir(char out[PATH_MAX])
{
    const char *env = getenv("XDG_CONFIG_HOME");
    if (env != NULL && *env == '/')
        return join(out, env, "rehearse");
    env = getenv("HOME");
    return env != NULL && *env != '\0' && join(out, env, ".config/rehearse");
}

int paths_cache(char out[PATH_MAX])
{
    const char *env = getenv("XDG_CACHE_HOME");
    if (env != NULL && *env == '/')
        return join(out, env, "rehearse");
    env = getenv("HOME");
    return env != NULL && *env != '\0' && join(out, env, ".cache/rehearse");
}

size_t paths_search_dirs(enum paths_kind kind, char dirs[PATHS_MAX_DIRS][PATH_MAX])
{
    const char *sub = kind == PATHS_SCENARIOS ? "scenarios" : "banks";
    char base[PATH_MAX];
    struct diag ignored; /* no data home: one directory fewer */
    size_t n = 0;
    if (config_dir(base) && join(dirs[n], base, sub))
        n++;
    if (paths_home(base, &ignored) == REH_OK && join(dirs[n], base, sub))
        n++;
    if (builtin_dir(kind, dirs[n]))
        n++;
    return n;
}

int paths_find(enum paths_kind kind, const char *id, char out[PATH_MAX], struct diag *err)
{
    char dirs[PATHS_MAX_DIRS][PATH_MAX], searched[DIAG_MAX] = "";
    size_t n = paths_search_dirs(kind, dirs), used = 0;
    for (size_t i = 0; i < n; i++) {
        int len = snprintf(out, PATH_MAX, "%s/%s.yaml", dirs[i], id);
        if (len > 0 && len < PATH_MAX && access(out, R_OK) == 0)
            return REH_OK;
        if (used < sizeof searched)
            used += (size_t)snprintf(searched + used, sizeof searched - used, "%s%s",
                                     i == 0      ? ""
                                     : i + 1 < n ? ", "
                                                 : " or ",
                                     dirs[i]);
    }
    return diag_set(err, REH_EDATA, "no %s.yaml in %s", id, n > 0 ? searched : "any directory");
}

int paths_is_file(const char *arg)
{
    size_t len = strlen(arg);
    return strchr(arg, '/') != NULL || (len > 5 && strcmp(arg + len - 5, ".yaml") == 0) ||
           (len > 4 && strcmp(arg + len - 4, ".yml") == 0);
}
