/* term_keys: readline's bindings of the single keys and of Esc. */
#include "term_keys.h"
#include "term_line.h"

#include <stdio.h>
#include <string.h>

#include <readline/readline.h>

static char keys[8];        /* the keys that act alone on an empty line, "" for none */
static int keyed;           /* the pending line is such a key */
static KEYMAP_ENTRY escape; /* what Esc was bound to before it was made a key */
static Keymap escape_map;   /* the keymap of that binding; NULL when Esc is not a key */

static int on_single_key(int count, int key);

/* Esc starts the sequences of the arrow and meta keys, so it is a key of
 * its own only while asked for and the line is empty (the arrows have
 * nothing to move over then); otherwise it has its binding back. The entry
 * is replaced in place: rl_bind_key would only bind Esc followed by an
 * unbound key, leaving Esc itself a prefix. */
static void escape_as_key(int as_key)
{
    if (as_key && escape_map == NULL) {
        escape_map = rl_get_keymap();
        escape = escape_map[ESC];
        escape_map[ESC] = (KEYMAP_ENTRY){.type = ISFUNC, .function = on_single_key};
    } else if (!as_key && escape_map != NULL) {
        escape_map[ESC] = escape;
        escape_map = NULL;
    }
}

void term_keys_follow_line(void)
{
    escape_as_key(strchr(keys, ESC) != NULL && rl_end == 0);
}

/* Bound to the keys of term_keys_set: on an empty line while they are on,
 * the key is entered as a line of its own (Esc as an empty line, like
 * Enter); otherwise it is typed, and Esc is read again with its own binding
 * (text typed in one go reaches here before the binding follows the
 * line). */
static int on_single_key(int count, int key)
{
    enum term_key what = term_line_key(keys, (size_t)rl_end, key);
    if (what == TERM_KEY_ESCAPE) {
        escape_as_key(0);
        return rl_execute_next(ESC);
    }
    if (what == TERM_KEY_TYPED)
        return rl_insert(count, key);
    char line[2] = {(char)key, '\0'};
    if (key != ESC)
        rl_insert_text(line);
    keyed = 1; /* a key, not a line of the answer: no history */
    return rl_newline(1, '\n');
}

void term_keys_set(const char *set)
{
    snprintf(keys, sizeof keys, "%s", set != NULL ? set : "");
    term_keys_follow_line();
    for (const char *k = keys; *k != '\0'; k++)
        if (*k != ESC)
            rl_bind_key((unsigned char)*k, on_single_key);
}

int term_keys_entered(void)
{
    int was = keyed;
    keyed = 0;
    return was;
}
