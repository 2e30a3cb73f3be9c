/* Tests of where rehearse finds its files: the data home from
 * REHEARSE_HOME, XDG_DATA_HOME or HOME (and the message when there is none),
 * the search directories of scenarios and banks, built-in data files, and a
 * data home that is a symbolic link, written and listed through it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/atomic_file.h"
#include "io/json_file.h"
#include "io/paths.h"
#include "io/session_dir.h"
#include "io/store.h"
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SOURCE REHEARSE_SOURCE_DIR

struct fixture {
    char dir[SCRATCH_MAX];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_int_equal(scratch_make(f->dir, "paths"), 0);
    unsetenv("REHEARSE_HOME");
    unsetenv("XDG_DATA_HOME");
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("REHEARSE_DATA_DIR");
    setenv("HOME", f->dir, 1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    int rc = scratch_remove(f->dir);
    free(f);
    return rc;
}

static void home_is(const char *want)
{
    char home[PATH_MAX];
    struct diag err;
    assert_int_equal(paths_home(home, &err), REH_OK);
    assert_string_equal(home, want);
}

/* REHEARSE_HOME first, then an absolute XDG_DATA_HOME, then HOME. */
static void data_home_follows_the_environment(void **state)
{
    struct fixture *f = *state;
    char want[PATH_MAX];
    snprintf(want, sizeof want, "%s/.local/share/rehearse", f->dir);
    home_is(want);
    setenv("XDG_DATA_HOME", "relative/data", 1); /* not absolute: ignored */
    home_is(want);
    setenv("XDG_DATA_HOME", "/xdg/data", 1);
    home_is("/xdg/data/rehearse");
    setenv("REHEARSE_HOME", "/elsewhere/rehearse", 1);
    home_is("/elsewhere/rehearse");
    setenv("REHEARSE_HOME", "", 1); /* empty: unset */
    home_is("/xdg/data/rehearse");
}

static void no_home_is_a_clear_error(void **state)
{
    (void)state;
    char home[PATH_MAX], *long_home = malloc(PATH_MAX + 2);
    struct diag err;
    unsetenv("HOME");
    assert_int_equal(paths_home(home, &err), REH_EIO);
    assert_string_equal(err.message, "no data home: set REHEARSE_HOME (or HOME)");
    memset(long_home, 'h', PATH_MAX + 1);
    long_home[0] = '/';
    long_home[PATH_MAX + 1] = '\0';
    setenv("HOME", long_home, 1);
    assert_int_equal(paths_home(home, &err), REH_EIO);
    assert_string_equal(err.message,
                        "no data home: HOME is too long; set REHEARSE_HOME to a shorter path");
    free(long_home);
}

/* Scenarios and banks: the user's configuration, the data home, then the
 * built-in directory (here the source tree, or REHEARSE_DATA_DIR). */
static void search_directories_in_order(void **state)
{
    struct fixture *f = *state;
    char dirs[PATHS_MAX_DIRS][PATH_MAX], want[PATH_MAX];
    setenv("XDG_CONFIG_HOME", "/config", 1);
    setenv("REHEARSE_HOME", "/data/home", 1);
    assert_int_equal(paths_search_dirs(PATHS_SCENARIOS, dirs), 3);
    assert_string_equal(dirs[0], "/config/rehearse/scenarios");
    assert_string_equal(dirs[1], "/data/home/scenarios");
    assert_string_equal(dirs[2], SOURCE "/scenarios");
    unsetenv("XDG_CONFIG_HOME");
    setenv("REHEARSE_DATA_DIR", "/usr/share/rehearse", 1);
    assert_int_equal(paths_search_dirs(PATHS_BANKS, dirs), 3);
    snprintf(want, sizeof want, "%s/.config/rehearse/banks", f->dir);
    assert_string_equal(dirs[0], want);
    assert_string_equal(dirs[1], "/data/home/banks");
    assert_string_equal(dirs[2], "/usr/share/rehearse/banks");
}

/* Writes an empty file at dir/name, making dir as needed. */
static void touch(const char *dir, const char *name, char path[PATH_MAX])
{
    struct diag err;
    assert_int_equal(atomic_file_make_dirs(dir, &err), REH_OK);
    snprintf(path, PATH_MAX, "%s/%s", dir, name);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fclose(file);
}

