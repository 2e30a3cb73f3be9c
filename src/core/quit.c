/* quit: the confirmation asked before an interview ends at the candidate's
 * wish (quit.h). */
#include "quit.h"

#include <string.h>

enum quit_verdict quit_ask(struct engine *eng, int by_interrupt)
{
    if (!eng->confirm_quit || (eng->quit_asked && !by_interrupt))
        return QUIT_END;
    eng->quit_asked = 1;
    engine_notice(eng, NOTICE_CONFIRM_QUIT, by_interrupt, NULL);
    return QUIT_HELD;
}

enum quit_verdict quit_line(struct engine *eng, const char *line, enum command command)
{
    if (command == COMMAND_QUIT)
        return quit_ask(eng, 0);
    if (!eng->quit_asked)
        return QUIT_PASS;
    eng->quit_asked = 0;
    if (strcmp(line, "y") == 0 || strcmp(line, "Y") == 0)
        return QUIT_END;
    if (line[0] != '\0')
        return QUIT_PASS;
    engine_notice(eng, NOTICE_GOING_ON, 0, NULL);
    return QUIT_HELD;
}
