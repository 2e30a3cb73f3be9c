/* playback: the playing thread and the main one share the position, a
 * stop request and the action of the key pressed last (pause, seek, stop)
 * under a mutex; the control of play_file, called by the playing thread
 * every tenth of a second, reads and writes them. */
#include "playback.h"
#include "audio_api.h"
#include "../core/duration.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct playback {
    const struct audio_api *api;
    pthread_t thread;
    pthread_mutex_t lock;
    char *path;
    char what[16];
    /* under lock */
    double position, length;
    int known;                    /* a position was given */
    int paused;                   /* as play_file said last */
    int stop;                     /* asked to stop */
    enum sound_play_action asked; /* for the control to hand over, or PLAY_CONTINUE */
    int ended;                    /* play_file returned */
    int rc;                       /* what it returned */
    struct diag err;
};

static enum sound_play_action control(void *ctx, double position, double length, int paused)
{
    struct playback *pb = ctx;
    pthread_mutex_lock(&pb->lock);
    pb->position = position;
    pb->length = length;
    pb->paused = paused;
    pb->known = 1;
    enum sound_play_action action = pb->stop ? PLAY_QUIT : pb->asked;
    pb->asked = PLAY_CONTINUE;
    pthread_mutex_unlock(&pb->lock);
    return action;
}

static void *play(void *arg)
{
    struct playback *pb = arg;
    struct diag err = {{0}};
    int rc = pb->api->play_file(pb->path, control, pb, &err);
    pthread_mutex_lock(&pb->lock);
    pb->rc = rc == SOUND_QUIT ? REH_OK : rc;
    pb->err = err;
    pb->ended = 1;
    pthread_mutex_unlock(&pb->lock);
    return NULL;
}

int playback_start(struct playback **out, const char *path, const char *what, struct diag *err)
{
    *out = NULL;
    const struct audio_api *api = audio_api_load(err);
    if (api == NULL || api->open(err) != REH_OK)
        return REH_EIO;
    struct playback *pb = calloc(1, sizeof *pb);
    char *copy = pb != NULL ? strdup(path) : NULL;
    if (copy == NULL || pthread_mutex_init(&pb->lock, NULL) != 0) {
        free(copy);
        free(pb);
        api->close();
        return diag_set(err, REH_ENOMEM, "out of memory");
    }
    pb->api = api;
    pb->path = copy;
    snprintf(pb->what, sizeof pb->what, "%s", what);
    if (pthread_create(&pb->thread, NULL, play, pb) != 0) {
        pthread_mutex_destroy(&pb->lock);
        free(copy);
        free(pb);
        api->close();
        return diag_set(err, REH_EIO, "cannot start playing %s: out of threads", path);
    }
    *out = pb;
    return REH_OK;
}

int playback_status(struct playback *pb, char *out, size_t size)
{
    char pos[16], len[16];
    pthread_mutex_lock(&pb->lock);
    int playing = !pb->ended;
    if (pb->known)
        snprintf(out, size, "%s %s %s / %s", pb->what, pb->paused ? "paused" : "playing",
                 duration_clock(pb->position, pos, sizeof pos),
                 duration_clock(pb->length, len, sizeof len));
    else if (size > 0)
        out[0] = '\0';
    pthread_mutex_unlock(&pb->lock);
    return playing;
}

void playback_act(struct playback *pb, enum sound_play_action action)
{
    pthread_mutex_lock(&pb->lock);
    if (action != PLAY_CONTINUE)
        pb->asked = action;
    pthread_mutex_unlock(&pb->lock);
}

const char *playback_what(const struct playback *pb)
{
    return pb->what;
}

int playback_stop(struct playback *pb, struct diag *err)
{
    if (pb == NULL)
        return REH_OK;
    pthread_mutex_lock(&pb->lock);
    pb->stop = 1;
    pthread_mutex_unlock(&pb->lock);
    pthread_join(pb->thread, NULL);
    int rc = pb->rc;
    if (rc != REH_OK)
        *err = pb->err;
    pb->api->close();
    pthread_mutex_destroy(&pb->lock);
    free(pb->path);
    free(pb);
    return rc;
}