/* A user file of the same id comes before the built-in one; a missing one
 * names the directories searched. */
static void finds_user_files_first(void **state)
{
    struct fixture *f = *state;
    char path[PATH_MAX], dir[PATH_MAX], mine[PATH_MAX], want[4 * PATH_MAX];
    struct diag err;
    assert_int_equal(paths_find(PATHS_SCENARIOS, "quick-15", path, &err), REH_OK);
    assert_string_equal(path, SOURCE "/scenarios/quick-15.yaml");
    snprintf(dir, sizeof dir, "%s/.config/rehearse/scenarios", f->dir);
    touch(dir, "quick-15.yaml", mine);
    assert_int_equal(paths_find(PATHS_SCENARIOS, "quick-15", path, &err), REH_OK);
    assert_string_equal(path, mine);

    assert_int_equal(paths_find(PATHS_BANKS, "no-such-bank", path, &err), REH_EDATA);
    snprintf(want, sizeof want,
             "no no-such-bank.yaml in %s/.config/rehearse/banks, "
             "%s/.local/share/rehearse/banks or " SOURCE "/assets/banks",
             f->dir, f->dir);
    assert_string_equal(err.message, want);
}

/* Built-in data files come from REHEARSE_DATA_DIR when it is set, and from
 * nowhere else then. */
static void finds_built_in_data(void **state)
{
    struct fixture *f = *state;
    char path[PATH_MAX], want[PATH_MAX + 128];
    struct diag err;
    assert_int_equal(paths_find_data("fillers.txt", path, &err), REH_OK);
    assert_string_equal(path, SOURCE "/assets/fillers.txt");
    setenv("REHEARSE_DATA_DIR", f->dir, 1);
    assert_int_equal(paths_find_data("fillers.txt", path, &err), REH_EIO);
    snprintf(want, sizeof want,
             "no fillers.txt in %s; set REHEARSE_DATA_DIR to rehearse's data directory", f->dir);
    assert_string_equal(err.message, want);
    touch(f->dir, "fillers.txt", want);
    assert_int_equal(paths_find_data("fillers.txt", path, &err), REH_OK);
    assert_string_equal(path, want);
}

/* A data home that is a symbolic link the user made: its files are
 * written and its sessions made and listed through the link. */
static void a_linked_home_is_used_through_the_link(void **state)
{
    struct fixture *f = *state;
    char real[PATH_MAX], link[PATH_MAX], home[PATH_MAX], path[2 * PATH_MAX], **ids;
    struct diag err;
    struct store st;
    size_t n;
    struct stat sb;
    snprintf(real, sizeof real, "%s/real-home", f->dir);
    snprintf(link, sizeof link, "%s/home-link", f->dir);
    assert_int_equal(mkdir(real, 0700), 0);
    assert_int_equal(symlink(real, link), 0);
    setenv("REHEARSE_HOME", link, 1);
    assert_int_equal(paths_home(home, &err), REH_OK);
    assert_string_equal(home, link);

    json_t *root = json_pack("{s:i}", "format", 1);
    assert_int_equal(json_file_write(home, "schedule.json", root, JSON_COMPACT, &err), REH_OK);
    json_decref(root);
    snprintf(path, sizeof path, "%s/schedule.json", real);
    assert_int_equal(lstat(path, &sb), 0);
    assert_true(S_ISREG(sb.st_mode));
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode)); /* still the user's link */

    assert_int_equal(store_create(&st, home, "quick-15", 0, &err), REH_OK);
    store_close(&st);
    assert_int_equal(session_dir_list(home, &ids, &n, NULL, NULL, &err), REH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ids[0], st.id);
    session_dir_free(ids);
    snprintf(path, sizeof path, "%s/sessions/%s", real, st.id);
    assert_int_equal(stat(path, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(data_home_follows_the_environment, setup, teardown),
        cmocka_unit_test_setup_teardown(no_home_is_a_clear_error, setup, teardown),
        cmocka_unit_test_setup_teardown(search_directories_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(finds_user_files_first, setup, teardown),
        cmocka_unit_test_setup_teardown(finds_built_in_data, setup, teardown),
        cmocka_unit_test_setup_teardown(a_linked_home_is_used_through_the_link, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
