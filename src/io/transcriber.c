/* transcriber: fork, exec, read the pipe, wait. */
#include "transcriber.h"
#include "../core/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TRANSCRIBER_MAX_ARGS   64
#define TRANSCRIBER_MAX_OUTPUT (1u << 20)

int transcriber_run(const char *const *argv, const char *wav, char **text, struct diag *err)
{
    const char *args[TRANSCRIBER_MAX_ARGS + 2];
    size_t n = 0, len = 0, cap = 4096;
    int fds[2], status = 0;
    *text = NULL;
    while (argv[n] != NULL && n < TRANSCRIBER_MAX_ARGS) {
        args[n] = argv[n];
        n++;
    }
    args[n++] = wav;
    args[n] = NULL;
    char *out = malloc(cap);
    if (out == NULL || pipe(fds) != 0) {
        free(out);
        return diag_set(err, REH_EIO, "cannot run the transcriber: %s", strerror(errno));
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execvp(args[0], (char *const *)args);
        _exit(127);
    }
    close(fds[1]);
    for (ssize_t got; pid > 0 && (got = read(fds[0], out + len, cap - len - 1)) != 0;) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        len += (size_t)got;
        if (len + 1 == cap && cap < TRANSCRIBER_MAX_OUTPUT) {
            char *grown = realloc(out, cap * 2);
            if (grown == NULL)
                break;
            out = grown;
            cap *= 2;
        }
    }
    close(fds[0]);
    out[len] = '\0';
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        free(out);
        return diag_set(err, REH_EIO, "the transcriber '%s' failed%s", args[0],
                        pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127 ? " to start"
                                                                                   : "");
    }
    if (out[strspn(out, " \t\r\n")] == '\0') {
        free(out);
        return diag_set(err, REH_EIO, "the transcriber '%s' printed nothing", args[0]);
    }
    *text = text_valid_utf8(out, len); /* NUL bytes and invalid UTF-8 become U+FFFD */
    free(out);
    return *text != NULL ? REH_OK : diag_set(err, REH_ENOMEM, "out of memory");
}
