/* Tests of the library: a scenario opened by id from the built-in
 * directory or the user's, or by path, with the bank it names from the
 * built-in or the user's banks, resolved; what is missing is named; and the
 * source (absolute path, SHA-256) of a scenario file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/atomic_file.h"
#include "io/library.h"
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SOURCE REHEARSE_SOURCE_DIR
#define DATA   REHEARSE_TEST_DATA

struct fixture {
    char dir[SCRATCH_MAX];
    char config[PATH_MAX], home[PATH_MAX];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_int_equal(scratch_make(f->dir, "library"), 0);
    snprintf(f->config, sizeof f->config, "%s/config", f->dir);
    snprintf(f->home, sizeof f->home, "%s/home", f->dir);
    setenv("XDG_CONFIG_HOME", f->config, 1);
    setenv("REHEARSE_HOME", f->home, 1);
    unsetenv("REHEARSE_DATA_DIR");
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

/* Copies the file `from` to dir/name, making dir as needed. */
static void copy(const char *from, const char *dir, const char *name)
{
    char cmd[5 * PATH_MAX];
    struct diag err;
    assert_int_equal(atomic_file_make_dirs(dir, &err), REH_OK);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s/%s'", from, dir, name);
    assert_int_equal(system(cmd), 0);
}

static void opens_a_built_in_scenario_with_its_bank(void **state)
{
    (void)state;
    struct scenario sc;
    struct bank bank;
    struct diag err;
    if (library_open("quick-15", &sc, &bank, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_string_equal(sc.path, SOURCE "/scenarios/quick-15.yaml");
    assert_string_equal(sc.title, "Quick drill, 15 minutes");
    assert_string_equal(bank.id, "data-engineering");
    assert_true(bank.n_questions > 0);
    scenario_free(&sc);
    bank_free(&bank);
    if (library_open_bank("data-engineering", &bank, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_string_equal(bank.id, "data-engineering");
    bank_free(&bank);
}

/* The user's scenario (in the configuration) and bank (in the data home)
 * are found by id, and by path. */
static void opens_user_scenarios_and_banks(void **state)
{
    struct fixture *f = *state;
    char dir[2 * PATH_MAX], path[3 * PATH_MAX];
    struct scenario sc;
    struct bank bank;
    struct diag err;
    snprintf(dir, sizeof dir, "%s/rehearse/scenarios", f->config);
    copy(DATA "/good/scenario.yaml", dir, "test-scenario.yaml");
    snprintf(dir, sizeof dir, "%s/banks", f->home);
    copy(DATA "/good/bank.yaml", dir, "test-bank.yaml");
    if (library_open("test-scenario", &sc, &bank, &err) != REH_OK)
        fail_msg("%s", err.message);
    snprintf(path, sizeof path, "%s/rehearse/scenarios/test-scenario.yaml", f->config);
    assert_string_equal(sc.path, path);
    assert_string_equal(bank.id, "test-bank");
    assert_int_equal(sc.n_sections, 4);
    scenario_free(&sc);
    bank_free(&bank);

    if (library_open(DATA "/good/scenario.yaml", &sc, &bank, &err) != REH_OK)
        fail_msg("%s", err.message);
    assert_string_equal(sc.path, DATA "/good/scenario.yaml");
    assert_string_equal(bank.id, "test-bank");
    scenario_free(&sc);
    bank_free(&bank);
    if (library_open_bank("test-bank", &bank, &err) != REH_OK)
        fail_msg("%s", err.message);
    bank_free(&bank);
}

/* An unknown scenario, an unknown bank, and a scenario whose bank is not
 * there (at the position of its `bank` key). */
static void names_what_is_missing(void **state)
{
    struct fixture *f = *state;
    char dir[2 * PATH_MAX], want[4 * PATH_MAX];
    struct scenario sc;
    struct bank bank;
    struct diag err;
    assert_int_equal(library_open("no-such", &sc, &bank, &err), REH_EDATA);
    assert_string_equal(err.message,
                        "no scenario 'no-such'; `rehearse scenarios` lists them, or give a file "
                        "path");
    assert_int_equal(library_open_bank("no-such", &bank, &err), REH_EDATA);
    assert_string_equal(err.message, "no bank 'no-such' found; put no-such.yaml in "
                                     "$XDG_CONFIG_HOME/rehearse/banks or check the 'bank' key");
    snprintf(dir, sizeof dir, "%s/rehearse/scenarios", f->config);
    copy(DATA "/good/scenario.yaml", dir, "test-scenario.yaml");
    assert_int_equal(library_open("test-scenario", &sc, &bank, &err), REH_EDATA);
    snprintf(want, sizeof want,
             "%s/test-scenario.yaml:5:7: unknown bank 'test-bank'; put test-bank.yaml in "
             "$XDG_CONFIG_HOME/rehearse/banks",
             dir);
    assert_string_equal(err.message, want);
}

static void a_source_is_its_absolute_path_and_hash(void **state)
{
    struct fixture *f = *state;
    char abs[PATH_MAX], sha[LIBRARY_SHA256_HEX], path[PATH_MAX], want[PATH_MAX + 64];
    struct diag err;
    snprintf(path, sizeof path, "%s/abc.yaml", f->dir);
    FILE *file = fopen(path, "w");
    fputs("abc", file);
    fclose(file);
    assert_int_equal(chdir(f->dir), 0);
    assert_int_equal(library_source("./abc.yaml", abs, sha, &err), REH_OK);
    assert_string_equal(abs, path);
    assert_string_equal(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(library_source("missing.yaml", abs, sha, &err), REH_EIO);
    snprintf(want, sizeof want, "cannot read missing.yaml: No such file or directory");
    assert_string_equal(err.message, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(opens_a_built_in_scenario_with_its_bank, setup, teardown),
        cmocka_unit_test_setup_teardown(opens_user_scenarios_and_banks, setup, teardown),
        cmocka_unit_test_setup_teardown(names_what_is_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(a_source_is_its_absolute_path_and_hash, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
