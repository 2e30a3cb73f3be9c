/* term_complete: the completion of /command names in readline. */
#include "term_complete.h"
#include "../core/command.h"

#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>

/* readline's generator: the names starting with `text`, one per call, from
 * the first when state is 0; each is malloc'd (readline frees it). */
static char *command_names(const char *text, int state)
{
    static size_t next;
    const char *name;
    if (state == 0)
        next = 0;
    while ((name = command_name(next++)) != NULL)
        if (strncmp(name, text, strlen(text)) == 0)
            return strdup(name);
    return NULL;
}

/* Only a command at the start of the line is completed, with nothing
 * appended (the command is the whole line). */
static char **complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1; /* never file names */
    rl_completion_append_character = '\0';
    return start == 0 && text[0] == '/' ? rl_completion_matches(text, command_names) : NULL;
}

/* Tab: completes a line that starts with '/', and does nothing in text
 * (no bell, no tab character). */
static int on_tab(int count, int key)
{
    return rl_line_buffer[0] == '/' ? rl_complete(count, key) : 0;
}

void term_complete_install(void)
{
    rl_attempted_completion_function = complete;
    rl_bind_key('\t', on_tab);
}
