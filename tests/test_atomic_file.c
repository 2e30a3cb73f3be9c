/* Tests of the atomic file module: private directories, whole-file
 * replacement that leaves no temporary file and keeps the previous version
 * when it fails, the clearing of temporaries left by a killed writer, and
 * whole-file reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/atomic_file.h"
#include "scratch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
    char dir[SCRATCH_MAX];
    int fd;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct diag err;
    assert_int_equal(scratch_make(f->dir, "atomic"), 0);
    assert_int_equal(atomic_file_open_dir(f->dir, O_NOFOLLOW, &f->fd, &err), REH_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    close(f->fd);
    int rc = scratch_remove(f->dir);
    free(f);
    return rc;
}

/* The names in the directory, sorted, joined by spaces. */
static const char *listing(const char *path)
{
    static char out[1024];
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    assert_true(n >= 0);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
            strcat(out, out[0] ? " " : "");
            strcat(out, names[i]->d_name);
        }
        free(names[i]);
    }
    free(names);
    return out;
}

static void file_is(const char *dir, const char *name, const char *want, mode_t mode)
{
    char path[PATH_MAX], *text;
    size_t len;
    struct stat st;
    struct diag err;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(atomic_file_read(path, &text, &len, &err), REH_OK);
    assert_int_equal(len, strlen(want));
    assert_string_equal(text, want);
    free(text);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, mode);
}

/* Written and replaced: the last content, mode 0600, nothing else left. */
static void replaces_a_file_whole(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    assert_int_equal(atomic_file_write(f->fd, f->dir, "a.json", "first\n", 6, &err), REH_OK);
    file_is(f->dir, "a.json", "first\n", 0600);
    assert_int_equal(atomic_file_write(f->fd, f->dir, "a.json", "second", 6, &err), REH_OK);
    file_is(f->dir, "a.json", "second", 0600);
    assert_string_equal(listing(f->dir), "a.json");
}

/* A write that fails names the file and the reason, leaves no temporary
 * file and the previous version as it was. */
static void a_failed_write_keeps_the_previous_version(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    char name[NAME_MAX], want[PATH_MAX + 512];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0'; /* with ".", ".XXXXXX.tmp", longer than NAME_MAX */
    assert_int_equal(atomic_file_write(f->fd, f->dir, "kept", "old", 3, &err), REH_OK);
    assert_int_equal(atomic_file_write(f->fd, f->dir, name, "new", 3, &err), REH_EIO);
    snprintf(want, sizeof want, "cannot write %s/%s: File name too long", f->dir, name);
    assert_string_equal(err.message, want);
    assert_string_equal(listing(f->dir), "kept");

    /* A directory in the way of the rename. */
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, "%s/busy", f->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(atomic_file_write(f->fd, f->dir, "busy", "x", 1, &err), REH_EIO);
    snprintf(want, sizeof want, "cannot write %s/busy: Is a directory", f->dir);
    assert_string_equal(err.message, want);
    assert_string_equal(listing(f->dir), "busy kept");
    file_is(f->dir, "kept", "old", 0600);
}

/* Only what a writer's temporary file is named like goes. */
static void removes_only_temporaries(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {
        ".session.json.aB3xY9.tmp",  ".lock", "session.json", ".x.tmp",
        ".transcript.md.000000.tmp", "a.tmp"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int fd = openat(f->fd, names[i], O_WRONLY | O_CREAT, 0600);
        assert_true(fd >= 0);
        close(fd);
    }
    assert_int_equal(atomic_file_remove_temporaries(f->fd), 2);
    assert_string_equal(listing(f->dir), ".lock .x.tmp a.tmp session.json");
    assert_int_equal(atomic_file_remove_temporaries(f->fd), 0);
}

/* Directories and their parents are made 0700; a file in the way is named. */
static void makes_private_directories(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    char path[PATH_MAX], want[PATH_MAX + 128];
    struct stat st;
    snprintf(path, sizeof path, "%s/a/b/c", f->dir);
    assert_int_equal(atomic_file_make_dirs(path, &err), REH_OK);
    assert_int_equal(atomic_file_make_dirs(path, &err), REH_OK); /* there already */
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    snprintf(path, sizeof path, "%s/a/b", f->dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);

    assert_int_equal(atomic_file_write(f->fd, f->dir, "file", "", 0, &err), REH_OK);
    snprintf(path, sizeof path, "%s/file/d", f->dir);
    assert_int_equal(atomic_file_make_dirs(path, &err), REH_EIO);
    snprintf(want, sizeof want,
             "cannot create %s: Not a directory; set REHEARSE_HOME to a writable directory", path);
    assert_string_equal(err.message, want);
}

/* A symbolic link to a directory is followed only when asked. */
static void opens_a_link_only_when_asked(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    char link[PATH_MAX], want[PATH_MAX + 64];
    int fd;
    snprintf(link, sizeof link, "%s/link", f->dir);
    assert_int_equal(symlink(".", link), 0);
    assert_int_equal(atomic_file_open_dir(link, O_NOFOLLOW, &fd, &err), REH_EIO);
    assert_int_equal(fd, -1);
    snprintf(want, sizeof want, "cannot open %s: Not a directory", link);
    assert_string_equal(err.message, want);
    assert_int_equal(atomic_file_open_dir(link, 0, &fd, &err), REH_OK);
    close(fd);
}

/* A missing file is REH_EIO with errno ENOENT, which callers tell apart. */
static void reads_or_says_why_not(void **state)
{
    struct fixture *f = *state;
    struct diag err;
    char path[PATH_MAX], want[PATH_MAX + 64], *text;
    size_t len;
    snprintf(path, sizeof path, "%s/none", f->dir);
    assert_int_equal(atomic_file_read(path, &text, &len, &err), REH_EIO);
    assert_int_equal(errno, ENOENT);
    assert_null(text);
    snprintf(want, sizeof want, "cannot read %s: No such file or directory", path);
    assert_string_equal(err.message, want);
    assert_int_equal(atomic_file_write(f->fd, f->dir, "bytes", "a\0b", 3, &err), REH_OK);
    snprintf(path, sizeof path, "%s/bytes", f->dir);
    assert_int_equal(atomic_file_read(path, &text, &len, &err), REH_OK);
    assert_int_equal(len, 3);
    assert_memory_equal(text, "a\0b\0", 4);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(replaces_a_file_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_write_keeps_the_previous_version, setup, teardown),
        cmocka_unit_test_setup_teardown(removes_only_temporaries, setup, teardown),
        cmocka_unit_test_setup_teardown(makes_private_directories, setup, teardown),
        cmocka_unit_test_setup_teardown(opens_a_link_only_when_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(reads_or_says_why_not, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
