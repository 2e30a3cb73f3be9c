/* command: the table of commands, their single keys and the phases that
 * accept them, and the parser over it. */
#include "command.h"

#include <string.h>

#define EVERY_PHASE (PHASE_INTRO | PHASE_PRELUDE | PHASE_ANSWER)

static const struct {
    enum command command;
    const char *name;
    char key; /* its single key, or 0 */
    unsigned phases;
} COMMANDS[] = {
    /* first: Enter stands for it while the single keys act */
    {COMMAND_DONE, "/done", 0, EVERY_PHASE},
    {COMMAND_SKIP, "/skip", 's', PHASE_PRELUDE | PHASE_ANSWER},
    {COMMAND_QUIT, "/quit", 'q', EVERY_PHASE},
    {COMMAND_REPEAT, "/repeat", 0, PHASE_PRELUDE | PHASE_ANSWER},
    {COMMAND_PAUSE, "/pause", 'p', PHASE_ANSWER},
    {COMMAND_RESUME, "/resume", 0, PHASE_ANSWER},
    {COMMAND_TIME, "/time", 0, PHASE_ANSWER},
    {COMMAND_RETAKE, "/retake", 'r', PHASE_ANSWER},
    {COMMAND_EDIT, "/edit", 0, PHASE_ANSWER},
    {COMMAND_HELP, "/help", 0, EVERY_PHASE},
};
#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static struct command_line accepted(size_t i, enum command_phase phase, const char *typed)
{
    if (COMMANDS[i].phases & phase)
        return (struct command_line){.command = COMMANDS[i].command};
    return (struct command_line){.command = COMMAND_UNKNOWN, .arg = typed};
}

struct command_line command_parse(const char *line, enum command_phase phase, int keys)
{
    if (keys && line[0] == '\0')
        return accepted(0, phase, COMMANDS[0].name); /* Enter: /done */
    for (size_t i = 0; keys && line[0] != '\0' && line[1] == '\0' && i < N_COMMANDS; i++)
        if (COMMANDS[i].key == line[0])
            return accepted(i, phase, COMMANDS[i].name);
    if (line[0] != '/' || line[1] == '/') /* "//x" is the way to type "/x" */
        return (struct command_line){.command = COMMAND_TEXT,
                                     .arg = line[0] == '/' ? line + 1 : line};
    size_t len = strcspn(line, " \t\r\n");
    int alone = line[len + strspn(line + len, " \t\r\n")] == '\0';
    for (size_t i = 0; alone && i < N_COMMANDS; i++)
        if (strncmp(line, COMMANDS[i].name, len) == 0 && COMMANDS[i].name[len] == '\0')
            return accepted(i, phase, line);
    return (struct command_line){.command = COMMAND_UNKNOWN, .arg = line};
}

const char *command_name(size_t i)
{
    return i < N_COMMANDS ? COMMANDS[i].name : NULL;
}

void command_keys(char out[COMMAND_KEYS_MAX])
{
    size_t n = 0;
    for (size_t i = 0; i < N_COMMANDS && n + 1 < COMMAND_KEYS_MAX; i++)
        if (COMMANDS[i].key != 0)
            out[n++] = COMMANDS[i].key;
    out[n] = '\0';
}
