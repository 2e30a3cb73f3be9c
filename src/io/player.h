/* player: the keys and the status line of a recording being played (by
 * `play` and `review`), as the control of audio_api's play_file. On a
 * terminal: space pauses and resumes, q or Enter stops, the left and right
 * arrows seek 5 s back and forward, n (when asked for) goes to the next
 * recording; a status line shows the position, whether it plays, and the
 * keys. Ctrl-C and SIGTERM stop the playing, and the terminal gets its modes
 * back. Without a terminal nothing is read and no status line is drawn. */
#ifndef REHEARSE_PLAYER_H
#define REHEARSE_PLAYER_H

#include "audio_api.h"

#include <signal.h>
#include <termios.h>

struct player {
    int keys;     /* stdin is a terminal, in raw mode while open */
    int progress; /* stdout is a terminal: the status line is drawn */
    int next;     /* n goes to the next recording */
    int shown;    /* a status line is on the screen */
    struct termios saved;
    struct sigaction old_int, old_term;
};

/* Takes the terminal (without line editing or echo) and the signals that
 * stop the playing, until player_close. `next`: n skips to the next
 * recording. */
void player_open(struct player *p, int next);

/* Gives the terminal and the signals back. */
void player_close(struct player *p);

/* The play_file control (ctx: the player): draws the status line and acts on
 * the keys. */
enum sound_play_action player_control(void *ctx, double position, double length, int paused);

/* What key `key` asks of a recording playing: a character typed, or 'L'
 * and 'R' for the left and right arrows; `next`: n skips to the next
 * recording. PLAY_CONTINUE for a key that does nothing. */
enum sound_play_action player_key_action(int key, int next);

/* Ends the status line of the recording that stopped playing. */
void player_done(struct player *p);

/* Whether Ctrl-C or SIGTERM stopped the playing since player_open. */
int player_interrupted(void);

#endif
