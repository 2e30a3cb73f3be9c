/* command: the one grammar of what is typed during an interview. A line
 * starting with '/' is a command ("/skip"), "//" types a single '/', any
 * other line is text. One table says which command each phase of the
 * interview accepts; a command it does not accept, a command followed by
 * text ("/skip now") and a name of no command ("/quitting", "/q") are all
 * unknown commands. While a spoken answer is recorded (and before it, while
 * its question is read and thought over), a key alone on a line stands for
 * a command: Enter for /done, and the keys of command_keys. */
#ifndef REHEARSE_COMMAND_H
#define REHEARSE_COMMAND_H

#include <stddef.h>

enum command {
    COMMAND_TEXT, /* not a command: a line of text (arg) */
    COMMAND_DONE,
    COMMAND_SKIP,
    COMMAND_QUIT,
    COMMAND_REPEAT,
    COMMAND_PAUSE,
    COMMAND_RESUME,
    COMMAND_TIME,
    COMMAND_RETAKE,
    COMMAND_EDIT,
    COMMAND_HELP,
    COMMAND_UNKNOWN, /* arg: what was typed, or the name of a key's command */
};

/* The phases of an interview, each accepting its own commands. */
enum command_phase {
    PHASE_INTRO = 1,   /* before the first question: /done, /quit, /help */
    PHASE_PRELUDE = 2, /* question read aloud, think time: /done, /skip, /quit, /repeat, /help */
    PHASE_ANSWER = 4,  /* the answer clock runs: every command */
};

struct command_line {
    enum command command;
    const char *arg; /* COMMAND_TEXT and COMMAND_UNKNOWN only, else NULL; points into the
                        line parsed or to static text */
};

/* Parses one line typed in `phase`; `keys` is 1 when the single keys act.
 * Whitespace after a command's name is ignored. */
struct command_line command_parse(const char *line, enum command_phase phase, int keys);

/* The name of command i of the table ("/done"...), or NULL past its end. */
const char *command_name(size_t i);

#define COMMAND_KEYS_MAX 8 /* room for the single keys and their NUL */

/* Writes the single keys ("sqpr": skip, quit, pause, retake) into `out`. */
void command_keys(char out[COMMAND_KEYS_MAX]);

#endif
