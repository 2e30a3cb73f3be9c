/* term_editor: a temporary file, the editor in a child process, the file
 * read back. */
#include "term_editor.h"
#include "../core/text.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Ignored while the editor runs (the first 2), and left to stop this
 * process with it (the others). */
#define N_SIGNALS 5

#define FIX "set VISUAL or EDITOR to an editor that works, e.g. export VISUAL=nano"

/* $VISUAL, else $EDITOR, else vi. */
static const char *editor_name(void)
{
    const char *names[] = {"VISUAL", "EDITOR"};
    for (size_t i = 0; i < 2; i++) {
        const char *v = getenv(names[i]);
        if (v != NULL && *v != '\0')
            return v;
    }
    return "vi";
}

/* Writes `text` and a line break into a new file of $TMPDIR, readable by
 * the user alone; its name goes into `path`. */
static int write_file(const char *text, char *path, size_t size, struct diag *err)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/rehearse-answer-XXXXXX.txt",
             dir != NULL && *dir != '\0' ? dir : "/tmp");
    int fd = mkstemps(path, 4); /* mode 0600 */
    if (fd < 0)
        return diag_set(err, REH_EIO, "cannot create %s for the editor: %s", path, strerror(errno));
    FILE *f = fdopen(fd, "w");
    int failed = f == NULL || (*text != '\0' && fprintf(f, "%s\n", text) < 0);
    if (f != NULL)
        failed |= fclose(f) != 0;
    else
        close(fd);
    if (failed) {
        int rc =
            diag_set(err, REH_EIO, "cannot write %s for the editor: %s", path, strerror(errno));
        unlink(path);
        return rc;
    }
    return REH_OK;
}

/* Runs the editor over `path` and waits for it; the terminal's signals go
 * to it, and a stop (the editor suspended) stops this process with it. */
static int run_editor(const char *editor, const char *path, struct diag *err)
{
    char command[4096];
    if ((size_t)snprintf(command, sizeof command, "%s \"$1\"", editor) >= sizeof command)
        return diag_set(err, REH_EIO, "the editor's command is too long; " FIX);
    static const int SIGNALS[N_SIGNALS] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
    struct sigaction saved[N_SIGNALS], ignore = {.sa_handler = SIG_IGN},
                                       dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&ignore.sa_mask);
    sigemptyset(&dfl.sa_mask);
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaction(SIGNALS[i], i < 2 ? &ignore : &dfl, &saved[i]);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        execl("/bin/sh", "sh", "-c", command, editor, path, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    pid_t got = pid;
    while (pid > 0 && (got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaction(SIGNALS[i], &saved[i], NULL);
    if (pid < 0 || got < 0)
        return diag_set(err, REH_EIO, "cannot run the editor %s: %s", editor, strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return diag_set(err, REH_EIO, "the editor %s was not found; " FIX, editor);
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        return diag_set(err, REH_EIO, "the editor %s exited with status %d; " FIX, editor,
                        WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return diag_set(err, REH_EIO, "the editor %s was killed by signal %d; " FIX, editor,
                        WTERMSIG(status));
    return REH_OK;
}

/* Reads the file back into *edited: valid UTF-8, its last line breaks
 * dropped. */
static int read_file(const char *path, char **edited, struct diag *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(TERM_EDITOR_MAX + 1);
    size_t n = f != NULL && buf != NULL ? fread(buf, 1, TERM_EDITOR_MAX + 1, f) : 0;
    int rc = REH_OK;
    if (buf == NULL)
        rc = diag_set(err, REH_ENOMEM, "out of memory");
    else if (f == NULL || ferror(f))
        rc = diag_set(err, REH_EIO, "cannot read %s back from the editor: %s", path,
                      strerror(errno));
    else if (n > TERM_EDITOR_MAX)
        rc = diag_set(err, REH_EIO, "%s is larger than 1 MiB", path);
    while (rc == REH_OK && n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    if (rc == REH_OK && (*edited = text_valid_utf8(buf, n)) == NULL)
        rc = diag_set(err, REH_ENOMEM, "out of memory");
    if (f != NULL)
        fclose(f);
    free(buf);
    return rc;
}

int term_editor_run(const char *text, char **edited, struct diag *err)
{
    char path[4096];
    const char *editor = editor_name();
    *edited = NULL;
    int rc = write_file(text, path, sizeof path, err);
    if (rc != REH_OK)
        return rc;
    rc = run_editor(editor, path, err);
    if (rc == REH_OK)
        rc = read_file(path, edited, err);
    unlink(path);
    return rc;
}
