/* player: raw keys from stdin (arrow keys as their escape sequences), and
 * the status line redrawn in place with a carriage return. */
#include "player.h"
#include "../core/duration.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

void player_open(struct player *p, int next)
{
    struct sigaction sa = {.sa_handler = on_interrupt};
    memset(p, 0, sizeof *p);
    p->next = next;
    p->progress = isatty(STDOUT_FILENO);
    p->keys = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &p->saved) == 0;
    if (p->keys) {
        struct termios raw = p->saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    interrupted = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &p->old_int);
    sigaction(SIGTERM, &sa, &p->old_term);
}

void player_close(struct player *p)
{
    if (p->keys)
        tcsetattr(STDIN_FILENO, TCSANOW, &p->saved);
    sigaction(SIGINT, &p->old_int, NULL);
    sigaction(SIGTERM, &p->old_term, NULL);
}

int player_interrupted(void)
{
    return interrupted;
}

/* The next key typed, if one is waiting: a character, or 'L' and 'R' for
 * the left and right arrows; 0 when none. */
static int read_key(void)
{
    struct pollfd fd = {.fd = STDIN_FILENO, .events = POLLIN};
    char key[8];
    if (poll(&fd, 1, 0) <= 0)
        return 0;
    ssize_t n = read(STDIN_FILENO, key, 1);
    if (n != 1)
        return 0;
    if (key[0] != '\033')
        return key[0];
    /* an arrow comes as ESC [ C or ESC O C, all at once */
    if (poll(&fd, 1, 50) <= 0 || read(STDIN_FILENO, key + 1, 2) != 2)
        return '\033';
    if ((key[1] == '[' || key[1] == 'O') && (key[2] == 'C' || key[2] == 'D'))
        return key[2] == 'C' ? 'R' : 'L';
    return '\033';
}

enum sound_play_action player_control(void *ctx, double position, double length, int paused)
{
    struct player *p = ctx;
    char pos[16], len[16];
    if (interrupted)
        return PLAY_QUIT;
    if (p->progress) {
        printf("\r  %s / %s %s  space pauses, left/right %.0f s, %sq or Enter stops ",
               duration_clock(position, pos, sizeof pos), duration_clock(length, len, sizeof len),
               paused ? "paused " : "playing", SOUND_SEEK_S, p->next ? "n next, " : "");
        fflush(stdout);
        p->shown = 1;
    }
    return p->keys ? player_key_action(read_key(), p->next) : PLAY_CONTINUE;
}

enum sound_play_action player_key_action(int key, int next)
{
    switch (key) {
    case ' ':
        return PLAY_TOGGLE_PAUSE;
    case 'q':
    case '\n':
    case '\r':
        return PLAY_QUIT;
    case 'n':
        return next ? PLAY_NEXT : PLAY_CONTINUE;
    case 'L':
        return PLAY_SEEK_BACK;
    case 'R':
        return PLAY_SEEK_FORWARD;
    default:
        return PLAY_CONTINUE;
    }
}

void player_done(struct player *p)
{
    if (p->shown)
        putchar('\n');
    p->shown = 0;
}
